//! The real binary on a pseudo-terminal: keys, resizes and every way out, checked on a vt100
//! model of the screen.

mod pty_harness;

use std::time::Duration;

use pty_harness::Session;

const FIXTURE: &str = "tests/fixtures/valid/minimal.toml";

fn quit_cleanly(mut s: Session) {
    s.send(b"q");
    let (code, _) = s.wait_exit(Duration::from_secs(10));
    s.drain();
    assert_eq!(code, 0, "q exits with success");
    assert!(
        s.restored(),
        "main screen and cursor back:\n{}",
        s.contents()
    );
}

#[test]
fn tabs_drill_filter_help_and_resize_show_the_right_screen() {
    let mut s = Session::spawn(&["view", FIXTURE], 100, 30, &[]);
    s.wait_text("Vehicles sold");
    assert_eq!(s.active_tab(), "1 Overview");

    s.send(b"4");
    s.wait_text("Dealer groups");
    assert_eq!(s.active_tab(), "4 Dealers");
    s.send(b"\t");
    s.wait_for("the Maturity tab", |scr| {
        pty_harness::active_tab(scr) == "5 Maturity"
    });
    s.send(b"\x1b[Z"); // Shift-Tab
    s.wait_text("Dealer groups");
    assert_eq!(s.active_tab(), "4 Dealers");

    s.send(b"\r"); // Enter on the first group
    s.wait_text("Ecosystem › West › Pacific Auto Group");
    s.wait_text("Dealers of Pacific Auto Group");
    // Up one level at a time: the region (its groups, the one we came from selected), then
    // the ecosystem with the selection where it was.
    s.send(b"\x1b"); // Esc
    s.wait_text("Dealer groups in West");
    s.wait_text("▸ Pacific Auto Group");
    s.send(b"\x7f"); // Backspace
    s.wait_for("back at the ecosystem", |scr| {
        let text = scr.contents();
        text.contains("Dealer groups") && !text.contains("› West")
    });
    s.wait_text("▸ Pacific Auto Group");

    s.send(b"/harb");
    s.wait_for("only Harbor Motors", |scr| {
        let text = scr.contents();
        text.contains("Harbor Motors")
            && !text.contains("Pacific Auto Group")
            && text.contains("/harb")
    });
    s.send(b"\r\x1b"); // keep, then clear
    s.wait_text("Pacific Auto Group");

    s.send(b"?");
    s.wait_text("Help: ? or Esc closes");
    s.send(b"?");
    s.wait_for("help closed", |scr| !scr.contents().contains("Help: ?"));

    s.resize(60, 20);
    s.wait_for("a 60x20 layout", |scr| {
        // The hint bar on the new last row: a frame drawn for this size, not the old one cut.
        let hints = scr.rows(0, 60).nth(19).unwrap_or_default();
        scr.contents().contains("Dealer groups") && hints.starts_with("? help")
    });
    s.resize(30, 8);
    s.wait_text("Terminal too small");
    s.resize(100, 30);
    s.wait_text("Dealer groups");
    quit_cleanly(s);
}

#[test]
fn sigterm_restores_the_terminal_and_exits() {
    let mut s = Session::spawn(&["view", FIXTURE], 80, 24, &[]);
    s.wait_text("Vehicles sold");
    s.signal("TERM");
    let (code, _) = s.wait_exit(Duration::from_secs(5));
    s.drain();
    assert_eq!(code, 128 + 15);
    assert!(s.restored(), "after SIGTERM:\n{}", s.contents());
}

#[test]
fn sighup_restores_the_terminal_and_exits() {
    let mut s = Session::spawn(&["view", FIXTURE], 80, 24, &[]);
    s.wait_text("Vehicles sold");
    s.signal("HUP");
    let (code, _) = s.wait_exit(Duration::from_secs(5));
    s.drain();
    assert_eq!(code, 128 + 1);
    assert!(s.restored(), "after SIGHUP:\n{}", s.contents());
}

#[test]
fn a_terminal_that_goes_away_ends_the_process_within_a_second() {
    let mut s = Session::spawn_until(&["view", FIXTURE], 80, 24, "Vehicles sold");
    s.wait_text("Vehicles sold");
    s.hang_up();
    let (_, took) = s.wait_exit(Duration::from_secs(5));
    assert!(took < Duration::from_secs(1), "took {took:?}");
}

#[test]
fn a_bad_file_fails_before_the_terminal_is_touched() {
    let mut s = Session::spawn(
        &["view", "tests/fixtures/invalid/sla_above_leads.toml"],
        80,
        24,
        &[],
    );
    let (code, _) = s.wait_exit(Duration::from_secs(10));
    s.drain();
    assert_eq!(code, 1);
    assert!(
        s.contents().contains("leads_answered_in_sla"),
        "{}",
        s.contents()
    );
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(
        !raw.contains("\x1b[?1049h"),
        "never entered the alternate screen: {raw:?}"
    );
}

#[test]
fn a_dumb_terminal_gets_the_plain_report() {
    let mut s = Session::spawn(&["view", FIXTURE], 100, 30, &[("TERM", "dumb")]);
    let (code, _) = s.wait_exit(Duration::from_secs(10));
    s.drain();
    assert_eq!(code, 0);
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(raw.contains("== Dealers =="), "{raw}");
    assert!(!raw.contains("\x1b["), "no escape sequences in the report");
}

#[test]
fn a_pipe_gets_the_plain_report() {
    let out = std::process::Command::new(pty_harness::ebr())
        .args(["view", FIXTURE])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run ebr");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.starts_with("Aurora Motors North America · Oct 2026\n"),
        "{text}"
    );
    for heading in ["== Overview ==", "== Segments ==", "== Dealers =="] {
        assert!(text.contains(heading), "{heading} in\n{text}");
    }
    assert!(text.contains("Pacific Auto Group"), "{text}");
}

#[test]
fn with_no_arguments_it_opens_the_bundled_sample() {
    let s = Session::spawn(&[], 100, 30, &[]);
    s.wait_text("Aurora Motors North America");
    s.wait_text("Oct 2026");
    s.wait_text("Vehicles sold");
    quit_cleanly(s);
}

#[test]
fn ctrl_c_quits_and_restores() {
    let mut s = Session::spawn(&["view", FIXTURE], 80, 24, &[]);
    s.wait_text("Vehicles sold");
    s.send(b"\x03");
    let (code, _) = s.wait_exit(Duration::from_secs(10));
    s.drain();
    assert_eq!(code, 0);
    assert!(s.restored(), "after Ctrl-C:\n{}", s.contents());
}

#[test]
fn a_panic_restores_the_terminal_and_reports() {
    // Debug builds panic on the key named by EBR_TEST_PANIC_KEY (see ui::terminal).
    let mut s = Session::spawn(&["view", FIXTURE], 80, 24, &[("EBR_TEST_PANIC_KEY", "!")]);
    s.wait_text("Vehicles sold");
    s.send(b"!");
    let (code, _) = s.wait_exit(Duration::from_secs(10));
    s.drain();
    assert_ne!(code, 0);
    assert!(s.restored(), "after a panic:\n{}", s.contents());
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(
        raw.contains("injected by EBR_TEST_PANIC_KEY"),
        "the report is shown: {raw}"
    );
}

/// The OSC 52 sequences in the raw output, each decoded from base64.
fn osc52_payloads(raw: &[u8]) -> Vec<String> {
    use base64::Engine;
    let text = String::from_utf8_lossy(raw);
    text.split("\x1b]52;c;")
        .skip(1)
        .filter_map(|rest| rest.split('\x07').next())
        .map(|b64| {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(b64)
                .expect("OSC 52 payload is base64");
            String::from_utf8(bytes).expect("OSC 52 payload is UTF-8")
        })
        .collect()
}

#[test]
fn y_copies_the_table_as_tsv_through_osc52_and_says_so() {
    let mut s = Session::spawn(&[], 120, 36, &[("TMUX", ""), ("STY", "")]);
    s.wait_text("Overview");
    s.send(b"4");
    s.wait_text("Dealer groups");
    s.send(b"y");
    s.wait_text("Copied Dealer groups (12 rows, TSV");
    let copied = osc52_payloads(&s.raw());
    assert_eq!(copied.len(), 1, "{copied:?}");
    let lines: Vec<&str> = copied[0].lines().collect();
    // The header, the pinned ecosystem row, then the 12 dealer groups in screen order.
    assert_eq!(lines.len(), 14, "{}", copied[0]);
    assert!(
        lines[0].starts_with("Dealer group\tRegion\tDealers\t"),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with("Ecosystem\t"), "{}", lines[1]);
    assert!(
        lines[2].starts_with("Harper Automotive Group\t"),
        "{}",
        lines[2]
    );
    assert!(s.contents().contains("to the clipboard (OSC 52)"));
    s.send(b"q");
    s.wait_exit(Duration::from_secs(10));
}

#[test]
fn y_above_the_cap_sends_nothing_and_offers_a_file() {
    let mut s = Session::spawn(
        &[],
        120,
        36,
        &[("TMUX", ""), ("STY", ""), ("EBR_CLIPBOARD_CAP", "200")],
    );
    s.wait_text("Overview");
    s.send(b"4");
    s.wait_text("Dealer groups");
    s.send(b"y");
    s.wait_text("Not copied:");
    s.wait_text("to save a file");
    assert!(osc52_payloads(&s.raw()).is_empty());
    assert!(!String::from_utf8_lossy(&s.raw()).contains("\x1b]52;"));
    s.send(b"q");
    s.wait_exit(Duration::from_secs(10));
}
