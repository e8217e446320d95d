//! The handout as Markdown: the shared provenance once, then per item a heading, the budget,
//! the notes as a quote, where the view is, and the view's blocks as `ebr export` writes them.

use std::io::{self, Write};

use super::Handout;
use crate::export::markdown::write_blocks;
use crate::export::printable;

/// Writes the handout as Markdown.
pub fn write(handout: &Handout, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "# {}", printable(&handout.title))?;
    writeln!(out)?;
    for (name, value) in handout.common() {
        writeln!(out, "- {name}: {}", printable(&value))?;
    }
    for (n, page) in handout.pages.iter().enumerate() {
        writeln!(out)?;
        let budget = page
            .budget()
            .map_or_else(String::new, |b| format!(" ({b})"));
        writeln!(out, "## {}. {}{budget}", n + 1, printable(&page.title))?;
        writeln!(out)?;
        for line in page.notes.trim().lines() {
            match printable(line).trim_end() {
                "" => writeln!(out, ">")?,
                text => writeln!(out, "> {text}")?,
            }
        }
        if !page.notes.trim().is_empty() {
            writeln!(out)?;
        }
        for (name, value) in page.facts() {
            writeln!(out, "- {name}: {}", printable(&value))?;
        }
        writeln!(out)?;
        writeln!(out, "### {}", printable(&page.view.title))?;
        write_blocks(&page.view, 4, out)?;
    }
    Ok(())
}
