//! Finding places in a JSON text: which field path a byte offset falls in (for serde's
//! errors), and where the value at a field path starts (for semantic problems).
//!
//! Used only after something went wrong, so the fast path never pays for it. The scanner is
//! iterative (deep nesting cannot overflow the stack), stops quietly at the first malformed
//! token, and treats containers left open by a truncated file as reaching its end.

use std::collections::HashMap;

use super::path::{push_index, push_key};

/// Where a value or key is: its field path and its byte span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub path: String,
    pub start: usize,
    pub end: usize,
}

/// The innermost key or value whose span holds byte `offset` (a key counts as its field).
/// Scans only up to the offset: containers still open there hold it.
pub(crate) fn path_at(text: &str, offset: usize) -> Option<Found> {
    let offset = offset.min(text.len().saturating_sub(1));
    let mut best: Option<Found> = None;
    walk(text, &mut |event: Event<'_>| {
        let (path, start, end) = match event {
            Event::Key { path, start, end } | Event::ValueEnd { path, start, end } => {
                (path, start, end)
            }
            Event::ValueStart { start, .. } => return start <= offset,
        };
        let holds = start <= offset && offset < end;
        let narrower = best.as_ref().is_none_or(|b| end - start <= b.end - b.start);
        if holds && narrower {
            best = Some(Found {
                path: path.to_owned(),
                start,
                end,
            });
        }
        start <= offset
    });
    best
}

/// The start offset of the value at each wanted path that occurs in the text. Stops as soon
/// as every path is found.
pub(crate) fn starts_of<'w>(text: &str, wanted: &[&'w str]) -> HashMap<&'w str, usize> {
    let mut index: HashMap<&str, &'w str> = wanted.iter().map(|w| (*w, *w)).collect();
    let mut found = HashMap::new();
    walk(text, &mut |event: Event<'_>| {
        if let Event::ValueStart { path, start } = event
            && let Some(w) = index.remove(path)
        {
            found.insert(w, start);
        }
        !index.is_empty()
    });
    found
}

/// The text of the value at `path` (a string keeps its quotes, a container its brackets).
pub(crate) fn scalar_at<'t>(text: &'t str, path: &str) -> Option<&'t str> {
    let mut span = None;
    walk(text, &mut |event: Event<'_>| {
        if let Event::ValueEnd {
            path: p,
            start,
            end,
        } = event
            && p == path
        {
            span = Some(start..end);
        }
        span.is_none()
    });
    text.get(span?)
}

/// What the scanner reports, in text order.
#[derive(Debug)]
enum Event<'p> {
    /// An object key; `path` ends with the key, the span covers the quoted key.
    Key {
        path: &'p str,
        start: usize,
        end: usize,
    },
    /// A value begins at `start`.
    ValueStart { path: &'p str, start: usize },
    /// A value ends; `end` is one past its last byte (the end of the text when left open).
    ValueEnd {
        path: &'p str,
        start: usize,
        end: usize,
    },
}

/// An open object or array.
struct Frame {
    is_object: bool,
    start: usize,
    /// Length of the path text of the container itself.
    path_len: usize,
    /// Index of the current element (arrays).
    index: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    Value,
    /// Right after `[`: a value or `]`.
    ElementOrEnd,
    /// Right after `{`: a key or `}`.
    KeyOrEnd,
    /// After `,` in an object.
    Key,
    Colon,
    /// After a complete value: `,` or the end of the container.
    After,
}

/// Walks the text, reporting events to `on` until it returns `false`; containers still open
/// when the walk ends are then reported as running to the end of the text.
fn walk(text: &str, on: &mut impl FnMut(Event<'_>) -> bool) {
    let bytes = text.as_bytes();
    let mut path = String::new();
    let mut frames: Vec<Frame> = Vec::new();
    let mut expect = Expect::Value;
    let mut i = 0;
    loop {
        while bytes
            .get(i)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
        {
            i += 1;
        }
        let Some(&b) = bytes.get(i) else { break };
        match expect {
            Expect::ElementOrEnd if b == b']' => {
                if !close(&mut frames, &mut path, i + 1, on) {
                    break;
                }
                i += 1;
                expect = Expect::After;
            }
            Expect::ElementOrEnd => {
                element_path(&frames, &mut path);
                expect = Expect::Value;
            }
            Expect::Value => {
                if !on(Event::ValueStart {
                    path: &path,
                    start: i,
                }) {
                    break;
                }
                match b {
                    b'{' | b'[' => {
                        frames.push(Frame {
                            is_object: b == b'{',
                            start: i,
                            path_len: path.len(),
                            index: 0,
                        });
                        i += 1;
                        expect = if b == b'{' {
                            Expect::KeyOrEnd
                        } else {
                            Expect::ElementOrEnd
                        };
                    }
                    b'"' => {
                        let Some(end) = string_end(bytes, i) else {
                            break;
                        };
                        if !on(Event::ValueEnd {
                            path: &path,
                            start: i,
                            end,
                        }) {
                            break;
                        }
                        i = end;
                        expect = Expect::After;
                    }
                    b if b.is_ascii_alphanumeric() || b == b'-' => {
                        let end = i + bytes[i..]
                            .iter()
                            .take_while(|b| {
                                b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.')
                            })
                            .count();
                        if !on(Event::ValueEnd {
                            path: &path,
                            start: i,
                            end,
                        }) {
                            break;
                        }
                        i = end;
                        expect = Expect::After;
                    }
                    _ => break,
                }
            }
            Expect::KeyOrEnd if b == b'}' => {
                if !close(&mut frames, &mut path, i + 1, on) {
                    break;
                }
                i += 1;
                expect = Expect::After;
            }
            Expect::KeyOrEnd | Expect::Key => {
                if b != b'"' {
                    break;
                }
                let Some(end) = string_end(bytes, i) else {
                    break;
                };
                let Some(frame) = frames.last() else { break };
                path.truncate(frame.path_len);
                push_key(&mut path, &key_text(&text[i..end]));
                if !on(Event::Key {
                    path: &path,
                    start: i,
                    end,
                }) {
                    break;
                }
                i = end;
                expect = Expect::Colon;
            }
            Expect::Colon => {
                if b != b':' {
                    break;
                }
                i += 1;
                expect = Expect::Value;
            }
            Expect::After => {
                let Some(frame) = frames.last_mut() else {
                    break;
                };
                match (b, frame.is_object) {
                    (b',', true) => expect = Expect::Key,
                    (b',', false) => {
                        frame.index += 1;
                        element_path(&frames, &mut path);
                        expect = Expect::Value;
                    }
                    (b'}', true) | (b']', false) => {
                        if !close(&mut frames, &mut path, i + 1, on) {
                            break;
                        }
                        expect = Expect::After;
                    }
                    _ => break,
                }
                i += 1;
            }
        }
    }
    // Whatever is still open runs to the end of the (truncated or malformed) text.
    while !frames.is_empty() {
        close(&mut frames, &mut path, text.len(), on);
    }
}

/// Sets `path` to the current element of the innermost array.
fn element_path(frames: &[Frame], path: &mut String) {
    if let Some(frame) = frames.last() {
        path.truncate(frame.path_len);
        push_index(path, frame.index);
    }
}

/// Pops the innermost container, which ends at `end`; what `on` says about going on.
fn close(
    frames: &mut Vec<Frame>,
    path: &mut String,
    end: usize,
    on: &mut impl FnMut(Event<'_>) -> bool,
) -> bool {
    match frames.pop() {
        Some(frame) => {
            path.truncate(frame.path_len);
            on(Event::ValueEnd {
                path,
                start: frame.start,
                end,
            })
        }
        None => true,
    }
}

/// One past the closing quote of the string starting at `start`, if it is closed.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    loop {
        i += memchr::memchr2(b'"', b'\\', bytes.get(i..)?)?;
        if bytes[i] == b'\\' {
            i += 2;
        } else {
            return Some(i + 1);
        }
    }
}

/// The text of a quoted key, unescaped when it holds escapes.
fn key_text(quoted: &str) -> String {
    if quoted.contains('\\') {
        serde_json::from_str::<String>(quoted).unwrap_or_else(|_| quoted.to_owned())
    } else {
        quoted
            .get(1..quoted.len().saturating_sub(1))
            .unwrap_or_default()
            .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"{
  "schema_version": 1,
  "dealers": [
    { "id": "a", "facts": { "leads": 3 } },
    { "id": "b", "facts": { "le\"ads": [1, {"x": true}] } }
  ]
}"#;

    fn at(text: &str, needle: &str, nth_byte: usize) -> Option<String> {
        path_at(text, text.find(needle).unwrap() + nth_byte).map(|f| f.path)
    }

    #[test]
    fn maps_offsets_to_the_innermost_path() {
        assert_eq!(at(TEXT, "1,", 0).as_deref(), Some("schema_version"));
        assert_eq!(
            at(TEXT, "\"leads\"", 6).as_deref(),
            Some("dealers[0].facts.leads")
        );
        assert_eq!(
            at(TEXT, "3 }", 0).as_deref(),
            Some("dealers[0].facts.leads")
        );
        assert_eq!(at(TEXT, "} }", 2).as_deref(), Some("dealers[0]"));
        assert_eq!(
            at(TEXT, "true", 3).as_deref(),
            Some("dealers[1].facts[\"le\\\"ads\"][1].x")
        );
        assert_eq!(at(TEXT, "\"b\"", 1).as_deref(), Some("dealers[1].id"));
    }

    #[test]
    fn open_containers_of_a_truncated_text_run_to_its_end() {
        let cut = &TEXT[..TEXT.find("\"b\"").unwrap() + 10];
        assert_eq!(at(cut, "\"b\"", 9).as_deref(), Some("dealers[1]"));
        assert_eq!(path_at("", 0), None);
        assert_eq!(
            path_at("[[[[", 10).map(|f| f.path).as_deref(),
            Some("[0][0][0]")
        );
    }

    #[test]
    fn finds_where_values_start() {
        let wanted = ["dealers[1].id", "dealers[0].facts", "missing", ""];
        let found = starts_of(TEXT, &wanted);
        assert_eq!(
            found.get("dealers[1].id"),
            Some(&TEXT.find("\"b\"").unwrap())
        );
        assert_eq!(
            found.get("dealers[0].facts"),
            Some(&TEXT.find("{ \"leads\"").unwrap())
        );
        assert_eq!(found.get(""), Some(&0));
        assert_eq!(found.get("missing"), None);
        assert_eq!(scalar_at(TEXT, "schema_version"), Some("1"));
        assert_eq!(scalar_at(TEXT, "dealers[1].id"), Some("\"b\""));
        assert_eq!(
            scalar_at(TEXT, "dealers[0].facts"),
            Some("{ \"leads\": 3 }")
        );
        assert_eq!(scalar_at(TEXT, "nope"), None);
    }
}
