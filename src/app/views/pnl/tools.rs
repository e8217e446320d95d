//! The P&L by tool: cost, attributed margin, ROI, payback, adoption and the retire mark, with a
//! total row that is the sum of the rows shown, and each tool's detail.

use rust_decimal::Decimal;

use crate::app::screen::{Align, Bar, Cell, Column, Detail, Row, SortKey, Table, Tone};
use crate::metrics::adoption::{RETIRE_ADOPTION_BELOW, RETIRE_ROI_BELOW, RETIRE_RULE};
use crate::metrics::{Adoption, Pnl, Ratio, ToolPnl};
use crate::model::Money;

use super::super::Context;
use super::super::common::name_column;
use super::super::figures::{blank, count, dot, money, money_cell, rate, rate_cell, roi_cell};
use super::{driver_label, payback};

/// The id of the row carrying the margin of drivers no tool serves.
pub const UNALLOCATED: &str = "unallocated";

/// The rule in a few words, for the table's title.
pub fn retire_rule_short() -> String {
    format!(
        "retire = adoption < {} and ROI < {}",
        rate(Ratio::new(RETIRE_ADOPTION_BELOW, Decimal::ONE)),
        rate(Ratio::new(RETIRE_ROI_BELOW, Decimal::ONE)),
    )
}

fn columns(pnl: &Pnl) -> Vec<Column> {
    let num = |key: &str, title: &str, short: &str, priority| {
        Column::new(key, title, short, Align::Right, priority)
    };
    let per = if pnl.period_months == 3 {
        "quarter"
    } else {
        "month"
    };
    vec![
        name_column("Tool"),
        num("cost", &format!("Cost / {per}"), "Cost", 1),
        num("margin", "Attributed margin", "Margin", 2),
        num("roi", "ROI", "ROI", 1),
        retire_column(),
        num("payback", "Payback", "Payback", 3),
        num("seats", "Seats used", "Seats", 4),
        num("dealers", "Dealers adopted", "Dealers", 5),
        num("annual", "Annual cost", "Annual", 6),
    ]
}

/// The retire column: `s` on it lists the candidates first.
fn retire_column() -> Column {
    let mut column = Column::new("retire", "Retire?", "Retire", Align::Left, 1);
    column.first_sort_descending = Some(true);
    column
}

fn payback_cell(months: Option<Decimal>) -> Cell {
    Cell::num(payback(months), months)
}

fn retire_cell(tool: &ToolPnl) -> Cell {
    let (text, tone, key) = if tool.retire_candidate() {
        ("retire", Tone::Bad, Decimal::ONE)
    } else {
        ("", Tone::Plain, Decimal::ZERO)
    };
    Cell {
        text: text.to_owned(),
        sort: SortKey::Num(key),
        tone,
        mark: None,
    }
}

fn cells(ctx: &Context<'_>, pnl: &Pnl, tool: &ToolPnl) -> Vec<Cell> {
    vec![
        Cell::text(&tool.name),
        money_cell(ctx, tool.cost),
        money_cell(ctx, tool.attributed_margin),
        roi_cell(tool.roi()),
        retire_cell(tool),
        payback_cell(tool.payback_months(pnl.period_months)),
        rate_cell(tool.adoption.seats),
        rate_cell(tool.adoption.dealers),
        money_cell(ctx, tool.annual_cost),
    ]
}

/// The row of margin no tool can claim (drivers no tool serves), so the margin column adds up
/// to the P&L's attributed margin; `None` when there is none.
fn unallocated(ctx: &Context<'_>, pnl: &Pnl) -> Option<Row> {
    if pnl.unallocated_margin == Money::ZERO {
        return None;
    }
    let name = "Drivers no tool serves";
    let mut cells = vec![Cell::text(name).tone(Tone::Muted), blank()];
    cells.push(money_cell(ctx, pnl.unallocated_margin));
    cells.extend((0..6).map(|_| blank()));
    Some(Row::new(UNALLOCATED, name, cells))
}

/// The sum of the tool rows (and the unallocated margin row): money added, ROI, payback and
/// seat use from the summed parts. Dealer adoption does not add across tools and is left blank.
fn total(ctx: &Context<'_>, pnl: &Pnl) -> Vec<Cell> {
    let mut sum = ToolPnl {
        id: "total".into(),
        name: "All tools".to_owned(),
        annual_cost: Money::ZERO,
        cost: Money::ZERO,
        attributed_margin: pnl.unallocated_margin,
        cost_by_driver: Vec::new(),
        adoption: Adoption {
            seats: Ratio::default(),
            dealers: Ratio::default(),
        },
    };
    for tool in &pnl.tools {
        sum.annual_cost += tool.annual_cost;
        sum.cost += tool.cost;
        sum.attributed_margin += tool.attributed_margin;
        sum.adoption.seats += tool.adoption.seats;
    }
    let candidates = pnl.retire_candidates().count();
    let mut cells = vec![
        Cell::text("All tools"),
        money_cell(ctx, sum.cost),
        money_cell(ctx, sum.attributed_margin),
        roi_cell(sum.roi()),
        Cell::text(format!("{candidates} of {}", pnl.tools.len())),
        payback_cell(sum.payback_months(pnl.period_months)),
        rate_cell(sum.adoption.seats),
        blank(),
        money_cell(ctx, sum.annual_cost),
    ];
    for cell in &mut cells {
        if cell.tone == Tone::Plain {
            cell.tone = Tone::Strong;
        }
    }
    cells
}

/// The tools table: one row per tool in stack order, the unallocated margin if any, the total
/// pinned on top.
pub fn table(ctx: &Context<'_>, pnl: &Pnl) -> Table {
    let mut rows: Vec<Row> = pnl
        .tools
        .iter()
        .map(|t| Row::new(t.id.as_str(), &t.name, cells(ctx, pnl, t)))
        .collect();
    rows.extend(unallocated(ctx, pnl));
    let pinned = if rows.is_empty() {
        Vec::new()
    } else {
        vec![Row::new("total", "All tools", total(ctx, pnl))]
    };
    let title = format!("Tools{}{}", dot(ctx), retire_rule_short());
    Table::new(&title, columns(pnl), pinned, rows).with_empty("this snapshot has no martech stack")
}

/// Why a tool is or is not a retire candidate, in numbers.
fn verdict(tool: &ToolPnl) -> String {
    let adoption = tool
        .adoption
        .headline()
        .map(|a| rate(Ratio::new(a, Decimal::ONE)));
    let adoption = adoption.unwrap_or_else(|| "unknown".to_owned());
    let roi = rate(tool.roi());
    if tool.retire_candidate() {
        format!("Retire candidate: adoption {adoption} and ROI {roi}.")
    } else if tool.cost == Money::ZERO {
        "Not a retire candidate: it costs nothing this period.".to_owned()
    } else {
        format!("Not a retire candidate: adoption {adoption}, ROI {roi}.")
    }
}

/// The selected tool: its cost split over the drivers it serves as bars, its annual cost by
/// kind, its adoption in counts and the retire verdict.
pub fn detail(ctx: &Context<'_>, pnl: &Pnl, tool: &ToolPnl) -> Detail {
    let snapshot = ctx.card.snapshot();
    let bars = tool
        .cost_by_driver
        .iter()
        .map(|&(driver, share)| {
            let line = pnl.drivers.iter().find(|d| d.driver == driver);
            Bar {
                label: driver_label(driver).to_owned(),
                value: share.amount(),
                text: money(ctx, share, true),
                note: line.map_or_else(String::new, |d| format!("driver ROI {}", rate(d.roi()))),
            }
        })
        .collect();
    let mut lines = Vec::new();
    if let Some(t) = snapshot.stack.iter().find(|t| t.id == tool.id) {
        let c = &t.annual_cost;
        lines.push(format!(
            "Annual {}: licences {}, services {}, integration {}.",
            money(ctx, c.total(), true),
            money(ctx, c.licences, true),
            money(ctx, c.services, true),
            money(ctx, c.integration, true),
        ));
        lines.push(format!(
            "Adoption: {} of {} seats active ({}); {} of {} dealers ({}).",
            count(t.active_users),
            count(t.seats),
            rate(tool.adoption.seats),
            count(t.dealers_adopted),
            count(snapshot.dealers.len() as u64),
            rate(tool.adoption.dealers),
        ));
    }
    if tool.cost_by_driver.is_empty() {
        lines.push("Serves no value driver: its cost is in no driver's line.".to_owned());
    }
    lines.push(verdict(tool));
    lines.push(RETIRE_RULE.to_owned());
    Detail {
        row: tool.id.as_str().to_owned(),
        title: format!("{}: cost this period by value driver", tool.name),
        bars,
        lines,
    }
}
