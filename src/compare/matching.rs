//! Matching rows of two periods by id: a dealer in both periods is one row, a dealer in one
//! period only is added or removed, a dealer whose name changed is renamed.

use std::collections::HashMap;
use std::fmt;

use crate::metrics::{Node, Segment};

/// Something a table lists, with a stable id and a display name.
pub trait Keyed {
    /// The id rows are matched by.
    fn key(&self) -> &str;
    /// The display name (a change of name under the same id is a rename).
    fn name(&self) -> &str;
}

impl Keyed for Node<'_> {
    fn key(&self) -> &str {
        self.id
    }
    fn name(&self) -> &str {
        self.name
    }
}

impl<T: Keyed + ?Sized> Keyed for &T {
    fn key(&self) -> &str {
        (**self).key()
    }
    fn name(&self) -> &str {
        (**self).name()
    }
}

impl Keyed for crate::model::Journey {
    fn key(&self) -> &str {
        self.id.as_str()
    }
    fn name(&self) -> &str {
        &self.name
    }
}

impl Keyed for crate::metrics::ToolPnl {
    fn key(&self) -> &str {
        self.id.as_str()
    }
    fn name(&self) -> &str {
        &self.name
    }
}

impl Keyed for crate::attribution::ledger::ActorRoles {
    fn key(&self) -> &str {
        self.actor.as_str()
    }
    fn name(&self) -> &str {
        &self.name
    }
}

impl Keyed for Segment {
    fn key(&self) -> &str {
        &self.key
    }
    fn name(&self) -> &str {
        &self.label
    }
}

/// One row of a compare table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowMatch<C, P> {
    /// In both periods (`renamed` when the names differ).
    Matched {
        /// The current period's row.
        current: C,
        /// The compared period's row.
        compared: P,
        /// Same id, other name.
        renamed: bool,
    },
    /// Only in the current period.
    Added(C),
    /// Only in the compared period.
    Removed(P),
}

impl<C: Keyed, P: Keyed> RowMatch<C, P> {
    /// The row's id.
    pub fn key(&self) -> &str {
        match self {
            RowMatch::Matched { current, .. } | RowMatch::Added(current) => current.key(),
            RowMatch::Removed(compared) => compared.key(),
        }
    }

    /// The name to show: the current one when the row still exists.
    pub fn name(&self) -> &str {
        match self {
            RowMatch::Matched { current, .. } | RowMatch::Added(current) => current.name(),
            RowMatch::Removed(compared) => compared.name(),
        }
    }
}

/// Counts for the summary line under a compare table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MatchSummary {
    /// Rows in both periods (renamed ones included).
    pub matched: usize,
    /// Rows only in the current period.
    pub added: usize,
    /// Rows only in the compared period.
    pub removed: usize,
    /// Matched rows whose name changed.
    pub renamed: usize,
}

impl fmt::Display for MatchSummary {
    /// "58 matched · 1 added · 1 removed · 1 renamed"
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} matched · {} added · {} removed · {} renamed",
            self.matched, self.added, self.removed, self.renamed
        )
    }
}

/// Rows matched by id: the current period's rows in their order, then the rows only the
/// compared period has, in its order. The first of two rows with the same id wins.
pub fn match_rows<C: Keyed + Clone, P: Keyed + Clone>(
    current: &[C],
    compared: &[P],
) -> Vec<RowMatch<C, P>> {
    let mut by_key: HashMap<&str, usize> = HashMap::with_capacity(compared.len());
    for (i, row) in compared.iter().enumerate() {
        by_key.entry(row.key()).or_insert(i);
    }
    let mut used = vec![false; compared.len()];
    let mut rows = Vec::with_capacity(current.len().max(compared.len()));
    for row in current {
        match by_key.get(row.key()) {
            Some(&i) if !used[i] => {
                used[i] = true;
                rows.push(RowMatch::Matched {
                    current: row.clone(),
                    compared: compared[i].clone(),
                    renamed: row.name() != compared[i].name(),
                });
            }
            _ => rows.push(RowMatch::Added(row.clone())),
        }
    }
    for (i, row) in compared.iter().enumerate() {
        // A duplicate id in the compared period is shown once, like in the current one.
        if !used[i] && by_key.get(row.key()) == Some(&i) {
            rows.push(RowMatch::Removed(row.clone()));
        }
    }
    rows
}

/// Counts the rows of a match for the summary line.
pub fn summarize<C, P>(rows: &[RowMatch<C, P>]) -> MatchSummary {
    let mut summary = MatchSummary::default();
    for row in rows {
        match row {
            RowMatch::Matched { renamed, .. } => {
                summary.matched += 1;
                summary.renamed += usize::from(*renamed);
            }
            RowMatch::Added(_) => summary.added += 1,
            RowMatch::Removed(_) => summary.removed += 1,
        }
    }
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, PartialEq)]
    struct Row(&'static str, &'static str);

    impl Keyed for Row {
        fn key(&self) -> &str {
            self.0
        }
        fn name(&self) -> &str {
            self.1
        }
    }

    #[test]
    fn added_removed_and_renamed_rows_are_told_apart() {
        let september = [
            Row("d1", "Sunset North"),
            Row("d2", "Sunset South"),
            Row("d3", "Coast Central"),
        ];
        let october = [
            Row("d1", "Sunset North"),
            Row("d3", "Coast Central Motors"),
            Row("d4", "Harbor One"),
        ];
        let rows = match_rows(&october, &september);
        let shown: Vec<String> = rows
            .iter()
            .map(|r| match r {
                RowMatch::Matched {
                    renamed: true,
                    compared,
                    ..
                } => {
                    format!("{} (renamed from {})", r.name(), compared.1)
                }
                RowMatch::Matched { .. } => r.name().to_owned(),
                RowMatch::Added(_) => format!("{} (added)", r.name()),
                RowMatch::Removed(_) => format!("{} (removed)", r.name()),
            })
            .collect();
        assert_eq!(
            shown,
            [
                "Sunset North",
                "Coast Central Motors (renamed from Coast Central)",
                "Harbor One (added)",
                "Sunset South (removed)"
            ]
        );
        let summary = summarize(&rows);
        assert_eq!(
            summary.to_string(),
            "2 matched · 1 added · 1 removed · 1 renamed"
        );
    }

    #[test]
    fn a_duplicate_id_in_the_current_period_does_not_match_twice() {
        let rows = match_rows(&[Row("a", "A"), Row("a", "A again")], &[Row("a", "A")]);
        let summary = summarize(&rows);
        assert_eq!((summary.matched, summary.added, summary.removed), (1, 1, 0));
    }
}
