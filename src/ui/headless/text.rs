//! A buffer as plain text: one line per row, trailing spaces trimmed.

use ratatui::buffer::Buffer;

use super::glyphs;

/// The buffer's text, each row ending in a newline.
pub fn write(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in buf.area.top()..buf.area.bottom() {
        let start = out.len();
        for (_, cell) in glyphs(buf, y) {
            out.push_str(cell.symbol());
        }
        let trimmed = out[start..].trim_end().len();
        out.truncate(start + trimmed);
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
    fn wide_glyphs_take_their_columns_once() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 2));
        buf.set_string(0, 0, "日本x", Style::new());
        buf.set_string(1, 1, "ok", Style::new());
        assert_eq!(write(&buf), "日本x\n ok\n");
    }
}
