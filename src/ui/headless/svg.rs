//! A buffer as SVG: a monospace grid with a dark background, one `<text>` per run of equal
//! style, colours from a fixed 16-colour palette. Deterministic (same buffer, same bytes), so
//! screenshots are reviewable in a diff; `rsvg-convert` turns them into PNG.

use std::fmt::Write as _;

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

use super::glyphs;

/// Width of one cell in pixels (0.6 em of the font size).
const CELL_W: f32 = 8.4;
/// Height of one row in pixels.
const CELL_H: u32 = 18;
/// Font size in pixels.
const FONT: u32 = 14;
/// Default background and foreground.
const BG: &str = "#1d1f21";
const FG: &str = "#c5c8c6";

/// The palette for the 16 named colours (a Tomorrow-Night-like set readable on `BG`).
fn hex(color: Color, default: &'static str) -> String {
    let named = match color {
        Color::Reset => default,
        Color::Black => "#1d1f21",
        Color::Red => "#cc6666",
        Color::Green => "#8ec07c",
        Color::Yellow => "#f0c674",
        Color::Blue => "#81a2be",
        Color::Magenta => "#b294bb",
        Color::Cyan => "#8abeb7",
        Color::Gray => "#c5c8c6",
        Color::DarkGray => "#808080",
        Color::LightRed => "#ff7b7b",
        Color::LightGreen => "#b5e890",
        Color::LightYellow => "#ffe08a",
        Color::LightBlue => "#a3c8f0",
        Color::LightMagenta => "#d7b3e0",
        Color::LightCyan => "#a8e6df",
        Color::White => "#ffffff",
        Color::Indexed(n) => return format!("#{n:02x}{n:02x}{n:02x}"),
        Color::Rgb(r, g, b) => return format!("#{r:02x}{g:02x}{b:02x}"),
    };
    named.to_owned()
}

/// The colours a cell is drawn in, reverse video applied.
fn colours(cell: &Cell) -> (String, String) {
    let fg = hex(cell.fg, FG);
    let bg = hex(cell.bg, BG);
    if cell.modifier.contains(Modifier::REVERSED) {
        (bg, fg)
    } else {
        (fg, bg)
    }
}

/// Whether XML 1.0 can hold `c` at all (its `Char` production): not C0 other than tab, newline
/// and carriage return, not U+FFFE or U+FFFF. Even as a character reference it cannot.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// Text for an XML text node or attribute: markup characters as entities, characters XML
/// cannot hold as U+FFFD, so the document is well-formed whatever a buffer holds.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            c if !xml_char(c) => out.push('\u{fffd}'),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// A run of cells in one style on one row.
struct Run {
    col: u16,
    cols: usize,
    text: String,
    fg: String,
    bg: String,
    modifier: Modifier,
}

fn runs(buf: &Buffer, y: u16) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for (x, cell) in glyphs(buf, y) {
        let (fg, bg) = colours(cell);
        let modifier = cell.modifier & (Modifier::BOLD | Modifier::UNDERLINED | Modifier::ITALIC);
        let w = cell.symbol().width().max(1);
        match out.last_mut() {
            Some(run) if run.fg == fg && run.bg == bg && run.modifier == modifier => {
                run.text.push_str(cell.symbol());
                run.cols += w;
            }
            _ => out.push(Run {
                col: x,
                cols: w,
                text: cell.symbol().to_owned(),
                fg,
                bg,
                modifier,
            }),
        }
    }
    out
}

/// The buffer as an SVG document.
pub fn write(buf: &Buffer) -> String {
    let area = buf.area;
    let width = f32::from(area.width) * CELL_W;
    let height = u32::from(area.height) * CELL_H;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.1}" height="{height}" viewBox="0 0 {width:.1} {height}">"#
    );
    let _ = writeln!(
        out,
        r#"<style>text{{font-family:"DejaVu Sans Mono","Menlo","Consolas",monospace;font-size:{FONT}px;white-space:pre}}</style>"#
    );
    let _ = writeln!(out, r#"<rect width="100%" height="100%" fill="{BG}"/>"#);
    for y in area.top()..area.bottom() {
        let top = u32::from(y - area.top()) * CELL_H;
        let baseline = top + CELL_H - 5;
        for run in runs(buf, y) {
            let x = f32::from(run.col - area.left()) * CELL_W;
            let w = run.cols as f32 * CELL_W;
            if run.bg != BG {
                let _ = writeln!(
                    out,
                    r#"<rect x="{x:.1}" y="{top}" width="{w:.1}" height="{CELL_H}" fill="{}"/>"#,
                    run.bg
                );
            }
            if run.text.trim().is_empty() {
                continue;
            }
            let mut attrs = format!(r#" fill="{}""#, run.fg);
            if run.modifier.contains(Modifier::BOLD) {
                attrs.push_str(r#" font-weight="bold""#);
            }
            if run.modifier.contains(Modifier::ITALIC) {
                attrs.push_str(r#" font-style="italic""#);
            }
            if run.modifier.contains(Modifier::UNDERLINED) {
                attrs.push_str(r#" text-decoration="underline""#);
            }
            let _ = writeln!(
                out,
                r#"<text x="{x:.1}" y="{baseline}" textLength="{w:.1}" lengthAdjust="spacingAndGlyphs" xml:space="preserve"{attrs}>{}</text>"#,
                escape(&run.text)
            );
        }
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn runs_escape_text_and_reverse_swaps_colours() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        buf.set_string(0, 0, "P&L", Style::new().add_modifier(Modifier::REVERSED));
        let svg = write(&buf);
        assert!(
            svg.contains(r##"<rect x="0.0" y="0" width="25.2" height="18" fill="#c5c8c6"/>"##),
            "{svg}"
        );
        assert!(svg.contains(r##"fill="#1d1f21">P&amp;L</text>"##), "{svg}");
        assert_eq!(svg, write(&buf), "deterministic");
        roxmltree::Document::parse(&svg).expect("well-formed");
    }

    #[test]
    fn characters_xml_cannot_hold_become_the_replacement_character() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        // Cells are set directly: a buffer may hold what set_string would filter.
        for (x, symbol) in ["a", "\u{fffe}", "\u{ffff}", "\u{1}", "\u{b}", "b"]
            .into_iter()
            .enumerate()
        {
            buf[(x as u16, 0)].set_symbol(symbol);
        }
        let svg = write(&buf);
        let doc = roxmltree::Document::parse(&svg).expect("well-formed");
        let text: String = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(text, "a\u{fffd}\u{fffd}\u{fffd}\u{fffd}b  ");
    }
}
