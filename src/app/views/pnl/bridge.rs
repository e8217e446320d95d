//! The value bridge as a waterfall: martech cost, the attributed gross margin of each driver
//! (a slice shown inside its whole, not added), productivity value, cost-to-serve savings and
//! the net value, each step with its definition in figures. Every amount is on one scale and the
//! steps shown add up to the net value shown (signed largest remainder).

use rust_decimal::Decimal;

use crate::app::screen::{Fall, Flow, Waterfall};
use crate::metrics::Pnl;
use crate::metrics::value::{Bridge, NET_DEFINITION, StepKind, label};
use crate::model::Money;

use super::super::Context;
use super::super::attribution_money::MoneyText;
use super::super::figures::{count, money, money_cents, rate};
use super::payback;

/// The title of the waterfall.
pub const TITLE: &str = "Value bridge: martech cost to net value";

/// The waterfall of a P&L.
pub fn waterfall(ctx: &Context<'_>, pnl: &Pnl) -> Waterfall {
    let bridge = Bridge::of(pnl);
    let added: Vec<usize> = (0..bridge.steps.len())
        .filter(|&i| !matches!(bridge.steps[i].kind, StepKind::Slice(_) | StepKind::Net))
        .collect();
    let amounts: Vec<Decimal> = added
        .iter()
        .map(|&i| bridge.steps[i].amount.amount())
        .collect();
    let text = MoneyText::new(ctx, bridge.steps.iter().map(|s| s.amount.amount()));
    let (shown, net) = text.signed_partition(&amounts);
    let falls = bridge
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let amount = match (step.kind, added.iter().position(|&a| a == i)) {
                (StepKind::Net, _) => text.text_of_shown(net),
                (_, Some(n)) => signed(&text, shown[n]),
                (_, None) => text.text(step.amount.amount()),
            };
            Fall {
                label: step_label(step.kind),
                from: step.from.amount(),
                to: step.to.amount(),
                text: amount,
                note: note(ctx, pnl, step.kind),
                flow: match step.kind {
                    StepKind::Net => Flow::Total,
                    StepKind::Slice(_) => Flow::Part,
                    _ if step.amount < Money::ZERO => Flow::Down,
                    _ => Flow::Up,
                },
            }
        })
        .collect();
    Waterfall {
        title: TITLE.to_owned(),
        falls,
        lines: vec![format!(
            "ROI on total value {} · margin-only ROI {} · payback {} on total value",
            rate(bridge.roi()),
            rate(bridge.margin_roi()),
            payback(pnl.payback_months()),
        )],
    }
}

/// "+$1,530K" for an added step, "-$726K" for one taken away.
fn signed(text: &MoneyText, shown: Decimal) -> String {
    let plain = text.text_of_shown(shown);
    if shown > Decimal::ZERO {
        format!("+{plain}")
    } else {
        plain
    }
}

fn step_label(kind: StepKind) -> String {
    match kind {
        StepKind::Cost => "Martech cost".to_owned(),
        StepKind::Margin(d) => format!("{} margin", label(d)),
        StepKind::Slice(d) => format!("  of which {}", label(d)),
        StepKind::Productivity => "Productivity value".to_owned(),
        StepKind::CostToServe => "Cost-to-serve savings".to_owned(),
        StepKind::Net => "Net value".to_owned(),
    }
}

/// The step's definition with its figures.
fn note(ctx: &Context<'_>, pnl: &Pnl, kind: StepKind) -> String {
    let times = if ctx.ascii { "x" } else { "×" };
    match kind {
        StepKind::Cost => format!(
            "{} a year × {}/12 (licences, services, integration)",
            money(ctx, pnl.annual_cost(), true),
            pnl.period_months
        ),
        StepKind::Margin(d) => {
            let line = pnl.driver(d);
            format!(
                "attributed to martech: {} of {} gross margin",
                rate(crate::metrics::Ratio::new(
                    line.attributed_margin.amount(),
                    line.gross_margin.amount()
                )),
                money(ctx, line.gross_margin, true)
            )
        }
        StepKind::Slice(d) => {
            let whole = crate::metrics::value::whole(d);
            format!("inside {} margin, not added", label(whole).to_lowercase())
        }
        StepKind::Productivity => format!(
            "{} h saved {times} {}/h",
            count(pnl.hours_saved),
            money_cents(ctx, pnl.cost_per_hour)
        ),
        StepKind::CostToServe => format!(
            "({} before - {} now) {times} {} customers served (buyers + owners serviced)",
            money_cents(ctx, pnl.cost_to_serve_before),
            money_cents(ctx, pnl.cost_to_serve_after),
            count(pnl.customers_served)
        ),
        StepKind::Net => NET_DEFINITION.to_owned(),
    }
}

#[cfg(test)]
#[path = "bridge_tests.rs"]
mod tests;
