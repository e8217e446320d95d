//! `ebr present --rehearse`: the fingerprints of each item's figures written beside the agenda;
//! and at the meeting (without `--rehearse`) each item compared with them, so an item whose
//! figures changed since rehearsal is marked in the presenter's header.

use std::path::Path;
use std::process::ExitCode;

use ebr::agenda::Agenda;
use ebr::app::{App, Display};
use ebr::compare::ComparePeriod;
use ebr::export::file::save;
use ebr::export::played;
use ebr::export::rehearsal::{self, Rehearsal, Since};
use ebr::model::Library;

use super::{INVALID_DATA, USAGE};

/// The display the views are fingerprinted in, whatever the look asked for (`--ascii` changes
/// the marks, not the figures).
const PLAIN: Display = Display {
    colour: false,
    ascii: false,
};

/// With `rehearse`, writes the rehearsal file; otherwise marks the items whose figures differ
/// from a rehearsal file's, if there is one. `dress` applies the settings (model, half-life)
/// presenter mode applies. A problem is reported and its exit code returned.
pub fn apply(
    agenda: &mut Agenda,
    library: &Library,
    dress: impl FnOnce(App) -> App,
    rehearse: bool,
) -> Result<(), ExitCode> {
    let path = rehearsal::path_for(&agenda.file);
    let previous = if rehearse {
        None
    } else {
        match Rehearsal::read(&path) {
            Ok(Some(previous)) => Some(previous),
            Ok(None) => return Ok(()),
            Err(diagnostic) => {
                say!("{diagnostic}");
                say!("ebr present: rehearse again (--rehearse) or remove the file");
                return Err(ExitCode::from(INVALID_DATA));
            }
        }
    };
    let app =
        App::open(library.clone(), PLAIN, None, Some(ComparePeriod::Previous)).map_err(|err| {
            say!("ebr present: {err}");
            ExitCode::from(INVALID_DATA)
        })?;
    let views = played::views(dress(app), &agenda.items, &[]);
    match previous {
        Some(previous) => {
            let since = previous.compare(&agenda.items, &views);
            for (item, since) in agenda.items.iter_mut().zip(since) {
                item.figures_changed = since == Since::Changed;
            }
            Ok(())
        }
        None => write(&path, &agenda.file, agenda, &views),
    }
}

fn write(
    path: &Path,
    agenda_file: &Path,
    agenda: &Agenda,
    views: &[ebr::export::View],
) -> Result<(), ExitCode> {
    let name = agenda_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let now = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let text = Rehearsal::of(&name, now, &agenda.items, views)
        .to_toml()
        .map_err(|err| {
            say!("ebr present: cannot write the rehearsal: {err}");
            ExitCode::FAILURE
        })?;
    // A new rehearsal replaces the one before.
    save(path, text.as_bytes(), true).map_err(|err| {
        say!("ebr present: {err}");
        ExitCode::from(USAGE)
    })?;
    say!(
        "ebr present: rehearsed {} items; their figures' fingerprints are in {}",
        agenda.items.len(),
        path.display()
    );
    Ok(())
}
