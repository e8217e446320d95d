//! Copying text to the clipboard from a terminal, also over SSH: through tmux's buffer when
//! inside tmux (`tmux load-buffer -w -`, which also sets the outer terminal's clipboard), else
//! with an OSC 52 sequence written to the terminal (wrapped in a DCS passthrough inside tmux
//! or GNU screen, which would otherwise swallow it). Never to a non-terminal, never above the
//! size cap.

use std::io::{self, IsTerminal, Write};
use std::process::{Command, Stdio};

use crate::config::ClipboardMode;

/// How the text reached the clipboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// `tmux load-buffer -w -`.
    Tmux,
    /// An OSC 52 sequence to the terminal.
    Osc52,
}

/// Why nothing was copied.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// The text is larger than the cap.
    TooLarge {
        /// Its size in bytes.
        size: usize,
        /// The cap in bytes.
        cap: usize,
    },
    /// Standard output is not a terminal.
    NotATerminal,
    /// Writing failed.
    Failed(String),
    /// Copying is turned off.
    Off,
}

/// Copies `text` as `mode` says: `auto` through tmux when `$TMUX` is set and the command
/// works, else OSC 52 on `out` (the terminal); `tmux` or `osc52` only that way; `off` never.
/// The cap (bytes; `clipboard.cap`, default 100 KB: many terminals drop longer OSC 52
/// sequences) applies to every way.
pub fn copy(
    text: &str,
    cap: usize,
    mode: ClipboardMode,
    out: &mut impl Write,
) -> Result<Route, Refused> {
    if mode == ClipboardMode::Off {
        return Err(Refused::Off);
    }
    if text.len() > cap {
        return Err(Refused::TooLarge {
            size: text.len(),
            cap,
        });
    }
    let inside_tmux = std::env::var_os("TMUX").is_some_and(|v| !v.is_empty());
    match mode {
        ClipboardMode::Tmux => {
            return tmux_load_buffer(text)
                .map(|()| Route::Tmux)
                .map_err(|e| Refused::Failed(e.to_string()));
        }
        ClipboardMode::Auto if inside_tmux && tmux_load_buffer(text).is_ok() => {
            return Ok(Route::Tmux);
        }
        ClipboardMode::Auto | ClipboardMode::Osc52 | ClipboardMode::Off => {}
    }
    if !io::stdout().is_terminal() {
        return Err(Refused::NotATerminal);
    }
    let wrap = Wrap::detect(inside_tmux);
    out.write_all(osc52(text, wrap).as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Refused::Failed(e.to_string()))?;
    Ok(Route::Osc52)
}

fn tmux_load_buffer(text: &str) -> io::Result<()> {
    let mut child = Command::new("tmux")
        .args(["load-buffer", "-w", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(text.as_bytes())?;
    }
    let status = child.wait()?;
    if status.success() {
        Ok(())
    } else {
        Err(io::Error::other(format!("tmux load-buffer: {status}")))
    }
}

/// What an OSC 52 sequence must pass through to reach the outer terminal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wrap {
    /// Straight to the terminal.
    None,
    /// tmux's passthrough: `ESC P tmux; … ESC \`, each ESC inside doubled.
    Tmux,
    /// GNU screen's passthrough: `ESC P … ESC \`.
    Screen,
}

impl Wrap {
    /// tmux when inside tmux, screen when `$STY` is set or `$TERM` starts with `screen`.
    fn detect(inside_tmux: bool) -> Wrap {
        if inside_tmux {
            Wrap::Tmux
        } else if std::env::var_os("STY").is_some_and(|v| !v.is_empty())
            || std::env::var("TERM").is_ok_and(|t| t.starts_with("screen"))
        {
            Wrap::Screen
        } else {
            Wrap::None
        }
    }
}

/// The OSC 52 sequence setting the clipboard to `text`, wrapped as needed.
pub fn osc52(text: &str, wrap: Wrap) -> String {
    use base64::Engine;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let sequence = format!("\x1b]52;c;{encoded}\x07");
    match wrap {
        Wrap::None => sequence,
        Wrap::Tmux => format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b")),
        Wrap::Screen => format!("\x1bP{sequence}\x1b\\"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_carries_base64_and_is_wrapped_for_multiplexers() {
        assert_eq!(osc52("hi", Wrap::None), "\x1b]52;c;aGk=\x07");
        assert_eq!(
            osc52("hi", Wrap::Tmux),
            "\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\"
        );
        assert_eq!(osc52("hi", Wrap::Screen), "\x1bP\x1b]52;c;aGk=\x07\x1b\\");
    }

    #[test]
    fn text_above_the_cap_is_refused_before_anything_is_written() {
        let mut out = Vec::new();
        assert_eq!(
            copy("abcdef", 5, ClipboardMode::Auto, &mut out),
            Err(Refused::TooLarge { size: 6, cap: 5 })
        );
        assert!(out.is_empty());
    }

    #[test]
    fn mode_off_copies_nothing_whatever_the_size() {
        let mut out = Vec::new();
        assert_eq!(
            copy("abc", 5, ClipboardMode::Off, &mut out),
            Err(Refused::Off)
        );
        assert!(out.is_empty());
    }
}
