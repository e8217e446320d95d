//! Saving a finished export to a file: atomically (a temporary file beside it, then a rename or
//! link), and never over an existing file unless asked. The one place `export` touches files;
//! the writers themselves only know `impl Write`.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why a file was not saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file exists and overwriting was not asked for.
    #[error("{0} already exists (add --force to replace it)")]
    Exists(PathBuf),
    /// The file system refused.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: io::Error,
    },
}

/// Writes `bytes` to `path`: first to a temporary file in the same folder, flushed to disk,
/// then moved into place, so a reader sees the old file or the whole new one, never half. With
/// `force` false an existing file is left alone and reported (the move is a hard link, which
/// fails if the name is taken, so no check-then-write race).
pub fn save(path: &Path, bytes: &[u8], force: bool) -> Result<(), SaveError> {
    let fail = |source: io::Error| SaveError::Io {
        path: path.to_path_buf(),
        source,
    };
    if !force && path.exists() {
        return Err(SaveError::Exists(path.to_path_buf()));
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    let temp = (0..100)
        .map(|n| folder.join(format!(".{name}.{}.{n}.tmp", std::process::id())))
        .find_map(|candidate| {
            File::options()
                .write(true)
                .create_new(true)
                .open(&candidate)
                .ok()
                .map(|file| (candidate, file))
        });
    let Some((temp, mut file)) = temp else {
        return Err(fail(io::Error::other(format!(
            "cannot create a temporary file in {}",
            folder.display()
        ))));
    };
    let outcome = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(fail)
        .and_then(|()| place(&temp, path, force));
    // The temporary name is gone after a rename; after a link (or a failure) it is removed.
    let _ = fs::remove_file(&temp);
    outcome
}

/// Moves the finished temporary file to `path`.
fn place(temp: &Path, path: &Path, force: bool) -> Result<(), SaveError> {
    if force {
        return fs::rename(temp, path).map_err(|source| SaveError::Io {
            path: path.to_path_buf(),
            source,
        });
    }
    match fs::hard_link(temp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            Err(SaveError::Exists(path.to_path_buf()))
        }
        // File systems without hard links: the name was free a moment ago.
        Err(_) if !path.exists() => fs::rename(temp, path).map_err(|source| SaveError::Io {
            path: path.to_path_buf(),
            source,
        }),
        Err(source) => Err(SaveError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_replace_without_force_and_replaces_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.md");
        save(&path, b"first", false).unwrap();
        assert!(matches!(
            save(&path, b"second", false),
            Err(SaveError::Exists(_))
        ));
        assert_eq!(fs::read(&path).unwrap(), b"first");
        save(&path, b"third", true).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"third");
        // No temporary file is left behind.
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.md")]);
    }
}
