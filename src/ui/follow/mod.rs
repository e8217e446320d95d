//! Speaker notes in a second terminal: presenter mode tells followers (`ebr notes`) where it
//! is through a Unix socket, and a follower shows the item's notes, the next item's title and
//! the timer.
//!
//! - [`server`]: the presenter's side, fed from the app after every turn of the event loop;
//!   it never waits for a follower.
//! - [`notes`]: what a follower shows for a position, as lines of text.
//!
//! The socket is a file only its owner may open (mode 0600, in `$XDG_RUNTIME_DIR` unless a path
//! is given): no TCP port, no broadcast. Each message is one line of JSON holding the whole
//! [`Cue`], so a follower that starts late, or misses messages, shows the right thing from the
//! next one it reads, and a new follower is sent the current position at once.

pub mod notes;
pub mod server;

use std::path::PathBuf;

use crate::app::Cue;

/// The socket's file name in `$XDG_RUNTIME_DIR`.
pub const SOCKET_NAME: &str = "ebr-notes.sock";

/// Longest message a follower accepts (a position with its notes is a few hundred bytes; an
/// agenda file is at most 1 MiB).
pub const MAX_MESSAGE: usize = 2 * 1024 * 1024;

/// `$XDG_RUNTIME_DIR/ebr-notes.sock`, when `XDG_RUNTIME_DIR` is set (to an absolute path, as
/// the XDG spec requires).
pub fn default_socket() -> Option<PathBuf> {
    let dir = PathBuf::from(std::env::var_os("XDG_RUNTIME_DIR")?);
    dir.is_absolute().then(|| dir.join(SOCKET_NAME))
}

/// One message: the cue as a line of JSON.
pub fn encode(cue: &Cue) -> Vec<u8> {
    // Serialising a struct of strings and numbers cannot fail.
    let mut line = serde_json::to_vec(cue).unwrap_or_default();
    line.push(b'\n');
    line
}

/// A message read back (without its newline).
pub fn decode(line: &[u8]) -> Result<Cue, serde_json::Error> {
    serde_json::from_slice(line)
}
