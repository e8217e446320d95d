//! Presenter mode on a pseudo-terminal: the real binary steps through the sample monthly
//! review with Space, PgDn, →, ←, PgUp and a number then Enter, leaves an item and comes back
//! with `r`, reads every key of a burst, and an agenda that does not resolve never takes the
//! terminal.

mod pty_harness;

use std::time::Duration;

use pty_harness::{Session, wait_item};

const MONTHLY: &str = "data/monthly-review.agenda.toml";

#[test]
fn the_presenter_steps_through_the_agenda_and_returns_from_a_detour() {
    let mut s = Session::spawn(&["present", MONTHLY, "data/"], 100, 30, &[]);
    wait_item(&s, "1/9 · Headline: the month against the month before");
    s.wait_text("Space next");
    s.send(b" ");
    wait_item(&s, "2/9 · Journeys");
    s.send(b"\x1b[6~"); // PgDn
    wait_item(&s, "3/9 · Dealer groups, slowest to answer first");
    s.send(b"\x1b[C"); // →
    wait_item(&s, "4/9 · Whitfield Dealer Group");
    s.wait_text("Ecosystem › Central › Whitfield Dealer Group");
    s.send(b"\x1b[D"); // ←
    wait_item(&s, "3/9 · ");
    s.send(b"\x1b[5~"); // PgUp
    wait_item(&s, "2/9 · ");
    s.send(b"8");
    s.wait_text("go to item 8_");
    s.send(b"\r");
    wait_item(&s, "8/9 · Attribution");
    s.send(b"4\r");
    wait_item(&s, "4/9 · Whitfield");
    // A question from the room: into a dealer, and back to the item with one key.
    s.send(b"\r");
    s.wait_text("(off the item: r returns)");
    s.wait_text("› Aurora Motors of Fargo");
    s.send(b"r");
    s.wait_for("back on item 4's view", |scr| {
        let text = scr.contents();
        text.contains("Dealers of Whitfield Dealer Group") && !text.contains("off the item")
    });
    s.send(b"q");
    let (code, _) = s.wait_exit(Duration::from_secs(10));
    s.drain();
    assert_eq!(code, 0);
    assert!(s.restored(), "terminal restored:\n{}", s.contents());
}

/// The monthly review presented, on item 3 (the dealer groups).
fn on_dealer_groups() -> Session {
    let mut s = Session::spawn(&["present", MONTHLY, "data/"], 100, 30, &[]);
    wait_item(&s, "1/9 · Headline");
    s.send(b"3\r");
    wait_item(&s, "3/9 · Dealer groups");
    s
}

/// Sends `keys` in one write (as a paste, or keys bunched together over SSH, arrive) and
/// expects presenter mode on item 7, then quits.
fn typed_together_reaches_item_7(mut s: Session, keys: &[u8]) {
    s.send(keys);
    wait_item(&s, "7/9 · P&L");
    s.quit();
}

#[test]
fn a_jump_typed_right_after_a_burst_of_keys_is_not_lost() {
    // About 3 KB: the selection down a thousand times (it stops on the last row), then a jump.
    // crossterm's default reader left the end of such a burst unread until the next key (it
    // read 1 KiB per wake-up and was woken only by new input), so the jump never came.
    let mut burst = b"\x1b[B".repeat(1000);
    burst.extend_from_slice(b"7\r");
    typed_together_reaches_item_7(on_dealer_groups(), &burst);
}

#[test]
fn esc_then_a_jump_arriving_together_closes_the_filter_and_jumps() {
    let mut s = on_dealer_groups();
    s.send(b"/wh");
    s.wait_text("/wh");
    // Esc followed by 7 is also how a terminal sends Alt+7, which ebr binds to nothing.
    typed_together_reaches_item_7(s, b"\x1b7\r");
}

#[test]
fn an_agenda_item_that_does_not_resolve_is_reported_before_the_terminal_is_touched() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let agenda = dir.path().join("bad.agenda.toml");
    std::fs::write(
        &agenda,
        "[[items]]\ntitle = \"Closed\"\nperiod = \"latest-month\"\ndrill = \"d024\"\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let path = agenda.to_string_lossy().into_owned();
    let mut s = Session::spawn(&["present", &path, "data/"], 100, 30, &[]);
    let (code, _) = s.wait_exit(Duration::from_secs(20));
    s.drain();
    assert_eq!(code, 1);
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(
        raw.contains(&format!("{path}:4:9: error: items[0].drill: `d024` is not")),
        "{raw}"
    );
    assert!(
        !raw.contains("\x1b[?1049h"),
        "the alternate screen was never entered"
    );
}
