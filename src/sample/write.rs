//! Writing a sample to files: one file per period, named after it (`2026-10.toml`,
//! `2026-Q3.json`), JSON pretty-printed and TOML with a header saying how it was made.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::model::Snapshot;

use super::{SampleSpec, generate};

/// Why a sample could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SampleError {
    /// The spec cannot be generated (no dealers, no months...).
    #[error("{0}")]
    Spec(String),
    /// A snapshot could not be encoded (a bug: every generated snapshot should encode).
    #[error("cannot encode {period} as {format}: {message}")]
    Encode {
        period: String,
        format: &'static str,
        message: String,
    },
    /// A file or the folder could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// One file of a sample: its name inside the output folder and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleFile {
    /// File name, e.g. `2026-10.json`.
    pub name: String,
    /// The file's text.
    pub contents: String,
}

/// The command line that reproduces `spec`, for the TOML header.
fn command_line(spec: &SampleSpec) -> String {
    format!(
        "ebr sample --dealers {} --months {} --seed {} --end {} --format {}",
        spec.dealers, spec.months, spec.seed, spec.end, spec.format
    )
}

fn encode(spec: &SampleSpec, snapshot: &Snapshot) -> Result<SampleFile, SampleError> {
    let period = snapshot.period.id;
    let extension = spec.format.extension(period);
    let fail = |format, message: String| SampleError::Encode {
        period: period.to_string(),
        format,
        message,
    };
    let contents = if extension == "toml" {
        // Written through the serializer's buffer and its `Display`, which lays the tables out
        // in one pass: `toml::to_string` inserts each dealer's late tables into the text
        // written so far, which takes a minute for 20,000 dealers.
        let mut buffer = toml::ser::Buffer::new();
        snapshot
            .serialize(toml::ser::Serializer::new(&mut buffer))
            .map_err(|e| fail("TOML", e.to_string()))?;
        let body = buffer.to_string();
        format!(
            "# {}: scorecard for {} ({period}).\n# Written by `{}`.\n# Format: docs/snapshot-format.md; JSON Schema: docs/snapshot.schema.json.\n\n{body}",
            snapshot.ecosystem.name,
            period.label(),
            command_line(spec),
        )
    } else {
        let mut body =
            serde_json::to_string_pretty(snapshot).map_err(|e| fail("JSON", e.to_string()))?;
        body.push('\n');
        body
    };
    Ok(SampleFile {
        name: format!("{period}.{extension}"),
        contents,
    })
}

/// The files of the sample `spec` describes, in period order, without touching the disk.
pub fn render(spec: &SampleSpec) -> Result<Vec<SampleFile>, SampleError> {
    if let Some(problem) = spec.problem() {
        return Err(SampleError::Spec(problem));
    }
    generate(spec)
        .par_iter()
        .map(|snapshot| encode(spec, snapshot))
        .collect()
}

/// Writes the sample into `dir` (created if missing) and returns the paths written, in period
/// order. Files of other names already in `dir` are left alone.
pub fn write(spec: &SampleSpec, dir: &Path) -> Result<Vec<PathBuf>, SampleError> {
    if let Some(problem) = spec.problem() {
        return Err(SampleError::Spec(problem));
    }
    std::fs::create_dir_all(dir).map_err(|source| SampleError::Io {
        path: dir.to_owned(),
        source,
    })?;
    // Encode and write file by file, so at most one file's text per core is held at once.
    generate(spec)
        .par_iter()
        .map(|snapshot| {
            let file = encode(spec, snapshot)?;
            let path = dir.join(&file.name);
            std::fs::write(&path, file.contents).map_err(|source| SampleError::Io {
                path: path.clone(),
                source,
            })?;
            Ok(path)
        })
        .collect()
}
