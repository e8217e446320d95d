//! The detail of the selected row: a title, horizontal bars on one scale, then wrapped lines.
//! Bars are drawn with the skin's bar glyph (`█`, or `#` in ASCII), so they read without colour.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::app::screen::{Align, Bar, Detail};
use crate::ui::fit::{truncate, width, wrap};
use crate::ui::theme::Skin;
use crate::ui::widgets::table::put;

/// The narrowest bar area worth drawing; below it the notes make room, then the bars go.
const MIN_BAR: usize = 6;
/// Labels are cut to at most this share of the width (in columns, of 1/3).
const LABEL_SHARE: usize = 3;
/// The longest bar: wider terminals keep the values and notes close to their bars.
const MAX_BAR: usize = 60;

/// Columns given to the label, the bar, the value and the note of every bar at `width`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Plan {
    label: usize,
    bar: usize,
    text: usize,
    note: usize,
}

fn plan(bars: &[Bar], avail: usize) -> Plan {
    let widest = |f: fn(&Bar) -> &str| bars.iter().map(|b| width(f(b))).max().unwrap_or(0);
    let label = widest(|b| &b.label).min(avail / LABEL_SHARE);
    let text = widest(|b| &b.text);
    let mut note = widest(|b| &b.note);
    // label, gap, bar, gap, text, gap, note
    let fixed = |note: usize| label + 1 + 1 + text + usize::from(note > 0) * (1 + note);
    if avail.saturating_sub(fixed(note)) < MIN_BAR {
        note = avail.saturating_sub(fixed(0) + MIN_BAR).saturating_sub(1);
        if note < 8 {
            note = 0;
        }
    }
    let bar = avail.saturating_sub(fixed(note)).min(MAX_BAR);
    Plan {
        label,
        bar,
        text,
        note,
    }
}

/// The lines of text under the bars at `width`.
fn lines(detail: &Detail, avail: usize) -> Vec<String> {
    detail.lines.iter().flat_map(|l| wrap(l, avail)).collect()
}

/// Rows the detail wants at `width`: title, bars, lines (or one line saying there is none).
pub fn height(detail: Option<&Detail>, area_width: u16) -> u16 {
    let Some(detail) = detail else {
        return 1;
    };
    let rows = 1 + detail.bars.len() + lines(detail, usize::from(area_width)).len();
    u16::try_from(rows).unwrap_or(u16::MAX)
}

/// Rows worth keeping when room runs short: the title and the bars.
pub fn floor(detail: Option<&Detail>) -> u16 {
    let bars = detail.map_or(0, |d| d.bars.len());
    u16::try_from(1 + bars).unwrap_or(u16::MAX)
}

/// Cells of a bar of `value` on a scale where `max` fills `room` cells; a positive value
/// always gets at least one cell.
pub fn bar_cells(value: Decimal, max: Decimal, room: usize) -> usize {
    if value <= Decimal::ZERO || max <= Decimal::ZERO || room == 0 {
        return 0;
    }
    let share = (value / max).min(Decimal::ONE) * Decimal::from(room);
    share.round().to_usize().unwrap_or(room).clamp(1, room)
}

/// Draws the detail, or `empty` when there is none; lines that do not fit are cut.
pub fn render(detail: Option<&Detail>, empty: &str, area: Rect, buf: &mut Buffer, skin: &Skin) {
    if area.is_empty() {
        return;
    }
    let t = &skin.theme;
    let g = &skin.glyphs;
    let avail = usize::from(area.width);
    let Some(detail) = detail else {
        buf.set_stringn(
            area.x,
            area.y,
            truncate(empty, avail, g.ellipsis),
            avail,
            t.muted,
        );
        return;
    };
    let mut y = area.y;
    buf.set_stringn(
        area.x,
        y,
        truncate(&detail.title, avail, g.ellipsis),
        avail,
        t.title,
    );
    y += 1;
    let p = plan(&detail.bars, avail);
    let max = detail
        .bars
        .iter()
        .map(|b| b.value)
        .max()
        .unwrap_or(Decimal::ZERO);
    for bar in &detail.bars {
        if y >= area.bottom() {
            return;
        }
        let mut x = area.x;
        put(
            buf,
            x,
            y,
            &bar.label,
            p.label,
            Align::Left,
            t.text,
            g.ellipsis,
        );
        x = x.saturating_add(col(p.label + 1));
        let cells = bar_cells(bar.value, max, p.bar);
        buf.set_stringn(x, y, g.bar.repeat(cells), cells, t.key);
        x = x.saturating_add(col(p.bar + 1));
        put(
            buf,
            x,
            y,
            &bar.text,
            p.text,
            Align::Right,
            t.strong,
            g.ellipsis,
        );
        x = x.saturating_add(col(p.text + 1));
        if p.note > 0 {
            put(
                buf,
                x,
                y,
                &bar.note,
                p.note,
                Align::Left,
                t.muted,
                g.ellipsis,
            );
        }
        y += 1;
    }
    let all = lines(detail, avail);
    let room = usize::from(area.bottom().saturating_sub(y));
    for (n, line) in all.iter().take(room).enumerate() {
        let cut = n + 1 == room && all.len() > room;
        let text = if cut {
            let mut shortened = truncate(line, avail.saturating_sub(1), "").into_owned();
            shortened.push_str(g.ellipsis);
            shortened
        } else {
            line.clone()
        };
        buf.set_stringn(area.x, y, text, avail, t.text);
        y += 1;
    }
}

fn col(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Display;

    fn bar(label: &str, value: i64, note: &str) -> Bar {
        Bar {
            label: label.into(),
            value: Decimal::from(value),
            text: value.to_string(),
            note: note.into(),
        }
    }

    #[test]
    fn bars_share_one_scale_and_positive_values_always_show() {
        assert_eq!(bar_cells(Decimal::from(100), Decimal::from(100), 10), 10);
        assert_eq!(bar_cells(Decimal::from(50), Decimal::from(100), 10), 5);
        assert_eq!(bar_cells(Decimal::from(1), Decimal::from(1000), 10), 1);
        assert_eq!(bar_cells(Decimal::ZERO, Decimal::from(1000), 10), 0);
        assert_eq!(bar_cells(Decimal::from(-5), Decimal::from(10), 10), 0);
        assert_eq!(bar_cells(Decimal::from(5), Decimal::ZERO, 10), 0);
    }

    #[test]
    fn draws_ascii_bars_with_value_and_note() {
        let detail = Detail {
            row: "ev".into(),
            title: "Funnel".into(),
            bars: vec![bar("lead", 10, ""), bar("sale", 5, "50%")],
            lines: vec!["one two three".into()],
        };
        assert_eq!(height(Some(&detail), 20), 1 + 2 + 1);
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 4));
        let skin = Skin::new(Display {
            colour: false,
            ascii: true,
        });
        render(Some(&detail), "none", buf.area, &mut buf, &skin);
        let text: Vec<String> = (0..4)
            .map(|y| (0..20).map(|x| buf[(x, y)].symbol().to_owned()).collect())
            .collect();
        assert_eq!(
            text,
            [
                "Funnel              ",
                "lead ######## 10    ",
                "sale ####      5 50%",
                "one two three       ",
            ]
        );
    }

    #[test]
    fn says_so_when_nothing_is_selected() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        let skin = Skin::new(Display::default());
        render(None, "no journey", buf.area, &mut buf, &skin);
        let text: String = (0..12).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        assert_eq!(text, "no journey  ");
    }
}
