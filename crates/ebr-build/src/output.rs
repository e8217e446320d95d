//! Writing snapshots: one JSON file per period, never over an existing file unless asked,
//! written to a temporary file in the same folder and renamed into place, so a reader (or a
//! dashboard watching the folder) never sees half a snapshot.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a snapshot was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file exists and `--force` was not given.
    #[error("{0}: exists (use --force to replace it)")]
    Exists(PathBuf),
    /// The file system refused.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Writes `text` to `path` atomically; refuses an existing file unless `force`.
pub fn write_atomically(path: &Path, text: &str, force: bool) -> Result<(), WriteError> {
    if !force && path.exists() {
        return Err(WriteError::Exists(path.to_owned()));
    }
    let io = |source| WriteError::Io {
        path: path.to_owned(),
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(io)?;
    let name = path
        .file_name()
        .map_or_else(Default::default, |n| n.to_string_lossy());
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if written.is_err() {
        // Nothing half-written stays behind; the original error is the one worth reporting.
        let _ = fs::remove_file(&temp);
    }
    written.map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_replace_without_force_and_replaces_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2026-10.json");
        write_atomically(&path, "first", false).unwrap();
        let refused = write_atomically(&path, "second", false);
        assert!(matches!(refused, Err(WriteError::Exists(_))), "{refused:?}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "first");
        write_atomically(&path, "second", true).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "second");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            names,
            vec![std::ffi::OsString::from("2026-10.json")],
            "no temporary file left"
        );
    }
}
