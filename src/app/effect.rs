//! What the app asks the runtime to do: the app reads or changes no file and no clipboard itself;
//! [`App::update`](super::App::update) queues an [`Effect`], the terminal runtime carries it
//! out and reports the outcome back as [`Action::Status`](super::Action::Status).

use std::fmt;
use std::str::FromStr;

/// The formats a view is exported in (see [`crate::export`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
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

impl ExportFormat {
    /// Every format, in the order menus offer them.
    pub const ALL: [ExportFormat; 4] = [
        ExportFormat::Md,
        ExportFormat::Csv,
        ExportFormat::Json,
        ExportFormat::Tsv,
    ];

    /// The usual file extension, also the format's name on the command line.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Md => "md",
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Tsv => "tsv",
        }
    }

    /// How a status line names it.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Md => "Markdown",
            ExportFormat::Csv => "CSV",
            ExportFormat::Json => "JSON",
            ExportFormat::Tsv => "TSV",
        }
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

impl FromStr for ExportFormat {
    type Err = String;

    fn from_str(text: &str) -> Result<ExportFormat, String> {
        let wanted = text.trim().to_ascii_lowercase();
        ExportFormat::ALL
            .into_iter()
            .find(|f| f.extension() == wanted || (wanted == "markdown" && *f == ExportFormat::Md))
            .ok_or_else(|| {
                format!("`{text}` is not an export format: expected md, csv, json or tsv")
            })
    }
}

/// Something for the runtime to do with the view on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Effect {
    /// Copy it to the clipboard (tmux's buffer, else OSC 52), within the size cap.
    Copy(ExportFormat),
    /// Save it to a new file in the working folder.
    Save(ExportFormat),
    /// Read the data files again and answer with
    /// [`Action::Reloaded`](super::Action::Reloaded) or
    /// [`Action::ReloadFailed`](super::Action::ReloadFailed).
    Reload,
    /// Append the view on screen to the agenda being presented as a new item.
    Capture,
}
