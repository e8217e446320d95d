//! One metric between the current and the compared period: the change, and whether it is good.

use rust_decimal::Decimal;

use crate::metrics::{Direction, Metric, Ratio, Threshold};

/// Whether a change is good, bad, too small to matter, or has no good side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Moved the way the metric's direction wants.
    Good,
    /// Moved against it.
    Bad,
    /// Moved less than the metric's flat threshold (or not at all).
    Flat,
    /// Moved, but the metric has no better side (spend, mix shares).
    Neutral,
}

impl Verdict {
    /// The verdict of the same change seen from the other period.
    pub fn reversed(self) -> Verdict {
        match self {
            Verdict::Good => Verdict::Bad,
            Verdict::Bad => Verdict::Good,
            Verdict::Flat | Verdict::Neutral => self,
        }
    }
}

/// How a metric changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Both periods have a value.
    Moved {
        /// Current minus compared, in the metric's unit (rates as fractions: show as pp).
        absolute: Decimal,
        /// The change over the compared value's size; `None` when the compared value is zero.
        relative: Option<Decimal>,
        /// Good, bad, flat or neutral.
        verdict: Verdict,
    },
    /// Only the current period has a value: shown as "new", never as a change from 0.
    New,
    /// Only the compared period has a value: shown as "n/a".
    Removed,
    /// Neither period has a value.
    NotAvailable,
}

impl Change {
    /// How a figure that moves in `direction` changed from `compared` to `current`; changes
    /// smaller than `threshold` are flat. [`Delta::new`] uses it for catalogue metrics; views
    /// use it directly for figures the catalogue does not hold (a journey's ROI, a tool's
    /// cost).
    pub fn between(
        direction: Direction,
        current: Option<Decimal>,
        compared: Option<Decimal>,
        threshold: Threshold,
    ) -> Change {
        match (current, compared) {
            (Some(cur), Some(cmp)) => {
                // Any decimal may come from a file. Values of opposite signs near Decimal's
                // limits differ by more than it holds: the change saturates and has no
                // relative figure. A base a hair above zero (1e-28) makes a relative change
                // beyond Decimal's range: n/a, as for a base of zero.
                let exact = cur.checked_sub(cmp);
                let absolute = exact.unwrap_or_else(|| cur.saturating_sub(cmp));
                let relative = exact.and_then(|change| Ratio::new(change, cmp.abs()).value());
                Change::Moved {
                    absolute,
                    relative,
                    verdict: verdict(direction, cur, cmp, threshold),
                }
            }
            (Some(_), None) => Change::New,
            (None, Some(_)) => Change::Removed,
            (None, None) => Change::NotAvailable,
        }
    }
}

/// One metric's current value, compared value and change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Delta {
    /// The metric.
    pub metric: Metric,
    /// Its value in the current period; `None` is "n/a".
    pub current: Option<Decimal>,
    /// Its value in the compared period; `None` is "n/a".
    pub compared: Option<Decimal>,
    /// The change.
    pub change: Change,
}

impl Delta {
    /// Compares two values of `metric`; changes smaller than `threshold` are flat.
    pub fn new(
        metric: Metric,
        current: Option<Decimal>,
        compared: Option<Decimal>,
        threshold: Threshold,
    ) -> Delta {
        Delta {
            metric,
            current,
            compared,
            change: Change::between(metric.direction(), current, compared, threshold),
        }
    }

    /// Compares with the catalogue's default threshold.
    pub fn with_default(
        metric: Metric,
        current: Option<Decimal>,
        compared: Option<Decimal>,
    ) -> Delta {
        Delta::new(metric, current, compared, metric.default_threshold())
    }

    /// The verdict; `None` unless both periods have a value.
    pub fn verdict(&self) -> Option<Verdict> {
        match self.change {
            Change::Moved { verdict, .. } => Some(verdict),
            Change::New | Change::Removed | Change::NotAvailable => None,
        }
    }

    /// The absolute change; `None` unless both periods have a value.
    pub fn absolute(&self) -> Option<Decimal> {
        match self.change {
            Change::Moved { absolute, .. } => Some(absolute),
            Change::New | Change::Removed | Change::NotAvailable => None,
        }
    }

    /// The relative change; `None` unless both periods have a value and the compared one is
    /// not zero.
    pub fn relative(&self) -> Option<Decimal> {
        match self.change {
            Change::Moved { relative, .. } => relative,
            Change::New | Change::Removed | Change::NotAvailable => None,
        }
    }
}

/// Whether moving from `compared` to `current` is flat: no change, or less than the
/// threshold. A relative threshold is taken of the larger of the two magnitudes, so the
/// answer is the same in both directions.
pub fn is_flat(current: Decimal, compared: Decimal, threshold: Threshold) -> bool {
    // Saturating: a change or a limit beyond Decimal's range is larger than any other.
    let change = current.saturating_sub(compared).abs();
    if change.is_zero() {
        return true;
    }
    let limit = match threshold {
        Threshold::Absolute(limit) => limit.abs(),
        Threshold::Relative(fraction) => fraction
            .abs()
            .saturating_mul(current.abs().max(compared.abs())),
    };
    change < limit
}

fn verdict(direction: Direction, current: Decimal, compared: Decimal, t: Threshold) -> Verdict {
    if is_flat(current, compared, t) {
        return Verdict::Flat;
    }
    let up = current > compared;
    match (direction, up) {
        (Direction::Neutral, _) => Verdict::Neutral,
        (Direction::HigherIsBetter, true) | (Direction::LowerIsBetter, false) => Verdict::Good,
        (Direction::HigherIsBetter, false) | (Direction::LowerIsBetter, true) => Verdict::Bad,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Option<Decimal> {
        Some(text.parse().unwrap())
    }

    #[test]
    fn a_rate_moves_in_points_and_percent() {
        let delta = Delta::with_default(Metric::LeadToSale, d("0.135"), d("0.12"));
        assert_eq!(delta.absolute(), d("0.015"));
        assert_eq!(delta.relative(), d("0.125"));
        assert_eq!(delta.verdict(), Some(Verdict::Good));
    }

    #[test]
    fn a_faster_response_is_good_though_the_number_fell() {
        let delta = Delta::with_default(Metric::ResponseMinutes, d("12"), d("15"));
        assert_eq!(delta.verdict(), Some(Verdict::Good));
        let delta = Delta::with_default(Metric::CostPerSale, d("650"), d("600"));
        assert_eq!(delta.verdict(), Some(Verdict::Bad));
        let delta = Delta::with_default(Metric::MarketingSpend, d("650"), d("600"));
        assert_eq!(delta.verdict(), Some(Verdict::Neutral));
    }

    #[test]
    fn small_changes_are_flat() {
        // 0.1 pp is under the default 0.2 pp for rates; 0.5 % under 1 % for money.
        let rate = Delta::with_default(Metric::SlaAdherence, d("0.901"), d("0.9"));
        assert_eq!(rate.verdict(), Some(Verdict::Flat));
        let money = Delta::with_default(Metric::WonRevenue, d("1005"), d("1000"));
        assert_eq!(money.verdict(), Some(Verdict::Flat));
        let bigger = Delta::new(
            Metric::WonRevenue,
            d("1005"),
            d("1000"),
            Threshold::Absolute(Decimal::ONE),
        );
        assert_eq!(bigger.verdict(), Some(Verdict::Good));
        let same = Delta::new(
            Metric::Leads,
            d("0"),
            d("0"),
            Threshold::Absolute(Decimal::ZERO),
        );
        assert_eq!(same.verdict(), Some(Verdict::Flat));
    }

    #[test]
    fn a_missing_side_is_new_or_not_available_never_zero() {
        assert_eq!(
            Delta::with_default(Metric::Csat, d("80"), None).change,
            Change::New
        );
        assert_eq!(
            Delta::with_default(Metric::Csat, None, d("80")).change,
            Change::Removed
        );
        assert_eq!(
            Delta::with_default(Metric::Csat, None, None).change,
            Change::NotAvailable
        );
        let from_zero = Delta::with_default(Metric::Leads, d("10"), d("0"));
        assert_eq!(from_zero.relative(), None, "no % change from zero");
        assert_eq!(from_zero.absolute(), d("10"));
    }

    #[test]
    fn a_base_a_hair_above_zero_has_no_relative_change() {
        // Won revenue 900,000 after 1e-28 (a file may hold 28 decimals): 9e33 times the base,
        // beyond Decimal's 7.9e28. It moved, for the better; the relative change is n/a.
        let tiny = d("0.0000000000000000000000000001");
        let delta = Delta::with_default(Metric::WonRevenue, d("900000"), tiny);
        assert_eq!(delta.relative(), None);
        assert_eq!(delta.verdict(), Some(Verdict::Good));
        assert_eq!(delta.absolute().map(|a| a.round()), d("900000"));
    }

    #[test]
    fn values_of_opposite_signs_at_decimals_limits_still_compare() {
        // MAX - MIN is twice what a Decimal holds: the change saturates, no relative change.
        let delta = Delta::with_default(Metric::WonRevenue, Some(Decimal::MAX), Some(Decimal::MIN));
        assert_eq!(delta.absolute(), Some(Decimal::MAX));
        assert_eq!(delta.relative(), None);
        assert_eq!(delta.verdict(), Some(Verdict::Good));
        let back = Delta::with_default(Metric::WonRevenue, Some(Decimal::MIN), Some(Decimal::MAX));
        assert_eq!(back.absolute(), Some(Decimal::MIN));
        assert_eq!(back.verdict(), Some(Verdict::Bad));
    }

    /// Decimals a file may hold, weighted to the ends of the range: the limits, a unit in the
    /// 28th decimal, and any mantissa at any scale.
    fn extreme() -> impl proptest::strategy::Strategy<Value = Decimal> {
        use proptest::prelude::*;
        let tiny = Decimal::new(1, 28);
        prop_oneof![
            Just(Decimal::MAX),
            Just(Decimal::MIN),
            Just(tiny),
            Just(-tiny),
            Just(Decimal::ZERO),
            (any::<i64>(), 0u32..=28).prop_map(|(m, scale)| Decimal::new(m, scale)),
            (any::<i128>(), 0u32..=28).prop_map(|(m, scale)| {
                Decimal::try_from_i128_with_scale(m % 79_228_162_514_264_337_593_543_950_335, scale)
                    .unwrap_or(Decimal::MAX)
            }),
        ]
    }

    proptest::proptest! {
        /// Any two decimals compare without a panic; the relative change, when there is one,
        /// is the change over the base as f64 arithmetic finds it, and there is one whenever
        /// the change and that quotient are inside Decimal's range.
        #[test]
        fn any_two_decimals_compare(current in extreme(), compared in extreme()) {
            use rust_decimal::prelude::ToPrimitive;
            for metric in [Metric::WonRevenue, Metric::LeadToSale, Metric::Leads] {
                let delta = Delta::with_default(metric, Some(current), Some(compared));
                let (cur, cmp) = (current.to_f64().unwrap(), compared.to_f64().unwrap());
                let quotient = (cur - cmp) / cmp.abs();
                match delta.relative() {
                    Some(r) => {
                        let r = r.to_f64().unwrap();
                        // Decimal keeps 28 decimals: a tiny quotient loses digits past them.
                        let close = (r - quotient).abs() <= 1e-9 * quotient.abs() + 1e-27;
                        proptest::prop_assert!(close, "{r} against {quotient}");
                    }
                    None => proptest::prop_assert!(
                        compared.is_zero() || (cur - cmp).abs() > 7.9e28 || quotient.abs() >= 7e28,
                        "n/a for a quotient of {quotient}"
                    ),
                }
                let verdict = delta.verdict().unwrap();
                if current > compared {
                    proptest::prop_assert!(verdict == Verdict::Good || verdict == Verdict::Flat);
                }
                for style in [crate::metrics::Style::FULL, crate::metrics::Style::COMPACT] {
                    let _ = crate::compare::format_change(&delta, "USD", style);
                }
                let _ = crate::compare::format_change_relative(&delta, false);
            }
        }
    }
}
