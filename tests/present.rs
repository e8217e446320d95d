//! Presenter mode drawn headless: every item of the sample agendas at 80x24 and 160x48 (review
//! a changed `.snap` as you would a screenshot), stepping, jumping, the timer, and the way back
//! to an item after a detour.

use std::path::Path;
use std::sync::LazyLock;
use std::time::Duration;

use ebr::agenda::{self, Agenda};
use ebr::app::{Action, App, Display, Tab};
use ebr::model::Library;
use ebr::ui::headless;

static SAMPLE: LazyLock<Library> = LazyLock::new(ebr::sample::bundled);

const AGENDAS: [&str; 2] = ["monthly-review", "quarterly-deep-dive"];

fn agenda(name: &str) -> Agenda {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(format!("{name}.agenda.toml"));
    agenda::load(&path, &SAMPLE).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

fn presenting(name: &str, cols: u16, rows: u16) -> App {
    let mut app = App::new(SAMPLE.clone(), Display::default()).expect("the sample has periods");
    app.update(Action::Resize(cols, rows));
    app.present(agenda(name).items);
    app
}

fn text(app: &App) -> String {
    let (cols, rows) = app.size();
    headless::text::write(&headless::draw(app, cols, rows))
}

fn line(app: &App, n: usize) -> String {
    text(app).lines().nth(n).unwrap_or_default().to_owned()
}

#[test]
fn every_item_of_the_sample_agendas_renders_its_view() {
    for name in AGENDAS {
        let count = agenda(name).items.len();
        for (cols, rows) in [(80, 24), (160, 48)] {
            let mut app = presenting(name, cols, rows);
            for n in 1..=count {
                insta::assert_snapshot!(format!("{name}_{n:02}_{cols}x{rows}"), text(&app));
                app.update(Action::NextItem);
            }
        }
    }
}

#[test]
fn space_and_page_keys_step_through_the_items_and_stop_at_the_ends() {
    let mut app = presenting("monthly-review", 100, 30);
    assert!(
        line(&app, 3).starts_with("1/9 · Headline"),
        "{}",
        line(&app, 3)
    );
    app.update(Action::PrevItem);
    assert!(
        line(&app, 3).starts_with("1/9 · "),
        "stays on the first item"
    );
    app.update(Action::NextItem);
    app.update(Action::NextItem);
    assert!(line(&app, 3).starts_with("3/9 · Dealer groups, slowest to answer first"));
    assert_eq!(app.tab(), Tab::Dealers);
    for _ in 0..20 {
        app.update(Action::NextItem);
    }
    assert!(
        line(&app, 3).starts_with("9/9 · Maturity"),
        "stays on the last item"
    );
    app.update(Action::JumpDigit(4));
    assert!(
        text(&app)
            .lines()
            .last()
            .unwrap_or_default()
            .starts_with("go to item 4_")
    );
    app.update(Action::JumpGo);
    assert!(line(&app, 3).starts_with("4/9 · Whitfield Dealer Group"));
    assert_eq!(
        app.breadcrumb(),
        ["Ecosystem", "Central", "Whitfield Dealer Group"]
    );
}

#[test]
fn the_timer_counts_from_entering_the_item_against_its_budget() {
    let mut app = presenting("monthly-review", 100, 30);
    app.update(Action::Tick(Duration::from_secs(65)));
    assert!(line(&app, 3).ends_with("1:05 / 5:00"), "{}", line(&app, 3));
    app.update(Action::NextItem);
    app.update(Action::Tick(Duration::from_secs(65 + 361)));
    assert!(
        line(&app, 3).ends_with("6:01 / 6:00 !"),
        "over the 6 minutes: {}",
        line(&app, 3)
    );
    app.update(Action::BackToItem);
    assert!(
        line(&app, 3).ends_with("6:01 / 6:00 !"),
        "r does not restart the clock"
    );
}

#[test]
fn after_a_detour_r_puts_back_the_items_exact_view() {
    let mut app = presenting("monthly-review", 120, 36);
    app.update(Action::JumpDigit(3));
    app.update(Action::JumpGo);
    let item = text(&app);
    // A question from the room: into a group, another period, a filter.
    app.update(Action::Down);
    app.update(Action::Drill);
    app.update(Action::SetPeriod("2026-06".parse().expect("a period")));
    app.update(Action::StartFilter);
    app.update(Action::FilterChar('a'));
    app.update(Action::AcceptFilter);
    let away = text(&app);
    assert_ne!(away, item);
    assert!(
        line(&app, 3).contains("(off the item: r returns)"),
        "{}",
        line(&app, 3)
    );
    app.update(Action::BackToItem);
    assert_eq!(text(&app), item);
}

#[test]
fn a_status_line_stays_while_the_presenters_clock_ticks() {
    let mut app = presenting("monthly-review", 100, 30);
    app.update(Action::Status(
        "Added item 10 to monthly.agenda.toml".into(),
    ));
    app.update(Action::Tick(Duration::from_secs(1)));
    app.update(Action::Tick(Duration::from_secs(2)));
    assert_eq!(line(&app, 29), "Added item 10 to monthly.agenda.toml");
    // Until the next key.
    app.update(Action::NextItem);
    assert!(
        line(&app, 29).starts_with("Space next"),
        "{}",
        line(&app, 29)
    );
}
