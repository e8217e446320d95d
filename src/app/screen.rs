//! View models: what one tab shows, as plain data (titles, columns, formatted cells, cards).
//!
//! Builders in [`crate::app::views`] turn the domain into a [`Screen`]; the terminal renderer,
//! the headless renderer and the plain-text report all draw the same `Screen`, so they cannot
//! disagree about a number. Nothing here knows the terminal.

mod detail;
mod printable;
mod waterfall;

use std::cmp::Ordering;

use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

use super::nav::Sort;
use crate::compare::MatchSummary;
use crate::metrics::{Level, Metric};

pub use detail::{Bar, Detail, Details};
pub use waterfall::{Fall, Flow, Waterfall};

/// Everything one tab shows at one drill level, top to bottom.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Screen {
    /// What the screen is, e.g. `Dealer groups of North`.
    pub title: String,
    /// The parts, in reading order. The first [`Block::Table`] is the one the selection,
    /// filter, sort and drill act on.
    pub blocks: Vec<Block>,
}

impl Screen {
    /// The catalogue metrics the screen shows (cards, table columns, rows keyed by a metric),
    /// each once, in the order they appear: what help defines for the screen on show.
    pub fn metrics(&self) -> Vec<Metric> {
        let mut out: Vec<Metric> = Vec::new();
        let mut add = |key: &str| {
            let base = key.split('.').next().unwrap_or(key);
            if let Some(m) = Metric::from_key(base)
                && !out.contains(&m)
            {
                out.push(m);
            }
        };
        for block in &self.blocks {
            match block {
                Block::Cards(cards) => {
                    for m in cards.iter().filter_map(|c| c.metric) {
                        add(m.key());
                    }
                }
                Block::Table(t) => {
                    for c in &t.columns {
                        add(&c.key);
                    }
                    for r in t.pinned.iter().chain(&t.rows) {
                        add(&r.id);
                    }
                }
                Block::Text(_) | Block::Detail(_) | Block::Waterfall(_) => {}
            }
        }
        out
    }
}

/// One part of a screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// Headline numbers as large cards.
    Cards(Vec<Card>),
    /// A table of rows.
    Table(Table),
    /// Paragraphs: commentary, notes, definitions.
    Text(TextBlock),
    /// What the screen says about the selected row of its first table (see [`Details`]).
    Detail(Details),
    /// Steps from a start to an end (see [`Waterfall`]).
    Waterfall(Waterfall),
}

/// A headline number.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Card {
    /// What is measured, e.g. `Service retention`.
    pub title: String,
    /// The value with its unit, e.g. `61.2 %`.
    pub value: String,
    /// Short lines under the value: its parts or definition, e.g. `1,204 of 1,967 due`.
    pub detail: Vec<String>,
    /// How the value reads.
    pub tone: Tone,
    /// A direction glyph beside the value (e.g. cost to serve against before).
    pub mark: Option<Mark>,
    /// When comparing: the change against the compared period ("▲ +1.5 pp · +12.5 %"), its
    /// tone saying good or bad.
    pub delta: Option<Cell>,
    /// Status against the snapshot's target ("✓ on track · target 90.0 %").
    pub status: Option<Cell>,
    /// The figure over every loaded period, when there are more than two.
    pub trend: Option<Spark>,
    /// The catalogue metric the card shows, if it is one (help defines it).
    pub metric: Option<Metric>,
}

/// A sparkline: one figure over the loaded periods of one granularity, earliest first, with
/// the current and the compared period marked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Spark {
    /// Each period's value scaled to 0..=7 (eight bar heights); `None` where the figure is
    /// "n/a" or the level is absent in that period (drawn as a gap, never as 0).
    pub levels: Vec<Option<u8>>,
    /// Index of the current period in `levels`.
    pub current: Option<usize>,
    /// Index of the compared period in `levels`.
    pub compared: Option<usize>,
}

/// Paragraphs under a title.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextBlock {
    /// Heading, e.g. `Commentary`.
    pub title: String,
    /// Paragraphs, wrapped by the renderer.
    pub paragraphs: Vec<String>,
}

/// How a cell's text should read. The renderer maps it to colour or, without colour, to
/// modifiers; good and bad are never carried by colour alone (see [`Mark`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Tone {
    /// Ordinary text.
    #[default]
    Plain,
    /// Secondary text, and "n/a".
    Muted,
    /// Better than the reference.
    Good,
    /// Worse than the reference.
    Bad,
    /// Emphasised (totals, the row being compared).
    Strong,
    /// Needs attention: at risk against a target.
    Warn,
}

/// A direction glyph beside a value: ▲ better, ▼ worse, ▶ flat (ASCII `+`, `-`, `=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mark {
    /// Better than the reference.
    Better,
    /// Worse than the reference.
    Worse,
    /// Too close to call.
    Flat,
}

impl Mark {
    /// The glyph drawn after a cell's text: ▲ better, ▼ worse, = flat; `+`, `-`, `=` in ASCII.
    pub fn glyph(self, ascii: bool) -> &'static str {
        match (self, ascii) {
            (Mark::Better, false) => "▲",
            (Mark::Worse, false) => "▼",
            (Mark::Better, true) => "+",
            (Mark::Worse, true) => "-",
            (Mark::Flat, _) => "=",
        }
    }
}

/// Which side of a column its text sits on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Align {
    /// Names and labels.
    #[default]
    Left,
    /// Numbers.
    Right,
}

/// A column of a table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Column {
    /// Stable key (a metric key such as `sla_adherence`, or `name`); sorting remembers it.
    pub key: String,
    /// Full header with the unit, e.g. `SLA met %`.
    pub title: String,
    /// Abbreviated header for narrow terminals, e.g. `SLA%`.
    pub short: String,
    /// Text alignment.
    pub align: Align,
    /// 0 is never dropped; when the width runs out the highest priority number goes first.
    pub priority: u8,
    /// The direction `s` sorts in first (`true`: largest first); `None` if not sortable.
    pub first_sort_descending: Option<bool>,
    /// The widest cell of the column (display width), filled by [`Table::new`].
    pub width: usize,
    /// In a table with a total row ([`Table::recomputing`]): the total of this column is recomputed
    /// from the summed parts (a rate, a ratio, a relative change), so it is not the sum of the
    /// rows, and the table says so ([`Table::total_note`]).
    pub recomputed: bool,
}

impl Column {
    /// A column; its width is computed when the table is built.
    pub fn new(key: &str, title: &str, short: &str, align: Align, priority: u8) -> Column {
        let first_sort_descending = Some(align == Align::Right);
        Column {
            key: key.to_owned(),
            title: title.to_owned(),
            short: short.to_owned(),
            align,
            priority,
            first_sort_descending,
            width: 0,
            recomputed: false,
        }
    }
}

/// What a cell sorts by.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    /// No value ("n/a"): always after the values, whatever the direction.
    #[default]
    Missing,
    /// A number, exact.
    Num(Decimal),
    /// A text, compared case-insensitively.
    Text(String),
}

/// One cell: its text and what it sorts by.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// The formatted value with its unit where the header does not carry it.
    pub text: String,
    /// The exact value behind the text.
    pub sort: SortKey,
    /// How it reads.
    pub tone: Tone,
    /// A direction glyph against a reference, if any.
    pub mark: Option<Mark>,
    /// The unit of the exact value, for exports (see [`crate::metrics::Unit::name`]);
    /// `None` where the builder did not say.
    pub unit: Option<&'static str>,
}

impl Cell {
    /// A text cell sorted by its lowercase text.
    pub fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        Cell {
            sort: SortKey::Text(text.to_lowercase()),
            text,
            ..Cell::default()
        }
    }

    /// A number cell: `text` formats `value`; `None` means the value is not available.
    pub fn num(text: impl Into<String>, value: Option<Decimal>) -> Cell {
        Cell {
            text: text.into(),
            sort: value.map_or(SortKey::Missing, SortKey::Num),
            tone: if value.is_some() {
                Tone::Plain
            } else {
                Tone::Muted
            },
            mark: None,
            unit: None,
        }
    }

    /// The same cell with the unit of its exact value.
    pub fn unit(mut self, unit: &'static str) -> Cell {
        self.unit = Some(unit);
        self
    }

    /// The text as drawn: the cell's text, then its mark's glyph if it has one.
    pub fn shown(&self, ascii: bool) -> String {
        match self.mark {
            Some(mark) => format!("{} {}", self.text, mark.glyph(ascii)),
            None => self.text.clone(),
        }
    }

    /// The same cell with another tone.
    pub fn tone(mut self, tone: Tone) -> Cell {
        self.tone = tone;
        self
    }

    /// The same cell with a direction glyph.
    pub fn mark(mut self, mark: Option<Mark>) -> Cell {
        self.mark = mark;
        self
    }
}

/// A row of a table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Row {
    /// Stable id (a dealer id, a region id, a metric key): the selection follows it.
    pub id: String,
    /// Lowercase text the filter searches (the row's name).
    pub search: String,
    /// The node Enter drills into, if any.
    pub drill: Option<Level>,
    /// One cell per column.
    pub cells: Vec<Cell>,
    /// A part of the row above it (EV adoption inside incremental sales): shown, never
    /// counted in a total.
    pub slice: bool,
}

impl Row {
    /// A row named `name` (what the filter matches).
    pub fn new(id: impl Into<String>, name: &str, cells: Vec<Cell>) -> Row {
        Row {
            id: id.into(),
            search: name.to_lowercase(),
            drill: None,
            cells,
            slice: false,
        }
    }

    /// The same row, drilling into `level` on Enter.
    pub fn drill(mut self, level: Level) -> Row {
        self.drill = Some(level);
        self
    }
}

/// "Total: ROI, Payback recomputed from summed parts, not added": the note of a table whose
/// total row recomputes the named columns (one wording for the screen and the exports); with
/// no names, said of its rates and ratios (where the names do not fit).
pub fn recomputed_note(names: &[&str]) -> String {
    let what = if names.is_empty() {
        "rates and ratios".to_owned()
    } else {
        names.join(", ")
    };
    format!("Total: {what} recomputed from summed parts, not added")
}

/// A table: columns, reference rows pinned on top, and the rows one can select.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// Heading.
    pub title: String,
    /// Columns, left to right.
    pub columns: Vec<Column>,
    /// Reference rows always shown above the others and never filtered, sorted or selected
    /// (e.g. the dealer group, its region and the ecosystem above the group's dealers).
    pub pinned: Vec<Row>,
    /// The rows.
    pub rows: Vec<Row>,
    /// What to say when there are no rows.
    pub empty: String,
    /// When the rows of two periods were matched by id: how many matched, were added,
    /// removed or renamed (the summary line under a compare table).
    pub matched: Option<MatchSummary>,
    /// Its first pinned row is the sum of its rows (slices left out) in every money column:
    /// the rows are then rounded to add up to the total as shown.
    pub sums: bool,
}

impl Table {
    /// A table; computes each column's width from its cells.
    pub fn new(title: &str, columns: Vec<Column>, pinned: Vec<Row>, rows: Vec<Row>) -> Table {
        let mut table = Table {
            title: title.to_owned(),
            columns,
            pinned,
            rows,
            empty: "no rows".to_owned(),
            matched: None,
            sums: false,
        };
        table.refit();
        table
    }

    /// Sets each column's width to its widest cell (after its cells' texts changed).
    pub fn refit(&mut self) {
        // One pass over the cells, row by row (a compare table of every dealer group holds
        // tens of thousands); plain ASCII text is as wide as it is long.
        let mut widths = vec![0usize; self.columns.len()];
        for row in self.pinned.iter().chain(&self.rows) {
            for (width, cell) in widths.iter_mut().zip(&row.cells) {
                let text = if cell.text.is_ascii() {
                    cell.text.len()
                } else {
                    cell.text.width()
                };
                *width = (*width).max(text + usize::from(cell.mark.is_some()) * 2);
            }
        }
        for (column, width) in self.columns.iter_mut().zip(widths) {
            column.width = width;
        }
    }

    /// The same table, its first pinned row marked as the sum of its rows (see [`Table::sums`]).
    pub fn summing(mut self) -> Table {
        self.sums = true;
        self
    }

    /// The same table, its first pinned row a total row in which the columns `recomputed` picks
    /// by key are recomputed from the summed parts (see [`Column::recomputed`]).
    pub fn recomputing(mut self, recomputed: impl Fn(&str) -> bool) -> Table {
        for column in &mut self.columns {
            column.recomputed = recomputed(&column.key);
        }
        self
    }

    /// The recomputed columns of a total row that shows them (see [`Column::recomputed`]): their
    /// indexes, left to right; none when the table has no total row.
    pub fn recomputed_columns(&self) -> Vec<usize> {
        let Some(total) = self.pinned.first() else {
            return Vec::new();
        };
        (0..self.columns.len())
            .filter(|&i| {
                self.columns[i].recomputed && total.cells.get(i).is_some_and(|c| !c.text.is_empty())
            })
            .collect()
    }

    /// What the table says under its total row when some of its columns are recomputed
    /// there: "Total: ROI, Payback recomputed from summed parts, not added".
    pub fn total_note(&self) -> Option<String> {
        let names: Vec<&str> = self
            .recomputed_columns()
            .into_iter()
            .map(|i| self.columns[i].title.as_str())
            .collect();
        (!names.is_empty()).then(|| recomputed_note(&names))
    }

    /// The same table with the summary of its rows matched between two periods.
    pub fn with_matched(mut self, summary: MatchSummary) -> Table {
        self.matched = Some(summary);
        self
    }

    /// The same table with another note for when it has no rows.
    pub fn with_empty(mut self, note: &str) -> Table {
        self.empty = note.to_owned();
        self
    }

    /// Indexes of the rows to show, in order: those whose name contains `filter`
    /// (case-insensitive), sorted by `sort` (stable, so ties keep the builder's order; missing
    /// values last in both directions).
    pub fn visible(&self, filter: &str, sort: Option<&Sort>) -> Vec<usize> {
        let needle = filter.to_lowercase();
        let mut order: Vec<usize> = (0..self.rows.len())
            .filter(|&i| needle.is_empty() || self.rows[i].search.contains(&needle))
            .collect();
        let column = sort.and_then(|s| {
            self.columns
                .iter()
                .position(|c| c.key == s.column && c.first_sort_descending.is_some())
                .map(|i| (i, s.descending))
        });
        if let Some((col, descending)) = column {
            order.sort_by(|&a, &b| {
                let (ka, kb) = (self.sort_key(a, col), self.sort_key(b, col));
                compare_keys(ka, kb, descending)
            });
        }
        order
    }

    fn sort_key(&self, row: usize, col: usize) -> &SortKey {
        static MISSING: SortKey = SortKey::Missing;
        self.rows[row].cells.get(col).map_or(&MISSING, |c| &c.sort)
    }
}

/// Orders two sort keys; missing values go last whatever the direction.
fn compare_keys(a: &SortKey, b: &SortKey, descending: bool) -> Ordering {
    let flip = |o: Ordering| if descending { o.reverse() } else { o };
    match (a, b) {
        (SortKey::Missing, SortKey::Missing) => Ordering::Equal,
        (SortKey::Missing, _) => Ordering::Greater,
        (_, SortKey::Missing) => Ordering::Less,
        (SortKey::Num(x), SortKey::Num(y)) => flip(x.cmp(y)),
        (SortKey::Text(x), SortKey::Text(y)) => flip(x.cmp(y)),
        (SortKey::Num(_), SortKey::Text(_)) => flip(Ordering::Less),
        (SortKey::Text(_), SortKey::Num(_)) => flip(Ordering::Greater),
    }
}

impl Screen {
    /// The table the selection acts on: the first table block.
    pub fn table(&self) -> Option<&Table> {
        self.blocks.iter().find_map(|block| match block {
            Block::Table(table) => Some(table),
            Block::Cards(_) | Block::Text(_) | Block::Detail(_) | Block::Waterfall(_) => None,
        })
    }
}

#[cfg(test)]
mod tests;
