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
/// deterministic. A negative total is split as its opposite, negated.
///
/// The work is bounded by the number of rows, never by the size of `units`: a total of 28
/// significant digits is beyond what a float quota holds exactly, so the floors can miss it by
/// far more than one unit per row. That miss is handed out in proportion again (it is small
/// enough after a few rounds to be exact in a float), and only the last few units, fewer than
/// the rows, go one by one.
pub fn apportion(units: i128, shares: &[f64]) -> Result<Vec<i128>, NothingToShare> {
    if units < 0 {
        let parts = apportion(-units, shares).map_err(|_| NothingToShare { units })?;
        return Ok(parts.into_iter().map(|part| -part).collect());
    }
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
    let mut fractions = Vec::with_capacity(eligible.len());
    for &i in &eligible {
        let quota = units as f64 * (shares[i] / sum);
        let floor = quota.floor();
        // `as` saturates; the rounds below absorb any float error in the floors.
        parts[i] = floor as i128;
        fractions.push((quota - floor, i));
    }
    let rows = eligible.len() as i128;
    let mut left = units - parts.iter().sum::<i128>();
    // The floors normally miss by less than one unit per row (up to one per row when every
    // quota is a hair below a whole number). A larger miss is float error on a long total: each
    // round shrinks it by the float precision (2^-52 at least), so three rounds take any i128
    // miss back within that; the cap only guards against a float surprise.
    for _ in 0..8 {
        if left.abs() <= 2 * rows {
            break;
        }
        for &i in &eligible {
            let step = (left as f64 * (shares[i] / sum)).trunc() as i128;
            // A row never goes below zero: a float slip cannot take back more than it holds.
            parts[i] = (parts[i] + step).max(0);
        }
        left = units - parts.iter().sum::<i128>();
    }
    // Largest fractional part first; the index breaks ties so equal inputs give equal outputs.
    fractions.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    // Whatever is still missing goes round the rows, whole rounds at once.
    if left > 0 {
        let each = left / rows;
        for &(_, i) in &fractions {
            parts[i] += each;
        }
        left -= each * rows;
        for &(_, i) in fractions.iter().take(left as usize) {
            parts[i] += 1;
        }
    }
    // Units too many are taken back from the smallest remainders, whole rounds at once; every
    // pass takes at least one (the parts add up to more than `units` > 0).
    while left < 0 {
        let each = (-left / rows).max(1);
        for &(_, i) in fractions.iter().rev() {
            let take = each.min(parts[i]).min(-left);
            parts[i] -= take;
            left += take;
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
    // A total with 28 or more digits cannot take more decimal places: it keeps the ones it has.
    let scale = scaled.scale();
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
    use proptest::prelude::Just;

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
    fn quotas_a_hair_below_whole_units_get_them() {
        // 3/16, 7/16 and 6/16 of 10,000 are 1875, 4375 and 3750; in floats all three land just
        // below, so every row has a unit left over.
        assert_eq!(
            apportion(10_000, &[0.3, 0.7, 0.6]).unwrap(),
            [1875, 4375, 3750]
        );
    }

    #[test]
    fn a_total_of_28_digits_is_shared_exactly() {
        // The largest decimal mantissa: 2^96 - 1. Thirds of it are 26409387504754779197847983445
        // each; that sum is 2^96 - 1 exactly, so nothing is left over for the one-by-one pass.
        let max = 79_228_162_514_264_337_593_543_950_335i128;
        let parts = apportion(max, &[1.0, 1.0, 1.0]).unwrap();
        assert_eq!(parts.iter().sum::<i128>(), max);
        for part in &parts {
            assert!((part - max / 3).abs() <= 1 << 60, "{parts:?}");
        }
        // A row with a tiny share gets its tiny part, not a share of the float error.
        let parts = apportion(max, &[1e-20, 1.0]).unwrap();
        assert_eq!(parts.iter().sum::<i128>(), max);
        assert!(parts[0] < 1 << 40, "{parts:?}");
        assert_eq!(
            apportion(-max, &[1.0, 1.0]).unwrap(),
            [-max / 2 - 1, -max / 2]
        );
    }

    #[test]
    fn a_total_too_long_for_more_decimals_keeps_its_own() {
        let total = Decimal::MAX;
        let parts = apportion_decimal(total, &[1.0, 1.0], 2).unwrap();
        assert_eq!(parts.iter().sum::<Decimal>(), total);
        let total = Decimal::from_i128_with_scale(10_000_000_000_000_000_000_000_000_001, 28);
        let parts = apportion_decimal(total, &[1.0, 2.0], 2).unwrap();
        assert_eq!(parts.iter().sum::<Decimal>(), total);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Any decimal a file can hold (up to 28 digits, up to 28 decimals) is shared out in a
        /// number of steps bounded by the rows, adding up exactly, negative parts never made.
        #[test]
        fn extreme_decimals_are_shared_out_exactly(
            mantissa in 0i128..=79_228_162_514_264_337_593_543_950_335,
            scale in 0u32..=28,
            shares in proptest::collection::vec(
                proptest::prop_oneof![
                    Just(0.0),
                    1e-300f64..1e-10,
                    0.0f64..1e6,
                    1e200f64..1e300,
                ],
                1..40,
            ),
            negative in proptest::bool::ANY,
        ) {
            let total = Decimal::from_i128_with_scale(
                if negative { -mantissa } else { mantissa },
                scale,
            );
            match apportion_decimal(total, &shares, 2) {
                Ok(parts) => {
                    proptest::prop_assert_eq!(parts.iter().sum::<Decimal>(), total);
                    for (part, share) in parts.iter().zip(&shares) {
                        if *share == 0.0 {
                            proptest::prop_assert!(part.is_zero());
                        }
                        proptest::prop_assert!(part.is_zero() || part.is_sign_negative() == negative);
                    }
                }
                Err(_) => proptest::prop_assert!(shares.iter().all(|s| *s == 0.0)),
            }
        }
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
