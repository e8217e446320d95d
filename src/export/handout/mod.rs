//! A handout: every item of an agenda (its title, budget, speaker notes and the whole view it
//! shows) in one file, as Markdown or as a self-contained, printable HTML page.
//!
//! Each item's view is built by playing the agenda through the app, exactly as presenter mode
//! does, and turned into a [`View`] like `ebr export`'s, so the handout's numbers are the
//! screen's; nothing here computes a figure.

mod html;
mod markdown;

use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

use super::{DataFile, View};
use crate::app::{AgendaItem, App};

/// An agenda written out, item by item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handout {
    /// The review's name.
    pub title: String,
    /// The items, in the agenda's order.
    pub pages: Vec<Page>,
}

/// One agenda item and what it shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// The item's title.
    pub title: String,
    /// The item's time budget in minutes.
    pub minutes: Option<u32>,
    /// The speaker notes.
    pub notes: String,
    /// The view on screen for this item.
    pub view: View,
}

/// The formats a handout is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HandoutFormat {
    /// Markdown: headings per item, notes as quotes, the views as `ebr export --format md`.
    Md,
    /// One HTML page: inline CSS, no script, nothing fetched, a page per item when printed.
    Html,
}

impl Handout {
    /// Plays `items` through `app` (opened as presenter mode opens it) and keeps each item's
    /// view, with the provenance of the data `files`.
    pub fn of(app: App, title: &str, items: &[AgendaItem], files: &[DataFile]) -> Handout {
        let views = super::played::views(app, items, files);
        let pages = items
            .iter()
            .zip(views)
            .map(|(item, view)| Page {
                title: item.title.clone(),
                minutes: item.minutes,
                notes: item.notes.clone(),
                view,
            })
            .collect();
        Handout {
            title: title.to_owned(),
            pages,
        }
    }

    /// The facts every item shares (ecosystem, currency, data files, ebr version), from the
    /// first item's provenance.
    fn common(&self) -> Vec<(&'static str, String)> {
        self.pages
            .first()
            .map(|p| {
                p.view
                    .provenance
                    .lines()
                    .into_iter()
                    .filter(|(name, _)| COMMON.contains(name))
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl Page {
    /// The facts particular to this item: periods, drill, filter, sort, model, snapshots.
    fn facts(&self) -> Vec<(&'static str, String)> {
        self.view
            .provenance
            .lines()
            .into_iter()
            .filter(|(name, _)| !COMMON.contains(name))
            .collect()
    }

    /// "5 min" when the item has a budget.
    fn budget(&self) -> Option<String> {
        self.minutes.map(|m| format!("{m} min"))
    }
}

/// Provenance lines written once at the top rather than under every item.
const COMMON: [&str; 5] = ["ecosystem", "currency", "data", "file", "ebr"];

/// Writes `handout` in `format`.
pub fn write(format: HandoutFormat, handout: &Handout, out: &mut impl Write) -> io::Result<()> {
    match format {
        HandoutFormat::Md => markdown::write(handout, out),
        HandoutFormat::Html => html::write(handout, out),
    }?;
    out.flush()
}

impl FromStr for HandoutFormat {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(HandoutFormat::Md),
            "html" | "htm" => Ok(HandoutFormat::Html),
            _ => Err(format!("found `{text}`, expected md or html")),
        }
    }
}

impl fmt::Display for HandoutFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            HandoutFormat::Md => "md",
            HandoutFormat::Html => "html",
        })
    }
}

#[cfg(test)]
mod tests;
