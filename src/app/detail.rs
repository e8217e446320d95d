//! The detail line under a table: the selected row's figure in both periods, its change,
//! its status against target and its sparkline over every loaded period.

use crate::compare::{Delta, format_change, format_change_relative, target_status, trend};
use crate::metrics::{Level, Metric, format_with, targets};

use super::screen::{Spark, Tone};
use super::state::App;
use super::views::common::{change_tone, comparable, spark, status_tone, style_for};

/// What the detail line shows for the selected row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowDetail {
    /// The row's name, e.g. `Sunset Auto`.
    pub name: String,
    /// The figure, e.g. `SLA adherence`.
    pub figure: &'static str,
    /// The figure over every loaded period, when there are more than two.
    pub spark: Option<Spark>,
    /// The rest, in order, each with its tone: values, change, status.
    pub parts: Vec<(String, Tone)>,
}

impl App {
    /// The detail of the selected row: shown when comparing or when a trend or a target
    /// can be shown. The figure is the row's own for a table of metrics (a dealer's page),
    /// else the metric the table is sorted by, else its first metric after the dealer count.
    /// Rows that are not a level of the hierarchy (tiers, size bands) have none.
    pub fn row_detail(&self) -> Option<RowDetail> {
        let table = self.table()?;
        let row = &table.rows[self.selected_row()?];
        let metric_rows = table.columns.first().is_some_and(|c| c.key == "metric");
        let (level, metric) = if metric_rows {
            (self.level().clone(), Metric::from_key(&row.id)?)
        } else {
            let sorted = self.sort().and_then(|s| metric_of(&s.column));
            let first = || {
                table
                    .columns
                    .iter()
                    .filter_map(|c| metric_of(&c.key))
                    .find(|m| *m != Metric::Dealers)
            };
            (row.drill.clone()?, sorted.or_else(first)?)
        };
        let name = match &level {
            Level::Ecosystem => "Ecosystem",
            other => self
                .card
                .name(other)
                .or_else(|| self.compared.as_ref().and_then(|c| c.name(other)))
                .unwrap_or(other.id()),
        };
        let snapshot = self.card.snapshot();
        let current = self.card.value(&level, metric);
        let compared = self.compared.as_ref().map(|c| c.value(&level, metric));
        let granularity = self.pair.current.granularity();
        let trend_shown = self.library().periods_of(granularity).nth(2).is_some();
        let spark =
            trend_shown.then(|| spark(&trend(&self.cards, granularity, &level, metric), self.pair));
        let target = (comparable(metric) || level == Level::Ecosystem)
            .then(|| targets::target(snapshot, metric))
            .flatten();
        let status = target_status(metric, current, target);
        if compared.is_none() && spark.is_none() && status.is_none() {
            return None;
        }
        let ascii = self.display.ascii;
        let currency = &snapshot.ecosystem.currency;
        let style = style_for(metric.unit(), ascii);
        let value = |v| format_with(metric.unit(), v, currency, style);
        let mut parts = vec![(
            format!("{} {}", self.pair.current.label(), value(current)),
            Tone::Strong,
        )];
        if let (Some(compared), Some(period)) = (compared, self.pair.compared) {
            let delta = Delta::new(
                metric,
                current,
                compared,
                targets::threshold(snapshot, metric),
            );
            parts.push((
                format!("{} {}", period.label(), value(compared)),
                Tone::Plain,
            ));
            let mut change = format_change(&delta, currency, style);
            if delta.relative().is_some() {
                change = format!("{change} ({})", format_change_relative(&delta, ascii));
            }
            parts.push((change, change_tone(&delta.change)));
        }
        if let Some(status) = status {
            parts.push((
                format!(
                    "{} {} (target {})",
                    status.symbol(ascii),
                    status.word(),
                    value(target)
                ),
                status_tone(status),
            ));
        }
        Some(RowDetail {
            name: name.to_owned(),
            figure: metric.label(),
            spark,
            parts,
        })
    }
}

/// The metric a column shows (its key, or the key before `.was`, `.delta`, `.rel`).
fn metric_of(key: &str) -> Option<Metric> {
    Metric::from_key(key.split('.').next().unwrap_or(key))
}
