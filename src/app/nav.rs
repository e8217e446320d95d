//! Where the selection and the scroll are in one table, and how the table is sorted.

/// The navigation state of one tab's table at one drill level: saved when drilling down and
/// restored when coming back up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Nav {
    /// Index of the selected row among the visible rows (after filter and sort).
    pub selected: usize,
    /// First visible row: a scroll hint kept so that `selected` stays on screen; the renderer
    /// clamps it to the rows that fit.
    pub offset: usize,
    /// Rows whose name contains this text (case-insensitive) are shown; empty shows all.
    pub filter: String,
    /// A row id to select once the rows are known (after a sort, a filter or a drill that went
    /// through this level), so the selection follows the row rather than the position.
    pub anchor: Option<String>,
}

impl Nav {
    /// Moves the selection by `delta` rows within `len` rows, clamped at both ends, and keeps
    /// the scroll hint so that the selection stays within a page of `page` rows.
    pub fn step(&mut self, delta: isize, len: usize, page: usize) {
        let target = self.selected.saturating_add_signed(delta);
        self.select(target, len, page);
    }

    /// Selects row `index` (clamped into `len` rows) and scrolls so it is visible.
    pub fn select(&mut self, index: usize, len: usize, page: usize) {
        self.selected = index.min(len.saturating_sub(1));
        self.follow(page);
    }

    /// Moves the selection to the next (`forward`) or previous row, wrapping around.
    pub fn wrap(&mut self, forward: bool, len: usize, page: usize) {
        if len == 0 {
            self.selected = 0;
            return;
        }
        let current = self.selected.min(len - 1);
        self.selected = if forward {
            (current + 1) % len
        } else {
            (current + len - 1) % len
        };
        self.follow(page);
    }

    /// Scrolls the hint just enough to keep the selection inside a page.
    fn follow(&mut self, page: usize) {
        let page = page.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
    }
}

/// How a table is sorted: by the column with this key, in this direction.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Sort {
    /// The column's key (see [`crate::app::screen::Column::key`]); kept by key rather than
    /// position so a sort survives drilling into a level whose table has the same column.
    pub column: String,
    /// Largest first (or Z to A).
    pub descending: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_stay_within_the_rows_and_scroll_follows() {
        let mut nav = Nav::default();
        nav.step(-1, 10, 4);
        assert_eq!((nav.selected, nav.offset), (0, 0));
        nav.step(5, 10, 4);
        assert_eq!((nav.selected, nav.offset), (5, 2));
        nav.step(100, 10, 4);
        assert_eq!((nav.selected, nav.offset), (9, 6));
        nav.step(-7, 10, 4);
        assert_eq!((nav.selected, nav.offset), (2, 2));
        nav.step(1, 0, 4);
        assert_eq!(nav.selected, 0);
    }

    #[test]
    fn wrapping_goes_round_both_ways() {
        let mut nav = Nav::default();
        nav.wrap(false, 3, 10);
        assert_eq!(nav.selected, 2);
        nav.wrap(true, 3, 10);
        assert_eq!(nav.selected, 0);
        nav.wrap(true, 0, 10);
        assert_eq!(nav.selected, 0);
    }
}
