//! Headline cards: a grid of boxes, each with a title, a large value and its parts.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::{Block, Borders, Widget};

use crate::app::screen::{Align, Card};
use crate::ui::fit::truncate;
use crate::ui::theme::Skin;
use crate::ui::widgets::table::put;

/// Narrowest card worth drawing.
const MIN_WIDTH: u16 = 18;
/// Most cards side by side: wider terminals get wider, more readable cards, not more of them.
const MAX_PER_ROW: usize = 4;

/// How many cards go side by side in `width` columns.
fn per_row(count: usize, area_width: u16) -> usize {
    let fit = usize::from((area_width / MIN_WIDTH).max(1)).min(MAX_PER_ROW);
    // Balance the rows: 8 cards in 3 columns would leave a lonely pair.
    let rows = count.div_ceil(fit.min(count.max(1)));
    count.div_ceil(rows.max(1)).max(1)
}

/// Detail lines a card shows for a total height of `rows` for `count` cards in `width`.
fn detail_lines(cards: &[Card], area_width: u16, rows: u16) -> (usize, u16) {
    let cols = per_row(cards.len(), area_width);
    let grid_rows = u16::try_from(cards.len().div_ceil(cols)).unwrap_or(u16::MAX);
    let most = cards.iter().map(|c| c.detail.len()).max().unwrap_or(0);
    // Each card: 2 border rows, the value, a spacer, the details.
    for details in (0..=most).rev() {
        let spacer = u16::from(details > 0);
        let h = 3 + spacer + u16::try_from(details).unwrap_or(0);
        if h * grid_rows <= rows || details == 0 {
            return (details, h);
        }
    }
    (0, 3)
}

/// Rows the cards want at `width` with every detail line shown.
pub fn height(cards: &[Card], area_width: u16) -> u16 {
    let (_, h) = detail_lines(cards, area_width, u16::MAX);
    let cols = per_row(cards.len(), area_width);
    h * u16::try_from(cards.len().div_ceil(cols)).unwrap_or(u16::MAX)
}

/// Draws the cards into `area`, dropping detail lines when height runs short.
pub fn render(cards: &[Card], area: Rect, buf: &mut Buffer, skin: &Skin) {
    if cards.is_empty() || area.is_empty() {
        return;
    }
    let cols = per_row(cards.len(), area.width);
    let (details, h) = detail_lines(cards, area.width, area.height);
    let col_w = area.width / u16::try_from(cols).unwrap_or(1).max(1);
    for (i, card) in cards.iter().enumerate() {
        let (r, c) = (i / cols, i % cols);
        let x = area.x + col_w * u16::try_from(c).unwrap_or(0);
        let y = area.y + h * u16::try_from(r).unwrap_or(0);
        let w = if c + 1 == cols {
            area.right() - x
        } else {
            col_w
        };
        let rect = Rect::new(x, y, w, h).intersection(area);
        if rect.height < 3 {
            break;
        }
        draw(card, details, rect, buf, skin);
    }
}

fn draw(card: &Card, details: usize, rect: Rect, buf: &mut Buffer, skin: &Skin) {
    let t = &skin.theme;
    let inner_w = usize::from(rect.width.saturating_sub(4));
    // The title sits on the top border; it loses its padding before it loses letters.
    let room = usize::from(rect.width.saturating_sub(2));
    let title = if crate::ui::fit::width(&card.title) + 2 <= room {
        format!(" {} ", card.title)
    } else {
        truncate(&card.title, room, skin.glyphs.ellipsis).into_owned()
    };
    Block::new()
        .borders(Borders::ALL)
        .border_set(skin.glyphs.border)
        .border_style(t.border)
        .title(title)
        .title_style(t.title)
        .render(rect, buf);
    let x = rect.x + 2;
    let value_style = t.tone(card.tone).add_modifier(Modifier::BOLD);
    let value = match card.mark {
        Some(mark) => format!("{} {}", card.value, skin.glyphs.mark(mark)),
        None => card.value.clone(),
    };
    put(
        buf,
        x,
        rect.y + 1,
        &value,
        inner_w,
        Align::Left,
        value_style,
        skin.glyphs.ellipsis,
    );
    for (n, line) in card.detail.iter().take(details).enumerate() {
        let y = rect.y + 3 + u16::try_from(n).unwrap_or(0);
        if y + 1 >= rect.bottom() {
            break;
        }
        put(
            buf,
            x,
            y,
            line,
            inner_w,
            Align::Left,
            t.muted,
            skin.glyphs.ellipsis,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_balanced() {
        assert_eq!(per_row(8, 160), 4);
        assert_eq!(per_row(8, 80), 4);
        assert_eq!(per_row(8, 60), 3);
        assert_eq!(per_row(8, 40), 2);
        assert_eq!(per_row(8, 10), 1);
        assert_eq!(per_row(0, 80), 1);
    }
}
