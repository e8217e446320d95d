//! Writing snapshots: one JSON file per period, through the dashboard's own atomic writer
//! (`ebr::export::file::save`: a temporary file in the same folder moved into place, never over
//! an existing file unless asked), so a reader (or a dashboard watching the folder) never sees
//! half a snapshot. This module only adds making the output folder.

use std::fs;
use std::path::Path;

pub use ebr::export::file::SaveError;

/// Writes `text` to `path` atomically, making its folder first; refuses an existing file
/// unless `force`.
pub fn write_atomically(path: &Path, text: &str, force: bool) -> Result<(), SaveError> {
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(folder).map_err(|source| SaveError::Io {
            path: folder.to_path_buf(),
            source,
        })?;
    }
    ebr::export::file::save(path, text.as_bytes(), force)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_the_folder_refuses_to_replace_without_force_and_replaces_with_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("snapshots");
        let path = out.join("2026-10.json");
        write_atomically(&path, "first", false).unwrap();
        let refused = write_atomically(&path, "second", false);
        assert!(matches!(refused, Err(SaveError::Exists(_))), "{refused:?}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "first");
        write_atomically(&path, "second", true).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "second");
        let names: Vec<_> = fs::read_dir(&out)
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
