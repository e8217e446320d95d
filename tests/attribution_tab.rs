//! The Attribution tab on the fixture `tests/fixtures/attribution/ecosystem.toml`: snapshots of
//! what a user sees at 80x24 and 160x48, and the numbers behind them checked against each other.

use std::path::PathBuf;

use rust_decimal::Decimal;

use ebr::app::screen::{Block, SortKey, Table};
use ebr::app::{Action, App, Display, Tab};
use ebr::attribution::{Model, ModelOptions, SnapshotAttribution};
use ebr::metrics::{Level, Style, Unit, format_with};
use ebr::model::ActorKind;
use ebr::ui::headless;

fn app() -> App {
    let file =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/attribution/ecosystem.toml");
    let (library, _) = ebr::load::load_paths(&[file]).expect("the fixture loads");
    let mut app = App::new(
        library,
        Display {
            colour: false,
            ascii: false,
        },
    )
    .expect("one snapshot");
    app.update(Action::GoTab(Tab::Attribution));
    app
}

fn screen_text(app: &mut App, cols: u16, rows: u16) -> String {
    app.update(Action::Resize(cols, rows));
    headless::text::write(&headless::draw(app, cols, rows))
}

fn num(key: &SortKey) -> Decimal {
    match key {
        SortKey::Num(d) => *d,
        other => panic!("expected a number, got {other:?}"),
    }
}

fn column(table: &Table, key: &str) -> usize {
    table.columns.iter().position(|c| c.key == key).unwrap()
}

#[test]
fn ledger_view() {
    let mut app = app();
    insta::assert_snapshot!("ledger_80x24", screen_text(&mut app, 80, 24));
    insta::assert_snapshot!("ledger_160x48", screen_text(&mut app, 160, 48));
}

#[test]
fn ledger_follows_the_drill_level() {
    let mut app = app();
    app.update(Action::DrillTo(Level::Group("pacific-auto".into())));
    let text = screen_text(&mut app, 100, 30);
    // Pacific Auto Group = d-001 and d-002: booked pipeline 8,450,000 + 4,600,000 = 13,050,000;
    // sourced (3,000,000 + 2,600,000 + 1,500,000) + (1,900,000 + 1,700,000 + 700,000).
    assert!(
        text.contains("Pipeline $11,400K + $1,650K = $13,050K ✓"),
        "{text}"
    );
    insta::assert_snapshot!("ledger_group_100x30", text);
}

#[test]
fn ledger_rows_add_up_to_the_reconciliation() {
    let app = app();
    let table = app.table().unwrap();
    let sourced = column(table, "sourced_revenue");
    let actors: Decimal = table.rows.iter().map(|r| num(&r.cells[sourced].sort)).sum();
    let booked = num(&table.pinned[0].cells[sourced].sort);
    let unattributed = num(&table.pinned[1].cells[sourced].sort);
    assert_eq!(actors + unattributed, booked);
    assert_eq!(booked, Decimal::from(4_571_000));
}

#[test]
fn channel_and_actor_views() {
    let mut app = app();
    app.update(Action::NextDimension);
    insta::assert_snapshot!("channels_80x24", screen_text(&mut app, 80, 24));
    insta::assert_snapshot!("channels_160x48", screen_text(&mut app, 160, 48));
    app.update(Action::NextDimension);
    insta::assert_snapshot!("actors_80x24", screen_text(&mut app, 80, 24));
    insta::assert_snapshot!("actors_160x48", screen_text(&mut app, 160, 48));
    app.update(Action::NextDimension);
    assert!(app.screen().title.starts_with("Roles ledger"));
}

/// In every model column of both model views, the parts shown add up to the total shown, and
/// that total is the paths' total value (whole dollars of $2,403,345.18... as written below).
#[test]
fn every_model_column_adds_up_to_its_total() {
    let mut app = app();
    for _ in 0..2 {
        app.update(Action::NextDimension);
        let table = app.table().unwrap().clone();
        for model in Model::ALL {
            let c = column(&table, model.name());
            let parts: Decimal = table.rows.iter().map(|r| num(&r.cells[c].sort)).sum();
            let total = num(&table.pinned[0].cells[c].sort);
            assert_eq!(parts, total, "{model} in {}", table.title);
        }
        let conv = column(&table, "conversions");
        let parts: Decimal = table.rows.iter().map(|r| num(&r.cells[conv].sort)).sum();
        assert_eq!(parts, Decimal::from(71));
    }
}

#[test]
fn m_cycles_every_model_and_the_help_shows_its_definition() {
    let mut app = app();
    app.update(Action::NextDimension);
    assert_eq!(app.model(), Model::Markov1);
    let mut seen = vec![app.model()];
    for _ in 0..Model::ALL.len() {
        app.update(Action::NextModel);
        seen.push(app.model());
        assert!(
            app.screen().title.ends_with(app.model().label()),
            "{}",
            app.screen().title
        );
    }
    assert_eq!(seen.first(), seen.last());
    assert_eq!(seen.len() - 1, Model::ALL.len());
    app.update(Action::NextModel);
    app.update(Action::ToggleHelp);
    let text = screen_text(&mut app, 80, 24);
    assert!(text.contains("Attribution model in use"), "{text}");
    insta::assert_snapshot!("help_80x24", text);
}

#[test]
fn time_decay_says_why_it_has_no_credit_when_days_are_missing() {
    // The loader's minimal fixture has a touch without days on both of its paths.
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.toml");
    let (library, _) = ebr::load::load_paths(&[file]).unwrap();
    let mut app = App::new(library, Display::default()).unwrap();
    app.update(Action::GoTab(Tab::Attribution));
    app.update(Action::NextDimension);
    let table = app.table().unwrap();
    let c = column(table, Model::TimeDecay.name());
    assert_eq!(table.pinned[0].cells[c].text, "n/a");
    assert!(table.rows.iter().all(|r| r.cells[c].text == "n/a"));
    let Some(Block::Text(notes)) = app.screen().blocks.get(1) else {
        panic!("notes under the table");
    };
    assert!(
        notes.paragraphs.iter().any(|p| p.starts_with(
            "Time decay: n/a, needs the days before conversion of every touch; attribution.paths["
        )),
        "{notes:?}"
    );
    // The fixture of the other tests has days everywhere: no note there.
    let mut app = self::app();
    app.update(Action::NextDimension);
    let Some(Block::Text(notes)) = app.screen().blocks.get(1) else {
        panic!("notes under the table");
    };
    assert!(
        !notes.paragraphs.iter().any(|p| p.contains("n/a")),
        "{notes:?}"
    );
}

const PARTNERS: [ActorKind; 2] = [ActorKind::FinancePartner, ActorKind::OtherPartner];

#[test]
fn the_overview_shows_the_partners_credit_under_the_model_in_use_and_m_changes_it() {
    let mut app = app();
    app.update(Action::GoTab(Tab::Overview));
    let card = app.scorecard().clone();
    let snapshot = card.snapshot();
    let every = SnapshotAttribution::compute(snapshot, &ModelOptions::default()).unwrap();
    let mut lines = Vec::new();
    for _ in Model::ALL {
        let text = screen_text(&mut app, 160, 48);
        let share = every.value_share(app.model(), snapshot, &PARTNERS).unwrap();
        let shown = format_with(Unit::Rate, Some(share), "", Style::FULL);
        let line = text
            .lines()
            .find(|l| l.contains(": partners "))
            .unwrap_or_else(|| panic!("no partner credit for {}:\n{text}", app.model()));
        assert!(line.contains(&format!(": partners {shown}")), "{line}");
        lines.push(line.to_owned());
        // `m` is offered on the Overview's hint bar.
        assert!(text.lines().last().unwrap().contains("m model"), "{text}");
        app.update(Action::NextModel);
    }
    // Each model names itself on the card.
    lines.dedup();
    assert_eq!(lines.len(), Model::ALL.len(), "{lines:#?}");
    // Drilled into a group, the card leaves it out: the paths carry no dealer.
    app.update(Action::DrillTo(Level::Group("pacific-auto".into())));
    assert!(!screen_text(&mut app, 160, 48).contains(": partners "));
}

#[test]
fn the_shares_of_every_kind_of_actor_make_the_whole_value_under_every_model() {
    let app = app();
    let snapshot = app.scorecard().snapshot();
    let every = SnapshotAttribution::compute(snapshot, &ModelOptions::default()).unwrap();
    for (model, _) in every.credited() {
        let share = |kinds: &[ActorKind]| every.value_share(model, snapshot, kinds).unwrap();
        let whole = share(&[ActorKind::Oem]) + share(&[ActorKind::Dealer]) + share(&PARTNERS);
        assert!(
            (whole - Decimal::ONE).abs() < Decimal::new(1, 20),
            "{model}: {whole}"
        );
        assert!(share(&PARTNERS) > Decimal::ZERO, "{model}");
    }
}
