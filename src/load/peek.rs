//! The period of a snapshot file from its first bytes, without parsing the file: what lets a
//! folder of gigabytes open on the period under review before the others are read.
//!
//! Only an answer that cannot differ from the full parse's is given: the file's head is parsed
//! by the real parsers (a TOML prefix cut where a table starts, which is valid TOML only when
//! nothing is cut in half; for JSON the scanner that locates errors, which reads `period.id`
//! as a string at the top level). Anything else (the period after the dealers, a multi-line
//! string in the way, a file that is not valid) gives `None`, and the caller parses the file
//! in full. A file that turns out invalid is reported by that full parse, never here.

use std::io::Read;
use std::path::Path;

use super::Format;
use super::locate_json;
use crate::model::PeriodId;

/// How much of a file is read to find its period: generated files hold it in the first few
/// hundred bytes; hand-written ones a little further down, after comments.
pub const HEAD_BYTES: u64 = 64 * 1024;

/// The period a snapshot file declares (`period.id`) when its head says so unambiguously.
/// Only regular files are opened (see [`super::load_file`]); anything else gives `None`.
pub fn period_of(path: &Path) -> Option<PeriodId> {
    let format = Format::of_path(path)?;
    if !std::fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let mut head = Vec::new();
    let file = std::fs::File::open(path).ok()?;
    let complete = file.take(HEAD_BYTES).read_to_end(&mut head).ok()? < HEAD_BYTES as usize;
    // A multi-byte character cut by the limit is not part of the head.
    let text = match std::str::from_utf8(&head) {
        Ok(text) => text,
        Err(e) if !complete => std::str::from_utf8(&head[..e.valid_up_to()]).ok()?,
        Err(_) => return None,
    };
    period_in(text, format, complete)
}

/// The period in the head `text` of a file; `complete` when the head is the whole file.
pub fn period_in(text: &str, format: Format, complete: bool) -> Option<PeriodId> {
    match format {
        Format::Json => json(text),
        Format::Toml => toml_head(text, complete),
    }
}

/// `period.id` at the top level of a JSON text (a prefix is enough: the scanner stops there).
fn json(text: &str) -> Option<PeriodId> {
    let quoted = locate_json::scalar_at(text, "period.id")?;
    let inner = quoted.strip_prefix('"')?.strip_suffix('"')?;
    // An escape would need decoding: leave such a file to the parser.
    if inner.contains('\\') {
        return None;
    }
    inner.parse().ok()
}

/// The TOML head cut after the statement that defines the period: just before the first table
/// header that follows a `[period]` header, or after a `period = { ... }` / `period.id = ...`
/// line; the whole text when the head is the whole file. The cut is parsed as TOML: a cut
/// inside a multi-line string or array leaves it unterminated, so invalid, and gives no answer.
fn toml_head(text: &str, complete: bool) -> Option<PeriodId> {
    #[derive(serde::Deserialize)]
    struct Head {
        period: PeriodHead,
    }
    #[derive(serde::Deserialize)]
    struct PeriodHead {
        id: PeriodId,
    }
    let cut = match period_cut(text) {
        Some(cut) => cut,
        None if complete => text.len(),
        None => return None,
    };
    toml::from_str::<Head>(&text[..cut])
        .ok()
        .map(|h| h.period.id)
}

/// Where the text that defines `period` ends (see [`toml_head`]).
fn period_cut(text: &str) -> Option<usize> {
    let mut offset = 0;
    let mut in_table = false;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let code = line.split('#').next().unwrap_or_default().trim();
        if in_table {
            if code.starts_with('[') {
                return Some(start);
            }
            continue;
        }
        let squeezed: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        if squeezed == "[period]" {
            in_table = true;
        } else if let Some(after) = squeezed.strip_prefix("period")
            && (after.starts_with('=') || after.starts_with('.'))
        {
            return Some(offset);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(text: &str) -> Option<PeriodId> {
        text.parse().ok()
    }

    #[test]
    fn reads_the_period_of_generated_and_hand_written_heads() {
        let generated = "# header\n\nschema_version = 1\n\n[ecosystem]\nid = \"a\"\n\n[period]\nid = \"2026-09\"\nstart = \"2026-09-01\"\n\n[provenance]\ngenerated_at = \"x\n";
        // Cut mid-way through the provenance: the cut before `[provenance]` is still valid.
        assert_eq!(period_in(generated, Format::Toml, false), month("2026-09"));
        let inline =
            "schema_version = 1\nperiod = { id = \"2026-Q3\", start = 2026-07-01 }\nregions = [\n";
        assert_eq!(period_in(inline, Format::Toml, false), month("2026-Q3"));
        let dotted = "period.id = '2026-01'\n[ecosystem]\n";
        assert_eq!(period_in(dotted, Format::Toml, true), month("2026-01"));
        let json = "{\n  \"schema_version\": 1,\n  \"ecosystem\": {\"id\": \"a\", \"period\": {\"id\": \"1999-01\"}},\n  \"period\": {\n    \"start\": \"2026-10-01\",\n    \"id\": \"2026-10\",\n  \"dealers\": [{\"id\"";
        assert_eq!(period_in(json, Format::Json, false), month("2026-10"));
    }

    #[test]
    fn gives_no_answer_when_the_head_does_not_settle_it() {
        // The period after the part of the file read.
        let late = "{\"dealers\": [{\"id\": \"d-1\", \"period\": {\"id\": \"2026-01\"}}, {\"";
        assert_eq!(period_in(late, Format::Json, false), None);
        // A `[period]` that is text inside a multi-line string, cut before the string ends.
        let fake = "note = \"\"\"\n[period]\nid = \"2020-01\"\n[x]\nstill text\n";
        assert_eq!(period_in(fake, Format::Toml, false), None);
        // An escaped id, a period that is not one.
        assert_eq!(
            period_in(
                "{\"period\": {\"id\": \"2026-\\u0031\"}}",
                Format::Json,
                true
            ),
            None
        );
        assert_eq!(
            period_in("[period]\nid = \"2026-13\"\n", Format::Toml, true),
            None
        );
    }

    #[test]
    fn agrees_with_the_full_parse_on_every_bundled_file() {
        let mut seen = 0;
        for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data")).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if Format::of_path(&path).is_none() || super::super::is_companion(&name) {
                continue;
            }
            let loaded = super::super::load_file(&path).unwrap();
            assert_eq!(
                period_of(&path),
                Some(loaded.snapshot.period.id),
                "{}",
                path.display()
            );
            seen += 1;
        }
        assert!(seen > 10, "the bundled sample has a file per period");
    }
}
