//! The export menu (`e`): each key a format and a destination. Its hint bar is the menu.

use crossterm::event::{KeyCode, KeyModifiers};

use crate::app::{Action, Effect, ExportFormat};

use super::{Binding, When};

const NONE: KeyModifiers = KeyModifiers::NONE;

/// Bindings while the export menu is open, in the order the hint bar offers them.
pub const EXPORT: &[Binding] = &[
    Binding {
        keys: &[(
            (KeyCode::Char('m'), NONE),
            Action::Request(Effect::Save(ExportFormat::Md)),
        )],
        label: "m",
        ascii_label: "m",
        hint_key: "m",
        hint: "Markdown file",
        help: "Save the view as Markdown in the working folder.",
        when: When::Always,
    },
    Binding {
        keys: &[(
            (KeyCode::Char('c'), NONE),
            Action::Request(Effect::Save(ExportFormat::Csv)),
        )],
        label: "c",
        ascii_label: "c",
        hint_key: "c",
        hint: "CSV file",
        help: "Save the view as CSV (display strings and exact values).",
        when: When::Always,
    },
    Binding {
        keys: &[(
            (KeyCode::Char('j'), NONE),
            Action::Request(Effect::Save(ExportFormat::Json)),
        )],
        label: "j",
        ascii_label: "j",
        hint_key: "j",
        hint: "JSON file",
        help: "Save the view as JSON (docs/export.schema.json).",
        when: When::Always,
    },
    Binding {
        keys: &[(
            (KeyCode::Char('y'), NONE),
            Action::Request(Effect::Copy(ExportFormat::Tsv)),
        )],
        label: "y",
        ascii_label: "y",
        hint_key: "y",
        hint: "copy TSV",
        help: "Copy the table as tab-separated values.",
        when: When::Always,
    },
    Binding {
        keys: &[(
            (KeyCode::Char('Y'), NONE),
            Action::Request(Effect::Copy(ExportFormat::Md)),
        )],
        label: "Y",
        ascii_label: "Y",
        hint_key: "Y",
        hint: "copy Markdown",
        help: "Copy the view as Markdown.",
        when: When::Always,
    },
    Binding {
        keys: &[
            ((KeyCode::Esc, NONE), Action::CloseExport),
            ((KeyCode::Char('e'), NONE), Action::CloseExport),
            ((KeyCode::Char('q'), NONE), Action::CloseExport),
        ],
        label: "Esc",
        ascii_label: "Esc",
        hint_key: "Esc",
        hint: "cancel",
        help: "Close the menu.",
        when: When::Always,
    },
    super::tables::CTRL_C,
];
