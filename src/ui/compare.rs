//! Compare mode on screen: the split view's two panes, and the footer under a table (the
//! summary of rows matched between the periods, the selected row's detail with its
//! sparkline).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::app::screen::Screen;
use crate::compare::period_choice::period_label;
use crate::ui::body;
use crate::ui::fit::{truncate, width};
use crate::ui::theme::Skin;
use crate::ui::widgets::spark;

/// Rows the view keeps before the footer gives up its lines.
const BODY_MIN: u16 = 6;
/// Most columns the detail line gives its sparkline.
const SPARK_MAX: usize = 36;

/// Draws the footer lines at the bottom of `area` and returns what is left above them: the
/// match summary of the table on screen ("Rows matched by id: 3 matched · 1 added · ..."),
/// then the selected row's detail. Lines are left out when the body would get too small.
pub fn footer(app: &App, area: Rect, buf: &mut Buffer, skin: &Skin) -> Rect {
    let summary = app.table().and_then(|t| t.matched).map(|m| {
        let dot = skin.glyphs.dot;
        format!(
            "Rows matched by id: {} matched{dot}{} added{dot}{} removed{dot}{} renamed",
            m.matched, m.added, m.removed, m.renamed
        )
    });
    let detail = app.row_detail();
    let mut lines = u16::from(summary.is_some()) + u16::from(detail.is_some());
    while lines > 0 && area.height < BODY_MIN + lines {
        lines -= 1;
    }
    if lines == 0 {
        return area;
    }
    let top = area.bottom() - lines;
    let w = usize::from(area.width);
    let mut y = top;
    if let Some(summary) = summary.filter(|_| lines == 2 || detail.is_none()) {
        buf.set_stringn(
            area.x,
            y,
            truncate(&summary, w, skin.glyphs.ellipsis),
            w,
            skin.theme.muted,
        );
        y += 1;
    }
    if let Some(detail) = detail
        && y < area.bottom()
    {
        draw_detail(&detail, Rect::new(area.x, y, area.width, 1), buf, skin);
    }
    Rect::new(area.x, area.y, area.width, area.height - lines)
}

/// "Sunset Auto · SLA adherence  ▂▃▅▆█  Oct 2026 91.2 % · Sep 2026 89.7 % · ▲ +1.5 pp (+1.7 %)".
fn draw_detail(detail: &crate::app::RowDetail, area: Rect, buf: &mut Buffer, skin: &Skin) {
    let t = &skin.theme;
    let right = area.right();
    let room = |x: u16| usize::from(right.saturating_sub(x));
    // The figure is never cut; the name gets what is left of a third of the line.
    let figure = format!("{}{}", skin.glyphs.dot, detail.figure);
    let name_room = (usize::from(area.width) / 3)
        .saturating_sub(width(&figure))
        .max(6);
    let name = truncate(&detail.name, name_room, skin.glyphs.ellipsis);
    let (x, _) = buf.set_stringn(area.x, area.y, &name, room(area.x), t.strong);
    let (mut x, _) = buf.set_stringn(x, area.y, &figure, room(x), t.strong);
    if let Some(s) = &detail.spark {
        x = x.saturating_add(2);
        let cols = s.levels.len().min(SPARK_MAX).min(room(x) / 3);
        x = x.saturating_add(spark::render(s, x, area.y, cols, buf, skin));
    }
    for (i, (text, tone)) in detail.parts.iter().enumerate() {
        let sep = if i == 0 { "  " } else { skin.glyphs.dot };
        if room(x) <= width(sep) {
            break;
        }
        let (nx, _) = buf.set_stringn(x, area.y, sep, room(x), t.muted);
        let (nx, _) = buf.set_stringn(nx, area.y, text, room(nx), t.tone(*tone));
        x = nx;
    }
}

/// The split view: the tab for the current period on the left and for the compared period on
/// the right, each under its period's name; one selection and one scroll position move both
/// (their rows are aligned by id).
pub fn split(app: &App, area: Rect, buf: &mut Buffer, skin: &Skin) {
    let Some(pane) = app.pane() else {
        body::blocks(app, area, buf, skin);
        return;
    };
    if area.width < 3 || area.height < 2 {
        return;
    }
    let left_w = (area.width - 1) / 2;
    let left = Rect::new(area.x, area.y, left_w, area.height);
    let rule_x = area.x + left_w;
    let right = Rect::new(rule_x + 1, area.y, area.right() - rule_x - 1, area.height);
    for y in area.top()..area.bottom() {
        buf.set_string(
            rule_x,
            y,
            skin.glyphs.border.vertical_left,
            skin.theme.border,
        );
    }
    let fiscal = app.snapshot().period.fiscal_year_start_month;
    let periods = app.periods();
    let label = |period, role: &str| format!("{} ({role})", period_label(period, fiscal));
    draw_pane(
        app,
        app.screen(),
        left,
        &label(periods.current, "current"),
        buf,
        skin,
    );
    if let Some(compared) = periods.compared {
        draw_pane(app, pane, right, &label(compared, "compared"), buf, skin);
    }
}

/// One pane: its period's name on the first line, the screen below.
fn draw_pane(app: &App, screen: &Screen, area: Rect, label: &str, buf: &mut Buffer, skin: &Skin) {
    let w = usize::from(area.width);
    buf.set_stringn(
        area.x,
        area.y,
        truncate(label, w, skin.glyphs.ellipsis),
        w,
        skin.theme.title,
    );
    let below = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(1),
    );
    body::screen(app, screen, below, buf, skin);
}
