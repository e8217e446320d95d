//! Aligned plain-text tables: every column as wide as its widest cell, two spaces between
//! columns, trailing spaces trimmed, an optional rule of `-` above one row. The plain-text
//! report and `ebr attribution` both write their tables this way.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::printable;
use crate::app::screen::Align;

/// A table to write: a header, rows and where a rule goes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Aligned {
    /// Column headers.
    pub header: Vec<String>,
    /// How each column's text sits; columns beyond this list are left-aligned.
    pub aligns: Vec<Align>,
    /// The rows, one string per column.
    pub rows: Vec<Vec<String>>,
    /// A rule of `-` is drawn above the row of this index (`rows.len()`: under the last).
    pub rule_before: Option<usize>,
}

impl Aligned {
    /// Writes the table.
    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        let clean_row = |row: &[String]| -> Vec<String> {
            row.iter().map(|c| printable(c).into_owned()).collect()
        };
        let header = clean_row(&self.header);
        let rows: Vec<Vec<String>> = self.rows.iter().map(|r| clean_row(r)).collect();
        let columns = rows
            .iter()
            .map(Vec::len)
            .chain([header.len()])
            .max()
            .unwrap_or(0);
        let widths: Vec<usize> = (0..columns)
            .map(|c| {
                rows.iter()
                    .chain([&header])
                    .map(|r| r.get(c).map_or(0, |s| s.width()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |cells: &[String]| -> String {
            let parts: Vec<String> = cells
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(c, (text, w))| {
                    let pad = " ".repeat(w.saturating_sub(text.width()));
                    match self.aligns.get(c).copied().unwrap_or_default() {
                        Align::Left => format!("{text}{pad}"),
                        Align::Right => format!("{pad}{text}"),
                    }
                })
                .collect();
            parts.join("  ").trim_end().to_owned()
        };
        writeln!(out, "{}", line(&header))?;
        let rule = "-".repeat(widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1));
        for (i, row) in rows.iter().enumerate() {
            if self.rule_before == Some(i) {
                writeln!(out, "{rule}")?;
            }
            writeln!(out, "{}", line(row))?;
        }
        if self.rule_before == Some(rows.len()) {
            writeln!(out, "{rule}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_and_the_rule_spans_them() {
        let table = Aligned {
            header: vec!["channel".into(), "value".into()],
            aligns: vec![Align::Left, Align::Right],
            rows: vec![
                vec!["search".into(), "12.5".into()],
                vec!["TOTAL".into(), "1000".into()],
            ],
            rule_before: Some(1),
        };
        let mut out = Vec::new();
        table.write(&mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "channel  value\nsearch    12.5\n--------------\nTOTAL     1000\n"
        );
    }

    #[test]
    fn control_bytes_of_the_data_never_reach_the_output() {
        let table = Aligned {
            header: vec!["name".into()],
            aligns: vec![],
            rows: vec![vec!["a\u{1b}[2Jb".into()]],
            rule_before: None,
        };
        let mut out = Vec::new();
        table.write(&mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "name\na\\u{1b}[2Jb\n");
    }
}
