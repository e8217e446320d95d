//! One view-model builder per tab: from a snapshot and a drill node to a [`Screen`].
//!
//! A builder is a pure function `fn build(ctx: &Context) -> Screen`; it formats every number
//! (units included) so that the terminal, headless renders and exports show the same text.

mod attribution;
mod attribution_bands;
mod attribution_ledger;
mod attribution_models;
mod attribution_money;
pub mod common;
mod compare;
mod dealers;
mod figures;
mod journeys;
mod maturity;
mod overview;
mod pnl;
#[cfg(test)]
mod review_fixture;
pub mod scale;
mod segments;
mod trend;

use crate::attribution::{Model, ModelOptions};
use crate::compare::{PeriodPair, Scorecards};
use crate::metrics::{Level, Scorecard};

pub use attribution::Breakdown;

use super::screen::Screen;
use super::tab::Tab;

/// What a builder reads.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The current period, rolled up (its snapshot is `card.snapshot()`).
    pub card: &'a Scorecard,
    /// The compared period, rolled up, when comparing: tables then show each figure's
    /// compared value and change (see [`common::metric_columns`] and [`common::metric_cells`]).
    pub compared: Option<&'a Scorecard>,
    /// Every loaded period, for sparklines; `None` when no trend is wanted.
    pub history: Option<History<'a>>,
    /// The drill level.
    pub level: &'a Level,
    /// The Segments tab's breakdown.
    pub dimension: Dimension,
    /// The attribution model in use (`m`).
    pub model: Model,
    /// What the Attribution tab lists (`d`).
    pub breakdown: Breakdown,
    /// Write numbers with ASCII symbols only ("1.8x", "EUR 1,200").
    pub ascii: bool,
    /// Settings of the attribution models (time decay's half-life).
    pub options: ModelOptions,
}

/// Every loaded period and the two under review: what a sparkline is drawn from and marks.
#[derive(Clone, Copy, Debug)]
pub struct History<'a> {
    /// A scorecard per loaded period, built on first use.
    pub cards: &'a Scorecards,
    /// The current and the compared period (marked on the sparkline), also in the split
    /// view's panes where each pane's context holds one period only.
    pub pair: PeriodPair,
}

/// What the Segments tab breaks the scorecard down by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Dimension {
    /// The level below the drill node: regions, then dealer groups, then dealers.
    #[default]
    Hierarchy,
    /// Dealer-group programme tier.
    Tier,
    /// Dealer size band.
    SizeBand,
    /// Metro or rural market.
    Locale,
    /// EV-certified or not.
    EvCertified,
}

impl Dimension {
    /// Every dimension, in the order `d` cycles through them.
    pub const ALL: [Dimension; 5] = [
        Dimension::Hierarchy,
        Dimension::Tier,
        Dimension::SizeBand,
        Dimension::Locale,
        Dimension::EvCertified,
    ];

    /// The next dimension, wrapping around.
    pub fn next(self) -> Dimension {
        let at = Dimension::ALL.iter().position(|d| *d == self).unwrap_or(0);
        Dimension::ALL[(at + 1) % Dimension::ALL.len()]
    }
}

/// Builds the screen of `tab`.
pub fn build(tab: Tab, ctx: &Context<'_>) -> Screen {
    let mut screen = match tab {
        Tab::Overview => overview::build(ctx),
        Tab::Journeys => journeys::build(ctx),
        Tab::Segments => segments::build(ctx),
        Tab::Dealers => dealers::build(ctx),
        Tab::Maturity => maturity::build(ctx),
        Tab::Pnl => pnl::build(ctx),
        Tab::Attribution => attribution::build(ctx),
    };
    // Names from the data are drawn as every terminal draws them (before any width is measured).
    screen.make_printable();
    // One rounding rule for every table (see [`scale`]).
    let symbol =
        crate::metrics::format::currency_symbol(&ctx.card.snapshot().ecosystem.currency, ctx.ascii);
    for block in &mut screen.blocks {
        if let super::screen::Block::Table(table) = block {
            scale::one_scale(table, &symbol);
        }
    }
    screen
}
