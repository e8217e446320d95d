//! `ebr-build` (also run as `ebr build`): raw exports to snapshots. See `docs/raw-exports.md`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use chrono::{DateTime, Utc};
use clap::Parser;
use ebr::model::PeriodId;
use ebr_build::{BuildSpec, Engine, Step, build, output, snapshot_path};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// The SQL engine of ebr: raw exports of the CRM, DMS, marketing platforms, PRM and finance to snapshots.
#[derive(Debug, Parser)]
#[command(name = "ebr-build", version)]
enum Cli {
    /// Build snapshots from a folder of raw exports (also run as `ebr build`).
    Build(Args),
    /// Convert a folder of CSV raw exports to Parquet (review.toml is copied).
    Parquet(ParquetArgs),
    /// Print the raw exports' catalogue (tables, columns, SQL types) as JSON, for other engines.
    Tables,
}

#[derive(Debug, clap::Args)]
struct ParquetArgs {
    /// The folder of CSV raw exports.
    raw: PathBuf,
    /// The folder to write the Parquet files and review.toml to (created; must be empty).
    #[arg(long)]
    out: PathBuf,
}

/// Build ebr snapshots from the raw exports of the CRM, DMS, marketing platforms, PRM and finance.
#[derive(Debug, clap::Args)]
struct Args {
    /// The folder of raw exports (CSV or Parquet) and review.toml: see docs/raw-exports.md.
    raw: PathBuf,
    /// A period to build (2026-10, 2026-Q3); repeat for several.
    #[arg(long = "period", required = true)]
    periods: Vec<PeriodId>,
    /// Where the snapshots go, one JSON file per period.
    #[arg(long)]
    out: PathBuf,
    /// Replace snapshots that already exist.
    #[arg(long)]
    force: bool,
    /// datafusion (in process, the default), ballista://HOST:PORT, or ballista-standalone.
    #[arg(long, default_value = "datafusion")]
    engine: Engine,
    /// Memory the in-process engine may use before spilling to disk, in MiB.
    #[arg(long, default_value_t = 4096)]
    memory_limit_mib: usize,
    /// The snapshots' generated_at (RFC 3339); now by default.
    #[arg(long)]
    generated_at: Option<DateTime<Utc>>,
    /// Rejected rows tolerated (reported, left out) before the build fails.
    #[arg(long, default_value_t = 0)]
    max_rejected: u64,
    /// Write the build report to this file instead of the terminal.
    #[arg(long)]
    report: Option<PathBuf>,
    /// No progress bar and no report on the terminal (errors are still printed).
    #[arg(long, short)]
    quiet: bool,
    /// Add to the report how long each file's checks and each query took, slowest first.
    #[arg(long)]
    timings: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("ebr build: cannot start the engine's runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = match &cli {
        Cli::Build(args) => runtime.block_on(run(args)),
        Cli::Parquet(args) => runtime.block_on(ebr_build::parquet::convert(&args.raw, &args.out)),
        Cli::Tables => {
            println!("{}", ebr_build::tables::catalogue_json());
            Ok(())
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            // Messages quote file names and values from the data: nothing raw reaches the terminal.
            eprintln!("ebr build: {}", ebr::export::printable_lines(&message));
            ExitCode::FAILURE
        }
    }
}

async fn run(args: &Args) -> Result<(), String> {
    // Refuse before any work, so an existing snapshot is never lost to a long build.
    if !args.force {
        for &period in &args.periods {
            let path = snapshot_path(&args.out, period);
            if path.exists() {
                return Err(output::SaveError::Exists(path).to_string());
            }
        }
    }
    let engine = match &args.engine {
        Engine::Embedded { .. } => Engine::Embedded {
            memory_limit: args.memory_limit_mib.saturating_mul(1 << 20),
        },
        other => other.clone(),
    };
    let spec = BuildSpec {
        raw: args.raw.clone(),
        periods: args.periods.clone(),
        engine,
        generated_at: args.generated_at.unwrap_or_else(Utc::now),
        max_rejected: args.max_rejected,
    };
    let bar = progress_bar(args.quiet, spec.periods.len());
    let started = Instant::now();
    let rows_checked = AtomicU64::new(0);
    let outcome = build(&spec, |step| {
        match step {
            Step::Checked { rows } => {
                let rows = rows_checked.fetch_add(rows, Ordering::Relaxed) + rows;
                bar.set_message(format!("checking the raw exports: {rows} rows"));
            }
            Step::Building(period) => bar.set_message(format!("querying {period}")),
            Step::Built(_) => bar.inc(1),
        }
        // Builds under a second never show a bar.
        if started.elapsed().as_secs() >= 1 && bar.is_hidden() && !args.quiet {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.enable_steady_tick(std::time::Duration::from_millis(200));
        }
    })
    .await
    .map_err(|e| e.to_string())?;
    bar.finish_and_clear();
    let mut report = String::new();
    report.push_str("file                         read      used  rejected   outside\n");
    for (name, c) in &outcome.checked.counts {
        report.push_str(&format!(
            "{name:<24} {:>9} {:>9} {:>9} {:>9}\n",
            c.read, c.used, c.rejected, c.outside
        ));
    }
    for rejection in &outcome.checked.rejections {
        report.push_str(&format!("rejected: {rejection}\n"));
    }
    let rows: u64 = outcome.checked.counts.iter().map(|(_, c)| c.read).sum();
    report.push_str(&format!(
        "checked {rows} rows in {:.2} s\n",
        outcome.check_elapsed.as_secs_f64()
    ));
    if args.timings {
        report.push_str("checks of each file, slowest first (files are checked side by side):\n");
        report.push_str(&slowest_first(&outcome.checked.times));
    }
    let built = &outcome.built;
    for b in built {
        let period = b.snapshot.period.id;
        let path = snapshot_path(&args.out, period);
        output::write_atomically(&path, &b.json, args.force).map_err(|e| e.to_string())?;
        report.push_str(&format!(
            "{}: {} dealers, {} journeys, {} paths, {} tools in {:.2} s\n",
            path.display(),
            b.snapshot.dealers.len(),
            b.snapshot.journeys.len(),
            b.snapshot.attribution.paths.len(),
            b.snapshot.stack.len(),
            b.elapsed.as_secs_f64(),
        ));
        for warning in &b.warnings {
            report.push_str(&format!("  {warning}\n"));
        }
        if args.timings {
            report.push_str(&format!(
                "queries of {period}, slowest first (several run at a time):\n"
            ));
            report.push_str(&slowest_first(&b.query_times));
        }
    }
    report.push_str(&format!(
        "built {} snapshot(s) with {} in {:.2} s\n",
        built.len(),
        spec.engine,
        started.elapsed().as_secs_f64()
    ));
    match &args.report {
        Some(path) => output::write_atomically(path, &report, true).map_err(|e| e.to_string()),
        None if args.quiet => Ok(()),
        None => std::io::stdout()
            .write_all(ebr::export::printable_lines(&report).as_bytes())
            .map_err(|e| e.to_string()),
    }
}

/// One line per name and time, the longest first: `  name  1.23 s`.
fn slowest_first(times: &[(&'static str, std::time::Duration)]) -> String {
    let mut times = times.to_vec();
    times.sort_by_key(|&(name, elapsed)| (std::cmp::Reverse(elapsed), name));
    times
        .iter()
        .map(|(name, elapsed)| format!("  {name:<28} {:>7.3} s\n", elapsed.as_secs_f64()))
        .collect()
}

fn progress_bar(quiet: bool, periods: usize) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(periods as u64), ProgressDrawTarget::hidden());
    if !quiet
        && let Ok(style) =
            ProgressStyle::with_template("{elapsed:>4} {bar:30} {pos}/{len} periods  {msg}")
    {
        bar.set_style(style);
    }
    bar
}
