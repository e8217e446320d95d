//! The period picker overlay (`p`, `c`): the loaded periods in a small box, latest first, the
//! one under the cursor in reverse video; keys from the keymap's picker bindings.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::app::App;
use crate::ui::fit::{truncate, width};
use crate::ui::theme::Skin;

/// Draws the picker over the middle of `area`, scrolled so the cursor is visible.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, skin: &Skin) {
    let Some(picker) = app.picker() else {
        return;
    };
    if area.width < 12 || area.height < 5 {
        return;
    }
    let t = &skin.theme;
    let fiscal = app.snapshot().period.fiscal_year_start_month;
    let pair = app.periods();
    let labels: Vec<String> = picker
        .options
        .iter()
        .map(|o| picker.label(*o, pair, fiscal))
        .collect();
    let title = format!(" {} ", picker.title());
    let widest = labels.iter().map(|l| width(l)).max().unwrap_or(0);
    let w = u16::try_from(widest.max(width(&title)) + 6)
        .unwrap_or(u16::MAX)
        .min(area.width);
    let h = u16::try_from(labels.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height - 2);
    let rect = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    Clear.render(rect, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(skin.glyphs.border)
        .border_style(t.border)
        .title(title)
        .title_style(t.title);
    let inner = block.inner(rect);
    block.render(rect, buf);
    let rows = usize::from(inner.height);
    let offset = (picker.selected + 1).saturating_sub(rows);
    let inner_w = usize::from(inner.width);
    for (n, label) in labels.iter().enumerate().skip(offset).take(rows) {
        let y = inner.y + u16::try_from(n - offset).unwrap_or(0);
        let selected = n == picker.selected;
        let style = if selected { t.selected } else { t.text };
        if selected {
            buf.set_style(Rect::new(inner.x, y, inner.width, 1), t.selected);
            buf.set_string(inner.x, y, skin.glyphs.pointer, t.selected);
        }
        let text = truncate(label, inner_w.saturating_sub(2), skin.glyphs.ellipsis);
        buf.set_stringn(inner.x + 2, y, text, inner_w.saturating_sub(2), style);
    }
}
