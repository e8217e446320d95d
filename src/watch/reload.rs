//! One reload: load the files again, off the UI thread, and say what the app should do. Valid
//! data comes back whole (with the new digests for exports' provenance); a problem comes back
//! located, with the time of the data still shown, and never replaces good data.
//!
//! The first load of a big folder's other periods ([`Reloader::loading_the_rest`]) is a reload
//! that reports its progress and always answers. Loads run on threads of lower priority than
//! the UI thread, so keys are answered while gigabytes are read.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDateTime;

use crate::app::{Action, Fresh, Loading, Stale};
use crate::compare::Scorecards;
use crate::export::DataFile;
use crate::load::{self, Diagnostic, LoadFailure};
use crate::model::{Granularity, PeriodId};

/// What a reload produced for the runtime.
#[derive(Debug)]
pub struct Outcome {
    /// For the app: [`Action::Reloaded`], [`Action::ReloadFailed`] or [`Action::Loading`];
    /// `None` when only the digests come (after the data of a first load).
    pub action: Option<Action>,
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
    /// The periods of this granularity are rolled up before new data is handed over, so the
    /// UI thread does not wait for the sparklines' roll-ups.
    warm: Option<Granularity>,
    /// Only some periods are on screen: every file is still to be loaded once.
    rest_owed: bool,
}

impl Reloader {
    /// A reloader for `paths`, whose data on screen was loaded at `loaded_at` from `files`.
    pub fn new(paths: Vec<PathBuf>, loaded_at: NaiveDateTime, files: Vec<DataFile>) -> Reloader {
        Reloader {
            paths,
            shown_since: loaded_at,
            shown: Some(files),
            warm: None,
            rest_owed: false,
        }
    }

    /// The reloader rolls up every period of `granularity` before handing new data over.
    pub fn warming(mut self, granularity: Granularity) -> Reloader {
        self.warm = Some(granularity);
        self
    }

    /// Only the periods on screen are loaded: the watch loads every file first of all
    /// ([`Reloader::load_rest`]).
    pub fn loading_the_rest(mut self) -> Reloader {
        self.rest_owed = true;
        self.shown = None;
        self
    }

    /// Whether every file is still to be loaded once.
    pub fn owes_rest(&self) -> bool {
        self.rest_owed
    }

    /// Loads every file, telling `send` how far it got ([`Action::Loading`]), then the
    /// outcome as a reload's, then (valid data only) the files' digests.
    pub fn load_rest(&mut self, now: NaiveDateTime, send: &(dyn Fn(Outcome) + Sync)) {
        self.rest_owed = false;
        let progress = |done: usize, total: usize| {
            send(Outcome {
                action: Some(Action::Loading(Loading { done, total })),
                files: None,
            });
        };
        let (outcome, loaded) = self.load(now, true, &progress);
        let valid = matches!(outcome.action, Some(Action::Reloaded(_)));
        send(outcome);
        if valid {
            self.shown_since = now;
            let files = DataFile::read_all(&loaded).unwrap_or_default();
            self.shown = Some(files.clone());
            send(Outcome {
                action: None,
                files: Some(files),
            });
        }
    }

    /// Loads the paths again at time `now`. Files byte for byte as on screen give nothing
    /// (a `touch`, an editor saving unchanged text), unless `asked` (Ctrl-R), which always
    /// answers.
    pub fn reload(&mut self, now: NaiveDateTime, asked: bool) -> Option<Outcome> {
        let (outcome, loaded) = self.load(now, false, &|_, _| {});
        if !matches!(outcome.action, Some(Action::Reloaded(_))) {
            return Some(outcome);
        }
        // A file changed again since it was loaded: the next event reloads it.
        let files = DataFile::read_all(&loaded).unwrap_or_default();
        if !asked && self.shown.as_ref() == Some(&files) {
            return None;
        }
        self.shown_since = now;
        self.shown = Some(files.clone());
        Some(Outcome {
            files: Some(files),
            ..outcome
        })
    }

    /// Loads every file on low-priority threads: a failure as an outcome, or the new data
    /// (digests not read yet) and the files it came from. `first` words a failure
    /// as the first load's.
    fn load(
        &mut self,
        now: NaiveDateTime,
        first: bool,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> (Outcome, Vec<(PathBuf, PeriodId)>) {
        let failed = |this: &mut Reloader, problem: String, more: usize| {
            this.shown = None;
            (
                Outcome {
                    action: Some(Action::ReloadFailed(Box::new(Stale {
                        problem,
                        more,
                        shown_since: this.shown_since,
                        first_load: first,
                    }))),
                    files: None,
                },
                Vec::new(),
            )
        };
        let listing = match load::list(&self.paths) {
            Ok(listing) => listing,
            Err(usage) => return failed(self, usage.to_string(), 0),
        };
        let total = listing.files.len();
        let warm = self.warm;
        let work = move || {
            let set = load::load_listed(listing, &|done| progress(done, total));
            let loaded: Vec<_> = set
                .files
                .iter()
                .flatten()
                .map(|l| (l.file.clone(), l.snapshot.period.id))
                .collect();
            let cards = set.into_library().map(|(library, _warnings)| {
                let cards = Scorecards::new(Arc::new(library));
                if let Some(granularity) = warm {
                    cards.warm(granularity);
                }
                cards
            });
            (cards, loaded)
        };
        let (cards, loaded) = match background_pool() {
            Some(pool) => pool.install(work),
            None => work(),
        };
        let cards = match cards {
            Ok(cards) => cards,
            Err(LoadFailure::Usage(usage)) => return failed(self, usage.to_string(), 0),
            Err(LoadFailure::Invalid(diagnostics)) => {
                let errors: Vec<&Diagnostic> =
                    diagnostics.iter().filter(|d| d.is_error()).collect();
                let first = errors.first().map_or_else(String::new, |d| short(d));
                return failed(self, first, errors.len().saturating_sub(1));
            }
        };
        (
            Outcome {
                action: Some(Action::Reloaded(Fresh {
                    cards: Arc::new(cards),
                    at: now,
                })),
                files: None,
            },
            loaded,
        )
    }
}

/// A thread per core, each of lower priority than the UI thread (a per-thread nice value on
/// Linux), so that a key is answered at once however much is being loaded; `None` when the
/// threads cannot be made (the load then runs on the shared pool).
fn background_pool() -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("ebr-load-{i}"))
        .start_handler(|_| {
            // Best effort: where a thread's priority cannot be lowered it loads all the same.
            #[cfg(target_os = "linux")]
            let _ = rustix::process::setpriority_process(None, 10);
        })
        .build()
        .ok()
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
