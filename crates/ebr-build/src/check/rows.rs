//! The checks of one row, whatever its file format: each field parsed as its column's kind, codes
//! and references checked, rules across fields, and duplicate ids.

use std::collections::{HashMap, HashSet};

use datafusion::arrow::array::ArrayRef;
use ebr::model::PeriodId;

use super::codes::{allowed, referenced_table};
use super::keys::{KeyHash, KeyHashes, Repeats, hash_key, key};
use super::rules::Rules;
use super::stage::Stage;
use super::statistics::{Asked, Proof};
use super::typed::{self, days_since_epoch};
use super::values::{Value, parse, quoted};
use super::{CheckError, FileChecked, FileCounts, MAX_LISTED, OnRows, Place, Rejection};
use crate::tables::{Column, Found, TABLES, Table};

/// Rows checked between two reports of progress.
const ROWS_TOLD: u64 = 1 << 16;

/// How the checks of a file ended.
pub(super) enum Finished {
    /// Checked and staged.
    Checked(FileChecked),
    /// These key hashes repeat: check the file again, comparing the keys of the rows with them.
    Repeated(HashSet<KeyHash>),
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
pub(crate) fn is_reference(table: &Table) -> bool {
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
    /// The periods built, as first and last day since 1970-01-01.
    periods: Vec<(i64, i64)>,
    names: Vec<&'static str>,
    key_columns: Vec<usize>,
    when: Option<usize>,
    refs: Vec<(usize, &'a HashSet<String>)>,
    /// Per reference column, the last value found in its table.
    last_known: Vec<String>,
    codes: Vec<(usize, &'static [&'static str])>,
    rules: Rules,
    /// What the file's statistics proved, when the checks rely on it: the proven columns are
    /// not read.
    proof: Option<Proof>,
    /// Every accepted row's key hash, sorted when the file ends to find the repeated ones:
    /// sorting costs far less than a set of millions of random lookups.
    keys: KeyHashes,
    /// When the file is checked again, the repeated key hashes and the keys seen so far.
    repeats: Repeats,
    on_rows: OnRows<'a>,
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
        repeated: HashSet<KeyHash>,
        on_rows: OnRows<'a>,
    ) -> Self {
        let table = file.table;
        let names: Vec<&'static str> = table.columns.iter().map(|c| c.name).collect();
        let refs: Vec<(usize, &HashSet<String>)> = table
            .columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| Some((i, ids.get(referenced_table(table.name, c.name)?)?)))
            .collect();
        RowChecks {
            file,
            periods: periods
                .iter()
                .map(|p| (days_since_epoch(p.start()), days_since_epoch(p.end())))
                .collect(),
            key_columns: table
                .key
                .iter()
                .filter_map(|k| names.iter().position(|c| c == k))
                .collect(),
            when: table.when.and_then(|w| names.iter().position(|c| *c == w)),
            last_known: vec![String::new(); refs.len()],
            refs,
            codes: table
                .columns
                .iter()
                .enumerate()
                .filter_map(|(i, c)| Some((i, allowed(table.name, c.name)?)))
                .collect(),
            rules: Rules::of(table),
            proof: None,
            keys: KeyHashes::default(),
            repeats: Repeats::of(repeated),
            on_rows,
            values: vec![Value::Empty; names.len()],
            names,
            stage,
            counts: FileCounts::default(),
            rejections: Vec::new(),
            reference_ids: is_reference(table).then(HashSet::new),
        }
    }

    /// Makes room for the keys of about `rows` rows at once.
    pub(crate) fn expect_rows(&mut self, rows: usize) {
        if self.keeps_keys() {
            self.keys.reserve(rows);
        }
    }

    /// What these checks ask of the file's columns, for its statistics to prove; `None` when
    /// every row must be read whole: a reference table's (its ids are gathered row by row), a
    /// second reading's, or one whose accepted rows are written again.
    pub(crate) fn asked(&self) -> Option<Asked<'_>> {
        (self.reference_ids.is_none() && !self.repeats.is_looking() && !self.writes_stage()).then(
            || Asked {
                table: self.file.table,
                key_columns: &self.key_columns,
                when: self.when,
                periods: &self.periods,
                codes: &self.codes,
                refs: &self.refs,
                rules: &self.rules,
            },
        )
    }

    /// Relies on `proof` for the rest of the file: its proven columns are not read (they are
    /// absent from the batches given to [`RowChecks::check_typed`]).
    pub(crate) fn rely_on(&mut self, proof: Proof) {
        self.proof = Some(proof);
    }

    /// The key's column, if the key is one text column.
    pub(crate) fn single_text_key(&self) -> Option<usize> {
        match self.key_columns[..] {
            [only] if self.file.table.columns[only].kind == crate::tables::Kind::Text => Some(only),
            _ => None,
        }
    }

    /// Accepts rows that the file's statistics proved valid and dated inside the periods, of
    /// these key hashes, one per row.
    pub(crate) fn accept_proven(&mut self, hashes: &[KeyHash]) {
        for &hash in hashes {
            self.push_key(hash);
        }
        self.count_read_many(hashes.len() as u64);
        self.counts.used += hashes.len() as u64;
    }

    /// The index of the column that dates a row, if the table has one.
    pub(crate) fn dating_column(&self) -> Option<usize> {
        self.when
    }

    /// Gives up this reading of a file of `rows` rows (it is read again, whole), telling of
    /// the rows not yet told, so that progress counts each row once.
    pub(crate) fn abandon(&mut self, rows: u64) {
        let told = self.counts.read - self.counts.read % ROWS_TOLD;
        self.tell(rows.saturating_sub(told));
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
        if !self.check(place, record)? {
            return Ok(());
        }
        let stage = &mut self.stage;
        stage
            .push(&self.values, |i| record.text(i))
            .map_err(|message| CheckError::File {
                file: self.file.path.clone(),
                message: format!("staging the accepted rows: {message}"),
            })
    }

    /// Checks one row found at `place`, counting it; whether it is accepted. The caller stages
    /// the accepted rows itself (see [`RowChecks::stage_batch`]).
    pub(crate) fn check(&mut self, place: Place, record: &impl Fields) -> Result<bool, CheckError> {
        self.count_read();
        if let Err(rejection) = self.problem(place, record) {
            self.counts.rejected += 1;
            if self.rejections.len() < MAX_LISTED {
                self.rejections.push(rejection);
            }
            return Ok(false);
        }
        if self.keeps_keys() {
            self.push_key(self.key_hash(record));
        }
        if let Some(ids) = self.reference_ids.as_mut() {
            ids.insert(record.text(0).to_owned());
        }
        let day = self.when.and_then(|i| match self.values[i] {
            Value::Date(d) => Some(days_since_epoch(d)),
            Value::Stamp(t) => Some(days_since_epoch(t.date())),
            _ => None,
        });
        self.count_dated(day);
        Ok(true)
    }

    /// Checks a batch whose columns hold the catalogue's types, giving which rows are accepted:
    /// the rows that certainly pass every check are found column by column, and only the
    /// others are checked one at a time, as `row` gives them, found at `place` (of their index
    /// in the file). Counts, keys and rejections are those of [`RowChecks::check`] row by row.
    ///
    /// `None` when the checks rely on a proof (see [`RowChecks::rely_on`]) and a row might
    /// fail: its columns not read are needed to check it, and the file is read again whole.
    pub(crate) fn check_typed<F: Fields>(
        &mut self,
        columns: &[ArrayRef],
        mut place: impl FnMut(u64) -> Place,
        row: impl Fn(usize) -> F,
    ) -> Result<Option<Vec<bool>>, CheckError> {
        let table = self.file.table;
        let rows = columns.first().map_or(0, |c| c.len());
        // A reference table's ids and a second reading's duplicates are found row by row.
        let mut accepted = if self.reference_ids.is_none() && !self.repeats.is_looking() {
            let checks = typed::Checks {
                table,
                codes: &self.codes,
                refs: &self.refs,
                rules: &self.rules,
                proven: self.proof.as_ref().map_or(&[], |proof| &proof.valid),
            };
            typed::certainly_valid(&checks, columns)
        } else {
            vec![false; rows]
        };
        if self.proof.is_some() && accepted.contains(&false) {
            return Ok(None);
        }
        // The key columns and the dating column are read once for the whole batch, then the
        // runs of certainly valid rows are counted together; each row between two runs is
        // checked on its own, at its place in the file.
        let hashes = if self.keeps_keys() {
            typed::key_hashes(columns, &self.key_columns, table.columns)
        } else {
            Vec::new()
        };
        let dated_inside = self.proof.as_ref().is_some_and(|proof| proof.dated_inside);
        let days = self
            .when
            .filter(|_| !dated_inside)
            .map(|i| typed::days(&columns[i], table.columns[i].kind));
        let mut at = 0;
        while at < rows {
            let end = accepted[at..]
                .iter()
                .position(|certain| !certain)
                .map_or(rows, |found| at + found);
            self.count_read_many((end - at) as u64);
            if !hashes.is_empty() {
                for &hash in &hashes[at..end] {
                    self.push_key(hash);
                }
            }
            match &days {
                Some(days) => {
                    for &day in &days[at..end] {
                        self.count_dated(day);
                    }
                }
                None => self.counts.used += (end - at) as u64,
            }
            if end < rows {
                accepted[end] = self.check(place(self.counts.read), &row(end))?;
            }
            at = end + 1;
        }
        Ok(Some(accepted))
    }

    /// Counts `rows` rows as read at once, telling of them as [`RowChecks::count_read`] would.
    fn count_read_many(&mut self, rows: u64) {
        let before = self.counts.read / ROWS_TOLD;
        self.counts.read += rows;
        for _ in before..self.counts.read / ROWS_TOLD {
            self.tell(ROWS_TOLD);
        }
    }

    /// Counts a row as read, telling of the rows read every so often.
    fn count_read(&mut self) {
        self.counts.read += 1;
        if self.counts.read.is_multiple_of(ROWS_TOLD) {
            self.tell(ROWS_TOLD);
        }
    }

    /// Whether accepted rows' keys are gathered: the first time through a file with a key.
    fn keeps_keys(&self) -> bool {
        !self.key_columns.is_empty() && !self.repeats.is_looking()
    }

    fn push_key(&mut self, key: KeyHash) {
        self.keys.push(key);
    }

    /// Counts an accepted row as used or outside the periods by its day (since 1970-01-01).
    fn count_dated(&mut self, day: Option<i64>) {
        match day {
            Some(day)
                if !self
                    .periods
                    .iter()
                    .any(|(first, last)| (first..=last).contains(&&day)) =>
            {
                self.counts.outside += 1
            }
            _ => self.counts.used += 1,
        }
    }

    /// Tells of `rows` more rows checked, the first time through the file only.
    fn tell(&self, rows: u64) {
        if !self.repeats.is_looking() {
            (self.on_rows)(rows);
        }
    }

    /// Whether accepted rows are written to the stage (not when the raw file is kept as it is).
    pub(crate) fn writes_stage(&self) -> bool {
        self.stage.writes()
    }

    /// Stages a batch of accepted rows that is already typed as the catalogue says.
    pub(crate) fn stage_batch(
        &mut self,
        batch: &datafusion::arrow::array::RecordBatch,
    ) -> Result<(), CheckError> {
        self.stage
            .write_batch(batch)
            .map_err(|message| CheckError::File {
                file: self.file.path.clone(),
                message: format!("staging the accepted rows: {message}"),
            })
    }

    /// The checks done: what they found and where the accepted rows are staged, or, the first
    /// time through a file whose key hashes repeat, those hashes (the file is then checked
    /// again, comparing the keys of the rows with them).
    pub(super) fn finish(mut self) -> Result<Finished, CheckError> {
        self.tell(self.counts.read % ROWS_TOLD);
        let repeated = self.keys.repeated();
        if !repeated.is_empty() {
            return Ok(Finished::Repeated(repeated));
        }
        let staged = self.stage.finish().map_err(|message| CheckError::File {
            file: self.file.path.clone(),
            message: format!("staging the accepted rows: {message}"),
        })?;
        Ok(Finished::Checked(FileChecked {
            counts: self.counts,
            rejections: self.rejections,
            reference_ids: self.reference_ids,
            staged,
            // Set by the caller, who times the whole file, readings again included.
            elapsed: std::time::Duration::ZERO,
        }))
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
        for (&(i, known), last_known) in self.refs.iter().zip(&mut self.last_known) {
            let value = record.text(i);
            // Exports come grouped by dealer, journey or tool: a value like the last one found
            // is known without another lookup.
            if value.is_empty() || value == last_known {
                continue;
            }
            if known.contains(value) {
                last_known.clear();
                last_known.push_str(value);
            } else {
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
        // Last, so that only accepted rows' keys count as seen, as they did the first time.
        if self.repeats.is_looking() && !self.key_columns.is_empty() {
            let hash = self.key_hash(record);
            let (columns, values) = (&self.key_columns, &self.values);
            let earlier = self.repeats.seen_before(hash, || {
                key(columns.iter().map(|&i| (values[i], record.text(i))))
            });
            if !earlier {
                return Ok(());
            }
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
        hash_key(
            self.key_columns
                .iter()
                .map(|&i| (self.values[i], record.text(i))),
        )
    }
}
