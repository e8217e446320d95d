//! Field paths such as `dealers[3].facts.offers_accepted`: where in a snapshot a problem is.

use std::borrow::Cow;
use std::fmt::{self, Write};

/// One step into a snapshot: a field (or map key) or an array index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Seg {
    /// A field of a table or object.
    Key(Cow<'static, str>),
    /// An element of an array, counted from 0.
    Index(usize),
}

/// A path from the root of a snapshot to one value. The root itself is the empty path.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct FieldPath(pub Vec<Seg>);

impl FieldPath {
    /// The path one field further down.
    pub fn key(mut self, key: impl Into<Cow<'static, str>>) -> FieldPath {
        self.0.push(Seg::Key(key.into()));
        self
    }

    /// The path and each of its ancestors, longest first (the path itself, then its parent...
    /// down to the root).
    pub fn with_ancestors(&self) -> impl Iterator<Item = &[Seg]> {
        (0..=self.0.len()).rev().map(|n| &self.0[..n])
    }
}

impl FieldPath {
    /// Reads back a rendered path of plain keys and indices, e.g. `targets[2].metric`.
    pub fn parse(text: &str) -> FieldPath {
        let mut segs = Vec::new();
        for part in text.split('.').filter(|p| !p.is_empty()) {
            let mut pieces = part.split('[');
            if let Some(key) = pieces.next().filter(|k| !k.is_empty()) {
                segs.push(Seg::Key(Cow::Owned(key.to_owned())));
            }
            for index in pieces {
                if let Ok(i) = index.trim_end_matches(']').parse() {
                    segs.push(Seg::Index(i));
                }
            }
        }
        FieldPath(segs)
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::new();
        render(&mut text, &self.0);
        f.write_str(&text)
    }
}

/// Appends the rendering of `segs` to `out`.
pub(crate) fn render(out: &mut String, segs: &[Seg]) {
    for seg in segs {
        match seg {
            Seg::Key(key) => push_key(out, key),
            Seg::Index(index) => push_index(out, *index),
        }
    }
}

/// Renders a path as text.
pub(crate) fn render_segs(segs: &[Seg]) -> String {
    let mut out = String::new();
    render(&mut out, segs);
    out
}

/// Appends `.key` (or `key` at the root); a key that is not a plain name is quoted, `["a b"]`.
pub(crate) fn push_key(out: &mut String, key: &str) {
    let plain = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if plain {
        if !out.is_empty() {
            out.push('.');
        }
        out.push_str(key);
    } else {
        out.push('[');
        out.push_str(&quote(key));
        out.push(']');
    }
}

/// Appends `[index]`.
pub(crate) fn push_index(out: &mut String, index: usize) {
    // Writing into a String cannot fail.
    let _ = write!(out, "[{index}]");
}

/// A key as a quoted, escaped string.
fn quote(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 2);
    out.push('"');
    for c in key.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_fields_indices_and_odd_keys() {
        let path = FieldPath::default().key("dealers").key("x").key("a b\"");
        assert_eq!(path.to_string(), "dealers.x[\"a b\\\"\"]");
        let path = FieldPath(vec![
            Seg::Key("dealers".into()),
            Seg::Index(3),
            Seg::Key("facts".into()),
        ]);
        assert_eq!(path.to_string(), "dealers[3].facts");
        assert_eq!(
            path.with_ancestors().map(render_segs).collect::<Vec<_>>(),
            vec!["dealers[3].facts", "dealers[3]", "dealers", ""]
        );
        assert_eq!(FieldPath::parse("dealers[3].facts"), path);
        assert_eq!(FieldPath::parse(""), FieldPath::default());
    }
}
