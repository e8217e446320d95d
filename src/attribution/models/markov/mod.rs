//! The Markov models: removal effects of an absorbing chain, computed exactly.
//!
//! The chain is built once from the paths' transition counts ([`chain`]). The conversion
//! probability from the start state is the solution of a sparse linear system ([`solve`]).
//! Removing a channel holds every state that contains it at zero (its visits end in null, the
//! other probabilities unchanged); the removal effect is the share of the conversion probability
//! lost. In a first-order chain every removal effect comes from one inversion
//! ([`first_order`]); otherwise each removal is solved from the full solution as a starting
//! point, in parallel. The
//! same is done with the chain weighted by conversion value, so value is credited by what a
//! channel contributes to value, not only to the number of conversions.

pub mod chain;
pub mod first_order;
pub mod solve;

use rayon::prelude::*;
use serde::Serialize;

use super::ModelError;
use crate::attribution::paths::{PathSet, Totals};
use chain::Chain;
use rust_decimal::prelude::ToPrimitive;
use solve::Method;

/// The chain behind a Markov model's credit, for the screen and `--format json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarkovDetails {
    /// Order of the chain (channels per state).
    pub order: usize,
    /// Transient states reached by the paths.
    pub states: usize,
    /// Transitions between transient states.
    pub transitions: usize,
    /// Probability that a journey converts (equals conversions / journeys).
    pub conversion_probability: f64,
    /// Expected conversion value per journey (equals value / journeys).
    pub value_per_journey: f64,
    /// Per channel: share of the conversion probability lost when the channel is removed.
    pub removal_effects: Vec<f64>,
    /// Per channel: share of the expected value lost when the channel is removed.
    pub value_removal_effects: Vec<f64>,
    /// How the system without removal was solved.
    pub method: Method,
}

impl MarkovDetails {
    /// Unrounded credit per channel: the totals shared in proportion to the removal effects.
    pub fn shares(&self, totals: Totals) -> (Vec<f64>, Vec<f64>) {
        (
            proportional(&self.removal_effects, totals.conversions as f64),
            proportional(
                &self.value_removal_effects,
                totals.value.to_f64().unwrap_or(0.0),
            ),
        )
    }
}

fn proportional(effects: &[f64], total: f64) -> Vec<f64> {
    let sum: f64 = effects.iter().sum();
    effects
        .iter()
        .map(|&e| if sum > 0.0 { total * e / sum } else { 0.0 })
        .collect()
}

/// Builds the chain of `order` over the paths and computes every channel's removal effects.
pub fn removal_effects(paths: &PathSet, order: usize) -> Result<MarkovDetails, ModelError> {
    let chain = Chain::build(paths, order);
    removal_effects_of(&chain, paths.channels().len(), order)
}

/// Removal effects of `channels` channels on a built chain.
pub fn removal_effects_of(
    chain: &Chain,
    channels: usize,
    order: usize,
) -> Result<MarkovDetails, ModelError> {
    removal_effects_reporting(chain, channels, order, &|_, _| {})
}

/// [`removal_effects_of`], telling `progress` how far it is (done, of) on the way: the one
/// step that can take seconds (a chain of thousands of channels).
pub fn removal_effects_reporting(
    chain: &Chain,
    channels: usize,
    order: usize,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<MarkovDetails, ModelError> {
    if order == 1 && chain.len() <= solve::DENSE_LIMIT {
        let not_converged = ModelError::NotConverged {
            order,
            states: chain.len(),
        };
        let (full, method) = solve::solve(chain, &vec![false; chain.len()], None)
            .ok_or_else(|| not_converged.clone())?;
        let n = first_order::fundamental(chain, progress).ok_or(not_converged)?;
        let reach = first_order::reach(chain, &n);
        let base = solve::from_start(chain, &full);
        let mut details = details(chain, order, base, method);
        for states in chain.states_with_channel(channels) {
            // One state per channel in a first-order chain; none when it is never touched.
            let [conv, value] = states.first().map_or([0.0; 2], |&s| {
                let (h, x) = (reach[s as usize], full[s as usize]);
                [
                    lost(base[0], base[0] - h * x[0]),
                    lost(base[1], base[1] - h * x[1]),
                ]
            });
            details.removal_effects.push(conv);
            details.value_removal_effects.push(value);
        }
        return Ok(details);
    }
    removal_effects_solved(chain, channels, order)
}

fn details(chain: &Chain, order: usize, base: [f64; 2], method: Method) -> MarkovDetails {
    MarkovDetails {
        order,
        states: chain.len(),
        transitions: chain.col.len(),
        conversion_probability: base[0],
        value_per_journey: base[1],
        removal_effects: Vec::new(),
        value_removal_effects: Vec::new(),
        method,
    }
}

/// Removal effects by one solve of the chain per channel, its states held at zero: any order.
pub fn removal_effects_solved(
    chain: &Chain,
    channels: usize,
    order: usize,
) -> Result<MarkovDetails, ModelError> {
    let not_converged = ModelError::NotConverged {
        order,
        states: chain.len(),
    };
    let nothing_removed = vec![false; chain.len()];
    let (full, method) =
        solve::solve(chain, &nothing_removed, None).ok_or_else(|| not_converged.clone())?;
    let base = solve::from_start(chain, &full);
    let with_channel = chain.states_with_channel(channels);
    let effects: Vec<Option<[f64; 2]>> = with_channel
        .par_iter()
        .map(|states| {
            if states.is_empty() {
                return Some([0.0; 2]);
            }
            let mut removed = vec![false; chain.len()];
            for &s in states {
                removed[s as usize] = true;
            }
            let (x, _) = solve::solve(chain, &removed, Some(&full))?;
            let without = solve::from_start(chain, &x);
            Some([lost(base[0], without[0]), lost(base[1], without[1])])
        })
        .collect();
    let mut details = details(chain, order, base, method);
    for effect in effects {
        let [conv, value] = effect.ok_or_else(|| not_converged.clone())?;
        details.removal_effects.push(conv);
        details.value_removal_effects.push(value);
    }
    Ok(details)
}

/// The share of `base` lost when it drops to `without`. Removing states can only lower an
/// absorption probability, so a negative result is rounding noise and reads as zero.
fn lost(base: f64, without: f64) -> f64 {
    if base > 0.0 {
        (1.0 - without / base).clamp(0.0, 1.0)
    } else {
        0.0
    }
}
