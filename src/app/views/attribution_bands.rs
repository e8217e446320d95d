//! How much the models disagree about a row: the band from the smallest to the largest credit
//! across models, and the range of places the row takes when the rows are ranked by each model,
//! marked where the ranking flips.

use rust_decimal::Decimal;

use crate::app::screen::{Cell, Tone};
use crate::attribution::sensitivity::RowSensitivity;
use crate::metrics::{Style, Unit, format_with};

use super::Context;

/// "$120K–$310K" and "1–3 ↕" (rank under the model in use, and whether the ranking flips).
pub(super) fn band_cells(
    ctx: &Context<'_>,
    band: Option<&RowSensitivity>,
    in_use: Option<usize>,
    dash: &str,
    flip: &str,
) -> [Cell; 2] {
    let Some(band) = band else {
        return [Cell::text(""), Cell::text("")];
    };
    let currency = &ctx.card.snapshot().ecosystem.currency;
    let compact = |d: Decimal| {
        format_with(
            Unit::Money,
            Some(d),
            currency,
            Style {
                compact: true,
                ascii: ctx.ascii,
            },
        )
    };
    let spread = band.max - band.min;
    let band_text = if spread.is_zero() {
        compact(band.max)
    } else {
        format!("{}{dash}{}", compact(band.min), compact(band.max))
    };
    let (lo, hi) = band
        .ranks
        .iter()
        .fold((usize::MAX, 0), |(lo, hi), &r| (lo.min(r), hi.max(r)));
    let mut ranks = if lo == hi {
        lo.to_string()
    } else {
        format!("{lo}{dash}{hi}")
    };
    if band.flips() {
        ranks.push_str(flip);
    }
    let rank_in_use = in_use
        .and_then(|m| band.ranks.get(m))
        .map(|&r| Decimal::from(r));
    [
        Cell::num(band_text, Some(spread)),
        Cell::num(ranks, rank_in_use).tone(if band.flips() {
            Tone::Strong
        } else {
            Tone::Plain
        }),
    ]
}
