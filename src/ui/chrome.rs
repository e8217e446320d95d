//! The frame around every view: header, tab bar, breadcrumb, hint bar, and the note shown when
//! the terminal is too small.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::{App, Tab};
use crate::model::{Snapshot, Source, SourceKind};
use crate::ui::fit::{truncate, width, wrap};
use crate::ui::keymap::{self, Mode};
use crate::ui::theme::Skin;

/// Smallest terminal the dashboard draws into; below it a note asks for more room.
pub const MIN_SIZE: (u16, u16) = (40, 10);

/// Line 1: the ecosystem's name and the periods ("Oct 2026 vs Sep 2026 (MoM)") on the left,
/// source freshness on the right.
pub fn header(app: &App, area: Rect, buf: &mut Buffer, skin: &Skin) {
    let snapshot = app.snapshot();
    let t = &skin.theme;
    let g = &skin.glyphs;
    let w = usize::from(area.width);
    let period = app.period_label();
    let left_room = w.saturating_sub(width(&period) + 2);
    let shown = crate::export::printable(&snapshot.ecosystem.name);
    let name = truncate(&shown, left_room.max(8), g.ellipsis);
    let (x, _) = buf.set_stringn(area.x, area.y, &name, w, t.title);
    let (x, _) = buf.set_stringn(x, area.y, "  ", w, t.text);
    let (x, _) = buf.set_stringn(
        x,
        area.y,
        &period,
        w.saturating_sub(usize::from(x - area.x)),
        t.strong,
    );
    let used = usize::from(x - area.x);
    let room = w.saturating_sub(used + 3);
    let fresh = freshness(snapshot, room, skin);
    let mut fx = area.right().saturating_sub(
        u16::try_from(fresh.iter().map(|(s, _)| width(s)).sum::<usize>()).unwrap_or(0),
    );
    for (text, style) in fresh {
        let (nx, _) = buf.set_stringn(fx, area.y, &text, usize::from(area.right() - fx), style);
        fx = nx;
    }
}

/// Short name of a source system.
fn source_name(source: &Source) -> std::borrow::Cow<'_, str> {
    match source.kind {
        SourceKind::Crm => "CRM".into(),
        SourceKind::Dms => "DMS".into(),
        SourceKind::Map => "MAP".into(),
        SourceKind::Cdp => "CDP".into(),
        SourceKind::AdPlatform => "Ads".into(),
        SourceKind::Analytics => "Analytics".into(),
        SourceKind::Prm => "PRM".into(),
        SourceKind::Other => crate::export::printable(&source.name),
    }
}

/// "DMS as of Oct 28! · CRM as of Oct 31" fitted into `room` columns, oldest first: "as of"
/// goes first, then the freshest sources ("+2"). A source older than the period's end is marked `!` and
/// drawn as a warning, so staleness is never carried by colour alone.
fn freshness(snapshot: &Snapshot, room: usize, skin: &Skin) -> Vec<(String, Style)> {
    let end = snapshot.period.end;
    let item = |s: &Source, long: bool| {
        let date = s.as_of.format("%b %-d");
        let stale = if s.as_of < end { "!" } else { "" };
        if long {
            format!("{} as of {date}{stale}", source_name(s))
        } else {
            format!("{} {date}{stale}", source_name(s))
        }
    };
    // Oldest first: when room runs out, the stalest source is the one still shown.
    let mut sources: Vec<&Source> = snapshot.provenance.sources.iter().collect();
    sources.sort_by_key(|s| s.as_of);
    for long in [true, false] {
        for shown in (0..=sources.len()).rev() {
            let mut parts: Vec<(String, Style)> = Vec::new();
            for (i, s) in sources.iter().copied().take(shown).enumerate() {
                if i > 0 {
                    parts.push((skin.glyphs.dot.to_owned(), skin.theme.muted));
                }
                let style = if s.as_of < end {
                    skin.theme.warn
                } else {
                    skin.theme.muted
                };
                parts.push((item(s, long), style));
            }
            if shown < sources.len() {
                parts.push((format!(" +{}", sources.len() - shown), skin.theme.muted));
            }
            let total: usize = parts.iter().map(|(s, _)| width(s)).sum();
            if total <= room && (shown > 0 || !long) {
                return parts;
            }
        }
    }
    Vec::new()
}

/// Line 2: the tabs with their digits; titles shorten when the width runs out. Neighbours share
/// one space, and the active tab is drawn last so its highlight keeps both of its spaces.
pub fn tabs(app: &App, area: Rect, buf: &mut Buffer, skin: &Skin) {
    let t = &skin.theme;
    let label = |tab: Tab, short: Option<usize>| -> String {
        let title = match short {
            Some(n) if tab != app.tab() => crate::ui::fit::take_columns(tab.title(), n),
            _ => tab.title(),
        };
        if title.is_empty() {
            format!(" {} ", tab.index() + 1)
        } else {
            format!(" {} {title} ", tab.index() + 1)
        }
    };
    let total = |short: Option<usize>| -> usize {
        Tab::ALL
            .iter()
            .map(|&tab| width(&label(tab, short)) - 1)
            .sum::<usize>()
            + 1
    };
    let short = [None, Some(4), Some(1), Some(0)]
        .into_iter()
        .find(|&s| total(s) <= usize::from(area.width))
        .unwrap_or(Some(0));
    let mut spots = Vec::with_capacity(Tab::COUNT);
    let mut x = area.x;
    for tab in Tab::ALL {
        let text = label(tab, short);
        spots.push((tab, x, text.clone()));
        x = x.saturating_add(u16::try_from(width(&text) - 1).unwrap_or(u16::MAX));
    }
    spots.sort_by_key(|(tab, _, _)| *tab == app.tab());
    for (tab, x, text) in spots {
        if x >= area.right() {
            continue;
        }
        let style = if tab == app.tab() {
            t.selected.patch(t.strong)
        } else {
            t.muted
        };
        buf.set_stringn(x, area.y, &text, usize::from(area.right() - x), style);
    }
}

/// Line 3: where you are, ecosystem first; the start is cut when it does not fit.
pub fn breadcrumb(app: &App, area: Rect, buf: &mut Buffer, skin: &Skin) {
    let crumbs = app.breadcrumb();
    let sep = skin.glyphs.crumb;
    let mut text = crumbs.join(sep);
    let w = usize::from(area.width);
    if width(&text) > w {
        // Keep the deepest levels: they say where you are.
        let mut kept: Vec<&str> = Vec::new();
        for crumb in crumbs.iter().rev() {
            let candidate: Vec<&str> = std::iter::once(crumb.as_str())
                .chain(kept.iter().copied())
                .collect();
            if width(&candidate.join(sep)) + width(skin.glyphs.ellipsis) + width(sep) > w
                && !kept.is_empty()
            {
                break;
            }
            kept = candidate;
        }
        text = format!("{}{sep}{}", skin.glyphs.ellipsis, kept.join(sep));
    }
    let text = truncate(&text, w, skin.glyphs.ellipsis);
    buf.set_stringn(area.x, area.y, text, w, skin.theme.strong);
}

/// The last line: the keys that work here, generated from the keymap; while typing a filter,
/// the filter itself; after a copy or an export, what was done (until the next key).
pub fn hints(app: &App, area: Rect, buf: &mut Buffer, skin: &Skin) {
    let t = &skin.theme;
    let mode = Mode::of(app);
    let mut x = area.x;
    let right = area.right();
    if let Some(status) = app
        .status()
        .filter(|_| matches!(mode, Mode::Normal | Mode::Present))
    {
        let status = crate::export::printable(status);
        buf.set_stringn(x, area.y, &status, usize::from(right - x), t.strong);
        return;
    }
    if mode == Mode::Export {
        let (nx, _) = buf.set_stringn(x, area.y, "Export: ", usize::from(right - x), t.strong);
        x = nx;
    }
    if mode == Mode::Filter {
        let prompt = format!("/{}", app.nav().filter);
        let (nx, _) = buf.set_stringn(x, area.y, &prompt, usize::from(right - x), t.strong);
        let (nx, _) = buf.set_stringn(nx, area.y, "_  ", usize::from(right - nx), t.selected);
        x = nx;
    }
    if mode == Mode::Jump {
        let typed = app
            .presentation()
            .and_then(|p| p.typed())
            .unwrap_or_default();
        let prompt = format!("go to item {typed}");
        let (nx, _) = buf.set_stringn(x, area.y, &prompt, usize::from(right - x), t.strong);
        let (nx, _) = buf.set_stringn(nx, area.y, "_  ", usize::from(right - nx), t.selected);
        x = nx;
    }
    for binding in keymap::active(mode) {
        if binding.hint.is_empty() || !binding.when.holds(app) {
            continue;
        }
        let label = keymap::added::hint_key(app, binding);
        let label = label.as_ref();
        let needed = width(label) + 1 + width(binding.hint) + 2;
        if usize::from(right.saturating_sub(x)) < needed {
            break;
        }
        let (nx, _) = buf.set_stringn(x, area.y, label, needed, t.key);
        let (nx, _) = buf.set_stringn(nx + 1, area.y, binding.hint, needed, t.muted);
        x = nx + 2;
    }
}

/// Instead of the dashboard when the terminal is smaller than [`MIN_SIZE`]: as much of the
/// note as fits, from 1x1 down to nothing at 0x0.
pub fn too_small(area: Rect, buf: &mut Buffer, skin: &Skin) {
    if area.is_empty() {
        return;
    }
    let note = format!(
        "Terminal too small ({}x{}): ebr needs {}x{}.",
        area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
    );
    let lines = wrap(&note, usize::from(area.width));
    let top = area.y
        + area
            .height
            .saturating_sub(u16::try_from(lines.len()).unwrap_or(0))
            / 2;
    for (n, line) in lines.iter().enumerate() {
        let y = top + u16::try_from(n).unwrap_or(u16::MAX);
        if y >= area.bottom() {
            break;
        }
        buf.set_stringn(area.x, y, line, usize::from(area.width), skin.theme.warn);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, Display};

    fn skin() -> Skin {
        Skin::new(Display {
            colour: false,
            ascii: true,
        })
    }

    fn app() -> App {
        let mut app =
            App::new(crate::app::fixture::library(), Display::default()).expect("fixture");
        app.update(Action::GoTab(Tab::Dealers));
        app
    }

    #[test]
    fn tab_titles_shorten_to_fit_and_the_active_one_stays_whole() {
        let app = app();
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 1));
        tabs(&app, buf.area, &mut buf, &skin());
        let line: String = (0..40).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        assert_eq!(line, " 1 O 2 J 3 S 4 Dealers 5 M 6 P 7 A      ");
        let reversed = |x: u16| {
            buf[(x, 0)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED)
        };
        assert!(
            (12..23).all(reversed),
            "the active tab, its spaces included"
        );
        assert!(!reversed(11) && !reversed(23) && !reversed(1));
    }

    #[test]
    fn the_too_small_note_fits_any_size_down_to_nothing() {
        for (w, h) in [(0, 0), (1, 1), (5, 2), (39, 9)] {
            let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
            too_small(buf.area, &mut buf, &skin());
            if w > 0 && h > 0 {
                assert!(buf.content().iter().any(|c| c.symbol() != " "), "{w}x{h}");
            }
        }
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 3));
        too_small(buf.area, &mut buf, &skin());
        let text: Vec<String> = (0..3)
            .map(|y| (0..12).map(|x| buf[(x, y)].symbol().to_owned()).collect())
            .collect();
        assert_eq!(text, ["Terminal too", "small       ", "(12x3): ebr "]);
    }

    #[test]
    fn the_hint_bar_lists_what_works_here_and_stops_before_overflowing() {
        let mut app = app();
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 1));
        hints(&app, buf.area, &mut buf, &skin());
        let line: String = (0..30).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        assert_eq!(line, "? help  q quit  Tab tabs      ");
        app.update(Action::StartFilter);
        app.update(Action::FilterChar('w'));
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 1));
        hints(&app, buf.area, &mut buf, &skin());
        let line: String = (0..30).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        assert_eq!(line, "/w_  Enter keep  Esc clear    ");
    }
}
