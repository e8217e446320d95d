//! The app: which tab, where in the drill path, what is selected, and the view model of what is
//! on screen. No terminal, no files, no clock: [`App::update`] is the only place state changes,
//! and the `ui` module draws an `&App`.
//!
//! - [`Tab`], [`Action`]: the closed sets of tabs and user intents.
//! - [`Drill`]: the path ecosystem → region → dealer group → dealer ([`crate::metrics::Level`]).
//! - [`Nav`], [`Sort`]: selection, scroll, filter and sort of a table.
//! - [`screen`]: view models (cards, tables, text) shared by the terminal, headless renders and
//!   the plain-text report.
//! - [`views`]: one builder per tab, from a snapshot to a [`screen::Screen`].

mod action;
mod bookmark;
#[cfg(test)]
mod compare_tests;
mod detail;
mod drill;
mod effect;
#[cfg(test)]
pub(crate) mod fixture;
mod keys;
mod nav;
pub mod path;
mod periods;
mod present;
mod refresh;
mod reload;
pub mod screen;
mod split;
mod state;
mod tab;
#[cfg(test)]
mod tests;
mod update;
pub mod views;

pub use action::Action;
pub use bookmark::Bookmark;
pub use detail::RowDetail;
pub use drill::{Drill, Frame};
pub use effect::{Effect, ExportFormat};
pub use keys::{Chord, KeyOverride, NamedKey, REBINDABLE};
pub use nav::{Nav, Sort};
pub use periods::{Picker, PickerKind};
pub use present::{AgendaItem, Cue, Presentation};
pub use reload::{Fresh, Loading, Stale};
pub use state::{App, DEFAULT_MODEL, Display, EmptyLibrary};
pub use tab::{ParseTabError, Tab};
pub use views::{Dimension, History};
