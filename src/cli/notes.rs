//! `ebr notes [--socket PATH]`: the speaker's notes in a second terminal, following a
//! presenter (`ebr present`) through its Unix socket: the item's number, title and timer, its
//! notes, the next item's title.
//!
//! It only reads: no raw mode, no alternate screen, nothing to restore; Ctrl-C ends it. Until
//! a presenter answers it waits; when the presenter ends, so does it. A follower the presenter
//! dropped for reading too slowly connects again and is sent the current position.

use std::io::{BufRead, BufReader, IsTerminal, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use ebr::ui::follow::{self, MAX_MESSAGE, notes};

use super::{SUCCESS, USAGE};

/// Arguments of `ebr notes`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The presenter's socket (default: $XDG_RUNTIME_DIR/ebr-notes.sock, as `ebr present`).
    #[arg(long, value_name = "PATH")]
    pub socket: Option<PathBuf>,
}

/// How often to try the socket while no presenter answers.
const RETRY: Duration = Duration::from_millis(250);

/// Runs `ebr notes`.
pub fn run(args: Args) -> color_eyre::Result<ExitCode> {
    let Some(path) = args.socket.or_else(follow::default_socket) else {
        say!(
            "ebr notes: XDG_RUNTIME_DIR is not set: give the presenter's socket with --socket PATH"
        );
        return Ok(ExitCode::from(USAGE));
    };
    let mut screen = Screen::new();
    let mut stream = wait_for_presenter(&path, &mut screen);
    loop {
        if let Some(code) = follow(stream, &mut screen)? {
            return Ok(code);
        }
        // The presenter closed the connection: it ended, or dropped this follower for being
        // slow, and then it answers again (and sends the position at once).
        match UnixStream::connect(&path) {
            Ok(again) => stream = again,
            Err(_) => break,
        }
    }
    screen.show(&["The presenter has ended.".to_owned()])?;
    Ok(ExitCode::from(SUCCESS))
}

/// Tries the socket until a presenter answers, saying so meanwhile.
fn wait_for_presenter(path: &Path, screen: &mut Screen) -> UnixStream {
    let mut said = false;
    loop {
        match UnixStream::connect(path) {
            Ok(stream) => return stream,
            Err(_) => {
                if !said {
                    // Nothing to do if the terminal is gone; connecting goes on.
                    let _ = screen.show(&notes::waiting(&path.display().to_string()));
                    said = true;
                }
                std::thread::sleep(RETRY);
            }
        }
    }
}

/// Shows each position the presenter sends until it closes the connection (`None`), or a
/// message that cannot be a position ends the follower (its exit code).
fn follow(stream: UnixStream, screen: &mut Screen) -> std::io::Result<Option<ExitCode>> {
    let mut reader = BufReader::new(stream);
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = (&mut reader)
            .take(MAX_MESSAGE as u64 + 1)
            .read_until(b'\n', &mut line)?;
        if read == 0 {
            return Ok(None);
        }
        if line.last() != Some(&b'\n') {
            say!("ebr notes: a message from the presenter is too long or cut; stopping");
            return Ok(Some(ExitCode::FAILURE));
        }
        match follow::decode(&line[..line.len() - 1]) {
            Ok(cue) => screen.show(&notes::lines(&cue, screen.columns()))?,
            Err(err) => say!("ebr notes: unreadable message from the presenter: {err}"),
        }
    }
}

/// Standard output: on a terminal each screen replaces the one before; elsewhere the screens
/// follow one another, a blank line between.
struct Screen {
    terminal: bool,
}

impl Screen {
    fn new() -> Screen {
        Screen {
            terminal: std::io::stdout().is_terminal(),
        }
    }

    fn columns(&self) -> usize {
        match crossterm::terminal::size() {
            Ok((cols, _)) if self.terminal => usize::from(cols),
            _ => 80,
        }
    }

    fn show(&mut self, lines: &[String]) -> std::io::Result<()> {
        let mut out = std::io::stdout().lock();
        if self.terminal {
            // Home, clear the screen.
            write!(out, "\x1b[H\x1b[2J")?;
        }
        for line in lines {
            writeln!(out, "{line}")?;
        }
        if !self.terminal {
            writeln!(out)?;
        }
        out.flush()
    }
}
