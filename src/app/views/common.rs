//! Pieces every builder uses: metric columns and cells, verdicts against a reference, the
//! commentary of a view.

use rust_decimal::Decimal;

use crate::app::screen::{Align, Block, Cell, Column, Mark, TextBlock};
use crate::compare::{Delta, Verdict};
use crate::metrics::{Formula, Metric, Rollup, Style, Unit, format_with, targets};
use crate::model::{ReviewView, Snapshot};

use super::Context;

pub use super::compare::{
    Measure, add_match_column, card_compare, change_tone, compared_label, comparing, figure_cells,
    figure_columns, format_measure, match_word, matched_name, matched_search, metric_cells,
    metric_columns, pair_rows, pair_with, recomputed_figure, recomputed_metric, sides, status_tone,
};
pub use super::trend::{metric_spark, spark, spark_of};

/// How numbers are written in tables: money and durations compact, the rest in full.
pub fn style_for(unit: Unit, ascii: bool) -> Style {
    let compact = matches!(unit, Unit::Money | Unit::Days | Unit::Years);
    Style { compact, ascii }
}

/// A metric's value as text, in the context's currency and glyph set.
pub fn format(ctx: &Context<'_>, metric: Metric, value: Option<Decimal>) -> String {
    let currency = &ctx.card.snapshot().ecosystem.currency;
    format_with(
        metric.unit(),
        value,
        currency,
        style_for(metric.unit(), ctx.ascii),
    )
}

/// A cell with a metric's value over a roll-up ("n/a" muted, sorting last).
pub fn cell(ctx: &Context<'_>, metric: Metric, rollup: &Rollup) -> Cell {
    let value = metric.value(rollup);
    Cell::num(format(ctx, metric, value), value).unit(metric.unit().name())
}

/// The column of a metric: its short label as the narrow header, its label as the full one.
pub fn column(metric: Metric, priority: u8) -> Column {
    Column::new(
        metric.key(),
        metric.label(),
        metric.short_label(),
        Align::Right,
        priority,
    )
}

/// The first column: names.
pub fn name_column(title: &str) -> Column {
    Column::new("name", title, title, Align::Left, 0)
}

/// Whether a metric compares between levels of different size: rates, averages and per-unit
/// money do; sums (leads, vehicles, revenue) do not, a group always has fewer leads than the
/// ecosystem.
pub fn comparable(metric: Metric) -> bool {
    !matches!(metric.formula(&Rollup::default()), Formula::Amount(_))
}

/// Whether `value` is better or worse than `reference` for this metric, using the snapshot's
/// "too small to matter" threshold (flat inside it). `None` when either side is "n/a", the
/// metric has no good direction, or it is a sum (see [`comparable`]).
pub fn verdict(
    snapshot: &Snapshot,
    metric: Metric,
    value: Option<Decimal>,
    reference: Option<Decimal>,
) -> Option<Mark> {
    if !comparable(metric) {
        return None;
    }
    let threshold = targets::threshold(snapshot, metric);
    match Delta::new(metric, value, reference, threshold).verdict()? {
        Verdict::Good => Some(Mark::Better),
        Verdict::Bad => Some(Mark::Worse),
        Verdict::Flat => Some(Mark::Flat),
        Verdict::Neutral => None,
    }
}

/// The commentary the snapshot carries for a view, as a text block.
pub fn commentary(snapshot: &Snapshot, view: ReviewView) -> Option<Block> {
    let paragraphs: Vec<String> = snapshot
        .commentary
        .iter()
        .filter(|c| c.view == view)
        .map(|c| c.text.clone())
        .collect();
    (!paragraphs.is_empty()).then(|| {
        Block::Text(TextBlock {
            title: "Commentary".to_owned(),
            paragraphs,
        })
    })
}

/// "Data quality" for the level on screen: every dealer under it that logged no leads but test
/// drives or quotes (a gap in the lead feed), and what the rates do about it; `None` when there
/// is none.
pub fn data_quality(ctx: &super::Context<'_>) -> Option<Block> {
    let paragraphs: Vec<String> = ctx
        .card
        .dealers_under(ctx.level)
        .iter()
        .filter(|d| d.rollup.lead_gap.dealers > 0)
        .map(|d| {
            let gap = &d.rollup.lead_gap;
            let drives = format_with(Unit::Count, Some(gap.test_drives.into()), "", Style::FULL);
            let quotes = format_with(Unit::Count, Some(gap.quotes.into()), "", Style::FULL);
            let what = if crate::metrics::LeadGap::no_leads_at_all(&d.rollup.facts) {
                format!("no leads logged but {drives} test drives and {quotes} quotes")
            } else {
                // A quarter: the gap was one of its months.
                format!("{drives} test drives and {quotes} quotes logged in months with no leads")
            };
            format!(
                "{} ({}): {what}, a gap in the lead feed; they are kept out of test-drive and \
                 quote rates here and above.",
                d.name, d.id,
            )
        })
        .collect();
    (!paragraphs.is_empty()).then(|| {
        Block::Text(TextBlock {
            title: "Data quality".to_owned(),
            paragraphs,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::Threshold;

    #[test]
    fn verdicts_follow_the_direction_and_the_threshold() {
        let snapshot = sample_snapshot();
        let d = |n: i64, dp: u32| Some(Decimal::new(n, dp));
        // SLA adherence: higher is better, flat within 0.2 pp (unless the snapshot says else).
        let flat = targets::threshold(&snapshot, Metric::SlaAdherence);
        let Threshold::Absolute(limit) = flat else {
            panic!("rates have an absolute threshold");
        };
        let above = Some(Decimal::new(800, 3) + limit * Decimal::TWO);
        assert_eq!(
            verdict(&snapshot, Metric::SlaAdherence, above, d(800, 3)),
            Some(Mark::Better)
        );
        assert_eq!(
            verdict(&snapshot, Metric::SlaAdherence, d(800, 3), above),
            Some(Mark::Worse)
        );
        assert_eq!(
            verdict(&snapshot, Metric::SlaAdherence, d(800, 3), d(800, 3)),
            Some(Mark::Flat)
        );
        // Response time: lower is better.
        assert_eq!(
            verdict(&snapshot, Metric::ResponseMinutes, d(30, 0), d(60, 0)),
            Some(Mark::Better)
        );
        // Sums do not compare between levels; neutral metrics and n/a get no verdict.
        assert_eq!(verdict(&snapshot, Metric::Leads, d(30, 0), d(60, 0)), None);
        assert_eq!(
            verdict(&snapshot, Metric::MarketingSpend, d(1, 0), d(9, 0)),
            None
        );
        assert_eq!(verdict(&snapshot, Metric::Csat, None, d(9, 0)), None);
    }

    fn sample_snapshot() -> Snapshot {
        crate::app::fixture::snapshot()
    }
}
