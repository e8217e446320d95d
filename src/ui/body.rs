//! The body: a tab's screen laid out block by block. Every tab uses this layout; a tab that needs
//! its own arrangement gets a module in `ui::views` and an arm in [`render`].

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::screen::{Block, Detail, Details, Screen, Table};
use crate::app::{App, Tab};
use crate::ui::compare;
use crate::ui::theme::Skin;
use crate::ui::views;
use crate::ui::widgets::{cards, detail, table, text, waterfall};

/// Draws the screen of the tab on screen: with a compared period, the compare footer under
/// it, and in the split view both periods side by side.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, skin: &Skin) {
    let area = compare::footer(app, area, buf, skin);
    if app.split() {
        compare::split(app, area, buf, skin);
        return;
    }
    match app.tab() {
        Tab::Overview | Tab::Segments | Tab::Dealers | Tab::Attribution => {
            blocks(app, area, buf, skin);
        }
        Tab::Journeys | Tab::Maturity | Tab::Pnl => views::fitted(app, area, buf, skin),
    }
}

/// Draws one block in `rect`; `primary` marks the table the keys act on (its visible rows,
/// selection and status line), any other table shows all its rows.
pub(crate) fn draw(
    app: &App,
    block: &Block,
    primary: bool,
    rect: Rect,
    buf: &mut Buffer,
    skin: &Skin,
) {
    match block {
        Block::Cards(c) => cards::render(c, rect, buf, skin, app.display().ascii),
        Block::Text(t) => text::render(t, rect, buf, skin),
        Block::Detail(d) => detail::render(selected_detail(app, d), &d.empty, rect, buf, skin),
        Block::Waterfall(w) => waterfall::render(w, rect, buf, skin),
        Block::Table(t) => {
            let all: Vec<usize>;
            let order = if primary {
                app.visible_rows()
            } else {
                all = (0..t.rows.len()).collect();
                &all
            };
            let view = table::TableView {
                table: t,
                order,
                nav: primary.then(|| app.nav()),
                status: if primary {
                    status(app, t, skin)
                } else {
                    String::new()
                },
            };
            table::render(&view, rect, buf, skin);
        }
    }
}

/// Rows a table needs to show its title, header, pinned rows (and their rule) and `rows` rows.
pub(crate) fn table_height(table: &Table, rows: usize) -> u16 {
    let pinned = table.pinned.len() + usize::from(!table.pinned.is_empty());
    u16::try_from(2 + pinned + rows.max(1)).unwrap_or(u16::MAX)
}

/// Stacks the blocks top to bottom with a blank row between them. The first table gets the
/// room left by the others (text shrinks first, then card details) and at least a few rows.
pub fn blocks(app: &App, area: Rect, buf: &mut Buffer, skin: &Skin) {
    screen(app, app.screen(), area, buf, skin);
}

/// [`blocks`] of any screen whose first table's rows line up with the app's (the split view's
/// compared pane): the selection, scroll, filter and sort of the app apply to it.
pub fn screen(app: &App, screen: &Screen, area: Rect, buf: &mut Buffer, skin: &Skin) {
    let n = screen.blocks.len();
    if n == 0 || area.is_empty() {
        return;
    }
    let primary = screen
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Table(_)));
    let want: Vec<u16> = screen
        .blocks
        .iter()
        .enumerate()
        .map(|(i, block)| match block {
            Block::Cards(c) => cards::height(c, area.width),
            Block::Text(t) => text::height(t, area.width),
            Block::Table(t) if Some(i) == primary => table_height(t, app.visible_rows().len()),
            Block::Table(t) => table_height(t, t.rows.len()),
            Block::Detail(d) => detail::height(selected_detail(app, d), area.width),
            Block::Waterfall(w) => waterfall::height(w, area.width),
        })
        .collect();
    let gaps = u16::try_from(n - 1).unwrap_or(0);
    let mut heights = want.clone();
    let total = |h: &[u16]| h.iter().sum::<u16>() + gaps;
    // The primary table keeps at least its header and a few rows.
    let floor = |i: usize| -> u16 {
        match &screen.blocks[i] {
            Block::Table(t) if Some(i) == primary => table_height(t, 3).min(want[i]),
            Block::Table(_) => 3.min(want[i]),
            Block::Text(_) => 2.min(want[i]),
            Block::Cards(_) => 3.min(want[i]),
            Block::Detail(d) => detail::floor(selected_detail(app, d)).min(want[i]),
            Block::Waterfall(w) => waterfall::floor(w).min(want[i]),
        }
    };
    // Shrink in this order: big card values first, then text, then card details, then the
    // table, each down to its floor.
    for pass in 0..4 {
        for i in (0..n).rev() {
            if total(&heights) <= area.height {
                break;
            }
            let least = match (&screen.blocks[i], pass) {
                (Block::Cards(c), 0) => cards::compact_height(c, area.width).min(want[i]),
                (Block::Text(_), 1)
                | (Block::Cards(_) | Block::Detail(_) | Block::Waterfall(_), 2)
                | (Block::Table(_), 3) => floor(i),
                _ => continue,
            };
            let over = total(&heights) - area.height;
            heights[i] = heights[i].saturating_sub(over).max(least);
        }
    }
    let mut y = area.y;
    for (i, block) in screen.blocks.iter().enumerate() {
        if y >= area.bottom() {
            break;
        }
        let h = heights[i].min(area.bottom() - y);
        let rect = Rect::new(area.x, y, area.width, h);
        draw(app, block, Some(i) == primary, rect, buf, skin);
        y = y.saturating_add(h).saturating_add(1);
    }
}

/// The detail of the row selected in the screen's first table, if it has one.
pub(crate) fn selected_detail<'a>(app: &App, details: &'a Details) -> Option<&'a Detail> {
    let row = app.selected_row().zip(app.table())?;
    details.of(&row.1.rows.get(row.0)?.id)
}

/// "3/12 · Leads ↓ · /nor": position, sort and filter of the primary table.
pub(crate) fn status(app: &App, t: &Table, skin: &Skin) -> String {
    let shown = app.visible_rows().len();
    let mut parts = Vec::new();
    if shown > 0 {
        parts.push(format!("{}/{shown}", app.nav().selected + 1));
    } else {
        parts.push(format!("0/{shown}"));
    }
    if shown != t.rows.len() {
        parts.push(format!("of {}", t.rows.len()));
    }
    let sorted = app
        .sort()
        .and_then(|sort| Some((sort, t.columns.iter().find(|c| c.key == sort.column)?)));
    if let Some((sort, column)) = sorted {
        let arrow = match (sort.descending, app.display().ascii) {
            (true, false) => "↓",
            (false, false) => "↑",
            (true, true) => "desc",
            (false, true) => "asc",
        };
        parts.push(format!("{} {arrow}", column.short));
    }
    let filter = &app.nav().filter;
    if !filter.is_empty() {
        parts.push(format!("/{filter}"));
    }
    parts.join(skin.glyphs.dot)
}
