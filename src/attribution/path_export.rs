//! Reading the common path-export layout into a [`PathSet`].
//!
//! ```text
//! path;total_conversions;total_conversion_value;total_null
//! Search > Display > Dealer site;12;3600.00;40
//! ```
//!
//! Paths are channel names separated by `>`; spaces around names are ignored. Every invalid row
//! is reported with its line number and the reason, and a file with any invalid row is refused
//! as a whole: a credit table built from the rows that happened to parse would not add up to the
//! export it claims to describe.

use std::io::Read;
use std::str::FromStr;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::paths::{PathSet, PathSetBuilder};

/// The header the layout starts with.
pub const HEADER: [&str; 4] = [
    "path",
    "total_conversions",
    "total_conversion_value",
    "total_null",
];

/// One invalid row.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct RowError {
    /// 1-based line where the row starts.
    pub line: u64,
    /// What is wrong, quoting the bad value.
    pub reason: String,
}

/// Why a path export cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be read at all.
    #[error("cannot read the path export: {0}")]
    Io(#[from] std::io::Error),
    /// Some rows are invalid; all of them are listed, in line order.
    #[error("{} invalid row(s), the first at {}", .0.len(), .0.first().map_or(0, |e| e.line))]
    Invalid(Vec<RowError>),
}

/// Reads a path export. Identical paths on several rows are merged (their counts added).
pub fn read_path_export(input: impl Read) -> Result<PathSet, ReadError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(input);
    let mut builder = PathSetBuilder::new();
    let mut sums = Sums::default();
    let mut errors = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut seen_header = false;
    loop {
        let line_hint = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(err) => {
                let line = err.position().map_or(line_hint, |p| p.line());
                match err.into_kind() {
                    csv::ErrorKind::Io(io) => return Err(ReadError::Io(io)),
                    kind => errors.push(RowError {
                        line,
                        reason: describe(&kind),
                    }),
                }
                seen_header = true;
                continue;
            }
        }
        let line = record.position().map_or(line_hint, |p| p.line());
        if !seen_header {
            seen_header = true;
            if let Err(reason) = check_header(&record) {
                errors.push(RowError { line, reason });
            }
            continue;
        }
        if let Err(reason) = add_row(&mut builder, &mut sums, &record, line) {
            errors.push(RowError { line, reason });
        }
    }
    if !seen_header {
        errors.push(RowError {
            line: 1,
            reason: format!("empty file: expected the header `{}`", HEADER.join(";")),
        });
    }
    if !errors.is_empty() {
        return Err(ReadError::Invalid(errors));
    }
    builder.finish().map_err(|problem| {
        ReadError::Invalid(vec![RowError {
            line: 0,
            reason: problem.to_string(),
        }])
    })
}

fn describe(kind: &csv::ErrorKind) -> String {
    match kind {
        csv::ErrorKind::Utf8 { .. } => "the row is not valid UTF-8".to_owned(),
        other => format!("{other:?}"),
    }
}

fn check_header(record: &csv::StringRecord) -> Result<(), String> {
    let found: Vec<String> = record
        .iter()
        .enumerate()
        // A spreadsheet's UTF-8 byte order mark sticks to the first name.
        .map(|(i, f)| {
            if i == 0 {
                f.trim_start_matches('\u{feff}')
            } else {
                f
            }
        })
        .map(|f| f.trim().to_ascii_lowercase())
        .collect();
    if found.iter().map(String::as_str).eq(HEADER) {
        Ok(())
    } else {
        Err(format!(
            "expected the header `{}`, found `{}`",
            HEADER.join(";"),
            record.iter().collect::<Vec<_>>().join(";")
        ))
    }
}

/// The columns added up over the rows accepted so far. The set's totals and every merge of
/// identical paths are sums of some of these rows, so a file whose running sums fit cannot
/// overflow later; one that does not is refused at the row that passes the limit.
#[derive(Default)]
struct Sums {
    conversions: u64,
    value: Decimal,
    nulls: u64,
}

impl Sums {
    /// The sums with one more row, or the column that passes its type's limit.
    fn with(&self, conversions: u64, value: Decimal, nulls: u64) -> Result<Sums, String> {
        let beyond = |column: &str, limit: &dyn std::fmt::Display| {
            format!("{column}: the rows up to here add up to more than {limit}")
        };
        Ok(Sums {
            conversions: self
                .conversions
                .checked_add(conversions)
                .ok_or_else(|| beyond(HEADER[1], &u64::MAX))?,
            value: self
                .value
                .checked_add(value)
                .ok_or_else(|| beyond(HEADER[2], &Decimal::MAX))?,
            nulls: self
                .nulls
                .checked_add(nulls)
                .ok_or_else(|| beyond(HEADER[3], &u64::MAX))?,
        })
    }
}

fn add_row(
    builder: &mut PathSetBuilder,
    sums: &mut Sums,
    record: &csv::StringRecord,
    line: u64,
) -> Result<(), String> {
    if record.len() != HEADER.len() {
        return Err(format!(
            "expected {} columns separated by `;`, found {}",
            HEADER.len(),
            record.len()
        ));
    }
    let path = &record[0];
    if path.trim().is_empty() {
        return Err("empty path".to_owned());
    }
    // Fields are trimmed here rather than by the reader, which would copy every record.
    let conversions = whole(HEADER[1], record[1].trim())?;
    let value = amount(HEADER[2], record[2].trim())?;
    let nulls = whole(HEADER[3], record[3].trim())?;
    let origin = usize::try_from(line).unwrap_or(usize::MAX);
    let summed = sums.with(conversions, value, nulls)?;
    builder
        .push(
            path.split('>').map(|c| (c, None)),
            conversions,
            value,
            nulls,
            origin,
        )
        .map_err(|problem| problem.to_string())?;
    *sums = summed;
    Ok(())
}

fn amount(column: &str, text: &str) -> Result<Decimal, String> {
    let value = Decimal::from_str_exact(text)
        .or_else(|_| Decimal::from_str(text))
        .map_err(|_| format!("{column} `{text}` is not a number"))?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(format!("{column} {text} is negative"));
    }
    Ok(value)
}

fn whole(column: &str, text: &str) -> Result<u64, String> {
    let value = amount(column, text)?;
    if !value.fract().is_zero() {
        return Err(format!("{column} {text} is not a whole number"));
    }
    value
        .to_u64()
        .ok_or_else(|| format!("{column} {text} is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        match read_path_export(text.as_bytes()) {
            Err(ReadError::Invalid(rows)) => rows.iter().map(ToString::to_string).collect(),
            other => panic!("expected invalid rows, got {other:?}"),
        }
    }

    #[test]
    fn reads_rows_trimming_names() {
        let set = read_path_export(
            "path;total_conversions;total_conversion_value;total_null\n\
             Search > Display ;2;100.50;3\n\
             Display;0;0;4\n"
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(set.channels(), ["Display", "Search"]);
        let totals = set.totals();
        assert_eq!((totals.paths, totals.conversions, totals.nulls), (2, 2, 7));
        assert_eq!(totals.value, Decimal::new(10050, 2));
    }

    #[test]
    fn reports_every_bad_row_with_its_line() {
        let found = errors(
            "path;total_conversions;total_conversion_value;total_null\n\
             ;1;1;0\n\
             A;x;1;0\n\
             A;1;-2;0\n\
             A;1;2\n\
             A>>B;1;2;0\n\
             A;1.5;2;0\n\
             A;0;2;0\n\
             A;1;2;0\n",
        );
        assert_eq!(
            found,
            [
                "line 2: empty path",
                "line 3: total_conversions `x` is not a number",
                "line 4: total_conversion_value -2 is negative",
                "line 5: expected 4 columns separated by `;`, found 3",
                "line 6: touch 2 has an empty channel name",
                "line 7: total_conversions 1.5 is not a whole number",
                "line 8: conversion value 2 without any conversion",
            ]
        );
    }

    #[test]
    fn a_sum_beyond_its_type_is_reported_at_the_row_that_passes_it() {
        let max = u64::MAX;
        let found = errors(&format!(
            "path;total_conversions;total_conversion_value;total_null\n\
             A > B;1;100;{max}\n\
             B;1;50;0\n\
             A > C;0;0;1\n\
             C;{max};1;0\n\
             D;1;79228162514264337593543950335;0\n"
        ));
        assert_eq!(
            found,
            [
                format!("line 4: total_null: the rows up to here add up to more than {max}"),
                format!("line 5: total_conversions: the rows up to here add up to more than {max}"),
                "line 6: total_conversion_value: the rows up to here add up to more than \
                 79228162514264337593543950335"
                    .to_owned(),
            ]
        );
    }

    #[test]
    fn refuses_a_wrong_header_and_an_empty_file() {
        assert_eq!(
            errors("path,conversions\nA;1;1;0\n"),
            [
                "line 1: expected the header `path;total_conversions;total_conversion_value;total_null`, found `path,conversions`"
            ]
        );
        assert_eq!(
            errors(""),
            [
                "line 1: empty file: expected the header `path;total_conversions;total_conversion_value;total_null`"
            ]
        );
    }
}
