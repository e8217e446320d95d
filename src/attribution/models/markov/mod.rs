//! The Markov models: removal effects of an absorbing chain, computed exactly.
//!
//! The chain is built once from the paths' transition counts ([`chain`]). The conversion
//! probability from the start state is the solution of a sparse linear system ([`solve`]).
//! Removing a channel holds every state that contains it at zero (its visits end in null, the
//! other probabilities unchanged); the removal effect is the share of the conversion probability
//! lost. Each removal is solved from the full solution as a starting point, in parallel. The
//! same is done with the chain weighted by conversion value, so value is credited by what a
//! channel contributes to value, not only to the number of conversions.

pub mod chain;
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
    let mut removal_effects = Vec::with_capacity(channels);
    let mut value_removal_effects = Vec::with_capacity(channels);
    for effect in effects {
        let [conv, value] = effect.ok_or_else(|| not_converged.clone())?;
        removal_effects.push(conv);
        value_removal_effects.push(value);
    }
    Ok(MarkovDetails {
        order,
        states: chain.len(),
        transitions: chain.col.len(),
        conversion_probability: base[0],
        value_per_journey: base[1],
        removal_effects,
        value_removal_effects,
        method,
    })
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
