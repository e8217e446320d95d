//! The line about the data under the breadcrumb. When the data files were changed into
//! something not valid, the reload banner says which file, where, what is wrong, and how old
//! the data still shown is; it goes when a reload succeeds. While a big folder's other periods
//! load in the background, it says how far that got.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use crate::app::{App, Loading, Stale};
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
    if stale.first_load {
        return format!("Other periods not loaded: {}{more}", stale.problem);
    }
    format!(
        "Not reloaded, data of {} kept: {}{more}",
        stale.shown_since.format("%H:%M:%S"),
        stale.problem
    )
}

/// The progress line: the periods on screen can be used while the others load.
pub fn loading_text(loading: Loading) -> String {
    format!(
        "Loading the other periods: {} of {} files read; trends and the period list follow",
        loading.done, loading.total
    )
}

/// Draws the banner over the whole line when the last reload failed, else the progress of
/// the background load; false (nothing drawn) when there is neither.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, skin: &Skin) -> bool {
    let Some(stale) = app.stale() else {
        return progress(app, area, buf, skin);
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

/// The background load's progress line: a gauge of the files read and what it means.
fn progress(app: &App, area: Rect, buf: &mut Buffer, skin: &Skin) -> bool {
    let Some(loading) = app.loading() else {
        return false;
    };
    let w = usize::from(area.width);
    let (full, empty) = if skin.glyphs.ascii {
        ('#', '.')
    } else {
        ('█', '░')
    };
    const GAUGE: usize = 10;
    let filled = (loading.done * GAUGE)
        .checked_div(loading.total)
        .unwrap_or(0)
        .min(GAUGE);
    let gauge: String = std::iter::repeat_n(full, filled)
        .chain(std::iter::repeat_n(empty, GAUGE - filled))
        .collect();
    let line = format!("{gauge} {}", loading_text(loading));
    let line = truncate(&line, w, skin.glyphs.ellipsis);
    let style = skin.theme.muted;
    buf.set_stringn(area.x, area.y, line, w, style);
    true
}
