use std::sync::Arc;

use super::*;
use crate::app::views::review_fixture;
use crate::metrics::Scorecard;

fn row<'a>(screen: &'a Screen, id: &str) -> &'a Row {
    let table = screen.table().expect("the grid");
    table.rows.iter().find(|r| r.id == id).expect("row")
}

fn at<'a>(screen: &'a Screen, row: &'a Row, key: &str) -> &'a str {
    let table = screen.table().expect("the grid");
    let i = table
        .columns
        .iter()
        .position(|c| c.key == key)
        .expect("column");
    &row.cells[i].text
}

#[test]
fn the_current_and_target_marks_sit_in_their_stage_columns() {
    let card = review_fixture::card();
    let screen = build(&review_fixture::context(&card, None));
    // Data Coverage: stage 1 now, stage 3 targeted.
    let data = row(&screen, "automotive:datacoverage");
    assert_eq!(at(&screen, data, "stage1"), "● Tool-Centric");
    assert_eq!(at(&screen, data, "stage2"), "  Journey-Centric");
    assert_eq!(at(&screen, data, "stage3"), "○ Ecosystem-Centric");
    assert_eq!(at(&screen, data, "gap"), "2 stages to go");
    // Governance reached its target: one mark for both.
    let governance = row(&screen, "automotive:governance");
    assert_eq!(at(&screen, governance, "stage3"), "◉ Ecosystem-Centric");
    assert_eq!(at(&screen, governance, "stage1"), "  Tool-Centric");
    assert_eq!(at(&screen, governance, "gap"), "reached");
    // The same dimension name in the other matrix is another row, with that matrix's stages.
    let eco = row(&screen, "ecosystem:attribution");
    assert_eq!(at(&screen, eco, "stage1"), "● Activity-Only");
    assert_eq!(at(&screen, eco, "stage2"), "○ Pipeline-Aware");
    // The grid's title says what the marks mean in words.
    let title = &screen.table().expect("grid").title;
    assert!(
        title.ends_with("● current  ○ target  ◉ target reached"),
        "{title}"
    );
}

#[test]
fn both_matrices_list_every_dimension_and_say_which_are_not_assessed() {
    let card = review_fixture::card();
    let screen = build(&review_fixture::context(&card, None));
    let table = screen.table().expect("the grid");
    assert_eq!(table.rows.len(), 11, "6 automotive + 5 ecosystem marketing");
    let matrices: Vec<&str> = table
        .rows
        .iter()
        .map(|r| at(&screen, r, "matrix"))
        .collect();
    assert_eq!(matrices[..6], ["Automotive"; 6]);
    assert_eq!(matrices[6..], ["Ecosystem"; 5]);
    let financial = row(&screen, "automotive:financialview");
    assert_eq!(at(&screen, financial, "gap"), "not assessed");
}

#[test]
fn ascii_marks_and_the_legend_name_the_marks_in_words() {
    let card = review_fixture::card();
    let mut ctx = review_fixture::context(&card, None);
    ctx.ascii = true;
    let screen = build(&ctx);
    let data = row(&screen, "automotive:datacoverage");
    assert_eq!(at(&screen, data, "stage1"), "* Tool-Centric");
    assert_eq!(at(&screen, data, "stage3"), "o Ecosystem-Centric");
    assert_eq!(legend(true), "* current  o target  @ target reached");
}

#[test]
fn movement_since_the_compared_period_is_shown_by_mark_and_word() {
    let card = review_fixture::card();
    let mut before = review_fixture::snapshot();
    before.period.id = "2026-09".parse().expect("period");
    // Data Coverage was at stage 1 too; Scope of Measurement moved up from 1; Governance was
    // not assessed.
    before.maturity[0].current = 1;
    before.maturity.retain(|a| a.dimension != "Governance");
    let compared = Scorecard::new(Arc::new(before));
    let screen = build(&review_fixture::context(&card, Some(&compared)));
    let table = screen.table().expect("the grid");
    let since = table
        .columns
        .iter()
        .find(|c| c.key == "since")
        .expect("since column");
    assert_eq!(since.title, "Since Sep 2026");
    let scope = row(&screen, "automotive:scopeofmeasurement");
    assert_eq!(at(&screen, scope, "since"), "▲ up 1");
    assert_eq!(
        scope.cells[2].mark,
        Some(Mark::Better),
        "on the current stage"
    );
    assert_eq!(
        at(&screen, row(&screen, "automotive:datacoverage"), "since"),
        "= same"
    );
    assert_eq!(
        at(&screen, row(&screen, "automotive:governance"), "since"),
        "new"
    );
    // Without a compared period there is no such column.
    let alone = build(&review_fixture::context(&card, None));
    assert!(
        alone
            .table()
            .expect("grid")
            .columns
            .iter()
            .all(|c| c.key != "since")
    );
}

#[test]
fn the_selected_dimension_shows_the_article_text_evidence_and_owner() {
    let card = review_fixture::card();
    let screen = build(&review_fixture::context(&card, None));
    let details = screen
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Detail(d) => Some(d),
            _ => None,
        })
        .expect("details");
    let data = details.of("automotive:datacoverage").expect("detail");
    assert_eq!(
        data.lines,
        [
            "Evidence: Evidence for Data Coverage.",
            "Data indicates stage 1 Tool-Centric, as declared: no source system is listed.",
            "● Now: 1 Tool-Centric: Marketing platform data only.",
            "○ Target: 3 Ecosystem-Centric: Unified data layer spanning OEM, dealers, DMS, and external media.",
        ]
    );
    assert_eq!(
        data.title,
        "Data Coverage (Automotive martech ROI) · owner: Dana Whitaker"
    );
}
