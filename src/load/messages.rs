//! Turning serde's error texts into messages a reader can act on: the offending value, what
//! was expected in the snapshot's own terms, and a "did you mean" for misspelt names.

use super::Format;

/// A serde error, explained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Explained {
    /// The message to show.
    pub message: String,
    /// For a missing field, its name: the diagnostic's path is the object's path plus this.
    pub missing_field: Option<String>,
    /// For an unknown field, the diagnostic is at the key rather than its value.
    pub unknown_field: bool,
}

/// Longest offending value quoted in a message; a 100 MB string is cut to this.
const MAX_VALUE_CHARS: usize = 60;

/// Explains one serde error message (without serde_json's trailing "at line L column C").
pub(crate) fn explain(raw: &str, format: Format) -> Explained {
    let plain = |message: String| Explained {
        message,
        missing_field: None,
        unknown_field: false,
    };
    if let Some(rest) = raw.strip_prefix("unknown field ") {
        let names = backticked(rest);
        let Some((field, expected)) = names.split_first() else {
            return plain(shorten(raw));
        };
        let message = match did_you_mean(field, expected.iter().copied()) {
            Some(guess) => format!("unknown field `{field}`: did you mean `{guess}`?"),
            None if expected.is_empty() => {
                format!("unknown field `{field}`: no fields are expected here")
            }
            None => format!("unknown field `{field}`: expected {}", list(expected)),
        };
        return Explained {
            message,
            missing_field: None,
            unknown_field: true,
        };
    }
    if let Some(rest) = raw.strip_prefix("unknown variant ") {
        let names = backticked(rest);
        if let Some((value, expected)) = names.split_first() {
            let mut message = format!("found `{}`, expected {}", cut(value), list(expected));
            if let Some(guess) = did_you_mean(value, expected.iter().copied()) {
                message.push_str(&format!("; did you mean `{guess}`?"));
            }
            return plain(message);
        }
    }
    if let Some(rest) = raw.strip_prefix("missing field ")
        && let Some(field) = backticked(rest).first()
    {
        return Explained {
            message: format!("missing required field `{field}`"),
            missing_field: Some((*field).to_owned()),
            unknown_field: false,
        };
    }
    if let Some(rest) = raw.strip_prefix("duplicate field ")
        && let Some(field) = backticked(rest).first()
    {
        return plain(format!("field `{field}` is given more than once"));
    }
    let found_expected = raw
        .strip_prefix("invalid type: ")
        .or_else(|| raw.strip_prefix("invalid value: "));
    if let Some((found, expected)) = found_expected.and_then(|r| r.rsplit_once(", expected ")) {
        let negative = found.starts_with("integer `-");
        let found = describe_found(found, format);
        let message = match expected {
            "u64" if negative => {
                format!("found {found}, expected a count: a count cannot be negative")
            }
            "u32" | "u8" | "u16" if negative => {
                format!("found {found}, expected a whole number: it cannot be negative")
            }
            _ => format!(
                "found {found}, expected {}",
                describe_expected(expected, format)
            ),
        };
        return plain(message);
    }
    plain(shorten(raw))
}

/// The closest of `candidates` to `word`, if any is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        // Ties go to the alphabetically first name, so the suggestion never depends on order.
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// The texts between backticks, in order.
fn backticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// `` `a`, `b` or `c` `` for a list of names.
fn list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        None => "nothing".to_owned(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("one of {}, {last}", rest.join(", ")),
    }
}

/// serde's description of an offending value, in file terms.
fn describe_found(found: &str, format: Format) -> String {
    let table = match format {
        Format::Toml => "a table",
        Format::Json => "an object",
    };
    if let Some(text) = found.strip_prefix("string ") {
        return cut(text);
    }
    for prefix in ["integer ", "floating point ", "boolean "] {
        if let Some(value) = found.strip_prefix(prefix) {
            return cut(value.trim_matches('`'));
        }
    }
    match found {
        "map" => table.to_owned(),
        "sequence" => "an array".to_owned(),
        "unit value" => "null".to_owned(),
        other => cut(other),
    }
}

/// serde's name of an expected type, in file terms.
fn describe_expected(expected: &str, format: Format) -> String {
    let table = match format {
        Format::Toml => "a table",
        Format::Json => "an object",
    };
    match expected {
        "u64" => "a count (a whole number, 0 or more)".to_owned(),
        "u32" | "u16" => "a whole number, 0 or more".to_owned(),
        "u8" => "a whole number from 0 to 255".to_owned(),
        "a boolean" | "bool" => "true or false".to_owned(),
        "a sequence" => "an array".to_owned(),
        "a map" => table.to_owned(),
        e if e.starts_with("struct ") => format!("{table} ({})", &e["struct ".len()..]),
        e => cut(e),
    }
}

/// A value cut to [`MAX_VALUE_CHARS`] characters, marked with `…` when cut.
fn cut(text: &str) -> String {
    match text.char_indices().nth(MAX_VALUE_CHARS) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

/// A whole message cut to a readable length.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(4 * MAX_VALUE_CHARS) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_field() {
        let e = explain(
            "unknown field `leadz`, expected one of `leads`, `leads_responded`, `quotes`",
            Format::Toml,
        );
        assert_eq!(e.message, "unknown field `leadz`: did you mean `leads`?");
        assert!(e.unknown_field);
        let e = explain("unknown field `zzz`, expected `id` or `name`", Format::Json);
        assert_eq!(
            e.message,
            "unknown field `zzz`: expected one of `id`, `name`"
        );
    }

    #[test]
    fn says_counts_cannot_be_negative() {
        let e = explain("invalid value: integer `-3`, expected u64", Format::Json);
        assert_eq!(
            e.message,
            "found -3, expected a count: a count cannot be negative"
        );
        let e = explain("invalid type: string \"x\", expected u64", Format::Toml);
        assert_eq!(
            e.message,
            "found \"x\", expected a count (a whole number, 0 or more)"
        );
    }

    #[test]
    fn explains_variants_missing_fields_and_long_values() {
        let e = explain(
            "unknown variant `metr`, expected `metro` or `rural`",
            Format::Toml,
        );
        assert_eq!(
            e.message,
            "found `metr`, expected one of `metro`, `rural`; did you mean `metro`?"
        );
        let e = explain("missing field `leads`", Format::Json);
        assert_eq!(e.missing_field.as_deref(), Some("leads"));
        let long = format!(
            "invalid type: string \"{}\", expected struct Snapshot",
            "x".repeat(1000)
        );
        let e = explain(&long, Format::Json);
        assert_eq!(
            e.message,
            format!("found \"{}…, expected an object (Snapshot)", "x".repeat(59))
        );
    }
}
