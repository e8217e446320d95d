//! Numbers three rows tall, for headline cards read from the back of the room. Digits and the
//! signs around them are drawn big; whatever follows (a unit, `%`, `M`, a word) is drawn in
//! normal letters on the last row, like a unit after a figure.

use ratatui::buffer::Buffer;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

/// The three rows of a big character, or `None` when the character is drawn small.
fn glyph(c: char, ascii: bool) -> Option<[&'static str; 3]> {
    if ascii {
        return Some(match c {
            '0' => [" _ ", "| |", "|_|"],
            '1' => ["   ", "  |", "  |"],
            '2' => [" _ ", " _|", "|_ "],
            '3' => [" _ ", " _|", " _|"],
            '4' => ["   ", "|_|", "  |"],
            '5' => [" _ ", "|_ ", " _|"],
            '6' => [" _ ", "|_ ", "|_|"],
            '7' => [" _ ", "  |", "  |"],
            '8' => [" _ ", "|_|", "|_|"],
            '9' => [" _ ", "|_|", " _|"],
            '.' => [" ", " ", "."],
            ',' => [" ", " ", ","],
            '-' => ["   ", " _ ", "   "],
            _ => return None,
        });
    }
    Some(match c {
        '0' => ["┏━┓", "┃ ┃", "┗━┛"],
        '1' => [" ╻ ", " ┃ ", " ╹ "],
        '2' => ["╺━┓", "┏━┛", "┗━╸"],
        '3' => ["╺━┓", " ━┫", "╺━┛"],
        '4' => ["╻ ╻", "┗━┫", "  ╹"],
        '5' => ["┏━╸", "┗━┓", "╺━┛"],
        '6' => ["┏━╸", "┣━┓", "┗━┛"],
        '7' => ["╺━┓", "  ┃", "  ╹"],
        '8' => ["┏━┓", "┣━┫", "┗━┛"],
        '9' => ["┏━┓", "┗━┫", "╺━┛"],
        '.' => [" ", " ", "•"],
        ',' => [" ", " ", "╻"],
        '-' | '−' => ["   ", "╺━╸", "   "],
        '+' => ["   ", "╺╋╸", "   "],
        '$' => ["┏╋╸", "┗╋┓", "╺╋┛"],
        _ => return None,
    })
}

/// How `text` splits: the leading run drawn big (up to the first character without a big
/// glyph, after at least one digit) and the rest drawn small.
fn split(text: &str, ascii: bool) -> (&str, &str) {
    let mut end = 0;
    for (at, c) in text.char_indices() {
        if glyph(c, ascii).is_none() {
            break;
        }
        end = at + c.len_utf8();
    }
    let big = &text[..end];
    if big.chars().any(|c| c.is_ascii_digit()) {
        (big, &text[end..])
    } else {
        ("", text)
    }
}

/// Columns `text` takes when drawn big; `None` when it has no number to draw big.
pub fn width(text: &str, ascii: bool) -> Option<usize> {
    let (big, small) = split(text, ascii);
    if big.is_empty() {
        return None;
    }
    let big_w: usize = big
        .chars()
        .filter_map(|c| glyph(c, ascii))
        .map(|g| g[0].width())
        .sum::<usize>()
        + big.chars().count().saturating_sub(1);
    Some(big_w + small.width())
}

/// Draws `text` big at (x, y) over three rows. The caller checked the width with [`width`].
pub fn render(text: &str, x: u16, y: u16, ascii: bool, style: Style, buf: &mut Buffer) {
    let (big, small) = split(text, ascii);
    let mut cx = x;
    for c in big.chars() {
        let Some(rows) = glyph(c, ascii) else {
            continue;
        };
        for (dy, row) in rows.iter().enumerate() {
            buf.set_string(cx, y + dy as u16, row, style);
        }
        cx += row_width(rows) + 1;
    }
    buf.set_string(cx.saturating_sub(1), y + 2, small, style);
}

fn row_width(rows: [&str; 3]) -> u16 {
    u16::try_from(rows[0].width()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn digits_are_big_and_units_follow_on_the_last_row() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 15, 3));
        assert_eq!(width("12.5 %", false), Some(3 + 1 + 3 + 1 + 1 + 1 + 3 + 2));
        render("12.5 %", 0, 0, false, Style::new(), &mut buf);
        assert_eq!(
            buf,
            Buffer::with_lines([" ╻  ╺━┓   ┏━╸  ", " ┃  ┏━┛   ┗━┓  ", " ╹  ┗━╸ • ╺━┛ %",])
        );
    }

    #[test]
    fn text_without_a_number_is_not_big() {
        assert_eq!(width("n/a", false), None);
        assert_eq!(width("$", false), None);
        assert_eq!(width("$4M", true), None, "ASCII has no big $");
        assert_eq!(width("40", true), Some(7));
    }
}
