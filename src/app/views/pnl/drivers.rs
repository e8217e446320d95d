//! The P&L by value driver: ecosystem revenue and gross margin, the margin attributed to martech,
//! the value that is not margin (productivity, cost-to-serve savings), the martech cost allocated
//! to the driver and its ROI on value, with a total row that is the sum of the rows shown (cost
//! of tools serving no driver on a row of its own). A slice of another driver (EV adoption in
//! incremental sales) is listed under its whole as "of which", and not added.

use crate::app::screen::{Align, Cell, Column, Row, Table, Tone};
use crate::metrics::pnl::{ALLOCATION_NOTE, DRIVERS};
use crate::metrics::value::{slice_note, slice_of};
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
        num("other", "Productivity / savings", "Other", 2),
        num("cost", "Martech cost", "Cost", 1),
        num("roi", "ROI on value", "ROI", 1),
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
    if d.slice_of.is_some() {
        // Inside its whole: its cost is the whole's, it has no ROI of its own.
        return vec![
            Cell::text(name(d)).tone(Tone::Muted),
            money_cell(ctx, d.revenue).tone(Tone::Muted),
            money_cell(ctx, d.gross_margin).tone(Tone::Muted),
            money_cell(ctx, d.attributed_margin).tone(Tone::Muted),
            blank(),
            blank(),
            blank(),
            served,
        ];
    }
    vec![
        Cell::text(name(d)),
        money_cell(ctx, d.revenue),
        money_cell(ctx, d.gross_margin),
        money_cell(ctx, d.attributed_margin),
        money_cell(ctx, d.other_value),
        money_cell(ctx, d.cost),
        roi_cell(d.roi()),
        served,
    ]
}

/// "Incremental sales", or "of which EV adoption" for a slice.
fn name(d: &DriverPnl) -> String {
    match d.slice_of {
        Some(_) => format!("of which {}", driver_label(d.driver)),
        None => driver_label(d.driver).to_owned(),
    }
}

fn total(ctx: &Context<'_>, pnl: &Pnl) -> Vec<Cell> {
    let cost: Money = pnl.drivers.iter().map(|d| d.cost).sum::<Money>() + pnl.unassigned_cost;
    let value = pnl.total_value();
    let other: crate::model::Money = pnl.wholes().map(|d| d.other_value).sum();
    let mut cells = vec![
        Cell::text("All drivers"),
        money_cell(ctx, pnl.revenue()),
        money_cell(ctx, pnl.gross_margin()),
        money_cell(ctx, pnl.attributed_margin()),
        money_cell(ctx, other),
        money_cell(ctx, cost),
        roi_cell(Ratio::new((value - cost).amount(), cost.amount())),
        blank(),
    ];
    for cell in &mut cells {
        if cell.tone == Tone::Plain {
            cell.tone = Tone::Strong;
        }
    }
    cells
}

/// The drivers table: every driver (even empty ones, so the list is stable), each slice right
/// under its whole, the cost of tools serving none if any, the total pinned on top.
pub fn table(ctx: &Context<'_>, pnl: &Pnl) -> Table {
    let mut rows: Vec<Row> = Vec::new();
    let mut notes = Vec::new();
    for whole in DRIVERS.iter().filter(|&&d| slice_of(d).is_none()) {
        let slices = DRIVERS.iter().filter(|&&d| slice_of(d) == Some(*whole));
        for &driver in std::iter::once(whole).chain(slices) {
            let d = pnl.driver(driver);
            let key = format!("{:?}", d.driver).to_lowercase();
            let mut row = Row::new(key, &name(d), cells(ctx, pnl, d));
            row.slice = d.slice_of.is_some();
            rows.push(row);
            notes.extend(slice_note(driver));
        }
    }
    if pnl.unassigned_cost != Money::ZERO {
        let name = "Tools serving no driver";
        let mut cells = vec![Cell::text(name).tone(Tone::Muted)];
        cells.extend((0..4).map(|_| blank()));
        cells.push(money_cell(ctx, pnl.unassigned_cost));
        cells.extend((0..2).map(|_| blank()));
        rows.push(Row::new(UNASSIGNED, name, cells));
    }
    let pinned = vec![Row::new("total", "All drivers", total(ctx, pnl))];
    // The slices first: they explain why the total is not the sum of every line.
    let mut title = "Value drivers".to_owned();
    for note in notes.iter().map(String::as_str).chain([ALLOCATION_NOTE]) {
        title.push_str(dot(ctx));
        title.push_str(note);
    }
    Table::new(&title, columns(), pinned, rows)
        .summing()
        .recomputing(|key| key == "roi")
}
