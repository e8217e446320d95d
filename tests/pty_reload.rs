//! Live reload on the real binary: files edited under a running `ebr view` (a new snapshot, a
//! half-written file, a value that is not valid, a fix saved by rename) and what the screen
//! shows after each, with the tab, the selection and the periods kept. The expected figures
//! are the fixture's own (leads 120 + 80 + 40 for Pacific Auto Group's one dealer) changed by
//! hand here, not taken from the app.

mod pty_harness;

use std::path::Path;
use std::time::Duration;

use pty_harness::Session;

const FIXTURE: &str = include_str!("fixtures/valid/minimal.toml");

/// The line of the first dealer's leads in the fixture.
const LEADS: &str = "leads = { oem = 120, dealer = 80, partner = 40 }";

/// The screen row that names `name`.
fn row_of(screen: &str, name: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains(name))
        .unwrap_or_default()
        .to_owned()
}

/// Saves the way most editors do: a hidden temporary file renamed over the target.
fn save_by_rename(path: &Path, text: &str) {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("x");
    let temp = path.with_file_name(format!(".{name}.part"));
    std::fs::write(&temp, text).expect("write the temporary file");
    std::fs::rename(&temp, path).expect("rename over the file");
}

/// The fixture as a snapshot of September 2026, with `oem` leads for the first dealer.
fn september(oem: u32) -> String {
    FIXTURE
        .replacen("id = \"2026-10\"", "id = \"2026-09\"", 1)
        .replacen("start = 2026-10-01", "start = 2026-09-01", 1)
        .replacen("end = 2026-10-31", "end = 2026-09-30", 1)
        .replacen("oem = 120,", &format!("oem = {oem},"), 1)
}

#[test]
fn a_broken_file_never_replaces_good_data_and_a_fixed_one_does() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let october = dir.path().join("2026-10.toml");
    std::fs::write(&october, FIXTURE).expect("write");
    let folder = dir.path().display().to_string();
    let mut s = Session::spawn(&["view", &folder], 140, 30, &[]);
    s.wait_text("Vehicles sold");
    s.send(b"4j"); // Dealers, then the second group
    s.wait_text("▸ Harbor Motors");
    s.wait_for("Pacific Auto Group with 240 leads", |scr| {
        row_of(&scr.contents(), "Pacific Auto Group").contains(" 240 ")
    });
    assert!(
        !s.contents().contains(" vs "),
        "one period: nothing to compare"
    );

    // A new file in the folder: September appears, compared as the previous month.
    let sept = dir.path().join("2026-09.toml");
    let sept_text = september(130);
    save_by_rename(&sept, &sept_text);
    s.wait_text("Oct 2026 vs Sep 2026 (MoM)");
    s.wait_text("▸ Harbor Motors");
    assert_eq!(s.active_tab(), "4 Dealers");

    // Half written, as an editor or a copy caught in the middle: refused, old figures kept.
    std::fs::write(&october, &FIXTURE[..FIXTURE.len() / 2]).expect("write half");
    s.wait_text("Not reloaded, data of");
    s.wait_text("2026-10.toml:");
    assert!(row_of(&s.contents(), "Pacific Auto Group").contains(" 240 "));

    // A value that is not valid: the banner names file, line and column.
    let broken = FIXTURE.replacen(LEADS, &LEADS.replace("partner = 40", "partner = -40"), 1);
    let line = 1 + broken[..broken.find("partner = -40").expect("edited")]
        .matches('\n')
        .count();
    let column = 1 + broken
        .lines()
        .nth(line - 1)
        .unwrap_or_default()
        .find("-40")
        .unwrap_or(0);
    std::fs::write(&october, &broken).expect("write broken");
    s.wait_text(&format!(
        "2026-10.toml:{line}:{column}: dealers[0].facts.leads.partner: found -40"
    ));
    assert!(row_of(&s.contents(), "Pacific Auto Group").contains(" 240 "));
    assert!(s.contents().contains("▸ Harbor Motors"));

    // Fixed, with 1,000 more OEM leads, saved by rename: the banner goes, the new figures
    // show, the view stays where it was.
    let fixed = FIXTURE.replacen("oem = 120,", "oem = 1120,", 1);
    save_by_rename(&october, &fixed);
    s.wait_for("the new figures without the banner", |scr| {
        let text = scr.contents();
        !text.contains("Not reloaded")
            && row_of(&scr.contents(), "Pacific Auto Group").contains(" 1,240 ")
            && row_of(&scr.contents(), "Ecosystem ").contains(" 1,315 ")
    });
    assert!(s.contents().contains("▸ Harbor Motors"), "selection kept");
    assert!(
        s.contents().contains("Oct 2026 vs Sep 2026 (MoM)"),
        "periods kept"
    );
    assert_eq!(s.active_tab(), "4 Dealers");

    s.send(b"q");
    let (code, _) = s.wait_exit(Duration::from_secs(10));
    s.drain();
    assert_eq!(code, 0);
    assert!(s.restored());
    assert_eq!(
        std::fs::read_to_string(&october).expect("read"),
        fixed,
        "untouched by ebr"
    );
    assert_eq!(std::fs::read_to_string(&sept).expect("read"), sept_text);
}

#[test]
fn with_watching_off_ctrl_r_reloads_by_hand() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let october = dir.path().join("2026-10.toml");
    std::fs::write(&october, FIXTURE).expect("write");
    let file = october.display().to_string();
    let mut s = Session::spawn(&["view", &file], 120, 30, &[("EBR_WATCH", "off")]);
    s.wait_text("Vehicles sold");
    s.send(b"4");
    s.wait_for("Pacific Auto Group with 240 leads", |scr| {
        row_of(&scr.contents(), "Pacific Auto Group").contains(" 240 ")
    });
    std::fs::write(&october, FIXTURE.replacen("oem = 120,", "oem = 1120,", 1)).expect("write");
    // Not watched: a second is ten times what a watched change takes to show.
    std::thread::sleep(Duration::from_secs(1));
    s.settle(Duration::from_millis(300));
    assert!(row_of(&s.contents(), "Pacific Auto Group").contains(" 240 "));
    s.send(b"\x12"); // Ctrl-R
    s.wait_for("the new figures", |scr| {
        row_of(&scr.contents(), "Pacific Auto Group").contains(" 1,240 ")
    });
    s.wait_text("Reloaded 1 snapshot at");
    s.send(b"q");
    s.wait_exit(Duration::from_secs(10));
}

#[test]
fn a_key_added_in_the_config_file_reloads() {
    let xdg = tempfile::tempdir().expect("a temp dir");
    std::fs::create_dir_all(xdg.path().join("ebr")).expect("mkdir");
    std::fs::write(
        xdg.path().join("ebr").join("config.toml"),
        "watch = \"off\"\n\n[keys]\nreload = \"f5\"\n",
    )
    .expect("write the config");
    let dir = tempfile::tempdir().expect("a temp dir");
    let october = dir.path().join("2026-10.toml");
    std::fs::write(&october, FIXTURE).expect("write");
    let file = october.display().to_string();
    let home = xdg.path().display().to_string();
    let mut s = Session::spawn(&["view", &file], 120, 30, &[("XDG_CONFIG_HOME", &home)]);
    s.send(b"4");
    s.wait_for("Pacific Auto Group with 240 leads", |scr| {
        row_of(&scr.contents(), "Pacific Auto Group").contains(" 240 ")
    });
    std::fs::write(&october, FIXTURE.replacen("oem = 120,", "oem = 1120,", 1)).expect("write");
    // watch = "off" in the config file: nothing changes until the key.
    std::thread::sleep(Duration::from_secs(1));
    s.settle(Duration::from_millis(300));
    assert!(row_of(&s.contents(), "Pacific Auto Group").contains(" 240 "));
    s.send(b"\x1b[15~"); // F5
    s.wait_for("the new figures", |scr| {
        row_of(&scr.contents(), "Pacific Auto Group").contains(" 1,240 ")
    });
    s.send(b"q");
    s.wait_exit(Duration::from_secs(10));
}

/// Polling, with the change made within a second of the file's first write: a poller that
/// compared modification times in whole seconds (notify's does) would miss it.
#[test]
fn polling_notices_a_change_too() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let october = dir.path().join("2026-10.toml");
    std::fs::write(&october, FIXTURE).expect("write");
    let folder = dir.path().display().to_string();
    let mut s = Session::spawn(&["view", &folder], 120, 30, &[("EBR_WATCH", "poll")]);
    s.send(b"4");
    s.wait_for("Pacific Auto Group with 240 leads", |scr| {
        row_of(&scr.contents(), "Pacific Auto Group").contains(" 240 ")
    });
    save_by_rename(&october, &FIXTURE.replacen("oem = 120,", "oem = 1120,", 1));
    s.wait_for("the new figures", |scr| {
        row_of(&scr.contents(), "Pacific Auto Group").contains(" 1,240 ")
    });
    s.send(b"q");
    s.wait_exit(Duration::from_secs(10));
}
