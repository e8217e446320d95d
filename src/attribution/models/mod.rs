//! Multi-touch attribution models over conversion paths.
//!
//! Every model hands out exactly the conversions and the value of each path: the heuristic
//! models by per-path weights that add up to one, the Markov models by removal effects of an
//! absorbing chain solved exactly. [`run`] turns the unrounded shares into [`Credits`] whose
//! parts add up to the totals as shown.

mod heuristic;
pub mod markov;

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use super::credit::{Credits, NothingToShare};
use super::paths::PathSet;

pub use markov::MarkovDetails;

/// An attribution model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Model {
    /// All credit to the first touch.
    FirstTouch,
    /// All credit to the last touch.
    LastTouch,
    /// Equal credit to every touch.
    Linear,
    /// 40 % first, 40 % last, 20 % shared by the touches between.
    PositionBased,
    /// Credit halving with every half-life before the conversion.
    TimeDecay,
    /// First-order Markov chain, removal effects.
    Markov1,
    /// Second-order Markov chain (states are the last two channels).
    Markov2,
    /// Third-order Markov chain (states are the last three channels).
    Markov3,
}

impl Model {
    /// Every model, in the order the screen and `--model all` show them; `m` cycles this order.
    pub const ALL: [Model; 8] = [
        Model::FirstTouch,
        Model::LastTouch,
        Model::Linear,
        Model::PositionBased,
        Model::TimeDecay,
        Model::Markov1,
        Model::Markov2,
        Model::Markov3,
    ];

    /// The name on the command line (`--model`), in CSV and JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Model::FirstTouch => "first",
            Model::LastTouch => "last",
            Model::Linear => "linear",
            Model::PositionBased => "position",
            Model::TimeDecay => "time-decay",
            Model::Markov1 => "markov",
            Model::Markov2 => "markov2",
            Model::Markov3 => "markov3",
        }
    }

    /// A short label for column headers.
    pub fn label(self) -> &'static str {
        match self {
            Model::FirstTouch => "First touch",
            Model::LastTouch => "Last touch",
            Model::Linear => "Linear",
            Model::PositionBased => "Position 40/20/40",
            Model::TimeDecay => "Time decay",
            Model::Markov1 => "Markov 1st order",
            Model::Markov2 => "Markov 2nd order",
            Model::Markov3 => "Markov 3rd order",
        }
    }

    /// One paragraph saying what the model does, for the help overlay.
    pub fn definition(self) -> &'static str {
        match self {
            Model::FirstTouch => {
                "First touch: each path's conversions and value go entirely to the channel that \
                 touched the customer first. Rewards the channels that open journeys and ignores \
                 everything that happened after."
            }
            Model::LastTouch => {
                "Last touch: each path's conversions and value go entirely to the channel touched \
                 last before the conversion. Rewards the channels that close and ignores the ones \
                 that created the demand."
            }
            Model::Linear => {
                "Linear: each touch on a path gets an equal share of the path's conversions and \
                 value; a channel touched twice gets two shares."
            }
            Model::PositionBased => {
                "Position-based (40/20/40): the first and the last touch get 40 % each and the \
                 touches between share the remaining 20 % equally. A one-touch path gives 100 % \
                 to its channel, a two-touch path 50 % to each."
            }
            Model::TimeDecay => {
                "Time decay: a touch's weight halves for every half-life (7 days unless set) \
                 between it and the conversion, weight = 2^(-days / half-life); each path's \
                 weights are scaled to add up to 100 %. Needs the days before conversion of \
                 every touch."
            }
            Model::Markov1 | Model::Markov2 | Model::Markov3 => {
                "Markov (removal effect): the paths become an absorbing Markov chain from a start \
                 state through channel states (repeated consecutive channels collapsed; at order \
                 k a state is the last k channels) to conversion or to null (a journey that did \
                 not convert). The conversion probability is solved exactly as a linear system. \
                 A channel's removal effect is the share of that probability lost when the \
                 channel is removed (its visits lead to null); conversions are shared in \
                 proportion to removal effects, and value likewise from the chain weighted by \
                 value. Deterministic: no simulation."
            }
        }
    }

    /// The Markov order, for the Markov models.
    pub fn markov_order(self) -> Option<usize> {
        match self {
            Model::Markov1 => Some(1),
            Model::Markov2 => Some(2),
            Model::Markov3 => Some(3),
            _ => None,
        }
    }

    /// The next model in [`Model::ALL`], wrapping around (what `m` does on screen).
    pub fn next(self) -> Model {
        let i = Model::ALL.iter().position(|&m| m == self).unwrap_or(0);
        Model::ALL[(i + 1) % Model::ALL.len()]
    }
}

impl fmt::Display for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The text is not the name of a model.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown model `{0}` (expected one of: first, last, linear, position, time-decay, markov, markov2, markov3)"
)]
pub struct UnknownModel(pub String);

impl FromStr for Model {
    type Err = UnknownModel;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Model::ALL
            .into_iter()
            .find(|m| m.name() == s.trim())
            .ok_or_else(|| UnknownModel(s.to_owned()))
    }
}

/// Settings of the models.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ModelOptions {
    /// Time decay's half-life in days (default 7).
    pub half_life_days: f64,
}

impl Default for ModelOptions {
    fn default() -> Self {
        ModelOptions {
            half_life_days: 7.0,
        }
    }
}

/// Why a model cannot credit a path set.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ModelError {
    /// Time decay met a path without days before conversion.
    #[error("time decay needs the days before conversion of every touch; path {origin} has none")]
    MissingDays {
        /// Origin of the first path without days (the caller's line number or index).
        origin: usize,
    },
    /// The half-life is not a positive number of days.
    #[error("the half-life must be a positive number of days, not {0}")]
    InvalidHalfLife(f64),
    /// The shares could not carry the totals (no row with a positive share).
    #[error(transparent)]
    NothingToShare(#[from] NothingToShare),
    /// The linear system could not be solved to machine precision.
    #[error("the Markov chain of order {order} ({states} states) did not converge")]
    NotConverged {
        /// Markov order.
        order: usize,
        /// Transient states of the chain.
        states: usize,
    },
}

/// What one model says about a path set.
#[derive(Debug, Clone, Serialize)]
pub struct ModelRun {
    /// The model.
    pub model: Model,
    /// Credit per channel of the path set, as shown.
    pub credits: Credits,
    /// Unrounded credited conversions per channel (they add up to the total conversions).
    pub raw_conversions: Vec<f64>,
    /// Unrounded credited value per channel (it adds up to the total value).
    pub raw_value: Vec<f64>,
    /// The chain behind a Markov model's credit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub markov: Option<MarkovDetails>,
}

/// Told how far a long model run is: (model, steps done, steps in all).
pub type Progress<'a> = &'a (dyn Fn(Model, usize, usize) + Sync);

/// Runs one model over a path set.
pub fn run(model: Model, paths: &PathSet, options: &ModelOptions) -> Result<ModelRun, ModelError> {
    run_reporting(model, paths, options, &|_, _, _| {})
}

/// [`run`], telling `progress` how far a Markov model's removal effects are.
pub fn run_reporting(
    model: Model,
    paths: &PathSet,
    options: &ModelOptions,
    progress: Progress<'_>,
) -> Result<ModelRun, ModelError> {
    let (raw_conversions, raw_value, markov) = match model.markov_order() {
        Some(order) => {
            let chain = markov::chain::Chain::build(paths, order);
            let channels = paths.channels().len();
            let details =
                markov::removal_effects_reporting(&chain, channels, order, &|done, of| {
                    progress(model, done, of)
                })?;
            let (conv, value) = details.shares(paths.totals());
            (conv, value, Some(details))
        }
        None => {
            let weights = heuristic::Weights::for_model(model, options)?;
            let (conv, value) = heuristic::credit(paths, &weights)?;
            (conv, value, None)
        }
    };
    let credits = Credits::from_shares(&raw_conversions, &raw_value, &paths.totals())?;
    Ok(ModelRun {
        model,
        credits,
        raw_conversions,
        raw_value,
        markov,
    })
}

/// Runs each of `models` over the same paths; a model that cannot run says why, the others
/// still run.
pub fn run_all(
    models: &[Model],
    paths: &PathSet,
    options: &ModelOptions,
    progress: Progress<'_>,
) -> Vec<(Model, Result<ModelRun, ModelError>)> {
    models
        .iter()
        .map(|&m| (m, run_reporting(m, paths, options, progress)))
        .collect()
}
