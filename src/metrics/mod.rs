//! Roll-ups and ratios: every ratio is recomputed from its summed parts at every level.
//!
//! - [`Rollup`]: the summed parts of any set of dealers; [`Ratio`]: a numerator over a
//!   denominator whose value is `None` ("n/a") when the denominator is zero.
//! - [`Metric`]: the closed catalogue of what a view can show, each with key, labels, unit,
//!   direction, default flat threshold and a formula over a `Rollup`.
//! - [`Scorecard`]: one snapshot rolled up once (ecosystem → regions → groups → dealers, and by
//!   segment), for views to read every frame without recomputing.
//! - [`Pnl`]: martech cost against attributed margin per tool and value driver; [`journey`]:
//!   funnel conversion, ROI and handoff health; [`adoption`]: tool use and the retire rule.
//! - [`format`]: values as text, shared by the terminal views and the exports.

pub mod adoption;
pub mod catalogue;
pub mod format;
pub mod formulas;
pub mod hierarchy;
pub mod journey;
pub mod level;
pub mod maturity;
pub mod overlap;
pub mod pnl;
pub mod ratio;
pub mod rollup;
pub mod segment;
pub mod split;
pub mod targets;
#[cfg(test)]
pub(crate) mod test_support;
pub mod value;

pub use adoption::{Adoption, RETIRE_RULE};
pub use catalogue::{Direction, Metric, Threshold, Unit, UnknownMetric};
pub use format::{NOT_AVAILABLE, Style, format_compact, format_metric, format_value, format_with};
pub use formulas::Formula;
pub use hierarchy::Scorecard;
pub use journey::{JourneyTotals, StageStep};
pub use level::{Level, LevelKind, Node};
pub use pnl::{DriverPnl, Pnl, ToolPnl};
pub use ratio::Ratio;
pub use rollup::{LeadGap, Rollup};
pub use segment::{Segment, Segmentation};
