//! Agenda files: the committed schema is what `ebr schema --agenda` prints, the documentation
//! names every field, and the sample agendas resolve against the folder they sit in.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

const SCHEMA: &str = include_str!("../docs/agenda.schema.json");
const DOC: &str = include_str!("../docs/agenda.md");

fn ebr(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ebr"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run ebr: {e}"))
}

#[test]
fn the_committed_agenda_schema_is_what_ebr_schema_agenda_prints() {
    let out = ebr(&["schema", "--agenda"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stdout == SCHEMA.as_bytes(),
        "docs/agenda.schema.json is stale: regenerate it with \
         `cargo run -- schema --agenda --out docs/agenda.schema.json`"
    );
    let schema: Value = serde_json::from_str(SCHEMA).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(schema["title"], "Agenda");
    assert_eq!(schema["additionalProperties"], false);
    assert_eq!(schema["$defs"]["ItemSpec"]["additionalProperties"], false);
}

#[test]
fn the_documentation_names_every_field_of_an_item() {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap_or_else(|e| panic!("{e}"));
    let fields = schema["$defs"]["ItemSpec"]["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("ItemSpec has properties"));
    assert_eq!(fields.len(), 12, "{:?}", fields.keys().collect::<Vec<_>>());
    for field in fields.keys() {
        assert!(
            DOC.contains(&format!("| `{field}` |")),
            "docs/agenda.md has no row for `{field}`"
        );
    }
}

#[test]
fn the_sample_agendas_resolve_against_the_folder_they_sit_in() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let (library, _) = ebr::load::load_paths(std::slice::from_ref(&data))
        .unwrap_or_else(|e| panic!("data/ loads: {e}"));
    assert_eq!(
        library.len(),
        17,
        "the folder scan skips the agendas beside the snapshots"
    );
    for name in [
        "monthly-review.agenda.toml",
        "quarterly-deep-dive.agenda.toml",
    ] {
        let agenda = ebr::agenda::load(&data.join(name), &library)
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert!(agenda.items.len() >= 8, "{name}");
        assert!(
            agenda
                .items
                .iter()
                .all(|i| i.minutes.is_some() && !i.notes.is_empty()),
            "{name}: every sample item has a budget and notes"
        );
    }
}
