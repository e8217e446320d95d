//! Keys the user added for actions (`[keys]` in the config file, kept by the app): matched
//! before the built-in tables while moving around or presenting, and shown in the hint bar
//! and the help in place of the built-in key, which keeps working.

use std::borrow::Cow;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::{Action, App, Chord, KeyOverride, NamedKey};

use super::Binding;

/// The chord of a key event, as the config file names keys.
fn chord(event: &KeyEvent) -> Option<Chord> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let alt = event.modifiers.contains(KeyModifiers::ALT);
    let (char, named) = match event.code {
        KeyCode::Char(c) => (Some(if ctrl { c.to_ascii_lowercase() } else { c }), None),
        KeyCode::Enter => (None, Some(NamedKey::Enter)),
        KeyCode::Esc => (None, Some(NamedKey::Esc)),
        KeyCode::Tab => (None, Some(NamedKey::Tab)),
        KeyCode::Backspace => (None, Some(NamedKey::Backspace)),
        KeyCode::Home => (None, Some(NamedKey::Home)),
        KeyCode::End => (None, Some(NamedKey::End)),
        KeyCode::PageUp => (None, Some(NamedKey::PageUp)),
        KeyCode::PageDown => (None, Some(NamedKey::PageDown)),
        KeyCode::Up => (None, Some(NamedKey::Up)),
        KeyCode::Down => (None, Some(NamedKey::Down)),
        KeyCode::Left => (None, Some(NamedKey::Left)),
        KeyCode::Right => (None, Some(NamedKey::Right)),
        KeyCode::F(n) => (None, Some(NamedKey::F(n))),
        _ => return None,
    };
    Some(Chord {
        char,
        named,
        ctrl,
        alt,
    })
}

/// The action of an added key, if `event` is one.
pub fn action(app: &App, event: &KeyEvent) -> Option<Action> {
    let pressed = chord(event)?;
    app.keys()
        .iter()
        .find(|k| k.chord == pressed)
        .map(|k| k.action.clone())
}

/// The key added for one of `binding`'s actions.
pub fn for_binding<'a>(app: &'a App, binding: &Binding) -> Option<&'a KeyOverride> {
    app.keys()
        .iter()
        .find(|k| binding.keys.iter().any(|(_, action)| *action == k.action))
}

/// The key the hint bar shows for `binding`: the added one, else the built-in.
pub fn hint_key(app: &App, binding: &Binding) -> Cow<'static, str> {
    for_binding(app, binding).map_or(Cow::Borrowed(binding.hint_key), |k| {
        Cow::Owned(k.chord.to_string())
    })
}

/// The help's key column and text for `binding`: the added key, with the built-in one named
/// in the text.
pub fn help_line(
    app: &App,
    binding: &Binding,
    ascii: bool,
) -> (Cow<'static, str>, Cow<'static, str>) {
    let label = if ascii {
        binding.ascii_label
    } else {
        binding.label
    };
    match for_binding(app, binding) {
        Some(added) => (
            Cow::Owned(added.chord.to_string()),
            Cow::Owned(format!("{} (also {label})", binding.help)),
        ),
        None => (Cow::Borrowed(label), Cow::Borrowed(binding.help)),
    }
}
