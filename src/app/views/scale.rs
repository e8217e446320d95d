//! One rounding rule for money in every table, applied to every screen after it is built:
//!
//! - one scale per column: every amount of a money column is written in the same unit with the
//!   same decimals ($352.4M above $6.9M, never $352.4M beside $356M), chosen by the column's
//!   largest amount;
//! - in a table whose first pinned row is the sum of its rows ([`Table::sums`]), each money
//!   column's rows are rounded so that they add up to the total as shown (signed largest
//!   remainder); a row that is a slice of the one above ([`crate::app::screen::Row::slice`]) is
//!   shown but not counted.
//!
//! A column already on one scale in a table that does not sum (the Attribution tab apportions its
//! own) is left as it is. Cells keep their exact value for sorting; only the text changes.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::app::screen::{Cell, SortKey, Table};
use crate::metrics::format::fixed;

/// How a column writes money: in `unit`s (1, thousands, millions) with `dp` decimals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scale {
    /// What one shown unit is worth.
    pub unit: Decimal,
    /// The suffix: "", "K" or "M".
    pub suffix: &'static str,
    /// Decimals shown.
    pub dp: u32,
}

impl Scale {
    /// The scale for a column whose largest amount (in absolute value) is `largest`: at least
    /// three significant digits for it ($726K, $6.76M, $352.4M, $1,074.9M, $33.0K, $8,450).
    pub fn for_largest(largest: Decimal) -> Scale {
        let (unit, suffix) = if largest >= Decimal::from(1_000_000) {
            (Decimal::from(1_000_000), "M")
        } else if largest >= Decimal::from(10_000) {
            (Decimal::ONE_THOUSAND, "K")
        } else {
            (Decimal::ONE, "")
        };
        let whole = largest / unit;
        let dp = match suffix {
            "M" if whole >= Decimal::ONE_HUNDRED => 1,
            "M" => 2,
            "K" if whole >= Decimal::ONE_HUNDRED => 0,
            "K" => 1,
            _ => 0,
        };
        Scale { unit, suffix, dp }
    }

    /// `amount` in the scale's unit, rounded half away from zero.
    pub fn shown(&self, amount: Decimal) -> Decimal {
        let mut shown = (amount / self.unit)
            .round_dp_with_strategy(self.dp, RoundingStrategy::MidpointAwayFromZero);
        shown.rescale(self.dp);
        shown
    }

    /// The digits and suffix of a shown amount, without sign or symbol: `1,074.9M`.
    fn digits(&self, shown: Decimal) -> String {
        format!("{}{}", fixed(shown.abs(), self.dp), self.suffix)
    }
}

/// Signed parts of a sum, as shown at `scale`, adding up to the sum as shown: each part rounded
/// down to the scale's step, then the steps left handed out to the largest remainders (ties to
/// the earlier part). Returns the parts and the sum as shown.
pub fn apportion_signed(parts: &[Decimal], scale: Scale) -> (Vec<Decimal>, Decimal) {
    let step = Decimal::new(1, scale.dp);
    let exact: Vec<Decimal> = parts.iter().map(|&p| p / scale.unit).collect();
    let total = scale.shown(parts.iter().copied().sum());
    let mut shown: Vec<Decimal> = exact.iter().map(|&e| (e / step).floor() * step).collect();
    let left = ((total - shown.iter().copied().sum::<Decimal>()) / step)
        .round()
        .to_usize()
        .unwrap_or(0);
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| {
        (exact[b] - shown[b])
            .cmp(&(exact[a] - shown[a]))
            .then(a.cmp(&b))
    });
    // At most one step per part: the floors are within one step each of the exact parts.
    for &i in order.iter().take(left) {
        shown[i] += step;
    }
    for s in &mut shown {
        s.rescale(scale.dp);
    }
    (shown, total)
}

/// Where the amount is in a cell's text (after any mark such as "▲ " and before any status
/// such as " !"), with its sign: `(start, end, sign)`.
fn token(text: &str, symbol: &str) -> Option<(usize, usize, &'static str)> {
    let at = text.find(symbol)?;
    if text[at + symbol.len()..].contains(symbol) {
        // Two amounts (a band "$61K–$131K"): not one figure to rescale.
        return None;
    }
    let before = &text[..at];
    let (start, sign) = if let Some(rest) = before.strip_suffix('+') {
        (rest.len(), "+")
    } else if let Some(rest) = before.strip_suffix('\u{2212}') {
        (rest.len(), "\u{2212}")
    } else if let Some(rest) = before.strip_suffix('-') {
        (rest.len(), "-")
    } else {
        (at, "")
    };
    let after = at + symbol.len();
    let digits = text[after..]
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .map_or(text.len(), |n| after + n);
    let end = match text[digits..].chars().next() {
        Some(c @ ('K' | 'M' | 'B')) => digits + c.len_utf8(),
        _ => digits,
    };
    (digits > after).then_some((start, end, sign))
}

/// The exact amount of a money cell of this column, if it is one.
fn amount(cell: &Cell, symbol: &str) -> Option<Decimal> {
    match cell.sort {
        SortKey::Num(v) if token(&cell.text, symbol).is_some() => Some(v),
        _ => None,
    }
}

/// Rewrites the amount in a cell's text as `shown` at `scale`, keeping its mark, sign style
/// and status.
fn rewrite(cell: &mut Cell, symbol: &str, scale: Scale, shown: Decimal) {
    let Some((start, end, sign)) = token(&cell.text, symbol) else {
        return;
    };
    let sign = if shown.is_zero() {
        ""
    } else if shown < Decimal::ZERO {
        if sign == "\u{2212}" { sign } else { "-" }
    } else if sign == "+" {
        "+"
    } else {
        ""
    };
    // Nothing reads as nothing, whatever the column's scale.
    let text = if shown.is_zero() {
        format!("{symbol}0")
    } else {
        format!("{sign}{symbol}{}", scale.digits(shown))
    };
    cell.text.replace_range(start..end, &text);
}

/// Whether every amount of a column is already written on one scale (same suffix, same
/// decimals).
fn one_scale_already(cells: &[&Cell], symbol: &str) -> bool {
    let shape = |c: &Cell| {
        token(&c.text, symbol).map(|(s, e, _)| {
            let t = &c.text[s..e];
            let suffix = t.chars().last().filter(|c| c.is_ascii_alphabetic());
            let dp = t
                .rsplit_once('.')
                .map_or(0, |(_, d)| d.chars().filter(char::is_ascii_digit).count());
            (suffix, dp)
        })
    };
    let mut shapes = cells
        .iter()
        .filter_map(|c| shape(c))
        .filter(|&(suffix, dp)| !(suffix.is_none() && dp == 0));
    match shapes.next() {
        Some(first) => shapes.all(|s| s == first),
        None => true,
    }
}

/// The scale a column's amounts are written on, read from its first amount that is not zero.
fn scale_of_column(table: &Table, c: usize, symbol: &str) -> Option<Scale> {
    table
        .pinned
        .iter()
        .chain(&table.rows)
        .filter_map(|r| r.cells.get(c))
        .find_map(|cell| {
            let (start, end, _) = token(&cell.text, symbol)?;
            let t = &cell.text[start..end];
            if !t.chars().any(|ch| ch.is_ascii_digit() && ch != '0') {
                return None;
            }
            let (unit, suffix) = match t.chars().last() {
                Some('M') => (Decimal::from(1_000_000), "M"),
                Some('K') => (Decimal::ONE_THOUSAND, "K"),
                _ => (Decimal::ONE, ""),
            };
            let dp = t
                .rsplit_once('.')
                .map_or(0, |(_, d)| d.chars().filter(char::is_ascii_digit).count());
            Some(Scale {
                unit,
                suffix,
                dp: u32::try_from(dp).unwrap_or(0),
            })
        })
}

/// Applies the rule to every money column of `table` (money: its amounts are written with
/// `symbol`), then refits the column widths.
pub fn one_scale(table: &mut Table, symbol: &str) {
    let columns = table.columns.len();
    for c in 1..columns {
        let cells: Vec<&Cell> = table
            .pinned
            .iter()
            .chain(&table.rows)
            .filter_map(|r| r.cells.get(c))
            .collect();
        let amounts: Vec<Decimal> = cells.iter().filter_map(|c| amount(c, symbol)).collect();
        let compared = table.columns[c].key.ends_with(".was");
        if amounts.is_empty() || (!table.sums && !compared && one_scale_already(&cells, symbol)) {
            continue;
        }
        let largest = amounts.iter().map(|a| a.abs()).max().unwrap_or_default();
        // A compared period's column is written on the scale of the column it is compared
        // with, so "$352.4M" never stands beside "$356M".
        let base = table.columns[c]
            .key
            .strip_suffix(".was")
            .and_then(|key| table.columns.iter().position(|col| col.key == key))
            .and_then(|b| scale_of_column(table, b, symbol));
        let scale = base.unwrap_or_else(|| Scale::for_largest(largest));
        let total = table
            .pinned
            .first()
            .and_then(|r| r.cells.get(c))
            .and_then(|cell| amount(cell, symbol));
        // The rows the total adds up: not slices, and not blank in this column (a row of
        // another kind, e.g. the value no tool claims, has no cost). A row showing anything
        // else ("n/a") leaves the column rounded cell by cell.
        let counted: Vec<usize> = (0..table.rows.len())
            .filter(|&i| !table.rows[i].slice)
            .filter(|&i| {
                table.rows[i]
                    .cells
                    .get(c)
                    .is_some_and(|x| !x.text.is_empty())
            })
            .collect();
        let parts: Option<Vec<Decimal>> = counted
            .iter()
            .map(|&i| {
                table.rows[i]
                    .cells
                    .get(c)
                    .and_then(|cell| amount(cell, symbol))
            })
            .collect();
        let apportioned = match (table.sums, total, parts) {
            (true, Some(total), Some(parts))
                if !parts.is_empty() && parts.iter().copied().sum::<Decimal>() == total =>
            {
                Some(apportion_signed(&parts, scale))
            }
            _ => None,
        };
        // Each counted row's shown part, by row index; every other cell rounded on its own.
        let mut part_of = vec![None; table.rows.len()];
        if let Some((parts, _)) = &apportioned {
            for (&i, &part) in counted.iter().zip(parts) {
                part_of[i] = Some(part);
            }
        }
        let sum = apportioned.as_ref().map(|(_, sum)| *sum);
        for (r, row) in table.pinned.iter_mut().enumerate() {
            if let Some(cell) = row.cells.get_mut(c)
                && let Some(exact) = amount(cell, symbol)
            {
                let shown = sum.filter(|_| r == 0).unwrap_or_else(|| scale.shown(exact));
                rewrite(cell, symbol, scale, shown);
            }
        }
        for (row, part) in table.rows.iter_mut().zip(part_of) {
            if let Some(cell) = row.cells.get_mut(c)
                && let Some(exact) = amount(cell, symbol)
            {
                rewrite(
                    cell,
                    symbol,
                    scale,
                    part.unwrap_or_else(|| scale.shown(exact)),
                );
            }
        }
    }
    table.refit();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::screen::{Align, Column, Row};

    fn money(text: &str, exact: i64) -> Cell {
        Cell::num(text, Some(Decimal::from(exact)))
    }

    fn table(rows: &[(&str, i64)], total: (&str, i64)) -> Table {
        let columns = vec![
            Column::new("name", "Name", "Name", Align::Left, 0),
            Column::new("rev", "Revenue", "Rev", Align::Right, 1),
        ];
        let row = |(t, v): (&str, i64)| Row::new("r", "r", vec![Cell::text("r"), money(t, v)]);
        Table::new(
            "t",
            columns,
            vec![row(total)],
            rows.iter().map(|&r| row(r)).collect(),
        )
    }

    fn texts(t: &Table) -> Vec<&str> {
        t.pinned
            .iter()
            .chain(&t.rows)
            .map(|r| r.cells[1].text.as_str())
            .collect()
    }

    #[test]
    fn the_scale_keeps_three_digits_of_the_largest() {
        let s = |n: i64| Scale::for_largest(Decimal::from(n));
        assert_eq!((s(352_400_000).suffix, s(352_400_000).dp), ("M", 1));
        assert_eq!((s(6_760_000).suffix, s(6_760_000).dp), ("M", 2));
        assert_eq!((s(726_000).suffix, s(726_000).dp), ("K", 0));
        assert_eq!((s(33_000).suffix, s(33_000).dp), ("K", 1));
        assert_eq!((s(8_450).suffix, s(8_450).dp), ("", 0));
    }

    #[test]
    fn rows_are_rounded_to_add_up_to_the_total_shown() {
        // Accessory revenue of five regions: each rounded alone they read 1.46 + 1.48 + 1.41
        // + 1.27 + 1.13 = 6.75 under a total of 6.76.
        let rows = [
            ("$1.46M", 1_456_000),
            ("$1.48M", 1_482_000),
            ("$1.41M", 1_414_000),
            ("$1.27M", 1_273_000),
            ("$1.13M", 1_134_000),
        ];
        let mut t = table(&rows, ("$6.76M", 6_759_000)).summing();
        one_scale(&mut t, "$");
        // 6.759 shows 6.76; floors 1.45 + 1.48 + 1.41 + 1.27 + 1.13 = 6.74; the two steps left
        // go to the largest remainders: Northeast (.006), then Central (.004, before West).
        assert_eq!(
            texts(&t),
            ["$6.76M", "$1.46M", "$1.48M", "$1.42M", "$1.27M", "$1.13M"]
        );
    }

    #[test]
    fn one_scale_per_column_with_marks_and_signs_kept() {
        let mut t = table(
            &[("▲ +$352.4M", 352_400_000), ("= −$116K", -116_000)],
            ("$356M", 356_000_000),
        );
        one_scale(&mut t, "$");
        assert_eq!(texts(&t), ["$356.0M", "▲ +$352.4M", "= −$0.1M"]);
        // Zero reads as nothing, not "$0.0M".
        let mut t = table(&[("$0", 0), ("$5.0K", 5_000)], ("$5,000", 5_000)).summing();
        one_scale(&mut t, "$");
        assert_eq!(texts(&t), ["$5,000", "$0", "$5,000"]);
    }
}
