//! P&L: martech cost against the value it brings, per tool and per value driver, from
//! [`crate::metrics::Pnl`]. Headline cards (cost, total value, ROI on it with the margin-only
//! ROI beside it and payback, productivity and cost to serve); a table of tools whose total row is the sum of the rows
//! shown (the P&L splits cents exactly), with retire candidates marked and the rule in its
//! title (in full in each tool's detail); the ROI and payback definitions; the selected tool's
//! cost split over its drivers; the value bridge (cost → margin by driver → productivity →
//! cost-to-serve savings → net value) as a waterfall; a table of value drivers whose title
//! states the allocation.
//! The stack is snapshot-wide (the snapshot does not split tools, seats or costs by dealer):
//! drilled in, the title, the tools table, each tool's detail and a scope note say so.

mod bridge;
mod drivers;
mod optimize;
mod tools;

use rust_decimal::Decimal;

use crate::app::screen::{Block, Card, Details, Screen, TextBlock, Tone};
use crate::compare::{Change, verdict_glyph};
use crate::metrics::value::{MARGIN_ROI_DEFINITION, PAYBACK_DEFINITION, ROI_DEFINITION};
use crate::metrics::{Direction, NOT_AVAILABLE, Pnl, Unit, format::fixed};
use crate::model::{Money, ReviewView, ValueDriver};

use super::Context;
use super::common::{Measure, card_compare, commentary, compared_label};
use super::figures::{count, money, money_cents, rate};

/// Builds the P&L screen.
pub fn build(ctx: &Context<'_>) -> Screen {
    let snapshot = ctx.card.snapshot();
    let pnl = Pnl::of(snapshot);
    let was = ctx.compared.map(|c| Pnl::of(c.snapshot()));
    let title = super::figures::scope(ctx, "Martech P&L");
    let mut blocks = vec![
        Block::Cards(cards(ctx, &pnl, was.as_ref())),
        Block::Table(tools::table(ctx, &pnl, was.as_ref())),
        Block::Text(TextBlock {
            title: String::new(),
            // Below the ecosystem the scope comes first: the stack is not the level's.
            paragraphs: optimize::scope_note(ctx)
                .into_iter()
                .chain([format!(
                    "{ROI_DEFINITION}. {MARGIN_ROI_DEFINITION}. {PAYBACK_DEFINITION}."
                )])
                .collect(),
        }),
        Block::Detail(Details {
            items: pnl
                .tools
                .iter()
                .map(|t| tools::detail(ctx, &pnl, t))
                .collect(),
            empty: "Select a tool to see its cost split and adoption.".to_owned(),
        }),
        Block::Waterfall(bridge::waterfall(ctx, &pnl)),
        Block::Table(drivers::table(ctx, &pnl)),
    ];
    blocks.extend(commentary(snapshot, ReviewView::Pnl));
    Screen { title, blocks }
}

/// A value driver as the review names it.
pub fn driver_label(driver: ValueDriver) -> &'static str {
    crate::metrics::value::label(driver)
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

/// The headline cards; when comparing (`was` = the compared period's P&L) each with its change
/// (cost and cost to serve: lower is better). No sparklines: the Overview has them, and here
/// the room goes to the tools and the selected tool's detail.
fn cards(ctx: &Context<'_>, pnl: &Pnl, was: Option<&Pnl>) -> Vec<Card> {
    let roi = pnl.roi();
    // Lower is better: say which way it went in words, not by sign alone.
    let serve_change = match pnl.cost_to_serve_change_relative().value() {
        Some(c) if c < Decimal::ZERO => format!("{} % lower", fixed(-c * Decimal::ONE_HUNDRED, 1)),
        Some(c) if c > Decimal::ZERO => format!("{} % higher", fixed(c * Decimal::ONE_HUNDRED, 1)),
        Some(_) => "unchanged".to_owned(),
        None => NOT_AVAILABLE.to_owned(),
    };
    let cards = vec![
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
            title: "Total value".to_owned(),
            value: money(ctx, pnl.total_value(), true),
            detail: vec![
                format!(
                    "margin {} of {}",
                    money(ctx, pnl.attributed_margin(), true),
                    money(ctx, pnl.gross_margin(), true)
                ),
                format!(
                    "+ productivity, savings {}",
                    money(ctx, pnl.total_value() - pnl.attributed_margin(), true)
                ),
            ],
            ..Card::default()
        },
        Card {
            title: "Martech ROI".to_owned(),
            value: rate(roi),
            detail: vec![
                format!("margin-only ROI {}", rate(pnl.margin_roi())),
                format!("payback {}", payback(pnl.payback_months())),
            ],
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
    ];
    let lower = Direction::LowerIsBetter;
    let higher = Direction::HigherIsBetter;
    let figures: [(Unit, Direction, PnlFigure); 4] = [
        (Unit::Money, lower, |p| Some(p.cost().amount())),
        (Unit::Money, higher, |p| Some(p.total_value().amount())),
        (Unit::Rate, higher, |p| p.roi().value()),
        (Unit::Money, higher, |p| {
            Some(p.productivity_value().amount())
        }),
    ];
    let mut cards: Vec<Card> = cards
        .into_iter()
        .zip(figures)
        .map(|(card, (unit, direction, figure))| {
            let measure = Measure::new(unit, direction);
            card_compare(ctx, card, &measure, figure(pnl), was.and_then(figure))
        })
        .collect();
    if let (Some(was), Some(productivity)) = (was, cards.last_mut()) {
        productivity.detail.push(serve_compared(ctx, pnl, was));
    }
    if optimize::scope_note(ctx).is_some() {
        // Drilled in: these are the ecosystem's figures, as the Overview's cards say.
        for card in &mut cards {
            card.detail.insert(0, "ecosystem-wide".to_owned());
        }
    }
    cards
}

/// A figure of a whole P&L, `None` when "n/a".
type PnlFigure = fn(&Pnl) -> Option<Decimal>;

/// "vs Sep 2026: ▲ −$2.00": the change of the cost to serve after martech against
/// the compared period's, to the cent (a per-customer amount), glyph and tone by lower is better.
fn serve_compared(ctx: &Context<'_>, pnl: &Pnl, was: &Pnl) -> String {
    let now = pnl.cost_to_serve_after.amount();
    let then = was.cost_to_serve_after.amount();
    let change = Change::between(
        Direction::LowerIsBetter,
        Some(now),
        Some(then),
        Unit::Money.default_threshold(),
    );
    let text = match change {
        Change::Moved {
            absolute, verdict, ..
        } => {
            let sign = match absolute.cmp(&Decimal::ZERO) {
                std::cmp::Ordering::Less if ctx.ascii => "-",
                std::cmp::Ordering::Less => "\u{2212}",
                std::cmp::Ordering::Greater => "+",
                std::cmp::Ordering::Equal => "",
            };
            format!(
                "{} {sign}{}",
                verdict_glyph(verdict, ctx.ascii),
                money_cents(ctx, Money(absolute.abs()))
            )
        }
        Change::New | Change::Removed | Change::NotAvailable => NOT_AVAILABLE.to_owned(),
    };
    // Under "cost to serve $147.75" and "was $184.00 (…)": short enough for a 120-column card.
    format!("vs {}: {text}", compared_label(ctx))
}

#[cfg(test)]
mod tests;
