//! Drives the real `ebr` binary on a pseudo-terminal and keeps a vt100 model of its screen.
//!
//! The size is set before the child starts; every assertion waits for a screen condition with a
//! timeout (ratatui writes diffs, so no single chunk of output means anything); after the child
//! exits, the output is drained to EOF before the final screen is checked.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long any screen condition may take to appear (the machine is shared and busy).
pub const PATIENCE: Duration = Duration::from_secs(15);

/// A running `ebr` on a pseudo-terminal.
pub struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    eof: Arc<AtomicBool>,
    writer: Option<Box<dyn Write + Send>>,
    master: Option<Box<dyn MasterPty + Send>>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    pub started: Instant,
}

/// A terminal dimension (at least 1: a 0-sized model is not a terminal).
fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).expect("at least 1")
}

/// The binary under test.
pub fn ebr() -> &'static str {
    env!("CARGO_BIN_EXE_ebr")
}

impl Session {
    /// Starts `ebr args...` on a `cols` x `rows` terminal with TERM=xterm-256color, NO_COLOR
    /// and XDG_RUNTIME_DIR unset, plus `env`.
    pub fn spawn(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        Session::start(ebr(), args, cols, rows, env, None)
    }

    /// Like [`Session::spawn`], for another build of ebr (a benchmark comparing two).
    pub fn spawn_program(
        program: &str,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Session {
        Session::start(program, args, cols, rows, env, None)
    }

    /// Like [`Session::spawn`], but stops reading (and closes its read handle) once the screen
    /// shows `marker`, so that [`Session::hang_up`] closes the terminal for real.
    pub fn spawn_until(args: &[&str], cols: u16, rows: u16, marker: &'static str) -> Session {
        Session::start(ebr(), args, cols, rows, &[], Some(marker))
    }

    fn start(
        program: &str,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
        stop_at: Option<&'static str>,
    ) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        // No config file of the machine's user: a test that wants one sets XDG_CONFIG_HOME.
        cmd.env(
            "XDG_CONFIG_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-ebr-config"),
        );
        cmd.env_remove("EBR_CONFIG");
        // Presenters of tests running side by side never share the default notes socket.
        cmd.env_remove("XDG_RUNTIME_DIR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        let started = Instant::now();
        let child = pty.slave.spawn_command(cmd).expect("spawn ebr");
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let eof = Arc::new(AtomicBool::new(false));
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let (p, r, e) = (parser.clone(), raw.clone(), eof.clone());
        let thread = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let mut parser = p.lock().unwrap();
                        parser.process(&buf[..n]);
                        r.lock().unwrap().extend_from_slice(&buf[..n]);
                        if stop_at.is_some_and(|m| parser.screen().contents().contains(m)) {
                            break;
                        }
                    }
                }
            }
            e.store(true, Ordering::SeqCst);
        });
        let writer = pty.master.take_writer().expect("pty writer");
        Session {
            parser,
            raw,
            eof,
            writer: Some(writer),
            master: Some(pty.master),
            child,
            reader: Some(thread),
            started,
        }
    }

    /// Presses `q` and expects ebr to end with exit code 0 within 10 s.
    pub fn quit(mut self) {
        self.send(b"q");
        let (code, _) = self.wait_exit(Duration::from_secs(10));
        self.drain();
        assert_eq!(code, 0);
    }

    /// Types bytes (keys) into the terminal.
    pub fn send(&mut self, bytes: &[u8]) {
        let writer = self.writer.as_mut().expect("terminal still open");
        writer.write_all(bytes).expect("write keys");
        writer.flush().expect("flush keys");
    }

    /// The screen's text now.
    pub fn contents(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Every byte the child wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// How many bytes the child wrote so far.
    pub fn bytes(&self) -> usize {
        self.raw.lock().unwrap().len()
    }

    /// Waits until `check` holds for the screen; panics with the screen after [`PATIENCE`].
    pub fn wait_for(&self, what: &str, check: impl Fn(&vt100::Screen) -> bool) -> Duration {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if check(self.parser.lock().unwrap().screen()) {
                return self.started.elapsed();
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen:\n{}", self.contents());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits until the screen shows `text`.
    pub fn wait_text(&self, text: &str) -> Duration {
        self.wait_for(&format!("{text:?}"), |s| s.contents().contains(text))
    }

    /// Waits until the output has been quiet for `quiet` (a frame is complete).
    pub fn settle(&self, quiet: Duration) {
        let deadline = Instant::now() + PATIENCE;
        let mut last = self.bytes();
        let mut since = Instant::now();
        while Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
            let now = self.bytes();
            if now != last {
                last = now;
                since = Instant::now();
            } else if since.elapsed() >= quiet {
                return;
            }
        }
    }

    /// Resizes the terminal (the child gets SIGWINCH) and the screen model.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let master = self.master.as_ref().expect("terminal still open");
        // The model of the screen takes the new size first, and holds its lock while the pty
        // changes size: a frame the app draws for the new size (on SIGWINCH) is then never read
        // into the model at the old size, which would leave wrapped debris on it.
        let mut parser = self.parser.lock().unwrap();
        parser.set_size(nz(rows), nz(cols));
        master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize pty");
    }

    /// Sends a signal (`TERM`, `HUP`...) to the child.
    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("child pid");
        let status = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} {pid}");
    }

    /// Waits for the child to exit (at most `limit`), returning its exit code and how long it
    /// took from now.
    pub fn wait_exit(&mut self, limit: Duration) -> (u32, Duration) {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("poll child") {
                return (status.exit_code(), start.elapsed());
            }
            if start.elapsed() > limit {
                let _ = self.child.kill();
                panic!(
                    "ebr still running after {limit:?}; screen:\n{}",
                    self.contents()
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Whether the child has exited (without waiting).
    pub fn exited(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(Some(_)))
    }

    /// Reads what is left after the child exited, up to EOF, so the final screen is complete.
    pub fn drain(&mut self) {
        self.writer.take();
        let deadline = Instant::now() + PATIENCE;
        while !self.eof.load(Ordering::SeqCst) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        if self.eof.load(Ordering::SeqCst)
            && let Some(thread) = self.reader.take()
        {
            let _ = thread.join();
        }
    }

    /// Closes the terminal from this side, as a dropped SSH connection does (only complete
    /// once the reader stopped: see [`Session::spawn_until`]).
    pub fn hang_up(&mut self) {
        self.drain();
        self.writer.take();
        self.master.take();
    }

    /// Whether the screen is back to normal: main screen, cursor visible.
    pub fn restored(&self) -> bool {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        !screen.alternate_screen() && !screen.hide_cursor()
    }

    /// The text of the tab drawn in reverse video on the tab bar.
    pub fn active_tab(&self) -> String {
        active_tab(self.parser.lock().unwrap().screen())
    }
}

/// Presenter mode's line under the breadcrumb (the fourth row): "3/9 · title ... timer".
pub fn item_line(screen: &vt100::Screen) -> String {
    screen
        .contents()
        .lines()
        .nth(3)
        .unwrap_or_default()
        .to_owned()
}

/// Waits until presenter mode's item line starts with `prefix`.
pub fn wait_item(s: &Session, prefix: &str) {
    s.wait_for(prefix, |scr| item_line(scr).starts_with(prefix));
}

/// The text of the tab drawn in reverse video on the tab bar (the second row).
pub fn active_tab(screen: &vt100::Screen) -> String {
    let (_, cols) = screen.size();
    (0..cols.get())
        .filter_map(|c| screen.cell(1, c))
        .filter(|cell| cell.inverse())
        .map(|cell| cell.contents().to_owned())
        .collect::<String>()
        .trim()
        .to_owned()
}

impl Drop for Session {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
        }
    }
}
