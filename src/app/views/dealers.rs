//! Dealers: the shared OEM/dealer/partner scorecard. The ecosystem lists every dealer group, a
//! region its groups, a group its dealers, each with the level itself (and the levels above)
//! pinned on top for side-by-side comparison; a dealer shows every metric against its group,
//! region and the ecosystem.

use rayon::prelude::*;

use crate::app::screen::{Align, Block, Cell, Column, Row, Screen, Table, Tone};
use crate::compare::summarize;
use crate::metrics::{Level, LevelKind, Metric, Node, Scorecard};
use crate::model::ReviewView;

use super::Context;
use super::common::{
    Measure, add_match_column, cell, commentary, comparing, figure_cells, figure_columns,
    matched_name, matched_search, metric_cells, metric_columns, name_column, pair_rows, sides,
    verdict,
};

/// The scorecard's metrics, in column order, with their drop priority (higher drops first).
pub const SCORECARD: [(Metric, u8); 10] = [
    (Metric::Leads, 2),
    (Metric::SlaAdherence, 3),
    (Metric::ResponseMinutes, 6),
    (Metric::TestDriveRate, 7),
    (Metric::QuoteRate, 8),
    (Metric::OfferAcceptance, 9),
    (Metric::CampaignParticipation, 10),
    (Metric::Csat, 5),
    (Metric::SalesTotal, 1),
    (Metric::ServiceRetention, 4),
];

/// Builds the Dealers screen for the context's level. When comparing, the rows of both
/// periods are matched by id (a group only one period has is listed as added or removed)
/// and every metric gets its compared value and change.
pub fn build(ctx: &Context<'_>) -> Screen {
    let card = ctx.card;
    let Some(here) = card.node(ctx.level) else {
        return missing(ctx);
    };
    let title = match ctx.level {
        Level::Ecosystem => "Dealer groups".to_owned(),
        Level::Region(_) => format!("Dealer groups in {}", here.name),
        Level::Group(_) => format!("Dealers of {}", here.name),
        Level::Dealer(_) => return dealer(ctx, &here),
    };
    let rows = pair_rows(ctx, listed(card, ctx.level), |c| listed(c, ctx.level));
    let with_region = matches!(ctx.level, Level::Ecosystem);
    let mut columns = vec![name_column(match ctx.level {
        Level::Group(_) => "Dealer",
        _ => "Dealer group",
    })];
    if with_region {
        columns.push(Column::new("region", "Region", "Region", Align::Left, 11));
    }
    columns.extend(metric_columns(ctx, Metric::Dealers, 12));
    for &(m, p) in &SCORECARD {
        columns.extend(metric_columns(ctx, m, p));
    }
    let mut pinned = pinned_rows(ctx);
    // Every dealer group of a 5,000-dealer ecosystem is ~1,000 rows of 40-odd formatted cells
    // when comparing: built on all cores, in order.
    let mut body: Vec<Row> = rows
        .par_iter()
        .map(|row| {
            let (now, then) = sides(row);
            let mut cells = vec![matched_name(row)];
            if with_region {
                // A removed group's region is the one it had in the compared period.
                let region = match (&now, ctx.compared) {
                    (Some(node), _) => region_name(card, node),
                    (None, Some(c)) => then.as_ref().and_then(|node| region_name(c, node)),
                    (None, None) => None,
                };
                cells.push(Cell::text(region.unwrap_or("")));
            }
            cells.extend(scorecard_cells(ctx, now.as_ref(), then.as_ref()));
            let level = now.as_ref().or(then.as_ref()).map(Node::level);
            let mut row_view = Row::new(row.key(), row.name(), cells);
            row_view.search = matched_search(row).to_lowercase();
            row_view.drill = level;
            row_view
        })
        .collect();
    add_match_column(ctx, &rows, &mut columns, &mut pinned, &mut body);
    let mut table =
        Table::new(&title, columns, pinned, body).with_empty("no dealers at this level");
    if comparing(ctx) {
        table = table.with_matched(summarize(&rows));
    }
    let mut blocks = vec![Block::Table(table)];
    blocks.extend(super::common::data_quality(ctx));
    blocks.extend(commentary(card.snapshot(), ReviewView::Dealers));
    Screen { title, blocks }
}

/// What the table lists at a level of one period: every group at the ecosystem, else the
/// level's children (none when the period lacks the level).
fn listed<'c>(card: &'c Scorecard, level: &Level) -> Vec<Node<'c>> {
    match level {
        Level::Ecosystem => card.groups().collect(),
        _ => card.children(level),
    }
}

/// The region a group or dealer sits in, by name.
fn region_name<'c>(card: &'c Scorecard, node: &Node<'_>) -> Option<&'c str> {
    card.parent(&node.level()).and_then(|r| card.name(&r))
}

/// The dealer count and the scorecard's metrics of a row, in both periods when comparing.
fn scorecard_cells(
    ctx: &Context<'_>,
    now: Option<&Node<'_>>,
    then: Option<&Node<'_>>,
) -> Vec<Cell> {
    let (now, then) = (now.map(|n| n.rollup), then.map(|n| n.rollup));
    let mut cells = Vec::with_capacity(4 * (SCORECARD.len() + 1));
    for metric in std::iter::once(Metric::Dealers).chain(SCORECARD.iter().map(|&(m, _)| m)) {
        cells.extend(metric_cells(ctx, metric, now, then));
    }
    cells
}

/// The level and the levels above it, deepest first, as strong rows. Without a compared
/// period the level's own values carry a ▲/▼ against the ecosystem; when comparing, each
/// level shows its change against the compared period instead (one meaning per glyph).
fn pinned_rows(ctx: &Context<'_>) -> Vec<Row> {
    let card = ctx.card;
    let mut path = card.path(ctx.level);
    path.reverse();
    let total = card.total();
    let with_region = matches!(ctx.level, Level::Ecosystem);
    path.iter()
        .filter_map(|level| card.node(level))
        .enumerate()
        .map(|(depth, node)| {
            let label = match node.kind {
                LevelKind::Ecosystem => "Ecosystem".to_owned(),
                LevelKind::Region => format!("{} (region)", node.name),
                LevelKind::Group => format!("{} (group)", node.name),
                LevelKind::Dealer => node.name.to_owned(),
            };
            let then = ctx.compared.and_then(|c| c.node(&node.level()));
            let mut cells = vec![Cell::text(label).tone(Tone::Strong)];
            if with_region {
                cells.push(Cell::text(""));
            }
            let offset = cells.len();
            cells.extend(scorecard_cells(ctx, Some(&node), then.as_ref()));
            for c in &mut cells[offset..] {
                if c.tone == Tone::Plain {
                    c.tone = Tone::Strong;
                }
            }
            let marked = depth == 0 && node.kind != LevelKind::Ecosystem && !comparing(ctx);
            if marked {
                // Without a compared period there is one cell per metric, the dealer count
                // first.
                for (i, &(metric, _)) in SCORECARD.iter().enumerate() {
                    cells[offset + 1 + i].mark = verdict(
                        card.snapshot(),
                        metric,
                        node.value(metric),
                        metric.value(total),
                    );
                }
            }
            Row::new(node.level().id(), node.name, cells)
        })
        .collect()
}

/// One dealer: every metric of the catalogue, against its group, its region and the ecosystem.
fn dealer(ctx: &Context<'_>, here: &Node<'_>) -> Screen {
    let card = ctx.card;
    let path = card.path(ctx.level);
    // Group, region, ecosystem: the levels above the dealer, nearest first.
    let refs: Vec<Node<'_>> = path
        .iter()
        .rev()
        .skip(1)
        .filter_map(|l| card.node(l))
        .collect();
    let total = card.total();
    let mut columns = vec![Column::new("metric", "Metric", "Metric", Align::Left, 0)];
    columns.extend(figure_columns(ctx, "value", here.name, "Dealer", 0));
    for node in &refs {
        // The group matters most next to its dealer, then the ecosystem, then the region.
        let (key, name, short, priority) = match node.kind {
            LevelKind::Group => ("group", node.name, "Group", 1),
            LevelKind::Ecosystem => ("ecosystem", "Ecosystem", "Ecosys.", 2),
            LevelKind::Region | LevelKind::Dealer => ("region", node.name, "Region", 3),
        };
        columns.push(Column::new(key, name, short, Align::Right, priority));
    }
    let rows = Metric::ALL
        .iter()
        .map(|&metric| {
            let value = here.value(metric);
            let then = ctx.compared.and_then(|c| c.value(ctx.level, metric));
            let mut cells = vec![Cell::text(metric.label())];
            let mut own = figure_cells(ctx, &Measure::of(ctx, metric), value, then);
            if !comparing(ctx) {
                // Alone, the dealer's value is marked against the ecosystem; when comparing,
                // the change against the compared period carries the glyph instead.
                own[0].mark = verdict(card.snapshot(), metric, value, metric.value(total));
            }
            cells.extend(own);
            cells.extend(refs.iter().map(|node| cell(ctx, metric, node.rollup)));
            Row::new(metric.key(), metric.label(), cells)
        })
        .collect();
    let title = format!(
        "{}: every metric against its group, region and the ecosystem",
        here.name
    );
    let table = Table::new(&title, columns, Vec::new(), rows);
    let mut blocks = vec![Block::Table(table)];
    blocks.extend(super::common::data_quality(ctx));
    blocks.extend(commentary(card.snapshot(), ReviewView::Dealers));
    Screen { title, blocks }
}

/// The level is not in this period's snapshot (a dealer that closed, a compared period).
/// When the compared period has it, says so and where to see it.
pub(super) fn missing(ctx: &Context<'_>) -> Screen {
    // The other period under review: the compared one, or in a split pane the one beside.
    let this = ctx.card.snapshot().period.id;
    let beside = ctx.history.and_then(|h| {
        [Some(h.pair.current), h.pair.compared]
            .into_iter()
            .flatten()
            .find(|p| *p != this)
            .and_then(|p| h.cards.get(p))
    });
    let other = ctx.compared.or(beside.as_deref());
    let elsewhere = other.and_then(|c| Some((c.name(ctx.level)?, c.snapshot().period.id.label())));
    let name = elsewhere.as_ref().map_or(ctx.level.id(), |(name, _)| name);
    let title = format!("{name} is not in {}", ctx.card.snapshot().period.id.label());
    let mut paragraphs = Vec::new();
    if let Some((_, period)) = &elsewhere {
        paragraphs.push(format!(
            "It is in {period}: the split view (v) shows it beside this period."
        ));
    }
    paragraphs.push("Go up a level (Esc) to see what this period holds.".to_owned());
    Screen {
        title: title.clone(),
        blocks: vec![Block::Text(crate::app::screen::TextBlock {
            title,
            paragraphs,
        })],
    }
}
