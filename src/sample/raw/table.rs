//! The pieces every export writer shares: a CSV table written row by row through a buffer, and
//! the arithmetic that turns one figure of a snapshot into events (exact splits of counts and
//! amounts, even spreads over the days and times of a month).

use std::fmt::Write as _;
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate, NaiveDateTime, Timelike};
use rust_decimal::Decimal;

use crate::model::{Money, PeriodId};

use super::super::SampleError;
use super::RawFile;

/// One CSV export being written: a header, then one row per event.
///
/// Rows are written field by field straight into the file's buffer; the first error is kept and
/// reported by [`Table::finish`], so writers read as a list of fields rather than of `?`s.
pub struct Table {
    name: String,
    path: PathBuf,
    out: csv::Writer<BufWriter<File>>,
    scratch: String,
    rows: u64,
    error: Option<csv::Error>,
}

impl Table {
    /// Creates `dir/NAME.csv` with its header row.
    pub fn create(dir: &Path, name: &str, header: &[&str]) -> Result<Table, SampleError> {
        let name = format!("{name}.csv");
        let path = dir.join(&name);
        let file = File::create(&path).map_err(|source| SampleError::Io {
            path: path.clone(),
            source,
        })?;
        let mut out = csv::Writer::from_writer(BufWriter::with_capacity(1 << 16, file));
        let error = out.write_record(header).err();
        Ok(Table {
            name,
            path,
            out,
            scratch: String::with_capacity(64),
            rows: 0,
            error,
        })
    }

    /// Starts a row; its fields follow in header order and [`Row::end`] closes it.
    pub fn row(&mut self) -> Row<'_> {
        Row { table: self }
    }

    /// Flushes the file and says how many rows (without the header) it holds.
    pub fn finish(mut self) -> Result<RawFile, SampleError> {
        let flushed = self.out.flush().map_err(csv::Error::from);
        match self.error.take().map_or(flushed, Err) {
            Ok(()) => Ok(RawFile {
                name: self.name,
                rows: self.rows,
            }),
            Err(e) => Err(SampleError::Io {
                path: self.path,
                source: std::io::Error::other(e),
            }),
        }
    }

    fn field(&mut self, bytes: &[u8]) {
        if self.error.is_none() {
            self.error = self.out.write_field(bytes).err();
        }
    }

    /// Writes what `fill` formats into the scratch buffer as one field.
    fn formatted(&mut self, fill: impl FnOnce(&mut String)) {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        fill(&mut scratch);
        self.field(scratch.as_bytes());
        self.scratch = scratch;
    }
}

/// A row being written: one call per column, in header order.
pub struct Row<'a> {
    table: &'a mut Table,
}

impl Row<'_> {
    pub fn str(self, text: &str) -> Self {
        self.table.field(text.as_bytes());
        self
    }

    pub fn num(self, n: u64) -> Self {
        self.table.formatted(|s| {
            let _ = write!(s, "{n}");
        });
        self
    }

    pub fn flag(self, yes: bool) -> Self {
        self.str(if yes { "true" } else { "false" })
    }

    pub fn decimal(self, amount: Decimal) -> Self {
        self.table.formatted(|s| {
            let _ = write!(s, "{amount}");
        });
        self
    }

    pub fn date(self, day: NaiveDate) -> Self {
        self.table.formatted(|s| {
            let _ = write!(s, "{day}");
        });
        self
    }

    pub fn opt_date(self, day: Option<NaiveDate>) -> Self {
        match day {
            Some(day) => self.date(day),
            None => self.str(""),
        }
    }

    /// A timestamp as `YYYY-MM-DDTHH:MM:SS`.
    pub fn at(self, at: NaiveDateTime) -> Self {
        self.table.formatted(|s| {
            let _ = write!(
                s,
                "{}T{:02}:{:02}:{:02}",
                at.date(),
                at.hour(),
                at.minute(),
                at.second()
            );
        });
        self
    }

    pub fn opt_at(self, at: Option<NaiveDateTime>) -> Self {
        match at {
            Some(at) => self.at(at),
            None => self.str(""),
        }
    }

    /// An id made of a prefix and a number, e.g. `d001-2026-10-L17`.
    pub fn id(self, prefix: &str, n: u64) -> Self {
        self.table.formatted(|s| {
            let _ = write!(s, "{prefix}{n}");
        });
        self
    }

    /// Ends the row.
    pub fn end(self) {
        if self.table.error.is_none() {
            self.table.error = self
                .table
                .out
                .write_record(std::iter::empty::<&[u8]>())
                .err();
        }
        self.table.rows += 1;
    }
}

/// The `k`-th of `n` parts of `total` (k < n): equal parts, one more unit in each of the first
/// `total mod n` parts, so the parts always add up to `total` exactly.
pub fn part(total: u64, n: u64, k: u64) -> u64 {
    if n == 0 {
        return 0;
    }
    total / n + u64::from(k < total % n)
}

/// An amount of money split into `n` lines to the smallest unit of its scale (at least cents).
#[derive(Clone, Copy, Debug)]
pub struct Split {
    units: i128,
    scale: u32,
    n: u64,
}

impl Split {
    pub fn new(amount: Money, n: u64) -> Split {
        let mut d = amount.amount();
        if d.scale() < 2 {
            d.rescale(2);
        }
        Split {
            units: d.mantissa(),
            scale: d.scale(),
            n,
        }
    }

    /// The `k`-th line (k < n); the first lines carry the remainder units.
    pub fn line(&self, k: u64) -> Decimal {
        if self.n == 0 {
            return Decimal::ZERO;
        }
        let n = i128::from(self.n);
        let units = self.units.div_euclid(n) + i128::from(i128::from(k) < self.units.rem_euclid(n));
        Decimal::from_i128_with_scale(units, self.scale)
    }
}

/// Whether item `k` of `whole` items is one of the `part` picked ones, the picks spread evenly
/// over the items (exactly `part` of them are picked).
pub fn pick(k: u64, part: u64, whole: u64) -> bool {
    if whole == 0 {
        return false;
    }
    let (k, part, whole) = (u128::from(k), u128::from(part), u128::from(whole));
    (k + 1) * part / whole > k * part / whole
}

/// The number of days in `period`.
pub fn days_in(period: PeriodId) -> u64 {
    (period.end() - period.start()).num_days().unsigned_abs() + 1
}

/// Event `k` of `n`, spread evenly over the minutes of `period` (the middle of the k-th slice).
pub fn spread(period: PeriodId, k: u64, n: u64) -> NaiveDateTime {
    let minutes = days_in(period) * 1440;
    let offset = (2 * u128::from(k) + 1) * u128::from(minutes) / (2 * u128::from(n.max(1)));
    let offset = u64::try_from(offset).unwrap_or(0);
    midnight(period.start()) + chrono::Duration::minutes(i64::try_from(offset).unwrap_or(0))
}

/// Event `k` of `n` on a day of `period`, the days spread evenly.
pub fn spread_day(period: PeriodId, k: u64, n: u64) -> NaiveDate {
    let day = u128::from(k) * u128::from(days_in(period)) / u128::from(n.max(1));
    add_days(period.start(), u64::try_from(day).unwrap_or(0))
}

/// `day` plus `n` days (the same day when that would leave the calendar).
pub fn add_days(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_add_days(Days::new(n)).unwrap_or(day)
}

/// `day` minus `n` days (the same day when that would leave the calendar).
pub fn sub_days(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_sub_days(Days::new(n)).unwrap_or(day)
}

pub fn midnight(day: NaiveDate) -> NaiveDateTime {
    day.and_time(chrono::NaiveTime::MIN)
}

/// The id prefix of a dealer's events in a month, e.g. `d001-2026-10-`.
pub fn prefix(dealer: &str, period: PeriodId, kind: &str) -> String {
    format!("{dealer}-{period}-{kind}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_add_up_and_differ_by_at_most_one() {
        let parts: Vec<u64> = (0..4).map(|k| part(10, 4, k)).collect();
        assert_eq!(parts, vec![3, 3, 2, 2]);
        assert_eq!(part(5, 0, 0), 0);
    }

    #[test]
    fn money_splits_to_the_cent_with_the_remainder_first() {
        let split = Split::new(Money(Decimal::new(1001, 2)), 3);
        let lines: Vec<String> = (0..3).map(|k| split.line(k).to_string()).collect();
        assert_eq!(lines, vec!["3.34", "3.34", "3.33"]);
        let whole = Split::new(Money(Decimal::from(7)), 2);
        assert_eq!(whole.line(0).to_string(), "3.50");
        let negative = Split::new(Money(Decimal::new(-5, 2)), 2);
        assert_eq!(negative.line(0) + negative.line(1), Decimal::new(-5, 2));
    }

    #[test]
    fn picks_are_exact_and_spread() {
        let picked: Vec<u64> = (0..10).filter(|&k| pick(k, 3, 10)).collect();
        assert_eq!(picked, vec![3, 6, 9]);
        assert_eq!((0..7).filter(|&k| pick(k, 7, 7)).count(), 7);
        assert_eq!((0..7).filter(|&k| pick(k, 0, 7)).count(), 0);
    }

    #[test]
    fn spreads_stay_inside_the_month() {
        let feb = PeriodId::month(2026, 2).unwrap();
        assert_eq!(days_in(feb), 28);
        let first = spread(feb, 0, 28);
        let last = spread(feb, 27, 28);
        assert_eq!(first.to_string(), "2026-02-01 12:00:00");
        assert_eq!(last.to_string(), "2026-02-28 12:00:00");
        assert_eq!(spread_day(feb, 27, 28).to_string(), "2026-02-28");
    }
}
