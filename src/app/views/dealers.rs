//! Dealers: the shared OEM/dealer/partner scorecard. The ecosystem lists every dealer group, a
//! region its groups, a group its dealers, each with the level itself (and the levels above)
//! pinned on top for side-by-side comparison; a dealer shows every metric against its group,
//! region and the ecosystem.

use crate::app::screen::{Align, Block, Cell, Column, Row, Screen, Table, Tone};
use crate::metrics::{Level, LevelKind, Metric, Node};
use crate::model::ReviewView;

use super::Context;
use super::common::{cell, column, commentary, format, name_column, verdict};

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

/// Builds the Dealers screen for the context's level.
pub fn build(ctx: &Context<'_>) -> Screen {
    let card = ctx.card;
    let Some(here) = card.node(ctx.level) else {
        return missing(ctx);
    };
    let (title, rows): (String, Vec<Node<'_>>) = match ctx.level {
        Level::Ecosystem => ("Dealer groups".to_owned(), card.groups().collect()),
        Level::Region(_) => (
            format!("Dealer groups in {}", here.name),
            card.children(ctx.level),
        ),
        Level::Group(_) => (
            format!("Dealers of {}", here.name),
            card.children(ctx.level),
        ),
        Level::Dealer(_) => return dealer(ctx, &here),
    };
    let with_region = matches!(ctx.level, Level::Ecosystem);
    let mut columns = vec![name_column(match ctx.level {
        Level::Group(_) => "Dealer",
        _ => "Dealer group",
    })];
    if with_region {
        columns.push(Column::new("region", "Region", "Region", Align::Left, 11));
    }
    columns.push(column(Metric::Dealers, 12));
    columns.extend(SCORECARD.iter().map(|&(m, p)| column(m, p)));

    let scorecard_row = |node: &Node<'_>, region: Option<&str>| -> Vec<Cell> {
        let mut cells = vec![Cell::text(node.name)];
        if with_region {
            cells.push(Cell::text(region.unwrap_or("")));
        }
        cells.push(cell(ctx, Metric::Dealers, node.rollup));
        cells.extend(SCORECARD.iter().map(|&(m, _)| cell(ctx, m, node.rollup)));
        cells
    };
    let pinned = pinned_rows(ctx, &scorecard_row);
    let body = rows
        .iter()
        .map(|node| {
            let region = with_region
                .then(|| card.parent(&node.level()))
                .flatten()
                .and_then(|r| card.name(&r));
            Row::new(node.id, node.name, scorecard_row(node, region)).drill(node.level())
        })
        .collect();
    let table = Table::new(&title, columns, pinned, body).with_empty("no dealers at this level");
    let mut blocks = vec![Block::Table(table)];
    blocks.extend(commentary(card.snapshot(), ReviewView::Dealers));
    Screen { title, blocks }
}

/// The level and the levels above it, deepest first, as strong rows; the level's own values
/// carry a ▲/▼ against the ecosystem.
fn pinned_rows(
    ctx: &Context<'_>,
    scorecard_row: &dyn Fn(&Node<'_>, Option<&str>) -> Vec<Cell>,
) -> Vec<Row> {
    let card = ctx.card;
    let mut path = card.path(ctx.level);
    path.reverse();
    let total = card.total();
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
            let mut cells = scorecard_row(&node, None);
            cells[0] = Cell::text(label);
            let marked = depth == 0 && node.kind != LevelKind::Ecosystem;
            let offset = cells.len() - SCORECARD.len();
            for (i, &(metric, _)) in SCORECARD.iter().enumerate() {
                let c = &mut cells[offset + i];
                c.tone = if c.tone == Tone::Muted {
                    Tone::Muted
                } else {
                    Tone::Strong
                };
                if marked {
                    c.mark = verdict(
                        card.snapshot(),
                        metric,
                        node.value(metric),
                        metric.value(total),
                    );
                }
            }
            cells[0].tone = Tone::Strong;
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
    columns.push(Column::new("value", here.name, "Dealer", Align::Right, 0));
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
            let mut cells = vec![
                Cell::text(metric.label()),
                Cell::num(format(ctx, metric, value), value).mark(verdict(
                    card.snapshot(),
                    metric,
                    value,
                    metric.value(total),
                )),
            ];
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
    blocks.extend(commentary(card.snapshot(), ReviewView::Dealers));
    Screen { title, blocks }
}

/// The level is not in this period's snapshot (a dealer that closed, a compared period).
pub(super) fn missing(ctx: &Context<'_>) -> Screen {
    let title = format!(
        "{} is not in {}",
        ctx.level.id(),
        ctx.card.snapshot().period.id.label()
    );
    Screen {
        title: title.clone(),
        blocks: vec![Block::Text(crate::app::screen::TextBlock {
            title,
            paragraphs: vec!["Go up a level (Esc) to see what this period holds.".to_owned()],
        })],
    }
}
