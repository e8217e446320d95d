//! The checks of one row, whatever its file format: each field parsed as its column's kind, codes
//! and references checked, rules across fields, and duplicate ids.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, DefaultHasher, Hash, Hasher};

use chrono::NaiveDate;
use ebr::model::PeriodId;

use super::codes::{allowed, referenced_table};
use super::stage::Stage;
use super::values::{Value, parse, quoted};
use super::{CheckError, FileChecked, FileCounts, MAX_LISTED, Place, Rejection};
use crate::tables::{Column, Found, TABLES, Table};

/// A row's key as two independent 64-bit hashes: a false duplicate needs both to collide
/// (among 50 million keys, about one chance in 10^23).
type KeyHash = (u64, u64);

/// FNV-1a: cheap, and unrelated to SipHash, which gives the key's other half.
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The keys are hashes already: the set uses them as they are.
#[derive(Default)]
struct AsIs(u64);

impl Hasher for AsIs {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = self.0.rotate_left(29) ^ n;
    }
}

/// The fields of one row, whatever the file format.
pub(crate) trait Fields {
    /// How many fields the row has.
    fn count(&self) -> usize;
    /// Field `i` of a text column as read; an empty string for a missing value.
    fn text(&self, i: usize) -> &str;
    /// Field `i` checked as `column`; a source holding typed values reads them directly.
    fn value(&self, i: usize, column: &Column) -> Result<Value, String> {
        parse(column, self.text(i))
    }
    /// Field `i` as a message shows it, whatever its column's kind.
    fn shown(&self, i: usize) -> String {
        self.text(i).to_owned()
    }
}

impl Fields for csv::StringRecord {
    fn count(&self) -> usize {
        self.len()
    }
    fn text(&self, i: usize) -> &str {
        &self[i]
    }
}

/// Whether other files point into `table`: its ids are gathered for their checks.
pub(super) fn is_reference(table: &Table) -> bool {
    table.when.is_none()
        && TABLES.iter().any(|t| {
            t.columns
                .iter()
                .any(|c| referenced_table(t.name, c.name) == Some(table.name))
        })
}

/// The checks of one file, row by row: parsing, codes, references, cross-field rules and
/// duplicate ids, with the counts and rejections they give; accepted rows go to the stage.
pub(crate) struct RowChecks<'a> {
    file: &'a Found,
    /// The periods built, as first and last day.
    periods: Vec<(NaiveDate, NaiveDate)>,
    names: Vec<&'static str>,
    key_columns: Vec<usize>,
    when: Option<usize>,
    refs: Vec<(usize, &'a HashSet<String>)>,
    codes: Vec<(usize, &'static [&'static str])>,
    rules: Rules,
    seen: HashSet<KeyHash, BuildHasherDefault<AsIs>>,
    values: Vec<Value>,
    stage: Stage,
    counts: FileCounts,
    rejections: Vec<Rejection>,
    reference_ids: Option<HashSet<String>>,
}

impl<'a> RowChecks<'a> {
    /// The checks of `file`, its accepted rows staged in `stage`; `ids` holds the accepted ids
    /// of the reference tables checked before it.
    pub(super) fn new(
        file: &'a Found,
        periods: &'a [PeriodId],
        ids: &'a HashMap<&'static str, HashSet<String>>,
        stage: Stage,
    ) -> Self {
        let table = file.table;
        let names: Vec<&'static str> = table.columns.iter().map(|c| c.name).collect();
        RowChecks {
            file,
            periods: periods.iter().map(|p| (p.start(), p.end())).collect(),
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
            codes: table
                .columns
                .iter()
                .enumerate()
                .filter_map(|(i, c)| Some((i, allowed(table.name, c.name)?)))
                .collect(),
            rules: Rules::of(table),
            seen: HashSet::default(),
            values: vec![Value::Empty; names.len()],
            names,
            stage,
            counts: FileCounts::default(),
            rejections: Vec::new(),
            reference_ids: is_reference(table).then(HashSet::new),
        }
    }

    /// Makes room for the ids of about `rows` rows at once: growing the set of millions of
    /// ids step by step costs more than checking them.
    pub(crate) fn expect_rows(&mut self, rows: usize) {
        if !self.key_columns.is_empty() {
            self.seen.reserve(rows);
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

    /// Checks one row found at `place`, staging it if it is accepted.
    pub(crate) fn row(&mut self, place: Place, record: &impl Fields) -> Result<(), CheckError> {
        self.counts.read += 1;
        if let Err(rejection) = self.problem(place, record) {
            self.counts.rejected += 1;
            if self.rejections.len() < MAX_LISTED {
                self.rejections.push(rejection);
            }
            return Ok(());
        }
        if let Some(ids) = self.reference_ids.as_mut() {
            ids.insert(record.text(0).to_owned());
        }
        let dated = self.when.map(|i| match self.values[i] {
            Value::Date(d) => Some(d),
            Value::Stamp(t) => Some(t.date()),
            _ => None,
        });
        match dated {
            Some(Some(day))
                if !self
                    .periods
                    .iter()
                    .any(|(first, last)| (first..=last).contains(&&day)) =>
            {
                self.counts.outside += 1
            }
            _ => self.counts.used += 1,
        }
        let stage = &mut self.stage;
        stage
            .push(&self.values, |i| record.text(i))
            .map_err(|message| CheckError::File {
                file: self.file.path.clone(),
                message: format!("staging the accepted rows: {message}"),
            })
    }

    /// The checks done: what they found, and where the accepted rows are staged.
    pub(super) fn finish(self) -> Result<FileChecked, CheckError> {
        let staged = self.stage.finish().map_err(|message| CheckError::File {
            file: self.file.path.clone(),
            message: format!("staging the accepted rows: {message}"),
        })?;
        Ok(FileChecked {
            counts: self.counts,
            rejections: self.rejections,
            reference_ids: self.reference_ids,
            staged,
        })
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
            self.values[i] = record
                .value(i, column)
                .map_err(|reason| reject(column.name, reason))?;
        }
        for &(i, codes) in &self.codes {
            let text = record.text(i);
            if !text.is_empty() && !codes.contains(&text) {
                return Err(reject(
                    table.columns[i].name,
                    format!(
                        "found {}, expected one of {}",
                        quoted(text),
                        codes.join(", ")
                    ),
                ));
            }
        }
        for &(i, known) in &self.refs {
            let value = record.text(i);
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
        self.rules
            .check(record, &self.values)
            .map_err(|(column, reason)| reject(column, reason))?;
        if !self.key_columns.is_empty() && !self.seen.insert(self.key_hash(record)) {
            return Err(reject(
                table.key[0],
                format!(
                    "duplicate id {}",
                    quoted(
                        &self
                            .key_columns
                            .iter()
                            .map(|&i| record.shown(i))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                ),
            ));
        }
        Ok(())
    }

    /// The row's key: text columns by their text, others by their checked value, so that a
    /// key is the same whether it was read from text or from a typed file.
    fn key_hash(&self, record: &impl Fields) -> KeyHash {
        let mut sip = DefaultHasher::new();
        let mut fnv = Fnv(0xcbf2_9ce4_8422_2325);
        for &i in &self.key_columns {
            match self.values[i] {
                Value::Text => {
                    let text = record.text(i).as_bytes();
                    sip.write(text);
                    fnv.write(text);
                    sip.write_u8(0xff);
                    fnv.write_u8(0xff);
                }
                value => {
                    value.hash(&mut sip);
                    value.hash(&mut fnv);
                }
            }
        }
        (sip.finish(), fnv.finish())
    }
}

/// Rules across the fields of one row, with the columns they read found once per file.
enum Rules {
    None,
    /// A score from 0 to 100.
    Score {
        score: usize,
    },
    /// A lead is answered after it is created.
    Answered {
        created: usize,
        answered: usize,
    },
    /// A won opportunity says when its lead was created, not after the win.
    Won {
        event: usize,
        occurred: usize,
        lead: usize,
    },
    /// Stages and steps count from 1.
    FromOne {
        column: usize,
        name: &'static str,
    },
}

impl Rules {
    fn of(table: &Table) -> Rules {
        let at = |name: &str| table.columns.iter().position(|c| c.name == name);
        let found = match table.name {
            "csat_responses" => at("score").map(|score| Rules::Score { score }),
            "crm_leads" => at("created_at")
                .zip(at("first_response_at"))
                .map(|(created, answered)| Rules::Answered { created, answered }),
            "crm_opportunity_history" => at("event")
                .zip(at("occurred_at"))
                .zip(at("lead_created_on"))
                .map(|((event, occurred), lead)| Rules::Won {
                    event,
                    occurred,
                    lead,
                }),
            "journey_stages" | "journey_enrollments" | "touchpoints" => table
                .columns
                .iter()
                .position(|c| matches!(c.name, "position" | "furthest_stage" | "step"))
                .map(|column| Rules::FromOne {
                    column,
                    name: table.columns[column].name,
                }),
            _ => None,
        };
        found.unwrap_or(Rules::None)
    }

    fn check(&self, record: &impl Fields, values: &[Value]) -> Result<(), (&'static str, String)> {
        match *self {
            Rules::None => {}
            Rules::Score { score } => {
                if let Value::Count(score) = values[score]
                    && score > 100
                {
                    return Err(("score", format!("found {score}, expected 0 to 100")));
                }
            }
            Rules::Answered { created, answered } => {
                if let (Value::Stamp(created), Value::Stamp(answered)) =
                    (values[created], values[answered])
                    && answered < created
                {
                    return Err((
                        "first_response_at",
                        format!("{answered} is before the lead was created ({created})"),
                    ));
                }
            }
            Rules::Won {
                event,
                occurred,
                lead,
            } => {
                if record.text(event) == "won" {
                    match (values[occurred], values[lead]) {
                        (_, Value::Empty) => {
                            return Err((
                                "lead_created_on",
                                "empty, a won opportunity needs it".to_owned(),
                            ));
                        }
                        (Value::Stamp(t), Value::Date(d)) if d > t.date() => {
                            return Err((
                                "lead_created_on",
                                format!("{d} is after the opportunity was won ({t})"),
                            ));
                        }
                        _ => {}
                    }
                }
            }
            Rules::FromOne { column, name } => {
                if values[column] == Value::Count(0) {
                    return Err((name, "found 0, expected 1 or more".to_owned()));
                }
            }
        }
        Ok(())
    }
}
