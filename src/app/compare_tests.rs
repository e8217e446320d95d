//! Compare mode on the fixture months (August, September, October): the periods on screen,
//! the pickers, rows matched by id, the split view and the detail line.

use super::fixture;
use super::*;
use crate::metrics::Level;
use crate::model::PeriodId;

fn app() -> App {
    App::new(fixture::months(), Display::default()).expect("three months")
}

fn p(text: &str) -> PeriodId {
    text.parse().expect("a period")
}

fn names(screen: &screen::Screen) -> Vec<String> {
    let table = screen.table().expect("a table");
    table.rows.iter().map(|r| r.cells[0].text.clone()).collect()
}

fn select(app: &mut App, id: &str) {
    app.update(Action::Top);
    while app
        .table()
        .and_then(|t| Some(t.rows[app.selected_row()?].id.as_str()))
        != Some(id)
    {
        let before = app.nav().selected;
        app.update(Action::Down);
        assert_ne!(app.nav().selected, before, "row {id} not found");
    }
}

#[test]
fn opens_on_the_latest_month_against_the_one_before() {
    let app = app();
    assert_eq!(app.period_label(), "Oct 2026 vs Sep 2026 (MoM)");
    assert_eq!(
        app.compared().map(|c| c.snapshot().period.id),
        Some(p("2026-09"))
    );
    let alone = App::open(fixture::months(), Display::default(), None, None).unwrap();
    assert_eq!(alone.period_label(), "Oct 2026");
    let err = App::open(
        fixture::months(),
        Display::default(),
        Some(p("2026-07")),
        None,
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("loaded: 2026-08, 2026-09, 2026-10"),
        "{err}"
    );
}

#[test]
fn pickers_choose_the_periods_and_the_compared_one_follows() {
    let mut app = app();
    app.update(Action::PickCompared);
    let picker = app.picker().expect("open").clone();
    assert_eq!(
        picker.options,
        [None, Some(p("2026-09")), Some(p("2026-08"))]
    );
    assert_eq!(picker.selected, 1, "on the period on screen");
    app.update(Action::PickerDown);
    app.update(Action::PickerChoose);
    assert!(app.picker().is_none());
    assert_eq!(app.period_label(), "Oct 2026 vs Aug 2026");
    // The current period moves; the named compared period stays while it can.
    app.update(Action::SetPeriod(p("2026-09")));
    assert_eq!(app.period_label(), "Sep 2026 vs Aug 2026 (MoM)");
    // August against August is no comparison: the previous period is taken (none here).
    app.update(Action::SetPeriod(p("2026-08")));
    assert_eq!(app.period_label(), "Aug 2026");
    // "Previous" follows the current period.
    app.update(Action::SetPeriod(p("2026-10")));
    app.update(Action::SetCompared(Some(p("2026-09"))));
    app.update(Action::PickPeriod);
    app.update(Action::PickerDown);
    app.update(Action::PickerChoose);
    assert_eq!(app.period_label(), "Sep 2026 vs Aug 2026 (MoM)");
    // "none" turns comparing off, and stays off when the period changes; Esc changes nothing.
    app.update(Action::PickCompared);
    app.update(Action::PickerUp);
    app.update(Action::PickerUp);
    app.update(Action::PickerChoose);
    assert_eq!(app.period_label(), "Sep 2026");
    app.update(Action::SetPeriod(p("2026-10")));
    assert_eq!(app.period_label(), "Oct 2026");
    app.update(Action::PickCompared);
    app.update(Action::PickerDown);
    app.update(Action::PickerClose);
    assert_eq!(
        (app.period_label().as_str(), app.picker()),
        ("Oct 2026", None)
    );
}

#[test]
fn tables_match_rows_by_id_and_count_them() {
    let mut app = app();
    app.update(Action::GoTab(Tab::Dealers));
    select(&mut app, "g3");
    app.update(Action::Drill);
    assert_eq!(app.breadcrumb(), ["Ecosystem", "East", "Harbor Group"]);
    assert_eq!(
        names(app.screen()),
        ["Harbor One", "Harbor Two", "Harbor Three"]
    );
    let table = app.table().expect("a table");
    assert_eq!(table.columns[1].title, "Match");
    let said: Vec<&str> = table
        .rows
        .iter()
        .map(|r| r.cells[1].text.as_str())
        .collect();
    assert_eq!(said, ["added", "", "removed"]);
    assert_eq!(
        table.pinned[0].cells[1].text, "",
        "pinned rows are not matched"
    );
    let summary = app.table().and_then(|t| t.matched).expect("a summary");
    assert_eq!(
        summary.to_string(),
        "1 matched · 1 added · 1 removed · 0 renamed"
    );
    // The removed dealer's row shows its September figures, not zeros.
    let table = app.table().expect("a table");
    let leads = table.columns.iter().position(|c| c.key == "leads").unwrap();
    let gone = &table.rows[2].cells;
    assert_eq!(
        (gone[leads].text.as_str(), gone[leads + 1].text.as_str()),
        ("n/a", "30")
    );
}

#[test]
fn the_split_view_aligns_both_periods_and_drills_in_step() {
    let mut app = app();
    app.update(Action::GoTab(Tab::Dealers));
    app.update(Action::ToggleSplit);
    assert!(app.split());
    let ids = |s: &screen::Screen| -> Vec<String> {
        s.table()
            .unwrap()
            .rows
            .iter()
            .map(|r| r.id.clone())
            .collect()
    };
    assert_eq!(ids(app.screen()), ids(app.pane().expect("a pane")));
    select(&mut app, "g3");
    app.update(Action::Drill);
    assert_eq!(app.level(), &Level::Group("g3".into()));
    let pane = app.pane().expect("a pane");
    assert_eq!(names(pane), ["Harbor One", "Harbor Two", "Harbor Three"]);
    let said = |s: &screen::Screen| -> Vec<String> {
        s.table()
            .unwrap()
            .rows
            .iter()
            .map(|r| r.cells[1].text.clone())
            .collect()
    };
    assert_eq!(said(pane), ["added", "", "removed"]);
    assert_eq!(said(app.screen()), said(pane));
    // The dealer only October has is a blank placeholder on September's side.
    assert_eq!(pane.table().unwrap().rows[0].cells[2].text, "—");
    // Into the dealer only September has: the breadcrumb names it, each pane says what it has.
    select(&mut app, "d6");
    app.update(Action::Drill);
    assert_eq!(
        app.breadcrumb(),
        ["Ecosystem", "East", "Harbor Group", "Harbor Three"]
    );
    assert_eq!(app.screen().title, "Harbor Three is not in Oct 2026");
    assert!(
        app.pane()
            .unwrap()
            .title
            .starts_with("Harbor Three: every metric")
    );
    app.update(Action::Back);
    app.update(Action::ToggleSplit);
    assert!(!app.split() && app.pane().is_none());
    assert_eq!(
        app.nav().selected,
        2,
        "the selection came back to Harbor Three"
    );
}

#[test]
fn the_detail_line_follows_the_selected_row_and_its_sort() {
    let mut app = app();
    app.update(Action::GoTab(Tab::Dealers));
    select(&mut app, "g3");
    let detail = app.row_detail().expect("a detail");
    // The first metric after the dealer count: leads. Harbor Group: 40 in October (Harbor
    // One had none), 70 in September.
    assert_eq!(
        (detail.name.as_str(), detail.figure),
        ("Harbor Group", "Leads")
    );
    let parts: Vec<&str> = detail.parts.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(parts[..2], ["Oct 2026 40", "Sep 2026 70"]);
    assert!(
        parts[2].starts_with("▼ \u{2212}30 (\u{2212}42.9 %)"),
        "{}",
        parts[2]
    );
    let spark = detail.spark.expect("three months");
    assert_eq!(
        (spark.levels.len(), spark.current, spark.compared),
        (3, Some(2), Some(1))
    );
    // Sorted by SLA adherence, the detail follows the sort.
    while app.sort().map(|s| s.column.as_str()) != Some("sla_adherence") {
        app.update(Action::CycleSort);
    }
    select(&mut app, "g3");
    assert_eq!(app.row_detail().unwrap().figure, "SLA adherence");
}
