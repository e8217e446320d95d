//! Layouts of tabs that do not use the generic stacking of [`crate::ui::body::blocks`].
//!
//! [`fitted`] serves Journeys, Maturity and P&L, whose tables are short and fixed (six journeys,
//! eleven dimensions, ten tools): blocks stand top to bottom at their natural height, with no
//! stretched table, and room is handed out as a list of claims in the tab's order of importance
//! (e.g. for Journeys: the journeys, the ROI definition, the funnel's bars, its handoff lines,
//! then the commentary). A claim that does not fit is skipped, so a block is shown whole, at a
//! useful size, or not at all, never as a lone title.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::screen::Block;
use crate::app::{App, Tab};
use crate::ui::body::{draw, selected_detail, table_height};
use crate::ui::theme::Skin;
use crate::ui::widgets::{cards, detail, text, waterfall};

/// What a block is to the layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// The first table: the one the keys act on.
    Primary,
    /// Any other table: shown whole or not at all (half a list would read as the whole list).
    Second,
    /// Untitled text: a definition line.
    Definitions,
    /// Titled text: commentary, notes.
    Notes,
    /// Headline cards.
    Cards,
    /// The selected row's detail.
    Detail,
    /// A waterfall: its bars, then its lines.
    Waterfall,
}

/// How far a claim grows a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// The fewest rows worth showing.
    Floor,
    /// Cards with every detail line but one-row values.
    Mid,
    /// Everything; blocks that may be cut take what is left.
    Want,
}

/// Room claims in order of importance, per tab.
fn claims(tab: Tab) -> &'static [(Kind, Step)] {
    use Kind::*;
    use Step::*;
    match tab {
        Tab::Journeys => &[
            (Primary, Floor),
            (Definitions, Want),
            (Primary, Want),
            (Detail, Floor),
            (Detail, Want),
            (Notes, Want),
        ],
        Tab::Pnl => &[
            (Primary, Floor),
            (Definitions, Want),
            (Cards, Floor),
            (Waterfall, Floor),
            (Primary, Want),
            (Second, Want),
            (Waterfall, Want),
            (Cards, Mid),
            // The selected tool's verdict before the commentary.
            (Detail, Floor),
            (Detail, Want),
            (Notes, Want),
            (Cards, Want),
        ],
        Tab::Overview | Tab::Segments | Tab::Dealers | Tab::Maturity | Tab::Attribution => &[
            (Primary, Floor),
            (Definitions, Want),
            (Primary, Want),
            (Detail, Floor),
            (Detail, Want),
            (Cards, Floor),
            (Second, Want),
            (Notes, Want),
        ],
    }
}

/// Rows of the first table kept before anything else is shown: enough to see the list is a
/// list (six journeys, most of the tools) before a funnel or a detail takes room.
const PRIMARY_ROWS: usize = 6;

/// A block's kind and its heights at each step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Fit {
    kind: Kind,
    floor: u16,
    mid: u16,
    want: u16,
}

impl Fit {
    fn at(&self, step: Step) -> u16 {
        match step {
            Step::Floor => self.floor,
            Step::Mid => self.mid,
            Step::Want => self.want,
        }
    }

    /// Whether the block may take less than a step asks for (a table scrolls, text is cut).
    fn cuttable(&self) -> bool {
        matches!(
            self.kind,
            Kind::Primary | Kind::Notes | Kind::Detail | Kind::Waterfall
        )
    }
}

fn fit(app: &App, block: &Block, primary: bool, width: u16) -> Fit {
    let same = |kind, h: u16| Fit {
        kind,
        floor: h,
        mid: h,
        want: h,
    };
    match block {
        Block::Table(t) if primary => {
            let rows = app.visible_rows().len();
            let want = table_height(t, rows);
            let floor = table_height(t, rows.min(PRIMARY_ROWS));
            Fit {
                kind: Kind::Primary,
                floor,
                mid: floor,
                want,
            }
        }
        Block::Table(t) => same(Kind::Second, table_height(t, t.rows.len())),
        Block::Text(t) if t.title.is_empty() => same(Kind::Definitions, text::height(t, width)),
        Block::Text(t) => {
            let want = text::height(t, width);
            Fit {
                kind: Kind::Notes,
                floor: want.min(3),
                mid: want.min(3),
                want,
            }
        }
        Block::Detail(d) => {
            let selected = selected_detail(app, d);
            let want = detail::height(selected, width);
            cut_to(Kind::Detail, want, detail::floor(selected))
        }
        Block::Waterfall(w) => cut_to(
            Kind::Waterfall,
            waterfall::height(w, width),
            waterfall::floor(w),
        ),
        Block::Cards(c) => {
            let want = cards::height(c, width);
            Fit {
                kind: Kind::Cards,
                floor: want.min(3),
                mid: cards::compact_height(c, width).min(want),
                want,
            }
        }
    }
}

/// A block that wants `want` rows and may be cut down to `floor` (never above `want`).
fn cut_to(kind: Kind, want: u16, floor: u16) -> Fit {
    let floor = floor.min(want);
    Fit {
        kind,
        floor,
        mid: floor,
        want,
    }
}

/// Heights for blocks of these fits in `height` rows, one blank row between shown blocks: the
/// claims are granted in order when they fit; a hidden block is 0. The first table always gets
/// at least what is left.
fn heights(fits: &[Fit], claims: &[(Kind, Step)], height: u16) -> Vec<u16> {
    let mut out = vec![0u16; fits.len()];
    let used = |h: &[u16]| -> u16 {
        let shown = h.iter().filter(|&&r| r > 0).count();
        let gaps = u16::try_from(shown.saturating_sub(1)).unwrap_or(u16::MAX);
        h.iter().fold(gaps, |sum, &r| sum.saturating_add(r))
    };
    for &(kind, step) in claims {
        for (i, f) in fits.iter().enumerate().filter(|(_, f)| f.kind == kind) {
            let target = f.at(step);
            if target <= out[i] {
                continue;
            }
            let gap = u16::from(out[i] == 0 && out.iter().any(|&h| h > 0));
            let room = height.saturating_sub(used(&out)).saturating_sub(gap);
            let grow = target - out[i];
            if grow <= room {
                out[i] = target;
            } else if f.kind == Kind::Primary || (f.cuttable() && out[i] + room >= f.floor.max(1)) {
                // The first table takes what is left even below its floor: it scrolls.
                out[i] += room;
            }
        }
    }
    out
}

/// Draws the screen's blocks top to bottom at the heights [`heights`] gives them.
pub fn fitted(app: &App, area: Rect, buf: &mut Buffer, skin: &Skin) {
    let screen = app.screen();
    if screen.blocks.is_empty() || area.is_empty() {
        return;
    }
    let primary = screen
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Table(_)));
    let fits: Vec<Fit> = screen
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| fit(app, b, Some(i) == primary, area.width))
        .collect();
    let rows = heights(&fits, claims(app.tab()), area.height);
    let mut y = area.y;
    for (i, block) in screen.blocks.iter().enumerate() {
        if rows[i] == 0 {
            continue;
        }
        if y >= area.bottom() {
            break;
        }
        let h = rows[i].min(area.bottom() - y);
        let rect = Rect::new(area.x, y, area.width, h);
        draw(app, block, Some(i) == primary, rect, buf, skin);
        y = y.saturating_add(h).saturating_add(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(kind: Kind, floor: u16, mid: u16, want: u16) -> Fit {
        Fit {
            kind,
            floor,
            mid,
            want,
        }
    }

    fn journeys() -> [Fit; 4] {
        [
            f(Kind::Primary, 10, 10, 10),
            f(Kind::Definitions, 1, 1, 1),
            f(Kind::Detail, 6, 6, 10),
            f(Kind::Notes, 3, 3, 4),
        ]
    }

    #[test]
    fn everything_fits_at_its_natural_height_with_spare_left_below() {
        let h = heights(&journeys(), claims(Tab::Journeys), 43);
        assert_eq!(h, [10, 1, 10, 4]);
    }

    #[test]
    fn at_80x24_journeys_keep_every_row_the_definition_and_the_funnel_bars() {
        let h = heights(&journeys(), claims(Tab::Journeys), 19);
        assert_eq!(h, [10, 1, 6, 0], "the commentary gives way");
        assert_eq!(
            h.iter().sum::<u16>() + 2,
            19,
            "two gaps between three blocks"
        );
    }

    #[test]
    fn cards_grow_in_whole_steps_after_the_tables() {
        let fits = [
            f(Kind::Cards, 3, 7, 9),
            f(Kind::Primary, 10, 10, 14),
            f(Kind::Definitions, 2, 2, 2),
            f(Kind::Second, 10, 10, 10),
        ];
        let claims = claims(Tab::Pnl);
        // 80x24: values only, the tools scroll, no room for the drivers.
        assert_eq!(heights(&fits, claims, 19), [3, 12, 2, 0]);
        // Taller: both tables whole, then one-row values with details, then big values.
        assert_eq!(heights(&fits, claims, 33), [3, 14, 2, 10]);
        assert_eq!(heights(&fits, claims, 37), [7, 14, 2, 10]);
        assert_eq!(heights(&fits, claims, 38), [9, 14, 2, 10]);
    }

    #[test]
    fn the_first_table_is_never_hidden_even_when_nothing_fits() {
        let fits = [f(Kind::Cards, 3, 3, 3), f(Kind::Primary, 14, 14, 14)];
        let h = heights(&fits, claims(Tab::Pnl), 5);
        assert_eq!(h, [0, 5]);
    }
}
