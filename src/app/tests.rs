//! How the app responds to actions, on the small fixture library.

use std::sync::Arc;

use super::fixture;
use super::*;
use crate::metrics::Level;
use crate::model::Library;

fn app() -> App {
    App::new(fixture::library(), Display::default()).expect("fixture has a period")
}

/// The names of the rows shown, in order.
fn names(app: &App) -> Vec<String> {
    let table = app.table().expect("a table");
    app.visible_rows()
        .iter()
        .map(|&i| table.rows[i].cells[0].text.clone())
        .collect()
}

fn selected(app: &App) -> String {
    let table = app.table().expect("a table");
    table.rows[app.selected_row().expect("a selection")].cells[0]
        .text
        .clone()
}

#[test]
fn an_empty_library_cannot_open() {
    assert_eq!(
        App::new(Library::new(), Display::default()).err(),
        Some(EmptyLibrary)
    );
}

#[test]
fn drilling_from_every_group_passes_through_its_region_on_the_way_up() {
    let mut app = app();
    app.update(Action::GoTab(Tab::Dealers));
    assert_eq!(names(&app), ["Sunset Auto", "Coast Motors", "Harbor Group"]);
    app.update(Action::Bottom);
    app.update(Action::Drill);
    assert_eq!(app.level(), &Level::Group("g3".into()));
    assert_eq!(app.breadcrumb(), ["Ecosystem", "East", "Harbor Group"]);
    assert_eq!(names(&app), ["Harbor One", "Harbor Two"]);
    app.update(Action::Down);
    app.update(Action::Drill);
    assert_eq!(
        app.breadcrumb(),
        ["Ecosystem", "East", "Harbor Group", "Harbor Two"]
    );

    app.update(Action::Back);
    assert_eq!(
        selected(&app),
        "Harbor Two",
        "back on the dealer we came from"
    );
    app.update(Action::Cancel);
    assert_eq!(app.breadcrumb(), ["Ecosystem", "East"]);
    assert_eq!(
        selected(&app),
        "Harbor Group",
        "the region level selects the group"
    );
    app.update(Action::FilterBackspace);
    assert_eq!(app.breadcrumb(), ["Ecosystem"]);
    assert_eq!(
        selected(&app),
        "Harbor Group",
        "the ecosystem selection is restored"
    );
    app.update(Action::Back);
    assert_eq!(
        app.breadcrumb(),
        ["Ecosystem"],
        "nothing above the ecosystem"
    );
}

#[test]
fn the_filter_narrows_rows_keeps_the_selection_and_esc_clears_it_first() {
    let mut app = app();
    app.update(Action::GoTab(Tab::Dealers));
    app.update(Action::Down);
    app.update(Action::Drill); // West › Coast Motors
    app.update(Action::Back); // West, Coast Motors selected
    assert_eq!(selected(&app), "Coast Motors");
    app.update(Action::StartFilter);
    for c in "MOT".chars() {
        app.update(Action::FilterChar(c));
    }
    assert_eq!(names(&app), ["Coast Motors"]);
    assert_eq!(selected(&app), "Coast Motors");
    app.update(Action::FilterBackspace);
    app.update(Action::FilterBackspace);
    app.update(Action::FilterBackspace);
    app.update(Action::FilterChar('s'));
    assert_eq!(names(&app), ["Sunset Auto", "Coast Motors"]);
    assert_eq!(
        selected(&app),
        "Coast Motors",
        "the selection follows the row"
    );
    app.update(Action::AcceptFilter);
    assert!(!app.filtering());
    app.update(Action::NextMatch);
    assert_eq!(selected(&app), "Sunset Auto", "n wraps around the matches");
    app.update(Action::Cancel);
    assert_eq!(
        names(&app),
        ["Sunset Auto", "Coast Motors"],
        "West's groups"
    );
    assert_eq!(
        app.breadcrumb(),
        ["Ecosystem", "West"],
        "Esc cleared the filter only"
    );
    app.update(Action::StartFilter);
    app.update(Action::FilterChar('z'));
    assert!(names(&app).is_empty());
    assert_eq!(app.selected_row(), None);
    app.update(Action::Drill);
    assert_eq!(
        app.breadcrumb(),
        ["Ecosystem", "West"],
        "nothing to drill into"
    );
}

#[test]
fn sort_cycles_columns_in_their_natural_direction_and_s_reverses() {
    let mut app = app();
    app.update(Action::GoTab(Tab::Dealers));
    app.update(Action::Down); // Coast Motors
    app.update(Action::CycleSort);
    assert_eq!(app.sort().map(|s| s.column.as_str()), Some("name"));
    assert_eq!(names(&app), ["Coast Motors", "Harbor Group", "Sunset Auto"]);
    assert_eq!(selected(&app), "Coast Motors");
    while app.sort().map(|s| s.column.as_str()) != Some("leads") {
        app.update(Action::CycleSort);
    }
    assert_eq!(names(&app), ["Sunset Auto", "Coast Motors", "Harbor Group"]);
    app.update(Action::ReverseSort);
    assert_eq!(names(&app), ["Harbor Group", "Coast Motors", "Sunset Auto"]);
    assert_eq!(selected(&app), "Coast Motors");
    for _ in 0..20 {
        app.update(Action::CycleSort);
        if app.sort().is_none() {
            break;
        }
    }
    assert_eq!(
        app.sort(),
        None,
        "after the last column the order is the builder's"
    );
    assert_eq!(names(&app), ["Sunset Auto", "Coast Motors", "Harbor Group"]);
}

#[test]
fn each_tab_keeps_its_own_selection() {
    let mut app = app();
    app.update(Action::GoTab(Tab::Segments));
    app.update(Action::Down);
    app.update(Action::NextTab);
    app.update(Action::Bottom);
    assert_eq!(selected(&app), "Harbor Group");
    app.update(Action::PrevTab);
    assert_eq!(selected(&app), "East");
}

#[test]
fn the_breakdown_only_changes_on_segments() {
    let mut app = app();
    app.update(Action::NextDimension);
    assert_eq!(app.dimension(), Dimension::Hierarchy);
    app.update(Action::GoTab(Tab::Segments));
    app.update(Action::NextDimension);
    assert_eq!(app.dimension(), Dimension::Tier);
    assert_eq!(names(&app), ["Platinum", "Gold", "Silver"]);
    app.update(Action::Drill);
    assert_eq!(app.breadcrumb(), ["Ecosystem"], "tiers are not levels");
}

#[test]
fn help_quit_and_resize_are_plain_state() {
    let mut app = app();
    app.update(Action::ToggleHelp);
    assert!(app.help());
    app.update(Action::Cancel);
    assert!(!app.help());
    app.update(Action::Resize(100, 30));
    assert_eq!(app.size(), (100, 30));
    assert!(app.running());
    app.update(Action::Quit);
    assert!(!app.running());
}

#[test]
fn drill_to_walks_the_path_and_leaves_the_way_back() {
    let mut app = app();
    app.update(Action::GoTab(Tab::Dealers));
    app.update(Action::DrillTo(Level::Dealer("d2".into())));
    assert_eq!(
        app.breadcrumb(),
        ["Ecosystem", "West", "Sunset Auto", "Sunset South"]
    );
    app.update(Action::DrillTo(Level::Group("g3".into())));
    assert_eq!(
        app.breadcrumb(),
        ["Ecosystem", "East", "Harbor Group"],
        "across the tree"
    );
    app.update(Action::Back);
    assert_eq!(selected(&app), "Harbor Group");
    app.update(Action::DrillTo(Level::Dealer("nope".into())));
    assert_eq!(
        app.breadcrumb(),
        ["Ecosystem", "nope"],
        "an unknown level shows its id"
    );
    assert!(app.table().is_none(), "and says it is not in this period");
}

#[test]
fn idle_builds_the_other_tabs_of_this_level_once_and_changes_nothing_on_screen() {
    let mut app = app();
    app.update(Action::GoTab(Tab::Dealers));
    app.update(Action::Drill);
    app.update(Action::Down);
    let (screen, key, row) = (app.screen.clone(), app.key(), app.selected_row());
    let mut builds = 0;
    while app.has_idle_work() {
        app.update(Action::Idle);
        builds += 1;
        assert!(builds < Tab::COUNT, "idle work never ends");
    }
    // The tab on screen was built already; each other tab once.
    assert_eq!(builds, Tab::COUNT - 1);
    assert!(Arc::ptr_eq(&app.screen, &screen));
    assert_eq!((app.key(), app.selected_row()), (key, row));
    // Every prepared tab is what visiting it cold would have built.
    for tab in Tab::ALL {
        app.update(Action::GoTab(tab));
        let cold = app.build(&app.key());
        assert_eq!(*app.screen, *cold.0, "{tab:?}");
    }
    // Nothing is left to do until the state moves somewhere new.
    app.update(Action::Idle);
    assert!(!app.has_idle_work());
    app.update(Action::Back);
    assert!(app.has_idle_work());
}
