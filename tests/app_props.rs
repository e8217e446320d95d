//! Properties of the app over random key sequences and random terminal sizes: nothing panics,
//! the selection is always within the rows, and the breadcrumb always matches the drill state.

use std::path::PathBuf;
use std::sync::LazyLock;

use proptest::prelude::*;

use ebr::app::{Action, App, Display, Tab};
use ebr::metrics::Level;
use ebr::model::Library;
use ebr::ui::headless;

static LIBRARY: LazyLock<Library> = LazyLock::new(|| {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.toml");
    ebr::load::load_paths(&[path]).expect("the fixture loads").0
});

fn action() -> impl Strategy<Value = Action> {
    let tab = (0..Tab::COUNT).prop_map(|i| Action::GoTab(Tab::ALL[i]));
    let simple = prop::sample::select(vec![
        Action::Quit,
        Action::NextTab,
        Action::PrevTab,
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::Drill,
        Action::Drill,
        Action::Back,
        Action::Cancel,
        Action::StartFilter,
        Action::FilterBackspace,
        Action::AcceptFilter,
        Action::NextMatch,
        Action::PrevMatch,
        Action::CycleSort,
        Action::ReverseSort,
        Action::NextDimension,
        Action::NextModel,
        Action::ToggleHelp,
    ]);
    let typed = prop::sample::select(vec!['a', 'e', 'r', 'W', ' ', '/', 'é', '日'])
        .prop_map(Action::FilterChar);
    let resize = (0u16..220, 0u16..70).prop_map(|(c, r)| Action::Resize(c, r));
    prop_oneof![6 => simple, 2 => tab, 2 => typed, 1 => resize]
}

fn check(app: &App) -> Result<(), TestCaseError> {
    let shown = app.visible_rows().len();
    match app.selected_row() {
        Some(row) => {
            prop_assert!(app.nav().selected < shown);
            let table = app.table().expect("rows come from a table");
            prop_assert!(row < table.rows.len());
        }
        None => prop_assert_eq!(shown, 0),
    }
    // The breadcrumb is the drill path, named, and the path is a chain of the hierarchy.
    let path: Vec<Level> = app.drill().path().into_iter().cloned().collect();
    prop_assert_eq!(app.breadcrumb().len(), path.len());
    prop_assert_eq!(&path, &app.scorecard().path(app.level()));
    for (level, crumb) in path.iter().zip(app.breadcrumb()).skip(1) {
        prop_assert_eq!(Some(crumb.as_str()), app.scorecard().name(level));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn random_keys_and_sizes_keep_the_app_consistent(
        actions in prop::collection::vec(action(), 1..60),
        sizes in prop::collection::vec((0u16..200, 0u16..60), 3),
    ) {
        let mut app = App::new(LIBRARY.clone(), Display::default()).expect("a period");
        for action in actions {
            app.update(action);
            check(&app)?;
            let (cols, rows) = app.size();
            let buf = headless::draw(&app, cols, rows);
            if cols >= 40 && rows >= 10 && !app.help() {
                // The breadcrumb row shows where the drill state is: its deepest level.
                let text = headless::text::write(&buf);
                let line = text.lines().nth(2).unwrap_or_default();
                let last = app.breadcrumb().last().cloned().unwrap_or_default();
                let start: String = last.chars().take(8).collect();
                prop_assert!(line.contains(&start), "{line:?} should show {last:?}");
            }
        }
        for (cols, rows) in sizes.into_iter().chain([(0, 0), (1, 1), (80, 24)]) {
            let _ = headless::draw(&app, cols, rows);
        }
    }
}
