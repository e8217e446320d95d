//! The app's state and the view model derived from it.

use std::collections::HashMap;
use std::sync::Arc;

use crate::metrics::{Level, Scorecard};
use crate::model::{Library, PeriodId, Snapshot};

use super::drill::Drill;
use super::nav::{Nav, Sort};
use super::screen::{Screen, Table};
use super::tab::Tab;
use super::views::{self, Context, Dimension};

/// How the screen should look, chosen at start from the command line and the environment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Display {
    /// Colours (16 named) when true; modifiers only (reverse, bold, underline) when false.
    pub colour: bool,
    /// ASCII glyphs and borders instead of Unicode.
    pub ascii: bool,
}

impl Default for Display {
    fn default() -> Display {
        Display {
            colour: true,
            ascii: false,
        }
    }
}

/// The library holds no snapshot, so there is nothing to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("no snapshot to show: the library is empty")]
pub struct EmptyLibrary;

/// What identifies a built screen; equal keys give equal screens.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) struct ScreenKey {
    period: PeriodId,
    compared: Option<PeriodId>,
    tab: Tab,
    level: Level,
    dimension: Dimension,
}

/// What identifies the visible row order of the current screen.
#[derive(Clone, Debug, PartialEq, Eq)]
struct OrderKey {
    screen: ScreenKey,
    filter: String,
    sort: Option<Sort>,
}

/// Screens kept per snapshot before the cache starts over (each is small; 5,000-dealer
/// ecosystems make many dealer screens).
const CACHE_LIMIT: usize = 512;

/// The whole state of the dashboard.
#[derive(Clone, Debug)]
pub struct App {
    pub(super) library: Library,
    pub(super) card: Arc<Scorecard>,
    pub(super) compared: Option<Arc<Scorecard>>,
    pub(super) tab: Tab,
    pub(super) drill: Drill,
    pub(super) navs: [Nav; Tab::COUNT],
    pub(super) sorts: [Option<Sort>; Tab::COUNT],
    pub(super) dimension: Dimension,
    pub(super) filtering: bool,
    pub(super) help: bool,
    pub(super) running: bool,
    pub(super) size: (u16, u16),
    pub(super) display: Display,
    screen: Arc<Screen>,
    screen_key: ScreenKey,
    order: Vec<usize>,
    order_key: Option<OrderKey>,
    cache: HashMap<ScreenKey, Arc<Screen>>,
}

impl App {
    /// Opens the library at its default period (the latest month), on the Overview tab.
    pub fn new(library: Library, display: Display) -> Result<App, EmptyLibrary> {
        let period = library.default_period().ok_or(EmptyLibrary)?;
        let snapshot = library.get(period).cloned().ok_or(EmptyLibrary)?;
        let card = Arc::new(Scorecard::new(snapshot));
        let key = ScreenKey {
            period,
            compared: None,
            tab: Tab::Overview,
            level: Level::Ecosystem,
            dimension: Dimension::default(),
        };
        let mut app = App {
            library,
            card,
            compared: None,
            tab: Tab::Overview,
            drill: Drill::default(),
            navs: Default::default(),
            sorts: Default::default(),
            dimension: Dimension::default(),
            filtering: false,
            help: false,
            running: true,
            size: (80, 24),
            display,
            screen: Arc::new(Screen::default()),
            screen_key: key.clone(),
            order: Vec::new(),
            order_key: None,
            cache: HashMap::new(),
        };
        app.screen = app.build(&key);
        app.refresh();
        Ok(app)
    }

    /// Every loaded snapshot.
    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The snapshot of the current period.
    pub fn snapshot(&self) -> &Arc<Snapshot> {
        self.card.snapshot()
    }

    /// The current period rolled up.
    pub fn scorecard(&self) -> &Arc<Scorecard> {
        &self.card
    }

    /// The compared period rolled up, when comparing.
    pub fn compared(&self) -> Option<&Arc<Scorecard>> {
        self.compared.as_ref()
    }

    /// The current period.
    pub fn period(&self) -> PeriodId {
        self.snapshot().period.id
    }

    /// The tab on screen.
    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// The drill path.
    pub fn drill(&self) -> &Drill {
        &self.drill
    }

    /// The level on screen.
    pub fn level(&self) -> &Level {
        self.drill.level()
    }

    /// The breadcrumb: `Ecosystem`, then each level's name (its id when this period lacks it).
    pub fn breadcrumb(&self) -> Vec<String> {
        self.drill
            .path()
            .into_iter()
            .map(|level| match level {
                Level::Ecosystem => "Ecosystem".to_owned(),
                other => self
                    .card
                    .name(other)
                    .map_or_else(|| other.id().to_owned(), str::to_owned),
            })
            .collect()
    }

    /// The Segments tab's breakdown.
    pub fn dimension(&self) -> Dimension {
        self.dimension
    }

    /// The navigation state of the tab on screen.
    pub fn nav(&self) -> &Nav {
        &self.navs[self.tab.index()]
    }

    /// The sort of the tab on screen.
    pub fn sort(&self) -> Option<&Sort> {
        self.sorts[self.tab.index()].as_ref()
    }

    /// Whether the filter is being typed.
    pub fn filtering(&self) -> bool {
        self.filtering
    }

    /// Whether the help overlay is shown.
    pub fn help(&self) -> bool {
        self.help
    }

    /// False once the user asked to quit.
    pub fn running(&self) -> bool {
        self.running
    }

    /// The terminal size last reported (columns, rows).
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// Colour and glyph choices.
    pub fn display(&self) -> Display {
        self.display
    }

    /// What the tab on screen shows.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The table the selection acts on, if the screen has one.
    pub fn table(&self) -> Option<&Table> {
        self.screen.table()
    }

    /// Indexes into the table's rows of the rows shown, in display order.
    pub fn visible_rows(&self) -> &[usize] {
        &self.order
    }

    /// Index into the table's rows of the selected row, if any row is shown.
    pub fn selected_row(&self) -> Option<usize> {
        self.order.get(self.nav().selected).copied()
    }

    /// Rows a page key moves, from the terminal height less the header, tab bar, table header
    /// and hint bar.
    pub(super) fn page(&self) -> usize {
        usize::from(self.size.1.saturating_sub(8)).max(1)
    }

    fn key(&self) -> ScreenKey {
        ScreenKey {
            period: self.period(),
            compared: self.compared.as_ref().map(|c| c.snapshot().period.id),
            tab: self.tab,
            level: self.drill.level().clone(),
            // Only Segments depends on the dimension; other tabs share one cache entry.
            dimension: match self.tab {
                Tab::Segments => self.dimension,
                _ => Dimension::default(),
            },
        }
    }

    fn build(&self, key: &ScreenKey) -> Arc<Screen> {
        let ctx = Context {
            card: &self.card,
            compared: self.compared.as_deref(),
            level: &key.level,
            dimension: key.dimension,
            ascii: self.display.ascii,
        };
        Arc::new(views::build(key.tab, &ctx))
    }

    /// Brings the screen, the visible rows and the selection up to date with the state:
    /// rebuilds only what changed, and keeps the selection within the rows.
    pub(super) fn refresh(&mut self) {
        let key = self.key();
        if key != self.screen_key {
            let screen = match self.cache.get(&key) {
                Some(screen) => Arc::clone(screen),
                None => {
                    let built = self.build(&key);
                    if self.cache.len() >= CACHE_LIMIT {
                        self.cache.clear();
                    }
                    self.cache.insert(key.clone(), Arc::clone(&built));
                    built
                }
            };
            self.screen = screen;
            self.screen_key = key.clone();
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
