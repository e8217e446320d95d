//! Every model over a snapshot's conversion paths, credited per channel and per actor (the owner
//! of the channel), as the Attribution tab shows them.

use rust_decimal::Decimal;
use serde::Serialize;

use super::credit::Credits;
use super::models::{self, Model, ModelError, ModelOptions, ModelRun};
use super::paths::{PathProblem, PathSet, PathSetBuilder, Totals};
use crate::model::{ActorId, ActorKind, Snapshot};

/// A channel row: the snapshot's channels in their order, then channels only paths name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChannelRow {
    /// The channel id as paths name it.
    pub id: String,
    /// Display name (the id for a channel the snapshot does not list).
    pub name: String,
    /// Row of the owner in [`SnapshotAttribution::actors`].
    pub actor_row: usize,
}

/// An actor row: owners of channels in the snapshot's actor order, then "unowned" if a channel
/// has no listed owner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActorRow {
    /// The actor; `None` for the row gathering channels without a listed owner.
    pub id: Option<ActorId>,
    /// Display name.
    pub name: String,
}

/// One model's credit per channel and per actor.
#[derive(Clone, Debug, Serialize)]
pub struct ModelCredit {
    /// Per channel, with the unrounded shares and the Markov details.
    pub by_channel: ModelRun,
    /// Per actor: sums of the channel rows, so they add up to the same totals.
    pub by_actor: Credits,
}

/// The outcome of one model: its credit, or why it cannot be computed on these paths.
#[derive(Clone, Debug)]
pub struct ModelOutcome {
    /// The model.
    pub model: Model,
    /// Its credit or the reason it has none (e.g. time decay without days).
    pub result: Result<ModelCredit, ModelError>,
}

/// A conversion path of the snapshot that the models cannot use.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("attribution.paths[{index}]: {problem}")]
pub struct SnapshotPathError {
    /// Index in `attribution.paths`.
    pub index: usize,
    /// What is wrong.
    pub problem: PathProblem,
}

/// Every model over a snapshot's paths.
#[derive(Clone, Debug)]
pub struct SnapshotAttribution {
    /// Rows of the per-channel credits.
    pub channels: Vec<ChannelRow>,
    /// Rows of the per-actor credits.
    pub actors: Vec<ActorRow>,
    /// What the paths add up to.
    pub totals: Totals,
    /// One outcome per model of [`Model::ALL`], in that order.
    pub outcomes: Vec<ModelOutcome>,
}

impl SnapshotAttribution {
    /// Runs every model over the snapshot's paths.
    pub fn compute(
        snapshot: &Snapshot,
        options: &ModelOptions,
    ) -> Result<SnapshotAttribution, SnapshotPathError> {
        SnapshotAttribution::compute_models(snapshot, &Model::ALL, options)
    }

    /// Runs `models` only (their outcomes in that order) over the snapshot's paths.
    pub fn compute_models(
        snapshot: &Snapshot,
        models: &[Model],
        options: &ModelOptions,
    ) -> Result<SnapshotAttribution, SnapshotPathError> {
        let paths = snapshot_paths(snapshot)?;
        let (channels, actors) = rows(snapshot, &paths);
        let owner: Vec<usize> = channels.iter().map(|c| c.actor_row).collect();
        let outcomes = models::run_all(models, &paths, options, &|_, _, _| {})
            .into_iter()
            .map(|(model, result)| ModelOutcome {
                model,
                result: result.map(|run| ModelCredit {
                    by_actor: run.credits.grouped(&owner, actors.len()),
                    by_channel: run,
                }),
            })
            .collect();
        Ok(SnapshotAttribution {
            channels,
            actors,
            totals: paths.totals(),
            outcomes,
        })
    }

    /// The outcome of `model`.
    pub fn outcome(&self, model: Model) -> Option<&ModelOutcome> {
        self.outcomes.iter().find(|o| o.model == model)
    }

    /// The share of the paths' conversion value that `model` credits to the actors of `kinds`
    /// (e.g. the finance and other partners), from 0 to 1; `None` when the model did not run
    /// or no value converted.
    pub fn value_share(
        &self,
        model: Model,
        snapshot: &Snapshot,
        kinds: &[ActorKind],
    ) -> Option<Decimal> {
        let credit = self.outcome(model)?.result.as_ref().ok()?;
        let total = credit.by_actor.total_value.0;
        if total.is_zero() {
            return None;
        }
        let of_kinds = |row: &ActorRow| {
            let kind = row
                .id
                .as_ref()
                .and_then(|id| snapshot.actors.iter().find(|a| &a.id == id))
                .map(|a| a.kind);
            kind.is_some_and(|k| kinds.contains(&k))
        };
        let part: Decimal = self
            .actors
            .iter()
            .zip(&credit.by_actor.value)
            .filter(|(row, _)| of_kinds(row))
            .map(|(_, value)| value.0)
            .sum();
        // A total of a hair above zero (a value of 1e-28) can leave Decimal's range.
        part.checked_div(total)
    }

    /// The models that produced credit, with their per-channel and per-actor credits.
    pub fn credited(&self) -> impl Iterator<Item = (Model, &ModelCredit)> + '_ {
        self.outcomes
            .iter()
            .filter_map(|o| o.result.as_ref().ok().map(|c| (o.model, c)))
    }
}

/// The snapshot's paths as a [`PathSet`] whose first channels are the snapshot's own.
pub fn snapshot_paths(snapshot: &Snapshot) -> Result<PathSet, SnapshotPathError> {
    let mut builder =
        PathSetBuilder::with_channels(snapshot.channels.iter().map(|c| c.id.as_str()));
    for (index, path) in snapshot.attribution.paths.iter().enumerate() {
        builder
            .push(
                path.touches
                    .iter()
                    .map(|t| (t.channel.as_str(), t.days_before)),
                path.conversions,
                path.value.0,
                path.nulls,
                index,
            )
            .map_err(|problem| SnapshotPathError { index, problem })?;
    }
    builder
        .finish()
        .map_err(|problem| SnapshotPathError { index: 0, problem })
}

fn rows(snapshot: &Snapshot, paths: &PathSet) -> (Vec<ChannelRow>, Vec<ActorRow>) {
    let owner_of = |id: &str| {
        let actor = &snapshot.channel(id)?.actor;
        snapshot.actors.iter().position(|a| &a.id == actor)
    };
    let owners: Vec<Option<usize>> = paths.channels().iter().map(|id| owner_of(id)).collect();
    // Actor rows: owners in the snapshot's actor order, then the unowned row if needed.
    let mut actor_row = vec![usize::MAX; snapshot.actors.len()];
    let mut actors = Vec::new();
    for (i, actor) in snapshot.actors.iter().enumerate() {
        if owners.contains(&Some(i)) {
            actor_row[i] = actors.len();
            actors.push(ActorRow {
                id: Some(actor.id.clone()),
                name: actor.name.clone(),
            });
        }
    }
    let unowned = actors.len();
    if owners.contains(&None) {
        actors.push(ActorRow {
            id: None,
            name: "(unowned)".to_owned(),
        });
    }
    let channels = paths
        .channels()
        .iter()
        .zip(&owners)
        .map(|(id, owner)| ChannelRow {
            id: id.clone(),
            name: snapshot
                .channel(id)
                .map_or_else(|| id.clone(), |c| c.name.clone()),
            actor_row: owner.map_or(unowned, |i| actor_row[i]),
        })
        .collect();
    (channels, actors)
}
