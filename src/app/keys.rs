//! Keys the user adds for actions (`[keys]` in the config file), without the terminal: a key
//! is named as people write it (`ctrl-r`, `f5`, `Y`), and the keymap (in `ui`) matches and
//! shows it beside the built-in keys.

use std::fmt;
use std::str::FromStr;

use super::action::Action;
use super::effect::{Effect, ExportFormat};

/// A key that is not a character.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NamedKey {
    /// Enter (Return).
    Enter,
    /// Escape.
    Esc,
    /// Tab.
    Tab,
    /// Backspace.
    Backspace,
    /// Home.
    Home,
    /// End.
    End,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// F1 to F12.
    F(u8),
}

const NAMED: [(&str, NamedKey); 12] = [
    ("enter", NamedKey::Enter),
    ("esc", NamedKey::Esc),
    ("tab", NamedKey::Tab),
    ("backspace", NamedKey::Backspace),
    ("home", NamedKey::Home),
    ("end", NamedKey::End),
    ("pageup", NamedKey::PageUp),
    ("pagedown", NamedKey::PageDown),
    ("up", NamedKey::Up),
    ("down", NamedKey::Down),
    ("left", NamedKey::Left),
    ("right", NamedKey::Right),
];

/// One key press: a character or a named key, with Control or Alt held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Chord {
    /// The character typed (`Y` is Shift-y), or `None` for a named key.
    pub char: Option<char>,
    /// The named key when `char` is `None`.
    pub named: Option<NamedKey>,
    /// Control held.
    pub ctrl: bool,
    /// Alt held.
    pub alt: bool,
}

impl FromStr for Chord {
    type Err = String;

    /// `x`, `Y`, `?`, `space`, `ctrl-r`, `alt-x`, `f5`, `enter`, `pagedown`...
    fn from_str(text: &str) -> Result<Chord, String> {
        let mut rest = text.trim();
        let (mut ctrl, mut alt) = (false, false);
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(tail) = lower.strip_prefix("ctrl-") {
                ctrl = true;
                rest = &rest[rest.len() - tail.len()..];
            } else if let Some(tail) = lower.strip_prefix("alt-") {
                alt = true;
                rest = &rest[rest.len() - tail.len()..];
            } else {
                break;
            }
        }
        let lower = rest.to_ascii_lowercase();
        let mut chars = rest.chars();
        let (char, named) = match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => {
                (Some(if ctrl { c.to_ascii_lowercase() } else { c }), None)
            }
            _ if lower == "space" => (Some(' '), None),
            _ => {
                let named = NAMED
                    .iter()
                    .find(|(n, _)| *n == lower)
                    .map(|(_, k)| *k)
                    .or_else(|| {
                        lower
                            .strip_prefix('f')
                            .and_then(|n| n.parse::<u8>().ok())
                            .filter(|n| (1..=12).contains(n))
                            .map(NamedKey::F)
                    });
                match named {
                    Some(named) => (None, Some(named)),
                    None => {
                        return Err(format!(
                            "`{text}` is not a key: expected a character, space, enter, esc, tab, backspace, home, end, pageup, pagedown, up, down, left, right or f1-f12, optionally after ctrl- or alt-"
                        ));
                    }
                }
            }
        };
        Ok(Chord {
            char,
            named,
            ctrl,
            alt,
        })
    }
}

impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match (self.char, self.named) {
            (Some(' '), _) => f.write_str("Space"),
            (Some(c), _) if self.ctrl => write!(f, "{}", c.to_ascii_uppercase()),
            (Some(c), _) => write!(f, "{c}"),
            (None, Some(NamedKey::F(n))) => write!(f, "F{n}"),
            (None, Some(named)) => {
                let name = NAMED
                    .iter()
                    .find(|(_, k)| *k == named)
                    .map_or("?", |(n, _)| *n);
                let mut cs = name.chars();
                match cs.next() {
                    Some(first) => write!(f, "{}{}", first.to_ascii_uppercase(), cs.as_str()),
                    None => Ok(()),
                }
            }
            (None, None) => Ok(()),
        }
    }
}

/// The actions a key can be added for, by the names the config file uses.
pub const REBINDABLE: [(&str, Action); 12] = [
    ("help", Action::ToggleHelp),
    ("quit", Action::Quit),
    ("copy", Action::Request(Effect::Copy(ExportFormat::Tsv))),
    ("export", Action::OpenExport),
    ("reload", Action::Reload),
    ("filter", Action::StartFilter),
    ("sort", Action::CycleSort),
    ("split", Action::ToggleSplit),
    ("period", Action::PickPeriod),
    ("compare", Action::PickCompared),
    ("model", Action::NextModel),
    ("breakdown", Action::NextDimension),
];

/// A key added for an action.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct KeyOverride {
    /// The action's name in the config file.
    pub name: &'static str,
    /// The key.
    pub chord: Chord,
    /// What it does.
    pub action: Action,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_as_people_write_them_and_show_as_the_help_does() {
        for (text, shown) in [
            ("Y", "Y"),
            ("ctrl-r", "Ctrl-R"),
            ("Ctrl-R", "Ctrl-R"),
            ("alt-x", "Alt-x"),
            ("f5", "F5"),
            ("pagedown", "Pagedown"),
            ("space", "Space"),
            ("?", "?"),
        ] {
            let chord: Chord = text.parse().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(chord.to_string(), shown, "{text}");
        }
        assert_eq!("ctrl-r".parse::<Chord>(), "CTRL-r".parse::<Chord>());
        assert_ne!(
            "Y".parse::<Chord>(),
            "y".parse::<Chord>(),
            "case is the character"
        );
        for bad in ["", "f13", "ctrl-", "banana"] {
            assert!(bad.parse::<Chord>().is_err(), "{bad}");
        }
    }
}
