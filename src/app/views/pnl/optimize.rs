//! What the Optimize step asks of each tool beside its ROI: what a seat in use costs, and which
//! tools it overlaps with (same category, a value driver in common), each with its reason.

use crate::app::screen::{Cell, Tone};
use crate::metrics::overlap::Overlap;
use crate::metrics::{Level, Pnl, Ratio, ToolPnl};
use crate::model::Snapshot;

use super::super::Context;
use super::super::figures::money;
use super::driver_label;

/// Drilled below the ecosystem, what the stack's figures are the scope of: the snapshot holds
/// the stack (tools, their cost, seats, active users, dealers adopted) for the whole ecosystem
/// only, so cost per active user, overlaps and retire flags cannot be computed from a region's,
/// group's or dealer's own parts. They are shown as the ecosystem's, and say so. `None` at the
/// ecosystem.
pub fn scope_note(ctx: &Context<'_>) -> Option<String> {
    if *ctx.level == Level::Ecosystem {
        return None;
    }
    let name = ctx.card.node(ctx.level).map_or("this level", |n| n.name);
    Some(format!(
        "Scope: ecosystem. The snapshot holds the stack (tools, cost, seats, active users, \
         dealers adopted) for the whole ecosystem, not by region, group or dealer: the tools' \
         cost per active user, overlaps and retire flags are the ecosystem's, not {name}'s."
    ))
}

/// The tools table's name: "Ecosystem tools" below the ecosystem, where they are not the
/// level's (see [`scope_note`]).
pub fn tools_title(ctx: &Context<'_>) -> &'static str {
    if *ctx.level == Level::Ecosystem {
        "Tools"
    } else {
        "Ecosystem tools"
    }
}

/// The period's cost over the seats in use: "n/a" when nobody uses it.
pub fn cost_per_user(snapshot: &Snapshot, tool: &ToolPnl) -> Ratio {
    let active = snapshot
        .stack
        .iter()
        .find(|t| t.id == tool.id)
        .map_or(0, |t| t.active_users);
    Ratio::new(tool.cost.amount(), active)
}

/// The stack's cost per seat in use: all tools' cost over all active users.
pub fn stack_cost_per_user(snapshot: &Snapshot, pnl: &Pnl) -> Ratio {
    let active: u64 = snapshot.stack.iter().map(|t| t.active_users).sum();
    Ratio::new(pnl.cost().amount(), active)
}

/// A money cell of a per-user cost ("n/a" when nobody uses the tool).
pub fn cost_per_user_cell(ctx: &Context<'_>, cost: Ratio) -> Cell {
    match cost.value() {
        Some(v) => Cell::num(money(ctx, crate::model::Money(v), true), Some(v)),
        None => Cell::num(crate::metrics::NOT_AVAILABLE, None),
    }
}

/// The names of the tools a tool overlaps with, or nothing.
pub fn overlap_cell(pnl: &Pnl, overlaps: &[Overlap]) -> Cell {
    if overlaps.is_empty() {
        return Cell::text("");
    }
    Cell::text(names(pnl, overlaps).join(", ")).tone(Tone::Warn)
}

fn names(pnl: &Pnl, overlaps: &[Overlap]) -> Vec<String> {
    overlaps
        .iter()
        .map(|o| {
            pnl.tools
                .iter()
                .find(|t| t.id == o.with)
                .map_or_else(|| o.with.as_str().to_owned(), |t| t.name.clone())
        })
        .collect()
}

/// The overlap flag with its reason, for the tool's detail: "Overlaps with Virtual Showroom
/// Video: same category (other), both serve dealer productivity."
pub fn overlap_line(
    snapshot: &Snapshot,
    pnl: &Pnl,
    tool: &ToolPnl,
    overlaps: &[Overlap],
) -> String {
    if overlaps.is_empty() {
        return "No overlap: no other tool of its category serves its drivers.".to_owned();
    }
    let category = snapshot
        .stack
        .iter()
        .find(|t| t.id == tool.id)
        .map_or_else(String::new, |t| format!("{:?}", t.category));
    let reasons: Vec<String> = overlaps
        .iter()
        .zip(names(pnl, overlaps))
        .map(|(o, name)| {
            let drivers: Vec<String> = o
                .drivers
                .iter()
                .map(|&d| driver_label(d).to_lowercase())
                .collect();
            format!("{name} (both serve {})", drivers.join(", "))
        })
        .collect();
    format!(
        "Overlaps with {}: same category ({}).",
        reasons.join("; "),
        category_label(&category)
    )
}

/// "MarketingAutomation" as "marketing automation".
fn category_label(debug: &str) -> String {
    let mut out = String::new();
    for (i, c) in debug.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Each tool's overlaps, in the P&L's tool order.
pub fn of(snapshot: &Snapshot) -> Vec<Vec<Overlap>> {
    crate::metrics::overlap::overlaps(&snapshot.stack)
}

/// The overlaps of a tool, by id.
pub fn for_tool<'a>(snapshot: &Snapshot, all: &'a [Vec<Overlap>], tool: &ToolPnl) -> &'a [Overlap] {
    snapshot
        .stack
        .iter()
        .position(|t| t.id == tool.id)
        .and_then(|i| all.get(i))
        .map_or(&[], Vec::as_slice)
}

/// Cells for a row without a tool (the total, the unallocated value).
pub fn blank_cells() -> [Cell; 2] {
    [Cell::num("", None), Cell::text("")]
}

/// The money figure of `ctx` as a cell, for the stack's total cost per user.
pub fn total_cells(ctx: &Context<'_>, snapshot: &Snapshot, pnl: &Pnl) -> [Cell; 2] {
    [
        cost_per_user_cell(ctx, stack_cost_per_user(snapshot, pnl)),
        Cell::text(""),
    ]
}
