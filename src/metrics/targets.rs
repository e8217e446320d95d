//! A snapshot's targets and "too small to matter" thresholds, looked up by metric.

use rust_decimal::Decimal;

use super::catalogue::{Metric, Threshold};
use crate::model::{MetricTarget, Snapshot};

/// The snapshot's entry for a metric, if it has one (matched by key).
pub fn target_entry(snapshot: &Snapshot, metric: Metric) -> Option<&MetricTarget> {
    snapshot.targets.iter().find(|t| t.metric == metric.key())
}

/// The metric's target value in its unit (rates as fractions), when the snapshot sets one.
pub fn target(snapshot: &Snapshot, metric: Metric) -> Option<Decimal> {
    target_entry(snapshot, metric).and_then(|t| t.target)
}

/// The flat threshold for a metric: the snapshot's `flat_threshold` (absolute, in the
/// metric's unit) when set, else the catalogue default.
pub fn threshold(snapshot: &Snapshot, metric: Metric) -> Threshold {
    target_entry(snapshot, metric)
        .and_then(|t| t.flat_threshold)
        .map(|t| Threshold::Absolute(t.abs()))
        .unwrap_or_else(|| metric.default_threshold())
}

/// Snapshot target entries whose metric key is not in the catalogue, for `check` to warn
/// about (with a suggestion).
pub fn unknown_targets(snapshot: &Snapshot) -> Vec<crate::metrics::UnknownMetric> {
    snapshot
        .targets
        .iter()
        .filter_map(|t| t.metric.parse::<Metric>().err())
        .collect()
}
