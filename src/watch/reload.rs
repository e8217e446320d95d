//! One reload: load the files again, off the UI thread, and say what the app should do. Valid
//! data comes back whole (with the new digests for exports' provenance); a problem comes back
//! located, with the time of the data still shown, and never replaces good data.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDateTime;

use crate::app::{Action, Fresh, Stale};
use crate::export::DataFile;
use crate::load::{self, Diagnostic, LoadFailure};

/// What a reload produced for the runtime.
#[derive(Debug)]
pub struct Outcome {
    /// For the app: [`Action::Reloaded`] or [`Action::ReloadFailed`].
    pub action: Action,
    /// The data files with their digests after a valid reload, for exports' provenance.
    pub files: Option<Vec<DataFile>>,
}

/// The paths to load and what is known of the data on screen.
#[derive(Debug)]
pub struct Reloader {
    paths: Vec<PathBuf>,
    /// When the data on screen was loaded.
    shown_since: NaiveDateTime,
    /// The digests of the files on screen; `None` while a problem is shown.
    shown: Option<Vec<DataFile>>,
}

impl Reloader {
    /// A reloader for `paths`, whose data on screen was loaded at `loaded_at` from `files`.
    pub fn new(paths: Vec<PathBuf>, loaded_at: NaiveDateTime, files: Vec<DataFile>) -> Reloader {
        Reloader {
            paths,
            shown_since: loaded_at,
            shown: Some(files),
        }
    }

    /// Loads the paths again at time `now`. Files byte for byte as on screen give nothing
    /// (a `touch`, an editor saving unchanged text), unless `asked` (Ctrl-R), which always
    /// answers.
    pub fn reload(&mut self, now: NaiveDateTime, asked: bool) -> Option<Outcome> {
        let failed = |this: &mut Reloader, problem: String, more: usize| {
            this.shown = None;
            Some(Outcome {
                action: Action::ReloadFailed(Box::new(Stale {
                    problem,
                    more,
                    shown_since: this.shown_since,
                })),
                files: None,
            })
        };
        let set = match load::load_set(&self.paths) {
            Ok(set) => set,
            Err(usage) => return failed(self, usage.to_string(), 0),
        };
        let loaded: Vec<_> = set
            .files
            .iter()
            .flatten()
            .map(|l| (l.file.clone(), l.snapshot.period.id))
            .collect();
        let library = match set.into_library() {
            Ok((library, _warnings)) => library,
            Err(LoadFailure::Usage(usage)) => return failed(self, usage.to_string(), 0),
            Err(LoadFailure::Invalid(diagnostics)) => {
                let errors: Vec<&Diagnostic> =
                    diagnostics.iter().filter(|d| d.is_error()).collect();
                let first = errors.first().map_or_else(String::new, |d| short(d));
                return failed(self, first, errors.len().saturating_sub(1));
            }
        };
        // A file changed again since it was loaded: the next event reloads it.
        let files = DataFile::read_all(&loaded).unwrap_or_default();
        if !asked && self.shown.as_ref() == Some(&files) {
            return None;
        }
        self.shown_since = now;
        self.shown = Some(files.clone());
        Some(Outcome {
            action: Action::Reloaded(Fresh {
                library: Arc::new(library),
                at: now,
            }),
            files: Some(files),
        })
    }
}

/// A problem as the banner words it: `name:line:col: field: message`, the file by its name
/// only, so that the message has room on the one line the banner has.
fn short(diagnostic: &Diagnostic) -> String {
    let name = diagnostic.file.file_name().map_or_else(
        || diagnostic.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let at = diagnostic
        .position
        .map_or_else(String::new, |p| format!(":{}:{}", p.line, p.column));
    let field = if diagnostic.path.is_empty() {
        String::new()
    } else {
        format!(" {}:", diagnostic.path)
    };
    format!("{name}{at}:{field} {}", diagnostic.message)
}
