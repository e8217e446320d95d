//! Capture while exploring, on a pseudo-terminal: the presenter leaves item 4 for a dealer,
//! presses `a`, and the agenda file gains that view as item 10, everything before it kept
//! byte for byte; the file still resolves, its new item at that dealer.

mod pty_harness;

use std::process::Command;
use std::time::Duration;

use pty_harness::Session;

#[test]
fn a_appends_the_view_on_screen_to_the_agenda_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let original = std::fs::read_to_string("data/monthly-review.agenda.toml")
        .unwrap_or_else(|e| panic!("{e}"));
    let agenda = dir.path().join("monthly.agenda.toml");
    std::fs::write(&agenda, &original).unwrap_or_else(|e| panic!("{e}"));
    let path = agenda.to_str().unwrap_or_else(|| panic!("path"));
    let mut p = Session::spawn(&["present", path, "data/"], 110, 30, &[]);
    p.wait_text("1/9 · Headline");
    p.send(b"4\r");
    p.wait_text("4/9 · Whitfield Dealer Group");
    // Into the first dealer of the group: a detour.
    p.send(b"\r");
    p.wait_text("(off the item: r returns)");
    p.send(b"a");
    p.wait_text("Added item 10");
    p.send(b"q");
    let (code, _) = p.wait_exit(Duration::from_secs(10));
    assert_eq!(code, 0);
    let written = std::fs::read_to_string(&agenda).unwrap_or_else(|e| panic!("{e}"));
    assert!(written.starts_with(&original), "{written}");
    let added = &written[original.len()..];
    assert!(added.contains("\n[[items]]\n"), "{added}");
    assert!(added.contains("tab = \"dealers\"\n"), "{added}");
    // The listing (no terminal) resolves the file: item 10 is at a dealer of Whitfield.
    let out = Command::new(env!("CARGO_BIN_EXE_ebr"))
        .args(["present", path, "data/"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listing = String::from_utf8_lossy(&out.stdout);
    let line = listing
        .lines()
        .find(|l| l.starts_with("10. "))
        .unwrap_or_else(|| panic!("{listing}"));
    let drill = added
        .lines()
        .find_map(|l| l.strip_prefix("drill = \""))
        .and_then(|l| l.strip_suffix('"'))
        .unwrap_or_else(|| panic!("{added}"));
    assert!(drill.starts_with('d'), "a dealer id: {drill}");
    assert!(
        line.contains(&format!(": dealers at {drill}, 2026-10 vs 2026-09")),
        "{line}"
    );
}
