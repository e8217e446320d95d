//! Agendas: the views of a review in order, each with a title, speaker notes and a time
//! budget, read from a TOML file (`*.agenda.toml`, documented in `docs/agenda.md`).
//!
//! - [`file`]: the file's types, as written (serde, JSON Schema).
//! - [`resolve`](mod@resolve): items against the loaded data, into absolute views.
//! - [`capture`]: the view on screen appended to an agenda file as a new item.
//!
//! Every problem is reported like the snapshot loader's, `file:line:col: error: path:
//! message`, before any terminal is touched: a syntax error, an unknown field, and an item
//! that no longer resolves (a dealer that closed, a period that is not loaded).

pub mod capture;
pub mod file;
pub mod resolve;

use std::path::{Path, PathBuf};

use crate::app::AgendaItem;
use crate::load::{self, Diagnostic, Format, Severity};
use crate::model::Library;

pub use file::{AgendaFile, ItemSpec};

/// The file-name ending of agenda files; folder scans for snapshots skip them.
pub const SUFFIX: &str = load::AGENDA_SUFFIX;

/// Largest agenda file read (1 MiB): an agenda is a page of text, not data.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// An agenda whose every item resolved against the loaded data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Agenda {
    /// The file it came from.
    pub file: PathBuf,
    /// The review's name, if the file gives one.
    pub title: Option<String>,
    /// The items, resolved.
    pub items: Vec<AgendaItem>,
    /// The file as written (for the line of each item).
    pub spec: AgendaFile,
}

/// Reads an agenda file and resolves it against `library`.
pub fn load(path: &Path, library: &Library) -> Result<Agenda, Vec<Diagnostic>> {
    let whole = |message: String| {
        vec![Diagnostic {
            severity: Severity::Error,
            file: path.to_path_buf(),
            position: None,
            path: String::new(),
            message,
        }]
    };
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(whole("is a folder, expected an agenda file".into()));
        }
        Ok(meta) if !meta.is_file() => {
            return Err(whole(format!(
                "is {}, expected an agenda file",
                load::special_kind(&meta)
            )));
        }
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            return Err(whole(format!(
                "the file is {} bytes, above the limit of {MAX_FILE_BYTES} for an agenda",
                meta.len()
            )));
        }
        Ok(_) => {}
        Err(e) => return Err(whole(format!("cannot read the agenda: {e}"))),
    }
    let bytes = std::fs::read(path).map_err(|e| whole(format!("cannot read the agenda: {e}")))?;
    let text = load::utf8_text(&bytes, path, "a TOML agenda").map_err(|d| vec![d])?;
    parse(text, path, library)
}

/// Parses and resolves an agenda text; `file` is what diagnostics call it.
pub fn parse(text: &str, file: &Path, library: &Library) -> Result<Agenda, Vec<Diagnostic>> {
    let spec: AgendaFile = load::from_toml(text, file).map_err(|d| vec![d])?;
    if spec.items.is_empty() {
        return Err(vec![located(
            text,
            file,
            "items",
            "the agenda has no items: expected at least one [[items]] with a title".into(),
        )]);
    }
    match resolve::resolve(library, &spec.items) {
        Ok(items) => Ok(Agenda {
            file: file.to_path_buf(),
            title: spec.title.clone(),
            items,
            spec,
        }),
        Err(problems) => Err(problems
            .into_iter()
            .map(|p| located(text, file, &p.path, p.message))
            .collect()),
    }
}

/// A problem at a field path of the agenda text, with its line and column.
fn located(text: &str, file: &Path, path: &str, message: String) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        file: file.to_path_buf(),
        position: Some(load::locate(text, Format::Toml, path)),
        path: path.to_owned(),
        message,
    }
}

#[cfg(test)]
mod tests;
