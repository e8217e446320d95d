//! Presenter mode: an agenda of bookmarked views played one after another, with a time budget
//! per item. The clock is data: the runtime sends [`Action::Tick`](super::Action::Tick) with
//! the time since it started, so `update` stays free of I/O and tests choose the time.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::bookmark::Bookmark;
use super::state::App;

/// One item of an agenda, resolved against the loaded data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgendaItem {
    /// What the audience sees in the header.
    pub title: String,
    /// What the speaker says (shown to the follower, never on the shared screen).
    pub notes: String,
    /// The time budget, if any.
    pub minutes: Option<u32>,
    /// The view the item shows.
    pub view: Bookmark,
    /// Whether the item's figures differ from those recorded at rehearsal (`ebr present
    /// --rehearse`); false when there was no rehearsal.
    pub figures_changed: bool,
}

/// The agenda being presented and where the presenter is in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Presentation {
    items: Vec<AgendaItem>,
    at: usize,
    /// Digits typed towards a jump ("3" then Enter goes to item 3); `None` when not typing.
    typed: Option<String>,
    /// The clock when the item on screen was entered.
    started: Duration,
    /// The latest time the runtime reported.
    clock: Duration,
}

/// Where the presenter is, in full: what a follower needs to show the speaker's view, so one
/// message is enough for a follower that starts late or missed the ones before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cue {
    /// The item on screen, from 1.
    pub number: usize,
    /// How many items the agenda has.
    pub count: usize,
    /// The item's title.
    pub title: String,
    /// The item's speaker notes.
    pub notes: String,
    /// The next item's title, if there is one.
    pub next: Option<String>,
    /// Whole seconds spent on the item.
    pub elapsed_secs: u64,
    /// The item's budget in seconds, if it has one.
    pub budget_secs: Option<u64>,
    /// Whether the screen has left the item's view (a question being answered).
    pub off_item: bool,
    /// Whether the item's figures changed since rehearsal.
    #[serde(default)]
    pub figures_changed: bool,
}

impl Presentation {
    /// The items, in order.
    pub fn items(&self) -> &[AgendaItem] {
        &self.items
    }

    /// Index of the item on screen.
    pub fn at(&self) -> usize {
        self.at
    }

    /// The item on screen.
    pub fn item(&self) -> Option<&AgendaItem> {
        self.items.get(self.at)
    }

    /// The digits typed towards a jump, while typing them.
    pub fn typed(&self) -> Option<&str> {
        self.typed.as_deref()
    }

    /// Time spent on the item on screen.
    pub fn elapsed(&self) -> Duration {
        self.clock.saturating_sub(self.started)
    }
}

impl App {
    /// Starts presenting `items` from the first (nothing happens for an empty agenda).
    pub fn present(&mut self, items: Vec<AgendaItem>) {
        if items.is_empty() {
            return;
        }
        self.presentation = Some(Presentation {
            items,
            at: 0,
            typed: None,
            started: Duration::ZERO,
            clock: Duration::ZERO,
        });
        self.go_to_item(0);
        self.refresh();
    }

    /// The agenda being presented, if any.
    pub fn presentation(&self) -> Option<&Presentation> {
        self.presentation.as_ref()
    }

    /// Whether the screen shows something other than the item's view.
    pub fn off_item(&self) -> bool {
        self.presentation
            .as_ref()
            .and_then(Presentation::item)
            .is_some_and(|item| item.view != self.bookmark())
    }

    /// The presenter's position, for followers.
    pub fn cue(&self) -> Option<Cue> {
        let p = self.presentation.as_ref()?;
        let item = p.item()?;
        Some(Cue {
            number: p.at + 1,
            count: p.items.len(),
            title: item.title.clone(),
            notes: item.notes.clone(),
            next: p.items.get(p.at + 1).map(|i| i.title.clone()),
            elapsed_secs: p.elapsed().as_secs(),
            budget_secs: item.minutes.map(|m| u64::from(m) * 60),
            off_item: self.off_item(),
            figures_changed: item.figures_changed,
        })
    }

    /// Goes to item `index` (clamped to the agenda): its view on screen, its clock restarted
    /// when the item changes.
    pub(super) fn go_to_item(&mut self, index: usize) {
        let Some(p) = self.presentation.as_mut() else {
            return;
        };
        let index = index.min(p.items.len().saturating_sub(1));
        if index != p.at {
            p.at = index;
            p.started = p.clock;
        }
        p.typed = None;
        let view = p.items.get(index).map(|item| item.view.clone());
        if let Some(view) = view {
            self.apply_bookmark(&view);
        }
    }

    /// Next (`delta` 1) or previous (-1) item; stays put at either end.
    pub(super) fn step_item(&mut self, delta: isize) {
        if let Some(at) = self.presentation.as_ref().map(|p| p.at) {
            self.go_to_item(at.saturating_add_signed(delta));
        }
    }

    /// `r`: back to the exact view of the item on screen after a detour.
    pub(super) fn back_to_item(&mut self) {
        if let Some(at) = self.presentation.as_ref().map(|p| p.at) {
            self.go_to_item(at);
        }
    }

    /// A digit typed towards a jump.
    pub(super) fn type_jump(&mut self, digit: u8) {
        if let Some(p) = self.presentation.as_mut()
            && digit < 10
        {
            let typed = p.typed.get_or_insert_with(String::new);
            if typed.len() < 4 {
                typed.push(char::from(b'0' + digit));
            }
        }
    }

    /// Backspace while typing a jump; the last digit removed ends the typing.
    pub(super) fn untype_jump(&mut self) {
        if let Some(p) = self.presentation.as_mut()
            && let Some(typed) = p.typed.as_mut()
        {
            typed.pop();
            if typed.is_empty() {
                p.typed = None;
            }
        }
    }

    /// Enter after digits: to that item (numbered from 1; out of range goes to the nearest).
    pub(super) fn finish_jump(&mut self) {
        let Some(typed) = self.presentation.as_mut().and_then(|p| p.typed.take()) else {
            return;
        };
        let number: usize = typed.parse().unwrap_or(1);
        self.go_to_item(number.saturating_sub(1));
    }

    /// Esc while typing a jump.
    pub(super) fn cancel_jump(&mut self) {
        if let Some(p) = self.presentation.as_mut() {
            p.typed = None;
        }
    }

    /// The runtime's clock.
    pub(super) fn tick(&mut self, now: Duration) {
        if let Some(p) = self.presentation.as_mut() {
            p.clock = now.max(p.clock);
        }
    }
}
