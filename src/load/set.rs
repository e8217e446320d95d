//! Loading a set of files and folders: expanding folders, loading files in parallel, and the
//! checks that span files (one ecosystem, one currency, one snapshot per period).

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::diagnostic::{Diagnostic, FileReport, LoadFailure, Severity, UsageError};
use super::parse::starts_of;
use super::path::{FieldPath, Seg};
use super::{Format, Loaded, Position, load_file};
use crate::model::{Library, PeriodId};

/// The outcome of loading a set of paths: each file's result, in path order, and the problems
/// that concern the set as a whole (or a folder without snapshots).
#[derive(Debug)]
pub struct LoadSet {
    /// Each snapshot file found, in the order named (a folder's files sorted by path).
    pub files: Vec<Result<Loaded, FileReport>>,
    /// Problems across files: mixed currencies or ecosystems, two snapshots of one period, a
    /// folder with no snapshot files.
    pub set_problems: Vec<Diagnostic>,
}

impl LoadSet {
    /// Every diagnostic, errors and warnings: file by file, then those of the set.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.files
            .iter()
            .flat_map(|f| match f {
                Ok(loaded) => loaded.warnings.iter(),
                Err(report) => report.diagnostics.iter(),
            })
            .chain(&self.set_problems)
    }

    /// Whether nothing in the set is an error (warnings allowed).
    pub fn is_valid(&self) -> bool {
        !self.diagnostics().any(Diagnostic::is_error)
    }

    /// The library of every snapshot and the warnings, or every diagnostic when any is an
    /// error.
    pub fn into_library(self) -> Result<(Library, Vec<Diagnostic>), LoadFailure> {
        if !self.is_valid() {
            return Err(LoadFailure::Invalid(self.diagnostics().cloned().collect()));
        }
        let mut library = Library::new();
        let mut warnings = Vec::new();
        for loaded in self.files.into_iter().flatten() {
            let file = loaded.file.clone();
            warnings.extend(loaded.warnings);
            if let Err(duplicate) = library.insert(loaded.snapshot) {
                // Already refused by the set checks; kept so the library can never be wrong.
                return Err(LoadFailure::Invalid(vec![Diagnostic::whole_file(
                    Severity::Error,
                    &file,
                    duplicate.to_string(),
                )]));
            }
        }
        warnings.extend(self.set_problems);
        Ok((library, warnings))
    }
}

/// Loads snapshot files and folders into a [`Library`]; the warnings come back beside it.
pub fn load_paths(paths: &[PathBuf]) -> Result<(Library, Vec<Diagnostic>), LoadFailure> {
    load_set(paths)?.into_library()
}

/// Loads every snapshot file named or found in the named folders (recursively; files that do
/// not end in `.toml` or `.json` and hidden entries are skipped), in parallel.
pub fn load_set(paths: &[PathBuf]) -> Result<LoadSet, UsageError> {
    Ok(load_listed(list(paths)?, &|_| {}))
}

/// The snapshot files a set of paths names, before any is read.
#[derive(Clone, Debug, Default)]
pub struct Listing {
    /// Each snapshot file, in the order named (a folder's files sorted by path), each once.
    pub files: Vec<PathBuf>,
    /// Folders that cannot be read or hold no snapshot file.
    pub problems: Vec<Diagnostic>,
}

/// Lists the snapshot files named or found in the named folders (see [`load_set`]), reading
/// none of them.
pub fn list(paths: &[PathBuf]) -> Result<Listing, UsageError> {
    if paths.is_empty() {
        return Err(UsageError::NoPaths);
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => UsageError::NotFound(path.clone()),
            _ => UsageError::Unreadable(path.clone(), e.to_string()),
        })?;
        if meta.is_dir() {
            let before = files.len();
            collect_folder(path, &mut files, &mut problems);
            files[before..].sort();
            if files.len() == before {
                problems.push(Diagnostic::whole_file(
                    Severity::Error,
                    path,
                    "found no snapshot files in this folder: expected files ending in .toml or .json".to_owned(),
                ));
            }
        } else if Format::of_path(path).is_some() {
            files.push(path.clone());
        } else {
            return Err(UsageError::UnsupportedExtension(path.clone()));
        }
    }
    // The same file named twice (directly and through its folder) is loaded once.
    let mut seen = HashSet::new();
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    Ok(Listing { files, problems })
}

/// Loads the listed files in parallel (on the current rayon pool) and checks them across
/// files; `progress` is told how many files are done after each one.
pub fn load_listed(listing: Listing, progress: &(dyn Fn(usize) + Sync)) -> LoadSet {
    let done = AtomicUsize::new(0);
    let outcomes: Vec<Result<Loaded, FileReport>> = listing
        .files
        .par_iter()
        .map(|f| {
            let outcome = load_file(f);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1);
            outcome
        })
        .collect();
    let mut set_problems = listing.problems;
    set_problems.extend(across_files(&outcomes));
    LoadSet {
        files: outcomes,
        set_problems,
    }
}

/// Adds the snapshot files under `folder` (not following links to folders), skipping agendas.
/// A folder that cannot be read is an error, not a silent gap in the data.
fn collect_folder(folder: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<Diagnostic>) {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(Diagnostic::whole_file(
                Severity::Error,
                folder,
                format!("cannot read this folder: {e}"),
            ));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                problems.push(Diagnostic::whole_file(
                    Severity::Error,
                    folder,
                    format!("cannot list this folder: {e}"),
                ));
                continue;
            }
        };
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        // Agendas (`*.agenda.toml`) and their rehearsals sit beside the snapshots they
        // present; they are not data.
        if name.starts_with('.') || super::is_companion(&name) {
            continue;
        }
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => collect_folder(&path, files, problems),
            Ok(_) if Format::of_path(&path).is_some() && path.is_file() => files.push(path),
            _ => {}
        }
    }
}

/// One ecosystem, one currency and one snapshot per period across the loaded files.
fn across_files(outcomes: &[Result<Loaded, FileReport>]) -> Vec<Diagnostic> {
    let loaded: Vec<&Loaded> = outcomes.iter().filter_map(|o| o.as_ref().ok()).collect();
    let Some(first) = loaded.first() else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    let mut periods: BTreeMap<PeriodId, &Path> = BTreeMap::new();
    for l in &loaded {
        let eco = &l.snapshot.ecosystem;
        let first_eco = &first.snapshot.ecosystem;
        if eco.id != first_eco.id {
            problems.push(at(
                l,
                &["ecosystem", "id"],
                format!(
                    "found `{}`, expected `{}` as in {}: the snapshots of one load must describe the same ecosystem",
                    eco.id,
                    first_eco.id,
                    first.file.display()
                ),
            ));
        }
        if eco.currency != first_eco.currency {
            problems.push(at(
                l,
                &["ecosystem", "currency"],
                format!(
                    "found `{}`, expected `{}` as in {}: the snapshots of one load must share one currency",
                    eco.currency,
                    first_eco.currency,
                    first.file.display()
                ),
            ));
        }
        let period = l.snapshot.period.id;
        if let Some(other) = periods.get(&period) {
            problems.push(at(
                l,
                &["period", "id"],
                format!(
                    "found {period} again: {} already holds the snapshot of {period}; expected one snapshot per period",
                    other.display()
                ),
            ));
        } else {
            periods.insert(period, &l.file);
        }
    }
    problems
}

/// An error at a field of a loaded file, located by reading the file again (error path only).
fn at(loaded: &Loaded, path: &[&'static str], message: String) -> Diagnostic {
    let path = FieldPath(path.iter().map(|k| Seg::Key((*k).into())).collect());
    let position = std::fs::read_to_string(&loaded.file).ok().map(|text| {
        let start = starts_of(&text, loaded.format, &[&path])[0];
        Position::of_offset(&text, start)
    });
    Diagnostic {
        severity: Severity::Error,
        file: loaded.file.clone(),
        position,
        path: path.to_string(),
        message,
    }
}
