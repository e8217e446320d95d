//! Rehearsal fingerprints: at rehearsal (`ebr present --rehearse`) a digest of what each
//! agenda item shows is written beside the agenda (`NAME.rehearsal.toml` for
//! `NAME.agenda.toml`); at the meeting an item whose digest differs is marked, so the
//! presenter is not surprised on stage by numbers that moved since.
//!
//! The digest is SHA-256 of the item's exported view (title, cards, tables with every display
//! string and exact value, texts, details, waterfalls) as JSON; the provenance (file digests,
//! as-of dates, ebr version) is left out, so only what the audience sees counts.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::View;
use crate::app::AgendaItem;
use crate::load::{self, AGENDA_SUFFIX, Diagnostic, REHEARSAL_SUFFIX};

/// The fingerprints of one rehearsal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rehearsal {
    /// The agenda's file name.
    pub agenda: String,
    /// When the rehearsal was (RFC 3339).
    pub rehearsed_at: String,
    /// One per agenda item, in order.
    pub items: Vec<RehearsedItem>,
}

/// One item as rehearsed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RehearsedItem {
    /// The item's title (an item whose title changed since counts as not rehearsed).
    pub title: String,
    /// SHA-256 of what the item showed, lowercase hex.
    pub figures: String,
}

/// What became of an item's figures since rehearsal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Since {
    /// The same figures as at rehearsal.
    Unchanged,
    /// Different figures.
    Changed,
    /// The item was not rehearsed (added or renamed since).
    NotRehearsed,
}

/// The rehearsal file of the agenda at `agenda`: `NAME.rehearsal.toml` beside
/// `NAME.agenda.toml` (or the agenda's name with `.rehearsal.toml` added).
pub fn path_for(agenda: &Path) -> PathBuf {
    let name = agenda
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.strip_suffix(AGENDA_SUFFIX).unwrap_or(&name);
    agenda.with_file_name(format!("{stem}{REHEARSAL_SUFFIX}"))
}

/// The digest of what `view` shows.
pub fn fingerprint(view: &View) -> String {
    // Serialising strings, vectors and options cannot fail.
    let shown = serde_json::to_vec(&(&view.title, &view.blocks)).unwrap_or_default();
    Sha256::digest(&shown)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Rehearsal {
    /// The rehearsal of `items`, whose views are `views`, at `rehearsed_at`.
    pub fn of(agenda: &str, rehearsed_at: String, items: &[AgendaItem], views: &[View]) -> Self {
        Rehearsal {
            agenda: agenda.to_owned(),
            rehearsed_at,
            items: items
                .iter()
                .zip(views)
                .map(|(item, view)| RehearsedItem {
                    title: item.title.clone(),
                    figures: fingerprint(view),
                })
                .collect(),
        }
    }

    /// The file's text: a comment saying what it is, then the TOML.
    pub fn to_toml(&self) -> Result<String, toml::ser::Error> {
        let body = toml::to_string(self)?;
        Ok(format!(
            "# Fingerprints of what each agenda item showed at rehearsal, written by\n\
             # `ebr present --rehearse`; at the meeting an item whose figures differ is marked.\n\n{body}"
        ))
    }

    /// Reads the rehearsal at `path`; `None` when there is none.
    pub fn read(path: &Path) -> Result<Option<Rehearsal>, Diagnostic> {
        match std::fs::read(path) {
            Ok(bytes) => {
                let text = load::utf8_text(&bytes, path, "a TOML rehearsal file")?;
                load::from_toml(text, path).map(Some)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Diagnostic {
                severity: load::Severity::Error,
                file: path.to_path_buf(),
                position: None,
                path: String::new(),
                message: format!("cannot read the rehearsal: {e}"),
            }),
        }
    }

    /// For each item (with its view now), what became of its figures: items are matched by
    /// position and title.
    pub fn compare(&self, items: &[AgendaItem], views: &[View]) -> Vec<Since> {
        items
            .iter()
            .zip(views)
            .enumerate()
            .map(|(n, (item, view))| match self.items.get(n) {
                Some(then) if then.title == item.title => {
                    if then.figures == fingerprint(view) {
                        Since::Unchanged
                    } else {
                        Since::Changed
                    }
                }
                _ => Since::NotRehearsed,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, App, Display, Tab};
    use crate::export::Provenance;

    fn view(tab: Tab) -> View {
        let mut app = App::new(crate::sample::bundled(), Display::default())
            .unwrap_or_else(|e| panic!("{e}"));
        app.update(Action::GoTab(tab));
        View::of(&app, Provenance::of(&app, Vec::new()))
    }

    #[test]
    fn a_file_not_in_utf8_is_refused_at_its_first_bad_byte() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("r.rehearsal.toml");
        let text =
            b"agenda = \"r.agenda.toml\"\nrehearsed_at = \"x\"\n\n[[items]]\ntitle = \"Caf\xe9\"\n";
        std::fs::write(&path, text).expect("written");
        assert_eq!(
            Rehearsal::read(&path).expect_err("not UTF-8").to_string(),
            format!(
                "{}:5:13: error: found byte 0xE9, which is not UTF-8 text: expected a TOML rehearsal file (is this a binary file?)",
                path.display()
            )
        );
    }

    #[test]
    fn the_rehearsal_file_sits_beside_the_agenda() {
        assert_eq!(
            path_for(Path::new("data/monthly-review.agenda.toml")),
            Path::new("data/monthly-review.rehearsal.toml")
        );
        assert_eq!(
            path_for(Path::new("talk.toml")),
            Path::new("talk.toml.rehearsal.toml")
        );
    }

    #[test]
    fn a_changed_cell_changes_the_fingerprint_and_provenance_does_not() {
        let dealers = view(Tab::Dealers);
        let mut moved = dealers.clone();
        moved.provenance.ebr_version = "9.9.9".into();
        moved.provenance.files.clear();
        assert_eq!(fingerprint(&dealers), fingerprint(&moved));
        let Some(super::super::ViewBlock::Table(table)) = moved
            .blocks
            .iter_mut()
            .find(|b| matches!(b, super::super::ViewBlock::Table(_)))
        else {
            panic!("no table");
        };
        table.rows[3].cells[2].text.push('1');
        assert_ne!(fingerprint(&dealers), fingerprint(&moved));
        assert_eq!(fingerprint(&dealers).len(), 64);
    }
}
