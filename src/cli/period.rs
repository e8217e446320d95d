//! `--period` and `--compare`, shared by `ebr view` and `ebr render`: which period is under
//! review and which one it is compared with.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ebr::app::{Action, App, Display};
use ebr::compare::{ComparePeriod, PeriodChoiceError};
use ebr::load::{self, LoadFailure};
use ebr::model::{Library, PeriodId};

use super::{INVALID_DATA, USAGE};

/// The periods on screen.
#[derive(Debug, Default, clap::Args)]
pub struct PeriodArgs {
    /// The period under review, e.g. `2026-10` or `2026-Q3` (default: the latest month).
    #[arg(long, value_name = "PERIOD")]
    pub period: Option<PeriodId>,
    /// What to compare it with: `previous` (the default: the period before, same
    /// granularity), `yoy` (a year earlier), `none`, a loaded period such as `2026-09`, or a
    /// snapshot FILE, loaded beside the others.
    #[arg(long, value_name = "previous|yoy|none|PERIOD|FILE")]
    pub compare: Option<String>,
    /// Start in the split view: both periods side by side, rows matched by id (`v` toggles).
    #[arg(long)]
    pub split: bool,
}

/// What `--compare` asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Compare {
    /// No comparison.
    Off,
    /// A period relative to the current one, or a named one.
    Period(ComparePeriod),
    /// A snapshot file to load and compare with.
    File(PathBuf),
}

impl PeriodArgs {
    /// How the compared period follows the one under review (`None`: no comparison), when
    /// `--compare` names no file: the periods to show are then known from the periods loaded.
    pub fn relative(&self) -> Option<Option<ComparePeriod>> {
        match self.compare() {
            Compare::Off => Some(None),
            Compare::Period(period) => Some(Some(period)),
            Compare::File(_) => None,
        }
    }

    fn compare(&self) -> Compare {
        let Some(text) = self.compare.as_deref() else {
            return Compare::Period(ComparePeriod::Previous);
        };
        if matches!(text.trim().to_ascii_lowercase().as_str(), "none" | "off") {
            return Compare::Off;
        }
        match text.parse::<ComparePeriod>() {
            Ok(period) if !Path::new(text).is_file() => Compare::Period(period),
            _ => Compare::File(PathBuf::from(text)),
        }
    }
}

/// Opens the app on the periods asked for. On a problem, prints it (naming the loaded periods
/// when one asked for is not loaded) and returns the exit code: 2 for a period or file that
/// cannot be used, 1 for a compared file that is not a valid snapshot.
pub fn open(
    mut library: Library,
    display: Display,
    args: &PeriodArgs,
    command: &str,
) -> Result<App, ExitCode> {
    let compare = match args.compare() {
        Compare::Off => None,
        Compare::Period(period) => Some(period),
        Compare::File(path) => Some(ComparePeriod::Explicit(add_file(
            &mut library,
            &path,
            command,
        )?)),
    };
    let mut app = App::open(library, display, args.period, compare).map_err(|err| {
        say!("ebr {command}: {err}");
        ExitCode::from(match err {
            PeriodChoiceError::Empty => INVALID_DATA,
            PeriodChoiceError::NotLoaded { .. } | PeriodChoiceError::MixedGranularity { .. } => {
                USAGE
            }
        })
    })?;
    if args.split {
        app.update(Action::ToggleSplit);
    }
    Ok(app)
}

/// Loads the snapshot of `--compare FILE` into the library and returns its period. The file
/// must hold one snapshot of the same ecosystem; a period already loaded from the other paths
/// is fine when it is the same snapshot.
fn add_file(library: &mut Library, path: &Path, command: &str) -> Result<PeriodId, ExitCode> {
    let usage = |message: String| {
        say!("ebr {command}: --compare {}: {message}", path.display());
        ExitCode::from(USAGE)
    };
    let (loaded, warnings) = match load::load_paths(&[path.to_path_buf()]) {
        Ok(loaded) => loaded,
        Err(LoadFailure::Usage(err)) => {
            return Err(usage(format!(
                "{err}; expected previous, yoy, none, a period such as 2026-09, or a snapshot file"
            )));
        }
        Err(LoadFailure::Invalid(diagnostics)) => {
            for d in diagnostics {
                say!("{d}");
            }
            return Err(ExitCode::from(INVALID_DATA));
        }
    };
    for warning in warnings {
        say!("{warning}");
    }
    let mut snapshots = loaded.iter();
    let (Some(snapshot), None) = (snapshots.next(), snapshots.next()) else {
        return Err(usage(format!(
            "expected one snapshot, found {}",
            loaded.len()
        )));
    };
    let period = snapshot.period.id;
    if let Some(ours) = library.iter().next()
        && ours.ecosystem.id != snapshot.ecosystem.id
    {
        return Err(usage(format!(
            "ecosystem `{}` is not the one loaded (`{}`)",
            snapshot.ecosystem.id, ours.ecosystem.id
        )));
    }
    match library.get(period) {
        Some(same) if **same == **snapshot => {}
        Some(_) => {
            return Err(usage(format!(
                "{period} is also loaded from the other paths, with other figures; name one of them"
            )));
        }
        None => {
            let snapshot = (**snapshot).clone();
            if library.insert(snapshot).is_err() {
                return Err(usage(format!("{period} is loaded twice")));
            }
        }
    }
    Ok(period)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(compare: Option<&str>) -> PeriodArgs {
        PeriodArgs {
            period: None,
            compare: compare.map(str::to_owned),
            split: false,
        }
    }

    #[test]
    fn compare_reads_periods_words_and_files() {
        assert_eq!(
            args(None).compare(),
            Compare::Period(ComparePeriod::Previous)
        );
        assert_eq!(args(Some("none")).compare(), Compare::Off);
        assert_eq!(
            args(Some("YoY")).compare(),
            Compare::Period(ComparePeriod::YearAgo)
        );
        assert_eq!(
            args(Some("2026-09")).compare(),
            Compare::Period(ComparePeriod::Explicit("2026-09".parse().unwrap()))
        );
        assert_eq!(
            args(Some("old/sep.toml")).compare(),
            Compare::File(PathBuf::from("old/sep.toml"))
        );
    }
}
