//! Row checks before the SQL runs: every row of every raw export (CSV or Parquet, under the same
//! rules) is parsed as the catalogue says, its ids checked for uniqueness and its references for
//! existence. A rejected row is reported with file, line (CSV) or row group and row (Parquet),
//! column and reason. The accepted rows are staged, typed, in Arrow IPC files that the SQL reads,
//! so nothing is dropped silently, nothing rejected is counted, and no text is parsed twice.
//!
//! The reference tables (regions, dealers, ...) are checked first, one after the other, since
//! the other files' references are checked against their ids; the other files are then checked
//! side by side on every core, largest first.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use ebr::model::PeriodId;

use crate::tables::{FileFormat, Found};

mod codes;
mod keys;
mod page_keys;
mod parquet_rows;
mod rows;
mod rules;
mod stage;
mod statistics;
#[cfg(test)]
mod test_parquet;
mod text;
mod typed;
mod values;

use rows::{Finished, RowChecks};
use stage::Stage;

pub use stage::{EXTENSION as STAGED_EXTENSION, Staged, StagedFormat};

/// Where a row is in its file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A CSV row: its 1-based line (the header is line 1).
    Line(u64),
    /// A Parquet row: its row group and its row within the group, both counted from 0 as
    /// Parquet's own tools count them; `index` is the row's place in the whole file.
    Row { group: usize, row: u64, index: u64 },
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
    /// Per table, the Arrow IPC file of its accepted rows, typed as the catalogue says, of the
    /// columns the queries read.
    pub staged: HashMap<&'static str, Staged>,
    /// Per file, in catalogue order, the time its checks took (files are checked side by side,
    /// so these add up to more than the checks took).
    pub times: Vec<(&'static str, Duration)>,
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

/// One file's findings.
struct FileChecked {
    counts: FileCounts,
    rejections: Vec<Rejection>,
    /// The ids of a reference table's accepted rows, for the files that point into it.
    reference_ids: Option<HashSet<String>>,
    /// The Arrow IPC file of the accepted rows.
    staged: Staged,
    /// How long its checks took.
    elapsed: Duration,
}

/// Told of the rows checked, a batch at a time, from the threads that check them.
pub type OnRows<'a> = &'a (dyn Fn(u64) + Sync);

/// Where the accepted rows go: a folder, and per table the indexes of the columns to keep
/// (those the queries read, see [`crate::queries::columns_read`]; all when a table is missing).
pub struct Staging<'a> {
    /// The folder of the staged files.
    pub dir: &'a Path,
    /// Per table, the catalogue's indexes of the columns kept, in increasing order.
    pub kept: &'a HashMap<&'static str, Vec<usize>>,
}

/// Checks every raw export of `found` (CSV and Parquet alike) against the catalogue, counting
/// rows per period, and stages each file's accepted rows as `staging` says; `on_rows` hears of
/// the rows as they are checked.
pub fn check(
    found: &[Found],
    periods: &[PeriodId],
    staging: &Staging,
    on_rows: OnRows,
) -> Result<Checked, CheckError> {
    let mut ids: HashMap<&'static str, HashSet<String>> = HashMap::new();
    let mut results: Vec<Option<FileChecked>> = found.iter().map(|_| None).collect();
    for (at, file) in found.iter().enumerate() {
        if rows::is_reference(file.table) {
            let mut checked = check_file(file, periods, &ids, staging, on_rows)?;
            if let Some(accepted) = checked.reference_ids.take() {
                ids.insert(file.table.name, accepted);
            }
            results[at] = Some(checked);
        }
    }
    let mut rest: Vec<usize> = (0..found.len())
        .filter(|&at| results[at].is_none())
        .collect();
    rest.sort_by_key(|&at| std::cmp::Reverse(size(&found[at].path)));
    let next = AtomicUsize::new(0);
    let done = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers.min(rest.len()) {
            scope.spawn(|| {
                while let Some(&at) = rest.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let result = check_file(&found[at], periods, &ids, staging, on_rows);
                    done.lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((at, result));
                }
            });
        }
    });
    let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    // The first error in catalogue order, as a check of one file after the other would give.
    done.sort_by_key(|(at, _)| *at);
    for (at, result) in done {
        results[at] = Some(result?);
    }
    let mut checked = Checked::default();
    for (file, result) in found.iter().zip(results) {
        let Some(result) = result else { continue };
        checked.rejections.extend(result.rejections);
        checked.counts.push((file.table.name, result.counts));
        checked.times.push((file.table.name, result.elapsed));
        checked.staged.insert(file.table.name, result.staged);
    }
    Ok(checked)
}

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

/// Checks one file, timing it.
fn check_file(
    file: &Found,
    periods: &[PeriodId],
    ids: &HashMap<&'static str, HashSet<String>>,
    staging: &Staging,
    on_rows: OnRows,
) -> Result<FileChecked, CheckError> {
    let started = Instant::now();
    let mut checked = check_rows(file, periods, ids, staging, on_rows, true)?;
    checked.elapsed = started.elapsed();
    Ok(checked)
}

/// Checks one file; with `use_statistics`, a Parquet file's columns that its statistics prove
/// valid are not read (see [`statistics`]), unless a row might fail.
fn check_rows(
    file: &Found,
    periods: &[PeriodId],
    ids: &HashMap<&'static str, HashSet<String>>,
    staging: &Staging,
    on_rows: OnRows,
    mut use_statistics: bool,
) -> Result<FileChecked, CheckError> {
    let path = staging
        .dir
        .join(format!("{}{}", file.table.name, stage::EXTENSION));
    let every_column: Vec<usize> = (0..file.table.columns.len()).collect();
    let kept = staging.kept.get(file.table.name).unwrap_or(&every_column);
    let mut repeated = HashSet::new();
    // A Parquet file of the catalogue's own types is read by the engine where it is, if every
    // row of it is accepted; otherwise it is read again and its accepted rows written.
    let mut keep_raw =
        file.format == FileFormat::Parquet && parquet_rows::holds_catalogue_types(file);
    let mut first_reading = true;
    loop {
        let stage = if keep_raw {
            Stage::keep_parquet(file.table, kept, &file.path)
        } else {
            Stage::create(file.table, kept, &path)
        };
        let stage = stage.map_err(|message| CheckError::File {
            file: path.clone(),
            message,
        })?;
        // Progress counts each row once, the first time it is read.
        let told: OnRows = if first_reading { on_rows } else { &|_| () };
        first_reading = false;
        let mut rows = RowChecks::new(
            file,
            periods,
            ids,
            stage,
            std::mem::take(&mut repeated),
            told,
        );
        match file.format {
            FileFormat::Csv => read_csv(file, &mut rows)?,
            FileFormat::Parquet => {
                let reading = parquet_rows::read(file, &mut rows, use_statistics)?;
                if reading == parquet_rows::Reading::NeedsEveryColumn {
                    use_statistics = false;
                    continue;
                }
            }
        }
        match rows.finish()? {
            Finished::Checked(checked) if keep_raw && checked.counts.rejected > 0 => {
                keep_raw = false;
            }
            Finished::Checked(checked) => return Ok(checked),
            // Rare: a file whose key hashes repeat is read a second time.
            Finished::Repeated(hashes) => {
                repeated = hashes;
                keep_raw = false;
            }
        }
    }
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
    // CSV rows of the raw exports take 40 to 120 bytes: reserve for the shorter ones.
    rows.expect_rows(usize::try_from(size(&file.path) / 40).unwrap_or(0));
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
        rows.row(Place::Line(line), &record)?;
    }
}
