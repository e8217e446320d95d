//! Live reload, the app's side: valid new data swapped in with the view kept (tab, drill path,
//! selection, periods), or a reload that failed shown as a banner over the data still on
//! screen. The app reads no file and no clock: the runtime (`crate::watch`) watches and loads
//! the files and sends the outcome as [`Action::Reloaded`](super::Action::Reloaded) or
//! [`Action::ReloadFailed`](super::Action::ReloadFailed).
//!
//! A big folder opens the same way: the periods on screen first, then every file loaded in
//! the background, its progress sent as [`Action::Loading`](super::Action::Loading) and its
//! outcome as a reload's.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use chrono::NaiveDateTime;

use crate::compare::{ComparePeriod, Scorecards, resolve};
use crate::model::Library;

use super::state::App;

/// Data loaded again and valid in full, ready to replace what is on screen.
#[derive(Clone, Debug)]
pub struct Fresh {
    /// Every snapshot, as loaded, with the scorecards the loader may already have rolled up
    /// (off the UI thread, so that the swap does not wait for them).
    pub cards: Arc<Scorecards>,
    /// When it was loaded (local time), for the status line.
    pub at: NaiveDateTime,
}

impl Fresh {
    /// Fresh data of `library`, nothing rolled up yet.
    pub fn new(library: Library, at: NaiveDateTime) -> Fresh {
        Fresh {
            cards: Arc::new(Scorecards::new(Arc::new(library))),
            at,
        }
    }
}

// Two reloads are two events even with equal data; comparing by identity spares comparing
// whole libraries (`Action` is `Eq` and `Hash` for the keymap tables).
impl PartialEq for Fresh {
    fn eq(&self, other: &Fresh) -> bool {
        Arc::ptr_eq(&self.cards, &other.cards) && self.at == other.at
    }
}

impl Eq for Fresh {}

impl Hash for Fresh {
    fn hash<H: Hasher>(&self, state: &mut H) {
        Arc::as_ptr(&self.cards).hash(state);
        self.at.hash(state);
    }
}

/// How far the background load of every file has got (the periods on screen are loaded).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Loading {
    /// Files read so far.
    pub done: usize,
    /// Files to read in all.
    pub total: usize,
}

/// A reload that failed: what is wrong and where, and how old the data still shown is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Stale {
    /// The first error, `file:line:col: error: field: message` as the loader words it.
    pub problem: String,
    /// How many more errors the reload found.
    pub more: usize,
    /// When the data on screen was loaded (local time).
    pub shown_since: NaiveDateTime,
    /// It was the background load of the periods not on screen at start, not a reload.
    pub first_load: bool,
}

impl App {
    /// The last reload failed and the screen shows older data: why, and since when.
    pub fn stale(&self) -> Option<&Stale> {
        self.stale.as_deref()
    }

    /// The other periods are being loaded in the background: how far it got.
    pub fn loading(&self) -> Option<Loading> {
        self.loading
    }

    /// The background load ended, well or not: the loader sends nothing more about it.
    pub(super) fn stop_loading(&mut self) -> bool {
        self.loading.take().is_some()
    }

    /// Puts freshly loaded data on screen, keeping the view: the same tab, the same period
    /// (the latest when it is gone) compared the same way, the drill path down to the deepest
    /// level that still exists, and the selected row by its id. A library without snapshots
    /// is never swapped in.
    pub(super) fn swap_library(&mut self, fresh: Fresh) {
        let first_load = self.stop_loading();
        let cards = fresh.cards;
        let library = Arc::clone(cards.library());
        let period = Some(self.pair.current)
            .filter(|p| library.get(*p).is_some())
            .or_else(|| {
                resolve(&library, None, ComparePeriod::Previous)
                    .ok()
                    .map(|pair| pair.current)
            });
        let Some(period) = period else {
            return;
        };
        let anchor = self.selected_id();
        let count = library.len();
        self.cards = cards;
        // Screens of the old data must not be shown for the new: build everything again.
        self.cache.clear();
        self.screen_key = None;
        self.order_key = None;
        self.set_period(period);
        while !self.drill.is_empty() && !self.level_exists() {
            self.go_up();
        }
        self.navs[self.tab.index()].anchor = anchor;
        self.stale = None;
        self.status = Some(format!(
            "{} {count} snapshot{} at {}",
            if first_load { "Loaded" } else { "Reloaded" },
            if count == 1 { "" } else { "s" },
            fresh.at.format("%H:%M:%S")
        ));
    }

    /// Whether the level on screen is in the current or the compared period.
    fn level_exists(&self) -> bool {
        let level = self.drill.level();
        self.card.node(level).is_some()
            || self
                .compared
                .as_ref()
                .is_some_and(|c| c.node(level).is_some())
    }
}
