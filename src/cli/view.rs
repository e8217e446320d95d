//! `ebr view [PATH...]` (and `ebr` with no command): the dashboard.
//!
//! The snapshots are loaded and validated before the terminal is touched, so a bad file gives
//! the loader's error and exit 1 on a normal screen. When stdout is not a terminal, or TERM is
//! `dumb`, a plain-text report of every tab is printed instead of the dashboard.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::str::FromStr;

use ebr::agenda::resolve::breakdown_of;
use ebr::app::{Action, App, Loading, Tab, path};
use ebr::attribution::Model;
use ebr::config::{ColorWhen, Flags};
use ebr::load::{self, LoadFailure, UsageError};
use ebr::model::{Library, PeriodId};

use super::{INVALID_DATA, SUCCESS, USAGE};

/// Where the snapshots come from: files or folders, or the bundled sample.
#[derive(Debug, Default, clap::Args)]
pub struct Input {
    /// Snapshot files (.toml, .json) or folders holding them; default: the bundled sample.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// How the screen looks.
#[derive(Debug, Default, clap::Args)]
pub struct Look {
    /// Colours: auto (honours NO_COLOR; the default), always or never.
    #[arg(long, value_enum, value_name = "WHEN")]
    pub color: Option<ColorWhen>,
    /// ASCII only: +/- instead of ▲/▼, plain borders.
    #[arg(long)]
    pub ascii: bool,
}

/// Which view of the data: a tab and a drill location.
#[derive(Debug, clap::Args)]
pub struct At {
    /// The tab: overview, journeys, segments, dealers, maturity, pnl or attribution.
    #[arg(long, value_parser = Tab::from_str)]
    pub tab: Tab,
    /// Where to drill: region/group/dealer by id or name, e.g. `west/g-03/d-017`; a lone group
    /// or dealer id works too.
    #[arg(long, value_name = "PATH", default_value = "")]
    pub drill: String,
    /// Segments: hierarchy, tier, size, locale or ev; Attribution: ledger, channels or actors.
    #[arg(long, value_name = "BREAKDOWN")]
    pub breakdown: Option<String>,
    /// The attribution model: first, last, linear, position, time-decay, markov, markov2, markov3.
    #[arg(long, value_parser = Model::from_str)]
    pub model: Option<Model>,
}

impl At {
    /// Moves `app` to the tab, drill location, breakdown and model; an unknown drill path or
    /// a breakdown the tab has not is a usage error, reported as `ebr COMMAND: ...`.
    pub fn go(&self, app: &mut App, command: &str) -> Result<(), ExitCode> {
        let usage = |err: &dyn std::fmt::Display| {
            say!("ebr {command}: {err}");
            ExitCode::from(USAGE)
        };
        app.update(Action::GoTab(self.tab));
        let level = path::resolve(app.scorecard(), &self.drill).map_err(|e| usage(&e))?;
        app.update(Action::DrillTo(level));
        if self.breakdown.is_none() && self.model.is_none() {
            return Ok(());
        }
        let mut mark = app.bookmark();
        if let Some(text) = &self.breakdown {
            let (dimension, breakdown) =
                breakdown_of(self.tab, text).map_err(|e| usage(&format!("--breakdown: {e}")))?;
            mark.dimension = dimension.unwrap_or(mark.dimension);
            mark.breakdown = breakdown.unwrap_or(mark.breakdown);
        }
        mark.model = self.model.unwrap_or(mark.model);
        app.update(Action::Show(Box::new(mark)));
        Ok(())
    }
}

impl Look {
    /// The flags as settings: `--ascii` only ever turns ASCII on.
    pub fn flags(&self) -> Flags {
        Flags {
            color: self.color,
            ascii: self.ascii.then_some(true),
            ..Flags::default()
        }
    }
}

/// Arguments of `ebr view`.
#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Snapshots to open.
    #[command(flatten)]
    pub input: Input,
    /// Colours and glyphs.
    #[command(flatten)]
    pub look: Look,
    /// The periods under review and compared.
    #[command(flatten)]
    pub periods: super::period::PeriodArgs,
    /// Present this agenda (`*.agenda.toml`): the same as `ebr present AGENDA PATH...`.
    #[arg(long, value_name = "AGENDA", conflicts_with_all = ["period", "compare", "split"])]
    pub agenda: Option<PathBuf>,
}

/// Loads the snapshots named on the command line, or the bundled sample. On failure the
/// loader's diagnostics are printed and the exit code to use is returned.
pub fn load_library(input: &Input, command: &str) -> Result<Library, ExitCode> {
    load_with_files(input, command).map(|(library, _)| library)
}

/// [`load_library`], also returning each file read and the period of its snapshot (none for
/// the bundled sample).
pub fn load_with_files(
    input: &Input,
    command: &str,
) -> Result<(Library, Vec<(PathBuf, PeriodId)>), ExitCode> {
    if input.paths.is_empty() {
        return Ok((ebr::sample::bundled(), Vec::new()));
    }
    let usage = |usage: UsageError| {
        say!("ebr {command}: {usage}");
        ExitCode::from(USAGE)
    };
    let set = load::load_set(&input.paths).map_err(usage)?;
    let files = set
        .files
        .iter()
        .flatten()
        .map(|loaded| (loaded.file.clone(), loaded.snapshot.period.id))
        .collect();
    match set.into_library() {
        Ok((library, warnings)) => {
            for warning in warnings {
                say!("{warning}");
            }
            Ok((library, files))
        }
        Err(LoadFailure::Usage(err)) => Err(usage(err)),
        Err(LoadFailure::Invalid(diagnostics)) => {
            for d in diagnostics {
                say!("{d}");
            }
            Err(ExitCode::from(INVALID_DATA))
        }
    }
}

/// Runs `ebr view`.
pub fn run(mut args: Args) -> color_eyre::Result<ExitCode> {
    if let Some(agenda) = args.agenda {
        return super::present::run(super::present::Args {
            agenda,
            input: args.input,
            look: args.look,
            socket: None,
            rehearse: false,
        });
    }
    let config = match super::settings::of_view(
        "view",
        &args.look,
        &mut args.input,
        Some(&mut args.periods.compare),
    ) {
        Ok(config) => config,
        Err(code) => return Ok(code),
    };
    let interactive = std::io::stdout().is_terminal()
        && std::io::stdin().is_terminal()
        && std::env::var_os("TERM").is_none_or(|t| t != "dumb");
    let mut display = super::settings::display(&config);
    if !interactive {
        // A report for a file or a dumb terminal: ASCII marks, no escape sequences.
        display.colour = false;
    }
    // A big folder opens on the periods under review; the report needs every period.
    let first = if interactive {
        match super::first::open(&args.input.paths, &args.periods, display) {
            Ok(first) => first,
            Err(code) => return Ok(code),
        }
    } else {
        None
    };
    let (app, files, rest) = match first {
        Some(opened) => (opened.app, opened.files, Some(opened.total)),
        None => {
            let (library, files) = match load_with_files(&args.input, "view") {
                Ok(loaded) => loaded,
                Err(code) => return Ok(code),
            };
            match super::period::open(library, display, &args.periods, "view") {
                Ok(app) => (app, files, None),
                Err(code) => return Ok(code),
            }
        }
    };
    let mut app = super::settings::dress(app, &config);
    if interactive {
        let granularity = app.period().granularity();
        let context = super::live::context(
            &args.input.paths,
            &files,
            &config,
            granularity,
            rest.is_some(),
        );
        if let Some(total) = rest {
            app.update(Action::Loading(Loading { done: 0, total }));
        }
        ebr::ui::terminal::run(app, &context)?;
    } else {
        let mut out = ebr::export::PrintableWriter::new(std::io::stdout().lock());
        ebr::ui::report::write(app, &mut out)?;
    }
    Ok(ExitCode::from(SUCCESS))
}
