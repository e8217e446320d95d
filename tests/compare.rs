//! Compare mode end to end on `tests/fixtures/compare` (August, September, October 2026 of one
//! small ecosystem; October against September: Aurora of Seattle is new, Harbor Aurora
//! Providence is gone, Harbor Aurora Back Bay was renamed Harbor Aurora Boston): snapshots of
//! the compare and split views, what the rows and the summary say, `ebr render --period
//! --compare` headless, and the real binary on a pseudo-terminal.

mod pty_harness;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use rust_decimal::Decimal;

use ebr::app::screen::SortKey;
use ebr::app::{Action, App, Display, Tab, path};
use ebr::attribution::ledger::ledger_at;
use ebr::attribution::{ModelOptions, SnapshotAttribution};
use ebr::compare::ComparePeriod;
use ebr::model::{Library, PeriodId};
use ebr::ui::headless;

const FIXTURES: &str = "tests/fixtures/compare";

fn library() -> Library {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(FIXTURES);
    ebr::load::load_paths(&[dir])
        .expect("the compare fixtures load")
        .0
}

/// The app at `tab`, drilled to `drill` (`""`: the ecosystem), October against September.
fn app(tab: Tab, drill: &str, split: bool, display: Display) -> App {
    let mut app = App::open(library(), display, None, Some(ComparePeriod::Previous))
        .expect("October and September are loaded");
    app.update(Action::GoTab(tab));
    let level = path::resolve(app.scorecard(), drill).expect("a known level");
    app.update(Action::DrillTo(level));
    if split {
        app.update(Action::ToggleSplit);
    }
    app
}

fn screen(app: &mut App, cols: u16, rows: u16) -> String {
    app.update(Action::Resize(cols, rows));
    headless::text::write(&headless::draw(app, cols, rows))
}

/// Snapshots one view at 80x24 and 160x48.
fn snap(name: &str, tab: Tab, drill: &str, split: bool) {
    let mut app = app(tab, drill, split, Display::default());
    for (cols, rows) in [(80, 24), (160, 48)] {
        insta::assert_snapshot!(
            format!("{name}_{cols}x{rows}"),
            screen(&mut app, cols, rows)
        );
    }
}

#[test]
fn compare_view_snapshots() {
    snap("compare_overview", Tab::Overview, "", false);
    snap("compare_dealers", Tab::Dealers, "", false);
    snap(
        "compare_dealers_harbor",
        Tab::Dealers,
        "harbor-motors",
        false,
    );
    snap("compare_segments", Tab::Segments, "", false);
    snap("compare_journeys", Tab::Journeys, "", false);
    snap("compare_pnl", Tab::Pnl, "", false);
    snap("compare_attribution", Tab::Attribution, "", false);
}

#[test]
fn split_view_snapshots() {
    snap("split_overview", Tab::Overview, "", true);
    snap("split_dealers_harbor", Tab::Dealers, "harbor-motors", true);
    snap("split_dealers_pacific", Tab::Dealers, "pacific-auto", true);
}

#[test]
fn ascii_without_colour_and_the_picker() {
    let plain = Display {
        colour: false,
        ascii: true,
    };
    let mut ascii = app(Tab::Dealers, "harbor-motors", false, plain);
    insta::assert_snapshot!(
        "compare_dealers_harbor_ascii_80x24",
        screen(&mut ascii, 80, 24)
    );
    let mut picking = app(Tab::Dealers, "", false, Display::default());
    picking.update(Action::PickCompared);
    insta::assert_snapshot!("picker_compared_80x24", screen(&mut picking, 80, 24));
}

/// The line of the screen naming `who`.
/// A numeric cell's sort key: the exact figure behind the text.
fn figure(table: &ebr::app::screen::Table, row: &str, column: &str) -> Option<Decimal> {
    let at = table.columns.iter().position(|c| c.key == column)?;
    let row = table
        .rows
        .iter()
        .chain(&table.pinned)
        .find(|r| r.id == row)?;
    match &row.cells[at].sort {
        SortKey::Num(d) => Some(*d),
        _ => None,
    }
}

#[test]
fn the_attribution_tab_shows_what_moved_in_the_ledger_and_under_the_model_in_use() {
    let mut seattle = app(Tab::Attribution, "d-005", false, Display::default());
    let mut ecosystem_app = app(Tab::Attribution, "", false, Display::default());
    let app = &mut ecosystem_app;
    let (now_card, then_card) = (app.scorecard().clone(), app.compared().unwrap().clone());
    let (now, then) = (now_card.snapshot(), then_card.snapshot());
    let ecosystem = ebr::metrics::Level::Ecosystem;
    let (now_ledger, then_ledger) = (
        ledger_at(now, &ecosystem).unwrap(),
        ledger_at(then, &ecosystem).unwrap(),
    );
    let table = app.table().unwrap();
    for actor in &now_ledger.actors {
        let before = then_ledger
            .actors
            .iter()
            .find(|a| a.actor == actor.actor)
            .unwrap();
        let change = actor.sourced.revenue.0 - before.sourced.revenue.0;
        let id = actor.actor.as_str();
        assert_eq!(
            figure(table, id, "sourced_revenue.delta"),
            Some(change),
            "{id}"
        );
        assert_eq!(
            figure(table, id, "sourced_revenue.was"),
            Some(before.sourced.revenue.0)
        );
    }
    let unattributed = now_ledger.unattributed.revenue.0 - then_ledger.unattributed.revenue.0;
    assert_eq!(
        figure(table, "unattributed", "sourced_revenue.delta"),
        Some(unattributed)
    );
    // The share of booked revenue changes in percentage points of the recomputed shares.
    let oem_share = |l: &ebr::attribution::ledger::Ledger| {
        let oem = l.actors.iter().find(|a| a.actor.as_str() == "oem").unwrap();
        oem.sourced.revenue.0 / l.booked.revenue.0
    };
    let pp = oem_share(&now_ledger) - oem_share(&then_ledger);
    assert_eq!(figure(table, "oem", "sourced_share.delta"), Some(pp));
    let text = screen(app, 160, 48);
    assert!(line_of(&text, " Actor ").contains("Δ Src rev"), "{text}");

    // Per channel, the model in use carries its compared credit and change.
    app.update(Action::NextDimension);
    let credit = |s: &ebr::model::Snapshot, channel: &str| {
        let a = SnapshotAttribution::compute(s, &ModelOptions::default()).unwrap();
        let at = a.channels.iter().position(|c| c.id == channel).unwrap();
        let run = a.outcome(app.model()).unwrap().result.as_ref().unwrap();
        run.by_channel.credits.value[at].0
    };
    let table = app.table().unwrap();
    let key = format!("{}.delta", app.model().name());
    for channel in ["paid-search", "dealer-email"] {
        let change = credit(now, channel) - credit(then, channel);
        assert_eq!(figure(table, channel, &key), Some(change), "{channel}");
    }
    let text = screen(app, 160, 48);
    assert!(line_of(&text, "Paid search").contains('▲'), "{text}");
    insta::assert_snapshot!("compare_attribution_channels_160x48", text);

    // A dealer the compared period lacks: its ledger is new, not a change from zero.
    let text = screen(&mut seattle, 160, 48);
    let oem = line_of(&text, " OEM ");
    assert!(oem.contains(" new") && oem.contains(" added "), "{oem}");
}

fn line_of<'a>(text: &'a str, who: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(who))
        .unwrap_or_else(|| panic!("{who} is not on screen:\n{text}"))
}

#[test]
fn added_removed_and_renamed_dealers_are_said_on_screen() {
    let mut harbor = app(Tab::Dealers, "harbor-motors", false, Display::default());
    let text = screen(&mut harbor, 160, 48);
    assert!(text.contains("Oct 2026 vs Sep 2026 (MoM)"), "{text}");
    assert!(line_of(&text, "  Dealer  ").contains("Match"), "{text}");
    assert!(line_of(&text, "Harbor Aurora Boston").contains(" renamed "));
    // The removed dealer's row says so, and shows "n/a" now, never a 0.
    let gone = line_of(&text, "Harbor Aurora Providence");
    assert!(gone.contains(" removed ") && gone.contains("n/a"), "{gone}");
    assert!(!gone.split_whitespace().any(|w| w == "0"), "{gone}");
    assert!(
        text.contains("Rows matched by id: 1 matched · 0 added · 1 removed · 1 renamed"),
        "{text}"
    );
    let mut pacific = app(Tab::Dealers, "pacific-auto", false, Display::default());
    let text = screen(&mut pacific, 160, 48);
    let added = line_of(&text, "Aurora of Seattle");
    assert!(
        added.contains(" added ") && added.contains(" new "),
        "{added}"
    );
    assert!(
        text.contains("Rows matched by id: 1 matched · 1 added · 0 removed · 0 renamed"),
        "{text}"
    );
    // Segments of the group, level below: the same dealers, the same words.
    let mut segments = app(Tab::Segments, "harbor-motors", false, Display::default());
    let text = screen(&mut segments, 160, 48);
    assert!(text.contains("Harbor Motors by dealer"), "{text}");
    assert!(line_of(&text, "Harbor Aurora Providence").contains(" removed "));
    // The split view names them in both panes, one row each, side by side.
    let mut split = app(Tab::Dealers, "harbor-motors", true, Display::default());
    let text = screen(&mut split, 160, 48);
    let both = line_of(&text, "Harbor Aurora Providence");
    assert_eq!(
        both.matches("Harbor Aurora Providence").count(),
        2,
        "{both}"
    );
    assert_eq!(both.matches(" removed ").count(), 2, "{both}");
    let renamed = line_of(&text, "Harbor Aurora Boston");
    assert_eq!(renamed.matches(" renamed ").count(), 2, "{renamed}");
    assert!(renamed.contains("Harbor Aurora Back Bay"), "{renamed}");
}

fn ebr(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ebr"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .output()
        .expect("run ebr");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn render_takes_period_and_compare_headless() {
    let (code, out, err) = ebr(&[
        "render",
        FIXTURES,
        "--tab",
        "dealers",
        "--period",
        "2026-10",
        "--compare",
        "2026-08",
        "--drill",
        "pacific-auto",
        "--size",
        "160x40",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Oct 2026 vs Aug 2026"), "{out}");
    assert!(
        line_of(&out, "Aurora of Seattle").contains(" added "),
        "{out}"
    );
    // A second file as the compared period.
    let (code, out, err) = ebr(&[
        "render",
        "tests/fixtures/compare/2026-10.toml",
        "--tab",
        "overview",
        "--compare",
        "tests/fixtures/compare/2026-09.toml",
        "--size",
        "100x30",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Oct 2026 vs Sep 2026 (MoM)"), "{out}");
    // Split, as a screenshot would be taken.
    let (code, out, _) = ebr(&[
        "render", FIXTURES, "--tab", "dealers", "--split", "--size", "120x30",
    ]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Oct 2026 (current)") && out.contains("Sep 2026 (compared)"),
        "{out}"
    );
    // A compared period that is not loaded: exit 2, naming what is.
    for compare in ["yoy", "2026-07"] {
        let (code, out, err) = ebr(&[
            "render",
            FIXTURES,
            "--tab",
            "overview",
            "--compare",
            compare,
        ]);
        assert_eq!(code, 2, "--compare {compare}: {out}");
        assert!(
            err.contains("loaded: 2026-08, 2026-09, 2026-10"),
            "--compare {compare}: {err}"
        );
        assert!(out.is_empty());
    }
    let (code, _, err) = ebr(&[
        "render", FIXTURES, "--tab", "overview", "--period", "2026-Q3",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("no snapshot for 2026-Q3"), "{err}");
    // No comparison at all.
    let (code, out, _) = ebr(&[
        "render",
        FIXTURES,
        "--tab",
        "overview",
        "--compare",
        "none",
        "--size",
        "100x30",
    ]);
    assert_eq!(code, 0);
    let header = out.lines().next().unwrap_or_default();
    assert!(
        header.contains("Oct 2026 ") && !header.contains(" vs "),
        "{out}"
    );
    assert!(!out.contains("Sep 2026"), "nothing compared: {out}");
}

#[test]
fn on_a_terminal_split_and_drill_show_both_periods() {
    let mut s =
        pty_harness::Session::spawn(&["view", FIXTURES, "--compare", "previous"], 160, 40, &[]);
    s.wait_text("Oct 2026 vs Sep 2026 (MoM)");
    s.send(b"4");
    s.wait_text("Dealer groups");
    s.send(b"v");
    s.wait_text("Sep 2026 (compared)");
    // Harbor Motors is the third group: down twice, then Enter.
    s.send(b"jj");
    s.wait_text("▸ Harbor Motors");
    s.send(b"\r");
    s.wait_for("both panes at Harbor Motors", |scr| {
        let text = scr.contents();
        text.matches("Dealers of Harbor Motors").count() == 2
            && text.contains("Harbor Aurora Back Bay")
            && text.contains("Harbor Aurora Boston")
            && text.contains("renamed")
    });
    // Selection moves in step: both panes point at the removed dealer.
    s.send(b"j");
    s.wait_for("the removed dealer selected on both sides", |scr| {
        scr.contents().lines().any(|l| {
            l.matches("▸ Harbor Aurora Providence").count() == 2
                && l.matches(" removed ").count() == 2
        })
    });
    // The compared period picker, then none: back to one pane, no comparison.
    s.send(b"c");
    s.wait_text("Compare with");
    s.send(b"k\r");
    s.wait_for("no comparison", |scr| {
        let text = scr.contents();
        !text.contains(" vs ") && !text.contains("(compared)") && text.contains("Oct 2026")
    });
    s.send(b"q");
    let (code, _) = s.wait_exit(Duration::from_secs(10));
    s.drain();
    assert_eq!(code, 0);
    assert!(s.restored(), "{}", s.contents());
}

mod random_keys {
    //! Compare mode under random keys and sizes on the compare fixtures: nothing panics, the
    //! selection stays within the rows, and the split view's panes stay aligned row for row.

    use super::*;
    use proptest::prelude::*;
    use std::sync::LazyLock;

    static LIBRARY: LazyLock<Library> = LazyLock::new(library);

    fn action() -> impl Strategy<Value = Action> {
        let periods: Vec<Option<PeriodId>> = ["2026-08", "2026-09", "2026-10"]
            .iter()
            .map(|p| p.parse().ok())
            .collect();
        let compared = prop::sample::select(
            periods
                .iter()
                .copied()
                .chain([None])
                .collect::<Vec<Option<PeriodId>>>(),
        )
        .prop_map(Action::SetCompared);
        let current = prop::sample::select(periods.into_iter().flatten().collect::<Vec<_>>())
            .prop_map(Action::SetPeriod);
        let simple = prop::sample::select(vec![
            Action::NextTab,
            Action::Up,
            Action::Down,
            Action::Bottom,
            Action::Drill,
            Action::Drill,
            Action::Back,
            Action::Cancel,
            Action::CycleSort,
            Action::ReverseSort,
            Action::NextDimension,
            Action::ToggleSplit,
            Action::ToggleSplit,
            Action::PickPeriod,
            Action::PickCompared,
            Action::PickerUp,
            Action::PickerDown,
            Action::PickerChoose,
            Action::PickerClose,
            Action::StartFilter,
            Action::FilterChar('a'),
            Action::AcceptFilter,
        ]);
        let resize = (0u16..200, 0u16..60).prop_map(|(c, r)| Action::Resize(c, r));
        prop_oneof![8 => simple, 2 => compared, 1 => current, 1 => resize]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn compare_mode_keeps_the_app_consistent(actions in prop::collection::vec(action(), 1..50)) {
            let mut app = App::new(LIBRARY.clone(), Display::default()).expect("three months");
            for action in actions {
                app.update(action);
                let shown = app.visible_rows().len();
                match app.selected_row() {
                    Some(row) => prop_assert!(
                        app.nav().selected < shown && row < app.table().map_or(0, |t| t.rows.len())
                    ),
                    None => prop_assert_eq!(shown, 0),
                }
                prop_assert_eq!(app.breadcrumb().len(), app.drill().path().len());
                if let (Some(pane), Some(table)) = (app.pane().and_then(|p| p.table()), app.table()) {
                    let ids = |t: &ebr::app::screen::Table| -> Vec<String> {
                        t.rows.iter().map(|r| r.id.clone()).collect()
                    };
                    prop_assert_eq!(ids(pane), ids(table));
                }
                let pair = app.periods();
                prop_assert!(pair.compared != Some(pair.current));
                let (cols, rows) = app.size();
                let _ = headless::draw(&app, cols, rows);
            }
        }
    }
}
