//! `ebr build`: the raw exports of the systems of record (CRM, DMS, marketing automation and ad
//! platforms, PRM, finance) to ebr snapshots, in SQL.
//!
//! | module       | what it holds                                                              |
//! |--------------|----------------------------------------------------------------------------|
//! | [`tables`]   | the raw exports: file names, columns, types (`docs/raw-exports.md`)         |
//! | [`check`]    | every row parsed and checked before the SQL; rejections with file and line  |
//! | [`review`]   | `review.toml`: what people write (ecosystem, targets, commentary, maturity) |
//! | [`engine`]   | DataFusion in process, or a Ballista cluster: the same SQL on either       |
//! | [`queries`]  | the SQL files in `sql/`, one per part of the snapshot                      |
//! | [`frame`]    | query results read back as typed values                                    |
//! | [`assemble`] | query results to a `Snapshot`                                              |
//! | [`output`]   | atomic writes that never replace a file unless asked                       |
//! | [`parquet`]  | CSV exports to Parquet through the engine                                  |
//!
//! This crate depends on `ebr` (the model and its validation); `ebr` never depends on it, so
//! the dashboard's build never compiles the engine.

pub mod assemble;
pub mod check;
pub mod engine;
pub mod frame;
pub mod output;
pub mod parquet;
pub mod queries;
pub mod review;
pub mod tables;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use ebr::load::{Format, parse_str};
use ebr::model::{PeriodId, Snapshot};

pub use engine::Engine;

/// What to build.
#[derive(Clone, Debug)]
pub struct BuildSpec {
    /// The folder of raw exports and `review.toml`.
    pub raw: PathBuf,
    /// The periods to build, one snapshot each.
    pub periods: Vec<PeriodId>,
    /// Where the engine runs.
    pub engine: Engine,
    /// The snapshots' `generated_at`.
    pub generated_at: DateTime<Utc>,
    /// Rejected rows tolerated before the build fails (they are reported and left out).
    pub max_rejected: u64,
}

/// What a build made and read.
#[derive(Debug)]
pub struct Outcome {
    /// One snapshot per period, in the order asked.
    pub built: Vec<Built>,
    /// Rows read, used, rejected and outside the periods, per file, and the rejections.
    pub checked: check::Checked,
    /// Time spent checking and staging the rows.
    pub check_elapsed: Duration,
}

/// One built period.
#[derive(Clone, Debug)]
pub struct Built {
    /// The snapshot, validated as `ebr check` validates a file.
    pub snapshot: Snapshot,
    /// The snapshot as JSON, as written.
    pub json: String,
    /// Warnings the validation gave (the snapshot is still valid).
    pub warnings: Vec<String>,
    /// Time spent on the period's queries.
    pub elapsed: Duration,
    /// Each query's time from its start to its last row, in the order they finished.
    pub query_times: Vec<(&'static str, Duration)>,
}

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The raw folder is incomplete.
    #[error(transparent)]
    Folder(#[from] tables::FolderError),
    /// A raw file cannot be read at all.
    #[error(transparent)]
    Check(#[from] check::CheckError),
    /// More rows were rejected than `--max-rejected` allows.
    #[error("{rejected} row(s) rejected, more than --max-rejected {max} allows:\n{listed}")]
    Rejected {
        rejected: u64,
        max: u64,
        listed: String,
    },
    /// The staging folder for the checked rows could not be made.
    #[error("staging folder in TMPDIR: {0}")]
    Scratch(std::io::Error),
    /// The review file is missing or invalid.
    #[error(transparent)]
    Review(#[from] review::ReviewError),
    /// The engine could not start or register the files.
    #[error("engine {engine}: {source}")]
    Engine {
        engine: String,
        #[source]
        source: datafusion::error::DataFusionError,
    },
    /// A period could not be assembled.
    #[error("{period}: {source}")]
    Assemble {
        period: PeriodId,
        #[source]
        source: assemble::AssembleError,
    },
    /// The assembled snapshot fails the same validation as `ebr check`.
    #[error("{period}: the built snapshot is not valid:\n{problems}")]
    Invalid { period: PeriodId, problems: String },
}

/// How far a build has got, as it tells its caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// `rows` more raw rows were checked (told from the threads that check them).
    Checked { rows: u64 },
    /// A period's queries start.
    Building(PeriodId),
    /// A period's snapshot is built.
    Built(PeriodId),
}

/// Builds every period of `spec`, telling `progress` of the rows checked and the periods built.
pub async fn build(
    spec: &BuildSpec,
    progress: impl Fn(Step) + Sync,
) -> Result<Outcome, BuildError> {
    let found = tables::find(&spec.raw)?;
    let review = review::Review::load(&spec.raw.join(review::FILE_NAME))?;
    let scratch = tempfile::tempdir().map_err(BuildError::Scratch)?;
    let engine_error = |source| BuildError::Engine {
        engine: spec.engine.to_string(),
        source,
    };
    let kept = match spec.periods.first() {
        Some(&period) => queries::columns_read(period).await.map_err(engine_error)?,
        None => Default::default(),
    };
    let started = Instant::now();
    let staging = check::Staging {
        dir: scratch.path(),
        kept: &kept,
    };
    let checked = check::check(&found, &spec.periods, &staging, &|rows| {
        progress(Step::Checked { rows })
    })?;
    let check_elapsed = started.elapsed();
    let rejected: u64 = checked.counts.iter().map(|(_, c)| c.rejected).sum();
    if rejected > spec.max_rejected {
        return Err(BuildError::Rejected {
            rejected,
            max: spec.max_rejected,
            listed: checked
                .rejections
                .iter()
                .map(|r| format!("  {r}"))
                .collect::<Vec<_>>()
                .join("\n"),
        });
    }
    let ctx = spec.engine.session().await.map_err(engine_error)?;
    tables::register_staged(&ctx, &checked.staged)
        .await
        .map_err(engine_error)?;
    let mut built = Vec::with_capacity(spec.periods.len());
    for &period in &spec.periods {
        let started = Instant::now();
        progress(Step::Building(period));
        let assemble::Assembled {
            snapshot,
            query_times,
        } = assemble::snapshot(&ctx, &review, period, spec.generated_at)
            .await
            .map_err(|source| BuildError::Assemble { period, source })?;
        let (json, warnings) = validate(&snapshot, period)?;
        built.push(Built {
            snapshot,
            json,
            warnings,
            elapsed: started.elapsed(),
            query_times,
        });
        progress(Step::Built(period));
    }
    Ok(Outcome {
        built,
        checked,
        check_elapsed,
    })
}

/// Runs the snapshot through the loader that `ebr check` and the dashboard use, on its JSON text.
fn validate(snapshot: &Snapshot, period: PeriodId) -> Result<(String, Vec<String>), BuildError> {
    let name = snapshot_file_name(period);
    let json = serde_json::to_string_pretty(snapshot).map_err(|e| BuildError::Invalid {
        period,
        problems: e.to_string(),
    })?;
    match parse_str(&json, Format::Json, &name) {
        Ok(loaded) => {
            let warnings = loaded.warnings.iter().map(ToString::to_string).collect();
            Ok((json, warnings))
        }
        Err(report) => Err(BuildError::Invalid {
            period,
            problems: report
                .diagnostics
                .iter()
                .map(|d| format!("  {d}"))
                .collect::<Vec<_>>()
                .join("\n"),
        }),
    }
}

/// The file a period's snapshot is written to: `2026-10.json`.
pub fn snapshot_file_name(period: PeriodId) -> String {
    format!("{period}.json")
}

/// Where `period`'s snapshot goes in `out`.
pub fn snapshot_path(out: &Path, period: PeriodId) -> PathBuf {
    out.join(snapshot_file_name(period))
}
