//! A progress line on standard error while a long step runs (`ebr attribution`'s removal
//! effects over thousands of channels take seconds), only when standard error is a terminal:
//! a log or a pipe gets nothing. The line is rewritten in place and erased when done.

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Below this many steps a run ends too soon for a progress line to be worth drawing.
const MIN_STEPS: usize = 500;

/// Draws "what: 42 %" on standard error as a step goes.
pub struct StderrProgress {
    terminal: bool,
    /// The percentage on screen (`usize::MAX`: none), so each is drawn once.
    shown: AtomicUsize,
}

impl StderrProgress {
    /// A progress line if standard error is a terminal, else nothing.
    pub fn new() -> Self {
        StderrProgress {
            terminal: io::stderr().is_terminal(),
            shown: AtomicUsize::new(usize::MAX),
        }
    }

    /// `done` of `of` steps of `what` are done.
    pub fn report(&self, what: &str, done: usize, of: usize) {
        if !self.terminal || of < MIN_STEPS {
            return;
        }
        let percent = done.min(of) * 100 / of;
        if self.shown.swap(percent, Ordering::Relaxed) == percent {
            return;
        }
        let mut err = io::stderr().lock();
        // The line is ebr's own text; erasing it is ebr's own control sequence.
        let _ = if done >= of {
            write!(err, "\r\x1b[K")
        } else {
            write!(err, "\r{what}: {percent} %")
        };
        let _ = err.flush();
    }
}
