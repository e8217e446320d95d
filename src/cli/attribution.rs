//! `ebr attribution FILE.csv`: credit per channel from a path export, for one model or all.
//!
//! Exit codes: 0 when the credit is printed, 1 when the file cannot be read or has invalid rows
//! (every one listed as `FILE:LINE: reason`) or the one model asked for cannot run, 2 for a bad
//! command line.

use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use serde::Serialize;

use ebr::app::screen::Align;
use ebr::attribution::models::MarkovDetails;
use ebr::attribution::path_export::ReadError;
use ebr::attribution::{
    Model, ModelError, ModelOptions, ModelRun, PathSet, read_path_export, run_all,
};
use ebr::export::aligned::Aligned;
use ebr::export::{PrintableWriter, json_escaped, printable};

/// How many invalid rows are listed before the rest are only counted.
const MAX_LISTED_ERRORS: usize = 50;

/// Arguments of `ebr attribution`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Path export with the header `path;total_conversions;total_conversion_value;total_null`
    /// (`-` reads standard input). Paths are channel names separated by `>`.
    pub file: PathBuf,
    /// The model to credit with, or `all` for every model side by side.
    #[arg(long, value_enum, default_value_t = ModelChoice::All)]
    pub model: ModelChoice,
    /// Half-life of time decay, in days (default: `half_life_days` of the config file, else 7).
    #[arg(long, value_name = "DAYS", value_parser = half_life)]
    pub half_life: Option<f64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// A model, or all of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ModelChoice {
    /// All credit to the first touch.
    First,
    /// All credit to the last touch.
    Last,
    /// Equal credit to every touch.
    Linear,
    /// 40 % first, 40 % last, 20 % shared by the touches between.
    Position,
    /// Credit halving every half-life before the conversion (needs days, which exports lack).
    TimeDecay,
    /// First-order Markov chain, exact removal effects.
    Markov,
    /// Second-order Markov chain.
    Markov2,
    /// Third-order Markov chain.
    Markov3,
    /// Every model.
    All,
}

impl ModelChoice {
    fn models(self) -> Vec<Model> {
        match self {
            ModelChoice::First => vec![Model::FirstTouch],
            ModelChoice::Last => vec![Model::LastTouch],
            ModelChoice::Linear => vec![Model::Linear],
            ModelChoice::Position => vec![Model::PositionBased],
            ModelChoice::TimeDecay => vec![Model::TimeDecay],
            ModelChoice::Markov => vec![Model::Markov1],
            ModelChoice::Markov2 => vec![Model::Markov2],
            ModelChoice::Markov3 => vec![Model::Markov3],
            ModelChoice::All => Model::ALL.to_vec(),
        }
    }
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned text tables with a totals row.
    Table,
    /// One row per model and channel, plus a total row per model.
    Csv,
    /// Everything, including the Markov chains' removal effects.
    Json,
}

fn half_life(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(days) if days.is_finite() && days > 0.0 => Ok(days),
        _ => Err(format!("`{text}` is not a positive number of days")),
    }
}

/// Runs `ebr attribution`.
pub fn run(args: Args) -> color_eyre::Result<ExitCode> {
    let flags = ebr::config::Flags {
        half_life_days: args.half_life,
        ..Default::default()
    };
    let config = match super::settings::resolve("attribution", &flags) {
        Ok(config) => config,
        Err(code) => return Ok(code),
    };
    let shown = args.file.display().to_string();
    let paths = match read(&args.file) {
        Ok(paths) => paths,
        Err(ReadError::Io(err)) => {
            say!("ebr attribution: cannot read {shown}: {err}");
            return Ok(ExitCode::FAILURE);
        }
        Err(ReadError::Invalid(rows)) => {
            for row in rows.iter().take(MAX_LISTED_ERRORS) {
                say!("{shown}:{}: {}", row.line, row.reason);
            }
            if rows.len() > MAX_LISTED_ERRORS {
                say!(
                    "... and {} more invalid rows",
                    rows.len() - MAX_LISTED_ERRORS
                );
            }
            say!(
                "ebr attribution: {shown}: {} invalid row(s); nothing credited",
                rows.len()
            );
            return Ok(ExitCode::FAILURE);
        }
    };
    let options = ModelOptions {
        half_life_days: config.half_life_days.value,
    };
    let mut runs = Vec::new();
    let mut skipped = Vec::new();
    let progress = super::progress::StderrProgress::new();
    let report = |model: Model, done: usize, of: usize| {
        progress.report(
            &format!("ebr attribution: {model}: removal effects"),
            done,
            of,
        );
    };
    for (model, result) in run_all(&args.model.models(), &paths, &options, &report) {
        match result {
            Ok(run) => runs.push(run),
            Err(err) => skipped.push((model, reason(&err))),
        }
    }
    // Tables and JSON carry the models not computed in their output; CSV rows cannot, so they
    // go to standard error, as does the reason when no model at all could run.
    if runs.is_empty() || args.format == Format::Csv {
        for (model, why) in &skipped {
            say!("ebr attribution: {model}: not computed: {why}");
        }
    }
    if runs.is_empty() {
        return Ok(ExitCode::FAILURE);
    }
    let report = Report::new(&shown, &paths, &runs, &skipped);
    let mut out = io::stdout().lock();
    match args.format {
        Format::Table => write_tables(&mut PrintableWriter::new(&mut out), &report)?,
        Format::Csv => write_csv(&mut out, &report)?,
        Format::Json => {
            let json = serde_json::to_string_pretty(&report)?;
            writeln!(out, "{}", json_escaped(&json))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn read(file: &PathBuf) -> Result<PathSet, ReadError> {
    let input: Box<dyn Read> = if file.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(BufReader::new(File::open(file)?))
    };
    read_path_export(input)
}

fn reason(err: &ModelError) -> String {
    match err {
        ModelError::MissingDays { .. } => "time decay needs the days before conversion of every \
                                           touch, which the path export layout does not carry"
            .to_owned(),
        other => other.to_string(),
    }
}

/// What is printed, in every format.
#[derive(Serialize)]
struct Report<'a> {
    file: &'a str,
    paths: usize,
    total_conversions: u64,
    total_value: Decimal,
    total_nulls: u64,
    channels: &'a [String],
    models: Vec<ModelReport<'a>>,
    not_computed: Vec<NotComputed>,
}

#[derive(Serialize)]
struct ModelReport<'a> {
    model: &'static str,
    label: &'static str,
    credits: Vec<ChannelCredit<'a>>,
    total: Amount,
    #[serde(skip_serializing_if = "Option::is_none")]
    markov: Option<&'a MarkovDetails>,
}

/// One channel's credit under one model: unrounded for machines (CSV, JSON), and as the table
/// shows it for people (apportioned to hundredths and cents so the column adds up).
#[derive(Serialize)]
struct ChannelCredit<'a> {
    channel: &'a str,
    /// The model's share at full precision.
    #[serde(rename = "conversions")]
    exact_conversions: Decimal,
    /// The model's share of value at full precision.
    #[serde(rename = "value")]
    exact_value: Decimal,
    #[serde(skip)]
    conversions: Decimal,
    #[serde(skip)]
    value: Decimal,
}

/// An unrounded share as a decimal (the shortest that reads back as the same float); the
/// shown value should the float not be finite.
fn exact(raw: Option<&f64>, shown: Decimal) -> Decimal {
    raw.and_then(|&r| Decimal::from_f64(r)).unwrap_or(shown)
}

#[derive(Serialize)]
struct Amount {
    conversions: Decimal,
    value: Decimal,
}

#[derive(Serialize)]
struct NotComputed {
    model: &'static str,
    reason: String,
}

impl<'a> Report<'a> {
    fn new(
        file: &'a str,
        paths: &'a PathSet,
        runs: &'a [ModelRun],
        skipped: &[(Model, String)],
    ) -> Report<'a> {
        let totals = paths.totals();
        let models = runs
            .iter()
            .map(|run| ModelReport {
                model: run.model.name(),
                label: run.model.label(),
                credits: paths
                    .channels()
                    .iter()
                    .enumerate()
                    .map(|(i, channel)| ChannelCredit {
                        channel,
                        exact_conversions: exact(
                            run.raw_conversions.get(i),
                            run.credits.conversions[i],
                        ),
                        exact_value: exact(run.raw_value.get(i), run.credits.value[i].0),
                        conversions: run.credits.conversions[i],
                        value: run.credits.value[i].0,
                    })
                    .collect(),
                total: Amount {
                    conversions: run.credits.total_conversions,
                    value: run.credits.total_value.0,
                },
                markov: run.markov.as_ref(),
            })
            .collect();
        Report {
            file,
            paths: totals.paths,
            total_conversions: totals.conversions,
            total_value: totals.value,
            total_nulls: totals.nulls,
            channels: paths.channels(),
            models,
            not_computed: skipped
                .iter()
                .map(|(m, why)| NotComputed {
                    model: m.name(),
                    reason: why.clone(),
                })
                .collect(),
        }
    }
}

/// A table of the all-models view: its title, a channel's cell and the total's cell.
type Column = (
    &'static str,
    fn(&ChannelCredit<'_>) -> Decimal,
    fn(&Amount) -> Decimal,
);

fn write_tables(out: &mut impl Write, report: &Report<'_>) -> io::Result<()> {
    let mut value = report.total_value;
    value.rescale(value.scale().max(2));
    writeln!(
        out,
        "{}: {} paths; conversions {}, value {}, nulls (journeys without conversion) {}",
        report.file, report.paths, report.total_conversions, value, report.total_nulls
    )?;
    if let [single] = report.models.as_slice() {
        writeln!(
            out,
            "\n{} (`ebr attribution --model {}`)",
            single.label, single.model
        )?;
        let header = vec![
            "channel".to_owned(),
            "conversions".to_owned(),
            "value".to_owned(),
        ];
        let mut rows: Vec<Vec<String>> = single
            .credits
            .iter()
            .map(|c| {
                vec![
                    c.channel.to_owned(),
                    c.conversions.to_string(),
                    c.value.to_string(),
                ]
            })
            .collect();
        rows.push(vec![
            "TOTAL".to_owned(),
            single.total.conversions.to_string(),
            single.total.value.to_string(),
        ]);
        return write_table(out, &header, &rows);
    }
    let columns: [Column; 2] = [
        ("Conversions credited", |c| c.conversions, |t| t.conversions),
        ("Value credited", |c| c.value, |t| t.value),
    ];
    for (title, part, total) in columns {
        writeln!(out, "\n{title}")?;
        let mut header = vec!["channel".to_owned()];
        header.extend(report.models.iter().map(|m| m.model.to_owned()));
        let mut rows: Vec<Vec<String>> = report
            .channels
            .iter()
            .enumerate()
            .map(|(i, channel)| {
                let mut row = vec![channel.clone()];
                row.extend(
                    report
                        .models
                        .iter()
                        .map(|m| part(&m.credits[i]).to_string()),
                );
                row
            })
            .collect();
        let mut totals = vec!["TOTAL".to_owned()];
        totals.extend(report.models.iter().map(|m| total(&m.total).to_string()));
        rows.push(totals);
        write_table(out, &header, &rows)?;
    }
    for skipped in &report.not_computed {
        writeln!(out, "\n{}: not computed: {}", skipped.model, skipped.reason)?;
    }
    Ok(())
}

/// An aligned table: the first column left-aligned, numbers right-aligned, the last row (the
/// totals) under a rule.
fn write_table(out: &mut impl Write, header: &[String], rows: &[Vec<String>]) -> io::Result<()> {
    let mut aligns = vec![Align::Right; header.len()];
    if let Some(first) = aligns.first_mut() {
        *first = Align::Left;
    }
    Aligned {
        header: header.to_vec(),
        aligns,
        rows: rows.to_vec(),
        rule_before: rows.len().checked_sub(1),
    }
    .write(out)
}

fn write_csv(out: &mut impl Write, report: &Report<'_>) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let to_io = |e: csv::Error| io::Error::other(e.to_string());
    writer
        .write_record(["model", "row", "channel", "conversions", "value"])
        .map_err(to_io)?;
    for model in &report.models {
        for credit in &model.credits {
            writer
                .write_record([
                    model.model,
                    "channel",
                    // CSV quotes what it must; a control in a channel name is shown, not obeyed.
                    &printable(credit.channel),
                    &credit.exact_conversions.to_string(),
                    &credit.exact_value.to_string(),
                ])
                .map_err(to_io)?;
        }
        writer
            .write_record([
                model.model,
                "total",
                "",
                &model.total.conversions.to_string(),
                &model.total.value.to_string(),
            ])
            .map_err(to_io)?;
    }
    writer.flush()
}
