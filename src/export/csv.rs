//! CSV of a view: provenance as leading `#` lines (spreadsheet and dataframe readers skip
//! them: `pandas.read_csv(comment="#")`), then one section per block, each under a
//! `# section: <title>` line and its own header row. A numeric column is followed by a column
//! of its exact values, headed `<title> [<unit>]`.

use std::io::{self, Write};

use super::view::{TableOut, ViewBlock};
use super::{View, printable};

/// Writes the view as CSV.
pub fn write(view: &View, out: &mut impl Write) -> io::Result<()> {
    for (name, value) in view.provenance.lines() {
        writeln!(out, "# {name}: {}", printable(&value))?;
    }
    writeln!(out, "# view: {}", printable(&view.title))?;
    for block in &view.blocks {
        match block {
            ViewBlock::Cards { cards } => {
                let mut records = vec![header(&["card", "value", "change", "change [value]"])];
                records[0].extend(["change [unit]", "status", "detail"].map(str::to_owned));
                for c in cards {
                    let change = c.change.as_ref();
                    records.push(vec![
                        c.title.clone(),
                        c.value.clone(),
                        change.map_or_else(String::new, |v| v.text.clone()),
                        change.and_then(|v| v.value.clone()).unwrap_or_default(),
                        change.and_then(|v| v.unit.clone()).unwrap_or_default(),
                        c.status.clone().unwrap_or_default(),
                        c.detail.join("; "),
                    ]);
                }
                section(out, "cards", &records)?;
            }
            ViewBlock::Table(table) => {
                section(out, &table.title, &table_records(table))?;
                if let Some(note) = &table.note {
                    writeln!(out, "# note: {}", printable(note))?;
                }
            }
            ViewBlock::Text { .. } => {}
            ViewBlock::Waterfall { title, steps, .. } => {
                let mut records = vec![header(&["step", "text", "from", "to", "flow"])];
                records[0].push("note".to_owned());
                for s in steps {
                    records.push(vec![
                        s.label.clone(),
                        s.text.clone(),
                        s.from.clone(),
                        s.to.clone(),
                        s.flow.clone(),
                        s.note.clone(),
                    ]);
                }
                section(out, &format!("waterfall: {title}"), &records)?;
            }
            ViewBlock::Detail { items } => {
                let mut records = vec![header(&["row", "detail", "label", "text", "value"])];
                records[0].push("note".to_owned());
                for d in items {
                    for b in &d.bars {
                        records.push(vec![
                            d.row.clone(),
                            d.title.clone(),
                            b.label.clone(),
                            b.text.clone(),
                            b.value.clone(),
                            b.note.clone(),
                        ]);
                    }
                }
                if records.len() > 1 {
                    section(out, "details", &records)?;
                }
            }
        }
    }
    Ok(())
}

fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|&n| n.to_owned()).collect()
}

/// The records of a table: the header, then one per row (`pinned` or `row`, the id, then each
/// column's display string and, for numeric columns, its exact value).
pub fn table_records(table: &TableOut) -> Vec<Vec<String>> {
    let mut head = header(&["row", "id"]);
    for c in &table.columns {
        head.push(c.title.clone());
        if c.numeric {
            head.push(format!(
                "{} [{}]",
                c.title,
                c.unit.as_deref().unwrap_or("value")
            ));
        }
    }
    let mut records = vec![head];
    for row in &table.rows {
        let kind = if row.pinned { "pinned" } else { "row" };
        let mut record = vec![kind.to_owned(), row.id.clone()];
        for (c, v) in table.columns.iter().zip(&row.cells) {
            record.push(v.text.clone());
            if c.numeric {
                record.push(v.value.clone().unwrap_or_default());
            }
        }
        records.push(record);
    }
    records
}

/// A `# section:` line, then the records.
fn section(out: &mut impl Write, title: &str, records: &[Vec<String>]) -> io::Result<()> {
    writeln!(out, "# section: {}", printable(title))?;
    let mut writer = ::csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(&mut *out);
    for record in records {
        let cleaned = record.iter().map(|f| printable(f).into_owned());
        writer
            .write_record(cleaned)
            .map_err(|e| io::Error::other(e.to_string()))?;
    }
    writer.flush()
}
