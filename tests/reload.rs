//! Live reload through the app: the outcome of a real reload (the loader run by
//! `ebr::watch::Reloader` on fixture files) sent to the app as the runtime sends it, and the
//! screen drawn headless. A failed reload keeps every figure and adds the banner; a valid one
//! swaps the data in and keeps tab, drill path, selection and periods.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};
use ebr::app::{Action, App, Display, Tab};
use ebr::load;
use ebr::metrics::Level;
use ebr::ui::headless;
use ebr::watch::Reloader;

const VALID: &str = "tests/fixtures/valid/minimal.toml";
/// The valid fixture with a negative co-op spend (and a comment line on top).
const BROKEN: &str = "tests/fixtures/invalid/negative_money.toml";

fn at(h: u32, m: u32, s: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 30)
        .and_then(|d| d.and_hms_opt(h, m, s))
        .expect("a valid time")
}

fn open(paths: &[PathBuf]) -> App {
    let (library, _) = load::load_paths(paths).expect("valid data");
    App::new(library, Display::default()).expect("a period")
}

fn draw(app: &App) -> Vec<String> {
    headless::text::write(&headless::draw(app, 120, 20))
        .lines()
        .map(str::to_owned)
        .collect()
}

/// The reload's action, as the runtime would hand it to the app.
fn reload(paths: &[&str], now: NaiveDateTime) -> Action {
    let paths = paths.iter().map(PathBuf::from).collect();
    let mut reloader = Reloader::new(paths, at(9, 30, 0), Vec::new());
    reloader
        .reload(now, true)
        .expect("asked, so it answers")
        .action
        .expect("a reload's outcome is an action")
}

#[test]
fn a_failed_reload_keeps_every_figure_and_shows_where_the_file_is_wrong() {
    let mut app = open(&[PathBuf::from(VALID)]);
    app.update(Action::GoTab(Tab::Dealers));
    app.update(Action::Down);
    let before = draw(&app);

    let failed = reload(&[BROKEN], at(9, 41, 7));
    assert!(matches!(failed, Action::ReloadFailed(_)), "{failed:?}");
    app.update(failed);
    let after = draw(&app);

    let text = std::fs::read_to_string(BROKEN).expect("the fixture");
    // The value is the quoted amount: its location is its opening quote.
    let line = 1 + text[..text.find("-2500").expect("the bad value")]
        .matches('\n')
        .count();
    let column = 1 + text
        .lines()
        .nth(line - 1)
        .and_then(|l| l.find("\"-2500\""))
        .unwrap_or(0);
    let banner = format!(
        "⚠ Not reloaded, data of 09:30:00 kept: negative_money.toml:{line}:{column}: dealers[1].facts.marketing_spend.coop: found -2500"
    );
    assert!(after[3].starts_with(&banner), "{}", after[3]);
    assert!(after[3].ends_with('…'), "cut to the width, and says so");
    for (n, (was, is)) in before.iter().zip(&after).enumerate().take(19) {
        if n != 3 {
            assert_eq!(was, is, "row {n} changed: the data on screen must stay");
        }
    }
    assert_eq!(
        after[19].trim_end(),
        format!("{}  ^R reload", before[19].trim_end()),
        "the hint bar offers Ctrl-R"
    );
    insta::assert_snapshot!("reload_refused_120x20", after.join("\n"));

    // The file fixed: the banner goes, the same figures come back, the selection stays.
    app.update(reload(&[VALID], at(9, 42, 0)));
    assert!(app.stale().is_none());
    let fixed = draw(&app);
    assert_eq!(fixed[3].trim(), "", "no banner");
    assert!(
        fixed[19].starts_with("Reloaded 1 snapshot at 09:42:00"),
        "{}",
        fixed[19]
    );
    assert_eq!(fixed[..19], before[..19]);
}

#[test]
fn a_valid_reload_keeps_tab_drill_path_selection_and_periods() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let valid = std::fs::read_to_string(VALID).expect("the fixture");
    let october = dir.path().join("2026-10.toml");
    std::fs::write(&october, &valid).expect("write");
    let september = valid
        .replacen("id = \"2026-10\"", "id = \"2026-09\"", 1)
        .replacen("start = 2026-10-01", "start = 2026-09-01", 1)
        .replacen("end = 2026-10-31", "end = 2026-09-30", 1);
    std::fs::write(dir.path().join("2026-09.toml"), september).expect("write");
    let mut app = open(&[dir.path().to_path_buf()]);
    app.update(Action::GoTab(Tab::Dealers));
    app.update(Action::DrillTo(Level::Region("west".into())));
    app.update(Action::ToggleSplit);
    app.update(Action::NextModel);
    let periods = app.periods();
    let model = app.model();
    let breadcrumb = app.breadcrumb();
    assert_eq!(breadcrumb, ["Ecosystem", "West"]);
    let leads = |app: &App| -> String {
        let table = app.table().expect("a table");
        let column = table
            .columns
            .iter()
            .position(|c| c.key == "leads")
            .expect("leads");
        table.rows[app.selected_row().expect("a selection")].cells[column]
            .text
            .clone()
    };
    // Pacific Auto Group: 120 + 80 + 40 leads in the fixture.
    assert_eq!(leads(&app), "240");

    std::fs::write(&october, valid.replacen("oem = 120,", "oem = 1120,", 1)).expect("write");
    let dir_path = dir.path().display().to_string();
    let action = reload(&[&dir_path], at(10, 0, 0));
    app.update(action);

    assert_eq!(leads(&app), "1,240", "the new figure");
    assert_eq!(app.tab(), Tab::Dealers);
    assert_eq!(app.breadcrumb(), breadcrumb);
    assert_eq!(app.periods(), periods);
    assert!(app.split());
    assert_eq!(app.model(), model);
    assert_eq!(app.status(), Some("Reloaded 2 snapshots at 10:00:00"));
}

#[test]
fn a_reload_without_the_period_or_level_on_screen_falls_back_to_what_exists() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let valid = std::fs::read_to_string(VALID).expect("the fixture");
    std::fs::write(dir.path().join("2026-10.toml"), &valid).expect("write");
    let mut app = open(&[dir.path().to_path_buf()]);
    app.update(Action::GoTab(Tab::Dealers));
    app.update(Action::DrillTo(Level::Dealer("d-002".into())));
    assert_eq!(
        app.breadcrumb(),
        ["Ecosystem", "East", "Harbor Motors", "Harbor Aurora Boston"]
    );

    // October replaced by a September in which the dealer on screen has another id.
    std::fs::remove_file(dir.path().join("2026-10.toml")).expect("remove");
    let september = valid
        .replacen("id = \"2026-10\"", "id = \"2026-09\"", 1)
        .replacen("start = 2026-10-01", "start = 2026-09-01", 1)
        .replacen("end = 2026-10-31", "end = 2026-09-30", 1)
        .replace("d-002", "d-003");
    std::fs::write(dir.path().join("2026-09.toml"), september).expect("write");
    let dir_path = dir.path().display().to_string();
    let action = reload(&[&dir_path], at(10, 0, 0));
    assert!(matches!(action, Action::Reloaded(_)), "{action:?}");
    app.update(action);
    assert_eq!(app.period().to_string(), "2026-09");
    assert_eq!(
        app.breadcrumb(),
        ["Ecosystem", "East", "Harbor Motors"],
        "up to the level that exists"
    );
    assert_eq!(app.tab(), Tab::Dealers);
}
