//! Keys as data. The event loop looks keys up here, and the hint bar and the help overlay are
//! generated from the same tables, so what the screen says and what the keys do cannot drift.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{Action, App, Tab};

/// Which table of bindings is active.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Moving around.
    Normal,
    /// Typing a filter.
    Filter,
    /// The help overlay is open.
    Help,
    /// A period picker is open.
    Picker,
    /// Presenting an agenda: its keys first, then the ones of [`Mode::Normal`] they leave.
    Present,
    /// Typing the number of an agenda item to jump to.
    Jump,
    /// The export menu is open.
    Export,
}

impl Mode {
    /// The mode the app is in.
    pub fn of(app: &App) -> Mode {
        if app.picker().is_some() {
            Mode::Picker
        } else if app.help() {
            Mode::Help
        } else if app.exporting() {
            Mode::Export
        } else if app.filtering() {
            Mode::Filter
        } else if app.presentation().is_some_and(|p| p.typed().is_some()) {
            Mode::Jump
        } else if app.presentation().is_some() {
            Mode::Present
        } else {
            Mode::Normal
        }
    }
}

/// When a binding is worth showing in the hint bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Always.
    Always,
    /// The screen has a table with rows.
    Rows,
    /// The selected row can be drilled into.
    Drillable,
    /// Below the ecosystem.
    Drilled,
    /// A filter is applied.
    Filtered,
    /// On a tab with breakdowns (Segments, Attribution).
    Breakdown,
    /// On a tab that uses the attribution model in use (Overview, Attribution).
    ModelShown,
    /// More than one period is loaded.
    Periods,
    /// A compared period is on screen.
    Comparing,
    /// Presenting, with the screen away from the item's view.
    OffItem,
    /// The last reload failed: older data is on screen.
    Stale,
}

impl When {
    /// Whether the condition holds for `app`.
    pub fn holds(self, app: &App) -> bool {
        match self {
            When::Always => true,
            When::Rows => !app.visible_rows().is_empty(),
            When::Drillable => app
                .selected_row()
                .zip(app.table())
                .is_some_and(|(i, t)| t.rows[i].drill.is_some()),
            When::Drilled => !app.drill().is_empty(),
            When::Filtered => !app.nav().filter.is_empty(),
            When::Breakdown => matches!(app.tab(), Tab::Segments | Tab::Attribution),
            When::ModelShown => app.tab().shows_model(),
            When::Periods => app.library().len() > 1,
            When::Comparing => app.compared().is_some(),
            When::OffItem => app.off_item(),
            When::Stale => app.stale().is_some(),
        }
    }
}

/// One key, as matched: a code and the modifiers that matter (Control, Alt).
pub type Key = (KeyCode, KeyModifiers);

/// Keys that do one thing, with how the screen names them.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    /// Each key and the action it sends.
    pub keys: &'static [(Key, Action)],
    /// The keys as shown, with Unicode arrows.
    pub label: &'static str,
    /// The keys as shown in ASCII.
    pub ascii_label: &'static str,
    /// The key as the hint bar shows it: short, ASCII.
    pub hint_key: &'static str,
    /// One or two words for the hint bar; empty keeps it out of the hint bar.
    pub hint: &'static str,
    /// A sentence for the help overlay.
    pub help: &'static str,
    /// When the hint bar shows it.
    pub when: When,
}

pub mod added;
mod export;
mod tables;

pub use export::EXPORT;
pub use tables::{FILTER, HELP, JUMP, NORMAL, PICKER, PRESENT};

/// The bindings of a mode's own table.
pub fn bindings(mode: Mode) -> &'static [Binding] {
    match mode {
        Mode::Normal => NORMAL,
        Mode::Filter => FILTER,
        Mode::Help => HELP,
        Mode::Picker => PICKER,
        Mode::Present => PRESENT,
        Mode::Jump => JUMP,
        Mode::Export => EXPORT,
    }
}

/// Every binding that works in `mode`, in the order the hint bar and the help show them:
/// presenting, the presenter's keys, then the normal ones whose keys it does not all take.
pub fn active(mode: Mode) -> impl Iterator<Item = &'static Binding> {
    let (own, fallback): (&'static [Binding], &'static [Binding]) = match mode {
        Mode::Present => (PRESENT, NORMAL),
        other => (bindings(other), &[]),
    };
    let taken = |key: &Key| own.iter().any(|b| b.keys.iter().any(|(k, _)| k == key));
    own.iter().chain(
        fallback
            .iter()
            .filter(move |b| !b.keys.iter().all(|(key, _)| taken(key))),
    )
}

/// The action a key press sends in the app's current mode, if any. Releases are ignored;
/// Shift is ignored for characters (it is already in the character: `S`, `N`, `G`).
pub fn action_for(app: &App, event: KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let mode = Mode::of(app);
    if matches!(mode, Mode::Normal | Mode::Present)
        && let Some(action) = added::action(app, &event)
    {
        return Some(action);
    }
    let relevant = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    let found = active(mode).find_map(|binding| {
        binding
            .keys
            .iter()
            .find(|((code, mods), _)| *code == event.code && *mods == relevant)
            .map(|(_, action)| action.clone())
    });
    match (found, mode, event.code) {
        (Some(action), _, _) => Some(action),
        (None, Mode::Filter, KeyCode::Char(c)) if relevant.is_empty() => {
            Some(Action::FilterChar(c))
        }
        (None, Mode::Jump, KeyCode::Char(c)) if relevant.is_empty() => c
            .to_digit(10)
            .and_then(|d| u8::try_from(d).ok())
            .map(Action::JumpDigit),
        _ => None,
    }
}

/// The keys a key event stands for. A terminal sends Esc as one byte and Alt+key as that
/// byte followed by the key, so Esc then a key arriving together (typed quickly, bunched over
/// SSH) reads as Alt+key: when the app has nothing bound to that Alt+key, it is taken as the
/// two keys it was, instead of being dropped.
pub fn as_typed(app: &App, event: KeyEvent) -> Vec<KeyEvent> {
    let alt_only = event.modifiers - KeyModifiers::SHIFT == KeyModifiers::ALT;
    if alt_only && matches!(event.code, KeyCode::Char(_)) && action_for(app, event).is_none() {
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        let key = KeyEvent::new(event.code, event.modifiers - KeyModifiers::ALT);
        vec![esc, key]
    } else {
        vec![event]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for mode in [
            Mode::Normal,
            Mode::Filter,
            Mode::Help,
            Mode::Picker,
            Mode::Present,
            Mode::Jump,
            Mode::Export,
        ] {
            let mut seen = std::collections::HashSet::new();
            for binding in bindings(mode) {
                for (key, _) in binding.keys {
                    assert!(seen.insert(*key), "{key:?} bound twice in {mode:?}");
                }
            }
        }
    }

    #[test]
    fn every_binding_explains_itself() {
        for binding in NORMAL
            .iter()
            .chain(FILTER)
            .chain(HELP)
            .chain(PICKER)
            .chain(PRESENT)
            .chain(JUMP)
            .chain(EXPORT)
        {
            assert!(!binding.help.is_empty() && !binding.label.is_empty());
            assert!(binding.ascii_label.is_ascii(), "{}", binding.ascii_label);
            assert!(binding.hint_key.is_ascii(), "{}", binding.hint_key);
        }
    }
}
