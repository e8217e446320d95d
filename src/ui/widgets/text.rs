//! Paragraphs under a title, wrapped to the width.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::screen::TextBlock;
use crate::ui::fit::{truncate, wrap};
use crate::ui::theme::Skin;

/// The lines of the block at `width`: its paragraphs wrapped, a blank line between them.
fn lines(block: &TextBlock, width: u16) -> Vec<String> {
    let mut out = Vec::new();
    for (i, paragraph) in block.paragraphs.iter().enumerate() {
        if i > 0 {
            out.push(String::new());
        }
        out.extend(wrap(paragraph, usize::from(width)));
    }
    out
}

/// Rows the block wants at `width`: the title and every line.
pub fn height(block: &TextBlock, width: u16) -> u16 {
    let title = u16::from(!block.title.is_empty());
    title + u16::try_from(lines(block, width).len()).unwrap_or(u16::MAX)
}

/// Draws the title and as many lines as fit; a cut is marked with an ellipsis.
pub fn render(block: &TextBlock, area: Rect, buf: &mut Buffer, skin: &Skin) {
    if area.is_empty() {
        return;
    }
    let t = &skin.theme;
    let mut y = area.y;
    let w = usize::from(area.width);
    if !block.title.is_empty() {
        buf.set_stringn(
            area.x,
            y,
            truncate(&block.title, w, skin.glyphs.ellipsis),
            w,
            t.title,
        );
        y += 1;
    }
    let all = lines(block, area.width);
    let room = usize::from(area.bottom().saturating_sub(y));
    for (n, line) in all.iter().take(room).enumerate() {
        let cut = n + 1 == room && all.len() > room;
        let text = if cut {
            let mut shortened = truncate(line, w.saturating_sub(1), "").into_owned();
            shortened.push_str(skin.glyphs.ellipsis);
            shortened
        } else {
            line.clone()
        };
        buf.set_stringn(area.x, y, text, w, t.text);
        y += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Display;

    #[test]
    fn wraps_and_marks_a_cut() {
        let block = TextBlock {
            title: "Notes".into(),
            paragraphs: vec!["one two three four".into(), "five".into()],
        };
        assert_eq!(height(&block, 9), 1 + 3 + 1 + 1);
        let mut buf = Buffer::empty(Rect::new(0, 0, 9, 3));
        let skin = Skin::new(Display {
            colour: false,
            ascii: true,
        });
        render(&block, buf.area, &mut buf, &skin);
        let text: Vec<String> = (0..3)
            .map(|y| (0..9).map(|x| buf[(x, y)].symbol().to_owned()).collect())
            .collect();
        assert_eq!(text, ["Notes    ", "one two  ", "three~   "]);
    }
}
