//! Two periods' scorecards side by side: deltas at any level, rows matched by id.

use std::sync::Arc;

use super::cache::Scorecards;
use super::delta::Delta;
use super::matching::{RowMatch, match_rows};
use super::period_choice::PeriodPair;
use super::target::{TargetStatus, target_status};
use crate::metrics::{Level, Metric, Node, Scorecard, Segment, Segmentation, targets};

/// The current and the compared scorecard of a review. Cheap to build from [`Scorecards`]:
/// switching the compared period builds that period's scorecard only.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// The periods.
    pub pair: PeriodPair,
    /// The current period's scorecard.
    pub current: Arc<Scorecard>,
    /// The compared period's scorecard, when there is one.
    pub compared: Option<Arc<Scorecard>>,
}

/// A matched row of a drill table.
pub type NodeRow<'a> = RowMatch<Node<'a>, Node<'a>>;

/// A matched row of a segment table.
pub type SegmentRow<'a> = RowMatch<&'a Segment, &'a Segment>;

impl Comparison {
    /// The comparison of a resolved pair; `None` when the current period is not loaded.
    pub fn open(cards: &Scorecards, pair: PeriodPair) -> Option<Comparison> {
        Some(Comparison {
            pair,
            current: cards.get(pair.current)?,
            compared: pair.compared.and_then(|p| cards.get(p)),
        })
    }

    /// A metric at a level in both periods. The flat threshold is the current snapshot's
    /// `targets[].flat_threshold` or the catalogue default. A level present in one period
    /// only gives "new" or "n/a".
    pub fn delta(&self, level: &Level, metric: Metric) -> Delta {
        let compared = self.compared.as_ref().and_then(|c| c.value(level, metric));
        Delta::new(
            metric,
            self.current.value(level, metric),
            compared,
            targets::threshold(self.current.snapshot(), metric),
        )
    }

    /// A metric's delta for one matched row.
    pub fn row_delta(&self, row: &NodeRow<'_>, metric: Metric) -> Delta {
        let (current, compared) = match row {
            RowMatch::Matched {
                current, compared, ..
            } => (current.value(metric), compared.value(metric)),
            RowMatch::Added(current) => (current.value(metric), None),
            RowMatch::Removed(compared) => (None, compared.value(metric)),
        };
        Delta::new(
            metric,
            current,
            compared,
            targets::threshold(self.current.snapshot(), metric),
        )
    }

    /// The rows one level down in both periods, matched by id (the same level is shown in
    /// both panes even when it exists in only one period).
    pub fn children(&self, level: &Level) -> Vec<NodeRow<'_>> {
        let compared = self
            .compared
            .as_ref()
            .map(|c| c.children(level))
            .unwrap_or_default();
        match_rows(&self.current.children(level), &compared)
    }

    /// Every dealer under a level in both periods, matched by id.
    pub fn dealers_under(&self, level: &Level) -> Vec<NodeRow<'_>> {
        let compared = self
            .compared
            .as_ref()
            .map(|c| c.dealers_under(level))
            .unwrap_or_default();
        match_rows(&self.current.dealers_under(level), &compared)
    }

    /// One segmentation's segments in both periods, matched by key.
    pub fn segments(&self, segmentation: Segmentation) -> Vec<SegmentRow<'_>> {
        let current: Vec<&Segment> = self.current.segments(segmentation).iter().collect();
        let compared: Vec<&Segment> = self
            .compared
            .as_ref()
            .map(|c| c.segments(segmentation).iter().collect())
            .unwrap_or_default();
        match_rows(&current, &compared)
    }

    /// The current value's status against the current snapshot's target; `None` without a
    /// target or a value.
    pub fn target_status(&self, level: &Level, metric: Metric) -> Option<TargetStatus> {
        target_status(
            metric,
            self.current.value(level, metric),
            targets::target(self.current.snapshot(), metric),
        )
    }
}
