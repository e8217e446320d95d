//! What `ebr notes` shows: the item's number and title with the timer, the speaker notes, and
//! the next item's title; or that it waits for a presenter. Lines of text wrapped to the
//! terminal's width, every text from the agenda made printable.

use crate::app::Cue;
use crate::export::printable;
use crate::ui::fit::{width, wrap};
use crate::ui::present::timer;

/// The notes screen for `cue`, `columns` wide.
pub fn lines(cue: &Cue, columns: usize) -> Vec<String> {
    let columns = columns.max(20);
    let (time, _) = timer(cue.elapsed_secs, cue.budget_secs);
    let head = format!("{}/{} · {}", cue.number, cue.count, printable(&cue.title));
    let mut out = Vec::new();
    if width(&head) + 2 + width(&time) <= columns {
        let gap = columns - width(&head) - width(&time);
        out.push(format!("{head}{}{time}", " ".repeat(gap)));
    } else {
        out.extend(wrap(&head, columns));
        out.push(time);
    }
    if cue.figures_changed {
        out.push("(figures changed since rehearsal: check them before speaking)".to_owned());
    }
    if cue.off_item {
        out.push("(off the item: the presenter is answering a question; r returns)".to_owned());
    }
    out.push(String::new());
    let notes = cue.notes.trim();
    if notes.is_empty() {
        out.push("(no notes for this item)".to_owned());
    }
    for line in notes.lines() {
        let line = printable(line);
        if line.trim().is_empty() {
            out.push(String::new());
        } else {
            out.extend(wrap(&line, columns));
        }
    }
    out.push(String::new());
    match &cue.next {
        Some(next) => out.extend(wrap(&format!("Next: {}", printable(next)), columns)),
        None => out.push("Last item".to_owned()),
    }
    out
}

/// While no presenter answers on the socket.
pub fn waiting(socket: &str) -> Vec<String> {
    vec![
        "ebr notes: waiting for a presenter (ebr present) on".to_owned(),
        printable(socket).into_owned(),
        String::new(),
        "Ctrl-C ends.".to_owned(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_screen_shows_position_timer_notes_and_next_title() {
        let cue = Cue {
            number: 3,
            count: 9,
            title: "Dealer groups".to_owned(),
            notes: "First line.\n\nSecond \u{1b}[2J paragraph.\n".to_owned(),
            next: Some("Whitfield".to_owned()),
            elapsed_secs: 135,
            budget_secs: Some(300),
            off_item: false,
            figures_changed: false,
        };
        assert_eq!(
            lines(&cue, 40),
            [
                "3/9 · Dealer groups          2:15 / 5:00",
                "",
                "First line.",
                "",
                "Second \\u{1b}[2J paragraph.",
                "",
                "Next: Whitfield",
            ]
        );
        let last = Cue {
            next: None,
            off_item: true,
            figures_changed: true,
            notes: String::new(),
            elapsed_secs: 301,
            ..cue
        };
        let shown = lines(&last, 40);
        assert_eq!(shown[0], "3/9 · Dealer groups        5:01 / 5:00 !");
        assert!(shown[1].starts_with("(figures changed since rehearsal"));
        assert!(shown[2].starts_with("(off the item"));
        assert_eq!(shown[4], "(no notes for this item)");
        assert_eq!(shown.last().map(String::as_str), Some("Last item"));
    }
}
