//! The P&L by value driver: ecosystem revenue and gross margin, the margin attributed to martech,
//! the martech cost allocated to the driver and its ROI, with a total row that is the sum of the
//! rows shown (cost of tools serving no driver on a row of its own).

use crate::app::screen::{Align, Cell, Column, Row, Table, Tone};
use crate::metrics::pnl::ALLOCATION_NOTE;
use crate::metrics::{DriverPnl, Pnl, Ratio};
use crate::model::Money;

use super::super::Context;
use super::super::common::name_column;
use super::super::figures::{blank, dot, money_cell, roi_cell};
use super::driver_label;

/// The id of the row carrying the cost of tools that serve no driver.
pub const UNASSIGNED: &str = "unassigned";

fn columns() -> Vec<Column> {
    let num = |key: &str, title: &str, short: &str, priority| {
        Column::new(key, title, short, Align::Right, priority)
    };
    vec![
        name_column("Value driver"),
        num("revenue", "Revenue", "Revenue", 3),
        num("gross_margin", "Gross margin", "GM", 4),
        num("margin", "Attributed margin", "Margin", 1),
        num("cost", "Martech cost", "Cost", 1),
        num("roi", "ROI", "ROI", 1),
        Column::new("tools", "Served by", "Tools", Align::Left, 5),
    ]
}

fn cells(ctx: &Context<'_>, pnl: &Pnl, d: &DriverPnl) -> Vec<Cell> {
    let names: Vec<&str> = d
        .tools
        .iter()
        .filter_map(|id| pnl.tools.iter().find(|t| &t.id == id))
        .map(|t| t.name.as_str())
        .collect();
    let served = if names.is_empty() {
        Cell::text("no tool").tone(Tone::Muted)
    } else {
        Cell::text(names.join(", "))
    };
    vec![
        Cell::text(driver_label(d.driver)),
        money_cell(ctx, d.revenue),
        money_cell(ctx, d.gross_margin),
        money_cell(ctx, d.attributed_margin),
        money_cell(ctx, d.cost),
        roi_cell(d.roi()),
        served,
    ]
}

fn total(ctx: &Context<'_>, pnl: &Pnl) -> Vec<Cell> {
    let cost: Money = pnl.drivers.iter().map(|d| d.cost).sum::<Money>() + pnl.unassigned_cost;
    let margin = pnl.attributed_margin();
    let mut cells = vec![
        Cell::text("All drivers"),
        money_cell(ctx, pnl.revenue()),
        money_cell(ctx, pnl.gross_margin()),
        money_cell(ctx, margin),
        money_cell(ctx, cost),
        roi_cell(Ratio::new((margin - cost).amount(), cost.amount())),
        blank(),
    ];
    for cell in &mut cells {
        if cell.tone == Tone::Plain {
            cell.tone = Tone::Strong;
        }
    }
    cells
}

/// The drivers table: every driver (even empty ones, so the list is stable), the cost of tools
/// serving none if any, the total pinned on top.
pub fn table(ctx: &Context<'_>, pnl: &Pnl) -> Table {
    let mut rows: Vec<Row> = pnl
        .drivers
        .iter()
        .map(|d| {
            let key = format!("{:?}", d.driver).to_lowercase();
            Row::new(key, driver_label(d.driver), cells(ctx, pnl, d))
        })
        .collect();
    if pnl.unassigned_cost != Money::ZERO {
        let name = "Tools serving no driver";
        let mut cells = vec![Cell::text(name).tone(Tone::Muted)];
        cells.extend((0..3).map(|_| blank()));
        cells.push(money_cell(ctx, pnl.unassigned_cost));
        cells.extend((0..2).map(|_| blank()));
        rows.push(Row::new(UNASSIGNED, name, cells));
    }
    let pinned = vec![Row::new("total", "All drivers", total(ctx, pnl))];
    let title = format!("Value drivers{}{ALLOCATION_NOTE}", dot(ctx));
    Table::new(&title, columns(), pinned, rows)
}
