//! The runtime's side of [`Effect`]s: the view on screen copied to the clipboard or saved to
//! a new file, the data files read again. The app only asks; this does, and says what
//! happened in one status line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::agenda::capture::{self, Captured};
use crate::app::{App, Effect, ExportFormat};
use crate::config::ClipboardMode;
use crate::export::{self, DataFile, Provenance, View};
use crate::ui::clipboard::{self, Refused, Route};
use crate::watch::Watch;

/// What effects need besides the app: the data files (for the provenance), the clipboard
/// cap and the watch that reloads the files.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// The loaded data files with their digests.
    pub files: Vec<DataFile>,
    /// Largest text copied, in bytes.
    pub cap: usize,
    /// How `y` copies.
    pub clipboard: ClipboardMode,
    /// Reloads the data files; `None` for the sample built into ebr.
    pub watch: Option<Rc<Watch>>,
    /// The agenda file being presented, which `a` appends the view on screen to.
    pub agenda: Option<PathBuf>,
}

/// Carries out `effect` on what `app` shows, writing any terminal sequence to `out`; returns
/// the status line.
pub fn run(effect: Effect, app: &App, context: &Context, out: &mut impl Write) -> String {
    match effect {
        Effect::Copy(format) => export(format, true, app, context, out),
        Effect::Save(format) => export(format, false, app, context, out),
        Effect::Reload => match &context.watch {
            Some(watch) => {
                watch.request();
                "Reloading the data files...".to_owned()
            }
            None => "Nothing to reload: this is the sample built into ebr".to_owned(),
        },
        Effect::Capture => match &context.agenda {
            Some(path) => capture(app, path),
            None => "Nothing to add to: a adds the view to the agenda of ebr present".to_owned(),
        },
    }
}

/// Appends the view on screen to the agenda file as a new item (atomically, the file's
/// comments and layout kept).
fn capture(app: &App, path: &Path) -> String {
    let shown = path.display();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) => return format!("Not added: cannot read {shown}: {err}"),
    };
    let item = Captured::of(app);
    match capture::append(&text, &item) {
        Ok((new, count)) => match export::file::save(path, new.as_bytes(), true) {
            Ok(()) => format!("Added item {count} \"{}\" to {shown}", item.title),
            Err(err) => format!("Not added: {err}"),
        },
        Err(err) => format!("Not added to {shown}: {err}"),
    }
}

/// The view on screen in `format`, copied (`copy`) or saved to a new file.
fn export(
    format: ExportFormat,
    copy: bool,
    app: &App,
    context: &Context,
    out: &mut impl Write,
) -> String {
    let view = View::of(app, Provenance::of(app, context.files.clone()));
    let mut bytes = Vec::new();
    if let Err(err) = export::write(format, &view, &mut bytes) {
        return format!("Export failed: {err}");
    }
    if bytes.is_empty() {
        return "Nothing to copy: this view has no table (e, then Y, copies it as Markdown)"
            .to_owned();
    }
    let rows = view
        .main_table()
        .map_or(0, |t| t.rows.iter().filter(|r| !r.pinned).count());
    let what = format!(
        "{} ({rows} rows, {}, {})",
        view.title,
        format.name(),
        size(bytes.len())
    );
    if copy {
        let text = String::from_utf8_lossy(&bytes);
        match clipboard::copy(&text, context.cap, context.clipboard, out) {
            Ok(Route::Tmux) => {
                format!("Copied {what} to the tmux buffer (tmux load-buffer -w)")
            }
            Ok(Route::Osc52) => format!("Copied {what} to the clipboard (OSC 52)"),
            Err(Refused::TooLarge { size: s, cap }) => format!(
                "Not copied: {} is above the clipboard cap of {}; press e, then a format key, to save a file",
                size(s),
                size(cap)
            ),
            Err(Refused::NotATerminal) => "Not copied: the output is not a terminal".to_owned(),
            Err(Refused::Off) => {
                "Not copied: copying is off (clipboard.mode in the config file, EBR_CLIPBOARD)"
                    .to_owned()
            }
            Err(Refused::Failed(why)) => format!("Not copied: {why}"),
        }
    } else {
        match save_new(app, format, &bytes) {
            Ok(path) => format!("Saved {what} to {}", path.display()),
            Err(err) => format!("Not saved: {err}"),
        }
    }
}

/// Saves under the first free name `ebr-<tab>-<period>[-n].<ext>` in the working folder.
fn save_new(
    app: &App,
    format: ExportFormat,
    bytes: &[u8],
) -> Result<PathBuf, export::file::SaveError> {
    let stem = format!("ebr-{}-{}", app.tab().cli_name(), app.period());
    let mut last = None;
    for n in 1..100 {
        let name = if n == 1 {
            format!("{stem}.{}", format.extension())
        } else {
            format!("{stem}-{n}.{}", format.extension())
        };
        let path = PathBuf::from(name);
        match export::file::save(&path, bytes, false) {
            Ok(()) => return Ok(path),
            Err(err @ export::file::SaveError::Exists(_)) => last = Some(err),
            Err(err) => return Err(err),
        }
    }
    Err(last.unwrap_or_else(|| export::file::SaveError::Exists(PathBuf::from(stem))))
}

/// A byte count for people: `812 B`, `3.2 KB`, `1.4 MB`.
fn size(bytes: usize) -> String {
    match bytes {
        b if b < 1_000 => format!("{b} B"),
        b if b < 1_000_000 => format!("{:.1} KB", b as f64 / 1e3),
        b => format!("{:.1} MB", b as f64 / 1e6),
    }
}
