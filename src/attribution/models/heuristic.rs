//! The rule-based models: first touch, last touch, linear, position-based and time decay.
//!
//! Each gives every touch of a path a weight, the weights of a path add up to one, and the path's
//! conversions and value are shared by those weights. Repeated channels are not collapsed here:
//! a channel touched twice earns two weights, as the rules are usually stated.

use super::{Model, ModelError, ModelOptions};
use crate::attribution::paths::{PathSet, PathView};

/// The rule of one heuristic model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Weights {
    First,
    Last,
    Linear,
    Position,
    /// Half-life in days.
    TimeDecay(f64),
}

impl Weights {
    /// The rule of `model`, which must be a heuristic model.
    pub(super) fn for_model(model: Model, options: &ModelOptions) -> Result<Weights, ModelError> {
        Ok(match model {
            Model::FirstTouch => Weights::First,
            Model::LastTouch => Weights::Last,
            Model::Linear => Weights::Linear,
            Model::PositionBased => Weights::Position,
            Model::TimeDecay => {
                let h = options.half_life_days;
                if !(h.is_finite() && h > 0.0) {
                    return Err(ModelError::InvalidHalfLife(h));
                }
                Weights::TimeDecay(h)
            }
            // The Markov models never reach here (see `run`); linear is the closest rule.
            Model::Markov1 | Model::Markov2 | Model::Markov3 => Weights::Linear,
        })
    }
}

/// Unrounded credited conversions and value per channel.
pub(super) fn credit(
    paths: &PathSet,
    weights: &Weights,
) -> Result<(Vec<f64>, Vec<f64>), ModelError> {
    let channels = paths.channels().len();
    let mut conversions = vec![0.0; channels];
    let mut value = vec![0.0; channels];
    let mut decay = Vec::new();
    for path in paths.paths() {
        let n = path.conversions as f64;
        let v = path.value_f64;
        let mut give = |touch: usize, weight: f64| {
            let c = usize::from(path.channels[touch]);
            conversions[c] += n * weight;
            value[c] += v * weight;
        };
        let len = path.channels.len();
        match *weights {
            Weights::First => give(0, 1.0),
            Weights::Last => give(len - 1, 1.0),
            Weights::Linear => {
                let w = 1.0 / len as f64;
                (0..len).for_each(|t| give(t, w));
            }
            Weights::Position => position_weights(len, give),
            Weights::TimeDecay(half_life) => {
                decay_weights(&path, half_life, &mut decay)?;
                decay.iter().enumerate().for_each(|(t, &w)| give(t, w));
            }
        }
    }
    Ok((conversions, value))
}

/// 100 % for one touch, 50/50 for two, else 40 % first, 40 % last, 20 % shared between.
fn position_weights(len: usize, mut give: impl FnMut(usize, f64)) {
    match len {
        0 => {}
        1 => give(0, 1.0),
        2 => {
            give(0, 0.5);
            give(1, 0.5);
        }
        _ => {
            give(0, 0.4);
            give(len - 1, 0.4);
            let middle = 0.2 / (len - 2) as f64;
            (1..len - 1).for_each(|t| give(t, middle));
        }
    }
}

/// Weights 2^(-days / half-life), scaled to add up to one, into `out`.
fn decay_weights(
    path: &PathView<'_>,
    half_life: f64,
    out: &mut Vec<f64>,
) -> Result<(), ModelError> {
    let days = path.days.ok_or(ModelError::MissingDays {
        origin: path.origin,
    })?;
    out.clear();
    // Measured from the touch nearest the conversion, so long paths cannot underflow to zero;
    // the common factor cancels when the weights are scaled.
    let nearest = days.iter().copied().min().unwrap_or(0);
    out.extend(
        days.iter()
            .map(|&d| (-(f64::from(d - nearest)) / half_life).exp2()),
    );
    let sum: f64 = out.iter().sum();
    out.iter_mut().for_each(|w| *w /= sum);
    Ok(())
}
