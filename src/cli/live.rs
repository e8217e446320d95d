//! What the live dashboard needs besides the app: the data files' digests (for exports'
//! provenance), the clipboard cap, and the watch that reloads the files when they change.

use std::path::PathBuf;
use std::rc::Rc;

use ebr::export::DataFile;
use ebr::model::PeriodId;
use ebr::ui::effects::Context;
use ebr::watch::{Reloader, Watch, WatchMode};

/// The context of a dashboard on `paths` (none: the bundled sample, which never changes),
/// whose loaded `files` are on screen now. `mode` says how changes are noticed.
pub fn context(paths: &[PathBuf], files: &[(PathBuf, PeriodId)], mode: WatchMode) -> Context {
    let files = DataFile::read_all(files).unwrap_or_default();
    let watch = (!paths.is_empty()).then(|| {
        let loaded_at = chrono::Local::now().naive_local();
        let reloader = Reloader::new(paths.to_vec(), loaded_at, files.clone());
        Rc::new(Watch::start(paths, mode, reloader))
    });
    Context {
        files,
        cap: ebr::ui::clipboard::cap(),
        watch,
    }
}

/// The watch mode `EBR_WATCH` asks for (auto, poll, off); auto when unset.
pub fn watch_mode() -> Result<WatchMode, String> {
    match std::env::var("EBR_WATCH") {
        Ok(text) if !text.is_empty() => text.parse().map_err(|e| format!("EBR_WATCH: {e}")),
        _ => Ok(WatchMode::Auto),
    }
}
