//! How much the models disagree about a row: the band from the smallest to the largest credit
//! across models, and the range of places the row takes when the rows are ranked by each model,
//! marked where the ranking flips.

use rust_decimal::Decimal;

use crate::app::screen::{Cell, Tone};
use crate::attribution::sensitivity::RowSensitivity;

use super::attribution_money::MoneyText;

/// "$120K–$310K" and "1–3 ↕" (rank under the model in use, and whether the ranking flips).
/// The band runs from the smallest to the largest of the row's credits as the model columns
/// show them (`shown`, in the table's unit), so it never disagrees with the columns beside it.
pub(super) fn band_cells(
    money: &MoneyText,
    shown: &[Decimal],
    band: Option<&RowSensitivity>,
    in_use: Option<usize>,
    (dash, flip): (&str, &str),
) -> [Cell; 2] {
    let Some(band) = band else {
        return [Cell::text(""), Cell::text("")];
    };
    let lo = shown.iter().copied().min().unwrap_or_default();
    let hi = shown.iter().copied().max().unwrap_or_default();
    let spread = money.amount_of_shown(hi - lo);
    let band_text = if lo == hi {
        money.text_of_shown(hi)
    } else {
        format!(
            "{}{dash}{}",
            money.text_of_shown(lo),
            money.text_of_shown(hi)
        )
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
