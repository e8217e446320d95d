//! P&L: martech cost against ecosystem revenue and margin, per tool and per value driver, from
//! [`crate::metrics::Pnl`]. Headline cards (cost, attributed margin, ROI and payback,
//! productivity and cost to serve); a table of tools whose total row is the sum of the rows
//! shown (the P&L splits cents exactly), with retire candidates marked and the rule in its
//! title (in full in each tool's detail); the ROI and payback definitions; the selected tool's
//! cost split over its drivers; a table of value drivers whose title states the allocation.
//! The stack is snapshot-wide: drilled in, the view says so.

mod drivers;
mod tools;

use rust_decimal::Decimal;

use crate::app::screen::{Block, Card, Details, Screen, TextBlock, Tone};
use crate::metrics::pnl::{PAYBACK_DEFINITION, ROI_DEFINITION};
use crate::metrics::{NOT_AVAILABLE, Pnl, format::fixed};
use crate::model::{ReviewView, ValueDriver};

use super::Context;
use super::common::commentary;
use super::figures::{count, money, money_cents, rate};

/// Builds the P&L screen.
pub fn build(ctx: &Context<'_>) -> Screen {
    let snapshot = ctx.card.snapshot();
    let pnl = Pnl::of(snapshot);
    let title = super::figures::scope(ctx, "Martech P&L");
    let mut blocks = vec![
        Block::Cards(cards(ctx, &pnl)),
        Block::Table(tools::table(ctx, &pnl)),
        Block::Text(TextBlock {
            title: String::new(),
            paragraphs: vec![format!("{ROI_DEFINITION}. {PAYBACK_DEFINITION}.")],
        }),
        Block::Detail(Details {
            items: pnl
                .tools
                .iter()
                .map(|t| tools::detail(ctx, &pnl, t))
                .collect(),
            empty: "Select a tool to see its cost split and adoption.".to_owned(),
        }),
        Block::Table(drivers::table(ctx, &pnl)),
    ];
    blocks.extend(commentary(snapshot, ReviewView::Pnl));
    Screen { title, blocks }
}

/// A value driver as the review names it.
pub fn driver_label(driver: ValueDriver) -> &'static str {
    match driver {
        ValueDriver::IncrementalSales => "Incremental sales",
        ValueDriver::AccessoryRevenue => "Accessory revenue",
        ValueDriver::ServiceRetention => "Service retention",
        ValueDriver::EvAdoption => "EV adoption",
        ValueDriver::DealerProductivity => "Dealer productivity",
        ValueDriver::CostToServe => "Cost to serve",
    }
}

/// "4.3 mo", or "n/a" when the margin never pays the cost back.
pub fn payback(months: Option<Decimal>) -> String {
    months.map_or_else(
        || NOT_AVAILABLE.to_owned(),
        |m| format!("{} mo", fixed(m, 1)),
    )
}

/// The period as the cards name it.
fn period(pnl: &Pnl) -> &'static str {
    if pnl.period_months == 3 {
        "quarter"
    } else {
        "month"
    }
}

fn cards(ctx: &Context<'_>, pnl: &Pnl) -> Vec<Card> {
    let roi = pnl.roi();
    // Lower is better: say which way it went in words, not by sign alone.
    let serve_change = match pnl.cost_to_serve_change_relative().value() {
        Some(c) if c < Decimal::ZERO => format!("{} % lower", fixed(-c * Decimal::ONE_HUNDRED, 1)),
        Some(c) if c > Decimal::ZERO => format!("{} % higher", fixed(c * Decimal::ONE_HUNDRED, 1)),
        Some(_) => "unchanged".to_owned(),
        None => NOT_AVAILABLE.to_owned(),
    };
    vec![
        Card {
            title: "Martech cost".to_owned(),
            value: money(ctx, pnl.cost(), true),
            detail: vec![
                format!("this {}", period(pnl)),
                format!("{} a year", money(ctx, pnl.annual_cost(), true)),
            ],
            ..Card::default()
        },
        Card {
            title: "Attributed margin".to_owned(),
            value: money(ctx, pnl.attributed_margin(), true),
            detail: vec![
                format!("of {} margin", money(ctx, pnl.gross_margin(), true)),
                format!("on {} revenue", money(ctx, pnl.revenue(), true)),
            ],
            ..Card::default()
        },
        Card {
            title: "Martech ROI".to_owned(),
            value: rate(roi),
            detail: vec![format!("payback {}", payback(pnl.payback_months()))],
            tone: match roi.value() {
                Some(v) if v < Decimal::ZERO => Tone::Bad,
                _ => Tone::Plain,
            },
            ..Card::default()
        },
        Card {
            title: "Productivity".to_owned(),
            value: money(ctx, pnl.productivity_value(), true),
            detail: vec![
                format!(
                    "{} h {} {}/h",
                    count(pnl.hours_saved),
                    if ctx.ascii { "x" } else { "×" },
                    money_cents(ctx, pnl.cost_per_hour)
                ),
                format!(
                    "cost to serve {}",
                    money_cents(ctx, pnl.cost_to_serve_after)
                ),
                format!(
                    "was {} ({serve_change})",
                    money_cents(ctx, pnl.cost_to_serve_before)
                ),
            ],
            ..Card::default()
        },
    ]
}

#[cfg(test)]
mod tests;
