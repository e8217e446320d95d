//! Markdown of a view (provenance as a list, pipe tables, display strings), and TSV of its
//! main table for pasting into a spreadsheet.

use std::io::{self, Write};

use super::view::{TableOut, ViewBlock};
use super::{View, printable};

/// A cell of a pipe table: cleaned, with `|` escaped so it cannot end the cell.
fn cell(text: &str) -> String {
    printable(text).replace('|', "\\|")
}

/// Writes the view as Markdown.
pub fn write(view: &View, out: &mut impl Write) -> io::Result<()> {
    let p = &view.provenance;
    writeln!(out, "# {} · {}", cell(&p.ecosystem), cell(&p.tab))?;
    writeln!(out)?;
    for (name, value) in p.lines() {
        writeln!(out, "- {name}: {}", printable(&value))?;
    }
    writeln!(out)?;
    writeln!(out, "## {}", printable(&view.title))?;
    write_blocks(view, 3, out)
}

/// The view's blocks, their headings at `depth` (`###` for 3) and the details' one deeper;
/// also the body of each item of a handout.
pub fn write_blocks(view: &View, depth: usize, out: &mut impl Write) -> io::Result<()> {
    let heading = "#".repeat(depth);
    for block in &view.blocks {
        writeln!(out)?;
        match block {
            ViewBlock::Cards { cards } => {
                writeln!(out, "| Card | Value | Change | Status | Detail |")?;
                writeln!(out, "|---|--:|--:|---|---|")?;
                for c in cards {
                    let change = c.change.as_ref().map_or("", |v| v.text.as_str());
                    writeln!(
                        out,
                        "| {} | {} | {} | {} | {} |",
                        cell(&c.title),
                        cell(&c.value),
                        cell(change),
                        cell(c.status.as_deref().unwrap_or("")),
                        cell(&c.detail.join("; "))
                    )?;
                }
            }
            ViewBlock::Table(table) => write_table(table, &heading, out)?,
            ViewBlock::Text { title, paragraphs } => {
                if !title.is_empty() {
                    writeln!(out, "{heading} {}", printable(title))?;
                    writeln!(out)?;
                }
                let paragraphs: Vec<String> = paragraphs
                    .iter()
                    .map(|p| printable(p).into_owned())
                    .collect();
                writeln!(out, "{}", paragraphs.join("\n\n"))?;
            }
            ViewBlock::Waterfall {
                title,
                steps,
                lines,
            } => {
                writeln!(out, "{heading} {}", printable(title))?;
                writeln!(out)?;
                writeln!(out, "| Step | Amount | Note |")?;
                writeln!(out, "|---|--:|---|")?;
                for step in steps {
                    writeln!(
                        out,
                        "| {} | {} | {} |",
                        cell(&step.label),
                        cell(&step.text),
                        cell(&step.note)
                    )?;
                }
                for line in lines {
                    writeln!(out)?;
                    writeln!(out, "{}", printable(line))?;
                }
            }
            ViewBlock::Detail { items } => {
                for (n, d) in items.iter().enumerate() {
                    if n > 0 {
                        writeln!(out)?;
                    }
                    writeln!(out, "{heading}# {}", printable(&d.title))?;
                    writeln!(out)?;
                    for bar in &d.bars {
                        writeln!(
                            out,
                            "- {}: {} {}",
                            printable(&bar.label),
                            printable(&bar.text),
                            printable(&bar.note)
                        )?;
                    }
                    for line in &d.lines {
                        writeln!(out, "- {}", printable(line))?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// A pipe table: header, alignment row, the pinned rows then the others.
fn write_table(table: &TableOut, heading: &str, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{heading} {}", printable(&table.title))?;
    writeln!(out)?;
    let header: Vec<String> = table.columns.iter().map(|c| cell(&c.title)).collect();
    writeln!(out, "| {} |", header.join(" | "))?;
    let rule: Vec<&str> = table
        .columns
        .iter()
        .map(|c| if c.align == "right" { "--:" } else { "---" })
        .collect();
    writeln!(out, "|{}|", rule.join("|"))?;
    for row in &table.rows {
        let cells: Vec<String> = row.cells.iter().map(|v| cell(&v.text)).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    if table.rows.is_empty() {
        writeln!(out)?;
        writeln!(out, "_{}_", cell(&table.empty))?;
    }
    if let Some(matched) = &table.matched {
        writeln!(out)?;
        writeln!(out, "Rows matched by id: {}", printable(matched))?;
    }
    if let Some(note) = &table.note {
        writeln!(out)?;
        writeln!(out, "{}.", printable(note))?;
    }
    Ok(())
}

/// The main table as tab-separated display strings, header first (nothing when the view has
/// no table).
pub fn write_tsv(view: &View, out: &mut impl Write) -> io::Result<()> {
    let Some(table) = view.main_table() else {
        return Ok(());
    };
    let field = |text: &str| printable(text).into_owned();
    let header: Vec<String> = table.columns.iter().map(|c| field(&c.title)).collect();
    writeln!(out, "{}", header.join("\t"))?;
    for row in &table.rows {
        let cells: Vec<String> = row.cells.iter().map(|v| field(&v.text)).collect();
        writeln!(out, "{}", cells.join("\t"))?;
    }
    Ok(())
}
