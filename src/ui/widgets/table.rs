//! A view-model table drawn into a buffer: columns dropped by priority and headers abbreviated
//! to fit, pinned reference rows on top, only the visible rows touched (so 5,000 rows cost what
//! a screenful costs).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::Nav;
use crate::app::screen::{Align, Cell, Column, Row, Table, recomputed_note};
use crate::ui::fit::{truncate, width};
use crate::ui::theme::Skin;

/// Columns between two columns.
const GAP: usize = 2;
/// Columns before each row for the selection pointer.
const POINTER: usize = 2;
/// The first (name) column is never cut below this many columns while others are shown.
const NAME_MIN: usize = 10;
/// Names are first cut to this many columns so a long name does not push metrics off screen;
/// spare room lets them grow back.
const NAME_SOFT: usize = 24;

/// A column as it will be drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned<'a> {
    /// Index into the table's columns.
    pub index: usize,
    /// Columns given to it.
    pub width: usize,
    /// The header drawn (full or abbreviated).
    pub header: &'a str,
}

/// Which columns fit in `avail` terminal columns and how wide each is: the highest priority
/// numbers are dropped first, headers are abbreviated before anything is dropped, and full
/// headers come back where there is room.
pub fn plan(columns: &[Column], avail: usize) -> Vec<Planned<'_>> {
    let room = avail.saturating_sub(POINTER);
    let short_w = |c: &Column, i: usize| {
        let content = if i == 0 {
            c.width.min(NAME_SOFT)
        } else {
            c.width
        };
        content.max(width(&c.short))
    };
    let mut keep: Vec<usize> = (0..columns.len()).collect();
    let total = |keep: &[usize]| -> usize {
        keep.iter().map(|&i| short_w(&columns[i], i)).sum::<usize>()
            + GAP * keep.len().saturating_sub(1)
    };
    while total(&keep) > room {
        let drop = keep
            .iter()
            .enumerate()
            .filter(|(_, i)| columns[**i].priority > 0)
            .max_by_key(|(at, i)| (columns[**i].priority, *at))
            .map(|(at, _)| at);
        match drop {
            Some(at) => {
                keep.remove(at);
            }
            None => break,
        }
    }
    let mut planned: Vec<Planned<'_>> = keep
        .iter()
        .map(|&i| Planned {
            index: i,
            width: short_w(&columns[i], i),
            header: columns[i].short.as_str(),
        })
        .collect();
    let used = total(&keep);
    if used > room {
        // Only never-dropped columns are left and they still do not fit: cut the first.
        if let Some(first) = planned.first_mut() {
            let over = used - room;
            first.width = first.width.saturating_sub(over).max(NAME_MIN.min(room));
        }
        return planned;
    }
    let mut spare = room - used;
    // Spare room goes first to names cut short, then to full headers.
    if let Some(first) = planned.first_mut() {
        let grow = columns[first.index]
            .width
            .saturating_sub(first.width)
            .min(spare);
        first.width += grow;
        spare -= grow;
    }
    for p in planned.iter_mut() {
        let column = &columns[p.index];
        let full = width(&column.title);
        let wanted = full.max(p.width);
        if wanted - p.width <= spare {
            spare -= wanted - p.width;
            p.width = wanted;
            p.header = column.title.as_str();
        }
    }
    planned
}

/// The first row to draw so that `selected` is visible in `height` rows of `len`.
pub fn scroll(nav: &Nav, len: usize, height: usize) -> usize {
    if height == 0 || len == 0 {
        return 0;
    }
    let mut offset = nav.offset.min(len.saturating_sub(height));
    if nav.selected < offset {
        offset = nav.selected;
    } else if nav.selected >= offset + height {
        offset = nav.selected + 1 - height;
    }
    offset
}

/// What the table shows and where the selection is.
pub struct TableView<'a> {
    /// The table.
    pub table: &'a Table,
    /// Indexes of the rows to show, in order.
    pub order: &'a [usize],
    /// Selection and scroll, when the table is the one the keys act on.
    pub nav: Option<&'a Nav>,
    /// Right-aligned status in the title line (row count, sort, filter).
    pub status: String,
}

/// Draws the table: a title line, a header line, pinned rows and a rule, then the rows.
pub fn render(view: &TableView<'_>, area: Rect, buf: &mut Buffer, skin: &Skin) {
    if area.is_empty() {
        return;
    }
    let t = &skin.theme;
    let g = &skin.glyphs;
    let table = view.table;
    let avail = usize::from(area.width);
    let mut y = area.y;
    let bottom = area.bottom();

    // Title and status.
    let status = truncate(&view.status, avail / 2, g.ellipsis);
    let title_room = avail.saturating_sub(width(&status) + 1);
    buf.set_stringn(
        area.x,
        y,
        truncate(&table.title, title_room, g.ellipsis),
        title_room,
        t.title,
    );
    let sx = area
        .right()
        .saturating_sub(u16::try_from(width(&status)).unwrap_or(0));
    buf.set_string(sx, y, &status, t.muted);
    y += 1;
    if y >= bottom {
        return;
    }

    let planned = plan(&table.columns, avail);
    // Header.
    let mut x = area.x + POINTER as u16;
    for p in &planned {
        let column = &table.columns[p.index];
        // Columns that never drop may still not fit (a split pane): cut at the area's edge.
        let fits = p.width.min(usize::from(area.right().saturating_sub(x)));
        put(
            buf,
            x,
            y,
            p.header,
            fits,
            column.align,
            t.header,
            g.ellipsis,
        );
        x = x.saturating_add((p.width + GAP) as u16);
        if x >= area.right() {
            break;
        }
    }
    y += 1;

    // Reference rows give way before the rows one can select: keep a rule and two rows.
    let room = usize::from(bottom - y);
    let pinned = if view.order.is_empty() {
        table.pinned.len().min(room)
    } else {
        table.pinned.len().min(room.saturating_sub(3))
    };
    for row in table.pinned.iter().take(pinned) {
        draw_row(buf, area, y, row, &planned, table, t.strong, false, skin);
        y += 1;
    }
    if pinned > 0 && y < bottom {
        let rule = g.border.horizontal_top.repeat(avail);
        buf.set_stringn(area.x, y, rule, avail, t.border);
        if let Some(note) = total_note(table, &planned, avail.saturating_sub(2 * POINTER)) {
            let note = truncate(&note, avail.saturating_sub(2 * POINTER), g.ellipsis);
            buf.set_stringn(area.x + POINTER as u16, y, &note, avail, t.muted);
        }
        y += 1;
    }
    if y >= bottom {
        return;
    }

    if view.order.is_empty() {
        buf.set_stringn(
            area.x + POINTER as u16,
            y,
            &table.empty,
            avail.saturating_sub(POINTER),
            t.muted,
        );
        return;
    }
    let height = usize::from(bottom - y);
    let default_nav = Nav::default();
    let nav = view.nav.unwrap_or(&default_nav);
    let offset = scroll(nav, view.order.len(), height);
    for (at, &row_index) in view.order.iter().enumerate().skip(offset).take(height) {
        let selected = view.nav.is_some() && at == nav.selected;
        let row = &table.rows[row_index];
        draw_row(buf, area, y, row, &planned, table, t.text, selected, skin);
        if selected {
            buf.set_string(area.x, y, g.pointer, t.selected);
        }
        y += 1;
    }
}

/// The note in the rule under a total row that recomputes some columns: those drawn, by their
/// headers as drawn, or their kind where the names do not fit in `room`; `None` when the total
/// row recomputes none of the columns drawn.
fn total_note(table: &Table, planned: &[Planned<'_>], room: usize) -> Option<String> {
    let recomputed = table.recomputed_columns();
    let names: Vec<&str> = planned
        .iter()
        .filter(|p| recomputed.contains(&p.index))
        .map(|p| p.header)
        .collect();
    if names.is_empty() {
        return None;
    }
    let named = format!(" {} ", recomputed_note(&names));
    Some(if width(&named) <= room {
        named
    } else {
        format!(" {} ", recomputed_note(&[]))
    })
}

#[allow(clippy::too_many_arguments)]
fn draw_row(
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    row: &Row,
    planned: &[Planned<'_>],
    table: &Table,
    base: Style,
    selected: bool,
    skin: &Skin,
) {
    let t = &skin.theme;
    if selected {
        buf.set_style(Rect::new(area.x, y, area.width, 1), t.selected);
    }
    let mut x = area.x + POINTER as u16;
    for p in planned {
        let column = &table.columns[p.index];
        if let Some(cell) = row.cells.get(p.index) {
            let style = base.patch(t.tone(cell.tone));
            let style = if selected {
                style.patch(t.selected)
            } else {
                style
            };
            let text = cell_text(cell, skin);
            let fits = p.width.min(usize::from(area.right().saturating_sub(x)));
            put(
                buf,
                x,
                y,
                &text,
                fits,
                column.align,
                style,
                skin.glyphs.ellipsis,
            );
        }
        x = x.saturating_add((p.width + GAP) as u16);
        if x >= area.right() {
            break;
        }
    }
}

/// A cell's text with its mark, if any.
pub fn cell_text(cell: &Cell, skin: &Skin) -> String {
    cell.shown(skin.glyphs.ascii)
}

/// Writes `text` into `width` columns at (x, y), aligned, cut with an ellipsis if needed.
#[allow(clippy::too_many_arguments)]
pub fn put(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    text: &str,
    width_cols: usize,
    align: Align,
    style: Style,
    ellipsis: &str,
) {
    let text = truncate(text, width_cols, ellipsis);
    let pad = match align {
        Align::Left => 0,
        Align::Right => width_cols.saturating_sub(width(&text)),
    };
    let x = x.saturating_add(u16::try_from(pad).unwrap_or(u16::MAX));
    if x < buf.area.right() && y < buf.area.bottom() {
        buf.set_stringn(x, y, text, width_cols - pad, style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols() -> Vec<Column> {
        let mut c = vec![
            Column::new("name", "Dealer group", "Group", Align::Left, 0),
            Column::new("leads", "Leads", "Lds", Align::Right, 1),
            Column::new("sla", "SLA met %", "SLA%", Align::Right, 2),
            Column::new("csat", "CSAT score", "CSAT", Align::Right, 3),
        ];
        for (col, w) in c.iter_mut().zip([30, 5, 5, 4]) {
            col.width = w;
        }
        c
    }

    #[test]
    fn wide_terminals_get_every_column_with_full_headers() {
        let c = cols();
        let p = plan(&c, 100);
        let headers: Vec<_> = p.iter().map(|p| p.header).collect();
        assert_eq!(
            headers,
            ["Dealer group", "Leads", "SLA met %", "CSAT score"]
        );
        assert_eq!(p[0].width, 30, "the name grows back when there is room");
    }

    #[test]
    fn narrow_terminals_drop_the_highest_priority_numbers_first() {
        // pointer 2 + name 24 + 2 + leads 5 + 2 + sla 5 = 40
        let c = cols();
        let p = plan(&c, 40);
        let kept: Vec<_> = p.iter().map(|p| p.index).collect();
        assert_eq!(kept, [0, 1, 2]);
        let p = plan(&c, 20);
        assert_eq!(p.iter().map(|p| p.index).collect::<Vec<_>>(), [0]);
        assert!(p[0].width <= 18);
    }

    #[test]
    fn scrolling_keeps_the_selection_visible() {
        let nav = |selected, offset| Nav {
            selected,
            offset,
            ..Nav::default()
        };
        assert_eq!(scroll(&nav(0, 0), 100, 10), 0);
        assert_eq!(scroll(&nav(15, 0), 100, 10), 6);
        assert_eq!(scroll(&nav(15, 12), 100, 10), 12);
        assert_eq!(scroll(&nav(99, 95), 100, 10), 90);
        assert_eq!(scroll(&nav(3, 50), 5, 10), 0);
    }

    #[test]
    fn columns_that_never_drop_are_cut_at_the_edge_of_their_area() {
        // A split pane: the table gets the left 12 columns of a 20-column buffer.
        let mut columns = vec![
            Column::new("name", "Name", "Name", Align::Left, 0),
            Column::new("stage", "Stage", "Stage", Align::Left, 0),
        ];
        let row = Row::new(
            "a",
            "a",
            vec![Cell::text("Alpha"), Cell::text("Journey-Centric")],
        );
        for (c, w) in columns.iter_mut().zip([5, 15]) {
            c.width = w;
        }
        let table = Table {
            columns,
            rows: vec![row],
            ..Table::default()
        };
        let view = TableView {
            table: &table,
            order: &[0],
            nav: None,
            status: String::new(),
        };
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 3));
        let skin = Skin::new(crate::app::Display::default());
        render(&view, Rect::new(0, 0, 12, 3), &mut buf, &skin);
        for y in 0..3 {
            let right: String = (12..20).map(|x| buf[(x, y)].symbol().to_owned()).collect();
            assert_eq!(right, " ".repeat(8), "row {y} wrote outside its area");
        }
    }

    #[test]
    fn cells_are_right_aligned_and_cut_with_an_ellipsis() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 2));
        put(&mut buf, 0, 0, "42", 6, Align::Right, Style::new(), "…");
        put(
            &mut buf,
            0,
            1,
            "Northwestern",
            6,
            Align::Left,
            Style::new(),
            "…",
        );
        assert_eq!(buf, Buffer::with_lines(["    42  ", "North…  "]));
    }
}
