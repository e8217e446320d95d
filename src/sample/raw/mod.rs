//! The raw exports of the sample ecosystem: what its CRM, DMS, marketing automation, ad
//! platforms, PRM and finance would export, event by event (`ebr sample --raw`).
//!
//! The events are made from the generator's monthly snapshots, so that aggregating them as
//! `docs/raw-exports.md` says gives back every snapshot exactly, months and quarters alike:
//! counts become that many events, amounts are split into lines to the cent, sums of minutes,
//! days and scores are spread so that every part stays valid. Nothing here is random: events are
//! spread evenly over the days and times of their month.
//!
//! One module per area: [`network`] (the reference files), [`crm`], [`dms`], [`programs`]
//! (campaigns, surveys, marketing spend, partner credits), [`journeys`], [`paths`], [`stack`]
//! (tools and P&L) and [`review`] (the hand-written `review.toml`).

mod crm;
mod dms;
mod journeys;
mod network;
mod paths;
mod programs;
mod review;
mod stack;
mod table;

use std::path::Path;

use rayon::prelude::*;

use crate::model::{Granularity, Snapshot};

use super::{SampleError, SampleSpec, generate};

/// One file written: its name in the output folder and its rows (without the header).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawFile {
    pub name: String,
    pub rows: u64,
}

/// What every writer reads: the generator's snapshots.
pub(crate) struct Ctx<'a> {
    /// Every snapshot, months and quarters, in period order.
    pub all: &'a [Snapshot],
    /// The monthly snapshots, earliest first.
    pub months: Vec<&'a Snapshot>,
}

impl<'a> Ctx<'a> {
    fn new(all: &'a [Snapshot]) -> Ctx<'a> {
        Ctx {
            all,
            months: all
                .iter()
                .filter(|s| s.period.id.granularity() == Granularity::Month)
                .collect(),
        }
    }

    /// The latest month: where the catalogues (names, kinds, stages) are read.
    fn latest(&self) -> Option<&'a Snapshot> {
        self.months.last().copied()
    }
}

/// A writer of one or more files of the export into a folder.
type Writer = fn(&Ctx, &Path) -> Result<Vec<RawFile>, SampleError>;

const WRITERS: [Writer; 8] = [
    network::write,
    crm::write,
    dms::write,
    programs::write,
    journeys::write,
    paths::write,
    stack::write,
    review::write,
];

/// Writes the raw exports of the sample `spec` describes into `dir` (created if missing) and
/// returns the files written, in name order.
///
/// Like `ebr sample`, files of other names in `dir` are left alone and files of the same name are
/// replaced. Everything is first written into a temporary folder inside `dir`, then each file is
/// renamed into place, so an interrupted run never leaves a half-written export behind.
pub fn write_raw(spec: &SampleSpec, dir: &Path) -> Result<Vec<RawFile>, SampleError> {
    if let Some(problem) = spec.problem() {
        return Err(SampleError::Spec(problem));
    }
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| SampleError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let temp = dir.join(format!(".ebr-raw-{}.tmp", std::process::id()));
    std::fs::create_dir_all(&temp).map_err(io(&temp))?;
    let written = write_into(spec, &temp).and_then(|files| {
        for file in &files {
            let to = dir.join(&file.name);
            std::fs::rename(temp.join(&file.name), &to).map_err(io(&to))?;
        }
        Ok(files)
    });
    // The folder is empty on success; on failure it holds the partial files, which go too.
    let _ = std::fs::remove_dir_all(&temp);
    written
}

fn write_into(spec: &SampleSpec, dir: &Path) -> Result<Vec<RawFile>, SampleError> {
    let snapshots = generate(spec);
    let ctx = Ctx::new(&snapshots);
    let mut files: Vec<RawFile> = WRITERS
        .par_iter()
        .map(|writer| writer(&ctx, dir))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}
