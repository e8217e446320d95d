//! Comparing two periods: deltas that know whether up is good, percentage points for rates.
//!
//! - [`Delta`]: one metric between two periods, with its [`Verdict`]; [`delta_format`] writes
//!   it as text ("▲ +1.5 pp", "−3.2 %", "new", "n/a").
//! - [`period_choice`]: `--period` / `--compare` against the loaded periods, and the header
//!   label ("Oct 2026 vs Sep 2026 (MoM)").
//! - [`Scorecards`]: a scorecard per period built on first use; [`Comparison`]: two of them
//!   side by side, rows matched by id ([`matching`]).
//! - [`trend`]: a metric over all periods for sparklines; [`target`]: status against target.

pub mod cache;
pub mod comparison;
pub mod delta;
pub mod delta_format;
pub mod matching;
pub mod period_choice;
pub mod target;
pub mod trend;

pub use cache::Scorecards;
pub use comparison::{Comparison, NodeRow, SegmentRow};
pub use delta::{Change, Delta, Verdict};
pub use delta_format::{
    format_change, format_change_in, format_change_relative, verdict_glyph, verdict_word,
};
pub use matching::{Keyed, MatchSummary, RowMatch, match_rows, summarize};
pub use period_choice::{
    CompareKind, ComparePeriod, PeriodChoiceError, PeriodPair, resolve, resolve_among,
};
pub use target::{TARGET_RULE, TargetStatus, status_for, target_status};
pub use trend::{Trend, trend};
