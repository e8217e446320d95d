//! Opening a big folder on the periods under review first: each file's period is read from
//! its first bytes ([`crate::load::peek`]), the files of the periods to show are loaded before
//! the first frame, and the watch loads every file in the background
//! ([`super::Reloader::loading_the_rest`]).
//!
//! Small sets are loaded whole before the first frame, as are sets where a file's head does
//! not say its period (it could be any period, the latest included): one way to open them,
//! and every problem reported before the terminal is touched.

use std::collections::BTreeSet;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::load::{Listing, peek};
use crate::model::PeriodId;

/// Sets of files above this size open on the periods under review first; below it every file
/// is loaded before the first frame (under half a second on two cores, even in TOML).
pub const FIRST_ABOVE_BYTES: u64 = 32 * 1024 * 1024;

/// What to load before the first frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The files of the periods to show, in listing order.
    pub first: Vec<PathBuf>,
    /// The periods to show, as their files' heads declare them.
    pub periods: BTreeSet<PeriodId>,
    /// How many files the set holds in all.
    pub total: usize,
}

/// Plans opening `listing`: `choose` names the periods to show among those the files' heads
/// declare (the period under review and its compared period). `None` when every file should
/// be loaded now: a problem with the listing, a set of at most `above` bytes, a file whose
/// head does not say its period, periods `choose` cannot resolve, or nothing left for later.
pub fn plan(
    listing: &Listing,
    above: u64,
    choose: impl Fn(&BTreeSet<PeriodId>) -> Option<BTreeSet<PeriodId>>,
) -> Option<Plan> {
    if !listing.problems.is_empty() {
        return None;
    }
    let bytes: u64 = listing
        .files
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .sum();
    if bytes <= above {
        return None;
    }
    let periods: Vec<PeriodId> = listing
        .files
        .par_iter()
        .map(|f| peek::period_of(f))
        .collect::<Option<_>>()?;
    let known: BTreeSet<PeriodId> = periods.iter().copied().collect();
    let wanted = choose(&known)?;
    let first: Vec<PathBuf> = listing
        .files
        .iter()
        .zip(&periods)
        .filter(|(_, p)| wanted.contains(p))
        .map(|(f, _)| f.clone())
        .collect();
    let total = listing.files.len();
    (first.len() < total).then_some(Plan {
        first,
        periods: wanted,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> PeriodId {
        text.parse().unwrap()
    }

    /// The bundled sample's files, listed as `ebr view data` lists them.
    fn bundled() -> Listing {
        crate::load::list(&[PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/data"))]).unwrap()
    }

    fn latest_two(known: &BTreeSet<PeriodId>) -> Option<BTreeSet<PeriodId>> {
        let pair = crate::compare::resolve_among(known, None, Default::default()).ok()?;
        Some(pair.compared.into_iter().chain([pair.current]).collect())
    }

    #[test]
    fn plans_the_files_of_the_periods_to_show_and_nothing_else() {
        let listing = bundled();
        let plan = plan(&listing, 0, latest_two).expect("a plan");
        let names: Vec<String> = plan
            .first
            .iter()
            .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["2026-09.toml", "2026-10.json"]);
        assert_eq!(plan.periods, [p("2026-09"), p("2026-10")].into());
        assert_eq!(plan.total, listing.files.len());
    }

    #[test]
    fn loads_everything_now_when_small_unknown_or_all_wanted() {
        let listing = bundled();
        assert_eq!(plan(&listing, u64::MAX, latest_two), None, "small");
        assert_eq!(plan(&listing, 0, |_| None), None, "not resolved");
        assert_eq!(plan(&listing, 0, |known| Some(known.clone())), None, "all");
        let dir = tempfile::tempdir().unwrap();
        let late = dir.path().join("late.json");
        // A file may hold its period after the dealers, beyond the head read: no answer.
        let padding = " ".repeat(peek::HEAD_BYTES as usize);
        let text = format!("{{\"dealers\": [{padding}], \"period\": {{\"id\": \"2030-01\"}}}}");
        std::fs::write(&late, text).unwrap();
        let mut with_late = listing.clone();
        with_late.files.push(late);
        assert_eq!(plan(&with_late, 0, latest_two), None, "a head says nothing");
    }
}
