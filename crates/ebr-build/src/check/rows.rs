//! The checks of one row, whatever its file format: each field parsed as its column's kind, codes
//! and references checked, rules across fields, and duplicate ids.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

use chrono::{NaiveDate, NaiveDateTime};
use ebr::model::PeriodId;
use rust_decimal::Decimal;

use super::codes::{allowed, referenced_table};
use super::{CheckError, FileCounts, MAX_LISTED, Place, Rejection};
use crate::tables::{Column, Found, Kind, MONEY_SCALE, TABLES, Table};
/// A parsed value, as far as the checks need it.
#[derive(Clone, Copy)]
enum Value {
    Empty,
    Date(NaiveDate),
    Stamp(NaiveDateTime),
    Count(u64),
    Other,
}

fn parse(column: &Column, text: &str) -> Result<Value, String> {
    if text.is_empty() {
        return if column.optional {
            Ok(Value::Empty)
        } else {
            Err("empty, a value is required".to_owned())
        };
    }
    let shown = quoted(text);
    match column.kind {
        Kind::Text => Ok(Value::Other),
        Kind::Count => text
            .parse::<u64>()
            .ok()
            .filter(|n| i64::try_from(*n).is_ok())
            .map(Value::Count)
            .ok_or_else(|| format!("found {shown}, expected a whole number of at least 0")),
        Kind::Money => {
            let decimal: Decimal = text
                .parse()
                .map_err(|_| format!("found {shown}, expected an amount such as 1234.56"))?;
            if decimal.is_sign_negative() {
                Err(format!("found {shown}, expected an amount of at least 0"))
            } else if decimal.scale() > MONEY_SCALE as u32 || text.contains(['e', 'E', '_']) {
                Err(format!(
                    "found {shown}, expected at most {MONEY_SCALE} decimals"
                ))
            } else if decimal.abs() >= Decimal::from(10_i64.pow(16)) {
                Err(format!("found {shown}, expected an amount below 10^16"))
            } else {
                Ok(Value::Other)
            }
        }
        Kind::Timestamp => NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
            .map(Value::Stamp)
            .map_err(|_| format!("found {shown}, expected a UTC time YYYY-MM-DDTHH:MM:SS")),
        Kind::Date => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Value::Date)
            .map_err(|_| format!("found {shown}, expected a date YYYY-MM-DD")),
        Kind::Flag => match text {
            "true" | "false" => Ok(Value::Other),
            _ => Err(format!("found {shown}, expected true or false")),
        },
    }
}

/// A value as a message quotes it: at most 40 characters, control characters escaped.
pub(super) fn quoted(text: &str) -> String {
    let mut shown: String = text.chars().take(40).flat_map(char::escape_debug).collect();
    if text.chars().count() > 40 {
        shown.push('…');
    }
    format!("`{shown}`")
}

fn key_hash(values: impl Iterator<Item = impl Hash>) -> (u64, u64) {
    // Two independent 64-bit hashes: a false duplicate needs both to collide.
    let mut a = DefaultHasher::new();
    let mut b = DefaultHasher::new();
    0x5eed_u64.hash(&mut b);
    for v in values {
        v.hash(&mut a);
        v.hash(&mut b);
    }
    (a.finish(), b.finish())
}

/// The fields of one row as text, whatever the file format.
pub(crate) trait Fields {
    /// How many fields the row has.
    fn count(&self) -> usize;
    /// Field `i` (`0..count()`); an empty string for a missing value.
    fn field(&self, i: usize) -> &str;
}

impl Fields for csv::StringRecord {
    fn count(&self) -> usize {
        self.len()
    }
    fn field(&self, i: usize) -> &str {
        &self[i]
    }
}

/// The checks of one file, row by row: parsing, codes, references, cross-field rules and
/// duplicate ids, with the counts and rejections they give.
pub(crate) struct RowChecks<'a> {
    file: &'a Found,
    periods: &'a [PeriodId],
    names: Vec<&'static str>,
    key_columns: Vec<usize>,
    when: Option<usize>,
    refs: Vec<(usize, &'a HashSet<String>)>,
    seen: HashSet<(u64, u64)>,
    values: Vec<Value>,
    pub(super) counts: FileCounts,
    pub(super) rejections: Vec<Rejection>,
    /// The ids of a reference table's accepted rows, for the files that point into it.
    pub(super) reference_ids: Option<HashSet<String>>,
    /// The rejected rows, by [`Place::key`].
    pub(super) rejected_rows: HashSet<u64>,
}

impl<'a> RowChecks<'a> {
    pub(super) fn new(
        file: &'a Found,
        periods: &'a [PeriodId],
        ids: &'a HashMap<&'static str, HashSet<String>>,
    ) -> Self {
        let table = file.table;
        let names: Vec<&'static str> = table.columns.iter().map(|c| c.name).collect();
        let is_reference = table.when.is_none()
            && TABLES.iter().any(|t| {
                t.columns
                    .iter()
                    .any(|c| referenced_table(t.name, c.name) == Some(table.name))
            });
        RowChecks {
            file,
            periods,
            key_columns: table
                .key
                .iter()
                .filter_map(|k| names.iter().position(|c| c == k))
                .collect(),
            when: table.when.and_then(|w| names.iter().position(|c| *c == w)),
            refs: table
                .columns
                .iter()
                .enumerate()
                .filter_map(|(i, c)| Some((i, ids.get(referenced_table(table.name, c.name)?)?)))
                .collect(),
            seen: HashSet::new(),
            values: vec![Value::Empty; names.len()],
            names,
            counts: FileCounts::default(),
            rejections: Vec::new(),
            reference_ids: is_reference.then(HashSet::new),
            rejected_rows: HashSet::new(),
        }
    }

    /// The column names a file must have, in order.
    pub(crate) fn expected_columns(&self) -> &[&'static str] {
        &self.names
    }

    /// An error about the whole file.
    pub(crate) fn fail(&self, message: String) -> CheckError {
        CheckError::File {
            file: self.file.path.clone(),
            message,
        }
    }

    /// Checks one row found at `place`.
    pub(crate) fn row(&mut self, place: Place, record: &impl Fields) {
        self.counts.read += 1;
        match self.problem(place, record) {
            Err(rejection) => {
                self.counts.rejected += 1;
                self.rejected_rows.insert(place.key());
                if self.rejections.len() < MAX_LISTED {
                    self.rejections.push(rejection);
                }
            }
            Ok(()) => {
                if let Some(ids) = self.reference_ids.as_mut() {
                    ids.insert(record.field(0).to_owned());
                }
                let dated = self.when.map(|i| match self.values[i] {
                    Value::Date(d) => Some(d),
                    Value::Stamp(t) => Some(t.date()),
                    _ => None,
                });
                match dated {
                    Some(Some(day)) if !self.periods.iter().any(|p| p.contains(day)) => {
                        self.counts.outside += 1
                    }
                    _ => self.counts.used += 1,
                }
            }
        }
    }

    fn problem(&mut self, place: Place, record: &impl Fields) -> Result<(), Rejection> {
        let table = self.file.table;
        let reject = |column: &str, reason: String| Rejection {
            file: self.file.path.clone(),
            at: place,
            column: column.to_owned(),
            reason,
        };
        if record.count() != self.names.len() {
            return Err(reject(
                "",
                format!("{} fields, expected {}", record.count(), self.names.len()),
            ));
        }
        for (i, column) in table.columns.iter().enumerate() {
            let text = record.field(i);
            self.values[i] = parse(column, text).map_err(|reason| reject(column.name, reason))?;
            if let Some(codes) = allowed(table.name, column.name)
                && !text.is_empty()
                && !codes.contains(&text)
            {
                return Err(reject(
                    column.name,
                    format!(
                        "found {}, expected one of {}",
                        quoted(text),
                        codes.join(", ")
                    ),
                ));
            }
        }
        for &(i, known) in &self.refs {
            let value = record.field(i);
            if !value.is_empty() && !known.contains(value) {
                return Err(reject(
                    table.columns[i].name,
                    format!(
                        "{} is not in {}",
                        quoted(value),
                        referenced_table(table.name, table.columns[i].name).unwrap_or("")
                    ),
                ));
            }
        }
        row_rules(table, record, &self.values)
            .map_err(|(column, reason)| reject(column, reason))?;
        if !self.key_columns.is_empty()
            && !self
                .seen
                .insert(key_hash(self.key_columns.iter().map(|&i| record.field(i))))
        {
            return Err(reject(
                table.key[0],
                format!(
                    "duplicate id {}",
                    quoted(
                        &self
                            .key_columns
                            .iter()
                            .map(|&i| record.field(i))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                ),
            ));
        }
        Ok(())
    }
}

/// Rules across the fields of one row.
fn row_rules(
    table: &Table,
    record: &impl Fields,
    values: &[Value],
) -> Result<(), (&'static str, String)> {
    let at = |name: &str| table.columns.iter().position(|c| c.name == name);
    match table.name {
        "csat_responses" => {
            if let Some(Value::Count(score)) = at("score").map(|i| values[i])
                && score > 100
            {
                return Err(("score", format!("found {score}, expected 0 to 100")));
            }
        }
        "crm_leads" => {
            if let (Some(Value::Stamp(created)), Some(Value::Stamp(answered))) = (
                at("created_at").map(|i| values[i]),
                at("first_response_at").map(|i| values[i]),
            ) && answered < created
            {
                return Err((
                    "first_response_at",
                    format!("{answered} is before the lead was created ({created})"),
                ));
            }
        }
        "crm_opportunity_history" => {
            let won = at("event").is_some_and(|i| record.field(i) == "won");
            let occurred = at("occurred_at").map(|i| values[i]);
            let lead = at("lead_created_on").map(|i| values[i]);
            match (won, occurred, lead) {
                (true, _, Some(Value::Empty) | None) => {
                    return Err((
                        "lead_created_on",
                        "empty, a won opportunity needs it".to_owned(),
                    ));
                }
                (true, Some(Value::Stamp(t)), Some(Value::Date(d))) if d > t.date() => {
                    return Err((
                        "lead_created_on",
                        format!("{d} is after the opportunity was won ({t})"),
                    ));
                }
                _ => {}
            }
        }
        "journey_stages" | "journey_enrollments" | "touchpoints" => {
            let column = match table.name {
                "journey_stages" => "position",
                "journey_enrollments" => "furthest_stage",
                _ => "step",
            };
            if let Some(Value::Count(0)) = at(column).map(|i| values[i]) {
                return Err((
                    column_name(table, column),
                    "found 0, expected 1 or more".to_owned(),
                ));
            }
        }
        _ => {}
    }
    Ok(())
}

fn column_name(table: &Table, name: &str) -> &'static str {
    table
        .columns
        .iter()
        .find(|c| c.name == name)
        .map_or("", |c| c.name)
}
