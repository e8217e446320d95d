//! Writers that turn what a tab shows into text for meeting notes, spreadsheets and programs:
//! Markdown, CSV and JSON of one view ([`View`], built from the app's view model), and the
//! aligned plain-text tables of the report and `ebr attribution` ([`aligned`]); an agenda's
//! views in one Markdown or HTML [`handout`].
//!
//! Every writer writes into `impl Write` and knows nothing of terminals or files; text from the
//! data passes through [`printable`] so no control byte reaches a terminal that shows the output.

pub mod aligned;
mod csv;
pub mod file;
pub mod handout;
mod markdown;
pub mod played;
pub mod printable;
mod provenance;
pub mod rehearsal;
mod view;

use std::io::{self, Write};

pub use printable::{PrintableWriter, json_escaped, printable, printable_lines};
pub use provenance::{DataFile, Provenance, SnapshotInfo, SourceAsOf};
pub use view::{CardOut, ColumnOut, DetailOut, RowOut, StepOut, TableOut, Value, View, ViewBlock};

/// The formats a view is exported in (declared beside the app's effects, which name them).
pub use crate::app::ExportFormat as Format;

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

#[cfg(test)]
mod tests;
