//! Journeys: ROI and funnel by journey, with handoff health between the OEM, dealers and
//! partners. One row per journey (volume = first stage, conversion overall and stage by stage,
//! revenue, cost, gross margin, ROI, handoffs met), a total row from the summed parts, and the
//! selected journey's funnel as bars. Journeys are snapshot-wide: drilled in, the view says so.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::app::screen::{Align, Bar, Block, Cell, Column, Detail, Details, Row, Screen, Table};
use crate::app::screen::{TextBlock, Tone};
use crate::metrics::journey::{
    JOURNEY_ROI_DEFINITION, JourneyTotals, funnel, handoff_health, overall_conversion, roi,
};
use crate::metrics::{NOT_AVAILABLE, Ratio};
use crate::model::{Journey, ReviewView, Snapshot};

use super::Context;
use super::common::{commentary, name_column};
use super::figures::{blank, count, count_cell, money, money_cell, rate, rate_cell, roi_cell};

/// How stage conversion is defined, beside the ROI definition under the table.
pub const CONVERSION_DEFINITION: &str = "conversion = stage / stage before";

/// Builds the Journeys screen.
pub fn build(ctx: &Context<'_>) -> Screen {
    let snapshot = ctx.card.snapshot();
    let title = super::figures::scope(ctx, "Journeys: ROI, funnel and handoffs");
    let handoffs = handoff_names(&snapshot.journeys);
    let rows: Vec<Row> = snapshot
        .journeys
        .iter()
        .map(|j| Row::new(j.id.as_str(), &j.name, cells(ctx, j, &handoffs)))
        .collect();
    let pinned = if snapshot.journeys.is_empty() {
        Vec::new()
    } else {
        vec![Row::new(
            "total",
            "All journeys",
            total(ctx, snapshot, &handoffs),
        )]
    };
    let table = Table::new(&title, columns(&handoffs), pinned, rows)
        .with_empty("this snapshot has no journeys");
    let mut blocks = vec![
        Block::Table(table),
        Block::Text(TextBlock {
            title: String::new(),
            paragraphs: vec![format!("{JOURNEY_ROI_DEFINITION}; {CONVERSION_DEFINITION}")],
        }),
        Block::Detail(Details {
            items: snapshot.journeys.iter().map(|j| detail(ctx, j)).collect(),
            empty: "Select a journey to see its funnel.".to_owned(),
        }),
    ];
    blocks.extend(commentary(snapshot, ReviewView::Journeys));
    Screen { title, blocks }
}

/// Every handoff name, in order of first appearance: one column each.
fn handoff_names(journeys: &[Journey]) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for handoff in journeys.iter().flat_map(|j| &j.handoffs) {
        if !names.contains(&handoff.name.as_str()) {
            names.push(&handoff.name);
        }
    }
    names
}

/// A journey's handoffs of one name, met over attempted.
fn handoff(journey: &Journey, name: &str) -> Ratio {
    let mut health = Ratio::default();
    for h in journey.handoffs.iter().filter(|h| h.name == name) {
        health += Ratio::new(h.met, h.total);
    }
    health
}

fn columns(handoffs: &[&str]) -> Vec<Column> {
    let num = |key: &str, title: &str, short: &str, priority| {
        Column::new(key, title, short, Align::Right, priority)
    };
    let mut columns = vec![
        name_column("Journey"),
        num("volume", "Volume (first stage)", "Volume", 1),
        num("conversion", "Overall conv.", "Conv", 2),
        num("roi", "ROI", "ROI", 3),
        num("revenue", "Revenue", "Rev", 5),
        num("cost", "Cost", "Cost", 6),
        num("gross_margin", "Gross margin", "Margin", 7),
        num("handoffs", "Handoffs met", "Handoff", 4),
        num("steps", "Stage conversion", "Steps", 8),
    ];
    for (i, name) in handoffs.iter().enumerate() {
        let priority = u8::try_from(9 + i).unwrap_or(u8::MAX);
        let title = capitalised(name);
        let short: String = title
            .split_whitespace()
            .next()
            .unwrap_or("")
            .chars()
            .take(7)
            .collect();
        columns.push(num(&format!("handoff:{name}"), &title, &short, priority));
    }
    columns
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn cells(ctx: &Context<'_>, j: &Journey, handoffs: &[&str]) -> Vec<Cell> {
    let volume = j.stages.first().map(|s| s.count);
    let mut cells = vec![
        Cell::text(&j.name),
        volume.map_or_else(|| Cell::num(NOT_AVAILABLE, None), count_cell),
        rate_cell(overall_conversion(j)),
        roi_cell(roi(j)),
        money_cell(ctx, j.revenue),
        money_cell(ctx, j.cost),
        money_cell(ctx, j.gross_margin),
        rate_cell(handoff_health(j)),
        steps(ctx, j),
    ];
    cells.extend(handoffs.iter().map(|name| rate_cell(handoff(j, name))));
    cells
}

/// "11.4 › 35.0 › 61.2 %": each stage over the one before, in percent.
fn steps(ctx: &Context<'_>, j: &Journey) -> Cell {
    let parts: Vec<String> = funnel(j)
        .iter()
        .filter_map(|s| s.from_previous)
        .map(|r| match r.value() {
            Some(v) => crate::metrics::format::fixed(v * Decimal::ONE_HUNDRED, 1),
            None => NOT_AVAILABLE.to_owned(),
        })
        .collect();
    let first = funnel(j).get(1).and_then(|s| s.from_previous?.value());
    if first.is_none() && parts.iter().all(|p| p == NOT_AVAILABLE) {
        return Cell::num(NOT_AVAILABLE, None);
    }
    let arrow = if ctx.ascii { " > " } else { " › " };
    Cell::num(format!("{} %", parts.join(arrow)), first)
}

/// The total row: money summed, ROI and handoffs from the summed parts. Volumes and
/// conversions are left blank: the journeys' funnels count different things.
fn total(ctx: &Context<'_>, snapshot: &Snapshot, handoffs: &[&str]) -> Vec<Cell> {
    let t = JourneyTotals::of(&snapshot.journeys);
    let mut cells = vec![
        Cell::text("All journeys"),
        blank(),
        blank(),
        roi_cell(t.roi()),
        money_cell(ctx, t.revenue),
        money_cell(ctx, t.cost),
        money_cell(ctx, t.gross_margin),
        rate_cell(t.handoffs),
        blank(),
    ];
    cells.extend(handoffs.iter().map(|name| {
        let mut sum = Ratio::default();
        for j in &snapshot.journeys {
            sum += handoff(j, name);
        }
        rate_cell(sum)
    }));
    for cell in &mut cells {
        if cell.tone == Tone::Plain {
            cell.tone = Tone::Strong;
        }
    }
    cells
}

/// The funnel of one journey as bars (count, and the share of the stage before), then its
/// overall conversion and each handoff with the actors on both sides.
fn detail(ctx: &Context<'_>, j: &Journey) -> Detail {
    let snapshot = ctx.card.snapshot();
    let steps = funnel(j);
    let bars = steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let note = match (s.from_previous, i.checked_sub(1).and_then(|p| steps.get(p))) {
                (Some(r), Some(before)) => format!("{} of {}", rate(r), before.name),
                _ => String::new(),
            };
            Bar {
                label: s.name.to_owned(),
                value: Decimal::from(s.count),
                text: count(s.count),
                note,
            }
        })
        .collect();
    let actors: HashMap<&str, &str> = snapshot
        .actors
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str()))
        .collect();
    let name = |id: &str| actors.get(id).copied().unwrap_or(id).to_owned();
    let mut lines = Vec::new();
    if let (Some(first), Some(last)) = (j.stages.first(), j.stages.last()) {
        lines.push(format!(
            "Overall {} of {} reached {} ({} of {}); revenue {}, cost {}, ROI {}.",
            rate(overall_conversion(j)),
            first.name,
            last.name,
            count(last.count),
            count(first.count),
            money(ctx, j.revenue, false),
            money(ctx, j.cost, false),
            rate(roi(j)),
        ));
    }
    for h in &j.handoffs {
        lines.push(format!(
            "{}: {} of {} met ({}), {} to {}.",
            capitalised(&h.name),
            count(h.met),
            count(h.total),
            rate(Ratio::new(h.met, h.total)),
            name(h.from.as_str()),
            name(h.to.as_str()),
        ));
    }
    Detail {
        row: j.id.as_str().to_owned(),
        title: format!("Funnel of {}: count and share of the stage before", j.name),
        bars,
        lines,
    }
}

#[cfg(test)]
mod tests;
