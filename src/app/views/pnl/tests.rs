use std::sync::Arc;

use proptest::prelude::*;

use super::*;
use crate::app::screen::{Cell, Row, SortKey, Table};
use crate::app::views::review_fixture;
use crate::metrics::Scorecard;
use crate::metrics::adoption::RETIRE_RULE;
use crate::model::{DriverOutcome, Money, Snapshot, Tool, ToolCategory, ToolCost, ToolOwner};

fn tables(screen: &Screen) -> Vec<&Table> {
    screen
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn details(screen: &Screen) -> &crate::app::screen::Details {
    screen
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Detail(d) => Some(d),
            _ => None,
        })
        .expect("details")
}

fn column(table: &Table, key: &str) -> usize {
    table
        .columns
        .iter()
        .position(|c| c.key == key)
        .expect("column")
}

fn amount(row: &Row, at: usize) -> Decimal {
    match &row.cells[at].sort {
        SortKey::Num(v) => *v,
        _ => Decimal::ZERO,
    }
}

/// Every money column of both tables: the pinned total is exactly the sum of the rows shown,
/// a row that says "of which" (a slice inside the row above) left out.
fn assert_totals_add_up(screen: &Screen) {
    let all = tables(screen);
    for (table, keys) in [
        (
            all[0],
            &["cost", "value", "annual", "cost.was", "value.was"][..],
        ),
        (
            all[1],
            &["revenue", "gross_margin", "margin", "other", "cost"][..],
        ),
    ] {
        if table.pinned.is_empty() {
            assert!(table.rows.is_empty(), "a total whenever there are rows");
            continue;
        }
        for key in keys {
            // The compared columns exist only when comparing.
            let Some(at) = table.columns.iter().position(|c| c.key == *key) else {
                continue;
            };
            let sum: Decimal = table
                .rows
                .iter()
                .filter(|r| !r.cells[0].text.starts_with("of which "))
                .map(|r| amount(r, at))
                .sum();
            assert_eq!(amount(&table.pinned[0], at), sum, "{} {key}", table.title);
        }
    }
}

fn screen_of(snapshot: Snapshot) -> (Screen, Pnl) {
    let pnl = Pnl::of(&snapshot);
    let card = Scorecard::new(Arc::new(snapshot));
    (build(&review_fixture::context(&card, None)), pnl)
}

#[test]
fn the_totals_rows_are_the_sums_of_the_rows_and_the_pnl_totals() {
    let (screen, pnl) = screen_of(review_fixture::snapshot());
    assert_totals_add_up(&screen);
    let tools = tables(&screen)[0];
    let total = &tools.pinned[0];
    assert_eq!(amount(total, column(tools, "cost")), pnl.cost().amount());
    // Margin 15,000 + 10,000.01, productivity 1,200 h × 42.50 = 51,000, no customers served so
    // no savings: 76,000.01, of which the 51,000 no tool serves is on a row of its own.
    assert_eq!(
        amount(total, column(tools, "value")),
        Decimal::new(7_600_001, 2)
    );
    assert_eq!(text_at(tools, "unallocated", "value").text, "$51.0K");
    // (76,000.01 - 15,000.08) / 15,000.08 = 406.66 %: a month of 180,001 a year.
    assert_eq!(total.cells[column(tools, "roi")].text, "406.7 %");
    assert_eq!(total.cells[column(tools, "roi")].text, rate(pnl.roi()));
}

#[test]
fn retire_candidates_are_marked_and_the_rule_is_on_screen() {
    let (screen, pnl) = screen_of(review_fixture::snapshot());
    let tools = tables(&screen)[0];
    let at = column(tools, "retire");
    let marked: Vec<&str> = tools
        .rows
        .iter()
        .filter(|r| r.cells[at].text == "retire")
        .map(|r| r.id.as_str())
        .collect();
    let candidates: Vec<&str> = pnl.retire_candidates().map(|t| t.id.as_str()).collect();
    // The e-mail tool: 1 of 5 dealers use it and it earns 11 % on its cost.
    assert_eq!(marked, ["email"]);
    assert_eq!(marked, candidates);
    assert_eq!(tools.pinned[0].cells[at].text, "1 of 3");
    assert!(
        tools
            .title
            .contains("retire = adoption < 50.0 % and ROI on value < 25.0 %")
    );
    let stated = screen.blocks.iter().any(|b| match b {
        Block::Detail(d) => d
            .items
            .iter()
            .all(|item| item.lines.iter().any(|l| l == RETIRE_RULE)),
        _ => false,
    });
    assert!(stated, "the full rule is stated with every tool");
}

#[test]
fn definitions_and_headline_cards_are_shown() {
    let (screen, _) = screen_of(review_fixture::snapshot());
    let defined = screen.blocks.iter().any(|b| match b {
        Block::Text(t) => t
            .paragraphs
            .iter()
            .any(|p| p.contains(ROI_DEFINITION) && p.contains(PAYBACK_DEFINITION)),
        _ => false,
    });
    assert!(defined);
    let Some(Block::Cards(cards)) = screen.blocks.first() else {
        panic!("cards first");
    };
    // 1,200 hours at $42.50; cost to serve from $80 to $68 is 15 % less, which is better.
    assert_eq!(cards[3].value, "$51.0K");
    assert_eq!(cards[3].detail[0], "1,200 h × $42.50/h");
    assert_eq!(cards[3].detail[1], "cost to serve $68.00");
    assert_eq!(cards[3].detail[2], "was $80.00 (15.0 % lower)");
}

#[test]
fn a_tools_detail_splits_its_cost_over_its_drivers_exactly() {
    let (screen, pnl) = screen_of(review_fixture::snapshot());
    let details = details(&screen);
    for tool in &pnl.tools {
        let detail = details.of(tool.id.as_str()).expect("a detail per tool");
        let split: Decimal = detail.bars.iter().map(|b| b.value).sum();
        assert_eq!(split, tool.cost.amount(), "{}", tool.name);
    }
}

fn tool(i: usize, cents: i64, drivers: Vec<ValueDriver>) -> Tool {
    Tool {
        id: format!("t{i}").as_str().into(),
        name: format!("Tool {i}"),
        category: ToolCategory::Other,
        owner: ToolOwner::Oem,
        annual_cost: ToolCost {
            licences: Money(Decimal::new(cents, 2)),
            ..ToolCost::default()
        },
        seats: 10,
        active_users: 3,
        dealers_adopted: 1,
        value_drivers: drivers,
    }
}

fn drivers() -> impl Strategy<Value = Vec<ValueDriver>> {
    proptest::sample::subsequence(crate::metrics::pnl::DRIVERS.to_vec(), 0..=3)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the stack and the outcomes (odd cents, tools serving nothing, drivers no tool
    /// serves), each total row equals the sum of the rows shown, to the cent.
    #[test]
    fn totals_always_equal_the_sum_of_the_rows_shown(
        stack in proptest::collection::vec((0i64..100_000_000, drivers()), 0..8),
        outcomes in proptest::collection::vec((0usize..6, 0i64..10_000_000), 0..8),
        quarter in any::<bool>(),
    ) {
        let mut s = review_fixture::snapshot();
        if quarter {
            s.period.id = "2026-Q4".parse().expect("quarter");
        }
        s.stack = stack
            .into_iter()
            .enumerate()
            .map(|(i, (cents, drivers))| tool(i, cents, drivers))
            .collect();
        s.pnl.drivers = outcomes
            .into_iter()
            .map(|(d, cents)| DriverOutcome {
                driver: crate::metrics::pnl::DRIVERS[d],
                revenue: Money(Decimal::new(cents * 7, 2)),
                gross_margin: Money(Decimal::new(cents * 3, 2)),
                attributed_margin: Money(Decimal::new(cents, 2)),
            })
            .collect();
        let s_drivers = s.pnl.drivers.clone();
        let was = last_month(s.clone());
        let (screen, pnl) = screen_of(s.clone());
        assert_totals_add_up(&screen);
        let pnl_was = Pnl::of(&was);
        let card = Scorecard::new(Arc::new(s));
        let was = Scorecard::new(Arc::new(was));
        let compared = build(&review_fixture::context(&card, Some(&was)));
        assert_totals_add_up(&compared);
        let tools = tables(&compared)[0];
        if !tools.pinned.is_empty() {
            prop_assert_eq!(
                amount(&tools.pinned[0], column(tools, "cost.was")),
                pnl_was.cost().amount()
            );
        }
        let all = tables(&screen);
        if !pnl.tools.is_empty() {
            prop_assert_eq!(amount(&all[0].pinned[0], column(all[0], "cost")), pnl.cost().amount());
        }
        prop_assert_eq!(amount(&all[1].pinned[0], column(all[1], "cost")), pnl.cost().amount());
        // EV adoption is inside incremental sales: its margin is never added.
        let given: Decimal = s_drivers
            .iter()
            .filter(|d| d.driver != ValueDriver::EvAdoption)
            .map(|d| d.attributed_margin.amount())
            .sum();
        prop_assert_eq!(amount(&all[1].pinned[0], column(all[1], "margin")), given);
    }
}

/// The fixture a month earlier: the CRM cost twice as much, the map half as much, and a tool
/// since retired was still paid for.
fn last_month(mut s: Snapshot) -> Snapshot {
    s.period.id = "2026-09".parse().expect("month");
    for t in &mut s.stack {
        match t.id.as_str() {
            "crm" => t.annual_cost.licences = Money::from(240_000),
            "map" => t.annual_cost.licences = Money::from(12_000),
            _ => {}
        }
    }
    s.stack
        .push(tool(9, 1_200_000, vec![ValueDriver::CostToServe]));
    s
}

fn text_at<'a>(table: &'a Table, id: &str, key: &str) -> &'a Cell {
    let row = table
        .rows
        .iter()
        .chain(&table.pinned)
        .find(|r| r.id == id)
        .expect("row");
    &row.cells[column(table, key)]
}

#[test]
fn a_cheaper_tool_reads_better_and_a_dearer_one_worse() {
    let now = review_fixture::snapshot();
    let pnl_now = Pnl::of(&now);
    let was = last_month(now.clone());
    let pnl_was = Pnl::of(&was);
    let card = Scorecard::new(Arc::new(now));
    let was = Scorecard::new(Arc::new(was));
    let screen = build(&review_fixture::context(&card, Some(&was)));
    let tools = tables(&screen)[0];
    let cost = |p: &Pnl, id: &str| {
        p.tools
            .iter()
            .find(|t| t.id.as_str() == id)
            .map(|t| t.cost.amount())
            .expect("tool")
    };
    // CRM: $20K a month -> $10K, down $10K: better for a cost.
    let crm = text_at(tools, "crm", "cost.delta");
    assert_eq!(crm.text, "▲ −$10.0K");
    assert_eq!(crm.tone, Tone::Good);
    assert_eq!(
        crm.sort,
        SortKey::Num(cost(&pnl_now, "crm") - cost(&pnl_was, "crm"))
    );
    // Map: $1K a month -> $2K, up: worse.
    let map = text_at(tools, "map", "cost.delta");
    assert!(map.text.starts_with("▼ +"), "{}", map.text);
    assert_eq!(map.tone, Tone::Bad);
    // The retired tool is listed as removed: "n/a" now, its cost then.
    assert_eq!(text_at(tools, "t9", "match").text, "removed");
    assert_eq!(text_at(tools, "t9", "cost").text, "n/a");
    // The total's compared cost is last month's P&L cost, the sum of the compared rows shown.
    assert_eq!(
        amount(&tools.pinned[0], column(tools, "cost.was")),
        pnl_was.cost().amount()
    );
    assert_totals_add_up(&screen);
    // The cost card says better in its delta, with last month's cost beside it.
    let cards = screen
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Cards(c) => Some(c),
            _ => None,
        })
        .expect("cards");
    let delta = cards[0].delta.as_ref().expect("a change on the cost card");
    assert!(delta.text.starts_with("▲ −"), "{}", delta.text);
    assert_eq!(delta.tone, Tone::Good);
    assert!(cards[0].detail[0].starts_with("Sep 2026 "));
}

#[test]
fn overlap_and_cost_per_user_are_computed_with_their_reasons() {
    let mut s = review_fixture::snapshot();
    // The map and the e-mail tool become marketing automation; the CRM stays a CRM.
    for t in &mut s.stack[1..] {
        t.category = ToolCategory::MarketingAutomation;
    }
    let (screen, _) = screen_of(s);
    let tools = tables(&screen)[0];
    // The map and the e-mail tool are both marketing automation serving service retention.
    assert_eq!(text_at(tools, "map", "overlap").text, "EMAIL");
    assert_eq!(text_at(tools, "email", "overlap").text, "MAP");
    assert_eq!(text_at(tools, "crm", "overlap").text, "");
    // CRM: 120,000 a year is 10,000 a month over 80 users in use: $125; the e-mail tool has no
    // seats in use: n/a.
    assert_eq!(text_at(tools, "crm", "per_user").text, "$125");
    assert_eq!(text_at(tools, "email", "per_user").text, "n/a");
    let details = details(&screen);
    let email = details.of("email").expect("the e-mail tool's detail");
    assert!(
        email.lines.contains(
            &"Overlaps with MAP (both serve service retention): same category (marketing automation)."
                .to_owned()
        ),
        "{:?}",
        email.lines
    );
}
