//! Live reload, the runtime's side: watch the loaded files and folders, load them again off
//! the UI thread when they change (or when Ctrl-R asks), and hand the outcome to the event
//! loop as an [`Action`](crate::app::Action). The app only ever sees valid data or a located
//! problem; it never reads a file.
//!
//! - [`targets`]: which folders to watch and which events matter.
//! - [`reload`]: one reload and its [`Outcome`].
//!
//! Watching uses the system's notifications (inotify, FSEvents, ReadDirectoryChanges); the
//! loader thread waits for a burst of events (one save is several) to settle, so it is one
//! reload. Only changes count: a file opened or read (by ebr's own loads, by an editor, by a
//! backup) is no reason to load it again, else every load would set off the next. Where
//! notifications do not work (network file systems, or the system refuses more watches) it
//! polls the files every second.
//!
//! A big folder opens on the periods under review; the watch then loads every file first of
//! all ([`Reloader::load_rest`]), sending its progress.

pub mod first;
pub mod reload;
pub mod targets;

use std::any::Any;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, PollWatcher, RecommendedWatcher, Watcher};

pub use reload::{Outcome, Reloader};
pub use targets::Targets;

/// How long a file must be quiet before it is loaded: one save is one reload.
const SETTLE: Duration = Duration::from_millis(200);

/// How often polling looks at the files.
const POLL_EVERY: Duration = Duration::from_secs(1);

/// How changes are noticed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum WatchMode {
    /// The system's notifications, polling where they fail.
    #[default]
    Auto,
    /// Polling only (network file systems, where notifications do not arrive).
    Poll,
    /// Not at all: Ctrl-R reloads by hand.
    Off,
}

impl WatchMode {
    /// Every mode, as config files and `EBR_WATCH` name them.
    pub const ALL: [WatchMode; 3] = [WatchMode::Auto, WatchMode::Poll, WatchMode::Off];

    /// The mode's name.
    pub fn name(self) -> &'static str {
        match self {
            WatchMode::Auto => "auto",
            WatchMode::Poll => "poll",
            WatchMode::Off => "off",
        }
    }
}

impl fmt::Display for WatchMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for WatchMode {
    type Err = String;

    fn from_str(text: &str) -> Result<WatchMode, String> {
        WatchMode::ALL
            .into_iter()
            .find(|m| m.name() == text.trim())
            .ok_or_else(|| format!("`{text}` is not a watch mode: expected auto, poll or off"))
    }
}

/// Why the loader thread wakes up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Wake {
    /// A file that matters changed.
    Changed,
    /// The user asked (Ctrl-R).
    Asked,
}

/// A running watch: changes and Ctrl-R go in, outcomes come out. Dropping it stops the
/// watcher and, once its work is done, the loader thread.
pub struct Watch {
    wake: Sender<Wake>,
    outcomes: Receiver<Outcome>,
    /// The watcher, kept for as long as the watch runs (dropping it stops watching); `None`
    /// when not watching.
    watcher: Option<Box<dyn Any + Send>>,
    /// How changes are noticed, for people.
    how: &'static str,
}

impl fmt::Debug for Watch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Watch").field("how", &self.how()).finish()
    }
}

impl Watch {
    /// Starts watching `paths` as `mode` says; `reloader` knows the data on screen. Never
    /// fails: without a watcher, Ctrl-R still reloads.
    pub fn start(paths: &[PathBuf], mode: WatchMode, reloader: Reloader) -> Watch {
        let (wake, woken) = mpsc::channel();
        let (done, outcomes) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("ebr-reload".into())
            .spawn(move || serve(reloader, &woken, &done));
        if spawned.is_err() {
            // No thread, no reload: the data on screen stays, which is always safe.
            return Watch {
                wake,
                outcomes,
                watcher: None,
                how: "off",
            };
        }
        let targets = Targets::of(paths);
        let notified = match mode {
            WatchMode::Auto => notify(&targets, &wake).map(|d| (boxed(d), "notifications")),
            WatchMode::Poll | WatchMode::Off => None,
        };
        let polled = || match mode {
            WatchMode::Auto | WatchMode::Poll => {
                poll(&targets, &wake).map(|d| (boxed(d), "polling"))
            }
            WatchMode::Off => None,
        };
        let (watcher, how) = match notified.or_else(polled) {
            Some((watcher, how)) => (Some(watcher), how),
            None => (None, "off"),
        };
        Watch {
            wake,
            outcomes,
            watcher,
            how,
        }
    }

    /// Asks for a reload now (Ctrl-R).
    pub fn request(&self) {
        let _ = self.wake.send(Wake::Asked);
    }

    /// The next outcome, if one is ready; never waits.
    pub fn try_next(&self) -> Option<Outcome> {
        self.outcomes.try_recv().ok()
    }

    /// How changes are noticed: `notifications`, `polling` or `off`.
    pub fn how(&self) -> &'static str {
        debug_assert_eq!(self.watcher.is_some(), self.how != "off");
        self.how
    }
}

/// The loader thread: every file first when the start loaded only some, then one reload per
/// burst of wake-ups, until the watch is dropped.
fn serve(mut reloader: Reloader, woken: &Receiver<Wake>, done: &Sender<Outcome>) {
    if reloader.owes_rest() {
        held_by_test();
        let now = chrono::Local::now().naive_local();
        reloader.load_rest(now, &|outcome| {
            let _ = done.send(outcome);
        });
    }
    while let Ok(first) = woken.recv() {
        let mut asked = first == Wake::Asked;
        // A save is a burst of events: wait until the files are quiet (Ctrl-R does not wait).
        while !asked {
            match woken.recv_timeout(SETTLE) {
                Ok(more) => asked |= more == Wake::Asked,
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
        while let Ok(more) = woken.try_recv() {
            asked |= more == Wake::Asked;
        }
        let now = chrono::Local::now().naive_local();
        if let Some(outcome) = reloader.reload(now, asked)
            && done.send(outcome).is_err()
        {
            return;
        }
    }
}

/// Debug builds only, for the PTY tests: with `EBR_TEST_LOAD_GATE=PATH` set, the first load of
/// every file waits while PATH exists, so a test can act while the load is not done. Release
/// builds have no such gate.
#[cfg(debug_assertions)]
fn held_by_test() {
    if let Some(gate) = std::env::var_os("EBR_TEST_LOAD_GATE") {
        while std::path::Path::new(&gate).exists() {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[cfg(not(debug_assertions))]
fn held_by_test() {}

/// Whether a test holds the first load (`EBR_TEST_LOAD_GATE`, debug builds only): then even
/// a small set opens on its periods under review first.
pub fn held_for_test() -> bool {
    cfg!(debug_assertions) && std::env::var_os("EBR_TEST_LOAD_GATE").is_some()
}

/// Whether an event may have changed a file's contents: opening, reading and closing a file
/// without writing do not.
fn changes(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(access) => *access == AccessKind::Close(AccessMode::Write),
        _ => true,
    }
}

/// The event handler: wakes the loader when an event changes a file that matters.
fn handler(targets: Targets, wake: Sender<Wake>) -> impl Fn(notify::Result<Event>) + Send {
    move |event: notify::Result<Event>| {
        if let Ok(event) = event
            && changes(&event.kind)
            && event.paths.iter().any(|p| targets.matters(p))
        {
            let _ = wake.send(Wake::Changed);
        }
    }
}

/// The system's notifications, or `None` when any watch point cannot be watched.
fn notify(targets: &Targets, wake: &Sender<Wake>) -> Option<RecommendedWatcher> {
    let handler = handler(targets.clone(), wake.clone());
    let watcher = RecommendedWatcher::new(handler, notify::Config::default()).ok()?;
    watch_all(watcher, targets)
}

/// Polling every [`POLL_EVERY`]. The files' contents are compared, not only their times:
/// notify's poller keeps times in whole seconds, so a file completed within the second it was
/// half written would otherwise stay refused.
fn poll(targets: &Targets, wake: &Sender<Wake>) -> Option<PollWatcher> {
    let config = notify::Config::default()
        .with_poll_interval(POLL_EVERY)
        .with_compare_contents(true);
    let watcher = PollWatcher::new(handler(targets.clone(), wake.clone()), config).ok()?;
    watch_all(watcher, targets)
}

fn boxed<W: Watcher + Send + 'static>(watcher: W) -> Box<dyn Any + Send> {
    Box::new(watcher)
}

fn watch_all<W: Watcher>(mut watcher: W, targets: &Targets) -> Option<W> {
    for (path, mode) in targets.watch_points() {
        watcher.watch(&path, mode).ok()?;
    }
    Some(watcher)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each of ebr's loads reads every file: were a read a change, the loads would follow each
    /// other for ever (on main before this test, a Ctrl-R kept a core 40 % busy until quit).
    #[test]
    fn reading_a_watched_file_is_no_change_and_writing_it_is() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let file = dir.path().join("2026-10.toml");
        std::fs::write(&file, "x = 1\n").expect("write");
        let targets = Targets::of(&[dir.path().to_path_buf()]);
        let (wake, woken) = mpsc::channel();
        let Some(_watcher) = notify(&targets, &wake) else {
            return; // no notifications here (the poller compares contents, never reads count)
        };
        std::fs::read(&file).expect("read");
        let _ = std::fs::File::open(&file).expect("open");
        assert!(
            woken.recv_timeout(Duration::from_millis(500)).is_err(),
            "a read woke the loader"
        );
        std::fs::write(&file, "x = 2\n").expect("write again");
        assert_eq!(
            woken.recv_timeout(Duration::from_secs(10)),
            Ok(Wake::Changed)
        );
    }
}
