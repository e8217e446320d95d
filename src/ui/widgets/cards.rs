//! Headline cards: a grid of boxes, each with a title, a value and its parts. When there is
//! room, values are drawn three rows tall (see [`bigtext`]), for a room reading a shared screen.
//! Under the value a card may carry its change against the compared period, a sparkline and
//! its status against target (the compare lines), drawn before the detail lines.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::widgets::{Block, Borders, Widget};

use crate::app::screen::{Align, Card};
use crate::ui::fit::{truncate, width};
use crate::ui::theme::Skin;
use crate::ui::widgets::bigtext;
use crate::ui::widgets::spark;
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

/// The compare lines a card has: change, sparkline, target status.
fn extras(card: &Card) -> u16 {
    u16::from(card.delta.is_some())
        + u16::from(card.trend.is_some())
        + u16::from(card.status.is_some())
}

fn most_extras(cards: &[Card]) -> u16 {
    cards.iter().map(extras).max().unwrap_or(0)
}

/// Height of one card: borders, the value, `extra` compare lines, a spacer (when kept and
/// there are details) and `details` lines.
fn card_height(value_rows: u16, extra: u16, details: u16) -> u16 {
    spaced_height(value_rows, extra, true, details)
}

fn spaced_height(value_rows: u16, extra: u16, spacer: bool, details: u16) -> u16 {
    2 + value_rows + extra + u16::from(spacer && details > 0) + details
}

/// Rows the cards want at `width`: big values, compare lines, a spacer and every detail line.
pub fn height(cards: &[Card], area_width: u16) -> u16 {
    card_height(BIG, most_extras(cards), most_details(cards)) * grid_rows(cards, area_width)
}

/// Rows below which the cards stop looking like headline cards: big values right above the
/// compare lines and every detail line. Other blocks shrink before the cards go below this.
pub fn compact_height(cards: &[Card], area_width: u16) -> u16 {
    spaced_height(BIG, most_extras(cards), false, most_details(cards))
        * grid_rows(cards, area_width)
}

/// How a card is laid out in `rows` rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Layout {
    /// Rows of the value (1, or [`BIG`]).
    value_rows: u16,
    /// Compare lines shown: a prefix of change, sparkline, status.
    extra: u16,
    /// A blank row before the details.
    spacer: bool,
    /// Detail lines shown.
    details: u16,
    /// Height of a card, borders included.
    height: u16,
}

/// How a card row is laid out in `rows` rows. Every detail line is kept before values grow
/// big: the parts behind a number matter more than its size. When even one-row values do not
/// leave room, details go first, then the target status, then the sparkline; the change
/// stays beside its value.
fn layout(cards: &[Card], rows: u16) -> Layout {
    let (most, extra) = (most_details(cards), most_extras(cards));
    let at = |value_rows, extra, details| Layout {
        value_rows,
        extra,
        spacer: true,
        details,
        height: card_height(value_rows, extra, details),
    };
    if rows >= card_height(BIG, extra, most) {
        return at(BIG, extra, most);
    }
    let tight = spaced_height(BIG, extra, false, most);
    if rows >= tight {
        return Layout {
            spacer: false,
            height: tight,
            ..at(BIG, extra, most)
        };
    }
    if let Some(details) = (0..=most).rev().find(|&d| card_height(1, extra, d) <= rows) {
        return at(1, extra, details);
    }
    let keep = u16::from(cards.iter().any(|c| c.delta.is_some()));
    let shown = (keep..=extra)
        .rev()
        .find(|&e| card_height(1, e, 0) <= rows)
        .unwrap_or(keep);
    Layout {
        height: card_height(1, shown, 0).min(rows.max(3)),
        ..at(1, shown, 0)
    }
}

/// Draws the cards into `area`.
pub fn render(cards: &[Card], area: Rect, buf: &mut Buffer, skin: &Skin, ascii: bool) {
    if cards.is_empty() || area.is_empty() {
        return;
    }
    let cols = per_row(cards.len(), area.width);
    let fit = layout(cards, area.height / grid_rows(cards, area.width));
    let h = fit.height;
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
        draw(card, fit, rect, buf, skin, ascii);
    }
}

fn draw(
    card: &Card,
    Layout {
        value_rows,
        extra,
        spacer,
        details,
        ..
    }: Layout,
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
    let mut y = rect.y + 1 + value_rows;
    let mut shown = 0;
    for (cell, trend) in [
        (card.delta.as_ref(), None),
        (None, card.trend.as_ref()),
        (card.status.as_ref(), None),
    ] {
        if shown == extra || y + 1 >= rect.bottom() {
            break;
        }
        match (cell, trend) {
            (Some(cell), _) => put(
                buf,
                x,
                y,
                fit_parts(&cell.text, inner_w),
                inner_w,
                Align::Left,
                t.tone(cell.tone),
                skin.glyphs.ellipsis,
            ),
            (None, Some(trend)) => {
                spark::render(trend, x, y, inner_w, buf, skin);
            }
            (None, None) => continue,
        }
        y += 1;
        shown += 1;
    }
    let first = y + u16::from(spacer);
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

/// A compare line cut to whole parts: "▲ +$540K · +14.0 %" loses " · +14.0 %" before it would
/// lose a digit ("! at risk · target 65.0 %" keeps "! at risk").
fn fit_parts(text: &str, room: usize) -> &str {
    let mut text = text;
    while width(text) > room {
        match text.rfind(" · ") {
            Some(at) => text = &text[..at],
            None => break,
        }
    }
    text
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
        let fit = |rows| {
            let l = layout(&cards, rows);
            (l.value_rows, l.details, l.height)
        };
        assert_eq!(fit(20), (3, 2, 8));
        assert_eq!(fit(7), (3, 2, 7), "the spacer goes before the big value");
        assert_eq!(fit(6), (1, 2, 6));
        assert_eq!(fit(5), (1, 1, 5));
        assert_eq!(fit(3), (1, 0, 3));
    }

    #[test]
    fn compare_lines_lose_whole_parts() {
        assert_eq!(fit_parts("▲ +$540K · +14.0 %", 18), "▲ +$540K · +14.0 %");
        assert_eq!(fit_parts("▲ +$540K · +14.0 %", 16), "▲ +$540K");
        assert_eq!(fit_parts("! at risk · target 65.0 %", 16), "! at risk");
        assert_eq!(
            fit_parts("▲ +$540,000,000", 6),
            "▲ +$540,000,000",
            "cut later, by put"
        );
    }

    #[test]
    fn details_go_before_compare_lines_and_the_change_stays() {
        let card = Card {
            detail: vec!["a".into(), "b".into()],
            delta: Some(crate::app::screen::Cell::text("▲ +1.5 pp")),
            trend: Some(crate::app::screen::Spark::default()),
            status: Some(crate::app::screen::Cell::text("✓ on track")),
            ..Card::default()
        };
        let cards = [card];
        let fit = |rows| {
            let l = layout(&cards, rows);
            (l.value_rows, l.extra, l.details, l.height)
        };
        assert_eq!(fit(30), (3, 3, 2, 11));
        assert_eq!(fit(8), (1, 3, 1, 8));
        assert_eq!(fit(6), (1, 3, 0, 6));
        assert_eq!(fit(5), (1, 2, 0, 5), "the status goes before the sparkline");
        assert_eq!(fit(4), (1, 1, 0, 4), "the change stays");
        assert_eq!(fit(3), (1, 1, 0, 3));
    }
}
