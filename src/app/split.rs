//! The split view's two panes: the same tab built for each period, the rows of their tables
//! aligned by id so that one selection and one scroll position point at the same dealer in
//! both. A row only one period has is shown in both panes, as a placeholder where it is
//! missing; a Match column says added, removed or renamed; the tables carry the match summary.

use crate::app::screen::{Align, Block, Cell, Column, Row, Screen, SortKey, Table, Tone};
use crate::compare::{Keyed, RowMatch, match_rows, summarize};

/// The Match column's drop priority in a pane: after the first few metrics.
const MATCH_DROPS: u8 = 5;

/// A table row seen as its id and shown name, for matching.
#[derive(Clone, Copy)]
struct Named<'a>(&'a Row);

impl Keyed for Named<'_> {
    fn key(&self) -> &str {
        &self.0.id
    }
    fn name(&self) -> &str {
        self.0.cells.first().map_or("", |c| c.text.as_str())
    }
}

/// Aligns the first tables of the current period's screen (`left`) and the compared
/// period's (`right`): both get the same rows in the same order (the current period's rows,
/// then those only the compared period has), so row `i` is the same id on both sides. A
/// screen without a table (a level missing in one period) is left as it is.
pub fn align(mut left: Screen, mut right: Screen, ascii: bool) -> (Screen, Screen) {
    let (Some(li), Some(ri)) = (table_at(&left), table_at(&right)) else {
        return (left, right);
    };
    let (Block::Table(lt), Block::Table(rt)) = (&left.blocks[li], &right.blocks[ri]) else {
        return (left, right);
    };
    let current: Vec<Named<'_>> = lt.rows.iter().map(Named).collect();
    let compared: Vec<Named<'_>> = rt.rows.iter().map(Named).collect();
    let matched = match_rows(&current, &compared);
    let summary = summarize(&matched);
    let blank = if ascii { "--" } else { "—" };
    let (mut lrows, mut rrows) = (Vec::new(), Vec::new());
    for row in &matched {
        match row {
            RowMatch::Matched {
                current, compared, ..
            } => {
                lrows.push(current.0.clone());
                rrows.push(compared.0.clone());
            }
            RowMatch::Added(current) => {
                lrows.push(current.0.clone());
                rrows.push(placeholder(current.0, rt.columns.len(), blank));
            }
            RowMatch::Removed(compared) => {
                lrows.push(placeholder(compared.0, lt.columns.len(), blank));
                rrows.push(compared.0.clone());
            }
        }
    }
    let changed = summary.added + summary.removed + summary.renamed > 0;
    let rebuilt = |t: &Table, mut rows: Vec<Row>| {
        let mut columns = t.columns.clone();
        let mut pinned = t.pinned.clone();
        if changed && !columns.is_empty() {
            // Each pane is half the width: the Match column gives way to the first metrics
            // (the blank placeholders and the two names already say what changed).
            let mut column = Column::new("match", "Match", "Match", Align::Left, MATCH_DROPS);
            column.width = "removed".len();
            columns.insert(1, column);
            for row in &mut pinned {
                row.cells.insert(1.min(row.cells.len()), Cell::text(""));
            }
            for (row, m) in rows.iter_mut().zip(&matched) {
                let word = match m {
                    RowMatch::Matched { renamed: true, .. } => "renamed",
                    RowMatch::Matched { .. } => "",
                    RowMatch::Added(_) => "added",
                    RowMatch::Removed(_) => "removed",
                };
                row.cells.insert(1.min(row.cells.len()), Cell::text(word));
            }
        }
        let mut table = Table::new(&t.title, columns, pinned, rows).with_matched(summary);
        table.empty.clone_from(&t.empty);
        table
    };
    let (lt, rt) = (rebuilt(lt, lrows), rebuilt(rt, rrows));
    left.blocks[li] = Block::Table(lt);
    right.blocks[ri] = Block::Table(rt);
    (left, right)
}

fn table_at(screen: &Screen) -> Option<usize> {
    screen
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Table(_)))
}

/// Where a pane's period lacks a row: the row's name, muted, and a blank in every other
/// column (sorting last); it drills where the row drills, so Enter works from either side.
fn placeholder(row: &Row, columns: usize, blank: &str) -> Row {
    let name = row.cells.first().map_or("", |c| c.text.as_str());
    let mut cells = vec![Cell {
        text: name.to_owned(),
        sort: SortKey::Text(name.to_lowercase()),
        tone: Tone::Muted,
        mark: None,
        unit: None,
    }];
    cells.extend((1..columns).map(|_| Cell::num(blank, None)));
    Row {
        id: row.id.clone(),
        search: row.search.clone(),
        drill: row.drill.clone(),
        cells,
        slice: row.slice,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screen(rows: &[(&str, &str, i64)]) -> Screen {
        let rows = rows
            .iter()
            .map(|(id, name, v)| {
                Row::new(
                    *id,
                    name,
                    vec![
                        Cell::text(*name),
                        Cell::num(v.to_string(), Some((*v).into())),
                    ],
                )
            })
            .collect();
        let columns = vec![
            Column::new("name", "Dealer", "Dealer", Align::Left, 0),
            Column::new("leads", "Leads", "Leads", Align::Right, 1),
        ];
        Screen {
            title: "t".into(),
            blocks: vec![Block::Table(Table::new("t", columns, vec![], rows))],
        }
    }

    fn shown(screen: &Screen) -> Vec<(String, String, String, String)> {
        let table = screen.table().unwrap();
        assert_eq!(table.columns[1].title, "Match");
        table
            .rows
            .iter()
            .map(|r| {
                let c = |i: usize| r.cells[i].text.clone();
                (r.id.clone(), c(0), c(1), c(2))
            })
            .collect()
    }

    #[test]
    fn rows_line_up_by_id_with_added_removed_and_renamed_said() {
        let october = screen(&[
            ("d1", "North", 10),
            ("d3", "Central Motors", 7),
            ("d4", "Harbor", 3),
        ]);
        let september = screen(&[("d1", "North", 9), ("d2", "South", 5), ("d3", "Central", 6)]);
        let (left, right) = align(october, september, false);
        let s = |a: &str, b: &str, m: &str, c: &str| {
            (a.to_owned(), b.to_owned(), m.to_owned(), c.to_owned())
        };
        assert_eq!(
            shown(&left),
            [
                s("d1", "North", "", "10"),
                s("d3", "Central Motors", "renamed", "7"),
                s("d4", "Harbor", "added", "3"),
                s("d2", "South", "removed", "—"),
            ]
        );
        assert_eq!(
            shown(&right),
            [
                s("d1", "North", "", "9"),
                s("d3", "Central", "renamed", "6"),
                s("d4", "Harbor", "added", "—"),
                s("d2", "South", "removed", "5"),
            ]
        );
        let summary = left.table().unwrap().matched.unwrap();
        assert_eq!(
            summary.to_string(),
            "2 matched · 1 added · 1 removed · 1 renamed"
        );
        assert_eq!(right.table().unwrap().matched, Some(summary));
        // The placeholder sorts last and keeps the row's search text for the filter.
        let gone = &left.table().unwrap().rows[3];
        assert_eq!(gone.cells[2].sort, SortKey::Missing);
        assert_eq!(gone.search, "south");
        assert_eq!(gone.cells[0].sort, SortKey::Text("south".into()));
    }
}
