//! Choosing the current and the compared period from the periods a folder holds.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use crate::model::{Granularity, Library, PeriodId};

/// Which period to compare the current one with (`--compare`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ComparePeriod {
    /// The latest loaded period of the same granularity before the current one.
    #[default]
    Previous,
    /// The same period a year earlier.
    YearAgo,
    /// A named period (same granularity as the current one).
    Explicit(PeriodId),
}

/// `--compare` text that names no period.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a compared period: expected `previous`, `yoy` or a period such as `2026-09` or `2026-Q3`"
)]
pub struct ParseCompareError(pub String);

impl FromStr for ComparePeriod {
    type Err = ParseCompareError;
    fn from_str(text: &str) -> Result<ComparePeriod, ParseCompareError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "previous" | "prev" | "mom" | "qoq" => Ok(ComparePeriod::Previous),
            "yoy" | "year-ago" | "year_ago" => Ok(ComparePeriod::YearAgo),
            other => other
                .parse()
                .map(ComparePeriod::Explicit)
                .map_err(|_| ParseCompareError(text.to_owned())),
        }
    }
}

/// How the two periods relate, for the header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CompareKind {
    /// Month against the month before.
    MonthOverMonth,
    /// Quarter against the quarter before.
    QuarterOverQuarter,
    /// Against the same period a year earlier.
    YearOverYear,
    /// Any other pair.
    Custom,
}

impl CompareKind {
    /// The header abbreviation: MoM, QoQ, YoY; `None` for a custom pair.
    pub fn abbreviation(self) -> Option<&'static str> {
        match self {
            CompareKind::MonthOverMonth => Some("MoM"),
            CompareKind::QuarterOverQuarter => Some("QoQ"),
            CompareKind::YearOverYear => Some("YoY"),
            CompareKind::Custom => None,
        }
    }

    /// What the pair is, from the periods alone.
    pub fn of(current: PeriodId, compared: PeriodId) -> CompareKind {
        if current.previous() == Some(compared) {
            match current.granularity() {
                Granularity::Month => CompareKind::MonthOverMonth,
                Granularity::Quarter => CompareKind::QuarterOverQuarter,
            }
        } else if current.year_ago() == Some(compared) {
            CompareKind::YearOverYear
        } else {
            CompareKind::Custom
        }
    }
}

/// The current period and, when there is one, the compared period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PeriodPair {
    /// The period the review is about.
    pub current: PeriodId,
    /// The period it is compared with; `None` when the folder holds nothing to compare with
    /// (a single snapshot).
    pub compared: Option<PeriodId>,
}

/// Why the periods asked for cannot be shown.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PeriodChoiceError {
    /// The folder holds no snapshot at all.
    #[error("no snapshots loaded")]
    Empty,
    /// A period asked for is not loaded.
    #[error("no snapshot for {period} ({why}); loaded: {loaded}")]
    NotLoaded {
        /// The missing period.
        period: PeriodId,
        /// Why it was asked for, e.g. "year ago of 2026-10".
        why: String,
        /// The periods that are loaded, comma-separated.
        loaded: String,
    },
    /// The compared period is a month and the current a quarter, or the other way round.
    #[error("cannot compare {current} with {compared}: one is a month, the other a quarter")]
    MixedGranularity {
        /// The current period.
        current: PeriodId,
        /// The compared period.
        compared: PeriodId,
    },
}

fn not_loaded(periods: &BTreeSet<PeriodId>, period: PeriodId, why: String) -> PeriodChoiceError {
    let loaded: Vec<String> = periods.iter().map(|p| p.to_string()).collect();
    PeriodChoiceError::NotLoaded {
        period,
        why,
        loaded: loaded.join(", "),
    }
}

/// Resolves `--period` and `--compare` against the loaded periods. Without a current period,
/// the library's default (the latest month, else the latest period). `Previous` finds the
/// latest loaded period of the same granularity before the current one and is `None` when
/// there is none; `YearAgo` and `Explicit` must be loaded.
pub fn resolve(
    library: &Library,
    current: Option<PeriodId>,
    compare: ComparePeriod,
) -> Result<PeriodPair, PeriodChoiceError> {
    resolve_among(&library.periods().collect(), current, compare)
}

/// [`resolve`] against a set of periods known before their snapshots are loaded (a folder's
/// files, each period read from its head): which two to load first.
pub fn resolve_among(
    periods: &BTreeSet<PeriodId>,
    current: Option<PeriodId>,
    compare: ComparePeriod,
) -> Result<PeriodPair, PeriodChoiceError> {
    let loaded = |p: &PeriodId| periods.contains(p);
    let current = match current {
        Some(period) if !loaded(&period) => {
            return Err(not_loaded(periods, period, "the current period".into()));
        }
        Some(period) => period,
        None => Library::default_among(periods.iter().copied()).ok_or(PeriodChoiceError::Empty)?,
    };
    let compared = match compare {
        ComparePeriod::Previous => periods
            .range(..current)
            .rev()
            .find(|p| p.granularity() == current.granularity())
            .copied(),
        ComparePeriod::YearAgo => {
            let year_ago = current.year_ago().ok_or(PeriodChoiceError::Empty)?;
            if !loaded(&year_ago) {
                return Err(not_loaded(
                    periods,
                    year_ago,
                    format!("year ago of {current}"),
                ));
            }
            Some(year_ago)
        }
        ComparePeriod::Explicit(period) => {
            if period.granularity() != current.granularity() {
                return Err(PeriodChoiceError::MixedGranularity {
                    current,
                    compared: period,
                });
            }
            if !loaded(&period) {
                return Err(not_loaded(periods, period, "the compared period".into()));
            }
            Some(period)
        }
    };
    Ok(PeriodPair { current, compared })
}

/// A period as the header names it: `Oct 2026`, `Q4 2026`; a quarter gets its fiscal label
/// (`FY2027 Q1`) when the snapshot's fiscal year does not start in January. Months keep their
/// calendar name, which every reader knows.
pub fn period_label(period: PeriodId, fiscal_year_start_month: Option<u8>) -> String {
    match (period.granularity(), fiscal_year_start_month) {
        (Granularity::Quarter, Some(start)) => {
            period.fiscal_label(start).unwrap_or_else(|| period.label())
        }
        _ => period.label(),
    }
}

impl PeriodPair {
    /// How the two relate; `None` without a compared period.
    pub fn kind(&self) -> Option<CompareKind> {
        self.compared.map(|c| CompareKind::of(self.current, c))
    }

    /// The header: "Oct 2026 vs Sep 2026 (MoM)", "Q4 2026 vs Q4 2025 (YoY)", "Oct 2026 vs
    /// Jul 2026", or just "Oct 2026" without a compared period.
    pub fn label(&self, fiscal_year_start_month: Option<u8>) -> String {
        let current = period_label(self.current, fiscal_year_start_month);
        match self.compared {
            None => current,
            Some(compared) => {
                let compared_label = period_label(compared, fiscal_year_start_month);
                match CompareKind::of(self.current, compared).abbreviation() {
                    Some(kind) => format!("{current} vs {compared_label} ({kind})"),
                    None => format!("{current} vs {compared_label}"),
                }
            }
        }
    }
}

impl fmt::Display for PeriodPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label(None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::test_support::empty_snapshot;

    fn p(text: &str) -> PeriodId {
        text.parse().unwrap()
    }

    fn library(periods: &[&str]) -> Library {
        let mut lib = Library::new();
        for period in periods {
            lib.insert(empty_snapshot(period)).unwrap();
        }
        lib
    }

    #[test]
    fn defaults_to_the_latest_month_against_the_one_before() {
        let lib = library(&["2025-10", "2026-08", "2026-09", "2026-10", "2026-Q3"]);
        let pair = resolve(&lib, None, ComparePeriod::Previous).unwrap();
        assert_eq!(pair.label(None), "Oct 2026 vs Sep 2026 (MoM)");
        let yoy = resolve(&lib, None, ComparePeriod::YearAgo).unwrap();
        assert_eq!(yoy.label(None), "Oct 2026 vs Oct 2025 (YoY)");
        let custom = resolve(&lib, None, "2026-08".parse().unwrap()).unwrap();
        assert_eq!(custom.label(None), "Oct 2026 vs Aug 2026");
    }

    #[test]
    fn quarters_compare_with_quarters_and_can_carry_fiscal_labels() {
        let lib = library(&["2026-Q3", "2026-Q4", "2026-12"]);
        let pair = resolve(&lib, Some(p("2026-Q4")), ComparePeriod::Previous).unwrap();
        assert_eq!(pair.label(None), "Q4 2026 vs Q3 2026 (QoQ)");
        assert_eq!(pair.label(Some(10)), "FY2027 Q1 vs FY2026 Q4 (QoQ)");
        let err = resolve(
            &lib,
            Some(p("2026-Q4")),
            ComparePeriod::Explicit(p("2026-12")),
        );
        assert!(matches!(
            err,
            Err(PeriodChoiceError::MixedGranularity { .. })
        ));
    }

    #[test]
    fn missing_periods_are_clear_errors_or_no_comparison() {
        let lib = library(&["2026-09", "2026-10"]);
        let err = resolve(&lib, None, ComparePeriod::YearAgo).unwrap_err();
        assert_eq!(
            err.to_string(),
            "no snapshot for 2025-10 (year ago of 2026-10); loaded: 2026-09, 2026-10"
        );
        let only = library(&["2026-10"]);
        let pair = resolve(&only, None, ComparePeriod::Previous).unwrap();
        assert_eq!(
            (pair.compared, pair.label(None)),
            (None, "Oct 2026".to_owned())
        );
        assert_eq!(
            resolve(&Library::new(), None, ComparePeriod::Previous),
            Err(PeriodChoiceError::Empty)
        );
        assert_eq!("yoy".parse(), Ok(ComparePeriod::YearAgo));
        assert!("last".parse::<ComparePeriod>().is_err());
    }
}
