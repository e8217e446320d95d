//! Everything that knows the terminal: theme and glyphs, the keymap, the frame around the views,
//! the views, the terminal runtime and the headless renderer.
//!
//! Drawing is a pure function of the app: [`render`] writes an `&App` into a ratatui `Buffer`.
//! The live terminal and `ebr render` call the same function, so a headless render shows
//! exactly what the terminal shows.

pub mod banner;
pub mod body;
pub mod chrome;
pub mod clipboard;
pub mod compare;
pub mod effects;
pub mod fit;
pub mod follow;
pub mod headless;
pub mod help;
pub mod keymap;
pub mod picker;
pub mod present;
pub mod report;
pub mod terminal;
pub mod theme;
pub mod views;
pub mod widgets;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use theme::Skin;

/// Draws the whole dashboard: header, tab bar, breadcrumb, the reload banner or the agenda
/// item when presenting, the tab's view, the hint bar, and the help overlay when open. Below [`chrome::MIN_SIZE`] it draws a "terminal too small" note.
pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let skin = Skin::new(app.display());
    let area = area.intersection(buf.area);
    if area.width < chrome::MIN_SIZE.0 || area.height < chrome::MIN_SIZE.1 {
        chrome::too_small(area, buf, &skin);
        return;
    }
    let row = |n: u16| Rect::new(area.x, area.y + n, area.width, 1);
    chrome::header(app, row(0), buf, &skin);
    chrome::tabs(app, row(1), buf, &skin);
    chrome::breadcrumb(app, row(2), buf, &skin);
    // A refused reload outranks the presenter's line: the data on screen is older than the files.
    if !banner::render(app, row(3), buf, &skin) {
        present::render(app, row(3), buf, &skin);
    }
    let body = Rect::new(area.x, area.y + 4, area.width, area.height - 5);
    body::render(app, body, buf, &skin);
    chrome::hints(app, row(area.height - 1), buf, &skin);
    if app.picker().is_some() {
        picker::render(app, area, buf, &skin);
    }
    if app.help() {
        help::render(app, area, buf, &skin);
    }
}
