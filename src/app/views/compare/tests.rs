//! The compare cells on the fixture months: what a reader sees in a table cell.

use std::sync::Arc;

use proptest::prelude::*;

use super::*;
use crate::app::fixture;
use crate::app::views::Dimension;
use crate::compare::Delta;
use crate::metrics::Level;
use crate::model::MetricTarget;

const ECOSYSTEM: &Level = &Level::Ecosystem;

fn card(snapshot: crate::model::Snapshot) -> Scorecard {
    Scorecard::new(Arc::new(snapshot))
}

fn ctx<'a>(card: &'a Scorecard, compared: Option<&'a Scorecard>) -> Context<'a> {
    Context {
        card,
        compared,
        history: None,
        level: ECOSYSTEM,
        dimension: Dimension::default(),
        model: crate::app::state::DEFAULT_MODEL,
        breakdown: Default::default(),
        ascii: false,
        options: crate::attribution::ModelOptions::default(),
    }
}

fn texts(cells: &[Cell]) -> Vec<&str> {
    cells.iter().map(|c| c.text.as_str()).collect()
}

#[test]
fn a_figure_is_one_column_alone_and_four_when_comparing() {
    let (oct, sep) = (card(fixture::snapshot()), card(fixture::september()));
    let alone = metric_columns(&ctx(&oct, None), Metric::SlaAdherence, 3);
    assert_eq!(alone.len(), 1);
    let columns = metric_columns(&ctx(&oct, Some(&sep)), Metric::SlaAdherence, 3);
    let keys: Vec<&str> = columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "sla_adherence",
            "sla_adherence.was",
            "sla_adherence.delta",
            "sla_adherence.rel"
        ]
    );
    assert_eq!(columns[1].title, "SLA % Sep 2026");
    // The change stays with its value; the compared value and the relative change drop
    // before any metric's value (table priorities stay below 100).
    assert_eq!(columns[2].priority, columns[0].priority);
    assert!(columns[1].priority > 100 && columns[3].priority > columns[1].priority);
}

#[test]
fn a_rate_changes_in_points_and_percent_good_by_direction() {
    let (oct, sep) = (card(fixture::snapshot()), card(fixture::september()));
    let ctx = ctx(&oct, Some(&sep));
    // October: 210 of 270 leads in SLA (77.8 %); September: 202 of 300 (67.3 %).
    let cells = metric_cells(
        &ctx,
        Metric::SlaAdherence,
        Some(oct.total()),
        Some(sep.total()),
    );
    assert_eq!(texts(&cells), ["77.8 %", "67.3 %", "▲ +10.4 pp", "+15.5 %"]);
    assert_eq!(cells[2].tone, Tone::Good);
    // The same figures the other way round: a fall, and bad.
    let back = metric_cells(
        &ctx,
        Metric::SlaAdherence,
        Some(sep.total()),
        Some(oct.total()),
    );
    assert_eq!(texts(&back)[2..], ["▼ \u{2212}10.4 pp", "\u{2212}13.4 %"]);
    assert_eq!(back[2].tone, Tone::Bad);
}

#[test]
fn a_row_missing_in_one_period_reads_new_or_na_never_zero() {
    let (oct, sep) = (card(fixture::snapshot()), card(fixture::september()));
    let ctx = ctx(&oct, Some(&sep));
    let harbor_one = oct.rollup(&Level::Dealer("d4".into()));
    let harbor_three = sep.rollup(&Level::Dealer("d6".into()));
    assert!(harbor_one.is_some() && harbor_three.is_some());
    let added = metric_cells(&ctx, Metric::Leads, harbor_one, None);
    assert_eq!(texts(&added), ["0", "n/a", "new", "n/a"]);
    let removed = metric_cells(&ctx, Metric::Leads, None, harbor_three);
    assert_eq!(texts(&removed), ["n/a", "30", "n/a", "n/a"]);
    assert_eq!(removed[0].sort, SortKey::Missing);
}

#[test]
fn targets_show_by_symbol_and_tone_on_cells_and_in_words_on_cards() {
    let mut october = fixture::snapshot();
    october.targets.push(MetricTarget {
        metric: "sla_adherence".into(),
        target: Some("0.8".parse().unwrap()),
        flat_threshold: None,
    });
    let (oct, sep) = (card(october), card(fixture::september()));
    let ctx = ctx(&oct, Some(&sep));
    // 77.8 % against 80 %: short by 2.2 pp, within 5 % of the target (4 pp): at risk.
    let cells = metric_cells(
        &ctx,
        Metric::SlaAdherence,
        Some(oct.total()),
        Some(sep.total()),
    );
    assert_eq!(
        (cells[0].text.as_str(), cells[0].tone),
        ("77.8 % !", Tone::Warn)
    );
    let measure = Measure::of(&ctx, Metric::SlaAdherence);
    let value = oct.value(ECOSYSTEM, Metric::SlaAdherence);
    let then = sep.value(ECOSYSTEM, Metric::SlaAdherence);
    let shown = card_compare(&ctx, Card::default(), &measure, value, then);
    let status = shown.status.expect("a target");
    assert_eq!(status.text, "! at risk · target 80.0 %");
    assert_eq!(
        shown.delta.map(|d| d.text),
        Some("▲ +10.4 pp · +15.5 %".into())
    );
    assert_eq!(shown.detail, ["Sep 2026 67.3 %"]);
    // Leads is a sum: its target holds for the ecosystem total only.
    assert_eq!(Measure::of(&ctx, Metric::Leads).target, None);
}

#[test]
fn renamed_added_and_removed_rows_say_so_in_their_name() {
    let (oct, sep) = (card(fixture::snapshot()), card(fixture::september()));
    let ctx = ctx(&oct, Some(&sep));
    let rows = pair_rows(&ctx, oct.dealers().collect(), |c| c.dealers().collect());
    let names: Vec<(String, &str)> = rows
        .iter()
        .map(|r| (matched_name(r).text, match_word(r)))
        .collect();
    let s = |name: &str, word| (name.to_owned(), word);
    assert_eq!(
        names,
        [
            s("Sunset North", ""),
            s("Sunset South", ""),
            s("Coast Central (was Coast Centre)", "renamed"),
            s("Harbor One", "added"),
            s("Harbor Two", ""),
            s("Harbor Three", "removed"),
        ]
    );
    assert_eq!(matched_search(&rows[2]), "Coast Central Coast Centre");
    // Not comparing: every row is itself, untagged.
    let alone = pair_rows(
        &super::tests::ctx(&oct, None),
        oct.dealers().collect(),
        |_| Vec::new(),
    );
    assert!(alone.iter().all(|r| match_word(r).is_empty()));
}

fn verdict_tone(delta: &Delta) -> Tone {
    match delta.verdict() {
        Some(Verdict::Good) => Tone::Good,
        Some(Verdict::Bad) => Tone::Bad,
        Some(Verdict::Flat) => Tone::Muted,
        Some(Verdict::Neutral) => Tone::Plain,
        None => change_tone(&delta.change),
    }
}

proptest! {
    /// For every metric, the change cell agrees with the compare domain's delta (text and
    /// good/bad), and swapping the periods swaps good and bad.
    #[test]
    fn change_cells_agree_with_the_domain_and_reverse(
        a in -1_000_000i64..1_000_000, b in -1_000_000i64..1_000_000, dp in 0u32..4,
    ) {
        let (oct, sep) = (card(fixture::snapshot()), card(fixture::september()));
        let ctx = ctx(&oct, Some(&sep));
        let (a, b) = (Decimal::new(a, dp), Decimal::new(b, dp));
        for metric in Metric::ALL.iter().copied() {
            let measure = Measure::of(&ctx, metric);
            let cells = figure_cells(&ctx, &measure, Some(a), Some(b));
            let delta = Delta::new(metric, Some(a), Some(b), measure.threshold);
            let expected = crate::compare::format_change(&delta, "USD", style_for(metric.unit(), false));
            prop_assert_eq!(&cells[2].text, &expected);
            prop_assert_eq!(cells[2].tone, verdict_tone(&delta));
            let back = figure_cells(&ctx, &measure, Some(b), Some(a));
            let swapped = match back[2].tone {
                Tone::Good => Tone::Bad,
                Tone::Bad => Tone::Good,
                other => other,
            };
            prop_assert_eq!(swapped, cells[2].tone, "{:?}", metric);
        }
    }
}

#[test]
fn a_status_is_judged_on_the_value_as_shown() {
    // EV share 7.98 % against a target of 8.0 %: the screen reads "8.0 %", so on track, not
    // "8.0 % ! at risk".
    let c = card(fixture::snapshot());
    let ctx = ctx(&c, None);
    let mut measure = Measure::new(Unit::Rate, Direction::HigherIsBetter);
    measure.target = Some(Decimal::new(8, 2));
    let cells = figure_cells(&ctx, &measure, Some(Decimal::new(798, 4)), None);
    assert_eq!(cells[0].text, "8.0 % ✓");
    // 7.94 % reads 7.9 %: short of 8.0 %, within 5 % of it: at risk.
    let cells = figure_cells(&ctx, &measure, Some(Decimal::new(794, 4)), None);
    assert_eq!(cells[0].text, "7.9 % !");
}
