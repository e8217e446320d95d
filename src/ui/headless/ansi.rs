//! A buffer as text with ANSI SGR sequences: the 16 named colours in their classic codes
//! (30-37, 90-97), so any terminal palette applies; no colour at all when colour is off.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

use super::glyphs;

/// The SGR parameters of one style, in a fixed order.
fn sgr(fg: Color, bg: Color, modifier: Modifier, colour: bool) -> String {
    let mut codes: Vec<String> = Vec::new();
    for (flag, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if modifier.contains(flag) {
            codes.push(code.to_owned());
        }
    }
    if colour {
        codes.extend(colour_code(fg, false));
        codes.extend(colour_code(bg, true));
    }
    codes.join(";")
}

fn colour_code(color: Color, background: bool) -> Option<String> {
    let base = |n: u8| Some(if background { n + 10 } else { n }.to_string());
    match color {
        Color::Reset => None,
        Color::Black => base(30),
        Color::Red => base(31),
        Color::Green => base(32),
        Color::Yellow => base(33),
        Color::Blue => base(34),
        Color::Magenta => base(35),
        Color::Cyan => base(36),
        Color::Gray => base(37),
        Color::DarkGray => base(90),
        Color::LightRed => base(91),
        Color::LightGreen => base(92),
        Color::LightYellow => base(93),
        Color::LightBlue => base(94),
        Color::LightMagenta => base(95),
        Color::LightCyan => base(96),
        Color::White => base(97),
        Color::Indexed(n) => Some(format!("{};5;{n}", if background { 48 } else { 38 })),
        Color::Rgb(r, g, b) => Some(format!(
            "{};2;{r};{g};{b}",
            if background { 48 } else { 38 }
        )),
    }
}

/// The buffer as ANSI text; `colour` false writes modifiers only (as under NO_COLOR). Each
/// styled run is reset before the next and at the end of each line.
pub fn write(buf: &Buffer, colour: bool) -> String {
    let mut out = String::new();
    for y in buf.area.top()..buf.area.bottom() {
        let mut line = String::new();
        let mut current = String::new();
        let mut pending_spaces = String::new();
        for (_, cell) in glyphs(buf, y) {
            let params = sgr(cell.fg, cell.bg, cell.modifier, colour);
            if params.is_empty() && cell.symbol() == " " {
                // Trailing default-styled spaces are dropped at the end of the line.
                pending_spaces.push(' ');
                if !current.is_empty() {
                    line.push_str("\x1b[0m");
                    current.clear();
                }
                continue;
            }
            line.push_str(&pending_spaces);
            pending_spaces.clear();
            if params != current {
                if !current.is_empty() {
                    line.push_str("\x1b[0m");
                }
                if !params.is_empty() {
                    let _ = write!(line, "\x1b[{params}m");
                }
                current = params;
            }
            line.push_str(cell.symbol());
        }
        if !current.is_empty() {
            line.push_str("\x1b[0m");
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn named_colours_use_classic_codes_and_runs_are_reset() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        buf.set_string(0, 0, "ok", Style::new().fg(Color::Green));
        buf.set_string(
            3,
            0,
            "no",
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        );
        assert_eq!(write(&buf, true), "\x1b[32mok\x1b[0m \x1b[1;31mno\x1b[0m\n");
        assert_eq!(write(&buf, false), "ok \x1b[1mno\x1b[0m\n");
    }
}
