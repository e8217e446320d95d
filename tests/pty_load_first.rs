//! A folder opened on its periods under review, the others loading in the background, on the
//! real binary. The load is held by the test (`EBR_TEST_LOAD_GATE`, debug builds only: it
//! waits while the gate file exists), so what happens before it ends is certain, not a race.

mod pty_harness;

use std::time::Duration;

use pty_harness::Session;

/// The bundled sample: 13 months and 4 quarters.
const FILES: usize = 17;

/// A gate file that exists until the test removes it.
fn gate() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let gate = dir.path().join("hold");
    std::fs::write(&gate, "").expect("the gate");
    let path = gate.display().to_string();
    (dir, path)
}

#[test]
fn keys_work_before_the_other_periods_are_loaded_and_the_rest_arrives_after() {
    let (_dir, gate) = gate();
    let mut s = Session::spawn(&["view", "data"], 140, 36, &[("EBR_TEST_LOAD_GATE", &gate)]);
    let loading = format!("Loading the other periods: 0 of {FILES} files read");
    s.wait_text(&loading);
    s.wait_text("Oct 2026 vs Sep 2026 (MoM)");

    // Keys are answered on the two periods loaded.
    s.send(b"4");
    s.wait_for("the Dealers tab", |scr| {
        pty_harness::active_tab(scr) == "4 Dealers"
    });
    s.send(b"p");
    s.wait_text("Period under review");
    let picker = s.contents();
    assert!(picker.contains("Sep 2026"), "{picker}");
    assert!(
        !picker.contains("Aug 2026"),
        "only the loaded periods can be chosen yet:\n{picker}"
    );
    s.send(b"\x1b");
    s.wait_for("the picker closed", |scr| {
        !scr.contents().contains("Period under review")
    });
    assert!(s.contents().contains(&loading), "still loading");

    std::fs::remove_file(&gate).expect("open the gate");
    s.wait_text(&format!("Loaded {FILES} snapshots at"));
    assert!(!s.contents().contains("Loading the other periods"));
    assert_eq!(s.active_tab(), "4 Dealers", "the view stays");
    s.send(b"p");
    s.wait_text("Aug 2026");
    s.send(b"\x1b");
    s.quit();
}

#[test]
fn q_ends_ebr_while_the_other_periods_are_still_loading() {
    let (_dir, gate) = gate();
    let mut s = Session::spawn(&["view", "data"], 120, 30, &[("EBR_TEST_LOAD_GATE", &gate)]);
    s.wait_text("Loading the other periods");
    s.send(b"q");
    let (code, _) = s.wait_exit(Duration::from_secs(10));
    s.drain();
    assert_eq!(code, 0);
    assert!(s.restored(), "the terminal is given back");
}
