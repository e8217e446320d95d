use super::*;
use crate::app::views::review_fixture;
use crate::metrics::Scorecard;

fn table(screen: &Screen) -> &Table {
    screen.table().expect("the journeys table")
}

/// The text of the cell in column `key` of `row`.
fn cell<'a>(table: &'a Table, row: &'a Row, key: &str) -> &'a str {
    let at = table
        .columns
        .iter()
        .position(|c| c.key == key)
        .expect("column");
    &row.cells[at].text
}

fn details(screen: &Screen) -> &Details {
    screen
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Detail(d) => Some(d),
            _ => None,
        })
        .expect("a funnel block")
}

#[test]
fn funnel_bars_show_each_stage_over_the_one_before() {
    let card = review_fixture::card();
    let screen = build(&review_fixture::context(&card, None));
    let ev = details(&screen).of("ev").expect("EV funnel");
    let stages = &card.snapshot().journeys[0].stages;
    assert_eq!(ev.bars.len(), stages.len());
    for (i, bar) in ev.bars.iter().enumerate() {
        assert_eq!(bar.label, stages[i].name);
        assert_eq!(bar.value, Decimal::from(stages[i].count));
        if i == 0 {
            assert_eq!(bar.note, "", "the top of the funnel has no stage before");
            continue;
        }
        let share = Decimal::from(stages[i].count) / Decimal::from(stages[i - 1].count);
        let expected = format!(
            "{} % of {}",
            crate::metrics::format::fixed(share * Decimal::ONE_HUNDRED, 1),
            stages[i - 1].name
        );
        assert_eq!(bar.note, expected);
    }
    // 400/2,000, 100/400, 30/100.
    let notes: Vec<&str> = ev.bars.iter().map(|b| b.note.as_str()).collect();
    assert_eq!(
        notes,
        [
            "",
            "20.0 % of engaged",
            "25.0 % of lead",
            "30.0 % of test drive"
        ]
    );
    // An empty funnel top gives "n/a", never 0 % or a panic.
    let fleet = details(&screen).of("fleet").expect("fleet funnel");
    assert_eq!(fleet.bars[1].note, "n/a of RFQ received");
}

#[test]
fn rows_show_volume_conversion_roi_and_handoffs_from_their_parts() {
    let card = review_fixture::card();
    let screen = build(&review_fixture::context(&card, None));
    let t = table(&screen);
    let ev = &t.rows[0];
    assert_eq!(cell(t, ev, "volume"), "2,000");
    assert_eq!(
        cell(t, ev, "conversion"),
        "1.5 %",
        "30 sales of 2,000 engaged"
    );
    assert_eq!(cell(t, ev, "roi"), "75.0 %", "(105,000 - 60,000) / 60,000");
    assert_eq!(cell(t, ev, "handoffs"), "73.1 %", "570 of 780 handoffs met");
    assert_eq!(cell(t, ev, "handoff:lead routed"), "95.0 %");
    assert_eq!(cell(t, ev, "handoff:offer accepted"), "n/a");
    assert_eq!(cell(t, ev, "steps"), "20.0 › 25.0 › 30.0 %");
    let fleet = &t.rows[1];
    for key in ["conversion", "roi", "handoffs", "handoff:offer accepted"] {
        assert_eq!(
            cell(t, fleet, key),
            "n/a",
            "{key} of a journey with empty parts"
        );
    }
}

#[test]
fn the_total_row_adds_money_and_recomputes_ratios_from_sums() {
    let card = review_fixture::card();
    let screen = build(&review_fixture::context(&card, None));
    let t = table(&screen);
    let total = &t.pinned[0];
    let journeys = &card.snapshot().journeys;
    let ctx = review_fixture::context(&card, None);
    for (key, pick) in [
        (
            "revenue",
            (|j: &Journey| j.revenue) as fn(&Journey) -> crate::model::Money,
        ),
        ("cost", |j: &Journey| j.cost),
        ("gross_margin", |j: &Journey| j.gross_margin),
    ] {
        let sum: crate::model::Money = journeys.iter().map(pick).sum();
        assert_eq!(cell(t, total, key), money(&ctx, sum, true), "{key}");
    }
    assert_eq!(cell(t, total, "roi"), "75.0 %");
    assert_eq!(cell(t, total, "handoffs"), "73.1 %");
    assert_eq!(
        cell(t, total, "volume"),
        "",
        "funnels of different journeys do not add"
    );
}

#[test]
fn the_roi_definition_is_on_screen() {
    let card = review_fixture::card();
    let screen = build(&review_fixture::context(&card, None));
    let defined = screen.blocks.iter().any(|b| match b {
        Block::Text(t) => t
            .paragraphs
            .iter()
            .any(|p| p.contains(JOURNEY_ROI_DEFINITION)),
        _ => false,
    });
    assert!(defined);
}

/// The fixture a month earlier: EV launch earned $1.2M on $40K of cost, and a service journey
/// since dropped was running.
fn last_month() -> Scorecard {
    let mut s = review_fixture::snapshot();
    s.period.id = "2026-09".parse().expect("month");
    let ev = &mut s.journeys[0];
    ev.revenue = crate::model::Money::from(1_200_000);
    ev.cost = crate::model::Money::from(40_000);
    let mut service = s.journeys[1].clone();
    service.id = "service".into();
    service.name = "Service recall".into();
    service.revenue = crate::model::Money::from(50_000);
    s.journeys.push(service);
    Scorecard::new(std::sync::Arc::new(s))
}

fn sort_value(table: &Table, row: &Row, key: &str) -> Option<Decimal> {
    let at = table
        .columns
        .iter()
        .position(|c| c.key == key)
        .expect("column");
    match row.cells[at].sort {
        crate::app::screen::SortKey::Num(v) => Some(v),
        _ => None,
    }
}

#[test]
fn compared_journeys_show_their_change_good_or_bad_by_direction() {
    let card = review_fixture::card();
    let was = last_month();
    let screen = build(&review_fixture::context(&card, Some(&was)));
    let t = table(&screen);
    let ev = t.rows.iter().find(|r| r.id == "ev").expect("EV row");
    // Revenue 1.2M -> 1.5M: up $300K, better.
    assert_eq!(cell(t, ev, "revenue"), "$1.50M");
    assert_eq!(cell(t, ev, "revenue.was"), "$1.20M");
    assert_eq!(cell(t, ev, "revenue.delta"), "▲ +$300K");
    assert_eq!(
        sort_value(t, ev, "revenue.delta"),
        Some(Decimal::from(1_500_000 - 1_200_000))
    );
    assert_eq!(cell(t, ev, "revenue.rel"), "+25.0 %");
    // Cost 40K -> 60K: up, and for a cost that is worse.
    assert_eq!(cell(t, ev, "cost.delta"), "▼ +$20.0K");
    let at = t
        .columns
        .iter()
        .position(|c| c.key == "cost.delta")
        .expect("column");
    assert_eq!(ev.cells[at].tone, Tone::Bad);
    // ROI (105K - 40K)/40K = 162.5 % -> 75.0 %: down 87.5 points.
    assert_eq!(cell(t, ev, "roi.delta"), "▼ −87.5 pp");
    // A journey only last month had is listed as removed, "n/a" now, never a drop to 0.
    let service = t
        .rows
        .iter()
        .find(|r| r.id == "service")
        .expect("removed row");
    assert_eq!(cell(t, service, "match"), "removed");
    assert_eq!(cell(t, service, "revenue"), "n/a");
    assert_eq!(cell(t, service, "revenue.delta"), "n/a");
    // The total's compared side is last month's sum, the sum of the compared values shown.
    let shown: Decimal = t
        .rows
        .iter()
        .filter_map(|r| sort_value(t, r, "revenue.was"))
        .sum();
    assert_eq!(sort_value(t, &t.pinned[0], "revenue.was"), Some(shown));
    assert_eq!(shown, Decimal::from(1_250_000));
}

#[test]
fn without_a_compared_period_a_journey_is_one_column_per_figure() {
    let card = review_fixture::card();
    let screen = build(&review_fixture::context(&card, None));
    let t = table(&screen);
    assert!(t.columns.iter().all(|c| !c.key.contains('.')));
    assert!(t.columns.iter().all(|c| c.key != "match"));
}
