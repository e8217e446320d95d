//! The `?` overlay: every key of every mode, generated from the keymap, and the definitions a
//! reviewer asks about.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::app::{App, Tab};
use crate::ui::fit::{truncate, wrap};
use crate::ui::keymap::{self, Binding, Mode};
use crate::ui::theme::Skin;

/// How the numbers are computed, for the reviewer who asks.
pub const DEFINITIONS: &[&str] = &[
    "Ratios: summed parts divided at every level; n/a: nothing to divide by.",
    "Rates change in pp. ROI = (total value - martech cost) / martech cost.",
    "Total value = attributed margin + productivity value + cost-to-serve savings (P&L bridge).",
    "Cost to serve: the cost of serving one customer (a P&L input, ecosystem-wide), before and after the programme; savings = (before - after) x customers served.",
    "Partner shares, three of them: partner-involved share of won revenue (pipeline), sourced share of booked revenue (roles ledger), a model's credit to partners (share of path value).",
];

/// What the marks beside a value mean, in the glyphs in use.
fn legend(ascii: bool) -> String {
    let g = crate::ui::theme::Glyphs::new(crate::app::Display {
        colour: false,
        ascii,
    });
    format!(
        "{} better / {} worse than the ecosystem (by direction); {} within the flat threshold.",
        g.better, g.worse, g.flat
    )
}

/// What compare mode's columns, sparklines and target marks mean, in the glyphs in use.
fn compare_legend(ascii: bool) -> String {
    use crate::compare::{TargetStatus, Verdict, verdict_glyph};
    let delta = if ascii { "chg" } else { "Δ" };
    format!(
        "Comparing: {delta} is the change against the compared period, {} better / {} worse by          the metric's direction (rates in pp), {delta}% relative; sparklines span every loaded          period, current in reverse, compared underlined. Targets: {} on track, {} at risk, {}          off track. {}",
        verdict_glyph(Verdict::Good, ascii),
        verdict_glyph(Verdict::Bad, ascii),
        TargetStatus::OnTrack.symbol(ascii),
        TargetStatus::AtRisk.symbol(ascii),
        TargetStatus::OffTrack.symbol(ascii),
        crate::compare::TARGET_RULE,
    )
}

/// Columns of the key column.
const KEY_W: usize = 14;

/// One line of the overlay: a key column and its text, or a heading.
enum Line {
    Heading(&'static str),
    Key(Cow<'static, str>, Cow<'static, str>),
    Text(String),
}

fn lines(app: &App) -> Vec<Line> {
    let ascii = app.display().ascii;
    let keys = |bindings: &mut dyn Iterator<Item = &'static Binding>| -> Vec<Line> {
        bindings
            .map(|b| {
                let (key, help) = keymap::added::help_line(app, b, ascii);
                Line::Key(key, help)
            })
            .collect()
    };
    let mut out = Vec::new();
    if app.tab() == Tab::Attribution {
        // The model's definition is one keystroke away: first thing in the overlay.
        out.push(Line::Heading("Attribution model in use"));
        out.push(Line::Text(app.model().definition().to_owned()));
    }
    // Every catalogue figure on screen is defined here, one keystroke away.
    let metrics = app.screen().metrics();
    if !metrics.is_empty() {
        out.push(Line::Heading("Metrics on this screen"));
        out.extend(
            metrics
                .iter()
                .map(|m| Line::Text(format!("{}: {}.", m.label(), m.formula_text()))),
        );
    }
    if app.presentation().is_some() {
        // The presenter's keys take some of the normal ones (digits, arrows, pages).
        out.push(Line::Heading("Presenter"));
        out.extend(keys(&mut keymap::bindings(Mode::Present).iter()));
        out.push(Line::Heading("Keys"));
        out.extend(keys(
            &mut keymap::active(Mode::Present).skip(keymap::PRESENT.len()),
        ));
    } else {
        out.push(Line::Heading("Keys"));
        out.extend(keys(&mut keymap::bindings(Mode::Normal).iter()));
    }
    let filter: Vec<String> = keymap::bindings(Mode::Filter)
        .iter()
        .filter(|b| !b.hint.is_empty())
        .map(|b| format!("{} {}", if ascii { b.ascii_label } else { b.label }, b.hint))
        .collect();
    out.push(Line::Text(format!(
        "While filtering, type to filter; {}.",
        filter.join(", ")
    )));
    out.push(Line::Heading("Export menu (e)"));
    out.extend(keys(&mut keymap::bindings(Mode::Export).iter()));
    out.push(Line::Heading("Definitions"));
    out.extend(DEFINITIONS.iter().map(|d| Line::Text((*d).to_owned())));
    out.push(Line::Text(legend(ascii)));
    out.push(Line::Text(compare_legend(ascii)));
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
    for line in lines(app) {
        match line {
            Line::Heading(h) => rows.push((String::new(), h.to_owned(), Kind::Heading)),
            Line::Key(k, text) => {
                let wrapped = wrap(&text, inner_w.saturating_sub(KEY_W));
                for (n, part) in wrapped.into_iter().enumerate() {
                    let key = if n == 0 { k.to_string() } else { String::new() };
                    rows.push((key, part, Kind::Keyed));
                }
            }
            Line::Text(text) => {
                let wrapped = wrap(&text, inner_w);
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
