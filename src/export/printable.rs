//! Text from data made safe to show a person: the one escaping function every output of ebr
//! meant for reading (check's report, the plain report, loader warnings, `ebr attribution`'s
//! tables and errors) passes its text through.
//!
//! A snapshot or a path export is written by someone else. A name holding `ESC[2J` would clear
//! the reader's screen, an OSC 52 sequence would write to their clipboard, a bidi override would
//! show one id as another. So no C0 or C1 control, no DEL and no bidi control from data reaches
//! a terminal: each is written as a visible `\u{..}` escape. Characters that terminals draw at
//! widths they disagree on (zero-width joiners, emoji presentation selectors) are dropped, so
//! columns line up the same everywhere; noncharacters (U+FFFE, U+FFFF, U+FDD0..U+FDEF) are
//! escaped too: U+FFFD in their place would read, to a terminal emulator like vt100, as bytes
//! that failed to decode.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

/// What becomes of one character on its way to a person.
enum Fate {
    Keep,
    /// Written as `\u{hex}`: a control, shown rather than obeyed.
    Escape,
    /// Left out: a joiner or selector whose width terminals disagree on.
    Drop,
}

fn fate(c: char) -> Fate {
    match c {
        // C0 (tab and newline included: a name is one line), DEL and C1.
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Fate::Escape,
        // Bidi marks, embeddings, overrides and isolates; the line and paragraph separators.
        '\u{061c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{2028}'
        | '\u{2029}' => Fate::Escape,
        // Zero-width joiner and non-joiner, variation selectors (U+FE0F: emoji presentation).
        '\u{200c}' | '\u{200d}' | '\u{fe00}'..='\u{fe0f}' => Fate::Drop,
        // Noncharacters: not characters at all.
        c if (u32::from(c) & 0xfffe) == 0xfffe || ('\u{fdd0}'..='\u{fdef}').contains(&c) => {
            Fate::Escape
        }
        _ => Fate::Keep,
    }
}

/// `text` as it may be shown to a person: controls and noncharacters escaped as `\u{1b}`,
/// joiners and selectors dropped. Borrowed when nothing changes.
pub fn printable(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| matches!(fate(c), Fate::Keep)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match fate(c) {
            Fate::Keep => out.push(c),
            Fate::Escape => {
                // Writing into a String cannot fail.
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            Fate::Drop => {}
        }
    }
    Cow::Owned(out)
}

/// Text of several lines written by ebr (its own line breaks kept), each line through
/// [`printable`].
pub fn printable_lines(text: &str) -> Cow<'_, str> {
    if text
        .chars()
        .all(|c| c == '\n' || matches!(fate(c), Fate::Keep))
    {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(printable).collect();
    Cow::Owned(lines.join("\n"))
}

/// JSON text with every character [`printable`] would not keep as-is written as a `\uXXXX`
/// escape: the same string to a JSON reader, no control byte to a terminal. serde_json escapes
/// C0 already; C1, bidi controls and the rest are valid JSON unescaped, so they are done here.
/// Only string contents can hold such characters, and an escape is valid anywhere in a string.
pub fn json_escaped(json: &str) -> Cow<'_, str> {
    if json.chars().all(|c| matches!(fate(c), Fate::Keep)) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match fate(c) {
            Fate::Keep => out.push(c),
            // Whitespace between tokens is ebr's own (pretty printing); in strings serde_json
            // has already escaped it.
            _ if c == '\n' || c == ' ' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    Cow::Owned(out)
}

/// A writer for text meant for a person: every line goes through [`printable`] on its way,
/// the line breaks being the writer's own. Lines are held until their end (or a flush), so a
/// character is never judged in halves.
pub struct PrintableWriter<W: Write> {
    inner: W,
    line: Vec<u8>,
}

impl<W: Write> PrintableWriter<W> {
    /// Wraps `inner`.
    pub fn new(inner: W) -> Self {
        PrintableWriter {
            inner,
            line: Vec::new(),
        }
    }

    fn write_line(&mut self) -> io::Result<()> {
        let text = String::from_utf8_lossy(&self.line);
        self.inner.write_all(printable(&text).as_bytes())?;
        self.line.clear();
        Ok(())
    }
}

impl<W: Write> Write for PrintableWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(end) = memchr::memchr(b'\n', rest) {
            self.line.extend_from_slice(&rest[..end]);
            self.write_line()?;
            self.inner.write_all(b"\n")?;
            rest = &rest[end + 1..];
        }
        self.line.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.line.is_empty() {
            self.write_line()?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_not_obeyed() {
        assert_eq!(printable("plain"), Cow::Borrowed("plain"));
        assert_eq!(printable("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(
            printable("x\u{1b}]52;c;aGk=\u{7}"),
            "x\\u{1b}]52;c;aGk=\\u{7}"
        );
        assert_eq!(printable("\u{9b}31m\u{85}"), "\\u{9b}31m\\u{85}");
        assert_eq!(printable("\u{202e}evil\u{2066}"), "\\u{202e}evil\\u{2066}");
        assert_eq!(printable("two\nlines\t"), "two\\u{a}lines\\u{9}");
        assert_eq!(printable("del\u{7f}"), "del\\u{7f}");
    }

    #[test]
    fn width_disputed_characters_are_dropped_and_noncharacters_shown() {
        // Man, ZWJ, woman: two emoji side by side, as every terminal draws them.
        assert_eq!(
            printable("\u{1f468}\u{200d}\u{1f469}"),
            "\u{1f468}\u{1f469}"
        );
        assert_eq!(printable("\u{2764}\u{fe0f}"), "\u{2764}");
        assert_eq!(printable("a\u{fffe}b\u{ffff}"), "a\\u{fffe}b\\u{ffff}");
        assert_eq!(printable("東京 café"), "東京 café");
    }

    #[test]
    fn lines_keep_their_breaks() {
        assert_eq!(printable_lines("a\u{1b}\nb\r\n"), "a\\u{1b}\nb\\u{d}\n");
    }

    #[test]
    fn json_stays_the_same_string() {
        let value = "a\u{9b}b\u{202e}c\u{1f468}\u{200d}\u{1f469}\u{1b}";
        let json = serde_json::to_string_pretty(&serde_json::json!({ "name": value })).unwrap();
        let escaped = json_escaped(&json);
        assert!(escaped.chars().all(|c| c == '\n' || !c.is_control()));
        assert!(!escaped.contains('\u{202e}'));
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back["name"], value);
    }

    #[test]
    fn the_writer_escapes_each_line() {
        let mut out = PrintableWriter::new(Vec::new());
        // A multi-byte character split across two writes is judged whole.
        out.write_all(b"one \xc2").unwrap();
        out.write_all(b"\x9b two\nthree\x1b").unwrap();
        out.flush().unwrap();
        assert_eq!(
            String::from_utf8(out.inner).unwrap(),
            "one \\u{9b} two\nthree\\u{1b}"
        );
    }
}
