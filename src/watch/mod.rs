//! Live reload, the runtime's side: watch the loaded files and folders, load them again off
//! the UI thread when they change (or when Ctrl-R asks), and hand the outcome to the event
//! loop as an [`Action`](crate::app::Action). The app only ever sees valid data or a located
//! problem; it never reads a file.
//!
//! - [`targets`]: which folders to watch and which events matter.
//! - [`reload`]: one reload and its [`Outcome`].
//!
//! Watching uses the system's notifications (inotify, FSEvents, ReadDirectoryChanges) through
//! a debouncer, so the burst of events of one save is one reload; where they do not work
//! (network file systems, or the system refuses more watches) it polls the files every second.

pub mod reload;
pub mod targets;

use std::any::Any;
use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use notify::{PollWatcher, RecommendedWatcher, Watcher};
use notify_debouncer_mini::{Config, DebounceEventResult, Debouncer, new_debouncer_opt};

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
    /// The debouncer and its watcher, kept for as long as the watch runs (dropping it stops
    /// watching); `None` when not watching.
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

/// The loader thread: one reload per burst of wake-ups, until the watch is dropped.
fn serve(mut reloader: Reloader, woken: &Receiver<Wake>, done: &Sender<Outcome>) {
    while let Ok(first) = woken.recv() {
        let mut asked = first == Wake::Asked;
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

/// The event handler: wakes the loader when an event touches a file that matters.
fn handler(targets: Targets, wake: Sender<Wake>) -> impl FnMut(DebounceEventResult) + Send {
    move |events: DebounceEventResult| {
        if let Ok(events) = events
            && events.iter().any(|e| targets.matters(&e.path))
        {
            let _ = wake.send(Wake::Changed);
        }
    }
}

/// The system's notifications, or `None` when any watch point cannot be watched.
fn notify(targets: &Targets, wake: &Sender<Wake>) -> Option<Debouncer<RecommendedWatcher>> {
    let config = Config::default().with_timeout(SETTLE);
    let debouncer = new_debouncer_opt(config, handler(targets.clone(), wake.clone())).ok()?;
    watch_all(debouncer, targets)
}

/// Polling every [`POLL_EVERY`]. The files' contents are compared, not only their times:
/// notify's poller keeps times in whole seconds, so a file completed within the second it was
/// half written would otherwise stay refused.
fn poll(targets: &Targets, wake: &Sender<Wake>) -> Option<Debouncer<PollWatcher>> {
    let config = Config::default().with_timeout(SETTLE).with_notify_config(
        notify::Config::default()
            .with_poll_interval(POLL_EVERY)
            .with_compare_contents(true),
    );
    let debouncer = new_debouncer_opt(config, handler(targets.clone(), wake.clone())).ok()?;
    watch_all(debouncer, targets)
}

fn boxed<W: Watcher + Send + 'static>(debouncer: Debouncer<W>) -> Box<dyn Any + Send> {
    Box::new(debouncer)
}

fn watch_all<W: Watcher>(mut debouncer: Debouncer<W>, targets: &Targets) -> Option<Debouncer<W>> {
    for (path, mode) in targets.watch_points() {
        debouncer.watcher().watch(&path, mode).ok()?;
    }
    Some(debouncer)
}
