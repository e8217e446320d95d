//! Every file keeps the contract of docs/raw-exports.md: exactly its columns in its order, unique
//! keys, references that name a reference row, values in the stated forms.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::{Export, fixture, spec};

/// The columns of every file as docs/raw-exports.md lists them: the second cell of a row of the
/// reference table, the fourth of a row of the event table.
fn contract_columns() -> BTreeMap<String, Vec<String>> {
    let doc = include_str!("../../docs/raw-exports.md");
    let mut columns = BTreeMap::new();
    let mut cell = None;
    for line in doc.lines() {
        if line.starts_with("## Reference files") {
            cell = Some(2);
        } else if line.starts_with("## Event and record files") {
            cell = Some(4);
        } else if line.starts_with("## ") {
            cell = None;
        }
        let (Some(cell), Some(row)) = (cell, line.strip_prefix("| `")) else {
            continue;
        };
        let cells: Vec<&str> = line.split(" | ").collect();
        let name = row.split('`').next().unwrap().to_owned();
        let list = cells[cell - 1].split(", ").map(str::to_owned).collect();
        columns.insert(name, list);
    }
    columns
}

#[test]
fn every_file_of_the_contract_is_written_with_exactly_its_columns() {
    let x = fixture();
    let contract = contract_columns();
    assert_eq!(contract.len(), 34, "reference and event files in the doc");
    let written: BTreeSet<&String> = x.tables.keys().collect();
    assert_eq!(written, contract.keys().collect(), "files written");
    for (name, columns) in &contract {
        assert_eq!(&x.table(name).header, columns, "{name}.csv");
    }
    let names: Vec<&str> = x.files.iter().map(|f| f.name.as_str()).collect();
    assert!(names.contains(&"review.toml"), "{names:?}");
    for f in &x.files {
        if let Some(stem) = f.name.strip_suffix(".csv") {
            assert_eq!(f.rows, x.table(stem).records.len() as u64, "{}", f.name);
        }
    }
}

/// The columns that identify a row of each file: the first column, but where the contract says
/// otherwise.
fn key(name: &str) -> Vec<&'static str> {
    match name {
        "crm_opportunity_history" => vec!["opportunity_id", "event"],
        "campaign_participation" => vec!["campaign_id", "dealer_id"],
        "touchpoints" => vec!["journey_instance_id", "step"],
        "owner_base" | "dealer_headcount" => vec!["dealer_id", "as_of"],
        "tool_usage" => vec!["tool_id", "as_of"],
        "extracts" => vec!["period", "source"],
        "journey_stages" => vec!["journey_id", "position"],
        "journey_handoffs" => vec!["journey_id", "name", "from_actor", "to_actor"],
        _ => vec![],
    }
}

#[test]
fn keys_are_unique_within_their_file() {
    let x = fixture();
    for (name, table) in &x.tables {
        let mut columns: Vec<usize> = key(name).iter().map(|c| table.column(c)).collect();
        if columns.is_empty() {
            columns.push(0);
        }
        let mut seen = BTreeSet::new();
        for r in &table.records {
            let key: Vec<&str> = columns.iter().map(|&c| &r[c]).collect();
            assert!(!key.iter().all(|k| k.is_empty()), "{name}: empty key");
            assert!(seen.insert(key.clone()), "{name}: {key:?} twice");
        }
    }
}

fn ids(x: &Export, file: &str, column: &str) -> BTreeSet<String> {
    let t = x.table(file);
    let c = t.column(column);
    t.records.iter().map(|r| r[c].to_owned()).collect()
}

#[test]
fn every_reference_names_a_row_of_its_file() {
    let x = fixture();
    let referred: [(&[&str], &str, &str); 9] = [
        (&["dealer_id"], "dealers", "dealer_id"),
        (
            &["actor_id", "partner_id", "from_actor", "to_actor"],
            "actors",
            "actor_id",
        ),
        (&["channel_id"], "channels", "channel_id"),
        (&["journey_id"], "journeys", "journey_id"),
        (&["tool_id"], "tools", "tool_id"),
        (&["group_id"], "dealer_groups", "group_id"),
        (&["region_id"], "regions", "region_id"),
        (&["lead_id"], "crm_leads", "lead_id"),
        (
            &["journey_instance_id"],
            "path_outcomes",
            "journey_instance_id",
        ),
    ];
    let mut checked = 0;
    for (columns, target, id) in referred {
        let known = ids(x, target, id);
        assert!(!known.is_empty(), "{target} is empty");
        for (name, table) in &x.tables {
            if name == target {
                continue;
            }
            for column in columns {
                let Some(c) = table.header.iter().position(|h| h == column) else {
                    continue;
                };
                for r in &table.records {
                    let value = &r[c];
                    // An empty lead or channel is allowed (a walk-in, an unknown channel).
                    let optional = matches!(*column, "lead_id" | "channel_id") && value.is_empty();
                    assert!(
                        optional || known.contains(value),
                        "{name}.{column} = {value:?}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 100_000, "{checked} references checked");
}

#[test]
fn dealers_have_events_only_while_open() {
    let x = fixture();
    let dealers = x.table("dealers");
    let open: BTreeMap<&str, (&str, &str)> = dealers
        .rows()
        .map(|r| (r.get("dealer_id"), (r.get("opened_on"), r.get("closed_on"))))
        .collect();
    for (file, when) in [
        ("crm_leads", "created_at"),
        ("dms_deals", "sold_at"),
        ("owner_base", "as_of"),
    ] {
        for r in x.table(file).rows() {
            let day = &r.get(when)[..10];
            let (opened, closed) = open[r.get("dealer_id")];
            assert!(
                opened.is_empty() || opened <= day,
                "{file}: {day} before {opened}"
            );
            assert!(
                closed.is_empty() || day <= closed,
                "{file}: {day} after {closed}"
            );
        }
    }
}

#[test]
fn the_same_spec_writes_the_same_bytes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let files = ebr::sample::raw::write_raw(&spec(), a.path()).unwrap();
    assert_eq!(
        ebr::sample::raw::write_raw(&spec(), b.path()).unwrap(),
        files
    );
    for f in &files {
        let read = |dir: &tempfile::TempDir| std::fs::read(dir.path().join(&f.name)).unwrap();
        assert!(read(&a) == read(&b), "{} differs", f.name);
    }
    // Nothing else is left in the folder (the temporary folder is gone).
    assert_eq!(std::fs::read_dir(a.path()).unwrap().count(), files.len());
}
