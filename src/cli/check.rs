//! `ebr check FILE|DIR...`: validate snapshot files and print a summary of each valid one.
//!
//! Every diagnostic, errors and warnings, is printed as `file:line:col: error: path: message`,
//! each file's before its summary. Exit 0 when all is valid (warnings allowed), 1 for invalid
//! data (including a folder without snapshots), 2 for a command line that cannot be carried
//! out (no path, a missing path, a file named explicitly that is not .toml or .json).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ebr::load::{self, Diagnostic, Loaded, Severity};
use ebr::metrics::{Metric, Unit, format_value};
use ebr::model::{DealerFacts, Money, Pipeline, Snapshot};

use super::{INVALID_DATA, SUCCESS, USAGE};

/// Arguments of `ebr check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Snapshot files (.toml, .json) or folders holding them (searched recursively).
    #[arg(required = true, value_name = "FILE|DIR")]
    pub paths: Vec<PathBuf>,
}

/// Runs `ebr check`.
pub fn run(args: Args) -> color_eyre::Result<ExitCode> {
    let set = match load::load_set(&args.paths) {
        Ok(set) => set,
        Err(usage) => {
            say!("ebr check: {usage}");
            return Ok(ExitCode::from(USAGE));
        }
    };
    let mut report = Report::default();
    let mut valid = 0usize;
    for outcome in &set.files {
        match outcome {
            Ok(loaded) => {
                let extra = metric_warnings(loaded);
                loaded
                    .warnings
                    .iter()
                    .chain(&extra)
                    .for_each(|d| report.diagnostic(d));
                report.line(&summary(loaded));
                valid += 1;
            }
            Err(file) => file.diagnostics.iter().for_each(|d| report.diagnostic(d)),
        }
    }
    set.set_problems.iter().for_each(|d| report.diagnostic(d));
    let files = set.files.len();
    let (errors, warnings) = (report.errors, report.warnings);
    report.line(&format!(
        "checked {files} file{}: {valid} valid, {} invalid; {errors} error{}, {warnings} warning{}",
        plural(files),
        files - valid,
        plural(errors),
        plural(warnings),
    ));
    // Written once at the end, so a closed pipe ends the output quietly, not half-way.
    super::print_all(report.text.as_bytes())?;
    Ok(ExitCode::from(if errors == 0 {
        SUCCESS
    } else {
        INVALID_DATA
    }))
}

/// The text of a check and its tally of problems.
#[derive(Default)]
struct Report {
    text: String,
    errors: usize,
    warnings: usize,
}

impl Report {
    fn diagnostic(&mut self, d: &Diagnostic) {
        match d.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        // One line whatever the data holds: a newline quoted from a file is shown, not obeyed.
        self.text.push_str(&ebr::export::printable(&d.to_string()));
        self.text.push('\n');
    }

    fn line(&mut self, line: &str) {
        self.text.push_str(&ebr::export::printable_lines(line));
        self.text.push('\n');
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Targets naming a metric the catalogue does not know: legal, but the target is ignored.
fn metric_warnings(loaded: &Loaded) -> Vec<Diagnostic> {
    let unknown: Vec<(usize, String)> = loaded
        .snapshot
        .targets
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let err = t.metric.parse::<Metric>().err()?;
            let hint = err
                .suggestion
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            Some((i, format!("found `{}`, expected a metric key of the catalogue{hint} (the target is ignored)", err.key)))
        })
        .collect();
    if unknown.is_empty() {
        return Vec::new();
    }
    let text = std::fs::read_to_string(&loaded.file).ok();
    unknown
        .into_iter()
        .map(|(i, message)| {
            let path = format!("targets[{i}].metric");
            Diagnostic {
                severity: Severity::Warning,
                file: loaded.file.clone(),
                position: text
                    .as_deref()
                    .map(|t| load::locate(t, loaded.format, &path)),
                path,
                message,
            }
        })
        .collect()
}

/// `file: ok: period (label), ecosystem` then counts and headline totals, from the model's
/// own sums.
fn summary(loaded: &Loaded) -> String {
    let s: &Snapshot = &loaded.snapshot;
    let facts: DealerFacts = s.dealers.iter().map(|d| &d.facts).sum();
    let pipeline: Pipeline = s.dealers.iter().map(|d| &d.pipeline).sum();
    let martech: Money = s.stack.iter().map(|t| t.annual_cost.total()).sum();
    let money = |m: Money| format_value(Unit::Money, Some(m.amount()), &s.ecosystem.currency);
    let n = |count: usize, one: &str, many: &str| {
        format!("{count} {}", if count == 1 { one } else { many })
    };
    format!(
        "{}: ok: {} ({}), {}\n  {}, {}, {}, {}, {}\n  leads {} · vehicles sold {} · won revenue {} · accessory revenue {} · martech {} a year",
        display(&loaded.file),
        s.period.id.label(),
        s.period.id,
        s.ecosystem.name,
        n(s.regions.len(), "region", "regions"),
        n(s.dealer_groups.len(), "dealer group", "dealer groups"),
        n(s.dealers.len(), "dealer", "dealers"),
        n(s.journeys.len(), "journey", "journeys"),
        n(s.stack.len(), "tool", "tools"),
        format_value(Unit::Count, Some(facts.leads.total().into()), ""),
        format_value(Unit::Count, Some(facts.sales.total().into()), ""),
        money(pipeline.total().won_revenue),
        money(facts.accessory_revenue),
        money(martech),
    )
}

fn display(path: &Path) -> String {
    path.display().to_string()
}
