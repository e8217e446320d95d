//! What to watch for a set of snapshot paths, and which file events matter.
//!
//! A named file is watched through its folder, not by itself: editors that save by writing a
//! new file and renaming it over the old one (vim, VS Code, most atomic savers) replace the
//! watched inode, and a watch on the file alone would go quiet after the first save.

use std::path::{Path, PathBuf};

use notify::RecursiveMode;

use crate::load::Format;

/// The loaded paths, resolved once, as the watcher reports them.
#[derive(Clone, Debug, Default)]
pub struct Targets {
    /// Folders named on the command line: every snapshot file below them matters, new ones
    /// included.
    folders: Vec<PathBuf>,
    /// Files named on the command line.
    files: Vec<PathBuf>,
}

impl Targets {
    /// The targets of `paths` (files and folders as given to `ebr view`). A path that cannot
    /// be resolved is kept as given.
    pub fn of(paths: &[PathBuf]) -> Targets {
        let mut targets = Targets::default();
        for path in paths {
            let resolved = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            if resolved.is_dir() {
                targets.folders.push(resolved);
            } else {
                targets.files.push(resolved);
            }
        }
        targets
    }

    /// Where to ask the watcher to look: each folder with everything below it, and the
    /// folder of each file on its own (once each).
    pub fn watch_points(&self) -> Vec<(PathBuf, RecursiveMode)> {
        let mut points: Vec<(PathBuf, RecursiveMode)> = self
            .folders
            .iter()
            .map(|f| (f.clone(), RecursiveMode::Recursive))
            .collect();
        for file in &self.files {
            let parent = file
                .parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            let covered = points.iter().any(|(p, mode)| {
                *p == parent || (*mode == RecursiveMode::Recursive && parent.starts_with(p))
            });
            if !covered {
                points.push((parent, RecursiveMode::NonRecursive));
            }
        }
        points
    }

    /// Whether an event at `path` may change the data: a named file, or a snapshot file
    /// (`.toml`, `.json`, not hidden, not an agenda) below a named folder. Editors' swap,
    /// backup and temporary files are not.
    pub fn matters(&self, path: &Path) -> bool {
        if self.files.iter().any(|f| f == path) {
            return true;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        !name.starts_with('.')
            && !crate::load::is_companion(&name)
            && Format::of_path(path).is_some()
            && self.folders.iter().any(|f| path.starts_with(f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_watched_through_its_folder_and_only_snapshot_files_below_folders_matter() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let root = std::fs::canonicalize(dir.path()).expect("resolvable");
        let data = root.join("data");
        let other = root.join("other");
        std::fs::create_dir_all(&data).expect("mkdir");
        std::fs::create_dir_all(&other).expect("mkdir");
        let single = other.join("2026-10.toml");
        std::fs::write(&single, "x").expect("write");
        let targets = Targets::of(&[data.clone(), single.clone()]);
        assert_eq!(
            targets.watch_points(),
            [
                (data.clone(), RecursiveMode::Recursive),
                (other.clone(), RecursiveMode::NonRecursive),
            ]
        );
        assert!(targets.matters(&single));
        assert!(!targets.matters(&other.join("2026-09.toml")), "not named");
        assert!(targets.matters(&data.join("2026-09.json")), "new file");
        assert!(targets.matters(&data.join("q/2026-Q3.TOML")), "below");
        for ignored in [
            ".2026-09.toml.swp",
            "2026-09.toml~",
            "4913",
            "review.agenda.toml",
        ] {
            assert!(!targets.matters(&data.join(ignored)), "{ignored}");
        }
    }
}
