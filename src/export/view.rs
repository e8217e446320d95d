//! [`View`]: what one tab shows, as the exports write it. Built from the app's view model
//! ([`crate::app::screen::Screen`]) in screen order (the main table filtered and sorted as on
//! screen), every cell with its display string and, for numbers, the exact value and its unit.
//! It is also the JSON export, and its schema is `docs/export.schema.json`.

use schemars::JsonSchema;
use serde::Serialize;

use super::Provenance;
use crate::app::App;
use crate::app::screen::{Align, Block, Card, Cell, Details, Flow, Row, SortKey, Table, Waterfall};

/// One tab's view, ready to write.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct View {
    /// Where it comes from (written first by every format).
    pub provenance: Provenance,
    /// What the screen is, e.g. `Dealer groups of Central`.
    pub title: String,
    /// The parts in reading order.
    pub blocks: Vec<ViewBlock>,
}

/// A part of a view.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ViewBlock {
    /// Headline numbers.
    Cards {
        /// The cards, left to right, top to bottom.
        cards: Vec<CardOut>,
    },
    /// A table.
    Table(TableOut),
    /// Paragraphs under a title.
    Text {
        /// Heading (may be empty).
        title: String,
        /// Paragraphs.
        paragraphs: Vec<String>,
    },
    /// What the screen says about each row of the main table (the dashboard shows the
    /// selected row's).
    Detail {
        /// One per row.
        items: Vec<DetailOut>,
    },
    /// Steps from a start to an end.
    Waterfall {
        /// Heading.
        title: String,
        /// The steps, in order.
        steps: Vec<StepOut>,
        /// Lines of text under it.
        lines: Vec<String>,
    },
}

/// One step of a waterfall: a bar from one level to another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepOut {
    /// What the step is.
    pub label: String,
    /// The amount as shown.
    pub text: String,
    /// The level it starts at, exact.
    pub from: String,
    /// The level it ends at, exact.
    pub to: String,
    /// `up`, `down`, `part` or `total`.
    pub flow: String,
    /// What follows the amount.
    pub note: String,
}

/// A headline number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CardOut {
    /// What is measured.
    pub title: String,
    /// The value as shown, with its unit.
    pub value: String,
    /// The change against the compared period.
    pub change: Option<Value>,
    /// Status against the target.
    pub status: Option<String>,
    /// The lines under the value.
    pub detail: Vec<String>,
}

/// A table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableOut {
    /// Heading.
    pub title: String,
    /// Columns, left to right.
    pub columns: Vec<ColumnOut>,
    /// Rows in screen order: the pinned reference rows, then the others.
    pub rows: Vec<RowOut>,
    /// What the screen says when there are no rows.
    pub empty: String,
    /// When rows of two periods were matched by id: how many matched, were added, removed,
    /// renamed.
    pub matched: Option<String>,
    /// When the total row recomputes some columns from the summed parts (rates, ratios) rather
    /// than adding their rows: which ones, e.g. `Total: ROI recomputed from summed parts, not
    /// added`.
    pub note: Option<String>,
}

/// A column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnOut {
    /// Stable key, e.g. `sla_adherence`.
    pub key: String,
    /// Header as on a wide screen, e.g. `SLA met %`.
    pub title: String,
    /// `left` for names, `right` for numbers.
    pub align: String,
    /// Whether any cell holds an exact number (CSV then writes a value column beside it).
    pub numeric: bool,
    /// The unit of the column's exact values, when the cells say.
    pub unit: Option<String>,
}

/// A row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RowOut {
    /// Stable id (a dealer id, a region id, a metric key).
    pub id: String,
    /// A reference row pinned above the others (never filtered or sorted).
    pub pinned: bool,
    /// One per column.
    pub cells: Vec<Value>,
}

/// A cell: what is shown and the exact value behind it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Value {
    /// The display string, with its direction glyph if any.
    pub text: String,
    /// The exact number in full precision (a decimal string); `None` for text and "n/a".
    pub value: Option<String>,
    /// The number's unit: `count`, `number`, `fraction` (0.125 = 12.5 %), `percent`,
    /// `minutes`, `days`, `years`, `score`, `multiple`, or a currency code for money.
    pub unit: Option<String>,
}

/// What the screen says about one row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DetailOut {
    /// The row's id.
    pub row: String,
    /// Heading.
    pub title: String,
    /// Labelled bars: label, the value as shown, the exact value, a note.
    pub bars: Vec<BarOut>,
    /// Lines of text.
    pub lines: Vec<String>,
}

/// A labelled bar of a detail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BarOut {
    /// What the bar is.
    pub label: String,
    /// The value as shown.
    pub text: String,
    /// The exact value the bar's length comes from.
    pub value: String,
    /// What follows the value.
    pub note: String,
}

impl View {
    /// The view `app` shows, with `provenance`; marks drawn in ASCII when the app is.
    pub fn of(app: &App, provenance: Provenance) -> View {
        let ascii = app.display().ascii;
        let currency = provenance.currency.clone();
        let screen = app.screen();
        let main = screen.table().map(std::ptr::from_ref);
        let blocks = screen
            .blocks
            .iter()
            .map(|block| match block {
                Block::Cards(cards) => ViewBlock::Cards {
                    cards: cards.iter().map(|c| card(c, ascii, &currency)).collect(),
                },
                Block::Table(table) => {
                    // The main table lists its rows as on screen, the others as built.
                    let order: Vec<usize> = if main == Some(std::ptr::from_ref(table)) {
                        app.visible_rows().to_vec()
                    } else {
                        (0..table.rows.len()).collect()
                    };
                    ViewBlock::Table(table_out(table, &order, ascii, &currency))
                }
                Block::Text(text) => ViewBlock::Text {
                    title: text.title.clone(),
                    paragraphs: text.paragraphs.clone(),
                },
                Block::Detail(details) => ViewBlock::Detail {
                    items: detail_items(details),
                },
                Block::Waterfall(w) => waterfall(w),
            })
            .collect();
        View {
            provenance,
            title: screen.title.clone(),
            blocks,
        }
    }

    /// The main table: the first one, which the selection, filter and sort act on.
    pub fn main_table(&self) -> Option<&TableOut> {
        self.blocks.iter().find_map(|b| match b {
            ViewBlock::Table(t) => Some(t),
            ViewBlock::Cards { .. }
            | ViewBlock::Text { .. }
            | ViewBlock::Detail { .. }
            | ViewBlock::Waterfall { .. } => None,
        })
    }
}

/// A unit as exports name it: money in the currency's code.
fn unit_name(unit: Option<&'static str>, currency: &str) -> Option<String> {
    unit.map(|u| {
        if u == crate::metrics::Unit::Money.name() {
            currency.to_owned()
        } else {
            u.to_owned()
        }
    })
}

fn value(cell: &Cell, ascii: bool, currency: &str) -> Value {
    let exact = match &cell.sort {
        SortKey::Num(n) => Some(n.normalize().to_string()),
        SortKey::Missing | SortKey::Text(_) => None,
    };
    Value {
        text: cell.shown(ascii),
        unit: exact.as_ref().and_then(|_| unit_name(cell.unit, currency)),
        value: exact,
    }
}

fn card(card: &Card, ascii: bool, currency: &str) -> CardOut {
    CardOut {
        title: card.title.clone(),
        value: match card.mark {
            Some(m) => format!("{} {}", card.value, m.glyph(ascii)),
            None => card.value.clone(),
        },
        change: card.delta.as_ref().map(|d| value(d, ascii, currency)),
        status: card.status.as_ref().map(|s| s.shown(ascii)),
        detail: card.detail.clone(),
    }
}

fn table_out(table: &Table, order: &[usize], ascii: bool, currency: &str) -> TableOut {
    let row = |r: &Row, pinned: bool| RowOut {
        id: r.id.clone(),
        pinned,
        cells: r.cells.iter().map(|c| value(c, ascii, currency)).collect(),
    };
    let rows: Vec<RowOut> = table
        .pinned
        .iter()
        .map(|r| row(r, true))
        .chain(
            order
                .iter()
                .filter_map(|&i| table.rows.get(i))
                .map(|r| row(r, false)),
        )
        .collect();
    let columns = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cells = || rows.iter().filter_map(|r| r.cells.get(i));
            ColumnOut {
                key: c.key.clone(),
                title: c.title.clone(),
                align: match c.align {
                    Align::Left => "left",
                    Align::Right => "right",
                }
                .to_owned(),
                numeric: cells().any(|v| v.value.is_some()),
                unit: cells().find_map(|v| v.unit.clone()),
            }
        })
        .collect();
    TableOut {
        title: table.title.clone(),
        columns,
        rows,
        empty: table.empty.clone(),
        matched: table.matched.map(|m| m.to_string()),
        note: table.total_note(),
    }
}

fn detail_items(details: &Details) -> Vec<DetailOut> {
    details
        .items
        .iter()
        .map(|d| DetailOut {
            row: d.row.clone(),
            title: d.title.clone(),
            bars: d
                .bars
                .iter()
                .map(|b| BarOut {
                    label: b.label.clone(),
                    text: b.text.clone(),
                    value: b.value.normalize().to_string(),
                    note: b.note.clone(),
                })
                .collect(),
            lines: d.lines.clone(),
        })
        .collect()
}

fn waterfall(w: &Waterfall) -> ViewBlock {
    ViewBlock::Waterfall {
        title: w.title.clone(),
        steps: w
            .falls
            .iter()
            .map(|f| StepOut {
                label: f.label.clone(),
                text: f.text.clone(),
                from: f.from.normalize().to_string(),
                to: f.to.normalize().to_string(),
                flow: match f.flow {
                    Flow::Up => "up",
                    Flow::Down => "down",
                    Flow::Part => "part",
                    Flow::Total => "total",
                }
                .to_owned(),
                note: f.note.clone(),
            })
            .collect(),
        lines: w.lines.clone(),
    }
}
