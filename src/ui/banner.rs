//! The reload banner: when the data files were changed into something not valid, one line
//! under the breadcrumb says which file, where, what is wrong, and how old the data still
//! shown is. It goes when a reload succeeds.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::app::{App, Stale};
use crate::ui::fit::truncate;
use crate::ui::theme::Skin;

/// The banner's text: the time of the data shown first, then the problem
/// (`file:line:col: field: message`, the file by its name), so what is cut on a narrow
/// terminal is the end of the message.
pub fn text(stale: &Stale) -> String {
    let more = match stale.more {
        0 => String::new(),
        1 => " (and 1 more error)".to_owned(),
        n => format!(" (and {n} more errors)"),
    };
    format!(
        "Not reloaded, data of {} kept: {}{more}",
        stale.shown_since.format("%H:%M:%S"),
        stale.problem
    )
}

/// Draws the banner over the whole line when the last reload failed; false (nothing drawn)
/// otherwise.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, skin: &Skin) -> bool {
    let Some(stale) = app.stale() else {
        return false;
    };
    let style = skin.theme.warn.add_modifier(Modifier::REVERSED);
    let w = usize::from(area.width);
    let mark = if skin.glyphs.ascii { "! " } else { "⚠ " };
    let line = format!("{mark}{}", crate::export::printable(&text(stale)));
    let line = truncate(&line, w, skin.glyphs.ellipsis);
    buf.set_style(area, style);
    buf.set_stringn(area.x, area.y, line, w, style);
    true
}
