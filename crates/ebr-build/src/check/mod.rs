//! Row checks before the SQL runs: every row of every raw export (CSV, or Parquet read back as
//! text so both meet the same rules) is parsed as the catalogue says, its ids checked for
//! uniqueness and its references for existence. A rejected row is reported with file, line (CSV)
//! or row group and row (Parquet), column and reason; the build goes on only while the
//! rejections stay within `--max-rejected`, and then the SQL reads a copy of the file without
//! them, so nothing is dropped silently and nothing rejected is counted.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::{Path, PathBuf};

use ebr::model::PeriodId;

use crate::tables::{FileFormat, Found};

mod codes;
mod parquet_rows;
mod rows;

use rows::RowChecks;

/// Where a row is in its file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A CSV row: its 1-based line (the header is line 1).
    Line(u64),
    /// A Parquet row: its row group and its row within the group, both counted from 0 as
    /// Parquet's own tools count them; `index` is the row's place in the whole file.
    Row { group: usize, row: u64, index: u64 },
}

impl Place {
    /// The row's identity within its file: the line of a CSV row, the index of a Parquet row.
    fn key(self) -> u64 {
        match self {
            Place::Line(line) => line,
            Place::Row { index, .. } => index,
        }
    }
}

/// One rejected row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// The file.
    pub file: PathBuf,
    /// Where the row is in it.
    pub at: Place,
    /// The column, empty when the whole row is at fault.
    pub column: String,
    /// Why it was rejected, quoting the value.
    pub reason: String,
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.at {
            Place::Line(line) => write!(f, "{}:{line}: ", self.file.display())?,
            Place::Row { group, row, .. } => {
                write!(f, "{}: row group {group}, row {row}: ", self.file.display())?
            }
        }
        if !self.column.is_empty() {
            write!(f, "{}: ", self.column)?;
        }
        f.write_str(&self.reason)
    }
}

/// What the checks found in one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileCounts {
    /// Data rows in the file.
    pub read: u64,
    /// Valid rows dated inside one of the periods built (every valid row of a reference file).
    pub used: u64,
    /// Rows rejected.
    pub rejected: u64,
    /// Valid rows dated outside every period built.
    pub outside: u64,
}

/// The checks' findings for the whole folder.
#[derive(Debug, Default)]
pub struct Checked {
    /// Per file, in catalogue order.
    pub counts: Vec<(&'static str, FileCounts)>,
    /// Every rejection, in file and line order (at most [`MAX_LISTED`] per file; the counts
    /// have them all).
    pub rejections: Vec<Rejection>,
    /// Files whose SQL input is a copy without the rejected rows.
    pub cleaned: HashMap<&'static str, PathBuf>,
}

/// Rejections listed per file; the rest are counted.
pub const MAX_LISTED: usize = 100;

/// Why the checks could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// A file could not be read or its header is not the catalogue's.
    #[error("{file}: {message}")]
    File { file: PathBuf, message: String },
}

/// Checks every raw export of `found` (CSV and Parquet alike) against the catalogue, counting
/// rows per period. Files with rejected rows get a cleaned copy in `scratch` when `keep_going`
/// allows it.
pub fn check(
    found: &[Found],
    periods: &[PeriodId],
    scratch: &Path,
    keep_going: impl Fn(u64) -> bool,
) -> Result<Checked, CheckError> {
    let mut checked = Checked::default();
    let mut ids: HashMap<&'static str, HashSet<String>> = HashMap::new();
    let mut total_rejected = 0;
    for file in found {
        let table = file.table;
        let mut rows = RowChecks::new(file, periods, &ids);
        match file.format {
            FileFormat::Csv => read_csv(file, &mut rows)?,
            FileFormat::Parquet => parquet_rows::read(file, &mut rows)?,
        }
        let RowChecks {
            counts,
            rejections,
            reference_ids,
            rejected_rows,
            ..
        } = rows;
        if let Some(accepted_ids) = reference_ids {
            ids.insert(table.name, accepted_ids);
        }
        total_rejected += counts.rejected;
        if counts.rejected > 0 && keep_going(total_rejected) {
            let copy = match file.format {
                FileFormat::Csv => {
                    let copy = scratch.join(format!("{}.csv", table.name));
                    write_accepted(file, &copy, &rejected_rows)?;
                    copy
                }
                FileFormat::Parquet => {
                    let copy = scratch.join(format!("{}.parquet", table.name));
                    parquet_rows::write_accepted(file, &copy, &rejected_rows)?;
                    copy
                }
            };
            checked.cleaned.insert(table.name, copy);
        }
        checked.rejections.extend(rejections);
        checked.counts.push((table.name, counts));
    }
    Ok(checked)
}

fn read_csv(file: &Found, rows: &mut RowChecks) -> Result<(), CheckError> {
    let reader = File::open(&file.path).map_err(|e| rows.fail(e.to_string()))?;
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(BufReader::with_capacity(1 << 20, reader));
    let header = csv.headers().map_err(|e| rows.fail(e.to_string()))?.clone();
    let expected = rows.expected_columns();
    if header.iter().collect::<Vec<_>>() != expected {
        return Err(rows.fail(format!(
            "line 1: the header is `{}`, expected `{}` (these columns, in this order)",
            header
                .iter()
                .map(|h| h.escape_debug().to_string())
                .collect::<Vec<_>>()
                .join(","),
            expected.join(",")
        )));
    }
    let mut record = csv::StringRecord::new();
    let mut read = 0;
    loop {
        match csv.read_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(rows.fail(format!("line {line}: {e}")));
            }
        }
        read += 1;
        let line = record.position().map_or(read + 1, |p| p.line());
        rows.row(Place::Line(line), &record);
    }
}

/// Copies `file` without its rejected lines to `copy`.
fn write_accepted(file: &Found, copy: &Path, rejected: &HashSet<u64>) -> Result<(), CheckError> {
    let fail = |e: &dyn std::fmt::Display| CheckError::File {
        file: copy.to_owned(),
        message: e.to_string(),
    };
    let reader = File::open(&file.path).map_err(|e| fail(&e))?;
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(BufReader::new(reader));
    let out = File::create(copy).map_err(|e| fail(&e))?;
    let mut writer = csv::Writer::from_writer(BufWriter::new(out));
    writer
        .write_record(csv.headers().map_err(|e| fail(&e))?)
        .map_err(|e| fail(&e))?;
    let mut record = csv::StringRecord::new();
    while csv.read_record(&mut record).map_err(|e| fail(&e))? {
        if record
            .position()
            .is_some_and(|p| !rejected.contains(&p.line()))
        {
            writer.write_record(&record).map_err(|e| fail(&e))?;
        }
    }
    writer.flush().map_err(|e| fail(&e))
}
