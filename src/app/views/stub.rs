//! The honest placeholder of a tab whose view has not landed yet.

use crate::app::screen::{Block, Screen, TextBlock};
use crate::app::tab::Tab;

/// A screen saying the tab is not built yet and which issue brings it.
pub fn coming(tab: Tab, issue: u32) -> Screen {
    Screen {
        title: tab.title().to_owned(),
        blocks: vec![Block::Text(TextBlock {
            title: format!("{} is not built yet", tab.title()),
            paragraphs: vec![format!(
                "This view is coming in issue {issue}; the other tabs show this snapshot's data."
            )],
        })],
    }
}
