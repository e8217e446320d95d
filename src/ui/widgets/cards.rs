//! Headline cards: a grid of boxes, each with a title, a value and its parts. When there is
//! room, values are drawn three rows tall (see [`bigtext`]), for a room reading a shared screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::{Block, Borders, Widget};

use crate::app::screen::{Align, Card};
use crate::ui::fit::{truncate, width};
use crate::ui::theme::Skin;
use crate::ui::widgets::bigtext;
use crate::ui::widgets::table::put;

/// Narrowest card worth drawing.
const MIN_WIDTH: u16 = 18;
/// Most cards side by side: wider terminals get wider, more readable cards, not more of them.
const MAX_PER_ROW: usize = 4;
/// Rows of a big value.
const BIG: u16 = 3;

/// How many cards go side by side in `width` columns.
fn per_row(count: usize, area_width: u16) -> usize {
    let fit = usize::from((area_width / MIN_WIDTH).max(1)).min(MAX_PER_ROW);
    // Balance the rows: 8 cards in 3 columns would leave a lonely pair.
    let rows = count.div_ceil(fit.min(count.max(1)));
    count.div_ceil(rows.max(1)).max(1)
}

fn grid_rows(cards: &[Card], area_width: u16) -> u16 {
    let cols = per_row(cards.len(), area_width);
    u16::try_from(cards.len().div_ceil(cols)).unwrap_or(u16::MAX)
}

fn most_details(cards: &[Card]) -> u16 {
    let most = cards.iter().map(|c| c.detail.len()).max().unwrap_or(0);
    u16::try_from(most).unwrap_or(u16::MAX)
}

/// Height of one card: borders, the value, a spacer and `details` lines.
fn card_height(value_rows: u16, details: u16) -> u16 {
    2 + value_rows + u16::from(details > 0) + details
}

/// Rows the cards want at `width`: big values and every detail line.
pub fn height(cards: &[Card], area_width: u16) -> u16 {
    card_height(BIG, most_details(cards)) * grid_rows(cards, area_width)
}

/// Rows the cards need with one-row values and every detail line.
pub fn compact_height(cards: &[Card], area_width: u16) -> u16 {
    card_height(1, most_details(cards)) * grid_rows(cards, area_width)
}

/// How a card row is laid out in `rows` rows: (value rows, detail lines, card height). Every
/// detail line is kept before values grow big: the parts behind a number matter more than its
/// size.
fn layout(cards: &[Card], rows: u16) -> (u16, u16, u16) {
    let most = most_details(cards);
    if rows >= card_height(BIG, most) {
        return (BIG, most, card_height(BIG, most));
    }
    let details = (0..=most)
        .rev()
        .find(|&d| card_height(1, d) <= rows)
        .unwrap_or(0);
    (1, details, card_height(1, details).min(rows.max(3)))
}

/// Draws the cards into `area`.
pub fn render(cards: &[Card], area: Rect, buf: &mut Buffer, skin: &Skin, ascii: bool) {
    if cards.is_empty() || area.is_empty() {
        return;
    }
    let cols = per_row(cards.len(), area.width);
    let (value_rows, details, h) = layout(cards, area.height / grid_rows(cards, area.width));
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
        draw(card, (value_rows, details), rect, buf, skin, ascii);
    }
}

fn draw(
    card: &Card,
    (value_rows, details): (u16, u16),
    rect: Rect,
    buf: &mut Buffer,
    skin: &Skin,
    ascii: bool,
) {
    let t = &skin.theme;
    let inner_w = usize::from(rect.width.saturating_sub(4));
    // The title sits on the top border; it loses its padding before it loses letters.
    let room = usize::from(rect.width.saturating_sub(2));
    let title = if width(&card.title) + 2 <= room {
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
    let big = value_rows == BIG && bigtext::width(&value, ascii).is_some_and(|w| w <= inner_w);
    if big {
        bigtext::render(&value, x, rect.y + 1, ascii, value_style, buf);
    } else {
        // A value that cannot be big sits on the big value's last row, by its unit's baseline.
        let y = rect.y + value_rows;
        put(
            buf,
            x,
            y,
            &value,
            inner_w,
            Align::Left,
            value_style,
            skin.glyphs.ellipsis,
        );
    }
    let first = rect.y + 1 + value_rows + 1;
    for (n, line) in card.detail.iter().take(usize::from(details)).enumerate() {
        let y = first + u16::try_from(n).unwrap_or(0);
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

    #[test]
    fn details_are_kept_before_values_grow() {
        let card = Card {
            detail: vec!["a".into(), "b".into()],
            ..Card::default()
        };
        let cards = [card];
        assert_eq!(layout(&cards, 20), (3, 2, 8));
        assert_eq!(layout(&cards, 7), (1, 2, 6));
        assert_eq!(layout(&cards, 5), (1, 1, 5));
        assert_eq!(layout(&cards, 3), (1, 0, 3));
    }
}
