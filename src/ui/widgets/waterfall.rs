//! A waterfall: a title, one bar per step on one scale (each starting where the last ended),
//! then wrapped lines. The glyph says what a step is, so it reads without colour: `█` adds,
//! `░` takes away, `▒` is a part of the bar above (not added); `#`, `-` and `:` in ASCII.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::app::screen::{Align, Fall, Flow, Waterfall};
use crate::ui::fit::{truncate, width, wrap};
use crate::ui::theme::Skin;
use crate::ui::widgets::table::put;

/// The longest bar: wider terminals give the room to the notes (the definitions).
const MAX_BAR: usize = 40;
/// The narrowest bar worth drawing.
const MIN_BAR: usize = 8;

/// Rows the waterfall wants at `width`: the title, the bars and the wrapped lines.
pub fn height(w: &Waterfall, area_width: u16) -> u16 {
    let lines: usize = w
        .lines
        .iter()
        .map(|l| wrap(l, usize::from(area_width)).len())
        .sum();
    u16::try_from(1 + w.falls.len() + lines).unwrap_or(u16::MAX)
}

/// Rows worth keeping when room runs short: the title and the bars.
pub fn floor(w: &Waterfall) -> u16 {
    u16::try_from(1 + w.falls.len()).unwrap_or(u16::MAX)
}

/// The cells `[start, end)` of a bar from `a` to `b` on a scale from `lo` to `hi` over `room`
/// cells; a step that moves gets at least one cell.
pub fn span(a: Decimal, b: Decimal, (lo, hi): (Decimal, Decimal), room: usize) -> (usize, usize) {
    if a == b || hi <= lo || room == 0 {
        return (0, 0);
    }
    let at = |v: Decimal| {
        ((v - lo) / (hi - lo) * Decimal::from(room))
            .round()
            .to_usize()
            .unwrap_or(0)
            .min(room)
    };
    let start = at(a.min(b)).min(room - 1);
    let end = at(a.max(b)).max(start + 1);
    (start, end)
}

/// The scale: from the lowest to the highest point any bar reaches, zero included.
fn scale(falls: &[Fall]) -> (Decimal, Decimal) {
    falls
        .iter()
        .fold((Decimal::ZERO, Decimal::ZERO), |(lo, hi), f| {
            (lo.min(f.from).min(f.to), hi.max(f.from).max(f.to))
        })
}

/// Draws the waterfall; what does not fit is cut (bars first, then the lines).
pub fn render(w: &Waterfall, area: Rect, buf: &mut Buffer, skin: &Skin) {
    if area.is_empty() {
        return;
    }
    let t = &skin.theme;
    let g = &skin.glyphs;
    let avail = usize::from(area.width);
    buf.set_stringn(
        area.x,
        area.y,
        truncate(&w.title, avail, g.ellipsis),
        avail,
        t.title,
    );
    let widest = |f: fn(&Fall) -> &str| w.falls.iter().map(|b| width(f(b))).max().unwrap_or(0);
    let label = widest(|f| &f.label).min(avail / 3);
    let text = widest(|f| &f.text);
    let rest = avail.saturating_sub(label + text + 3);
    let bar = (rest / 3).clamp(MIN_BAR.min(rest), MAX_BAR);
    let note = rest.saturating_sub(bar);
    let range = scale(&w.falls);
    let mut y = area.y + 1;
    for fall in &w.falls {
        if y >= area.bottom() {
            return;
        }
        let mut x = area.x;
        put(
            buf,
            x,
            y,
            &fall.label,
            label,
            Align::Left,
            t.text,
            g.ellipsis,
        );
        x = x.saturating_add(col(label + 1));
        let (start, end) = span(fall.from, fall.to, range, bar);
        let (glyph, style) = match fall.flow {
            Flow::Up | Flow::Total => (g.bar, t.key),
            Flow::Down => (g.shade, t.bad),
            Flow::Part => (g.part, t.muted),
        };
        buf.set_stringn(
            x.saturating_add(col(start)),
            y,
            glyph.repeat(end - start),
            end - start,
            style,
        );
        x = x.saturating_add(col(bar + 1));
        let strong = if fall.flow == Flow::Total {
            t.title
        } else {
            t.strong
        };
        put(
            buf,
            x,
            y,
            &fall.text,
            text,
            Align::Right,
            strong,
            g.ellipsis,
        );
        x = x.saturating_add(col(text + 1));
        if note > 1 {
            put(
                buf,
                x,
                y,
                &fall.note,
                note - 1,
                Align::Left,
                t.muted,
                g.ellipsis,
            );
        }
        y += 1;
    }
    for line in w.lines.iter().flat_map(|l| wrap(l, avail)) {
        if y >= area.bottom() {
            return;
        }
        buf.set_stringn(area.x, y, line, avail, t.text);
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

    fn fall(label: &str, from: i64, to: i64, flow: Flow) -> Fall {
        Fall {
            label: label.into(),
            from: Decimal::from(from),
            to: Decimal::from(to),
            text: (to - from).to_string(),
            note: String::new(),
            flow,
        }
    }

    #[test]
    fn each_bar_starts_where_the_last_ended_on_one_scale() {
        // From -4 to 6 over 10 cells: one cell a unit.
        let range = (Decimal::from(-4), Decimal::from(6));
        let d = Decimal::from;
        assert_eq!(span(d(0), d(-4), range, 10), (0, 4));
        assert_eq!(span(d(-4), d(6), range, 10), (0, 10));
        assert_eq!(span(d(0), d(0), range, 10), (0, 0));
        // A step too small for a cell still shows.
        assert_eq!(span(d(1), d(1) + Decimal::new(1, 2), range, 10), (5, 6));
    }

    #[test]
    fn draws_cost_down_margin_up_a_part_and_the_net_in_ascii() {
        let w = Waterfall {
            title: "Bridge".into(),
            falls: vec![
                fall("cost", 0, -4, Flow::Down),
                fall("sales", -4, 4, Flow::Up),
                fall("ev", -4, -2, Flow::Part),
                fall("saved", 4, 6, Flow::Up),
                fall("net", 0, 6, Flow::Total),
            ],
            lines: vec!["ROI 150 %".into()],
        };
        assert_eq!(height(&w, 24), 1 + 5 + 1);
        let mut buf = Buffer::empty(Rect::new(0, 0, 24, 7));
        let skin = Skin::new(Display {
            colour: false,
            ascii: true,
        });
        render(&w, buf.area, &mut buf, &skin);
        let text: Vec<String> = (0..7)
            .map(|y| (0..24).map(|x| buf[(x, y)].symbol().to_owned()).collect())
            .collect();
        // 24 columns: label 5, bar 8 (one cell = 1.25 units from -4 to 6), value 2, note 6.
        assert_eq!(
            text,
            [
                "Bridge                  ",
                "cost  ---      -4       ",
                "sales ######    8       ",
                "ev    ::        2       ",
                "saved       ##  2       ",
                "net      #####  6       ",
                "ROI 150 %               ",
            ]
        );
    }
}
