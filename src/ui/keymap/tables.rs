//! The binding tables: every key of every mode, in the order the hint bar and the help show
//! them.

use crossterm::event::{KeyCode, KeyModifiers};

use crate::app::{Action, Effect, ExportFormat, Tab};

use super::{Binding, Key, When};

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;

const fn ch(c: char) -> Key {
    (KeyCode::Char(c), NONE)
}

const QUIT: Binding = Binding {
    keys: &[
        (ch('q'), Action::Quit),
        ((KeyCode::Char('c'), CTRL), Action::Quit),
    ],
    label: "q",
    ascii_label: "q",
    hint_key: "q",
    hint: "quit",
    help: "Quit (also Ctrl-C).",
    when: When::Always,
};

/// Ctrl-C where typing or choosing: quits, kept out of the hint bar.
pub(super) const CTRL_C: Binding = Binding {
    keys: &[((KeyCode::Char('c'), CTRL), Action::Quit)],
    label: "Ctrl-C",
    ascii_label: "Ctrl-C",
    hint_key: "^C",
    hint: "",
    help: "Quit.",
    when: When::Always,
};

/// Bindings while moving around, in hint-bar order (the bar drops from the end).
pub const NORMAL: &[Binding] = &[
    Binding {
        keys: &[(ch('?'), Action::ToggleHelp)],
        label: "?",
        ascii_label: "?",
        hint_key: "?",
        hint: "help",
        help: "Show or hide this help.",
        when: When::Always,
    },
    QUIT,
    Binding {
        keys: &[
            ((KeyCode::Tab, NONE), Action::NextTab),
            ((KeyCode::BackTab, NONE), Action::PrevTab),
        ],
        label: "Tab/S-Tab",
        ascii_label: "Tab/S-Tab",
        hint_key: "Tab",
        hint: "tabs",
        help: "Next / previous tab.",
        when: When::Always,
    },
    Binding {
        keys: &[
            (ch('1'), Action::GoTab(Tab::Overview)),
            (ch('2'), Action::GoTab(Tab::Journeys)),
            (ch('3'), Action::GoTab(Tab::Segments)),
            (ch('4'), Action::GoTab(Tab::Dealers)),
            (ch('5'), Action::GoTab(Tab::Maturity)),
            (ch('6'), Action::GoTab(Tab::Pnl)),
            (ch('7'), Action::GoTab(Tab::Attribution)),
        ],
        label: "1-7",
        ascii_label: "1-7",
        hint_key: "1-7",
        hint: "",
        help: "Go to a tab by its number.",
        when: When::Always,
    },
    Binding {
        keys: &[
            ((KeyCode::Down, NONE), Action::Down),
            (ch('j'), Action::Down),
            ((KeyCode::Up, NONE), Action::Up),
            (ch('k'), Action::Up),
        ],
        label: "↑↓/jk",
        ascii_label: "Up/Down/jk",
        hint_key: "jk",
        hint: "move",
        help: "Move the selection one row.",
        when: When::Rows,
    },
    Binding {
        keys: &[
            ((KeyCode::Enter, NONE), Action::Drill),
            ((KeyCode::Right, NONE), Action::Drill),
            (ch('l'), Action::Drill),
        ],
        label: "Enter",
        ascii_label: "Enter",
        hint_key: "Enter",
        hint: "drill",
        help: "Drill into the selected row (also → and l).",
        when: When::Drillable,
    },
    Binding {
        keys: &[
            ((KeyCode::Esc, NONE), Action::Cancel),
            ((KeyCode::Backspace, NONE), Action::Back),
            ((KeyCode::Left, NONE), Action::Back),
            (ch('h'), Action::Back),
        ],
        label: "Esc",
        ascii_label: "Esc",
        hint_key: "Esc",
        hint: "up",
        help: "Up one level (also Backspace, ←, h); Esc first clears a filter.",
        when: When::Drilled,
    },
    Binding {
        keys: &[(ch('d'), Action::NextDimension)],
        label: "d",
        ascii_label: "d",
        hint_key: "d",
        hint: "breakdown",
        help: "Next breakdown (Segments: attribute; Attribution: table).",
        when: When::Breakdown,
    },
    Binding {
        keys: &[(ch('m'), Action::NextModel)],
        label: "m",
        ascii_label: "m",
        hint_key: "m",
        hint: "model",
        help: "Next attribution model, used on Overview and Attribution.",
        when: When::ModelShown,
    },
    Binding {
        keys: &[(ch('/'), Action::StartFilter)],
        label: "/",
        ascii_label: "/",
        hint_key: "/",
        hint: "filter",
        help: "Filter rows by name; Enter keeps it, Esc clears it.",
        when: When::Rows,
    },
    Binding {
        keys: &[(ch('n'), Action::NextMatch), (ch('N'), Action::PrevMatch)],
        label: "n/N",
        ascii_label: "n/N",
        hint_key: "n/N",
        hint: "next match",
        help: "Next / previous match of the filter (wraps).",
        when: When::Filtered,
    },
    Binding {
        keys: &[(ch('s'), Action::CycleSort), (ch('S'), Action::ReverseSort)],
        label: "s/S",
        ascii_label: "s/S",
        hint_key: "s/S",
        hint: "sort",
        help: "Sort by the next column (numbers largest first); S reverses.",
        when: When::Rows,
    },
    Binding {
        keys: &[
            (ch('p'), Action::PickPeriod),
            (ch('c'), Action::PickCompared),
        ],
        label: "p/c",
        ascii_label: "p/c",
        hint_key: "p/c",
        hint: "periods",
        help: "Choose the period under review (p) or the one it is compared with (c), or none.",
        when: When::Periods,
    },
    Binding {
        keys: &[(ch('v'), Action::ToggleSplit)],
        label: "v",
        ascii_label: "v",
        hint_key: "v",
        hint: "split",
        help: "Split view: both periods side by side, rows matched by id, moving in step.",
        when: When::Comparing,
    },
    Binding {
        keys: &[
            ((KeyCode::PageDown, NONE), Action::PageDown),
            ((KeyCode::PageUp, NONE), Action::PageUp),
            ((KeyCode::Char('d'), CTRL), Action::PageDown),
            ((KeyCode::Char('u'), CTRL), Action::PageUp),
        ],
        label: "PgUp/PgDn",
        ascii_label: "PgUp/PgDn",
        hint_key: "PgDn",
        hint: "",
        help: "One page up / down (also Ctrl-U / Ctrl-D).",
        when: When::Rows,
    },
    Binding {
        keys: &[
            ((KeyCode::Home, NONE), Action::Top),
            (ch('g'), Action::Top),
            ((KeyCode::End, NONE), Action::Bottom),
            (ch('G'), Action::Bottom),
        ],
        label: "Home/End g/G",
        ascii_label: "Home/End g/G",
        hint_key: "g/G",
        hint: "",
        help: "First / last row.",
        when: When::Rows,
    },
    Binding {
        keys: &[(ch('y'), Action::Request(Effect::Copy(ExportFormat::Tsv)))],
        label: "y",
        ascii_label: "y",
        hint_key: "y",
        hint: "",
        help: "Copy the table to the clipboard as TSV (tmux buffer or OSC 52, also over SSH).",
        when: When::Rows,
    },
    Binding {
        keys: &[(ch('e'), Action::OpenExport)],
        label: "e",
        ascii_label: "e",
        hint_key: "e",
        hint: "",
        help: "Export the view: Markdown, CSV or JSON to a file, TSV or Markdown to the clipboard.",
        when: When::Always,
    },
    Binding {
        keys: &[((KeyCode::Char('r'), CTRL), Action::Reload)],
        label: "Ctrl-R",
        ascii_label: "Ctrl-R",
        hint_key: "^R",
        hint: "reload",
        help: "Read the data files again now (they are also reloaded when they change); a file that is not valid leaves the data on screen.",
        when: When::Stale,
    },
];

/// Bindings while typing a filter. Any other printable character is added to the filter.
pub const FILTER: &[Binding] = &[
    Binding {
        keys: &[((KeyCode::Enter, NONE), Action::AcceptFilter)],
        label: "Enter",
        ascii_label: "Enter",
        hint_key: "Enter",
        hint: "keep",
        help: "Keep the filter and go back to moving around.",
        when: When::Always,
    },
    Binding {
        keys: &[((KeyCode::Esc, NONE), Action::Cancel)],
        label: "Esc",
        ascii_label: "Esc",
        hint_key: "Esc",
        hint: "clear",
        help: "Clear the filter.",
        when: When::Always,
    },
    Binding {
        keys: &[((KeyCode::Backspace, NONE), Action::FilterBackspace)],
        label: "Backspace",
        ascii_label: "Backspace",
        hint_key: "Bksp",
        hint: "",
        help: "Delete the last character.",
        when: When::Always,
    },
    Binding {
        keys: &[
            ((KeyCode::Down, NONE), Action::Down),
            ((KeyCode::Up, NONE), Action::Up),
        ],
        label: "↑↓",
        ascii_label: "Up/Down",
        hint_key: "Up/Dn",
        hint: "move",
        help: "Move the selection while typing.",
        when: When::Always,
    },
    CTRL_C,
];

/// Bindings while the help overlay is open.
pub const HELP: &[Binding] = &[
    Binding {
        keys: &[
            (ch('?'), Action::ToggleHelp),
            ((KeyCode::Esc, NONE), Action::ToggleHelp),
            (ch('q'), Action::ToggleHelp),
        ],
        label: "? Esc q",
        ascii_label: "? Esc q",
        hint_key: "Esc",
        hint: "close help",
        help: "Close the help.",
        when: When::Always,
    },
    Binding {
        keys: &[((KeyCode::Char('c'), CTRL), Action::Quit)],
        label: "Ctrl-C",
        ascii_label: "Ctrl-C",
        hint_key: "^C",
        hint: "quit",
        help: "Quit.",
        when: When::Always,
    },
];

/// Bindings while a period picker is open.
pub const PICKER: &[Binding] = &[
    Binding {
        keys: &[
            ((KeyCode::Down, NONE), Action::PickerDown),
            (ch('j'), Action::PickerDown),
            ((KeyCode::Up, NONE), Action::PickerUp),
            (ch('k'), Action::PickerUp),
        ],
        label: "↑↓/jk",
        ascii_label: "Up/Down/jk",
        hint_key: "jk",
        hint: "move",
        help: "Move to another period.",
        when: When::Always,
    },
    Binding {
        keys: &[((KeyCode::Enter, NONE), Action::PickerChoose)],
        label: "Enter",
        ascii_label: "Enter",
        hint_key: "Enter",
        hint: "choose",
        help: "Put the period on screen.",
        when: When::Always,
    },
    Binding {
        keys: &[
            ((KeyCode::Esc, NONE), Action::PickerClose),
            (ch('q'), Action::PickerClose),
            (ch('p'), Action::PickerClose),
            (ch('c'), Action::PickerClose),
        ],
        label: "Esc",
        ascii_label: "Esc",
        hint_key: "Esc",
        hint: "cancel",
        help: "Close the picker, changing nothing.",
        when: When::Always,
    },
    CTRL_C,
];

/// Bindings of presenter mode, before the normal ones (which keep every key not taken here:
/// Enter still drills, Esc still goes up, Tab still switches tabs).
pub const PRESENT: &[Binding] = &[
    Binding {
        keys: &[
            (ch(' '), Action::NextItem),
            ((KeyCode::PageDown, NONE), Action::NextItem),
            ((KeyCode::Right, NONE), Action::NextItem),
        ],
        label: "Space PgDn →",
        ascii_label: "Space PgDn Right",
        hint_key: "Space",
        hint: "next",
        help: "Next agenda item.",
        when: When::Always,
    },
    Binding {
        keys: &[
            ((KeyCode::PageUp, NONE), Action::PrevItem),
            ((KeyCode::Left, NONE), Action::PrevItem),
        ],
        label: "PgUp ←",
        ascii_label: "PgUp Left",
        hint_key: "PgUp",
        hint: "previous",
        help: "Previous agenda item.",
        when: When::Always,
    },
    Binding {
        keys: &[(ch('r'), Action::BackToItem)],
        label: "r",
        ascii_label: "r",
        hint_key: "r",
        hint: "back to item",
        help: "Back to the exact view of the agenda item after a detour (drill, period, filter).",
        when: When::OffItem,
    },
    Binding {
        keys: &[(ch('a'), Action::Request(Effect::Capture))],
        label: "a",
        ascii_label: "a",
        hint_key: "a",
        // Help lists it; the hint bar at 80 columns has no room left for it.
        hint: "",
        help: "Append the view on screen to the agenda file as a new item, every field spelled out (the file's comments and layout kept; written atomically).",
        when: When::Always,
    },
    Binding {
        keys: &[
            (ch('0'), Action::JumpDigit(0)),
            (ch('1'), Action::JumpDigit(1)),
            (ch('2'), Action::JumpDigit(2)),
            (ch('3'), Action::JumpDigit(3)),
            (ch('4'), Action::JumpDigit(4)),
            (ch('5'), Action::JumpDigit(5)),
            (ch('6'), Action::JumpDigit(6)),
            (ch('7'), Action::JumpDigit(7)),
            (ch('8'), Action::JumpDigit(8)),
            (ch('9'), Action::JumpDigit(9)),
        ],
        label: "0-9 Enter",
        ascii_label: "0-9 Enter",
        hint_key: "3 Enter",
        hint: "go to item",
        help: "Go to an agenda item by its number, then Enter (Esc cancels).",
        when: When::Always,
    },
];

/// Bindings while typing the number of an agenda item; digits are added to the number.
pub const JUMP: &[Binding] = &[
    Binding {
        keys: &[((KeyCode::Enter, NONE), Action::JumpGo)],
        label: "Enter",
        ascii_label: "Enter",
        hint_key: "Enter",
        hint: "go",
        help: "Go to the item with this number.",
        when: When::Always,
    },
    Binding {
        keys: &[((KeyCode::Esc, NONE), Action::JumpCancel)],
        label: "Esc",
        ascii_label: "Esc",
        hint_key: "Esc",
        hint: "cancel",
        help: "Stay on the item on screen.",
        when: When::Always,
    },
    Binding {
        keys: &[((KeyCode::Backspace, NONE), Action::JumpBackspace)],
        label: "Backspace",
        ascii_label: "Backspace",
        hint_key: "Bksp",
        hint: "",
        help: "Delete the last digit.",
        when: When::Always,
    },
    CTRL_C,
];
