//! Segments: the scorecard of the current level cut by one attribute at a time: the level below
//! (regions, then dealer groups, then dealers, which drill), programme tier, metro or rural, size
//! band, EV certification. `d` switches the cut. Every cut sums to the level's total, pinned on
//! top. A dealer is compared with the ecosystem segments it belongs to.

use std::collections::HashMap;

use crate::app::screen::{Block, Cell, Row, Screen, Table, Tone};
use crate::compare::summarize;
use crate::metrics::{Level, Metric, Rollup, Scorecard, Segment, Segmentation};
use crate::model::{Dealer, Locale, ReviewView, SizeBand, Tier};

use super::common::{
    add_match_column, commentary, comparing, matched_name, matched_search, metric_cells,
    metric_columns, name_column, pair_rows, sides,
};
use super::{Context, Dimension};

/// The segment scorecard's metrics, in column order, with their drop priority.
pub const METRICS: [(Metric, u8); 10] = [
    (Metric::Dealers, 10),
    (Metric::Leads, 2),
    (Metric::SlaAdherence, 7),
    (Metric::LeadToSale, 3),
    (Metric::SalesTotal, 1),
    (Metric::EvShare, 5),
    (Metric::ServiceRetention, 4),
    (Metric::AccessoryRevenue, 6),
    (Metric::Csat, 8),
    (Metric::CostPerSale, 9),
];

impl Dimension {
    /// What the cut is called at a level: the hierarchy cut is named after the level below.
    pub fn label(self, level: &Level) -> &'static str {
        match (self, level) {
            (Dimension::Hierarchy, Level::Ecosystem) => "Region",
            (Dimension::Hierarchy, Level::Region(_)) => "Dealer group",
            (Dimension::Hierarchy, Level::Group(_) | Level::Dealer(_)) => "Dealer",
            (Dimension::Tier, _) => "Tier",
            (Dimension::SizeBand, _) => "Size band",
            (Dimension::Locale, _) => "Metro / rural",
            (Dimension::EvCertified, _) => "EV-certified",
        }
    }

    /// The attribute segmentation behind a cut; `None` for the hierarchy.
    fn segmentation(self) -> Option<Segmentation> {
        match self {
            Dimension::Hierarchy => None,
            Dimension::Tier => Some(Segmentation::Tier),
            Dimension::SizeBand => Some(Segmentation::SizeBand),
            Dimension::Locale => Some(Segmentation::Locale),
            Dimension::EvCertified => Some(Segmentation::EvCertified),
        }
    }
}

fn columns(ctx: &Context<'_>, first: &str) -> Vec<crate::app::screen::Column> {
    let mut columns = vec![name_column(first)];
    for &(m, p) in &METRICS {
        columns.extend(metric_columns(ctx, m, p));
    }
    columns
}

/// A row's cells: its name, then each metric (with its compared value and change when
/// comparing; `None` where the row is absent in that period).
fn cells(ctx: &Context<'_>, name: Cell, now: Option<&Rollup>, then: Option<&Rollup>) -> Vec<Cell> {
    let mut cells = vec![name];
    for &(m, _) in &METRICS {
        cells.extend(metric_cells(ctx, m, now, then));
    }
    cells
}

fn strong(mut cells: Vec<Cell>) -> Vec<Cell> {
    for c in &mut cells {
        if c.tone == Tone::Plain {
            c.tone = Tone::Strong;
        }
    }
    cells
}

/// Builds the Segments screen for the context's level and cut. When comparing, segments and
/// levels are matched by key between the periods and every metric gets its change.
pub fn build(ctx: &Context<'_>) -> Screen {
    let card = ctx.card;
    let Some(here) = card.node(ctx.level) else {
        return super::dealers::missing(ctx);
    };
    let scope = match ctx.level {
        Level::Ecosystem => "Ecosystem".to_owned(),
        _ => here.name.to_owned(),
    };
    if let Level::Dealer(_) = ctx.level {
        return dealer_peers(ctx, here.name, here.rollup);
    }
    let label = ctx.dimension.label(ctx.level);
    let title = format!("{scope} by {}", label.to_lowercase());
    let total_name = format!("{scope} total");
    let then_total = ctx.compared.and_then(|c| c.rollup(ctx.level));
    let mut columns = columns(ctx, label);
    let mut pinned = vec![Row::new(
        "total",
        &total_name,
        strong(cells(
            ctx,
            Cell::text(&total_name),
            Some(here.rollup),
            then_total,
        )),
    )];
    let (rows, summary): (Vec<Row>, _) = match ctx.dimension.segmentation() {
        None => {
            let matched = pair_rows(ctx, card.children(ctx.level), |c| c.children(ctx.level));
            let mut rows: Vec<Row> = matched
                .iter()
                .map(|row| {
                    let (now, then) = sides(row);
                    let level = now.as_ref().or(then.as_ref()).map(|n| n.level());
                    let mut r = Row::new(
                        row.key(),
                        row.name(),
                        cells(
                            ctx,
                            matched_name(row),
                            now.map(|n| n.rollup),
                            then.map(|n| n.rollup),
                        ),
                    );
                    r.search = matched_search(row).to_lowercase();
                    r.drill = level;
                    r
                })
                .collect();
            add_match_column(ctx, &matched, &mut columns, &mut pinned, &mut rows);
            (rows, summarize(&matched))
        }
        Some(seg) => {
            let level_then = |c: &Scorecard| {
                if c.node(ctx.level).is_some() {
                    segments(c, ctx.level, seg)
                } else {
                    Vec::new()
                }
            };
            let matched = pair_rows(ctx, segments(card, ctx.level, seg), level_then);
            let mut rows: Vec<Row> = matched
                .iter()
                .map(|row| {
                    let (now, then) = sides(row);
                    Row::new(
                        row.key(),
                        row.name(),
                        cells(
                            ctx,
                            matched_name(row),
                            now.as_ref().map(|s| &s.rollup),
                            then.as_ref().map(|s| &s.rollup),
                        ),
                    )
                })
                .collect();
            add_match_column(ctx, &matched, &mut columns, &mut pinned, &mut rows);
            (rows, summarize(&matched))
        }
    };
    let mut table = Table::new(&title, columns, pinned, rows)
        .with_empty("nothing to cut here")
        .summing()
        .recomputing(super::common::recomputed_metric);
    if comparing(ctx) {
        table = table.with_matched(summary);
    }
    let mut blocks = vec![Block::Table(table)];
    blocks.extend(super::common::data_quality(ctx));
    blocks.extend(commentary(card.snapshot(), ReviewView::Segments));
    Screen { title, blocks }
}

/// The segments of `seg` within a level: the scorecard's own at the ecosystem, else the same
/// segments (same keys, labels and order) summed over the level's dealers only.
fn segments(card: &Scorecard, level: &Level, seg: Segmentation) -> Vec<Segment> {
    let all = card.segments(seg);
    if *level == Level::Ecosystem {
        return all.to_vec();
    }
    let snapshot = card.snapshot();
    let dealers: HashMap<&str, &Dealer> = snapshot
        .dealers
        .iter()
        .map(|d| (d.id.as_str(), d))
        .collect();
    let tiers: HashMap<&str, Tier> = snapshot
        .dealer_groups
        .iter()
        .map(|g| (g.id.as_str(), g.tier))
        .collect();
    let mut out: Vec<Segment> = all
        .iter()
        .filter(|s| s.key != "unassigned")
        .map(|s| Segment {
            key: s.key.clone(),
            label: s.label.clone(),
            rollup: Rollup::default().with_period_months(card.total().period_months),
        })
        .collect();
    for node in card.dealers_under(level) {
        let Some(dealer) = dealers.get(node.id) else {
            continue;
        };
        let key = segment_key(seg, dealer, tiers.get(dealer.group.as_str()).copied());
        if let Some(segment) = out.iter_mut().find(|s| Some(s.key.as_str()) == key) {
            segment.rollup += node.rollup;
        }
    }
    out
}

/// The key of the segment a dealer falls in (the keys of [`Scorecard::segments`]).
fn segment_key(seg: Segmentation, dealer: &Dealer, tier: Option<Tier>) -> Option<&'static str> {
    Some(match seg {
        Segmentation::Region | Segmentation::Group => return None,
        Segmentation::Tier => match tier? {
            Tier::Platinum => "platinum",
            Tier::Gold => "gold",
            Tier::Silver => "silver",
        },
        Segmentation::Locale => match dealer.locale {
            Locale::Metro => "metro",
            Locale::Rural => "rural",
        },
        Segmentation::SizeBand => match dealer.size_band {
            SizeBand::Small => "small",
            SizeBand::Medium => "medium",
            SizeBand::Large => "large",
        },
        Segmentation::EvCertified if dealer.ev_certified => "ev_certified",
        Segmentation::EvCertified => "not_ev_certified",
    })
}

/// A dealer against every ecosystem segment it belongs to: its region, group, tier, market,
/// size band and EV certification.
fn dealer_peers(ctx: &Context<'_>, name: &str, rollup: &Rollup) -> Screen {
    let card = ctx.card;
    let snapshot = card.snapshot();
    let dealer = snapshot
        .dealers
        .iter()
        .find(|d| d.id.as_str() == ctx.level.id());
    let tier = dealer.and_then(|d| {
        snapshot
            .dealer_groups
            .iter()
            .find(|g| g.id == d.group)
            .map(|g| g.tier)
    });
    let mut rows = Vec::new();
    for seg in Segmentation::ALL {
        let key: Option<String> = match (seg, dealer) {
            (_, None) => None,
            (Segmentation::Region, Some(d)) => card
                .parent(&Level::Group(d.group.clone()))
                .map(|r| r.id().to_owned()),
            (Segmentation::Group, Some(d)) => Some(d.group.as_str().to_owned()),
            (_, Some(d)) => segment_key(seg, d, tier).map(str::to_owned),
        };
        let found = card
            .segments(seg)
            .iter()
            .find(|s| Some(&s.key) == key.as_ref());
        if let Some(s) = found {
            let label = format!("{}: {}", seg.label(), s.label);
            let then = ctx.compared.and_then(|c| {
                c.segments(seg)
                    .iter()
                    .find(|t| t.key == s.key)
                    .map(|t| &t.rollup)
            });
            rows.push(Row::new(
                seg.key(),
                &label,
                cells(ctx, Cell::text(&label), Some(&s.rollup), then),
            ));
        }
    }
    let title = format!("{name} against the segments it belongs to");
    let then = ctx.compared.and_then(|c| c.rollup(ctx.level));
    let pinned = vec![Row::new(
        "dealer",
        name,
        strong(cells(ctx, Cell::text(name), Some(rollup), then)),
    )];
    let table = Table::new(&title, columns(ctx, "Segment"), pinned, rows);
    let mut blocks = vec![Block::Table(table)];
    blocks.extend(commentary(snapshot, ReviewView::Segments));
    Screen { title, blocks }
}
