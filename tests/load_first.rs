//! A big folder opens on the periods under review while the others load in the background:
//! the app on those two periods with the progress line, keys working, then the whole data
//! swapped in with the view kept and the trends complete; a file that fails in the background
//! is reported like a failed reload and the periods on screen stay. Expected figures come from
//! the app opened on every file at once, the way a small folder opens.

use std::path::PathBuf;
use std::sync::Mutex;

use chrono::{NaiveDate, NaiveDateTime};
use ebr::app::{Action, App, Display, Fresh, Loading, Tab};
use ebr::compare::trend;
use ebr::load;
use ebr::metrics::{Level, Metric};
use ebr::model::{Granularity, Library};
use ebr::ui::headless;
use ebr::watch::Reloader;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data");

fn at(h: u32, m: u32, s: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 30)
        .and_then(|d| d.and_hms_opt(h, m, s))
        .expect("a valid time")
}

fn draw(app: &App) -> Vec<String> {
    headless::text::write(&headless::draw(app, 120, 30))
        .lines()
        .map(str::to_owned)
        .collect()
}

/// Every snapshot of the bundled sample, and the two periods `ebr view data` opens on.
fn libraries() -> (Library, Library) {
    let (full, _) = load::load_paths(&[PathBuf::from(DATA)]).expect("the bundled sample");
    let mut first = Library::new();
    for period in ["2026-09", "2026-10"] {
        let snapshot = full.get(period.parse().expect("a period")).expect("loaded");
        first.insert((**snapshot).clone()).expect("one each");
    }
    (full, first)
}

fn months_in_trend(app: &App) -> usize {
    trend(
        app.scorecards(),
        Granularity::Month,
        &Level::Ecosystem,
        Metric::Leads,
    )
    .points
    .len()
}

#[test]
fn the_periods_under_review_work_while_the_rest_loads_and_trends_fill_in_after() {
    let (full, first) = libraries();
    let files = 17; // the sample's 13 months and 4 quarters
    let mut app = App::new(first, Display::default()).expect("two periods");
    let mut whole = App::new(full.clone(), Display::default()).expect("every period");
    app.update(Action::Loading(Loading {
        done: 0,
        total: files,
    }));
    app.update(Action::Loading(Loading {
        done: 6,
        total: files,
    }));
    assert_eq!(app.periods(), whole.periods(), "the same periods on screen");
    assert_eq!(months_in_trend(&app), 2);

    let screen = draw(&app);
    // 6 of 17 is three tenths of the gauge, rounded down.
    assert_eq!(
        screen[3].trim_end(),
        "███░░░░░░░ Loading the other periods: 6 of 17 files read; trends and the period list follow"
    );
    insta::assert_snapshot!("loading_first_120x30", screen.join("\n"));

    // Keys are answered on the periods loaded: the same rows and figures as with every file.
    for a in [&mut app, &mut whole] {
        a.update(Action::GoTab(Tab::Dealers));
        a.update(Action::Down);
        a.update(Action::Down);
    }
    let (partial, complete) = (draw(&app), draw(&whole));
    for (n, (was, is)) in partial.iter().zip(&complete).enumerate() {
        if n != 3 && n != 28 {
            assert_eq!(was, is, "row {n}");
        }
    }
    // The selected row's line: the same figures; its sparkline of 13 months comes with them.
    assert_eq!(
        partial[28],
        complete[28].replacen("▄▄█▁▂▇▅▆▆▄▇▄▅  ", "", 1),
        "{}",
        complete[28]
    );

    app.update(Action::Reloaded(Fresh::new(full, at(10, 0, 0))));
    assert_eq!(app.loading(), None);
    assert_eq!(app.status(), Some("Loaded 17 snapshots at 10:00:00"));
    assert_eq!(months_in_trend(&app), 13, "the sparklines' months, all");
    assert_eq!(app.tab(), Tab::Dealers);
    let loaded = draw(&app);
    assert_eq!(loaded[3].trim(), "", "the progress line is gone");
    assert_eq!(
        loaded[..29],
        complete[..29],
        "the selection and the view stay"
    );
}

#[test]
fn a_file_that_fails_in_the_background_is_reported_and_the_periods_on_screen_stay() {
    let dir = tempfile::tempdir().expect("a temp dir");
    for name in ["2026-09.toml", "2026-10.json"] {
        std::fs::copy(format!("{DATA}/{name}"), dir.path().join(name)).expect("copy");
    }
    let august = std::fs::read_to_string(format!("{DATA}/2026-08.json")).expect("the sample");
    let broken = august.replacen("\"offers_made\": 54,", "\"offers_made\": -54,", 1);
    assert_ne!(broken, august, "the value is in the file");
    std::fs::write(dir.path().join("2026-08.json"), &broken).expect("write");
    let line = 1 + broken[..broken.find("-54").expect("edited")]
        .matches('\n')
        .count();
    let column = 1 + broken
        .lines()
        .nth(line - 1)
        .and_then(|l| l.find("-54"))
        .expect("on its line");

    let outcomes = Mutex::new(Vec::new());
    let mut reloader =
        Reloader::new(vec![dir.path().to_path_buf()], at(9, 30, 0), Vec::new()).loading_the_rest();
    assert!(reloader.owes_rest());
    reloader.load_rest(at(9, 30, 5), &|outcome| {
        outcomes.lock().unwrap().push(outcome);
    });
    let outcomes = outcomes.into_inner().unwrap();
    let mut progress: Vec<(usize, usize)> = outcomes
        .iter()
        .filter_map(|o| match &o.action {
            Some(Action::Loading(l)) => Some((l.done, l.total)),
            _ => None,
        })
        .collect();
    progress.sort_unstable();
    assert_eq!(progress, [(1, 3), (2, 3), (3, 3)], "one step per file");
    let last = outcomes.into_iter().last().expect("an outcome");
    assert!(last.files.is_none(), "no digests for data not shown");

    let (good, _) = load::load_paths(&[
        dir.path().join("2026-09.toml"),
        dir.path().join("2026-10.json"),
    ])
    .expect("the two good files");
    let mut app = App::new(good, Display::default()).expect("two periods");
    app.update(Action::Loading(Loading { done: 2, total: 3 }));
    app.update(Action::GoTab(Tab::Dealers));
    let before = draw(&app);
    app.update(last.action.expect("the outcome"));
    let after = draw(&app);
    assert_eq!(app.loading(), None);
    let banner = format!(
        "⚠ Other periods not loaded: 2026-08.json:{line}:{column}: dealers[0].facts.offers_made: found -54"
    );
    assert!(after[3].starts_with(&banner), "{}", after[3]);
    for (n, (was, is)) in before.iter().zip(&after).enumerate().take(29) {
        if n != 3 {
            assert_eq!(was, is, "row {n} changed: the data on screen must stay");
        }
    }
    assert_eq!(
        after[29].trim_end(),
        format!("{}  ^R reload", before[29].trim_end()),
        "the hint bar offers Ctrl-R"
    );
}
