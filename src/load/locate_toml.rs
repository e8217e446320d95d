//! Finding places in a TOML text, through the `toml` crate's spanned document tree.
//!
//! Spans of tables are their headers (`[dealers.facts]`), spans of array-of-tables elements
//! are their `[[dealers]]` headers, and scalars and inline values span their text, so a field
//! path is located at the header or value a reader would look at.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::locate_json::Found;
use super::path::{Seg, push_index, push_key};

/// A TOML document parsed with spans, for locating problems.
pub(crate) struct TomlDoc<'i> {
    root: Spanned<DeTable<'i>>,
}

impl<'i> TomlDoc<'i> {
    /// Parses `text`; `None` when it is not well-formed TOML.
    pub fn parse(text: &'i str) -> Option<TomlDoc<'i>> {
        DeTable::parse(text).ok().map(|root| TomlDoc { root })
    }

    /// The start of the value at `segs`, or of its nearest ancestor present in the file.
    pub fn start_of(&self, segs: &[Seg]) -> usize {
        let mut start = 0;
        let mut table = Some(self.root.get_ref());
        let mut value: Option<&Spanned<DeValue<'i>>> = None;
        for seg in segs {
            let next = match (seg, table, value.map(Spanned::get_ref)) {
                (Seg::Key(key), Some(t), _) => t
                    .iter()
                    .find(|(k, _)| k.get_ref().as_ref() == key.as_ref())
                    .map(|(_, v)| v),
                (Seg::Index(i), _, Some(DeValue::Array(items))) => items.get(*i),
                _ => None,
            };
            let Some(next) = next else { break };
            start = next.span().start;
            table = next.get_ref().as_table();
            value = Some(next);
        }
        start
    }

    /// A top-level integer and where it starts.
    pub fn root_integer(&self, key: &str) -> Option<(i64, usize)> {
        let (_, value) = self
            .root
            .get_ref()
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)?;
        let int = value.get_ref().as_integer()?;
        let number = i64::from_str_radix(&int.as_str().replace('_', ""), int.radix()).ok()?;
        Some((number, value.span().start))
    }

    /// The deepest key or value whose span holds byte `offset`.
    pub fn path_at(&self, offset: usize) -> Option<Found> {
        let mut best: Option<(usize, Found)> = None;
        let mut path = String::new();
        search_table(self.root.get_ref(), offset, 0, &mut path, &mut best);
        best.map(|(_, found)| found)
    }
}

type Best = Option<(usize, Found)>;

fn consider(
    span: std::ops::Range<usize>,
    offset: usize,
    depth: usize,
    path: &str,
    best: &mut Best,
) {
    let holds = span.start <= offset && offset < span.end.max(span.start + 1);
    let better = best.as_ref().is_none_or(|(d, f)| {
        depth > *d || (depth == *d && span.end - span.start < f.end - f.start)
    });
    if holds && better {
        let found = Found {
            path: path.to_owned(),
            start: span.start,
            end: span.end,
        };
        *best = Some((depth, found));
    }
}

fn search_table(
    table: &DeTable<'_>,
    offset: usize,
    depth: usize,
    path: &mut String,
    best: &mut Best,
) {
    let len = path.len();
    for (key, value) in table {
        push_key(path, key.get_ref());
        consider(key.span(), offset, depth + 1, path, best);
        search_value(value, offset, depth + 1, path, best);
        path.truncate(len);
    }
}

fn search_value(
    value: &Spanned<DeValue<'_>>,
    offset: usize,
    depth: usize,
    path: &mut String,
    best: &mut Best,
) {
    consider(value.span(), offset, depth, path, best);
    match value.get_ref() {
        DeValue::Table(table) => search_table(table, offset, depth, path, best),
        DeValue::Array(items) => {
            let len = path.len();
            for (i, item) in items.iter().enumerate() {
                push_index(path, i);
                search_value(item, offset, depth + 1, path, best);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"schema_version = 1

[[dealers]]
id = "a"
[dealers.facts]
leads = { oem = 3, dealer = -1 }

[[dealers]]
id = "b"
stages = [{ name = "x", count = 2 }, { name = "y", count = 5 }]
"#;

    fn at(needle: &str) -> String {
        let doc = TomlDoc::parse(TEXT).unwrap();
        doc.path_at(TEXT.find(needle).unwrap()).unwrap().path
    }

    #[test]
    fn maps_offsets_to_paths() {
        assert_eq!(at("-1"), "dealers[0].facts.leads.dealer");
        assert_eq!(at("[dealers.facts]"), "dealers[0].facts");
        assert_eq!(at("\"b\""), "dealers[1].id");
        assert_eq!(at("5 }"), "dealers[1].stages[1].count");
        assert_eq!(at("oem"), "dealers[0].facts.leads.oem");
    }

    #[test]
    fn finds_starts_of_paths_or_their_nearest_ancestor() {
        let doc = TomlDoc::parse(TEXT).unwrap();
        let path = |segs: &[&str]| -> Vec<Seg> {
            segs.iter()
                .map(|s| match s.parse::<usize>() {
                    Ok(i) => Seg::Index(i),
                    Err(_) => Seg::Key(s.to_string().into()),
                })
                .collect()
        };
        let second = TEXT.rfind("[[dealers]]").unwrap();
        assert_eq!(doc.start_of(&path(&["dealers", "1"])), second);
        assert_eq!(doc.start_of(&path(&["dealers", "1", "nope"])), second);
        assert_eq!(
            doc.start_of(&path(&["dealers", "1", "stages", "1", "count"])),
            TEXT.find("5 }").unwrap()
        );
        assert_eq!(
            doc.start_of(&path(&["dealers", "0", "facts"])),
            TEXT.find("[dealers.facts]").unwrap()
        );
        assert_eq!(doc.start_of(&[]), 0);
    }
}
