//! Credit as it is shown: decimal parts that add up to the shown total, exactly.
//!
//! A model produces unrounded shares (f64). Rounding each share on its own would make the parts
//! miss the total by a cent or two, which a review audience notices. So the total is cut into
//! units (hundredths of a conversion, cents of value) and handed out by the largest remainder
//! method: every row gets the whole units of its quota, and the units left over go to the rows
//! with the largest fractional parts.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::Money;

use super::paths::Totals;

/// Decimal places of credited conversions (hundredths of a conversion).
pub const CONVERSION_SCALE: u32 = 2;

/// Decimal places of money credits: cents, or more when the input itself has more.
pub const MONEY_SCALE: u32 = 2;

/// The total cannot be shared out because no row has a positive share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a total of {units} units has no row with a positive share to go to")]
pub struct NothingToShare {
    /// The units that found no row.
    pub units: i128,
}

/// Splits `units` in proportion to `shares` by the largest remainder method.
///
/// The parts add up to `units` exactly; a row whose share is zero (or negative, or not a number)
/// gets nothing, whatever the rounding; ties go to the lower index, so the result is
/// deterministic.
pub fn apportion(units: i128, shares: &[f64]) -> Result<Vec<i128>, NothingToShare> {
    let mut parts = vec![0i128; shares.len()];
    if units == 0 {
        return Ok(parts);
    }
    let eligible: Vec<usize> = (0..shares.len())
        .filter(|&i| shares[i].is_finite() && shares[i] > 0.0)
        .collect();
    let sum: f64 = eligible.iter().map(|&i| shares[i]).sum();
    if eligible.is_empty() || !sum.is_finite() || sum <= 0.0 {
        return Err(NothingToShare { units });
    }
    let whole = units as f64;
    let mut fractions = Vec::with_capacity(eligible.len());
    let mut handed: i128 = 0;
    for &i in &eligible {
        let quota = whole * (shares[i] / sum);
        let floor = quota.floor();
        // `as` saturates; the correction below absorbs any float error in the floors.
        parts[i] = floor as i128;
        handed += parts[i];
        fractions.push((quota - floor, i));
    }
    // Largest fractional part first; the index breaks ties so equal inputs give equal outputs.
    fractions.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut left = units - handed;
    let mut cursor = 0;
    while left > 0 {
        parts[fractions[cursor % fractions.len()].1] += 1;
        left -= 1;
        cursor += 1;
    }
    // Float error can hand out a unit too many: take it back from the smallest remainders.
    let mut cursor = fractions.len();
    while left < 0 {
        cursor = if cursor == 0 { fractions.len() } else { cursor };
        cursor -= 1;
        let i = fractions[cursor].1;
        if parts[i] > 0 {
            parts[i] -= 1;
            left += 1;
        }
    }
    Ok(parts)
}

/// Splits a decimal `total` in proportion to `shares`, at `scale` decimal places (or more if the
/// total has more), so that the parts add up to the total exactly.
pub fn apportion_decimal(
    total: Decimal,
    shares: &[f64],
    scale: u32,
) -> Result<Vec<Decimal>, NothingToShare> {
    let scale = scale.max(total.scale());
    let mut scaled = total;
    scaled.rescale(scale);
    let parts = apportion(scaled.mantissa(), shares)?;
    Ok(parts
        .into_iter()
        .map(|units| Decimal::from_i128_with_scale(units, scale))
        .collect())
}

/// Credit per row (a channel or an actor) for one model, as shown: conversions to hundredths and
/// money to cents, each column adding up exactly to its total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Credits {
    /// Credited conversions per row.
    pub conversions: Vec<Decimal>,
    /// Credited conversion value per row.
    pub value: Vec<Money>,
    /// All conversions of the input (the sum of `conversions`).
    pub total_conversions: Decimal,
    /// All conversion value of the input (the sum of `value`).
    pub total_value: Money,
}

impl Credits {
    /// Shows unrounded credits: `raw_conversions` and `raw_value` give each row's share of
    /// `totals`.
    pub fn from_shares(
        raw_conversions: &[f64],
        raw_value: &[f64],
        totals: &Totals,
    ) -> Result<Credits, NothingToShare> {
        let total_conversions = Decimal::from(totals.conversions);
        let conversions = apportion_decimal(total_conversions, raw_conversions, CONVERSION_SCALE)?;
        let value = apportion_decimal(totals.value, raw_value, MONEY_SCALE)?;
        let mut total_conversions = total_conversions;
        total_conversions.rescale(CONVERSION_SCALE);
        let mut total_value = totals.value;
        total_value.rescale(MONEY_SCALE.max(totals.value.scale()));
        Ok(Credits {
            conversions,
            value: value.into_iter().map(Money).collect(),
            total_conversions,
            total_value: Money(total_value),
        })
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.conversions.len()
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.conversions.is_empty()
    }

    /// Adds rows into groups: row `i` goes to group `group_of[i]` (`< groups`). The sums are
    /// exact, so the groups add up to the same totals. Rows without a group index in range are
    /// not lost: they are counted in the last group, which callers use for "unowned".
    pub fn grouped(&self, group_of: &[usize], groups: usize) -> Credits {
        let mut conversions = vec![Decimal::ZERO; groups];
        let mut value = vec![Money::ZERO; groups];
        if groups > 0 {
            for row in 0..self.len() {
                let g = group_of
                    .get(row)
                    .copied()
                    .unwrap_or(groups - 1)
                    .min(groups - 1);
                conversions[g] += self.conversions[row];
                value[g] += self.value[row];
            }
        }
        Credits {
            conversions,
            value,
            total_conversions: self.total_conversions,
            total_value: self.total_value,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirds_of_a_hundred_cents_add_up() {
        // 100 cents in thirds: quotas 33.33 each, one cent left for the lowest index.
        assert_eq!(apportion(100, &[1.0, 1.0, 1.0]).unwrap(), [34, 33, 33]);
        // 2/3 and 1/3 of 200 hundredths: 133.33 and 66.67, the 0.67 remainder wins the unit.
        assert_eq!(apportion(200, &[2.0, 1.0]).unwrap(), [133, 67]);
    }

    #[test]
    fn zero_shares_get_nothing_even_with_units_left() {
        assert_eq!(apportion(7, &[0.0, 1.0, 0.0, 1.0]).unwrap(), [0, 4, 0, 3]);
        assert_eq!(
            apportion(5, &[0.0, f64::NAN]),
            Err(NothingToShare { units: 5 })
        );
        assert_eq!(apportion(0, &[0.0]).unwrap(), [0]);
    }

    #[test]
    fn decimals_keep_the_scale_of_the_total() {
        let parts = apportion_decimal(Decimal::new(10_005, 3), &[1.0, 1.0], 2).unwrap();
        assert_eq!(parts, [Decimal::new(5003, 3), Decimal::new(5002, 3)]);
        let parts = apportion_decimal(Decimal::from(10), &[1.0, 2.0], 2).unwrap();
        assert_eq!(parts, [Decimal::new(333, 2), Decimal::new(667, 2)]);
    }

    #[test]
    fn groups_sum_rows_exactly() {
        let totals = Totals {
            paths: 1,
            conversions: 3,
            value: Decimal::from(10),
            nulls: 0,
        };
        let credits = Credits::from_shares(&[1.0, 1.0, 1.0], &[1.0, 1.0, 1.0], &totals).unwrap();
        assert_eq!(credits.total_value, Money(Decimal::new(1000, 2)));
        let grouped = credits.grouped(&[0, 1, 0], 2);
        assert_eq!(
            grouped.value,
            [Money(Decimal::new(667, 2)), Money(Decimal::new(333, 2))]
        );
        assert_eq!(
            grouped.conversions.iter().sum::<Decimal>(),
            Decimal::from(3)
        );
    }
}
