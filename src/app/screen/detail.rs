//! Content that follows the selection: what a screen says about the row selected in its first
//! table (a journey's funnel, a maturity dimension's evidence, a tool's cost split).
//!
//! The builder prepares one [`Detail`] per row id, once per screen; the renderer picks the one
//! of the selected row every frame, so moving the selection costs no rebuild.

use rust_decimal::Decimal;

/// The details of every row of the screen's first table, keyed by row id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Details {
    /// One entry per row that has something to say (rows without one show `empty`).
    pub items: Vec<Detail>,
    /// What to say when no row is selected or the selected row has no detail.
    pub empty: String,
}

impl Details {
    /// The detail of the row with this id, if any.
    pub fn of(&self, row: &str) -> Option<&Detail> {
        self.items.iter().find(|d| d.row == row)
    }
}

/// What is shown about one row: a title, horizontal bars, then lines of text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Detail {
    /// The id of the row ([`super::Row::id`]) this belongs to.
    pub row: String,
    /// Heading, e.g. `Funnel of EV launch`.
    pub title: String,
    /// Bars, top to bottom, drawn to one scale (the largest value fills the room).
    pub bars: Vec<Bar>,
    /// Paragraphs under the bars, wrapped by the renderer; the first are kept when room runs
    /// short.
    pub lines: Vec<String>,
}

/// One horizontal bar: `label ████████ text note`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Bar {
    /// What the bar is, e.g. a stage name.
    pub label: String,
    /// Its length on the shared scale; zero or negative draws no bar.
    pub value: Decimal,
    /// The value as text, with its unit, e.g. `1,204`.
    pub text: String,
    /// A remark after the value, e.g. `32.1 % of lead`.
    pub note: String,
}
