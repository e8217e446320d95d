//! Reporting periods: a calendar month (`2026-10`) or a calendar quarter (`2026-Q4`).
//!
//! A period id is the key that orders snapshots in a folder, that picks the compared period
//! (previous, year ago) and that labels the header. Dates come from chrono, so month lengths and
//! leap years are never computed by hand.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How long a period is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Granularity {
    /// A calendar month.
    Month,
    /// A calendar quarter (three months starting January, April, July or October).
    Quarter,
}

/// One reporting period. Ordered by start date, then months before quarters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PeriodId {
    year: i32,
    /// 1-12 for a month, 1-4 for a quarter.
    index: u8,
    granularity: Granularity,
}

/// Why a text is not a period id.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a period: expected a month such as `2026-10` or a quarter such as `2026-Q4`")]
pub struct ParsePeriodError(pub String);

impl PeriodId {
    /// A calendar month; `None` unless `month` is 1-12 and the year has four digits.
    pub fn month(year: i32, month: u8) -> Option<PeriodId> {
        ((1..=12).contains(&month) && (1000..=9999).contains(&year)).then_some(PeriodId {
            year,
            index: month,
            granularity: Granularity::Month,
        })
    }

    /// A calendar quarter; `None` unless `quarter` is 1-4 and the year has four digits.
    pub fn quarter(year: i32, quarter: u8) -> Option<PeriodId> {
        ((1..=4).contains(&quarter) && (1000..=9999).contains(&year)).then_some(PeriodId {
            year,
            index: quarter,
            granularity: Granularity::Quarter,
        })
    }

    /// Month or quarter.
    pub fn granularity(self) -> Granularity {
        self.granularity
    }

    /// The calendar year the period lies in.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The first day of the period.
    pub fn start(self) -> NaiveDate {
        let month = match self.granularity {
            Granularity::Month => self.index,
            Granularity::Quarter => (self.index - 1) * 3 + 1,
        };
        NaiveDate::from_ymd_opt(self.year, u32::from(month), 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last day of the period (inclusive).
    pub fn end(self) -> NaiveDate {
        let months = match self.granularity {
            Granularity::Month => 1,
            Granularity::Quarter => 3,
        };
        self.start()
            .checked_add_months(Months::new(months))
            .and_then(|next| next.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    /// Whether `date` falls inside the period.
    pub fn contains(self, date: NaiveDate) -> bool {
        self.start() <= date && date <= self.end()
    }

    /// The period of the same length just before this one.
    pub fn previous(self) -> Option<PeriodId> {
        self.shifted(-1)
    }

    /// The period of the same length just after this one.
    pub fn next(self) -> Option<PeriodId> {
        self.shifted(1)
    }

    /// The same period one year earlier.
    pub fn year_ago(self) -> Option<PeriodId> {
        self.with_year(self.year - 1)
    }

    /// The months a quarter is made of (a month is made of itself).
    pub fn months(self) -> Vec<PeriodId> {
        match self.granularity {
            Granularity::Month => vec![self],
            Granularity::Quarter => (0..3)
                .filter_map(|i| PeriodId::month(self.year, (self.index - 1) * 3 + 1 + i))
                .collect(),
        }
    }

    /// The quarter a month belongs to (a quarter belongs to itself).
    pub fn quarter_of(self) -> PeriodId {
        match self.granularity {
            Granularity::Quarter => self,
            Granularity::Month => PeriodId {
                year: self.year,
                index: (self.index - 1) / 3 + 1,
                granularity: Granularity::Quarter,
            },
        }
    }

    /// A reader's label: `Oct 2026` or `Q4 2026`.
    pub fn label(self) -> String {
        match self.granularity {
            Granularity::Month => self.start().format("%b %Y").to_string(),
            Granularity::Quarter => format!("Q{} {}", self.index, self.year),
        }
    }

    /// The fiscal-year label when the fiscal year starts in `start_month` (1-12), e.g.
    /// `FY2027 Q1` for October 2026 with an October start. Fiscal years are named after the
    /// calendar year they end in. `None` when the start month is January or invalid.
    pub fn fiscal_label(self, start_month: u8) -> Option<String> {
        if !(2..=12).contains(&start_month) {
            return None;
        }
        let first_month = self.start().month0();
        let offset = (first_month + 12 - u32::from(start_month - 1)) % 12;
        let fiscal_year = if first_month >= u32::from(start_month - 1) {
            self.year + 1
        } else {
            self.year
        };
        Some(match self.granularity {
            Granularity::Month => format!("FY{fiscal_year} P{:02}", offset + 1),
            Granularity::Quarter => format!("FY{fiscal_year} Q{}", offset / 3 + 1),
        })
    }

    fn shifted(self, by: i32) -> Option<PeriodId> {
        let per_year = match self.granularity {
            Granularity::Month => 12,
            Granularity::Quarter => 4,
        };
        let ordinal = self.year * per_year + i32::from(self.index) - 1 + by;
        let year = ordinal.div_euclid(per_year);
        let index = u8::try_from(ordinal.rem_euclid(per_year) + 1).ok()?;
        match self.granularity {
            Granularity::Month => PeriodId::month(year, index),
            Granularity::Quarter => PeriodId::quarter(year, index),
        }
    }

    fn with_year(self, year: i32) -> Option<PeriodId> {
        match self.granularity {
            Granularity::Month => PeriodId::month(year, self.index),
            Granularity::Quarter => PeriodId::quarter(year, self.index),
        }
    }
}

impl Ord for PeriodId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.start(), self.granularity).cmp(&(other.start(), other.granularity))
    }
}

impl PartialOrd for PeriodId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PeriodId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.granularity {
            Granularity::Month => write!(f, "{:04}-{:02}", self.year, self.index),
            Granularity::Quarter => write!(f, "{:04}-Q{}", self.year, self.index),
        }
    }
}

impl FromStr for PeriodId {
    type Err = ParsePeriodError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let fail = || ParsePeriodError(text.to_owned());
        let (year, rest) = text.split_once('-').ok_or_else(fail)?;
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(fail());
        }
        let year: i32 = year.parse().map_err(|_| fail())?;
        let digits = |s: &str| -> Option<u8> {
            (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let period = match rest.strip_prefix(['Q', 'q']) {
            Some(q) if q.len() == 1 => digits(q).and_then(|q| PeriodId::quarter(year, q)),
            Some(_) => None,
            None if rest.len() == 2 => digits(rest).and_then(|m| PeriodId::month(year, m)),
            None => None,
        };
        period.ok_or_else(fail)
    }
}

impl Serialize for PeriodId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PeriodId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for PeriodId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PeriodId".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A calendar month (`2026-10`) or quarter (`2026-Q4`).",
            "type": "string",
            "pattern": "^[0-9]{4}-([0-9]{2}|Q[1-4])$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> PeriodId {
        text.parse().unwrap()
    }

    #[test]
    fn parses_and_prints_months_and_quarters() {
        assert_eq!(p("2026-10").to_string(), "2026-10");
        assert_eq!(p("2026-q4").to_string(), "2026-Q4");
        for bad in [
            "2026-13", "2026-00", "2026-Q5", "26-10", "2026-1", "2026", "", "2026-Q",
        ] {
            assert!(bad.parse::<PeriodId>().is_err(), "{bad}");
        }
    }

    #[test]
    fn knows_its_dates_and_neighbours() {
        assert_eq!(
            p("2024-02").end(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        assert_eq!(
            p("2026-Q4").start(),
            NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()
        );
        assert_eq!(
            p("2026-Q4").end(),
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()
        );
        assert_eq!(p("2026-01").previous(), Some(p("2025-12")));
        assert_eq!(p("2026-Q1").previous(), Some(p("2025-Q4")));
        assert_eq!(p("2026-10").year_ago(), Some(p("2025-10")));
        assert_eq!(p("2026-11").quarter_of(), p("2026-Q4"));
        assert_eq!(
            p("2026-Q4").months(),
            vec![p("2026-10"), p("2026-11"), p("2026-12")]
        );
    }

    #[test]
    fn labels_calendar_and_fiscal_periods() {
        assert_eq!(p("2026-10").label(), "Oct 2026");
        assert_eq!(p("2026-Q4").label(), "Q4 2026");
        assert_eq!(p("2026-10").fiscal_label(10).as_deref(), Some("FY2027 P01"));
        assert_eq!(p("2026-09").fiscal_label(10).as_deref(), Some("FY2026 P12"));
        assert_eq!(p("2026-Q4").fiscal_label(10).as_deref(), Some("FY2027 Q1"));
        assert_eq!(p("2026-Q1").fiscal_label(4).as_deref(), Some("FY2026 Q4"));
        assert_eq!(p("2026-Q1").fiscal_label(1), None);
    }

    #[test]
    fn orders_by_start_then_length() {
        let mut periods = vec![p("2026-Q4"), p("2026-11"), p("2026-10"), p("2025-12")];
        periods.sort();
        assert_eq!(
            periods,
            vec![p("2025-12"), p("2026-10"), p("2026-Q4"), p("2026-11")]
        );
    }
}
