//! Keeping the view model in step with the state: which screen the state asks for, building it
//! (once per key, cached), and the visible row order and selection derived from it.

use std::sync::Arc;

use crate::attribution::Model;
use crate::metrics::Level;
use crate::model::PeriodId;

use super::nav::Sort;
use super::screen::Screen;
use super::split::align;
use super::state::{App, DEFAULT_MODEL};
use super::tab::Tab;
use super::views::{self, Breakdown, Context, Dimension, History};

/// What identifies a built screen; equal keys give equal screens.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) struct ScreenKey {
    period: PeriodId,
    compared: Option<PeriodId>,
    split: bool,
    tab: Tab,
    level: Level,
    dimension: Dimension,
    model: Model,
    breakdown: Breakdown,
}

/// A built screen and, in the split view, the compared period's pane (rows aligned with the
/// screen's by id).
pub(super) type Built = (Arc<Screen>, Option<Arc<Screen>>);

/// What identifies the visible row order of the current screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct OrderKey {
    screen: ScreenKey,
    filter: String,
    sort: Option<Sort>,
}

/// Screens kept per snapshot before the cache starts over (each is small; 5,000-dealer
/// ecosystems make many dealer screens).
pub(super) const CACHE_LIMIT: usize = 512;

impl App {
    pub(super) fn key(&self) -> ScreenKey {
        self.key_for(self.tab)
    }

    /// The key of `tab`'s screen in the state as it is (period, level, split...).
    fn key_for(&self, tab: Tab) -> ScreenKey {
        ScreenKey {
            period: self.period(),
            compared: self.pair.compared,
            split: self.split && self.compared.is_some(),
            tab,
            level: self.drill.level().clone(),
            // Only Segments depends on the dimension; other tabs share one cache entry.
            dimension: match tab {
                Tab::Segments => self.dimension,
                _ => Dimension::default(),
            },
            // Only Overview and Attribution show the model; only Attribution its breakdown.
            model: if tab.shows_model() {
                self.model
            } else {
                DEFAULT_MODEL
            },
            breakdown: match tab {
                Tab::Attribution => self.breakdown,
                _ => Breakdown::default(),
            },
        }
    }

    /// The next screen worth building while the user is idle: another tab at the level on
    /// screen that is not built yet. None once they all are, or when the cache is full (a
    /// guess must never push out what the user has seen).
    fn next_to_prepare(&self) -> Option<ScreenKey> {
        if self.cache.len() + Tab::COUNT >= CACHE_LIMIT {
            return None;
        }
        Tab::ALL
            .iter()
            .map(|&tab| self.key_for(tab))
            .find(|key| !self.cache.contains_key(key))
    }

    /// Whether [`Action::Idle`](super::Action::Idle) has a screen left to build: the event
    /// loop then polls without waiting, and waits once there is nothing left.
    pub fn has_idle_work(&self) -> bool {
        self.next_to_prepare().is_some()
    }

    /// Builds and caches one screen the user may open next.
    pub(super) fn prepare_next(&mut self) {
        if let Some(key) = self.next_to_prepare() {
            let built = self.build(&key);
            self.cache.insert(key, built);
        }
    }

    /// Builds a key's screen: the tab with deltas against the compared period, or in the
    /// split view the tab of each period with their rows aligned by id.
    pub(super) fn build(&self, key: &ScreenKey) -> Built {
        let history = Some(History {
            cards: &self.cards,
            pair: self.pair,
        });
        let ctx = Context {
            card: &self.card,
            compared: self.compared.as_deref(),
            history,
            level: &key.level,
            dimension: key.dimension,
            model: key.model,
            breakdown: key.breakdown,
            ascii: self.display.ascii,
            options: self.options,
        };
        match (&self.compared, key.split) {
            (Some(compared), true) => {
                // The two panes are independent: built side by side on two cores.
                let (left, right) = rayon::join(
                    || {
                        views::build(
                            key.tab,
                            &Context {
                                compared: None,
                                ..ctx
                            },
                        )
                    },
                    || {
                        views::build(
                            key.tab,
                            &Context {
                                card: compared,
                                compared: None,
                                ..ctx
                            },
                        )
                    },
                );
                let (left, right) = align(left, right, self.display.ascii);
                (Arc::new(left), Some(Arc::new(right)))
            }
            (_, _) => (Arc::new(views::build(key.tab, &ctx)), None),
        }
    }

    /// Brings the screen, the visible rows and the selection up to date with the state:
    /// rebuilds only what changed, and keeps the selection within the rows.
    pub(super) fn refresh(&mut self) {
        let key = self.key();
        if self.screen_key.as_ref() != Some(&key) {
            let (screen, pane) = match self.cache.get(&key) {
                Some(built) => built.clone(),
                None => {
                    let built = self.build(&key);
                    if self.cache.len() >= CACHE_LIMIT {
                        self.cache.clear();
                    }
                    self.cache.insert(key.clone(), built.clone());
                    built
                }
            };
            self.screen = screen;
            self.pane = pane;
            self.screen_key = Some(key.clone());
        }
        let tab = self.tab.index();
        let order_key = OrderKey {
            screen: key,
            filter: self.navs[tab].filter.clone(),
            sort: self.sorts[tab].clone(),
        };
        if self.order_key.as_ref() != Some(&order_key) {
            self.order = self.screen.table().map_or_else(Vec::new, |table| {
                table.visible(&order_key.filter, order_key.sort.as_ref())
            });
            self.order_key = Some(order_key);
        }
        let page = self.page();
        let len = self.order.len();
        let nav = &mut self.navs[tab];
        if let Some(anchor) = nav.anchor.take() {
            let rows = self.screen.table().map(|t| &t.rows);
            let found = rows.and_then(|rows| self.order.iter().position(|&i| rows[i].id == anchor));
            if let Some(position) = found {
                nav.select(position, len, page);
            }
        }
        nav.selected = nav.selected.min(len.saturating_sub(1));
        nav.offset = nav.offset.min(nav.selected);
    }
}
