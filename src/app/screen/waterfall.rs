//! A waterfall: amounts that walk from a start to an end, each bar starting where the last one
//! ended (the P&L's value bridge). Plain data; `ui::widgets::waterfall` draws it.

use rust_decimal::Decimal;

/// What a bar of the waterfall is, so the renderer can tell them apart without colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Moves the running total up.
    Up,
    /// Moves the running total down.
    Down,
    /// A part of the bar above it: shown, not added (the running total does not move).
    Part,
    /// A total, drawn from zero.
    Total,
}

/// One bar: `label  ░░░████  text  note`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fall {
    /// What the step is, e.g. `+ Incremental sales margin`.
    pub label: String,
    /// Where the bar starts on the shared scale.
    pub from: Decimal,
    /// Where it ends.
    pub to: Decimal,
    /// The amount as text, with its sign and unit.
    pub text: String,
    /// The step's definition or remark, after the value.
    pub note: String,
    /// What kind of step it is.
    pub flow: Flow,
}

/// A titled waterfall with lines of text under it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Waterfall {
    /// Heading.
    pub title: String,
    /// The bars, top to bottom.
    pub falls: Vec<Fall>,
    /// Paragraphs under the bars (the ROI on the total value and on margin alone).
    pub lines: Vec<String>,
}
