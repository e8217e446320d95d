//! Keys added in the config file (`[keys]`): they send their action while the built-in key
//! keeps working, and the hint bar and the help show them, drawn headless.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ebr::app::{Action, App, Display, KeyOverride, Tab};
use ebr::ui::{headless, keymap};

fn app(keys: &[(&'static str, &str, Action)]) -> App {
    let keys = keys
        .iter()
        .map(|(name, key, action)| KeyOverride {
            name,
            chord: key.parse().expect("a key"),
            action: action.clone(),
        })
        .collect();
    let mut app = App::new(ebr::sample::bundled(), Display::default())
        .expect("the sample")
        .with_keys(keys);
    app.update(Action::GoTab(Tab::Dealers));
    app
}

fn press(app: &App, code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
    keymap::action_for(app, KeyEvent::new(code, modifiers))
}

#[test]
fn an_added_key_sends_its_action_and_the_built_in_key_still_works() {
    let app = app(&[
        ("filter", "f", Action::StartFilter),
        ("reload", "f5", Action::Reload),
        ("sort", "ctrl-o", Action::CycleSort),
    ]);
    let none = KeyModifiers::NONE;
    assert_eq!(
        press(&app, KeyCode::Char('f'), none),
        Some(Action::StartFilter)
    );
    assert_eq!(
        press(&app, KeyCode::Char('/'), none),
        Some(Action::StartFilter)
    );
    assert_eq!(press(&app, KeyCode::F(5), none), Some(Action::Reload));
    assert_eq!(
        press(&app, KeyCode::Char('r'), KeyModifiers::CONTROL),
        Some(Action::Reload)
    );
    assert_eq!(
        press(&app, KeyCode::Char('o'), KeyModifiers::CONTROL),
        Some(Action::CycleSort)
    );
    assert_eq!(
        press(&app, KeyCode::Char('o'), none),
        None,
        "Ctrl is part of the key"
    );
    // While typing a filter, `f` is a letter of the filter.
    let mut typing = app.clone();
    typing.update(Action::StartFilter);
    assert_eq!(
        press(&typing, KeyCode::Char('f'), none),
        Some(Action::FilterChar('f'))
    );
}

#[test]
fn the_hint_bar_and_the_help_show_the_added_key() {
    let plain = app(&[]);
    let mut added = app(&[("filter", "f", Action::StartFilter)]);
    let hints = |app: &App| {
        let text = headless::text::write(&headless::draw(app, 120, 30));
        text.lines().last().unwrap_or_default().to_owned()
    };
    assert!(hints(&plain).contains("/ filter"), "{}", hints(&plain));
    assert_eq!(hints(&added), hints(&plain).replace("/ filter", "f filter"));

    added.update(Action::Resize(120, 60));
    added.update(Action::ToggleHelp);
    let help = headless::text::write(&headless::draw(&added, 120, 60));
    let line = help
        .lines()
        .find(|l| l.contains("Filter rows by name"))
        .unwrap_or_default();
    assert!(line.trim_start().starts_with("│f "), "{line}");
    assert!(line.contains("(also /)"), "{line}");
}
