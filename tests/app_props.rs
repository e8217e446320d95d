//! Properties of the app over random key sequences and random terminal sizes: nothing panics,
//! the selection is always within the rows, and the breadcrumb always matches the drill state.

use std::sync::LazyLock;

use proptest::prelude::*;

use ebr::app::{Action, App, Display, Tab};
use ebr::metrics::Level;
use ebr::model::Library;
use ebr::ui::headless;

/// The bundled sample: 13 months and 4 quarters, so comparing, the pickers and the split view
/// are exercised too.
static LIBRARY: LazyLock<Library> = LazyLock::new(ebr::sample::bundled);

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
        Action::PickPeriod,
        Action::PickCompared,
        Action::PickerUp,
        Action::PickerDown,
        Action::PickerChoose,
        Action::PickerClose,
        Action::ToggleSplit,
    ]);
    let periods: Vec<_> = LIBRARY.periods().collect();
    let period = prop::sample::select(periods.clone()).prop_map(Action::SetPeriod);
    let compared = prop::option::of(prop::sample::select(periods)).prop_map(Action::SetCompared);
    let levels = vec![
        Level::Ecosystem,
        Level::Region("central".into()),
        Level::Group("g08".into()),
        Level::Dealer("d040".into()),
        Level::Dealer("d060".into()),
        Level::Dealer("no-such-dealer".into()),
    ];
    let jump = prop::sample::select(levels).prop_map(Action::DrillTo);
    let typed = prop::sample::select(vec!['a', 'e', 'r', 'W', ' ', '/', 'é', '日'])
        .prop_map(Action::FilterChar);
    let resize = (0u16..220, 0u16..70).prop_map(|(c, r)| Action::Resize(c, r));
    prop_oneof![
        8 => simple,
        3 => tab,
        2 => typed,
        1 => resize,
        1 => period,
        1 => compared,
        1 => jump,
    ]
}

/// `navigated`: the drill path was walked in the period on screen (switching periods keeps the
/// path as walked, which another period's hierarchy may place differently).
fn check(app: &App, navigated: bool) -> Result<(), TestCaseError> {
    let shown = app.visible_rows().len();
    match app.selected_row() {
        Some(row) => {
            prop_assert!(app.nav().selected < shown);
            let table = app.table().expect("rows come from a table");
            prop_assert!(row < table.rows.len());
        }
        None => prop_assert_eq!(shown, 0),
    }
    // The breadcrumb is the drill path, named; walked in this period, the path is a chain of
    // its hierarchy.
    let path: Vec<Level> = app.drill().path().into_iter().cloned().collect();
    prop_assert_eq!(app.breadcrumb().len(), path.len());
    prop_assert_eq!(path.last(), Some(app.level()));
    let card = app.scorecard();
    if navigated && card.node(app.level()).is_some() {
        prop_assert_eq!(&path, &card.path(app.level()));
    }
    for (level, crumb) in path.iter().zip(app.breadcrumb()).skip(1) {
        // A level this period lacks (a dealer that closed) is named as the compared period
        // names it, else by its id.
        let compared = app.compared().and_then(|c| c.name(level));
        let name = card.name(level).or(compared).unwrap_or(level.id());
        prop_assert_eq!(crumb.as_str(), name);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_keys_and_sizes_keep_the_app_consistent(
        actions in prop::collection::vec(action(), 1..60),
        sizes in prop::collection::vec((0u16..200, 0u16..60), 3),
    ) {
        let mut app = App::new(LIBRARY.clone(), Display::default()).expect("a period");
        let mut navigated = true;
        for action in actions {
            let period = app.period();
            app.update(action);
            navigated = (navigated && app.period() == period) || app.drill().is_empty();
            check(&app, navigated)?;
            let (cols, rows) = app.size();
            let buf = headless::draw(&app, cols, rows);
            if cols >= 40 && rows >= 10 && !app.help() && app.picker().is_none() {
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
