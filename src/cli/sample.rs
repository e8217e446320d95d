//! `ebr sample`: write a deterministic sample ecosystem, the bundled one by default.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ebr::model::PeriodId;
use ebr::sample::{self, Format, SampleSpec};

/// Arguments of `ebr sample`. Every default is the bundled sample's, so
/// `ebr sample --out data` rewrites `data/` exactly.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Dealers (rooftops) in the network.
    #[arg(long, default_value_t = SampleSpec::bundled().dealers)]
    dealers: usize,
    /// Consecutive monthly snapshots; the quarters complete within them are written too.
    #[arg(long, default_value_t = SampleSpec::bundled().months)]
    months: usize,
    /// Seed of every random draw: the same arguments always write the same bytes.
    #[arg(long, default_value_t = SampleSpec::bundled().seed)]
    seed: u64,
    /// The last month, e.g. `2026-10`.
    #[arg(long, default_value_t = SampleSpec::bundled().end)]
    end: PeriodId,
    /// File format: json, toml, or mixed (odd months and quarters TOML, the others JSON).
    #[arg(long, default_value_t = SampleSpec::bundled().format)]
    format: Format,
    /// Write the raw exports of the systems of record instead of snapshots: one CSV per export,
    /// event by event, and review.toml (docs/raw-exports.md); `ebr build` turns them back into
    /// the same snapshots.
    #[arg(long, conflicts_with = "format")]
    raw: bool,
    /// With --raw: Parquet files instead of CSV, converted by the SQL engine (`ebr-build`).
    #[arg(long, requires = "raw")]
    parquet: bool,
    /// Folder to write into (created if missing).
    #[arg(long)]
    out: PathBuf,
}

/// Runs `ebr sample`.
pub fn run(args: Args) -> color_eyre::Result<ExitCode> {
    let spec = SampleSpec {
        dealers: args.dealers,
        months: args.months,
        seed: args.seed,
        end: args.end,
        format: args.format,
    };
    if let Some(problem) = spec.problem() {
        say!("ebr sample: {problem}");
        return Ok(ExitCode::from(super::USAGE));
    }
    if args.raw && args.parquet {
        return raw_parquet(&spec, &args.out);
    }
    if args.raw {
        let files = sample::raw::write_raw(&spec, &args.out)?;
        let rows: u64 = files.iter().map(|f| f.rows).sum();
        println!(
            "wrote {} raw export files to {} ({rows} rows; {} months, {} dealers)",
            files.len(),
            args.out.display(),
            spec.months,
            spec.dealers
        );
        return Ok(ExitCode::SUCCESS);
    }
    let written = sample::write(&spec, &args.out)?;
    let quarters = written.len().saturating_sub(spec.months);
    println!(
        "wrote {} files to {} ({} monthly, {} quarterly; {} dealers)",
        written.len(),
        args.out.display(),
        spec.months,
        quarters,
        spec.dealers
    );
    Ok(ExitCode::SUCCESS)
}

/// The raw exports as Parquet: written as CSV to a folder beside `out`, converted by the engine
/// (which alone links a Parquet writer, so the dashboard stays light), then the CSV removed.
fn raw_parquet(spec: &SampleSpec, out: &Path) -> color_eyre::Result<ExitCode> {
    let mut staging = out.as_os_str().to_owned();
    staging.push(".csv-staging");
    let staging = PathBuf::from(staging);
    if staging.exists() {
        say!("ebr sample: {} exists; remove it first", staging.display());
        return Ok(ExitCode::from(super::USAGE));
    }
    sample::raw::write_raw(spec, &staging)?;
    let args = [
        OsString::from("parquet"),
        staging.clone().into_os_string(),
        OsString::from("--out"),
        out.as_os_str().to_owned(),
    ];
    let converted = super::build::engine(args);
    std::fs::remove_dir_all(&staging)?;
    converted
}
