//! Journeys: ROI and funnel by journey, with handoff health between the OEM, dealers and
//! partners. One row per journey (volume = first stage, conversion overall and stage by stage,
//! revenue, cost, gross margin, ROI, handoffs met), a total row from the summed parts, and the
//! selected journey's funnel as bars. Journeys are snapshot-wide: drilled in, the view says so.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::app::screen::{Align, Bar, Block, Cell, Column, Detail, Details, Row, Screen, Table};
use crate::app::screen::{TextBlock, Tone};
use crate::compare::{RowMatch, summarize};
use crate::metrics::journey::{
    JOURNEY_ROI_DEFINITION, JourneyTotals, funnel, handoff_health, overall_conversion, roi,
};
use crate::metrics::{Direction, NOT_AVAILABLE, Ratio, Unit};
use crate::model::{Journey, Money, ReviewView, Snapshot};

use super::Context;
use super::common::{
    Measure, add_match_column, commentary, comparing, figure_columns, matched_name, matched_search,
    name_column, pair_rows, sides,
};
use super::figures::{
    blank, blanks, count, count_cell, money, money_cell, rate, rate_cell, roi_cell, with_change,
};

/// How stage conversion is defined, beside the ROI definition under the table.
pub const CONVERSION_DEFINITION: &str = "conversion = stage / stage before";

/// Builds the Journeys screen. When comparing, journeys of both periods are matched by id (one
/// only a period has is listed as added or removed) and the key figures get their compared
/// value and change.
pub fn build(ctx: &Context<'_>) -> Screen {
    let snapshot = ctx.card.snapshot();
    let title = super::figures::scope(ctx, "Journeys: ROI, funnel and handoffs");
    let handoffs = handoff_names(&snapshot.journeys);
    let matched = pair_rows(ctx, snapshot.journeys.iter().collect(), |c| {
        c.snapshot().journeys.iter().collect()
    });
    let mut rows: Vec<Row> = matched
        .iter()
        .map(|m| {
            let (now, then) = sides(m);
            let mut row = Row::new(m.key(), m.name(), cells(ctx, m, now, then, &handoffs));
            row.search = matched_search(m).to_lowercase();
            row
        })
        .collect();
    let mut pinned = if matched.is_empty() {
        Vec::new()
    } else {
        vec![Row::new(
            "total",
            "All journeys",
            total(ctx, snapshot, &handoffs),
        )]
    };
    let mut columns = columns(ctx, &handoffs);
    add_match_column(ctx, &matched, &mut columns, &mut pinned, &mut rows);
    let mut table = Table::new(&title, columns, pinned, rows)
        .with_empty("this snapshot has no journeys")
        .summing()
        .recomputing(|key| {
            // Rates of summed parts; volume and money add up.
            super::common::recomputed_figure(key, |figure| {
                matches!(figure, "conversion" | "roi" | "handoffs" | "steps")
                    || figure.starts_with("handoff:")
            })
        });
    if comparing(ctx) {
        table = table.with_matched(summarize(&matched));
    }
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

/// Volume (the first stage's count): higher is better.
fn volume_measure() -> Measure {
    Measure::new(Unit::Count, Direction::HigherIsBetter)
}

/// Overall conversion, handoffs met and ROI (written as a rate, as the metrics module does):
/// higher is better, changes in percentage points.
fn rate_measure() -> Measure {
    Measure::new(Unit::Rate, Direction::HigherIsBetter)
}

/// Revenue and gross margin (higher is better), or cost (lower is better).
fn money_measure(direction: Direction) -> Measure {
    Measure::new(Unit::Money, direction)
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

fn columns(ctx: &Context<'_>, handoffs: &[&str]) -> Vec<Column> {
    let num = |key: &str, title: &str, short: &str, priority| {
        Column::new(key, title, short, Align::Right, priority)
    };
    let mut columns = vec![name_column("Journey")];
    for (key, title, short, priority) in [
        ("volume", "Volume (first stage)", "Volume", 1),
        ("conversion", "Overall conv.", "Conv", 2),
        ("roi", "ROI", "ROI", 3),
        ("revenue", "Revenue", "Rev", 5),
        ("cost", "Cost", "Cost", 6),
        ("gross_margin", "Gross margin", "Margin", 7),
        ("handoffs", "Handoffs met", "Handoff", 4),
    ] {
        columns.extend(figure_columns(ctx, key, title, short, priority));
    }
    columns.push(num("steps", "Stage conversion", "Steps", 8));
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

/// A figure's cells: the value cell drawn without a compared period, its measure, and its
/// values in the current and the compared period.
type Figure = (Option<Cell>, Measure, Option<Decimal>, Option<Decimal>);

/// A journey's row: its figures in the current period (as without a compared period), and when
/// comparing each key figure's compared value and change. Stage conversion and the handoffs
/// by name are the current period's (blank for a journey the current period lacks).
fn cells(
    ctx: &Context<'_>,
    m: &RowMatch<&Journey, &Journey>,
    now: Option<&Journey>,
    then: Option<&Journey>,
    handoffs: &[&str],
) -> Vec<Cell> {
    let volume = |j: &Journey| j.stages.first().map(|s| Decimal::from(s.count));
    let rate = rate_measure();
    let up = money_measure(Direction::HigherIsBetter);
    let figures: [Figure; 7] = [
        (
            now.map(|j| {
                j.stages
                    .first()
                    .map_or_else(|| Cell::num(NOT_AVAILABLE, None), |s| count_cell(s.count))
            }),
            volume_measure(),
            now.and_then(volume),
            then.and_then(volume),
        ),
        (
            now.map(|j| rate_cell(overall_conversion(j))),
            rate,
            now.and_then(|j| overall_conversion(j).value()),
            then.and_then(|j| overall_conversion(j).value()),
        ),
        (
            now.map(|j| roi_cell(roi(j))),
            rate,
            now.and_then(|j| roi(j).value()),
            then.and_then(|j| roi(j).value()),
        ),
        (
            now.map(|j| money_cell(ctx, j.revenue)),
            up,
            now.map(|j| j.revenue.amount()),
            then.map(|j| j.revenue.amount()),
        ),
        (
            now.map(|j| money_cell(ctx, j.cost)),
            money_measure(Direction::LowerIsBetter),
            now.map(|j| j.cost.amount()),
            then.map(|j| j.cost.amount()),
        ),
        (
            now.map(|j| money_cell(ctx, j.gross_margin)),
            up,
            now.map(|j| j.gross_margin.amount()),
            then.map(|j| j.gross_margin.amount()),
        ),
        (
            now.map(|j| rate_cell(handoff_health(j))),
            rate,
            now.and_then(|j| handoff_health(j).value()),
            then.and_then(|j| handoff_health(j).value()),
        ),
    ];
    let mut cells = vec![matched_name(m)];
    for (value, measure, current, compared) in figures {
        cells.extend(with_change(ctx, value, &measure, current, compared));
    }
    match now {
        Some(j) => {
            cells.push(steps(ctx, j));
            cells.extend(handoffs.iter().map(|name| rate_cell(handoff(j, name))));
        }
        None => cells.extend((0..=handoffs.len()).map(|_| blank())),
    }
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
    let was = ctx
        .compared
        .map(|c| JourneyTotals::of(&c.snapshot().journeys));
    let was = was.as_ref();
    let mut cells = vec![Cell::text("All journeys")];
    cells.extend(blanks(ctx));
    cells.extend(blanks(ctx));
    cells.extend(with_change(
        ctx,
        Some(roi_cell(t.roi())),
        &rate_measure(),
        t.roi().value(),
        was.and_then(|w| w.roi().value()),
    ));
    let sums: [(Money, Direction, Option<Money>); 3] = [
        (t.revenue, Direction::HigherIsBetter, was.map(|w| w.revenue)),
        (t.cost, Direction::LowerIsBetter, was.map(|w| w.cost)),
        (
            t.gross_margin,
            Direction::HigherIsBetter,
            was.map(|w| w.gross_margin),
        ),
    ];
    for (now, direction, then) in sums {
        cells.extend(with_change(
            ctx,
            Some(money_cell(ctx, now)),
            &money_measure(direction),
            Some(now.amount()),
            then.map(Money::amount),
        ));
    }
    cells.extend(with_change(
        ctx,
        Some(rate_cell(t.handoffs)),
        &rate_measure(),
        t.handoffs.value(),
        was.and_then(|w| w.handoffs.value()),
    ));
    cells.push(blank());
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
