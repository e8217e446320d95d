//! Names whose width terminals disagree on (an emoji family joined by U+200D, a heart with
//! U+FE0F, U+FFFE and U+FFFF, CJK) on a pseudo-terminal: after pressing 4 then 2 the screen a
//! terminal shows is, row for row, the headless render of the same view and size. Before, the
//! terminal drew the joined family six columns wide where ebr counted two, and every column
//! right of a name shifted.

mod pty_harness;

use std::process::Command;
use std::time::Duration;

use pty_harness::Session;

const FILE: &str = "tests/fixtures/hostile/widths.toml";
const COLS: u16 = 120;
const ROWS: u16 = 36;

/// `ebr render` of `tab` at the PTY's size, as plain text.
fn headless(tab: &str) -> Vec<String> {
    let out = Command::new(pty_harness::ebr())
        .args(["render", FILE, "--tab", tab, "--format", "txt"])
        .args(["--size", &format!("{COLS}x{ROWS}")])
        .env(
            "XDG_CONFIG_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-ebr-config"),
        )
        .env_remove("EBR_CONFIG")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    rows(&String::from_utf8_lossy(&out.stdout))
}

/// One string per row, trailing blanks dropped; the blank rows at the bottom that vt100 leaves
/// out of its text are added back.
fn rows(text: &str) -> Vec<String> {
    let mut rows: Vec<String> = text.lines().map(|l| l.trim_end().to_owned()).collect();
    rows.resize(usize::from(ROWS), String::new());
    rows
}

#[test]
fn the_terminal_shows_what_the_headless_render_draws_after_switching_tabs() {
    let mut s = Session::spawn(&["view", FILE], COLS, ROWS, &[]);
    s.wait_for("the overview", |scr| {
        pty_harness::active_tab(scr).contains("Overview")
    });
    s.send(b"4");
    s.wait_for("the dealers tab", |scr| {
        pty_harness::active_tab(scr).contains("Dealers")
    });
    s.settle(Duration::from_millis(300));
    assert_eq!(rows(&s.contents()), headless("dealers"), "dealers");
    s.send(b"2");
    s.wait_for("the journeys tab", |scr| {
        pty_harness::active_tab(scr).contains("Journeys")
    });
    s.settle(Duration::from_millis(300));
    assert_eq!(rows(&s.contents()), headless("journeys"), "journeys");
    s.send(b"q");
    let (code, _) = s.wait_exit(Duration::from_secs(10));
    assert_eq!(code, 0);
}
