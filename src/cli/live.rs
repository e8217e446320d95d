//! What the live dashboard needs besides the app: the data files' digests (for exports'
//! provenance), the clipboard cap, and the watch that reloads the files when they change.

use std::path::PathBuf;
use std::rc::Rc;

use ebr::config::Config;
use ebr::export::DataFile;
use ebr::model::{Granularity, PeriodId};
use ebr::ui::effects::Context;
use ebr::watch::{Reloader, Watch};

/// The context of a dashboard on `paths` (none: the bundled sample, which never changes),
/// whose loaded `files` are on screen now; `config` says how changes are noticed and how `y`
/// copies. Reloads roll up the periods of `granularity` (the one on screen) off the UI thread.
/// With `rest`, only some of the files are loaded: the watch loads every file first.
pub fn context(
    paths: &[PathBuf],
    files: &[(PathBuf, PeriodId)],
    config: &Config,
    granularity: Granularity,
    rest: bool,
) -> Context {
    let files = DataFile::read_all(files).unwrap_or_default();
    let watch = (!paths.is_empty()).then(|| {
        let loaded_at = chrono::Local::now().naive_local();
        let reloader = Reloader::new(paths.to_vec(), loaded_at, files.clone()).warming(granularity);
        let reloader = if rest {
            reloader.loading_the_rest()
        } else {
            reloader
        };
        Rc::new(Watch::start(paths, config.watch.value, reloader))
    });
    Context {
        files,
        cap: usize::try_from(config.clipboard_cap.value).unwrap_or(usize::MAX),
        clipboard: config.clipboard_mode.value,
        watch,
        agenda: None,
    }
}
