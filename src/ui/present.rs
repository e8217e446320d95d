//! Presenter mode's line under the breadcrumb: "3/9 · title" on the left, the time spent on the
//! item against its budget on the right ("2:15 / 5:00", marked `!` once over), a note when
//! the screen has left the item's view, and one when the item's figures changed since
//! rehearsal.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::ui::fit::{truncate, width};
use crate::ui::theme::Skin;

/// "m:ss".
pub fn clock(secs: u64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// "2:15 / 5:00", or "2:15" without a budget; `!` once over budget.
pub fn timer(elapsed_secs: u64, budget_secs: Option<u64>) -> (String, bool) {
    match budget_secs {
        Some(budget) => {
            let over = elapsed_secs > budget;
            let mark = if over { " !" } else { "" };
            (
                format!("{} / {}{mark}", clock(elapsed_secs), clock(budget)),
                over,
            )
        }
        None => (clock(elapsed_secs), false),
    }
}

/// Draws the line; nothing when not presenting.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, skin: &Skin) {
    let Some(cue) = app.cue() else {
        return;
    };
    let t = &skin.theme;
    let w = usize::from(area.width);
    let (time, over) = timer(cue.elapsed_secs, cue.budget_secs);
    let changed = if cue.figures_changed {
        " (figures changed since rehearsal)"
    } else {
        ""
    };
    let off = if cue.off_item {
        " (off the item: r returns)"
    } else {
        ""
    };
    let away = format!("{changed}{off}");
    let right = format!("{away}  {time}");
    let room = w.saturating_sub(width(&right));
    let left = format!(
        "{}/{}{}{}",
        cue.number, cue.count, skin.glyphs.dot, cue.title
    );
    let left = truncate(&left, room.max(1), skin.glyphs.ellipsis);
    buf.set_stringn(area.x, area.y, &left, w, t.title);
    let x = area
        .right()
        .saturating_sub(u16::try_from(width(&right)).unwrap_or(0));
    let (x, _) = buf.set_stringn(x, area.y, &away, usize::from(area.right() - x), t.warn);
    let style = if over { t.warn } else { t.muted };
    buf.set_stringn(
        x,
        area.y,
        format!("  {time}"),
        usize::from(area.right() - x),
        style,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timer_reads_minutes_and_seconds_against_the_budget() {
        assert_eq!(timer(135, Some(300)), ("2:15 / 5:00".to_owned(), false));
        assert_eq!(timer(301, Some(300)), ("5:01 / 5:00 !".to_owned(), true));
        assert_eq!(timer(59, None), ("0:59".to_owned(), false));
    }
}
