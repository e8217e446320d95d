//! The `?` overlay: every key of every mode, generated from the keymap, and the definitions a
//! reviewer asks about.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::app::App;
use crate::ui::fit::{truncate, wrap};
use crate::ui::keymap::{self, Binding, Mode};
use crate::ui::theme::Skin;

/// How the numbers are computed, for the reviewer who asks.
pub const DEFINITIONS: &[&str] = &[
    "Ratios are recomputed from summed parts at every level, never averaged; n/a means an \
     empty denominator.",
    "Rates change in percentage points (pp). ROI = (attributed gross margin - martech cost) / \
     martech cost.",
];

/// Columns of the key column.
const KEY_W: usize = 14;

/// One line of the overlay: a key column and its text, or a heading.
enum Line<'a> {
    Heading(&'static str),
    Key(&'a str, &'static str),
    Text(&'static str),
}

fn lines(ascii: bool) -> Vec<Line<'static>> {
    let keys = |bindings: &'static [Binding]| {
        bindings.iter().map(move |b| {
            Line::Key(if ascii { b.ascii_label } else { b.label }, b.help)
        })
    };
    let mut out = vec![Line::Heading("Keys")];
    out.extend(keys(keymap::bindings(Mode::Normal)));
    out.push(Line::Heading("While typing a filter (any text is added to it)"));
    out.extend(keys(keymap::bindings(Mode::Filter)).filter(|l| !matches!(l, Line::Key("Ctrl-C", _))));
    out.push(Line::Heading("Definitions"));
    out.extend(DEFINITIONS.iter().map(|d| Line::Text(d)));
    out
}

/// Draws the overlay over the middle of `area`.
pub fn render(app: &App, area: Rect, buf: &mut Buffer, skin: &Skin) {
    if area.width < 10 || area.height < 4 {
        return;
    }
    let t = &skin.theme;
    let w = area.width.min(90);
    let rect = Rect::new(area.x + (area.width - w) / 2, area.y, w, area.height);
    Clear.render(rect, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(skin.glyphs.border)
        .border_style(t.border)
        .title(" Help: ? or Esc closes ")
        .title_style(t.title);
    let inner = block.inner(rect);
    block.render(rect, buf);
    let inner_w = usize::from(inner.width);
    let mut rows: Vec<(String, String, Kind)> = Vec::new();
    for line in lines(app.display().ascii) {
        match line {
            Line::Heading(h) => rows.push((String::new(), h.to_owned(), Kind::Heading)),
            Line::Key(k, text) => {
                let wrapped = wrap(text, inner_w.saturating_sub(KEY_W));
                for (n, part) in wrapped.into_iter().enumerate() {
                    let key = if n == 0 { k.to_owned() } else { String::new() };
                    rows.push((key, part, Kind::Keyed));
                }
            }
            Line::Text(text) => {
                let wrapped = wrap(text, inner_w);
                rows.extend(wrapped.into_iter().map(|l| (String::new(), l, Kind::Plain)));
            }
        }
    }
    let room = usize::from(inner.height);
    for (n, (key, text, kind)) in rows.iter().enumerate().take(room) {
        let y = inner.y + u16::try_from(n).unwrap_or(0);
        if n + 1 == room && rows.len() > room {
            buf.set_stringn(inner.x, y, skin.glyphs.ellipsis, inner_w, t.muted);
            break;
        }
        match kind {
            Kind::Heading => {
                buf.set_stringn(inner.x, y, text, inner_w, t.header);
            }
            Kind::Plain => {
                buf.set_stringn(inner.x, y, text, inner_w, t.text);
            }
            Kind::Keyed => {
                let key = truncate(key, KEY_W - 1, skin.glyphs.ellipsis);
                buf.set_stringn(inner.x, y, key, KEY_W, t.key);
                let x = inner.x + KEY_W as u16;
                buf.set_stringn(x, y, text, inner_w.saturating_sub(KEY_W), t.text);
            }
        }
    }
}

/// How a help row is drawn.
enum Kind {
    Heading,
    Keyed,
    Plain,
}
