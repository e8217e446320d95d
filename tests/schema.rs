//! The format's documentation stays in step with the model: the committed JSON Schema is what
//! `ebr schema` prints, `docs/snapshot-format.md` documents every field with the model's
//! required/optional split and every enumeration value, and its example loads cleanly.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use ebr::load::{self, Format};
use ebr::model::Snapshot;
use serde_json::Value;

const SCHEMA: &str = include_str!("../docs/snapshot.schema.json");
const FORMAT_DOC: &str = include_str!("../docs/snapshot-format.md");
const EXAMPLE: &str = include_str!("../docs/example.toml");

fn ebr(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ebr"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run ebr: {e}"))
}

fn fresh_schema() -> String {
    let out = ebr(&["schema"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_committed_schema_is_what_ebr_schema_prints() {
    let fresh = fresh_schema();
    assert!(
        fresh == SCHEMA,
        "docs/snapshot.schema.json is stale: regenerate it with \
         `cargo run -- schema --out docs/snapshot.schema.json`"
    );
    assert!(
        fresh.ends_with("}\n"),
        "pretty JSON with a trailing newline"
    );
    let parsed: Value = serde_json::from_str(&fresh).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(parsed["title"], "Snapshot");
    assert_eq!(
        parsed["additionalProperties"], false,
        "unknown fields are refused"
    );
}

#[test]
fn schema_out_writes_the_same_text_to_a_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("schema.json");
    let out = ebr(&["schema", "--out", path.to_str().unwrap_or_default()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stdout.is_empty(),
        "nothing on stdout when writing a file"
    );
    let written = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(written, fresh_schema());
}

/// Every object type of the schema: its name, its properties and which of them are required.
fn schema_objects() -> BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)> {
    let root: Value = serde_json::from_str(SCHEMA).unwrap_or_else(|e| panic!("{e}"));
    let mut defs: Vec<(String, &Value)> = root["$defs"]
        .as_object()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v)).collect())
        .unwrap_or_default();
    defs.push(("Snapshot".to_owned(), &root));
    let names = |v: &Value| -> BTreeSet<String> {
        match v {
            Value::Object(m) => m.keys().cloned().collect(),
            Value::Array(a) => a
                .iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect(),
            _ => BTreeSet::new(),
        }
    };
    defs.into_iter()
        .filter(|(_, d)| d["type"] == "object")
        .map(|(name, d)| (name, (names(&d["properties"]), names(&d["required"]))))
        .collect()
}

/// The doc's field tables: for each `### ... (TypeName)` section, field → "yes"/"no".
fn documented_fields() -> BTreeMap<String, BTreeMap<String, bool>> {
    let mut sections: BTreeMap<String, BTreeMap<String, bool>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in FORMAT_DOC.lines() {
        if let Some(heading) = line.strip_prefix("### ") {
            current = heading
                .rsplit_once('(')
                .and_then(|(_, rest)| rest.strip_suffix(')'))
                .map(str::to_owned);
            continue;
        }
        let (Some(section), Some(row)) = (&current, line.strip_prefix("| `")) else {
            continue;
        };
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let field = cells[0].trim_end_matches('`').to_owned();
        let required = cells.get(1).is_some_and(|c| *c == "yes");
        sections
            .entry(section.clone())
            .or_default()
            .insert(field, required);
    }
    sections
}

#[test]
fn the_format_doc_documents_every_field_and_whether_it_is_required() {
    let documented = documented_fields();
    let mut problems = Vec::new();
    for (name, (properties, required)) in schema_objects() {
        let Some(rows) = documented.get(&name) else {
            problems.push(format!("no `### ... ({name})` section"));
            continue;
        };
        let doc_fields: BTreeSet<String> = rows.keys().cloned().collect();
        for missing in properties.difference(&doc_fields) {
            problems.push(format!("{name}.{missing} is not documented"));
        }
        for extra in doc_fields.difference(&properties) {
            problems.push(format!("{name}.{extra} is documented but not in the model"));
        }
        for (field, doc_required) in rows {
            if properties.contains(field) && *doc_required != required.contains(field) {
                problems.push(format!(
                    "{name}.{field}: the doc says required = {doc_required}, the model says {}",
                    required.contains(field)
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "docs/snapshot-format.md vs the model:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_format_doc_lists_every_enumeration_value() {
    let root: Value = serde_json::from_str(SCHEMA).unwrap_or_else(|e| panic!("{e}"));
    let mut missing = Vec::new();
    for (name, def) in root["$defs"].as_object().into_iter().flatten() {
        let values = def["oneOf"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v["const"].as_str());
        let values = values.chain(
            def["enum"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str),
        );
        let row = FORMAT_DOC
            .lines()
            .find(|l| l.contains(&format!("({name})")) && l.starts_with('|'));
        for value in values {
            if !row.is_some_and(|r| r.contains(&format!("`{value}`"))) {
                missing.push(format!("{name}: `{value}`"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "enumeration values missing from the doc: {missing:?}"
    );
}

/// Every key used anywhere in a TOML value, with its table path left out.
fn keys_of(value: &toml::Value, into: &mut BTreeSet<String>) {
    match value {
        toml::Value::Table(t) => {
            for (k, v) in t {
                into.insert(k.clone());
                keys_of(v, into);
            }
        }
        toml::Value::Array(a) => a.iter().for_each(|v| keys_of(v, into)),
        _ => {}
    }
}

#[test]
fn the_example_is_in_the_doc_loads_cleanly_and_uses_every_field() {
    assert!(
        FORMAT_DOC.contains(&format!("```toml\n{EXAMPLE}```")),
        "docs/snapshot-format.md must show docs/example.toml verbatim; paste it again"
    );
    let loaded = load::parse_str(EXAMPLE, Format::Toml, Path::new("docs/example.toml"))
        .unwrap_or_else(|report| panic!("{:#?}", report.diagnostics));
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);

    // Its JSON form is the same model.
    let json = serde_json::to_string_pretty(&loaded.snapshot).unwrap_or_else(|e| panic!("{e}"));
    let again = load::parse_str(&json, Format::Json, Path::new("example.json"))
        .unwrap_or_else(|report| panic!("{:#?}", report.diagnostics));
    assert_eq!(again.snapshot, loaded.snapshot);
    let plain: Snapshot = toml::from_str(EXAMPLE).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(plain, loaded.snapshot);

    // "Complete": every property of every object in the schema appears in the example.
    let value: toml::Value = toml::from_str(EXAMPLE).unwrap_or_else(|e| panic!("{e}"));
    let mut used = BTreeSet::new();
    keys_of(&value, &mut used);
    let all: BTreeSet<String> = schema_objects()
        .into_values()
        .flat_map(|(p, _)| p)
        .collect();
    let unused: Vec<&String> = all.difference(&used).collect();
    assert!(
        unused.is_empty(),
        "fields the example never shows: {unused:?}"
    );
}
