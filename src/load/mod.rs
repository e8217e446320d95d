//! Reading snapshot files: TOML or JSON into a validated [`crate::model::Snapshot`], with every
//! problem reported by file, line, column and field path.
//!
//! - [`load_paths`]: files and folders → a [`Library`] plus warnings, or every problem.
//! - [`load_set`]: the same, keeping each file's outcome (what `ebr check` reports).
//! - [`load_file`], [`parse_str`], [`parse_bytes`]: one file or text.
//!
//! A file is read once and deserialized straight into the typed model; the semantic checks
//! then collect every problem. Locating problems (field path ↔ line and column) costs a second
//! scan of the text, paid only when there is something to report. Folders are loaded in
//! parallel. Files above [`MAX_FILE_BYTES`] are refused before being read.

mod diagnostic;
mod locate_json;
mod locate_toml;
mod messages;
mod parse;
mod path;
pub mod peek;
mod set;
mod validate;

use std::io::Read;
use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, FileReport, LoadFailure, Position, Severity, UsageError};
pub use set::{Listing, LoadSet, list, load_listed, load_paths, load_set};
pub use validate::{MAX_COUNT, MAX_MONEY};

#[cfg(doc)]
use crate::model::Library;
use crate::model::Snapshot;

/// Largest snapshot file read (128 MiB). Larger files are refused before any byte is read, so
/// memory stays a small multiple of this; a snapshot of 5,000 dealers is about a tenth of it.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

/// The file-name ending of agenda files (see `crate::agenda`): they sit beside the snapshots
/// they present, and folder scans skip them.
pub const AGENDA_SUFFIX: &str = ".agenda.toml";

/// The file-name ending of an agenda's rehearsal fingerprints (see `crate::export::rehearsal`):
/// written beside the agenda, skipped by folder scans too.
pub const REHEARSAL_SUFFIX: &str = ".rehearsal.toml";

/// Whether a file of that name is ebr's own (an agenda or its rehearsal), not a snapshot.
pub fn is_companion(name: &str) -> bool {
    name.ends_with(AGENDA_SUFFIX) || name.ends_with(REHEARSAL_SUFFIX)
}

/// The two file formats; they express exactly the same model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// `.toml`
    Toml,
    /// `.json`
    Json,
}

impl Format {
    /// The format a file name says (`.toml` or `.json`, any case); `None` for anything else.
    pub fn of_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?;
        if ext.eq_ignore_ascii_case("toml") {
            Some(Format::Toml)
        } else if ext.eq_ignore_ascii_case("json") {
            Some(Format::Json)
        } else {
            None
        }
    }
}

/// A snapshot that passed every check, with the warnings found in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The file it came from (or the name given to [`parse_str`]).
    pub file: PathBuf,
    /// Its format.
    pub format: Format,
    /// The validated snapshot.
    pub snapshot: Snapshot,
    /// Suspicious but legal things, e.g. stale sources.
    pub warnings: Vec<Diagnostic>,
    /// Size of the text read.
    pub bytes: u64,
}

/// Parses and validates a snapshot text; `name` is what diagnostics call the file.
pub fn parse_str(text: &str, format: Format, name: impl AsRef<Path>) -> Result<Loaded, FileReport> {
    let file = name.as_ref();
    let bytes = u64::try_from(text.len()).unwrap_or(u64::MAX);
    finish(file, format, bytes, parse::parse_text(text, format, file))
}

/// Parses and validates a snapshot from raw bytes, refusing text that is not UTF-8.
pub fn parse_bytes(
    bytes: &[u8],
    format: Format,
    name: impl AsRef<Path>,
) -> Result<Loaded, FileReport> {
    let file = name.as_ref();
    match utf8_text(bytes, file, "a TOML or JSON snapshot") {
        Ok(text) => parse_str(text, format, file),
        Err(diagnostic) => Err(report(file, vec![diagnostic])),
    }
}

/// `bytes` as text, or an error at the line and column of the first byte that is not UTF-8,
/// saying what the file should hold (`expected`, e.g. "a TOML agenda"). Every file ebr reads
/// goes through it, so a file saved in Latin-1 is reported at its first accented letter.
pub fn utf8_text<'b>(bytes: &'b [u8], file: &Path, expected: &str) -> Result<&'b str, Diagnostic> {
    std::str::from_utf8(bytes).map_err(|e| {
        // The valid prefix is text, so the position of the first bad byte is well defined.
        let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        let bad = bytes.get(e.valid_up_to()).copied().unwrap_or_default();
        Diagnostic {
            position: Some(Position::of_offset(valid, valid.len())),
            ..Diagnostic::whole_file(
                Severity::Error,
                file,
                format!(
                    "found byte 0x{bad:02X}, which is not UTF-8 text: expected {expected} (is this a binary file?)"
                ),
            )
        }
    })
}

/// Reads, parses and validates one snapshot file; its format comes from its extension.
pub fn load_file(path: &Path) -> Result<Loaded, FileReport> {
    let fail = |message: String| {
        Err(report(
            path,
            vec![Diagnostic::whole_file(Severity::Error, path, message)],
        ))
    };
    let Some(format) = Format::of_path(path) else {
        return fail("unsupported file type: expected a .toml or .json snapshot file".to_owned());
    };
    // Opening a FIFO waits for a writer and a device such as /dev/zero never ends: only a
    // regular file (or a link to one) is opened at all.
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return fail("is a folder, expected a snapshot file".to_owned());
        }
        Ok(meta) if !meta.is_file() => {
            return fail(format!(
                "is {}, expected a snapshot file",
                special_kind(&meta)
            ));
        }
        Ok(_) => {}
        Err(e) => return fail(format!("cannot read the file: {e}")),
    }
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) => return fail(format!("cannot open the file: {e}")),
    };
    let size = match file.metadata() {
        Ok(meta) => meta.len(),
        Err(e) => return fail(format!("cannot read the file: {e}")),
    };
    if size > MAX_FILE_BYTES {
        return fail(too_large(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // `take` keeps the limit even if the file grows while it is read.
    if let Err(e) = (&mut file).take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes) {
        return fail(format!("cannot read the file: {e}"));
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return fail(too_large(bytes.len() as u64));
    }
    parse_bytes(&bytes, format, path)
}

/// Deserializes a TOML text into `T` (any serde type, such as an agenda), or one diagnostic
/// located like the snapshot loader's: file:line:col, field path, what was found and expected.
pub fn from_toml<T: serde::de::DeserializeOwned>(
    text: &str,
    file: impl AsRef<Path>,
) -> Result<T, Diagnostic> {
    toml::from_str(text).map_err(|e| parse::diagnose_toml(e, text, file.as_ref()))
}

/// Where the value at a rendered field path (e.g. `targets[2].metric`) starts in a snapshot
/// text, or where its nearest ancestor present in the text starts. For problems found outside
/// the loader (e.g. by `metrics`) that should still point into the file.
pub fn locate(text: &str, format: Format, path: &str) -> Position {
    let path = path::FieldPath::parse(path);
    let start = parse::starts_of(text, format, &[&path])[0];
    Position::of_offset(text, start)
}

/// What something that is neither a regular file nor a folder is, in words ("a named pipe").
/// Such paths are refused before they are opened: opening a FIFO waits for a writer, and a
/// device such as /dev/zero never ends.
pub fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    let _ = meta;
    "not a regular file"
}

/// Sizes in bytes, exactly: near the limit a rounded "128.0 MiB" would read as within it.
fn too_large(size: u64) -> String {
    format!(
        "the file is {} bytes, above the limit of {} bytes ({} MiB) for one snapshot file: refused without reading it",
        thousands(size),
        thousands(MAX_FILE_BYTES),
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

fn thousands(n: u64) -> String {
    crate::metrics::format::fixed(rust_decimal::Decimal::from(n), 0)
}

fn finish(
    file: &Path,
    format: Format,
    bytes: u64,
    parsed: parse::Parsed,
) -> Result<Loaded, FileReport> {
    match parsed {
        Ok((snapshot, warnings)) => Ok(Loaded {
            file: file.to_path_buf(),
            format,
            snapshot,
            warnings,
            bytes,
        }),
        Err(diagnostics) => Err(report(file, diagnostics)),
    }
}

fn report(file: &Path, diagnostics: Vec<Diagnostic>) -> FileReport {
    FileReport {
        file: file.to_path_buf(),
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOML: &str = include_str!("../../tests/fixtures/valid/minimal.toml");
    const JSON: &str = include_str!("../../tests/fixtures/valid/minimal.json");

    #[test]
    fn toml_and_json_fixtures_load_to_the_same_model() {
        let toml = parse_str(TOML, Format::Toml, "minimal.toml").unwrap();
        let json = parse_str(JSON, Format::Json, "minimal.json").unwrap();
        assert_eq!(toml.snapshot, json.snapshot);
        assert_eq!(toml.warnings, vec![]);
    }

    #[test]
    fn serde_errors_are_located_at_the_value_with_a_field_path() {
        let text = JSON.replacen("\"offers_made\": 18", "\"offers_made\": -18", 1);
        let report = parse_str(&text, Format::Json, "x.json").unwrap_err();
        let line = 1 + text[..text.find("-18").unwrap()].matches('\n').count();
        assert_eq!(
            report.diagnostics[0].to_string(),
            format!(
                "x.json:{line}:24: error: dealers[1].facts.offers_made: found -18, expected a count: a count cannot be negative"
            )
        );
        let text = TOML.replacen("offers_made = 18", "offers_made = -18", 1);
        let report = parse_str(&text, Format::Toml, "x.toml").unwrap_err();
        let line = 1 + text[..text.find("-18").unwrap()].matches('\n').count();
        assert_eq!(
            report.diagnostics[0].to_string(),
            format!(
                "x.toml:{line}:15: error: dealers[1].facts.offers_made: found -18, expected a count: a count cannot be negative"
            )
        );
    }

    #[test]
    fn names_files_that_are_empty_or_not_text() {
        let report = parse_bytes(b"  \n", Format::Toml, "e.toml").unwrap_err();
        assert_eq!(
            report.diagnostics[0].to_string(),
            "e.toml: error: the file is empty: expected a snapshot (schema_version, ecosystem, period, ...)"
        );
        let report = parse_bytes(b"{\n \xff\x00", Format::Json, "b.json").unwrap_err();
        assert_eq!(
            report.diagnostics[0].to_string(),
            "b.json:2:2: error: found byte 0xFF, which is not UTF-8 text: expected a TOML or JSON snapshot (is this a binary file?)"
        );
    }
}
