//! An agenda's views, played through the app item by item exactly as presenter mode plays
//! them: what the handout writes and what a rehearsal fingerprints.

use super::{DataFile, Provenance, View};
use crate::app::{Action, AgendaItem, App};

/// Each item's view, in order; `app` is opened as presenter mode opens it, `files` go into
/// each view's provenance.
pub fn views(mut app: App, items: &[AgendaItem], files: &[DataFile]) -> Vec<View> {
    app.present(items.to_vec());
    let mut views = Vec::with_capacity(items.len());
    for _ in items {
        views.push(View::of(&app, Provenance::of(&app, files.to_vec())));
        app.update(Action::NextItem);
    }
    views
}
