//! Styles and glyphs, chosen from the app's [`Display`] settings.
//!
//! Colours are the 16 named ones, never RGB, so the user's palette and light backgrounds work;
//! backgrounds are left alone and the selection is drawn in reverse video. Without colour the
//! same roles are carried by modifiers only (reverse, bold, underline): crossterm drops colour
//! sequences under NO_COLOR by resetting every attribute, so the app picks this theme itself.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

use crate::app::Display;
use crate::app::screen::{Mark, Tone};

/// The style of each role on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Ordinary text.
    pub text: Style,
    /// Secondary text and "n/a".
    pub muted: Style,
    /// Better than the reference.
    pub good: Style,
    /// Worse than the reference.
    pub bad: Style,
    /// Totals and the rows compared against.
    pub strong: Style,
    /// Block titles and the ecosystem name.
    pub title: Style,
    /// Table headers.
    pub header: Style,
    /// The selected row, the active tab.
    pub selected: Style,
    /// Keys in the hint bar and the help.
    pub key: Style,
    /// Borders and separators.
    pub border: Style,
    /// Warnings such as "terminal too small" and stale data.
    pub warn: Style,
}

impl Theme {
    /// The theme for these display settings.
    pub fn new(display: Display) -> Theme {
        if display.colour {
            Theme::named()
        } else {
            Theme::modifiers_only()
        }
    }

    /// 16 named colours on the terminal's own background.
    pub fn named() -> Theme {
        let plain = Style::new();
        Theme {
            text: plain,
            muted: plain.fg(Color::DarkGray),
            good: plain.fg(Color::Green),
            bad: plain.fg(Color::Red),
            strong: plain.add_modifier(Modifier::BOLD),
            title: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            header: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: plain.add_modifier(Modifier::REVERSED),
            key: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            border: plain.fg(Color::DarkGray),
            warn: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
        }
    }

    /// No colour at all: reverse, bold and underline carry the roles.
    pub fn modifiers_only() -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        Theme {
            text: plain,
            muted: plain,
            good: bold,
            bad: plain.add_modifier(Modifier::UNDERLINED),
            strong: bold,
            title: bold,
            header: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: plain.add_modifier(Modifier::REVERSED),
            key: bold,
            border: plain,
            warn: bold,
        }
    }

    /// The style of a tone.
    pub fn tone(&self, tone: Tone) -> Style {
        match tone {
            Tone::Plain => self.text,
            Tone::Muted => self.muted,
            Tone::Good => self.good,
            Tone::Bad => self.bad,
            Tone::Strong => self.strong,
            Tone::Warn => self.warn,
        }
    }
}

/// The characters used for marks, separators and borders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Glyphs {
    /// ASCII only (the marks then read `+`, `-`, `=`).
    pub ascii: bool,
    /// Better than the reference.
    pub better: &'static str,
    /// Worse than the reference.
    pub worse: &'static str,
    /// Too close to call.
    pub flat: &'static str,
    /// Between breadcrumb levels.
    pub crumb: &'static str,
    /// Ends a shortened label.
    pub ellipsis: &'static str,
    /// Before the selected row.
    pub pointer: &'static str,
    /// Between items of the header.
    pub dot: &'static str,
    /// A full cell of a bar.
    pub bar: &'static str,
    /// A cell of a bar that takes away (a waterfall's cost).
    pub shade: &'static str,
    /// A cell of a bar that is part of the one above (shown, not added).
    pub part: &'static str,
    /// Block borders.
    pub border: border::Set<'static>,
    /// Up and down arrows as key names.
    pub arrows: (&'static str, &'static str),
}

/// Box drawing in plain ASCII, for terminals without Unicode.
const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Glyphs {
    /// The glyphs for these display settings.
    pub fn new(display: Display) -> Glyphs {
        if display.ascii {
            Glyphs {
                ascii: true,
                better: Mark::Better.glyph(true),
                worse: Mark::Worse.glyph(true),
                flat: Mark::Flat.glyph(true),
                crumb: " > ",
                ellipsis: "~",
                pointer: ">",
                dot: " | ",
                bar: "#",
                shade: "-",
                part: ":",
                border: ASCII_BORDER,
                arrows: ("Up", "Down"),
            }
        } else {
            Glyphs {
                ascii: false,
                better: Mark::Better.glyph(false),
                worse: Mark::Worse.glyph(false),
                flat: Mark::Flat.glyph(false),
                crumb: " › ",
                ellipsis: "…",
                pointer: "▸",
                dot: " · ",
                bar: "█",
                shade: "░",
                part: "▒",
                border: border::ROUNDED,
                arrows: ("↑", "↓"),
            }
        }
    }

    /// The glyph of a mark.
    pub fn mark(&self, mark: Mark) -> &'static str {
        mark.glyph(self.ascii)
    }
}

/// Theme and glyphs together: what every drawing function needs besides the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Skin {
    /// Styles.
    pub theme: Theme,
    /// Characters.
    pub glyphs: Glyphs,
}

impl Skin {
    /// The skin for these display settings.
    pub fn new(display: Display) -> Skin {
        Skin {
            theme: Theme::new(display),
            glyphs: Glyphs::new(display),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_colour_no_style_carries_a_colour() {
        let t = Theme::modifiers_only();
        for style in [
            t.text, t.muted, t.good, t.bad, t.strong, t.title, t.header, t.selected, t.key,
            t.border, t.warn,
        ] {
            assert_eq!(style.fg, None, "{style:?}");
            assert_eq!(style.bg, None, "{style:?}");
        }
        assert_ne!(t.good, t.bad, "good and bad must differ without colour too");
    }

    #[test]
    fn colours_are_named_and_backgrounds_untouched() {
        let t = Theme::named();
        for style in [
            t.text, t.muted, t.good, t.bad, t.title, t.key, t.border, t.warn,
        ] {
            assert!(!matches!(
                style.fg,
                Some(Color::Rgb(..) | Color::Indexed(_))
            ));
            assert_eq!(style.bg, None);
        }
    }

    #[test]
    fn ascii_glyphs_are_ascii() {
        let g = Glyphs::new(Display {
            colour: false,
            ascii: true,
        });
        let all = [
            g.better,
            g.worse,
            g.flat,
            g.crumb,
            g.ellipsis,
            g.pointer,
            g.dot,
            g.bar,
            g.border.top_left,
            g.border.horizontal_top,
            g.border.vertical_left,
            g.arrows.0,
        ];
        assert!(all.iter().all(|s| s.is_ascii()), "{all:?}");
    }
}
