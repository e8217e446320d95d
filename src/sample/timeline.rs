//! What changes over the sample's months for everyone at once: seasonality, growth, the CRM
//! rollout that lifts lead handling, the slow shift to retention marketing.

use chrono::Datelike;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::model::{Money, PeriodId};

/// New-vehicle retail seasonality by calendar month (January first), modelled on the usual US
/// pattern: a slow January, spring and summer selling events, a strong year-end.
const SALES_SEASON: [f64; 12] = [
    0.80, 0.90, 1.10, 1.00, 1.08, 1.02, 1.00, 1.06, 0.96, 0.97, 0.95, 1.16,
];

/// Service-lane seasonality: flatter, busier before summer and winter.
const SERVICE_SEASON: [f64; 12] = [
    0.94, 0.93, 1.02, 1.03, 1.04, 1.00, 0.99, 1.02, 0.98, 1.01, 1.00, 1.04,
];

/// One month of the sample and the ecosystem-wide conditions in it.
#[derive(Clone, Copy, Debug)]
pub struct Month {
    /// Position in the sample, 0 for the first month.
    pub t: usize,
    /// How many months the sample has.
    pub total: usize,
    pub period: PeriodId,
    /// Multiplier on new-vehicle demand.
    pub sales_season: f64,
    /// Multiplier on service visits.
    pub service_season: f64,
    /// Year-on-year growth factor, about +3 % a year.
    pub growth: f64,
    /// How far the CRM rollout has got, 0 (not started) to 1 (done).
    pub rollout: f64,
    /// How far the shift to retention marketing has got, 0 to 1 over the sample.
    pub retention_shift: f64,
    /// OEM campaigns offered to every dealer this month.
    pub campaigns_offered: u64,
}

impl Month {
    /// The month at position `t` of a `total`-month sample.
    pub fn new(t: usize, total: usize, period: PeriodId) -> Month {
        let m0 = period.start().month0() as usize;
        let start = rollout_start(total) as f64;
        // Three months from the first wave of dealers to the last.
        let rollout = ((t as f64 - start + 1.0) / 3.0).clamp(0.0, 1.0);
        Month {
            t,
            total,
            period,
            sales_season: SALES_SEASON[m0],
            service_season: SERVICE_SEASON[m0],
            growth: 1.0 + 0.03 * t as f64 / 12.0,
            rollout,
            retention_shift: if total > 1 {
                t as f64 / (total - 1) as f64
            } else {
                0.0
            },
            campaigns_offered: 4 + (m0 as u64 % 3),
        }
    }
}

/// The month index the CRM rollout starts in (March 2026 in the bundled sample).
pub fn rollout_start(total: usize) -> usize {
    total * 5 / 13
}

/// A period's absolute month number (year × 12 + month), so random streams are keyed by the
/// calendar month rather than by position in the sample.
pub fn ordinal(period: PeriodId) -> u64 {
    let start = period.start();
    u64::try_from(i64::from(start.year()) * 12 + i64::from(start.month0())).unwrap_or(0)
}

/// Whole cents from dollars, rounded half away from zero.
pub fn cents(dollars: f64) -> i64 {
    if dollars.is_finite() {
        (dollars * 100.0).round() as i64
    } else {
        0
    }
}

/// Whole cents of an amount of money (amounts beyond ±9.2e16 dollars read as 0).
pub fn cents_of(amount: Money) -> i64 {
    (amount.amount() * Decimal::ONE_HUNDRED)
        .round()
        .to_i64()
        .unwrap_or(0)
}

/// Money from whole cents.
pub fn money(cents: i64) -> Money {
    Money(Decimal::new(cents, 2))
}

/// `share` (in per-mille) of an amount in cents, rounded down so parts never exceed the whole.
pub fn permille(cents: i64, share: i64) -> i64 {
    (i128::from(cents) * i128::from(share) / 1000) as i64
}

/// A share in per-mille from a float fraction (clamped to 0-1000).
pub fn to_permille(fraction: f64) -> i64 {
    (fraction * 1000.0).round().clamp(0.0, 1000.0) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rollout_ramps_over_three_months_from_its_start() {
        let p = PeriodId::month(2026, 1).unwrap_or_else(|| unreachable!());
        let ramp: Vec<f64> = (0..13).map(|t| Month::new(t, 13, p).rollout).collect();
        assert_eq!(rollout_start(13), 5);
        assert_eq!(ramp[4], 0.0);
        assert!(ramp[5] > 0.0 && ramp[5] < ramp[6] && ramp[6] < 1.0);
        assert_eq!(ramp[7], 1.0);
        assert_eq!(ramp[12], 1.0);
    }

    #[test]
    fn permille_shares_round_down() {
        assert_eq!(permille(999, 500), 499);
        assert_eq!(permille(1000, 1000), 1000);
        assert_eq!(to_permille(1.7), 1000);
        assert_eq!(money(12345).to_string(), "123.45");
    }
}
