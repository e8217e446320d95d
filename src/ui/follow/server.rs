//! The presenter's side of speaker notes: a Unix socket of mode 0600 that followers connect
//! to, and a [`CueServer::publish`] the terminal runtime calls after every turn of its loop.
//!
//! Nothing here may stall the presenter: the socket and every follower's stream are
//! non-blocking, and a follower needs the latest position, not a backlog: it gets a small send
//! buffer, and a position not yet started is replaced by a newer one (a message is never cut).
//! A follower whose buffer stays full (it stopped reading) or that hung up is dropped.

use std::fs::{self, Permissions};
use std::io::{self, Write};
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rustix::fs::Mode;

use super::encode;
use crate::app::Cue;

/// What the kernel holds for one follower before writes would block (Linux doubles it).
const SEND_BUFFER: usize = 8 * 1024;

/// How long a follower's buffer may stay full before the follower is dropped.
const STALL_LIMIT: Duration = Duration::from_secs(2);

/// Why the socket could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum BindError {
    /// Another presenter answers on the socket.
    #[error("{0} is in use by another presenter (give another path with --socket)")]
    InUse(PathBuf),
    /// The path holds something other than a socket, which is left alone.
    #[error("{0} exists and is not a socket (give another path with --socket)")]
    NotASocket(PathBuf),
    /// The system refused.
    #[error("cannot open the notes socket {path}: {source}")]
    Io {
        /// The socket's path.
        path: PathBuf,
        /// What went wrong.
        source: io::Error,
    },
}

/// The socket and the followers connected to it.
#[derive(Debug)]
pub struct CueServer {
    path: PathBuf,
    listener: UnixListener,
    followers: Vec<Follower>,
    /// The latest message, sent to every new follower first.
    latest: Option<Vec<u8>>,
}

#[derive(Debug)]
struct Follower {
    stream: UnixStream,
    /// The rest of the message being written, not yet taken by the kernel.
    in_flight: Vec<u8>,
    /// The latest position, not started yet: a newer one replaces it.
    next: Option<Vec<u8>>,
    /// Since when the kernel's buffer for this follower has been full, while it is.
    full_since: Option<Instant>,
}

impl CueServer {
    /// Opens the socket at `path`, readable and writable by its owner only. A socket left by
    /// a presenter that ended without cleaning up is replaced; a live one is not.
    pub fn bind(path: &Path) -> Result<CueServer, BindError> {
        let fail = |source: io::Error| BindError::Io {
            path: path.to_path_buf(),
            source,
        };
        match fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_socket() => {
                if UnixStream::connect(path).is_ok() {
                    return Err(BindError::InUse(path.to_path_buf()));
                }
                fs::remove_file(path).map_err(fail)?;
            }
            Ok(_) => return Err(BindError::NotASocket(path.to_path_buf())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(fail(e)),
        }
        // The socket file is created 0600 (no window in which another user could connect),
        // then the process's mask is put back.
        let previous = rustix::process::umask(Mode::from_raw_mode(0o177));
        let bound = UnixListener::bind(path);
        rustix::process::umask(previous);
        let listener = bound.map_err(fail)?;
        let server = CueServer {
            path: path.to_path_buf(),
            listener,
            followers: Vec::new(),
            latest: None,
        };
        fs::set_permissions(path, Permissions::from_mode(0o600)).map_err(fail)?;
        server.listener.set_nonblocking(true).map_err(fail)?;
        Ok(server)
    }

    /// The socket's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many followers are connected.
    pub fn followers(&self) -> usize {
        self.followers.len()
    }

    /// Takes new followers and sends the position to every follower that has not got it
    /// yet. Never blocks.
    pub fn publish(&mut self, cue: Option<&Cue>) {
        self.publish_at(cue, Instant::now());
    }

    /// [`CueServer::publish`] at the time `now` (tests choose it).
    pub fn publish_at(&mut self, cue: Option<&Cue>, now: Instant) {
        let message = cue.map(encode);
        if message.is_some() && message != self.latest {
            self.latest = message;
            for follower in &mut self.followers {
                follower.next.clone_from(&self.latest);
            }
        }
        self.accept();
        self.followers.retain_mut(|f| f.flush(now));
    }

    fn accept(&mut self) {
        // Any error (WouldBlock: nobody waiting) ends the round; the next turn tries again.
        while let Ok((stream, _)) = self.listener.accept() {
            if stream.set_nonblocking(true).is_err() {
                continue;
            }
            let _ = rustix::net::sockopt::set_socket_send_buffer_size(&stream, SEND_BUFFER);
            self.followers.push(Follower {
                stream,
                in_flight: Vec::new(),
                next: self.latest.clone(),
                full_since: None,
            });
        }
    }
}

impl Follower {
    /// Writes what the kernel takes; false when the follower is to be dropped (it hung up, or
    /// its buffer has been full for [`STALL_LIMIT`]).
    fn flush(&mut self, now: Instant) -> bool {
        loop {
            if self.in_flight.is_empty() {
                match self.next.take() {
                    Some(message) => self.in_flight = message,
                    None => {
                        self.full_since = None;
                        return true;
                    }
                }
            }
            match self.stream.write(&self.in_flight) {
                Ok(0) => return false,
                Ok(n) => {
                    self.in_flight.drain(..n);
                    self.full_since = None;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    let since = *self.full_since.get_or_insert(now);
                    return now.saturating_duration_since(since) < STALL_LIMIT;
                }
                Err(_) => return false,
            }
        }
    }
}

impl Drop for CueServer {
    /// Removes the socket file (a presenter ended by a signal leaves it; the next one
    /// replaces it).
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use std::io::{BufRead, BufReader};
    use std::time::Duration;

    use super::*;

    fn cue(number: usize) -> Cue {
        Cue {
            number,
            count: 3,
            title: format!("Item {number}"),
            notes: "x".repeat(500),
            next: None,
            elapsed_secs: 0,
            budget_secs: None,
            off_item: false,
            figures_changed: false,
        }
    }

    #[test]
    fn the_socket_is_its_owners_only_and_a_late_follower_gets_the_current_position() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("notes.sock");
        let mut server = CueServer::bind(&path).unwrap_or_else(|e| panic!("{e}"));
        let meta = fs::symlink_metadata(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(meta.file_type().is_socket());
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        server.publish(Some(&cue(1)));
        server.publish(Some(&cue(2)));
        let late = UnixStream::connect(&path).unwrap_or_else(|e| panic!("{e}"));
        late.set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap_or_else(|e| panic!("{e}"));
        server.publish(Some(&cue(2)));
        let mut line = String::new();
        BufReader::new(&late)
            .read_line(&mut line)
            .unwrap_or_else(|e| panic!("{e}"));
        let got =
            super::super::decode(line.trim_end().as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(got.number, 2);
        drop(server);
        assert!(!path.exists(), "the socket file is removed");
    }

    #[test]
    fn a_follower_that_never_reads_costs_one_position_and_is_dropped_once_stalled() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("notes.sock");
        let mut server = CueServer::bind(&path).unwrap_or_else(|e| panic!("{e}"));
        let _stalled = UnixStream::connect(&path).unwrap_or_else(|e| panic!("{e}"));
        let start = Instant::now();
        server.publish_at(Some(&cue(1)), start);
        assert_eq!(server.followers(), 1);
        // Each changed position is ~600 bytes; 1,000 of them are far above what the kernel
        // holds for one follower. publish returns each time (the test would hang otherwise),
        // and what waits is one message at most, besides the rest of the one being written.
        for n in 0..1000 {
            server.publish_at(Some(&cue(n % 2 + 1)), start);
        }
        assert_eq!(server.followers(), 1);
        let waiting = &server.followers[0];
        assert!(waiting.full_since.is_some());
        assert!(waiting.in_flight.len() <= encode(&cue(1)).len());
        assert_eq!(waiting.next.as_deref(), Some(&encode(&cue(2))[..]));
        // Still full two seconds later: dropped.
        server.publish_at(Some(&cue(1)), start + STALL_LIMIT);
        assert_eq!(server.followers(), 0);
    }

    #[test]
    fn a_live_presenters_socket_is_not_taken_a_stale_one_is_and_a_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("notes.sock");
        let first = CueServer::bind(&path).unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(CueServer::bind(&path), Err(BindError::InUse(_))));
        drop(first);
        // A socket whose presenter is gone (listener closed, file left behind) is replaced.
        let stale = dir.path().join("stale.sock");
        drop(UnixListener::bind(&stale).unwrap_or_else(|e| panic!("{e}")));
        assert!(stale.exists());
        CueServer::bind(&stale).unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("plain");
        fs::write(&file, "keep").unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(
            CueServer::bind(&file),
            Err(BindError::NotASocket(_))
        ));
        assert_eq!(fs::read_to_string(&file).unwrap_or_default(), "keep");
    }
}
