//! The handout as one HTML page that needs nothing else: the style sheet inline, no script,
//! no address of anything to fetch, a page break before each item when printed. The markup
//! is also well-formed XML (every element closed, attributes quoted), so any XML parser reads
//! it; every text from the data is escaped.

use std::io::{self, Write};

use super::{Handout, Page};
use crate::export::printable;
use crate::export::view::{CardOut, DetailOut, StepOut, TableOut, ViewBlock};

/// The style sheet, written into the page.
const STYLE: &str = include_str!("style.css");

/// Text for an HTML text node or attribute: shown controls (see [`printable`]) and the five
/// characters markup gives a meaning to, as references.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in printable(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Writes the handout as HTML.
pub fn write(handout: &Handout, out: &mut impl Write) -> io::Result<()> {
    let title = esc(&handout.title);
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\">")?;
    writeln!(out, "<head>")?;
    writeln!(out, "<meta charset=\"utf-8\" />")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />"
    )?;
    writeln!(out, "<title>{title}</title>")?;
    writeln!(out, "<style>\n{STYLE}</style>")?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")?;
    writeln!(out, "<header>")?;
    writeln!(out, "<h1>{title}</h1>")?;
    facts(&handout.common(), out)?;
    writeln!(out, "</header>")?;
    for (n, page) in handout.pages.iter().enumerate() {
        item(n + 1, page, out)?;
    }
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}

/// Provenance as a definition list.
fn facts(lines: &[(&'static str, String)], out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "<dl class=\"facts\">")?;
    for (name, value) in lines {
        writeln!(out, "<dt>{}</dt><dd>{}</dd>", esc(name), esc(value))?;
    }
    writeln!(out, "</dl>")
}

/// One agenda item: its section, heading, notes, where it is, and the view's blocks.
fn item(number: usize, page: &Page, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "<section class=\"item\" id=\"item-{number}\">")?;
    let budget = page.budget().map_or_else(String::new, |b| {
        format!(" <span class=\"budget\">({})</span>", esc(&b))
    });
    writeln!(out, "<h2>{number}. {}{budget}</h2>", esc(&page.title))?;
    let notes = page.notes.trim();
    if !notes.is_empty() {
        writeln!(out, "<div class=\"notes\">")?;
        for paragraph in notes.split("\n\n").filter(|p| !p.trim().is_empty()) {
            let lines: Vec<String> = paragraph.trim().lines().map(esc).collect();
            writeln!(out, "<p>{}</p>", lines.join("<br />"))?;
        }
        writeln!(out, "</div>")?;
    }
    facts(&page.facts(), out)?;
    writeln!(out, "<h3>{}</h3>", esc(&page.view.title))?;
    for block in &page.view.blocks {
        match block {
            ViewBlock::Cards { cards } => write_cards(cards, out)?,
            ViewBlock::Table(table) => write_table(table, out)?,
            ViewBlock::Text { title, paragraphs } => {
                if !title.is_empty() {
                    writeln!(out, "<h4>{}</h4>", esc(title))?;
                }
                for p in paragraphs {
                    writeln!(out, "<p>{}</p>", esc(p))?;
                }
            }
            ViewBlock::Detail { items } => write_details(items, out)?,
            ViewBlock::Waterfall {
                title,
                steps,
                lines,
            } => write_waterfall(title, steps, lines, out)?,
        }
    }
    writeln!(out, "</section>")
}

fn write_cards(cards: &[CardOut], out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "<div class=\"cards\">")?;
    for c in cards {
        writeln!(out, "<div class=\"card\">")?;
        writeln!(out, "<div class=\"title\">{}</div>", esc(&c.title))?;
        writeln!(out, "<div class=\"value\">{}</div>", esc(&c.value))?;
        if let Some(change) = &c.change {
            writeln!(out, "<p class=\"change\">{}</p>", esc(&change.text))?;
        }
        if let Some(status) = &c.status {
            writeln!(out, "<p class=\"status\">{}</p>", esc(status))?;
        }
        for line in &c.detail {
            writeln!(out, "<p class=\"detail\">{}</p>", esc(line))?;
        }
        writeln!(out, "</div>")?;
    }
    writeln!(out, "</div>")
}

/// A table; each row says its id and each cell its column's key, so a reader (or a test) can
/// find a figure without counting columns.
fn write_table(table: &TableOut, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "<div class=\"scroll\">")?;
    writeln!(out, "<table>")?;
    writeln!(out, "<caption>{}</caption>", esc(&table.title))?;
    write!(out, "<thead><tr>")?;
    for c in &table.columns {
        let class = if c.align == "right" {
            " class=\"num\""
        } else {
            ""
        };
        write!(
            out,
            "<th data-key=\"{}\"{class}>{}</th>",
            esc(&c.key),
            esc(&c.title)
        )?;
    }
    writeln!(out, "</tr></thead>")?;
    writeln!(out, "<tbody>")?;
    for row in &table.rows {
        let pinned = if row.pinned { " class=\"pinned\"" } else { "" };
        write!(out, "<tr data-row=\"{}\"{pinned}>", esc(&row.id))?;
        for (column, cell) in table.columns.iter().zip(&row.cells) {
            let class = if column.align == "right" {
                " class=\"num\""
            } else {
                ""
            };
            write!(
                out,
                "<td data-key=\"{}\"{class}>{}</td>",
                esc(&column.key),
                esc(&cell.text)
            )?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")?;
    writeln!(out, "</div>")?;
    if table.rows.is_empty() {
        writeln!(out, "<p class=\"empty\">{}</p>", esc(&table.empty))?;
    }
    if let Some(matched) = &table.matched {
        writeln!(
            out,
            "<p class=\"matched\">Rows matched by id: {}</p>",
            esc(matched)
        )?;
    }
    if let Some(note) = &table.note {
        writeln!(out, "<p class=\"matched\">{}.</p>", esc(note))?;
    }
    Ok(())
}

fn write_details(items: &[DetailOut], out: &mut impl Write) -> io::Result<()> {
    for d in items {
        writeln!(out, "<h4>{}</h4>", esc(&d.title))?;
        writeln!(out, "<ul>")?;
        for bar in &d.bars {
            writeln!(
                out,
                "<li>{}: {} {}</li>",
                esc(&bar.label),
                esc(&bar.text),
                esc(&bar.note)
            )?;
        }
        for line in &d.lines {
            writeln!(out, "<li>{}</li>", esc(line))?;
        }
        writeln!(out, "</ul>")?;
    }
    Ok(())
}

fn write_waterfall(
    title: &str,
    steps: &[StepOut],
    lines: &[String],
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(out, "<table>")?;
    writeln!(out, "<caption>{}</caption>", esc(title))?;
    writeln!(
        out,
        "<thead><tr><th>Step</th><th class=\"num\">Amount</th><th>Note</th></tr></thead>"
    )?;
    writeln!(out, "<tbody>")?;
    for step in steps {
        writeln!(
            out,
            "<tr class=\"{}\"><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(&step.flow),
            esc(&step.label),
            esc(&step.text),
            esc(&step.note)
        )?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")?;
    for line in lines {
        writeln!(out, "<p>{}</p>", esc(line))?;
    }
    Ok(())
}
