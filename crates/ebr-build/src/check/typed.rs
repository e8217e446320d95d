//! Columns that already hold the catalogue's types (a warehouse's Parquet): a value read from
//! them, and which rows of a batch certainly pass every check of one row, found column by
//! column. Only those rows skip the checks of one row at a time
//! ([`super::rows::RowChecks::check`]), which still decide, and explain, every other row: this
//! module may be cautious, never lenient.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use datafusion::arrow::array::{Array, ArrayRef, ArrowPrimitiveType, AsArray, Int64Array};
use datafusion::arrow::datatypes::{Date32Type, Decimal128Type, Int64Type, TimestampSecondType};

use super::keys::{KeyHash, hash_key, hash_text_key};
use super::rules::{Rules, SECONDS_PER_DAY};
use super::text::TextColumn;
use super::values::Value;
use crate::tables::{Column, Kind, Table};

/// Amounts must stay below 10^16 whole units: 10^20 units of 10^-4.
const MONEY_UNITS_LIMIT: i128 = 10_i128.pow(20);

/// The value at `row` of a column of the catalogue's type, if it is within the column's range.
pub(super) fn value_at(array: &ArrayRef, row: usize, column: &Column) -> Option<Value> {
    if array.is_null(row) {
        return column.optional.then_some(Value::Empty);
    }
    match column.kind {
        Kind::Text => None,
        Kind::Count => {
            let n = array.as_primitive::<Int64Type>().value(row);
            (n >= 0).then_some(Value::Count(n))
        }
        Kind::Money => {
            let units = array.as_primitive::<Decimal128Type>().value(row);
            (0..MONEY_UNITS_LIMIT)
                .contains(&units)
                .then_some(Value::Money(units))
        }
        Kind::Timestamp => {
            let seconds = array.as_primitive::<TimestampSecondType>().value(row);
            chrono::DateTime::from_timestamp(seconds, 0).map(|t| Value::Stamp(t.naive_utc()))
        }
        Kind::Date => {
            let days = array.as_primitive::<Date32Type>().value(row);
            NaiveDate::default()
                .checked_add_signed(TimeDelta::days(i64::from(days)))
                .map(Value::Date)
        }
        Kind::Flag => Some(Value::Flag(array.as_boolean().value(row))),
    }
}

/// A key column of a batch, read as [`super::keys::hash_key`] reads it.
enum KeyColumn<'a> {
    Text(TextColumn<'a>),
    Count(&'a Int64Array),
    Other(&'a ArrayRef, &'a Column),
}

impl KeyColumn<'_> {
    /// This column's part of the key of a row whose value is valid.
    fn part(&self, row: usize) -> (Value, &str) {
        match self {
            KeyColumn::Text(text) => match text.value(row) {
                Some(value) if !value.is_empty() => (Value::Text, value),
                _ => (Value::Empty, ""),
            },
            KeyColumn::Count(counts) if counts.is_valid(row) && counts.value(row) >= 0 => {
                (Value::Count(counts.value(row)), "")
            }
            KeyColumn::Count(_) => (Value::Empty, ""),
            KeyColumn::Other(array, column) => {
                (value_at(array, row, column).unwrap_or(Value::Empty), "")
            }
        }
    }
}

/// The key hash of every row of a batch (see [`super::keys::hash_key`]); a row whose key
/// values are not valid gets a hash all the same, which its checks never use.
pub(super) fn key_hashes(
    columns: &[ArrayRef],
    key: &[usize],
    catalogue: &[Column],
) -> Vec<KeyHash> {
    let rows = columns.first().map_or(0, |c| c.len());
    // Each key column is read as text, or as counts, once, not downcast again for every row.
    let key_columns: Vec<KeyColumn> = key
        .iter()
        .map(|&i| match TextColumn::of(&columns[i]) {
            Some(text) => KeyColumn::Text(text),
            None => match columns[i].as_primitive_opt::<Int64Type>() {
                Some(counts) if catalogue[i].kind == Kind::Count => KeyColumn::Count(counts),
                _ => KeyColumn::Other(&columns[i], &catalogue[i]),
            },
        })
        .collect();
    if let [KeyColumn::Text(text)] = &key_columns[..] {
        return (0..rows)
            .map(|row| match text.value(row) {
                Some(value) if !value.is_empty() => hash_text_key(value.as_bytes()),
                _ => hash_key(std::iter::once((Value::Empty, ""))),
            })
            .collect();
    }
    (0..rows)
        .map(|row| hash_key(key_columns.iter().map(|column| column.part(row))))
        .collect()
}

/// The day (since 1970-01-01) of each value of a dating column, `None` where it has none.
pub(super) fn days(array: &ArrayRef, kind: Kind) -> Vec<Option<i64>> {
    match kind {
        Kind::Timestamp => {
            if let Some(stamps) = array.as_primitive_opt::<TimestampSecondType>() {
                return stamps
                    .iter()
                    .map(|s| s.map(|s| s.div_euclid(SECONDS_PER_DAY)))
                    .collect();
            }
        }
        Kind::Date => {
            if let Some(dates) = array.as_primitive_opt::<Date32Type>() {
                return dates.iter().map(|d| d.map(i64::from)).collect();
            }
        }
        _ => {}
    }
    vec![None; array.len()]
}

/// Days since 1970-01-01 (counted from the common era's first day, which chrono keeps: once
/// per row, a subtraction of dates costs several times more).
pub(super) fn days_since_epoch(day: NaiveDate) -> i64 {
    use chrono::Datelike;
    /// Days from 0001-01-01 to 1970-01-01.
    const UNIX_EPOCH_FROM_CE: i64 = 719_163;
    i64::from(day.num_days_from_ce()) - UNIX_EPOCH_FROM_CE
}

/// The seconds since 1970-01-01 that chrono can read as a time.
fn readable_seconds() -> std::ops::RangeInclusive<i64> {
    NaiveDateTime::MIN.and_utc().timestamp()..=NaiveDateTime::MAX.and_utc().timestamp()
}

/// The days since 1970-01-01 that chrono can read as a day.
fn readable_days() -> std::ops::RangeInclusive<i64> {
    days_since_epoch(NaiveDate::MIN)..=days_since_epoch(NaiveDate::MAX)
}

/// What a batch's rows are checked against besides their columns' kinds.
pub(super) struct Checks<'a> {
    pub table: &'a Table,
    /// Coded columns and the codes they may take.
    pub codes: &'a [(usize, &'static [&'static str])],
    /// Columns pointing into a reference table, and its ids.
    pub refs: &'a [(usize, &'a HashSet<String>)],
    pub rules: &'a Rules,
    /// Per column, whether the file's statistics proved every value of it valid (see
    /// [`super::statistics`]): such a column is not read, and may be absent from a batch;
    /// empty when nothing is proven.
    pub proven: &'a [bool],
}

/// Per row of `columns` (typed as `checks.table` says), whether it certainly passes the checks
/// of its values, codes, references and rules. `false` says only that the row must be checked
/// on its own.
pub(super) fn certainly_valid(checks: &Checks, columns: &[ArrayRef]) -> Vec<bool> {
    let rows = columns.first().map_or(0, |c| c.len());
    if columns.len() != checks.table.columns.len() {
        return vec![false; rows];
    }
    let proven = |i: usize| checks.proven.get(i).copied().unwrap_or(false);
    let mut ok = vec![true; rows];
    for (i, (column, array)) in checks.table.columns.iter().zip(columns).enumerate() {
        if !proven(i) {
            in_range(column, array, &mut ok);
        }
    }
    // A missing value (null or empty) is no code and no reference: its column's kind decides.
    for &(i, codes) in checks.codes.iter().filter(|(i, _)| !proven(*i)) {
        let Some(text) = TextColumn::of(&columns[i]) else {
            return vec![false; rows];
        };
        text.retain(&mut ok, true, |value| {
            value.is_empty() || codes.contains(&value)
        });
    }
    for &(i, known) in checks.refs.iter().filter(|(i, _)| !proven(*i)) {
        let Some(text) = TextColumn::of(&columns[i]) else {
            return vec![false; rows];
        };
        // Exports come grouped by dealer, journey or tool: a value like the last one found is
        // known without another lookup.
        let mut last_known = String::new();
        text.retain(&mut ok, true, |value| {
            if value.is_empty() || value == last_known {
                return true;
            }
            let found = known.contains(value);
            if found {
                value.clone_into(&mut last_known);
            }
            found
        });
    }
    if !checks.rules.all_read_in(checks.proven) {
        checks.rules.certainly_kept(columns, &mut ok);
    }
    ok
}

/// Clears `ok` for each row whose value `column` refuses, as [`value_at`] (or, for text,
/// [`super::values::parse`]) would.
pub(super) fn in_range(column: &Column, array: &ArrayRef, ok: &mut [bool]) {
    let optional = column.optional;
    match column.kind {
        // An empty text is a missing value, as in a CSV: any text, or none, is a valid
        // optional value, and a required one is valid when it is not empty.
        Kind::Text => match TextColumn::of(array) {
            Some(_) if optional => {}
            Some(text) => text.retain_non_empty(ok),
            None => ok.fill(false),
        },
        Kind::Count => each_value::<Int64Type>(array, optional, ok, |n| n >= 0),
        Kind::Money => each_value::<Decimal128Type>(array, optional, ok, |units| {
            (0..MONEY_UNITS_LIMIT).contains(&units)
        }),
        Kind::Timestamp => {
            let readable = readable_seconds();
            each_value::<TimestampSecondType>(array, optional, ok, |s| readable.contains(&s));
        }
        Kind::Date => {
            let readable = readable_days();
            each_value::<Date32Type>(array, optional, ok, |d| readable.contains(&i64::from(d)));
        }
        Kind::Flag => match array.as_boolean_opt() {
            Some(flags) if !optional => {
                for (row, ok) in ok.iter_mut().enumerate() {
                    *ok &= flags.is_valid(row);
                }
            }
            Some(_) => {}
            None => ok.fill(false),
        },
    }
}

/// Clears `ok` for each row whose value `valid` refuses, or that is missing from a required
/// column.
fn each_value<T: ArrowPrimitiveType>(
    array: &ArrayRef,
    optional: bool,
    ok: &mut [bool],
    valid: impl Fn(T::Native) -> bool,
) {
    let Some(values) = array.as_primitive_opt::<T>() else {
        ok.fill(false);
        return;
    };
    match values.nulls() {
        None => {
            for (ok, &value) in ok.iter_mut().zip(values.values()) {
                *ok &= valid(value);
            }
        }
        Some(nulls) => {
            for ((ok, &value), present) in ok.iter_mut().zip(values.values()).zip(nulls) {
                *ok &= if present { valid(value) } else { optional };
            }
        }
    }
}
