//! The app's state and the view model derived from it.

use std::collections::HashMap;
use std::sync::Arc;

use crate::compare::{ComparePeriod, PeriodChoiceError, PeriodPair, Scorecards, resolve};
use crate::metrics::{Level, Scorecard};
use crate::model::{Library, PeriodId, Snapshot};

use super::drill::Drill;
use super::nav::{Nav, Sort};
use super::periods::Picker;
use super::screen::{Screen, Table};
use super::split::align;
use super::tab::Tab;
use super::views::{self, Breakdown, Context, Dimension, History};
use crate::attribution::Model;

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
    split: bool,
    tab: Tab,
    level: Level,
    dimension: Dimension,
    model: Model,
    breakdown: Breakdown,
}

/// A built screen and, in the split view, the compared period's pane (rows aligned with the
/// screen's by id).
type Built = (Arc<Screen>, Option<Arc<Screen>>);

/// What identifies the visible row order of the current screen.
#[derive(Clone, Debug, PartialEq, Eq)]
struct OrderKey {
    screen: ScreenKey,
    filter: String,
    sort: Option<Sort>,
}

/// The model in use until `m` changes it: the exact, data-driven one.
pub const DEFAULT_MODEL: Model = Model::Markov1;

/// Screens kept per snapshot before the cache starts over (each is small; 5,000-dealer
/// ecosystems make many dealer screens).
const CACHE_LIMIT: usize = 512;

/// The whole state of the dashboard.
#[derive(Clone, Debug)]
pub struct App {
    pub(super) cards: Arc<Scorecards>,
    pub(super) card: Arc<Scorecard>,
    pub(super) compared: Option<Arc<Scorecard>>,
    pub(super) pair: PeriodPair,
    /// How the compared period follows the current one (`None`: not comparing).
    pub(super) choice: Option<ComparePeriod>,
    pub(super) split: bool,
    pub(super) picker: Option<Picker>,
    pub(super) tab: Tab,
    pub(super) drill: Drill,
    pub(super) navs: [Nav; Tab::COUNT],
    pub(super) sorts: [Option<Sort>; Tab::COUNT],
    pub(super) dimension: Dimension,
    pub(super) model: Model,
    pub(super) breakdown: Breakdown,
    pub(super) filtering: bool,
    pub(super) help: bool,
    pub(super) running: bool,
    pub(super) size: (u16, u16),
    pub(super) display: Display,
    screen: Arc<Screen>,
    pane: Option<Arc<Screen>>,
    /// The key of `screen`; `None` until the first screen is built.
    screen_key: Option<ScreenKey>,
    order: Vec<usize>,
    order_key: Option<OrderKey>,
    cache: HashMap<ScreenKey, Built>,
}

impl App {
    /// Opens the library on the Overview tab at its default period (the latest month),
    /// compared with the period before it of the same granularity when there is one.
    pub fn new(library: Library, display: Display) -> Result<App, EmptyLibrary> {
        App::open(library, display, None, Some(ComparePeriod::Previous)).map_err(|_| EmptyLibrary)
    }

    /// Opens the library at `current` (default: the latest month) compared as `compare` says
    /// (`None`: no comparison), as `--period` and `--compare` ask. A period that is not loaded
    /// is an error naming the loaded ones.
    pub fn open(
        library: Library,
        display: Display,
        current: Option<PeriodId>,
        compare: Option<ComparePeriod>,
    ) -> Result<App, PeriodChoiceError> {
        let pair = match compare {
            Some(choice) => resolve(&library, current, choice)?,
            None => PeriodPair {
                compared: None,
                ..resolve(&library, current, ComparePeriod::Previous)?
            },
        };
        let cards = Arc::new(Scorecards::new(Arc::new(library)));
        let card = cards.get(pair.current).ok_or(PeriodChoiceError::Empty)?;
        let mut app = App {
            cards,
            card,
            compared: None,
            pair: PeriodPair {
                compared: None,
                ..pair
            },
            choice: compare,
            split: false,
            picker: None,
            tab: Tab::Overview,
            drill: Drill::default(),
            navs: Default::default(),
            sorts: Default::default(),
            dimension: Dimension::default(),
            model: DEFAULT_MODEL,
            breakdown: Breakdown::default(),
            filtering: false,
            help: false,
            running: true,
            size: (80, 24),
            display,
            screen: Arc::new(Screen::default()),
            pane: None,
            screen_key: None,
            order: Vec::new(),
            order_key: None,
            cache: HashMap::new(),
        };
        app.set_pair(pair);
        app.refresh();
        Ok(app)
    }

    /// Every loaded snapshot.
    pub fn library(&self) -> &Library {
        self.cards.library()
    }

    /// A scorecard per loaded period, each rolled up on first use.
    pub fn scorecards(&self) -> &Arc<Scorecards> {
        &self.cards
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

    /// The breadcrumb: `Ecosystem`, then each level's name (the compared period's name when
    /// only that period has the level, else its id).
    pub fn breadcrumb(&self) -> Vec<String> {
        self.drill
            .path()
            .into_iter()
            .map(|level| match level {
                Level::Ecosystem => "Ecosystem".to_owned(),
                other => self
                    .card
                    .name(other)
                    .or_else(|| self.compared.as_ref().and_then(|c| c.name(other)))
                    .map_or_else(|| other.id().to_owned(), str::to_owned),
            })
            .collect()
    }

    /// The Segments tab's breakdown.
    pub fn dimension(&self) -> Dimension {
        self.dimension
    }

    /// The attribution model in use (`m` cycles it; the Attribution tab shows it).
    pub fn model(&self) -> Model {
        self.model
    }

    /// What the Attribution tab lists (`d` cycles it there).
    pub fn breakdown(&self) -> Breakdown {
        self.breakdown
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

    /// The compared period's pane of the split view, rows aligned with [`App::table`]'s.
    pub fn pane(&self) -> Option<&Screen> {
        self.pane.as_deref()
    }

    fn key(&self) -> ScreenKey {
        ScreenKey {
            period: self.period(),
            compared: self.pair.compared,
            split: self.split && self.compared.is_some(),
            tab: self.tab,
            level: self.drill.level().clone(),
            // Only Segments depends on the dimension; other tabs share one cache entry.
            dimension: match self.tab {
                Tab::Segments => self.dimension,
                _ => Dimension::default(),
            },
            // Only Attribution shows the model and its breakdown.
            model: match self.tab {
                Tab::Attribution => self.model,
                _ => DEFAULT_MODEL,
            },
            breakdown: match self.tab {
                Tab::Attribution => self.breakdown,
                _ => Breakdown::default(),
            },
        }
    }

    /// Builds a key's screen: the tab with deltas against the compared period, or in the
    /// split view the tab of each period with their rows aligned by id.
    fn build(&self, key: &ScreenKey) -> Built {
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
        };
        match (&self.compared, key.split) {
            (Some(compared), true) => {
                let left = views::build(
                    key.tab,
                    &Context {
                        compared: None,
                        ..ctx
                    },
                );
                let right = views::build(
                    key.tab,
                    &Context {
                        card: compared,
                        compared: None,
                        ..ctx
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
