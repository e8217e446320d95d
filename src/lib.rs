//! ebr: executive business reviews of martech ROI across an automotive ecosystem.
//!
//! The crate is layered; each layer uses only the ones above it:
//!
//! | module        | what it holds                                                        | knows the terminal |
//! |---------------|----------------------------------------------------------------------|--------------------|
//! | [`model`]     | snapshot types exactly as in the files (serde, JSON Schema)          | no |
//! | [`load`]      | TOML/JSON → validated [`model::Snapshot`], errors with file:line:col | no |
//! | [`metrics`]   | roll-ups and ratios recomputed from summed parts, P&L, ROI           | no |
//! | [`compare`]   | two periods → deltas that know which way is good                     | no |
//! | [`attribution`] | roles ledger and multi-touch models                                | no |
//! | [`sample`]    | the deterministic generator behind `data/` and the benchmarks        | no |
//! | [`app`]       | app state, actions and `update`: no I/O                              | no |
//! | [`agenda`]    | agenda files → resolved views for presenter mode, located errors     | no |
//! | [`export`]    | a view (from `app`'s view model) as Markdown, CSV, JSON, TSV; aligned text | no |
//! | [`ui`]        | theme, keymap, one module per view, the terminal runtime, headless render | yes |
//! | [`config`]    | settings: defaults < config.toml < `EBR_*` < flags, each with its layer | no |
//! | [`watch`]     | live reload: watches the data files, loads them off the UI thread, sends Actions | no |
//!
//! The binary (`src/main.rs`, `src/cli/`) parses the command line and dispatches.

pub mod agenda;
pub mod app;
pub mod attribution;
pub mod compare;
pub mod config;
pub mod export;
pub mod load;
pub mod metrics;
pub mod model;
pub mod sample;
pub mod ui;
pub mod watch;
