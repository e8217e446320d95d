//! Attribution: who sourced, influenced and attached the pipeline and revenue of the drill level
//! (the roles ledger, with its reconciliation line), and what each multi-touch model credits per
//! channel and per actor, side by side, with the band across models and where rankings flip.
//! `d` switches between the three tables so each gets the whole screen; `m` changes the model in
//! use.

use rust_decimal::Decimal;

use crate::app::screen::{Block, Screen, TextBlock};
use crate::attribution::ledger::{Amounts, Ledger, ledger_at};
use crate::metrics::Level;
use crate::model::{Money, ReviewView};

use super::Context;
use super::attribution_ledger::{compared_ledger, ledger_table};
use super::attribution_models;
use super::attribution_money::{MoneyText, percent_shares};
use super::common::commentary;

/// What the Attribution tab lists (`d` cycles).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Breakdown {
    /// The roles ledger of the drill level, one row per actor.
    #[default]
    Ledger,
    /// Every model's credit per channel.
    Channels,
    /// Every model's credit per actor (the owners of the channels).
    Actors,
}

impl Breakdown {
    /// Every breakdown, in the order `d` cycles through them.
    pub const ALL: [Breakdown; 3] = [Breakdown::Ledger, Breakdown::Channels, Breakdown::Actors];

    /// The next breakdown, wrapping around.
    pub fn next(self) -> Breakdown {
        let at = Breakdown::ALL.iter().position(|b| *b == self).unwrap_or(0);
        Breakdown::ALL[(at + 1) % Breakdown::ALL.len()]
    }
}

/// Builds the Attribution screen for the context's level, model and breakdown.
pub fn build(ctx: &Context<'_>) -> Screen {
    match ctx.breakdown {
        Breakdown::Ledger => ledger_screen(ctx),
        Breakdown::Channels => attribution_models::build(ctx, false),
        Breakdown::Actors => attribution_models::build(ctx, true),
    }
}

fn ledger_screen(ctx: &Context<'_>) -> Screen {
    let card = ctx.card;
    let Some(here) = card.node(ctx.level) else {
        return super::dealers::missing(ctx);
    };
    let scope = match ctx.level {
        Level::Ecosystem => "the ecosystem".to_owned(),
        _ => here.name.to_owned(),
    };
    let title = format!("Roles ledger of {scope}");
    let snapshot = card.snapshot();
    let Ok(ledger) = ledger_at(snapshot, ctx.level) else {
        return note_screen(
            &title,
            "The ledger's sums overflow: the data cannot be right.",
        );
    };
    let amounts = ledger
        .actors
        .iter()
        .flat_map(|a| [a.sourced, a.influenced, a.attached])
        .chain([ledger.booked, ledger.unattributed])
        .flat_map(|a| [a.pipeline.0, a.revenue.0]);
    let money = MoneyText::new(ctx, amounts);
    let shown = Shown::of(&ledger, &money);
    let mut blocks = vec![Block::Text(reconciliation(
        &ledger, &shown, &money, ctx.ascii,
    ))];
    let before = compared_ledger(ctx);
    blocks.push(Block::Table(ledger_table(
        ctx,
        &title,
        &ledger,
        before.as_ref(),
        &shown,
        &money,
    )));
    blocks.extend(commentary(snapshot, ReviewView::Attribution));
    Screen { title, blocks }
}

/// A screen with only a note.
pub(super) fn note_screen(title: &str, note: &str) -> Screen {
    Screen {
        title: title.to_owned(),
        blocks: vec![Block::Text(TextBlock {
            title: title.to_owned(),
            paragraphs: vec![note.to_owned()],
        })],
    }
}

/// The ledger as shown: sourced per actor and the unattributed rest, apportioned at the table's
/// scale so that they add up to the booked total as shown.
pub(super) struct Shown {
    /// Per actor, then the unattributed rest, in the table's unit.
    pub(super) pipeline: Vec<Decimal>,
    pub(super) booked_pipeline: Decimal,
    pub(super) revenue: Vec<Decimal>,
    pub(super) booked_revenue: Decimal,
    /// Share of the booked revenue per actor, then unattributed (percent, adding up to 100.0).
    pub(super) shares: Option<Vec<Decimal>>,
}

impl Shown {
    fn of(l: &Ledger, money: &MoneyText) -> Shown {
        let parts = |part: fn(&Amounts) -> Money| -> Vec<Decimal> {
            let rest = part(&l.unattributed).0;
            l.actors
                .iter()
                .map(|a| part(&a.sourced).0)
                .chain([rest])
                .collect()
        };
        let revenue = parts(|a| a.revenue);
        let (pipeline, booked_pipeline) =
            money.partition(l.booked.pipeline.0, &parts(|a| a.pipeline));
        let shares = percent_shares(&revenue);
        let (revenue, booked_revenue) = money.partition(l.booked.revenue.0, &revenue);
        Shown {
            pipeline,
            booked_pipeline,
            revenue,
            booked_revenue,
            shares,
        }
    }
}

/// Σ sourced + unattributed = booked, for pipeline and revenue, as shown, and what is beside it.
fn reconciliation(l: &Ledger, shown: &Shown, money: &MoneyText, ascii: bool) -> TextBlock {
    let line = |what: &str, parts: &[Decimal], booked: Decimal| -> String {
        let (sourced, rest) = parts.split_at(parts.len().saturating_sub(1));
        let sourced: Decimal = sourced.iter().copied().sum();
        let unattributed = rest.first().copied().unwrap_or_default();
        let check = match (l.reconciles() && sourced + unattributed == booked, ascii) {
            (true, false) => "✓",
            (true, true) => "ok",
            (false, _) => "DOES NOT ADD UP",
        };
        format!(
            "{what} {} + {} = {} {check}",
            money.text_of_shown(sourced),
            money.text_of_shown(unattributed),
            money.text_of_shown(booked),
        )
    };
    // One paragraph: the two lines wrap together instead of taking a blank row between them.
    let mut paragraphs = vec![format!(
        "{}{}{}",
        line("Pipeline", &shown.pipeline, shown.booked_pipeline),
        if ascii { " | " } else { " · " },
        line("Revenue", &shown.revenue, shown.booked_revenue),
    )];
    for over in &l.over_attributed {
        paragraphs.push(format!(
            "Over-attributed: dealer {} has more sourced credit than it booked (by {} pipeline, \
             {} revenue); validation should have refused it.",
            over.dealer,
            money.text(over.excess.pipeline.0),
            money.text(over.excess.revenue.0)
        ));
    }
    paragraphs.push(format!(
        "Over {} dealer{}. Booked: every deal's pipeline value and won revenue (finance). \
         Influenced and attached credit is shown beside sourced and never added to it.",
        l.dealers,
        if l.dealers == 1 { "" } else { "s" }
    ));
    TextBlock {
        title: "Reconciliation: sourced + unattributed = booked".to_owned(),
        paragraphs,
    }
}
