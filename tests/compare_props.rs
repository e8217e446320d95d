//! Properties of comparisons: a delta seen from the other period is its negation, a rate's
//! point change is the difference of the rates recomputed from the rolled-up parts, and the
//! verdict follows the metric's direction.

mod support;

use std::sync::Arc;

use proptest::prelude::*;
use rust_decimal::Decimal;

use ebr::compare::delta::is_flat;
use ebr::compare::delta_format::format_absolute;
use ebr::compare::{Change, Comparison, Delta, PeriodPair, Scorecards, Verdict};
use ebr::metrics::format::fixed;
use ebr::metrics::{Direction, Level, Metric, Rollup, Style, Threshold, Unit};
use ebr::model::{Library, Snapshot};

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        ..ProptestConfig::default()
    }
}

fn metric() -> impl Strategy<Value = Metric> {
    (0..Metric::ALL.len()).prop_map(|i| Metric::ALL[i])
}

fn value() -> impl Strategy<Value = Option<Decimal>> {
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(Decimal::ZERO)),
        6 => (-1_000_000_000i64..1_000_000_000, 0u32..6).prop_map(|(m, s)| Some(Decimal::new(m, s))),
    ]
}

fn threshold() -> impl Strategy<Value = Threshold> {
    prop_oneof![
        (0i64..5_000).prop_map(|t| Threshold::Absolute(Decimal::new(t, 3))),
        (0i64..500).prop_map(|t| Threshold::Relative(Decimal::new(t, 4))),
    ]
}

/// The parts of the dealers under a level, added up here from the snapshot's leaves, apart
/// from the scorecard's hierarchy pass.
fn leaves_under(s: &Snapshot, level: &Level) -> Rollup {
    let region_of = |group: &str| {
        s.dealer_groups
            .iter()
            .find(|g| g.id.as_str() == group)
            .map(|g| g.region.as_str().to_owned())
    };
    let dealers = s.dealers.iter().filter(|d| match level {
        Level::Ecosystem => true,
        Level::Region(r) => region_of(d.group.as_str()).as_deref() == Some(r.as_str()),
        Level::Group(g) => d.group == *g,
        Level::Dealer(id) => d.id == *id,
    });
    Rollup::of(dealers).with_period_months(1)
}

proptest! {
    #![proptest_config(config())]

    /// delta(a, b) is the negation of delta(b, a) for every metric: the same absolute change
    /// with the other sign, the opposite verdict, "new" where the other says "n/a".
    #[test]
    fn a_delta_reversed_is_negated(
        metric in metric(), a in value(), b in value(), t in threshold()
    ) {
        let ab = Delta::new(metric, a, b, t);
        let ba = Delta::new(metric, b, a, t);
        match (ab.change, ba.change) {
            (Change::Moved { absolute: x, verdict: vx, .. },
             Change::Moved { absolute: y, verdict: vy, .. }) => {
                prop_assert_eq!(x, -y);
                prop_assert_eq!(vx, vy.reversed());
            }
            (Change::New, Change::Removed)
            | (Change::Removed, Change::New)
            | (Change::NotAvailable, Change::NotAvailable) => {}
            other => prop_assert!(false, "not mirrored: {:?}", other),
        }
    }

    /// Good means moved the way the direction wants by more than the threshold; a metric with
    /// no better side is never good or bad.
    #[test]
    fn good_and_bad_follow_direction(
        metric in metric(), a in value(), b in value(), t in threshold()
    ) {
        let delta = Delta::new(metric, a, b, t);
        if let (Some(cur), Some(cmp), Some(verdict)) = (a, b, delta.verdict()) {
            let flat = is_flat(cur, cmp, t);
            let expected = match (flat, metric.direction()) {
                (true, _) => Verdict::Flat,
                (false, Direction::Neutral) => Verdict::Neutral,
                (false, Direction::HigherIsBetter) if cur > cmp => Verdict::Good,
                (false, Direction::LowerIsBetter) if cur < cmp => Verdict::Good,
                (false, _) => Verdict::Bad,
            };
            prop_assert_eq!(verdict, expected);
        }
    }

    /// At every level present in both periods, a rate's change is the difference of the two
    /// rates recomputed from the leaves' summed parts, and it is written in points.
    #[test]
    fn a_rate_delta_is_the_difference_of_recomputed_rates(
        cur in support::snapshot("2026-10", 16),
        cmp in support::snapshot("2026-09", 16),
    ) {
        let mut library = Library::new();
        library.insert(cur.clone()).unwrap();
        library.insert(cmp.clone()).unwrap();
        let cards = Scorecards::new(Arc::new(library));
        let pair = PeriodPair {
            current: "2026-10".parse().unwrap(),
            compared: Some("2026-09".parse().unwrap()),
        };
        let comparison = Comparison::open(&cards, pair).unwrap();
        let mut levels = vec![Level::Ecosystem];
        levels.extend(comparison.current.regions().map(|n| n.level()));
        levels.extend(comparison.current.groups().map(|n| n.level()));
        for level in &levels {
            let in_both = comparison.compared.as_ref().is_some_and(|c| c.node(level).is_some());
            for &metric in Metric::ALL.iter().filter(|m| m.unit() == Unit::Rate) {
                let delta = comparison.delta(level, metric);
                let now = metric.value(&leaves_under(&cur, level));
                let then = metric.value(&leaves_under(&cmp, level));
                if !in_both {
                    prop_assert_eq!(delta.compared, None);
                    continue;
                }
                prop_assert_eq!((delta.current, delta.compared), (now, then));
                if let (Some(now), Some(then)) = (now, then) {
                    prop_assert_eq!(delta.absolute(), Some(now - then), "{:?} {:?}", metric, level);
                    let points = fixed(((now - then) * Decimal::ONE_HUNDRED).abs(), 1);
                    let shown = format_absolute(Unit::Rate, now - then, "USD", Style::FULL);
                    prop_assert!(shown.ends_with(&format!("{points} pp")), "{}", shown);
                }
            }
        }
    }
}
