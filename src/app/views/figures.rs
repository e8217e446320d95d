//! Numbers of the snapshot-wide views (Journeys, Maturity, P&L) as cells and text: money in the
//! snapshot's currency, rates from their parts ("n/a" when the part below is empty), counts.

use rust_decimal::Decimal;

use crate::app::screen::{Cell, Tone};
use crate::metrics::{Level, Ratio, Style, Unit, format_with};
use crate::model::Money;

use super::Context;
use super::common::{Measure, figure_cells};

/// Money, compact for tables ("$1.23M") or full ("$1,234,567").
pub fn money(ctx: &Context<'_>, amount: Money, compact: bool) -> String {
    let currency = &ctx.card.snapshot().ecosystem.currency;
    let style = Style {
        compact,
        ascii: ctx.ascii,
    };
    format_with(Unit::Money, Some(amount.amount()), currency, style)
}

/// Money to the cent, for per-unit amounts ("$42.50 / hour", "$68.00 / customer"), where whole
/// dollars would hide the change.
pub fn money_cents(ctx: &Context<'_>, amount: Money) -> String {
    let currency = &ctx.card.snapshot().ecosystem.currency;
    let symbol = crate::metrics::format::currency_symbol(currency, ctx.ascii);
    let v = amount.amount();
    let digits = crate::metrics::format::fixed(v.abs(), 2);
    let sign = if v.is_sign_negative() && digits != "0.00" {
        "-"
    } else {
        ""
    };
    format!("{sign}{symbol}{digits}")
}

/// A compact money cell sorting by the exact amount.
pub fn money_cell(ctx: &Context<'_>, amount: Money) -> Cell {
    Cell::num(money(ctx, amount, true), Some(amount.amount())).unit(Unit::Money.name())
}

/// A rate as text: "12.5 %", or "n/a" for an empty denominator.
pub fn rate(ratio: Ratio) -> String {
    format_with(Unit::Rate, ratio.value(), "", Style::FULL)
}

/// A rate cell ("n/a" muted, sorting last).
pub fn rate_cell(ratio: Ratio) -> Cell {
    Cell::num(rate(ratio), ratio.value()).unit(Unit::Rate.name())
}

/// An ROI cell: a rate, shown as bad when the money was lost (below zero).
pub fn roi_cell(ratio: Ratio) -> Cell {
    let cell = rate_cell(ratio);
    match ratio.value() {
        Some(v) if v < Decimal::ZERO => cell.tone(Tone::Bad),
        _ => cell,
    }
}

/// A whole count with thousands separators: "12,345".
pub fn count(n: impl Into<Decimal>) -> String {
    format_with(Unit::Count, Some(n.into()), "", Style::FULL)
}

/// A count cell.
pub fn count_cell(n: u64) -> Cell {
    Cell::num(count(n), Some(Decimal::from(n))).unit(Unit::Count.name())
}

/// A figure's cells under [`super::common::figure_columns`]: `value` (the cell the view draws
/// without a compared period, kept as is so that view looks the same) and, when comparing,
/// the compared value, the change and the relative change of `measure`. A row absent in the
/// current period shows its "n/a" value instead of `value`.
pub fn with_change(
    ctx: &Context<'_>,
    value: Option<Cell>,
    measure: &Measure,
    current: Option<Decimal>,
    compared: Option<Decimal>,
) -> Vec<Cell> {
    let mut cells = if ctx.compared.is_some() {
        figure_cells(ctx, measure, current, compared)
    } else {
        Vec::new()
    };
    match (value, cells.first_mut()) {
        (Some(value), Some(first)) => *first = value,
        (Some(value), None) => cells.push(value),
        (None, Some(_)) => {}
        (None, None) => cells.push(Cell::num(crate::metrics::NOT_AVAILABLE, None)),
    }
    cells
}

/// Blank cells filling a figure's columns in a row where it does not apply (one, or four
/// when comparing).
pub fn blanks(ctx: &Context<'_>) -> Vec<Cell> {
    let n = if ctx.compared.is_some() { 4 } else { 1 };
    (0..n).map(|_| blank()).collect()
}

/// An empty cell, for a figure that does not add up across rows (e.g. funnel volumes of
/// different journeys in a total row).
pub fn blank() -> Cell {
    Cell::num("", None)
}

/// The separator between parts of a title: " · ", or " | " in ASCII.
pub fn dot(ctx: &Context<'_>) -> &'static str {
    if ctx.ascii { " | " } else { " · " }
}

/// "ecosystem-wide" said up front when the user drilled below the ecosystem: these views come
/// from snapshot-wide data (journeys, stack, maturity), not from the level on screen.
pub fn scope(ctx: &Context<'_>, what: &str) -> String {
    match ctx.level {
        Level::Ecosystem => what.to_owned(),
        _ => format!("{what} (ecosystem-wide)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_denominators_read_not_available() {
        assert_eq!(rate(Ratio::new(3u64, 0u64)), "n/a");
        assert_eq!(rate(Ratio::new(1u64, 8u64)), "12.5 %");
        assert_eq!(roi_cell(Ratio::new(-1i64, 4u64)).tone, Tone::Bad);
        assert_eq!(roi_cell(Ratio::new(1u64, 0u64)).tone, Tone::Muted);
        assert_eq!(count(1_234_567u64), "1,234,567");
        let card = crate::app::views::review_fixture::card();
        let ctx = crate::app::views::review_fixture::context(&card, None);
        assert_eq!(money_cents(&ctx, Money(Decimal::new(4_250, 2))), "$42.50");
        assert_eq!(money_cents(&ctx, Money(Decimal::new(-1_005, 3))), "-$1.01");
        assert_eq!(money_cents(&ctx, Money(Decimal::new(-1, 3))), "$0.00");
    }
}
