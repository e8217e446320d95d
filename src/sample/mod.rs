//! The deterministic sample-ecosystem generator behind `data/` and the benchmarks.
//!
//! [`generate`] makes `months` consecutive monthly snapshots of an invented OEM's network
//! ("Aurora Motors North America") ending at `end`, plus the quarterly snapshots complete within
//! them (see [`quarter`] for how a quarter is made from its months). The same [`SampleSpec`]
//! always gives the same snapshots, byte for byte once written: randomness comes from a seeded
//! SplitMix64 keyed per entity ([`rng`]), never from the clock or hash-map order.
//!
//! [`bundled`] is the sample shipped in `data/`, built in memory, so `ebr` with no arguments works
//! from any folder; a test checks it equals the files in `data/`.

mod dealer;
mod journeys;
mod maturity;
mod names;
mod network;
mod paths;
pub mod quarter;
pub mod raw;
mod review;
pub mod rng;
mod stack;
mod timeline;
mod totals;
mod write;

use std::fmt;
use std::str::FromStr;

use rayon::prelude::*;

use crate::model::{
    Ecosystem, Granularity, Library, PeriodId, PeriodInfo, SCHEMA_VERSION, Snapshot,
};

use network::{Network, stream};
use rng::Rng;
use timeline::Month;
use totals::Totals;

pub use write::{SampleError, SampleFile, render, write};

/// Which file format the generator writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Format {
    /// Every file JSON.
    Json,
    /// Every file TOML.
    Toml,
    /// Months and quarters with an odd number (January, March... Q1, Q3) in TOML, the others in
    /// JSON, so both readers are exercised on real data.
    #[default]
    Mixed,
}

impl Format {
    /// The file extension for `period` in this format.
    pub fn extension(self, period: PeriodId) -> &'static str {
        let odd = match period.granularity() {
            Granularity::Month => period.start().format("%m").to_string(),
            Granularity::Quarter => period.to_string(),
        }
        .ends_with(['1', '3', '5', '7', '9']);
        match self {
            Format::Json => "json",
            Format::Toml => "toml",
            Format::Mixed if odd => "toml",
            Format::Mixed => "json",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Json => "json",
            Format::Toml => "toml",
            Format::Mixed => "mixed",
        })
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "json" => Ok(Format::Json),
            "toml" => Ok(Format::Toml),
            "mixed" => Ok(Format::Mixed),
            other => Err(format!(
                "`{other}` is not a format: expected json, toml or mixed"
            )),
        }
    }
}

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SampleSpec {
    /// Dealers (rooftops) in the network; groups of 3-8 dealers and up to 8 regions follow.
    pub dealers: usize,
    /// Consecutive monthly snapshots.
    pub months: usize,
    /// Seed of every random draw.
    pub seed: u64,
    /// The last month (a quarter means its last month).
    pub end: PeriodId,
    /// File format when written.
    pub format: Format,
}

impl SampleSpec {
    /// The spec of the sample in `data/`: 60 dealers, 13 months to October 2026, seed 2026.
    pub fn bundled() -> SampleSpec {
        SampleSpec {
            dealers: 60,
            months: 13,
            seed: 2026,
            end: PeriodId::month(2026, 10).unwrap_or_else(|| unreachable!("October is a month")),
            format: Format::Mixed,
        }
    }

    /// The monthly periods, earliest first.
    pub fn month_periods(&self) -> Vec<PeriodId> {
        let last = *self.end.months().last().unwrap_or(&self.end);
        let mut periods: Vec<PeriodId> = std::iter::successors(Some(last), |p| p.previous())
            .take(self.months)
            .collect();
        periods.reverse();
        periods
    }

    /// Why the spec cannot be generated, if it cannot.
    pub fn problem(&self) -> Option<String> {
        if self.dealers == 0 {
            Some("--dealers must be at least 1".to_owned())
        } else if self.months == 0 {
            Some("--months must be at least 1".to_owned())
        } else if self.month_periods().len() < self.months {
            Some(format!(
                "{} months ending {} would start before the year 1000",
                self.months, self.end
            ))
        } else {
            None
        }
    }
}

impl Default for SampleSpec {
    fn default() -> Self {
        SampleSpec::bundled()
    }
}

/// The ecosystem every sample describes.
fn ecosystem() -> Ecosystem {
    Ecosystem {
        id: "aurora-na".to_owned(),
        name: "Aurora Motors North America".to_owned(),
        oem: "Aurora Motors".to_owned(),
        currency: "USD".to_owned(),
    }
}

/// The monthly snapshots, then the quarters complete within them, in period order.
pub fn generate(spec: &SampleSpec) -> Vec<Snapshot> {
    let net = Network::build(spec.seed, spec.dealers, spec.months);
    let universe = paths::universe(spec.seed);
    let periods = spec.month_periods();
    let total = periods.len();
    let months: Vec<Snapshot> = periods
        .par_iter()
        .enumerate()
        .map(|(t, &period)| {
            month_snapshot(spec.seed, &net, &universe, &Month::new(t, total, period))
        })
        .collect();

    let mut quarters: Vec<PeriodId> = periods.iter().map(|p| p.quarter_of()).collect();
    quarters.dedup();
    let rolled: Vec<Snapshot> = quarters
        .par_iter()
        .filter_map(|&q| {
            let parts: Vec<&Snapshot> = months
                .iter()
                .filter(|s| s.period.id.quarter_of() == q)
                .collect();
            if parts.len() != 3 {
                return None;
            }
            let mut snapshot = quarter::roll_up(q, &parts)?;
            snapshot.provenance = review::provenance(q, 5, false);
            let parts: Vec<Month> = periods
                .iter()
                .enumerate()
                .filter(|(_, p)| p.quarter_of() == q)
                .map(|(t, &p)| Month::new(t, total, p))
                .collect();
            let totals = Totals::of(&snapshot.dealers);
            snapshot.commentary = review::quarter_commentary(q, &totals, &net, &parts);
            Some(snapshot)
        })
        .collect();
    let mut all = months;
    all.extend(rolled);
    all.sort_by_key(|s| s.period.id);
    all
}

fn month_snapshot(seed: u64, net: &Network, universe: &[paths::PathShape], m: &Month) -> Snapshot {
    let dealers: Vec<_> = (0..net.dealers.len())
        .filter(|&i| net.dealers[i].present(m.t))
        .map(|i| dealer::dealer_month(seed, net, i, m))
        .collect();
    let tot = Totals::of(&dealers);
    let key = timeline::ordinal(m.period);
    let mut rng = Rng::keyed(seed, &[stream::ECOSYSTEM_MONTH, key]);
    Snapshot {
        schema_version: SCHEMA_VERSION,
        ecosystem: ecosystem(),
        period: PeriodInfo {
            id: m.period,
            start: m.period.start(),
            end: m.period.end(),
            fiscal_year_start_month: None,
        },
        provenance: review::provenance(m.period, 3, m.t % 4 == 2),
        commentary: review::month_commentary(net, &tot, m),
        regions: net.regions.clone(),
        dealer_groups: net.groups.clone(),
        actors: net.actors.clone(),
        channels: net.channels.clone(),
        journeys: journeys::journeys(net, &tot, &mut rng),
        attribution: paths::paths(seed, universe, key, tot.facts.sales_from_leads),
        stack: stack::stack(net.dealers.len(), dealers.len(), m, &mut rng),
        pnl: stack::pnl(&tot, m, &mut rng),
        maturity: maturity::maturity(m),
        targets: review::targets(),
        dealers,
    }
}

/// The sample shipped in `data/`, built in memory: what `ebr` opens with no arguments.
pub fn bundled() -> Library {
    let mut library = Library::new();
    for snapshot in generate(&SampleSpec::bundled()) {
        // Periods are distinct by construction; a duplicate would be a generator bug.
        let inserted = library.insert(snapshot);
        debug_assert!(inserted.is_ok(), "{inserted:?}");
    }
    library
}

#[cfg(test)]
mod tests;
