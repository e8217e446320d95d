//! One snapshot text → a validated [`Snapshot`], or every problem found in it, located.
//!
//! The fast path deserializes straight into the typed model and runs the semantic checks; only
//! when something is wrong is the text scanned again to turn field paths into lines and
//! columns (and serde's positions into field paths).

use std::path::Path;

use super::Format;
use super::diagnostic::{Diagnostic, LineIndex, Position, Severity};
use super::locate_json;
use super::locate_toml::TomlDoc;
use super::messages::{Explained, explain};
use super::path::{FieldPath, render_segs};
use super::validate::{Issue, unsupported_version, validate};
use crate::model::{SCHEMA_VERSION, Snapshot};

/// A parsed snapshot and its warnings, or every diagnostic of the file (at least one error).
pub(crate) type Parsed = Result<(Snapshot, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Parses and validates one snapshot text.
pub(crate) fn parse_text(text: &str, format: Format, file: &Path) -> Parsed {
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::whole_file(
            Severity::Error,
            file,
            "the file is empty: expected a snapshot (schema_version, ecosystem, period, ...)"
                .to_owned(),
        )]);
    }
    let typed = match format {
        Format::Json => serde_json::from_str::<Snapshot>(text).map_err(SyntaxOrData::Json),
        Format::Toml => toml::from_str::<Snapshot>(text).map_err(SyntaxOrData::Toml),
    };
    match typed {
        Ok(snapshot) => {
            let issues = validate(&snapshot);
            if issues.is_empty() {
                return Ok((snapshot, Vec::new()));
            }
            let diagnostics = locate_issues(text, format, file, issues);
            if diagnostics.iter().any(Diagnostic::is_error) {
                Err(diagnostics)
            } else {
                Ok((snapshot, diagnostics))
            }
        }
        Err(error) => {
            let root = match format {
                Format::Json => json_root_problem(text, file),
                Format::Toml => None,
            };
            Err(vec![
                root.or_else(|| version_problem(text, format, file))
                    .unwrap_or_else(|| error.diagnose(text, file)),
            ])
        }
    }
}

/// Locates semantic issues, in the order they appear in the file.
pub(crate) fn locate_issues(
    text: &str,
    format: Format,
    file: &Path,
    issues: Vec<Issue>,
) -> Vec<Diagnostic> {
    let paths: Vec<&FieldPath> = issues.iter().map(|i| &i.path).collect();
    let starts = starts_of(text, format, &paths);
    let lines = LineIndex::new(text, starts.iter().max().map_or(0, |m| m + 1));
    let mut located: Vec<(usize, Diagnostic)> = issues
        .into_iter()
        .zip(starts)
        .map(|(issue, start)| {
            let diagnostic = Diagnostic {
                severity: issue.severity,
                file: file.to_path_buf(),
                position: Some(lines.position(start)),
                path: issue.path.to_string(),
                message: issue.message,
            };
            (start, diagnostic)
        })
        .collect();
    // Stable: problems at the same place keep the order of the checks.
    located.sort_by_key(|(start, _)| *start);
    located.into_iter().map(|(_, d)| d).collect()
}

/// The byte offset of each path's value, or of its nearest ancestor present in the text.
pub(crate) fn starts_of(text: &str, format: Format, paths: &[&FieldPath]) -> Vec<usize> {
    match format {
        Format::Toml => match TomlDoc::parse(text) {
            Some(doc) => paths.iter().map(|p| doc.start_of(&p.0)).collect(),
            None => vec![0; paths.len()],
        },
        Format::Json => {
            let rendered: Vec<Vec<String>> = paths
                .iter()
                .map(|p| p.with_ancestors().map(render_segs).collect())
                .collect();
            let wanted: Vec<&str> = rendered.iter().flatten().map(String::as_str).collect();
            let found = locate_json::starts_of(text, &wanted);
            rendered
                .iter()
                .map(|chain| {
                    chain
                        .iter()
                        .find_map(|p| found.get(p.as_str()).copied())
                        .unwrap_or(0)
                })
                .collect()
        }
    }
}

/// One located diagnostic for a TOML text that does not deserialize into the type asked for:
/// a syntax error, or a value of the wrong type, an unknown or missing field, with its field
/// path. Other TOML formats (agendas) report their problems the way snapshots do.
pub(crate) fn diagnose_toml(error: toml::de::Error, text: &str, file: &Path) -> Diagnostic {
    SyntaxOrData::Toml(error).diagnose(text, file)
}

/// A failed deserialization, by format.
enum SyntaxOrData {
    Json(serde_json::Error),
    Toml(toml::de::Error),
}

impl SyntaxOrData {
    /// One located diagnostic for the error.
    fn diagnose(&self, text: &str, file: &Path) -> Diagnostic {
        let (format, offset, raw, syntax, found) = match self {
            SyntaxOrData::Json(e) => {
                let offset = json_offset(text, e.line(), e.column());
                let raw = e.to_string();
                let raw = match raw.rfind(" at line ") {
                    Some(cut) if e.line() > 0 => raw[..cut].to_owned(),
                    _ => raw,
                };
                let syntax = !matches!(e.classify(), serde_json::error::Category::Data);
                // For an array or object where a scalar belongs, serde_json points just
                // before it (it peeked): step to the value itself.
                let offset = if syntax {
                    offset
                } else {
                    offset
                        + text[offset..]
                            .bytes()
                            .take_while(|b| b.is_ascii_whitespace() || *b == b':')
                            .count()
                };
                let raw = if e.is_eof() {
                    format!("{raw} (is the file truncated?)")
                } else {
                    raw
                };
                let found = locate_json::path_at(text, offset);
                (Format::Json, offset, raw, syntax, found)
            }
            SyntaxOrData::Toml(e) => {
                let offset = e.span().map_or(0, |s| s.start);
                let raw = e.message().trim().replace('\n', "; ");
                let doc = TomlDoc::parse(text);
                let found = doc.as_ref().and_then(|d| d.path_at(offset));
                (Format::Toml, offset, raw, doc.is_none(), found)
            }
        };
        if syntax {
            let name = match format {
                Format::Json => "JSON",
                Format::Toml => "TOML",
            };
            return Diagnostic {
                severity: Severity::Error,
                file: file.to_path_buf(),
                position: Some(Position::of_offset(text, offset)),
                path: found.map(|f| f.path).unwrap_or_default(),
                message: format!("not well-formed {name}: {raw}"),
            };
        }
        let Explained {
            message,
            missing_field,
            unknown_field: _,
        } = explain(&raw, format);
        let (mut path, start) = found.map_or((String::new(), offset), |f| (f.path, f.start));
        if let Some(field) = missing_field {
            super::path::push_key(&mut path, &field);
        }
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            position: Some(Position::of_offset(text, start)),
            path,
            message,
        }
    }
}

/// The byte offset of serde_json's 1-based line and column (a column counts bytes; column 0
/// is the end of the previous line).
fn json_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        memchr::memchr_iter(b'\n', text.as_bytes())
            .nth(line - 2)
            .map_or(text.len(), |i| i + 1)
    };
    (line_start + column).saturating_sub(1).min(text.len())
}

/// When a file declares a schema version this build does not read, that is its only problem
/// worth reporting: the rest follows another format.
fn version_problem(text: &str, format: Format, file: &Path) -> Option<Diagnostic> {
    let (version, start) = match format {
        Format::Json => {
            let found = locate_json::scalar_at(text, "schema_version")?;
            // Offsets of a subslice of `text`, so its position can be reported.
            let start = found.as_ptr() as usize - text.as_ptr() as usize;
            (found.parse::<u64>().ok()?, start)
        }
        Format::Toml => {
            let doc = TomlDoc::parse(text)?;
            let (found, start) = doc.root_integer("schema_version")?;
            (u64::try_from(found).ok()?, start)
        }
    };
    if version == u64::from(SCHEMA_VERSION) {
        return None;
    }
    Some(Diagnostic {
        severity: Severity::Error,
        file: file.to_path_buf(),
        position: Some(Position::of_offset(text, start)),
        path: "schema_version".to_owned(),
        message: unsupported_version(version),
    })
}

/// A JSON snapshot is an object; serde would also accept an array for a struct, so anything
/// else at the top is refused here with a plain message.
fn json_root_problem(text: &str, file: &Path) -> Option<Diagnostic> {
    let start = text.find(|c: char| !c.is_whitespace())?;
    let found = match text.as_bytes()[start] {
        b'{' => return None,
        b'[' => "an array".to_owned(),
        b'"' => "a string".to_owned(),
        _ => format!(
            "`{}`",
            text[start..]
                .chars()
                .take_while(|c| !c.is_whitespace())
                .take(20)
                .collect::<String>()
        ),
    };
    Some(Diagnostic {
        severity: Severity::Error,
        file: file.to_path_buf(),
        position: Some(Position::of_offset(text, start)),
        path: String::new(),
        message: format!(
            "found {found} at the top of the file, expected an object holding a snapshot"
        ),
    })
}
