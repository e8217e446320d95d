//! Attribution without double counting: the roles ledger and multi-touch models.
//!
//! - [`ledger`]: sourced, influenced and attached pipeline and revenue per actor for any set of
//!   dealers, reconciled to the booked total (Σ sourced + unattributed = booked, exactly).
//! - [`paths`]: conversion paths interned into one canonical [`PathSet`]; [`path_export`] reads
//!   the common `path;total_conversions;total_conversion_value;total_null` CSV layout into one.
//! - [`models`]: first touch, last touch, linear, position-based, time decay and exact Markov
//!   removal effects of order 1 to 3; every model hands out exactly the paths' totals.
//! - [`credit`]: unrounded shares into decimal parts that add up to the shown total.
//! - [`sensitivity`]: min-max band across models per row and where the ranking flips.
//! - [`snapshot`]: every model over a snapshot, per channel and per owning actor.
//!
//! No terminal here: the Attribution tab and `ebr attribution` draw what these return.

pub mod credit;
mod hash;
pub mod ledger;
pub mod models;
pub mod path_export;
pub mod paths;
pub mod sensitivity;
pub mod snapshot;

pub use credit::Credits;
pub use ledger::{Amounts, Ledger, ledger};
pub use models::{
    Model, ModelError, ModelOptions, ModelRun, Progress, run, run_all, run_reporting,
};
pub use path_export::read_path_export;
pub use paths::{ChannelIx, PathSet, PathSetBuilder, Totals};
pub use sensitivity::{Measure, RowSensitivity, sensitivity};
pub use snapshot::SnapshotAttribution;
