//! The app's state and the view model derived from it.

use std::collections::HashMap;
use std::sync::Arc;

use crate::compare::{ComparePeriod, PeriodChoiceError, PeriodPair, Scorecards, resolve};
use crate::metrics::{Level, Scorecard};
use crate::model::{Library, PeriodId, Snapshot};

use super::drill::Drill;
use super::effect::Effect;
use super::nav::{Nav, Sort};
use super::periods::Picker;
use super::refresh::{Built, OrderKey, ScreenKey};
use super::screen::{Screen, Table};
use super::tab::Tab;
use super::views::{Breakdown, Dimension};
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

/// The model in use until `m` changes it: the exact, data-driven one.
pub const DEFAULT_MODEL: Model = Model::Markov1;

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
    /// The export menu is open.
    pub(super) exporting: bool,
    /// Effects asked for and not yet taken by the runtime.
    pub(super) effects: Vec<Effect>,
    /// What the runtime last said about an effect, until the next key.
    pub(super) status: Option<String>,
    /// The last reload failed: the banner over the data still shown, until a reload succeeds.
    pub(super) stale: Option<Box<super::reload::Stale>>,
    /// The periods not on screen are being loaded in the background.
    pub(super) loading: Option<super::reload::Loading>,
    pub(super) running: bool,
    pub(super) size: (u16, u16),
    pub(super) display: Display,
    pub(super) screen: Arc<Screen>,
    pub(super) pane: Option<Arc<Screen>>,
    /// The key of `screen`; `None` until the first screen is built.
    pub(super) screen_key: Option<ScreenKey>,
    pub(super) order: Vec<usize>,
    pub(super) order_key: Option<OrderKey>,
    pub(super) cache: HashMap<ScreenKey, Built>,
    /// The agenda being presented, in presenter mode.
    pub(super) presentation: Option<super::present::Presentation>,
    /// Keys the user added for actions (`[keys]` in the config file).
    pub(super) keys: Vec<super::keys::KeyOverride>,
    /// Settings of the attribution models (time decay's half-life).
    pub(super) options: crate::attribution::ModelOptions,
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
            exporting: false,
            effects: Vec::new(),
            status: None,
            stale: None,
            loading: None,
            running: true,
            size: (80, 24),
            display,
            screen: Arc::new(Screen::default()),
            pane: None,
            screen_key: None,
            order: Vec::new(),
            order_key: None,
            cache: HashMap::new(),
            presentation: None,
            keys: Vec::new(),
            options: crate::attribution::ModelOptions::default(),
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
            // Names from the data, drawn as every terminal draws them.
            .map(|name| crate::export::printable(&name).into_owned())
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

    /// Whether the export menu is open.
    pub fn exporting(&self) -> bool {
        self.exporting
    }

    /// The status line: what the runtime last did for the user, until the next key.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// Hands the effects asked for to the runtime, oldest first.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
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

    /// The app with keys added for actions, as the config file asks (set once, at start).
    pub fn with_keys(mut self, keys: Vec<super::keys::KeyOverride>) -> App {
        self.keys = keys;
        self
    }

    /// The app with time decay's half-life set to `days` (set once, at start): every screen
    /// is built again with it.
    pub fn with_half_life(mut self, days: f64) -> App {
        self.options.half_life_days = days;
        self.cache.clear();
        self.screen_key = None;
        self.order_key = None;
        self.refresh();
        self
    }

    /// Time decay's half-life in days.
    pub fn half_life_days(&self) -> f64 {
        self.options.half_life_days
    }

    /// The keys added for actions.
    pub fn keys(&self) -> &[super::keys::KeyOverride] {
        &self.keys
    }

    /// The compared period's pane of the split view, rows aligned with [`App::table`]'s.
    pub fn pane(&self) -> Option<&Screen> {
        self.pane.as_deref()
    }
}
