//! `ebr view` on a big folder: the periods under review are loaded before the first frame,
//! every other file in the background (see `ebr::watch::first`).

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;

use ebr::app::{App, Display};
use ebr::compare::resolve_among;
use ebr::load::{self, Listing, LoadFailure};
use ebr::model::PeriodId;
use ebr::watch::first::{self, FIRST_ABOVE_BYTES};

use super::INVALID_DATA;
use super::period::PeriodArgs;

/// A dashboard open on its periods under review, the others still to load.
pub struct Opened {
    /// The app on the periods under review.
    pub app: App,
    /// The files loaded for it, each with its period.
    pub files: Vec<(PathBuf, PeriodId)>,
    /// How many files the set holds in all.
    pub total: usize,
}

/// The app on the periods under review and what was loaded for it; `None` when the set is to be loaded whole first (small, a file whose head
/// does not say its period, `--compare FILE`, anything the full load reports better). A
/// problem in a file loaded now is printed and its exit code returned, as for a full load.
pub fn open(
    paths: &[PathBuf],
    periods: &PeriodArgs,
    display: Display,
) -> Result<Option<Opened>, ExitCode> {
    let Some(compare) = periods.relative() else {
        return Ok(None);
    };
    if paths.is_empty() {
        return Ok(None);
    }
    let Ok(listing) = load::list(paths) else {
        return Ok(None);
    };
    let above = if ebr::watch::held_for_test() {
        0
    } else {
        FIRST_ABOVE_BYTES
    };
    let choose = |known: &BTreeSet<PeriodId>| {
        let pair = resolve_among(known, periods.period, compare.unwrap_or_default()).ok()?;
        let compared = pair.compared.filter(|_| compare.is_some());
        Some(compared.into_iter().chain([pair.current]).collect())
    };
    let Some(plan) = first::plan(&listing, above, choose) else {
        return Ok(None);
    };
    let set = load::load_listed(
        Listing {
            files: plan.first,
            problems: Vec::new(),
        },
        &|_| {},
    );
    let files: Vec<(PathBuf, PeriodId)> = set
        .files
        .iter()
        .flatten()
        .map(|loaded| (loaded.file.clone(), loaded.snapshot.period.id))
        .collect();
    let library = match set.into_library() {
        Ok((library, warnings)) => {
            for warning in warnings {
                say!("{warning}");
            }
            library
        }
        Err(LoadFailure::Usage(_)) => return Ok(None),
        Err(LoadFailure::Invalid(diagnostics)) => {
            for d in diagnostics {
                say!("{d}");
            }
            return Err(ExitCode::from(INVALID_DATA));
        }
    };
    // A head that named another period than its file holds: load everything the usual way.
    if library.periods().collect::<BTreeSet<_>>() != plan.periods {
        return Ok(None);
    }
    let app = super::period::open(library, display, periods, "view")?;
    Ok(Some(Opened {
        app,
        files,
        total: plan.total,
    }))
}
