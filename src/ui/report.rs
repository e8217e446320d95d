//! The plain-text report written instead of the dashboard when stdout is not a terminal or
//! TERM=dumb: every tab's screen at the ecosystem level, from the same view models, as text.

use std::io::{self, Write};

use crate::app::screen::{Block, Card, Details, Mark, Row, Table, TextBlock, Waterfall};
use crate::app::{Action, App, Display, Tab};
use crate::export::aligned::Aligned;
use crate::ui::fit::{width, wrap};

/// Width paragraphs are wrapped to.
const WRAP: usize = 100;

/// Writes the report of every tab.
pub fn write(mut app: App, out: &mut impl Write) -> io::Result<()> {
    let snapshot = app.snapshot().clone();
    writeln!(out, "{} · {}", snapshot.ecosystem.name, app.period_label())?;
    let sources: Vec<String> = snapshot
        .provenance
        .sources
        .iter()
        .map(|s| format!("{} as of {}", s.name, s.as_of.format("%b %-d, %Y")))
        .collect();
    if !sources.is_empty() {
        writeln!(out, "Data: {}", sources.join("; "))?;
    }
    for tab in Tab::ALL {
        app.update(Action::GoTab(tab));
        writeln!(out)?;
        writeln!(out, "== {} ==", tab.title())?;
        for block in &app.screen().blocks {
            writeln!(out)?;
            match block {
                Block::Cards(cards) => write_cards(cards, out)?,
                Block::Table(table) => write_table(table, out)?,
                Block::Text(text) => write_text(text, out)?,
                Block::Detail(details) => write_details(details, out)?,
                Block::Waterfall(w) => write_waterfall(w, out)?,
            }
        }
    }
    out.flush()
}

/// A mark in ASCII: the report may be read anywhere.
fn mark(m: Mark) -> &'static str {
    m.glyph(true)
}

fn write_cards(cards: &[Card], out: &mut impl Write) -> io::Result<()> {
    let mark = |c: &Card| c.mark.map_or_else(String::new, |m| format!(" {}", mark(m)));
    for card in cards {
        let details: Vec<&str> = card
            .status
            .iter()
            .map(|s| s.text.as_str())
            .chain(card.detail.iter().map(String::as_str))
            .collect();
        let detail = if details.is_empty() {
            String::new()
        } else {
            format!(" ({})", details.join("; "))
        };
        let change = card
            .delta
            .as_ref()
            .map_or_else(String::new, |d| format!(" {}", d.text));
        writeln!(
            out,
            "{}: {}{}{change}{detail}",
            card.title,
            card.value,
            mark(card)
        )?;
    }
    Ok(())
}

/// A table with every column, each as wide as its widest cell (the shared aligned writer).
fn write_table(table: &Table, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{}", table.title)?;
    let row = |row: &Row| -> Vec<String> { row.cells.iter().map(|c| c.shown(true)).collect() };
    let aligned = Aligned {
        header: table.columns.iter().map(|c| c.title.clone()).collect(),
        aligns: table.columns.iter().map(|c| c.align).collect(),
        rows: table.pinned.iter().chain(&table.rows).map(row).collect(),
        rule_before: (!table.pinned.is_empty()).then_some(table.pinned.len()),
    };
    aligned.write(out)?;
    if table.rows.is_empty() {
        writeln!(out, "({})", table.empty)?;
    }
    if let Some(m) = table.matched {
        writeln!(out, "Rows matched by id: {m}")?;
    }
    if let Some(note) = table.total_note() {
        writeln!(out, "{note}.")?;
    }
    Ok(())
}

fn write_text(text: &TextBlock, out: &mut impl Write) -> io::Result<()> {
    if !text.title.is_empty() {
        writeln!(out, "{}", text.title)?;
    }
    for (i, paragraph) in text.paragraphs.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        for line in wrap(paragraph, WRAP) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// Width of a waterfall in the report: room for every step's definition.
const WATERFALL_WIDTH: u16 = 160;

/// A waterfall drawn by the terminal's widget in ASCII, line by line.
fn write_waterfall(w: &Waterfall, out: &mut impl Write) -> io::Result<()> {
    use ratatui::{buffer::Buffer, layout::Rect};
    let width = WATERFALL_WIDTH;
    let area = Rect::new(0, 0, width, crate::ui::widgets::waterfall::height(w, width));
    let mut buf = Buffer::empty(area);
    let skin = crate::ui::theme::Skin::new(Display {
        colour: false,
        ascii: true,
    });
    crate::ui::widgets::waterfall::render(w, area, &mut buf, &skin);
    for y in area.top()..area.bottom() {
        let line: String = (area.left()..area.right())
            .map(|x| buf[(x, y)].symbol())
            .collect();
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Longest bar of a detail in the report.
const REPORT_BAR: usize = 30;

/// Every row's detail (the report has no selection): title, `#` bars, lines.
fn write_details(details: &Details, out: &mut impl Write) -> io::Result<()> {
    for (n, detail) in details.items.iter().enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}", detail.title)?;
        let label = detail
            .bars
            .iter()
            .map(|b| width(&b.label))
            .max()
            .unwrap_or(0);
        let text = detail
            .bars
            .iter()
            .map(|b| width(&b.text))
            .max()
            .unwrap_or(0);
        let max = detail
            .bars
            .iter()
            .map(|b| b.value)
            .max()
            .unwrap_or_default();
        for bar in &detail.bars {
            let cells = crate::ui::widgets::detail::bar_cells(bar.value, max, REPORT_BAR);
            let line = format!(
                "{}{}  {}{}  {}{}  {}",
                bar.label,
                " ".repeat(label - width(&bar.label)),
                "#".repeat(cells),
                " ".repeat(REPORT_BAR - cells),
                " ".repeat(text - width(&bar.text)),
                bar.text,
                bar.note
            );
            writeln!(out, "{}", line.trim_end())?;
        }
        for paragraph in &detail.lines {
            for line in wrap(paragraph, WRAP) {
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(())
}
