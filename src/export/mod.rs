//! Writers that turn what a tab shows into text for meeting notes, spreadsheets and programs:
//! Markdown, CSV and JSON of one view ([`View`], built from the app's view model), and the
//! aligned plain-text tables of the report and `ebr attribution` ([`aligned`]).
//!
//! Every writer writes into `impl Write` and knows nothing of terminals or files; text from the
//! data passes through [`clean`] so no control byte reaches a terminal that shows the output.

pub mod aligned;
mod csv;
pub mod file;
mod markdown;
pub mod printable;
mod provenance;
mod view;

use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

pub use printable::{PrintableWriter, json_escaped, printable, printable_lines};
pub use provenance::{DataFile, Provenance, SnapshotInfo, SourceAsOf};
pub use view::{CardOut, ColumnOut, DetailOut, RowOut, StepOut, TableOut, Value, View, ViewBlock};

/// The formats a view is exported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Markdown: provenance as a list, tables as pipe tables, display strings only.
    Md,
    /// CSV: provenance as leading `#` lines, each table (and the cards, and the details) as a
    /// section under a `# section:` line; numeric columns carry their exact value beside the
    /// display string.
    Csv,
    /// JSON: everything, each number with its display string, exact value and unit (see
    /// `docs/export.schema.json`).
    Json,
    /// Tab-separated values of the main table only, for pasting into a spreadsheet.
    Tsv,
}

impl Format {
    /// Every format, in the order menus offer them.
    pub const ALL: [Format; 4] = [Format::Md, Format::Csv, Format::Json, Format::Tsv];

    /// The usual file extension, also the format's name on the command line.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Tsv => "tsv",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(text: &str) -> Result<Format, String> {
        let wanted = text.trim().to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.extension() == wanted || (wanted == "markdown" && *f == Format::Md))
            .ok_or_else(|| {
                format!("`{text}` is not an export format: expected md, csv, json or tsv")
            })
    }
}

/// Writes `view` in `format`.
pub fn write(format: Format, view: &View, out: &mut impl Write) -> io::Result<()> {
    match format {
        Format::Md => markdown::write(view, out),
        Format::Csv => csv::write(view, out),
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, view)?;
            writeln!(out)
        }
        Format::Tsv => markdown::write_tsv(view, out),
    }?;
    out.flush()
}

/// The text on one line with no control character: line breaks and tabs become spaces, every
/// other control character (C0, DEL, C1: escape sequences) U+FFFD, so data can neither move a
/// terminal's cursor nor break a line of a table.
pub fn clean(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(char::is_control) {
        text.chars()
            .map(|c| match c {
                '\n' | '\r' | '\t' => ' ',
                c if c.is_control() => '\u{FFFD}',
                c => c,
            })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests;
