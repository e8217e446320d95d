//! Conversion paths: a few hundred distinct touch sequences over the channels, the same set every
//! month (so a quarter sums them path by path), with monthly conversions, value and nulls.

use crate::model::{Attribution, ChannelId, ConversionPath, Touch};

use super::network::{CHANNELS, stream};
use super::rng::{Rng, count};
use super::timeline::{cents, money};

/// How many distinct paths the sample aims for.
const PATH_TARGET: usize = 300;

/// Path lengths 1-6 and how common each is.
const LENGTH_WEIGHTS: [f64; 6] = [0.2, 0.26, 0.22, 0.15, 0.1, 0.07];

/// Channel weights (same order as [`CHANNELS`]) for the first touch, a middle touch and the last
/// touch: upper-funnel media open paths, the showroom, dealer site and finance close them.
const FIRST: [f64; 12] = [
    0.2, 0.15, 0.08, 0.08, 0.07, 0.1, 0.1, 0.03, 0.02, 0.02, 0.12, 0.03,
];
const MIDDLE: [f64; 12] = [
    0.1, 0.08, 0.03, 0.14, 0.08, 0.16, 0.08, 0.06, 0.08, 0.04, 0.12, 0.03,
];
const LAST: [f64; 12] = [
    0.04, 0.03, 0.0, 0.08, 0.06, 0.2, 0.07, 0.22, 0.13, 0.05, 0.08, 0.04,
];

/// The connected-TV channel, whose exposure time is unknown (no `days_before`).
const CTV: usize = 2;

/// A path of the universe: its channels, days before conversion, and how it behaves.
#[derive(Clone, Debug)]
pub struct PathShape {
    channels: Vec<usize>,
    days: Vec<Option<u32>>,
    /// Share of the month's conversions, before normalisation.
    weight: f64,
    /// Deal size relative to the average.
    value_factor: f64,
    /// Non-converting journeys per conversion.
    null_ratio: f64,
}

/// The distinct paths of a sample, drawn once from the seed.
pub fn universe(seed: u64) -> Vec<PathShape> {
    let mut rng = Rng::keyed(seed, &[stream::PATHS]);
    let mut seen = std::collections::BTreeSet::new();
    let mut shapes = Vec::with_capacity(PATH_TARGET);
    for _ in 0..PATH_TARGET * 50 {
        if shapes.len() == PATH_TARGET {
            break;
        }
        let len = rng.weighted(&LENGTH_WEIGHTS) + 1;
        let channels: Vec<usize> = (0..len)
            .map(|k| {
                let weights = match k {
                    0 => &FIRST,
                    _ if k == len - 1 => &LAST,
                    _ => &MIDDLE,
                };
                rng.weighted(weights)
            })
            .collect();
        if !seen.insert(channels.clone()) {
            continue;
        }
        // Days before conversion shrink along the path; the last touch is 0-2 days out.
        let mut day = 3 + rng.below(58);
        let days = channels
            .iter()
            .enumerate()
            .map(|(k, &c)| {
                day = if k + 1 == len {
                    rng.below(3).min(day)
                } else if k == 0 {
                    day
                } else {
                    count(day as f64 * rng.range(0.2, 0.8))
                };
                (c != CTV).then_some(u32::try_from(day).unwrap_or(u32::MAX))
            })
            .collect();
        let skew = rng.unit();
        shapes.push(PathShape {
            weight: (0.03 + skew * skew * skew) / len as f64,
            value_factor: rng.range(0.85, 1.2),
            null_ratio: rng.range(6.0, 20.0) / len as f64,
            channels,
            days,
        });
    }
    shapes
}

/// The month's paths: `conversions` (the network's sales from leads) spread over the universe.
pub fn paths(seed: u64, universe: &[PathShape], month_key: u64, conversions: u64) -> Attribution {
    let mut rng = Rng::keyed(seed, &[stream::PATHS_MONTH, month_key]);
    let total_weight: f64 = universe.iter().map(|s| s.weight).sum();
    let paths = universe
        .iter()
        .map(|s| {
            let expected = conversions as f64 * s.weight / total_weight;
            let converted = count(expected * rng.jitter(0.3));
            ConversionPath {
                touches: s
                    .channels
                    .iter()
                    .zip(&s.days)
                    .map(|(&c, &days_before)| Touch {
                        channel: ChannelId(CHANNELS[c].0.to_owned()),
                        days_before,
                    })
                    .collect(),
                conversions: converted,
                value: money(cents(
                    converted as f64 * 39_000.0 * s.value_factor * rng.jitter(0.05),
                )),
                nulls: count(expected * s.null_ratio * rng.jitter(0.2)),
            }
        })
        .collect();
    Attribution { paths }
}
