//! Speaker notes on two pseudo-terminals: `ebr present` and `ebr notes` as two real
//! processes. Stepping the presenter moves the follower; the socket is the owner's only; a
//! follower that starts late shows the current item; a follower that never reads, or was
//! killed, does not stall the presenter.

mod pty_harness;

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::Duration;

use pty_harness::{Session, wait_item};

const MONTHLY: &str = "data/monthly-review.agenda.toml";

fn presenter(socket: &Path) -> Session {
    let socket = socket.to_str().unwrap_or_else(|| panic!("path"));
    let s = Session::spawn(
        &["present", MONTHLY, "data/", "--socket", socket],
        100,
        30,
        &[],
    );
    wait_item(&s, "1/9 · Headline");
    s
}

fn follower(socket: &Path) -> Session {
    let socket = socket.to_str().unwrap_or_else(|| panic!("path"));
    Session::spawn(&["notes", "--socket", socket], 80, 24, &[])
}

#[test]
fn the_follower_shows_the_presenters_item_notes_and_next_title_and_moves_with_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let socket = dir.path().join("notes.sock");
    let mut p = presenter(&socket);
    let meta = std::fs::symlink_metadata(&socket).unwrap_or_else(|e| panic!("{e}"));
    assert!(meta.file_type().is_socket());
    assert_eq!(meta.permissions().mode() & 0o777, 0o600, "socket mode");
    let mut f = follower(&socket);
    f.wait_text("1/9 · Headline: the month against the month before");
    // The notes of item 1 and the title of item 2, as the agenda file has them.
    f.wait_text("Open with the headline cards: leads, SLA adherence, response time, sales,");
    f.wait_text("Next: Journeys: where the funnel leaks");
    f.wait_text("/ 5:00");
    p.send(b" ");
    wait_item(&p, "2/9 · Journeys");
    f.wait_text("2/9 · Journeys: where the funnel leaks");
    f.wait_text("EV launch and service retention carry the ROI.");
    f.wait_text("Next: Dealer groups, slowest to answer first");
    p.send(b"9\r");
    wait_item(&p, "9/9 · Maturity");
    f.wait_text("Data Coverage reached stage 2 in May");
    f.wait_text("Last item");
    // A detour is shown to the speaker too.
    p.send(b"\t");
    f.wait_text("(off the item");
    p.quit();
    f.wait_text("The presenter has ended.");
    let (code, _) = f.wait_exit(Duration::from_secs(10));
    assert_eq!(code, 0);
    assert!(
        !socket.exists(),
        "the socket is removed when the presenter quits"
    );
}

#[test]
fn a_follower_that_starts_late_shows_the_current_item() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let socket = dir.path().join("notes.sock");
    let mut p = presenter(&socket);
    p.send(b"4\r");
    wait_item(&p, "4/9 · Whitfield Dealer Group");
    let f = follower(&socket);
    f.wait_text("4/9 · Whitfield Dealer Group");
    f.wait_text("The coaching plan with its general managers");
    f.wait_text("Next: Whitfield, a year ago and now");
    p.quit();
}

#[test]
fn a_follower_started_first_waits_for_the_presenter() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let socket = dir.path().join("notes.sock");
    let f = follower(&socket);
    f.wait_text("waiting for a presenter");
    let p = presenter(&socket);
    f.wait_text("1/9 · Headline");
    p.quit();
}

#[test]
fn a_stalled_or_killed_follower_does_not_stall_the_presenter() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let socket = dir.path().join("notes.sock");
    let mut p = presenter(&socket);
    // Connects and never reads.
    let _stalled = UnixStream::connect(&socket).unwrap_or_else(|e| panic!("{e}"));
    let killed = follower(&socket);
    killed.wait_text("1/9 · Headline");
    killed.signal("KILL");
    let live = follower(&socket);
    live.wait_text("1/9 · Headline");
    // Each step sends every follower a whole position (a few hundred bytes): 800 steps are
    // far more than a follower's socket holds, so a presenter that waited for the stalled
    // follower would stop answering keys here. The jump after each batch is answered.
    for batch in 0..20 {
        for _ in 0..20 {
            p.send(b" \x1b[D");
        }
        let target = batch % 7 + 2;
        p.send(format!("{target}\r").as_bytes());
        wait_item(&p, &format!("{target}/9 · "));
    }
    p.send(b"7\r");
    wait_item(&p, "7/9 · P&L");
    live.wait_text("7/9 · P&L: what the stack earns, what to retire");
    p.send(b"\x1b[6~");
    wait_item(&p, "8/9 · Attribution");
    live.wait_text("8/9 · Attribution");
    p.quit();
}
