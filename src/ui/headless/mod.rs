//! Drawing without a terminal: the same [`crate::ui::render`] into a `Buffer`, written out as
//! plain text, ANSI or SVG. Used by `ebr render`, the snapshot tests and the screenshots (also of
//! `ebr notes`, whose screen is lines of text: [`lines`]).

pub mod ansi;
pub mod svg;
pub mod text;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use crate::app::App;

/// Draws the app into a buffer of `cols` x `rows`, exactly as the terminal would show it.
pub fn draw(app: &App, cols: u16, rows: u16) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, cols, rows));
    let area = buf.area;
    crate::ui::render(app, area, &mut buf);
    buf
}

/// Lines of plain text as a terminal of `cols` x `rows` shows them printed from its top-left
/// corner, which is how `ebr notes` draws its screen; what does not fit is cut.
pub fn lines(lines: &[String], cols: u16, rows: u16) -> Buffer {
    let mut buf = Buffer::empty(Rect::new(0, 0, cols, rows));
    for (y, line) in (0..rows).zip(lines) {
        buf.set_string(0, y, line, ratatui::style::Style::new());
    }
    buf
}

/// The cells of row `y` that start a glyph, with their column: the cells hidden behind a wide
/// glyph are skipped, so the writers never print a column twice.
pub(crate) fn glyphs(buf: &Buffer, y: u16) -> impl Iterator<Item = (u16, &ratatui::buffer::Cell)> {
    let area = buf.area;
    let mut skip = 0usize;
    (area.left()..area.right()).filter_map(move |x| {
        if skip > 0 {
            skip -= 1;
            return None;
        }
        let cell = &buf[(x, y)];
        skip = cell.symbol().width().saturating_sub(1);
        Some((x, cell))
    })
}
