//! Compare cells every builder uses (re-exported from [`super::common`]): a figure's columns
//! and cells with its change against the compared period, target status, sparklines, and the
//! row names of rows matched by id.
//!
//! Without a compared period a figure is one column (its value). When comparing it is four:
//! the value, the compared value, the change ("▲ +1.5 pp", rates in percentage points) and the
//! relative change ("+12.5 %"). The compared value and the relative change drop first on
//! narrow terminals; the change stays beside its value. The glyph and tone say good or bad by
//! the figure's direction, never up or down; a side missing in one period reads "new" or
//! "n/a", never a change from 0.

use rust_decimal::Decimal;

use crate::app::screen::{Align, Card, Cell, Column, SortKey, Tone};
use crate::compare::delta_format::format_relative;
use crate::compare::{
    Change, Keyed, RowMatch, TargetStatus, Verdict, format_change_in, status_for,
};
use crate::metrics::{Direction, Metric, Rollup, Scorecard, Threshold, Unit, targets};

use super::Context;
use super::common::{comparable, style_for};

/// Added to a figure's priority for its compared-value column, so it drops before any value
/// or change column.
const COMPARED_DROPS: u8 = 150;
/// Added to a figure's priority for its relative-change column: it drops first of all.
const RELATIVE_DROPS: u8 = 200;

/// What a compared figure is: its unit, which way is good, the change too small to matter and
/// the target it is held to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Measure {
    /// How values and changes are written (rates change in percentage points).
    pub unit: Unit,
    /// Which way is good.
    pub direction: Direction,
    /// Changes smaller than this are flat.
    pub threshold: Threshold,
    /// The value aimed at, when the snapshot sets one.
    pub target: Option<Decimal>,
}

impl Measure {
    /// A figure outside the metric catalogue (a journey's ROI, a tool's cost): the unit's
    /// default threshold, no target.
    pub fn new(unit: Unit, direction: Direction) -> Measure {
        Measure {
            unit,
            direction,
            threshold: unit.default_threshold(),
            target: None,
        }
    }

    /// A catalogue metric with the current snapshot's threshold, and its target when the
    /// metric compares across levels (a rate target holds for every dealer; a leads target is
    /// the ecosystem's, see [`Measure::total`]).
    pub fn of(ctx: &Context<'_>, metric: Metric) -> Measure {
        let snapshot = ctx.card.snapshot();
        Measure {
            unit: metric.unit(),
            direction: metric.direction(),
            threshold: targets::threshold(snapshot, metric),
            target: comparable(metric)
                .then(|| targets::target(snapshot, metric))
                .flatten(),
        }
    }

    /// A catalogue metric at the ecosystem total: its target whatever the metric.
    pub fn total(ctx: &Context<'_>, metric: Metric) -> Measure {
        Measure {
            target: targets::target(ctx.card.snapshot(), metric),
            ..Measure::of(ctx, metric)
        }
    }

    /// The same measure held to another target.
    pub fn with_target(self, target: Option<Decimal>) -> Measure {
        Measure { target, ..self }
    }
}

/// Whether the context compares two periods.
pub fn comparing(ctx: &Context<'_>) -> bool {
    ctx.compared.is_some()
}

/// The compared period's label for headers ("Sep 2026"); empty without one.
pub fn compared_label(ctx: &Context<'_>) -> String {
    ctx.compared
        .map(|c| c.snapshot().period.id.label())
        .unwrap_or_default()
}

/// The columns of one figure: `[value]`, or when comparing `[value, compared value, change,
/// relative change]` keyed `key`, `key.was`, `key.delta`, `key.rel`.
pub fn figure_columns(
    ctx: &Context<'_>,
    key: &str,
    title: &str,
    short: &str,
    priority: u8,
) -> Vec<Column> {
    let value = Column::new(key, title, short, Align::Right, priority);
    if !comparing(ctx) {
        return vec![value];
    }
    let delta = if ctx.ascii { "chg" } else { "Δ" };
    let was = compared_label(ctx);
    let was_short = was.split(' ').next().unwrap_or_default().to_owned();
    vec![
        value,
        Column::new(
            &format!("{key}.was"),
            &format!("{short} {was}"),
            &was_short,
            Align::Right,
            priority.saturating_add(COMPARED_DROPS),
        ),
        Column::new(
            &format!("{key}.delta"),
            &format!("{delta} {short}"),
            &format!("{delta}{short}"),
            Align::Right,
            priority,
        ),
        Column::new(
            &format!("{key}.rel"),
            &format!("{delta}% {short}"),
            &format!("{delta}%"),
            Align::Right,
            priority.saturating_add(RELATIVE_DROPS),
        ),
    ]
}

/// Whether the total of a column of [`figure_columns`] keyed `key` is recomputed from the
/// summed parts rather than added up: a relative change always is; a value, its compared value
/// and its change are when the figure (`recomputed` of the key without its suffix) is.
pub fn recomputed_figure(key: &str, recomputed: impl Fn(&str) -> bool) -> bool {
    match key.rsplit_once('.') {
        Some((_, "rel")) => true,
        Some((figure, "was" | "delta")) => recomputed(figure),
        _ => recomputed(key),
    }
}

/// [`recomputed_figure`] for columns of catalogue metrics: every metric that does not add up.
pub fn recomputed_metric(key: &str) -> bool {
    recomputed_figure(key, |figure| {
        Metric::from_key(figure).is_some_and(|m| !m.adds())
    })
}

/// [`figure_columns`] of a catalogue metric: its label, short label and key.
pub fn metric_columns(ctx: &Context<'_>, metric: Metric, priority: u8) -> Vec<Column> {
    figure_columns(
        ctx,
        metric.key(),
        metric.label(),
        metric.short_label(),
        priority,
    )
}

/// A value in a measure's unit, in the context's currency and glyph set ("n/a" for `None`).
pub fn format_measure(ctx: &Context<'_>, measure: &Measure, value: Option<Decimal>) -> String {
    crate::metrics::format_with(
        measure.unit,
        value,
        &ctx.card.snapshot().ecosystem.currency,
        style_for(measure.unit, ctx.ascii),
    )
}

/// The cells under [`figure_columns`]: the value (with its target status symbol, toned), and
/// when comparing the compared value, the change and the relative change. `compared` is read
/// only when the context compares; `None` on either side is "n/a" (a row absent in a period
/// included), so a change from nothing reads "new", never a change from 0.
pub fn figure_cells(
    ctx: &Context<'_>,
    measure: &Measure,
    current: Option<Decimal>,
    compared: Option<Decimal>,
) -> Vec<Cell> {
    let unit = measure.unit.name();
    let mut value = Cell::num(format_measure(ctx, measure, current), current).unit(unit);
    if let Some(status) = shown_status(measure, current) {
        value.text = format!("{} {}", value.text, status.symbol(ctx.ascii));
        value.tone = status_tone(status);
    }
    if !comparing(ctx) {
        return vec![value];
    }
    let change = Change::between(measure.direction, current, compared, measure.threshold);
    let currency = &ctx.card.snapshot().ecosystem.currency;
    let style = style_for(measure.unit, ctx.ascii);
    let tone = change_tone(&change);
    let absolute = match change {
        Change::Moved { absolute, .. } => Some(absolute),
        Change::New | Change::Removed | Change::NotAvailable => None,
    };
    let relative = match change {
        Change::Moved { relative, .. } => relative,
        Change::New | Change::Removed | Change::NotAvailable => None,
    };
    vec![
        value,
        Cell::num(format_measure(ctx, measure, compared), compared).unit(unit),
        Cell::num(
            format_change_in(measure.unit, &change, currency, style),
            absolute,
        )
        .tone(tone)
        .unit(unit),
        // The relative change is a fraction of the compared value (0.125 = +12.5 %).
        Cell::num(format_relative(relative, ctx.ascii), relative)
            .tone(if relative.is_some() {
                tone
            } else {
                Tone::Muted
            })
            .unit(crate::metrics::Unit::Rate.name()),
    ]
}

/// [`figure_cells`] of a catalogue metric over the roll-ups of a row in both periods (`None`
/// where the row does not exist in that period).
pub fn metric_cells(
    ctx: &Context<'_>,
    metric: Metric,
    current: Option<&Rollup>,
    compared: Option<&Rollup>,
) -> Vec<Cell> {
    figure_cells(
        ctx,
        &Measure::of(ctx, metric),
        current.and_then(|r| metric.value(r)),
        compared.and_then(|r| metric.value(r)),
    )
}

/// The tone of a change: good, bad, muted when flat or missing, plain when the figure has no
/// good side.
pub fn change_tone(change: &Change) -> Tone {
    match change {
        Change::Moved { verdict, .. } => match verdict {
            Verdict::Good => Tone::Good,
            Verdict::Bad => Tone::Bad,
            Verdict::Flat => Tone::Muted,
            Verdict::Neutral => Tone::Plain,
        },
        Change::New => Tone::Plain,
        Change::Removed | Change::NotAvailable => Tone::Muted,
    }
}

/// The tone of a target status: good, warning, bad.
pub fn status_tone(status: TargetStatus) -> Tone {
    match status {
        TargetStatus::OnTrack => Tone::Good,
        TargetStatus::AtRisk => Tone::Warn,
        TargetStatus::OffTrack => Tone::Bad,
    }
}

/// The status of a figure against its target, judged on the value and the target as shown
/// (7.98 % against 8.0 % reads "8.0 %": on track, not at risk).
fn shown_status(measure: &Measure, current: Option<Decimal>) -> Option<TargetStatus> {
    let shown = |v: Decimal| crate::metrics::format::as_shown(measure.unit, v);
    status_for(
        measure.direction,
        current.map(shown),
        measure.target.map(shown),
    )
}

/// A card's compare and target lines for a figure: the change and relative change (toned),
/// the compared value as the first detail line, and the status against the target in words
/// ("✓ on track · target 90.0 %").
pub fn card_compare(
    ctx: &Context<'_>,
    mut card: Card,
    measure: &Measure,
    current: Option<Decimal>,
    compared: Option<Decimal>,
) -> Card {
    if let Some(status) = shown_status(measure, current) {
        let text = format!(
            "{} {} · target {}",
            status.symbol(ctx.ascii),
            status.word(),
            format_measure(ctx, measure, measure.target)
        );
        card.status = Some(Cell::text(text).tone(status_tone(status)));
    }
    if comparing(ctx) {
        // The change against the compared period replaces any other mark beside the value.
        card.mark = None;
        let cells = figure_cells(ctx, measure, current, compared);
        if let [_, was, change, relative] = cells.as_slice() {
            let text = if relative.sort == SortKey::Missing {
                change.text.clone()
            } else {
                format!("{} · {}", change.text, relative.text)
            };
            card.delta = Some(Cell::text(text).tone(change.tone));
            card.detail
                .insert(0, format!("{} {}", compared_label(ctx), was.text));
        }
    }
    card
}

/// The rows of a table in both periods, matched by id when comparing (current rows first,
/// then the rows only the compared period has); without a compared period, each current row
/// stands for itself (`Matched` with itself, never read as a comparison since the cells then
/// ignore the compared side).
pub fn pair_rows<'c, T: Keyed + Clone>(
    ctx: &Context<'c>,
    current: Vec<T>,
    compared: impl FnOnce(&'c Scorecard) -> Vec<T>,
) -> Vec<RowMatch<T, T>> {
    pair_with(ctx, current, ctx.compared.map(compared))
}

/// [`pair_rows`] for rows derived from the compared period outside the scorecard (e.g. a
/// ledger at the drill level): `compared` is `None` when that period has no such rows, and
/// every current row is then new.
pub fn pair_with<T: Keyed + Clone>(
    ctx: &Context<'_>,
    current: Vec<T>,
    compared: Option<Vec<T>>,
) -> Vec<RowMatch<T, T>> {
    match compared {
        Some(compared) => crate::compare::match_rows(&current, &compared),
        None if comparing(ctx) => current.into_iter().map(RowMatch::Added).collect(),
        None => current
            .into_iter()
            .map(|row| RowMatch::Matched {
                compared: row.clone(),
                current: row,
                renamed: false,
            })
            .collect(),
    }
}

/// The current and the compared side of a matched row (`None` where the row is absent).
pub fn sides<T: Clone>(row: &RowMatch<T, T>) -> (Option<T>, Option<T>) {
    match row {
        RowMatch::Matched {
            current, compared, ..
        } => (Some(current.clone()), Some(compared.clone())),
        RowMatch::Added(current) => (Some(current.clone()), None),
        RowMatch::Removed(compared) => (None, Some(compared.clone())),
    }
}

/// A row's name cell when rows of two periods are matched: the current name, "Coast Central
/// Motors (was Coast Central)" when renamed, muted when removed; it sorts by the name. Whether
/// the row was added, removed or renamed is said in the Match column ([`add_match_column`]),
/// so a narrow name column never cuts it off.
pub fn matched_name<C: Keyed, P: Keyed>(row: &RowMatch<C, P>) -> Cell {
    let name = row.name();
    let text = match row {
        RowMatch::Matched {
            renamed: true,
            compared,
            ..
        } => format!("{name} (was {})", compared.name()),
        RowMatch::Matched { .. } | RowMatch::Added(_) | RowMatch::Removed(_) => name.to_owned(),
    };
    let mut cell = Cell::text(text);
    cell.sort = SortKey::Text(name.to_lowercase());
    if matches!(row, RowMatch::Removed(_)) {
        cell.tone = Tone::Muted;
    }
    cell
}

/// What a matched row is: "added", "removed", "renamed", or nothing.
pub fn match_word<C, P>(row: &RowMatch<C, P>) -> &'static str {
    match row {
        RowMatch::Matched { renamed: true, .. } => "renamed",
        RowMatch::Matched { .. } => "",
        RowMatch::Added(_) => "added",
        RowMatch::Removed(_) => "removed",
    }
}

/// When comparing and some rows were added, removed or renamed: a Match column after the
/// names (never dropped) saying which, with a blank in the pinned rows. `rows[i]` is the row
/// of `matched[i]`.
pub fn add_match_column<C, P>(
    ctx: &Context<'_>,
    matched: &[RowMatch<C, P>],
    columns: &mut Vec<Column>,
    pinned: &mut [crate::app::screen::Row],
    rows: &mut [crate::app::screen::Row],
) {
    let changed = matched.iter().any(|r| !match_word(r).is_empty());
    if !comparing(ctx) || !changed || columns.is_empty() {
        return;
    }
    let mut column = Column::new("match", "Match", "Match", Align::Left, 0);
    column.width = matched
        .iter()
        .map(|r| match_word(r).len())
        .max()
        .unwrap_or(0);
    columns.insert(1, column);
    for row in pinned.iter_mut() {
        row.cells.insert(1.min(row.cells.len()), Cell::text(""));
    }
    for (row, m) in rows.iter_mut().zip(matched) {
        let word = match_word(m);
        let tone = match m {
            RowMatch::Removed(_) => Tone::Muted,
            RowMatch::Added(_) => Tone::Strong,
            RowMatch::Matched { .. } => Tone::Plain,
        };
        row.cells
            .insert(1.min(row.cells.len()), Cell::text(word).tone(tone));
    }
}

/// What the filter searches for a matched row: its name, and the old one when renamed.
pub fn matched_search<C: Keyed, P: Keyed>(row: &RowMatch<C, P>) -> String {
    match row {
        RowMatch::Matched {
            renamed: true,
            compared,
            ..
        } => format!("{} {}", row.name(), compared.name()),
        _ => row.name().to_owned(),
    }
}

#[cfg(test)]
mod tests;
