//! What the loader reports: diagnostics with a location, per-file reports, and the failures of
//! a whole load.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The data is invalid; nothing from the file (or set) may be shown.
    Error,
    /// Legal but suspicious (stale sources, a dealer without facts); the data is still used.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// A place in a file: 1-based line, and 1-based column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters (not bytes), from 1.
    pub column: usize,
}

impl Position {
    /// The line and column of byte `offset` in `text` (clamped to the text; an offset inside a
    /// multi-byte character counts as that character).
    pub fn of_offset(text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let before = &text.as_bytes()[..offset];
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        let line = memchr::memchr_iter(b'\n', before).count() + 1;
        // Count characters by their first bytes, so a cut inside a character still counts it.
        let column = before[line_start..]
            .iter()
            .filter(|b| (**b & 0xC0) != 0x80)
            .count()
            + 1;
        Position { line, column }
    }
}

/// Line starts of a text, for turning many byte offsets into positions without rescanning.
pub(crate) struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    /// Indexes the lines of `text` up to byte `limit` (positions beyond it are not needed, so
    /// a problem near the top of a large file costs no scan of the rest).
    pub fn new(text: &'t str, limit: usize) -> LineIndex<'t> {
        let head = &text.as_bytes()[..limit.min(text.len())];
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', head).map(|i| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// The position of byte `offset` (clamped to the text; exact up to the limit indexed).
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|s| *s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self.text.as_bytes()[start..offset]
            .iter()
            .filter(|b| (**b & 0xC0) != 0x80)
            .count()
            + 1;
        Position { line, column }
    }
}

/// One problem found in a snapshot file, or in a set of files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file (or folder) the problem is in.
    pub file: PathBuf,
    /// Where in the file; `None` when the problem concerns the whole file.
    pub position: Option<Position>,
    /// The field path, e.g. `dealers[3].facts.offers_accepted`; empty for the whole file.
    pub path: String,
    /// What is wrong: the offending value and what was expected.
    pub message: String,
}

impl Diagnostic {
    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// A problem with a whole file or folder, with no position or path.
    pub(crate) fn whole_file(severity: Severity, file: &Path, message: String) -> Diagnostic {
        Diagnostic {
            severity,
            file: file.to_path_buf(),
            position: None,
            path: String::new(),
            message,
        }
    }
}

/// `file:line:col: error: path: message`; the position and path are left out when unknown.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(Position { line, column }) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}: ", self.severity)?;
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

/// Everything wrong with one file that could not be loaded: at least one error, and any
/// warnings found beside it, in file order.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}: {} error(s)", file.display(), self.errors().count())]
pub struct FileReport {
    /// The file.
    pub file: PathBuf,
    /// Its problems, errors and warnings, in the order they appear in the file.
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
}

/// A command line that names something the loader cannot read at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UsageError {
    /// No file or folder was given.
    #[error("no snapshot file or folder given")]
    NoPaths,
    /// A path that does not exist.
    #[error("{}: no such file or folder", .0.display())]
    NotFound(PathBuf),
    /// A path that exists (or is a link) but cannot be inspected, e.g. a loop of symbolic links.
    #[error("{}: cannot be read: {}", .0.display(), .1)]
    Unreadable(PathBuf, String),
    /// A file named explicitly whose extension is neither `.toml` nor `.json`.
    #[error("{}: unsupported file type; snapshot files end in .toml or .json", .0.display())]
    UnsupportedExtension(PathBuf),
}

/// Why a set of snapshot files could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadFailure {
    /// The paths themselves are wrong (exit code 2 in the command line).
    #[error(transparent)]
    Usage(#[from] UsageError),
    /// The data is invalid (exit code 1): every diagnostic, errors and warnings, file by file.
    #[error("{} error(s) in the snapshot files; first: {}", count_errors(.0), first_error(.0))]
    Invalid(Vec<Diagnostic>),
}

fn count_errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.is_error()).count()
}

fn first_error(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .find(|d| d.is_error())
        .map_or_else(String::new, ToString::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "a = 1\nname = \"Zürich\" x";
        let x = text.find('x').unwrap();
        assert_eq!(
            Position::of_offset(text, x),
            Position {
                line: 2,
                column: 17
            }
        );
        assert_eq!(
            Position::of_offset(text, 0),
            Position { line: 1, column: 1 }
        );
        assert_eq!(Position::of_offset(text, 10_000).line, 2);
        let index = LineIndex::new(text, text.len());
        for offset in 0..=text.len() + 3 {
            assert_eq!(
                index.position(offset),
                Position::of_offset(text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn displays_like_a_compiler() {
        let mut d = Diagnostic {
            severity: Severity::Error,
            file: PathBuf::from("data/2026-10.toml"),
            position: Some(Position { line: 3, column: 7 }),
            path: "dealers[3].facts.offers_accepted".into(),
            message: "found 41, expected at most offers_made = 18".into(),
        };
        assert_eq!(
            d.to_string(),
            "data/2026-10.toml:3:7: error: dealers[3].facts.offers_accepted: found 41, expected at most offers_made = 18"
        );
        d.position = None;
        d.path.clear();
        d.severity = Severity::Warning;
        assert_eq!(
            d.to_string(),
            "data/2026-10.toml: warning: found 41, expected at most offers_made = 18"
        );
    }
}
