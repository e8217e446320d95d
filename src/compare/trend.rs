//! A metric over every loaded period of one granularity, at any drill level: the data behind
//! sparklines.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::cache::Scorecards;
use crate::metrics::{Level, Metric};
use crate::model::{Granularity, PeriodId};

/// One metric's values over time, earliest first. A period where the level does not exist
/// or the value is "n/a" holds `None`, never 0.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Trend {
    /// (period, value) in period order.
    pub points: Vec<(PeriodId, Option<Decimal>)>,
}

/// The trend of `metric` at `level` over every loaded period of `granularity` (builds the
/// scorecards it needs; see [`Scorecards::warm`] to build them in parallel first).
pub fn trend(cards: &Scorecards, granularity: Granularity, level: &Level, metric: Metric) -> Trend {
    let periods: Vec<PeriodId> = cards.library().periods_of(granularity).collect();
    Trend {
        points: periods
            .into_iter()
            .map(|p| (p, cards.get(p).and_then(|card| card.value(level, metric))))
            .collect(),
    }
}

impl Trend {
    /// Where a period sits in the series, to mark the compared periods.
    pub fn index_of(&self, period: PeriodId) -> Option<usize> {
        self.points.iter().position(|(p, _)| *p == period)
    }

    /// The values scaled to 0..=`height` between the series' minimum and maximum (a flat
    /// series sits in the middle), for a sparkline; gaps stay `None`.
    pub fn scaled(&self, height: u64) -> Vec<Option<u64>> {
        let values: Vec<Option<f64>> = self
            .points
            .iter()
            .map(|(_, v)| v.and_then(|v| v.to_f64()))
            .collect();
        let known = values.iter().flatten();
        let min = known.clone().copied().fold(f64::INFINITY, f64::min);
        let max = known.copied().fold(f64::NEG_INFINITY, f64::max);
        values
            .into_iter()
            .map(|v| {
                v.map(|v| {
                    if max > min {
                        ((v - min) / (max - min) * height as f64).round() as u64
                    } else {
                        height / 2
                    }
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::test_support::{dealer, empty_snapshot, group, region};
    use crate::model::{Library, Tier};
    use std::sync::Arc;

    #[test]
    fn follows_a_group_over_the_months_with_gaps_as_none() {
        let mut lib = Library::new();
        for (p, leads, answered) in [("2026-08", 100, 80), ("2026-09", 0, 0), ("2026-10", 50, 45)] {
            let mut s = empty_snapshot(p);
            region(&mut s, "west", "West");
            group(&mut s, "g1", "Sunset Auto", "west", Tier::Gold);
            dealer(&mut s, "d1", "Sunset North", "g1", leads, answered, 1);
            lib.insert(s).unwrap();
        }
        lib.insert(empty_snapshot("2026-Q3")).unwrap();
        let cards = Scorecards::new(Arc::new(lib));
        let t = trend(
            &cards,
            Granularity::Month,
            &Level::Group("g1".into()),
            Metric::SlaAdherence,
        );
        let values: Vec<_> = t.points.iter().map(|(_, v)| *v).collect();
        assert_eq!(
            values,
            [Some(Decimal::new(8, 1)), None, Some(Decimal::new(9, 1))]
        );
        assert_eq!(t.scaled(8), [Some(0), None, Some(8)]);
        assert_eq!(t.index_of("2026-10".parse().unwrap()), Some(2));
        let q = trend(
            &cards,
            Granularity::Quarter,
            &Level::Group("g1".into()),
            Metric::Leads,
        );
        assert_eq!(q.points.len(), 1);
        assert_eq!(
            q.points[0].1, None,
            "the group is not in the quarter's snapshot"
        );
    }
}
