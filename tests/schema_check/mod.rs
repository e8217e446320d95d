//! A JSON Schema check for the keywords schemars writes: `$ref` into `$defs`, `type` (one or
//! several), `properties`, `required`, `additionalProperties: false`, `items`, `const`,
//! `enum`, `oneOf`, `anyOf`, `allOf`. A keyword it does not know fails the check, so the
//! schema cannot silently say more than is checked.

use serde_json::Value;

/// Every place `doc` breaks `schema`, as `path: problem` (empty when it is valid).
pub fn validate(schema: &Value, doc: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    check(schema, schema, doc, "$", &mut problems);
    problems
}

const KNOWN: [&str; 16] = [
    "$schema",
    "title",
    "description",
    "$defs",
    "$ref",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "const",
    "enum",
    "oneOf",
    "anyOf",
    "allOf",
    "format",
];

fn type_ok(name: &str, doc: &Value) -> bool {
    match name {
        "object" => doc.is_object(),
        "array" => doc.is_array(),
        "string" => doc.is_string(),
        "boolean" => doc.is_boolean(),
        "null" => doc.is_null(),
        "integer" => doc.is_i64() || doc.is_u64(),
        "number" => doc.is_number(),
        _ => false,
    }
}

fn check(root: &Value, schema: &Value, doc: &Value, at: &str, problems: &mut Vec<String>) {
    let Some(map) = schema.as_object() else {
        if schema == &Value::Bool(false) {
            problems.push(format!("{at}: not allowed"));
        }
        return;
    };
    for key in map.keys() {
        if !KNOWN.contains(&key.as_str()) {
            problems.push(format!("{at}: schema keyword {key} is not checked"));
        }
    }
    if let Some(Value::String(target)) = map.get("$ref") {
        let name = target.trim_start_matches("#/$defs/");
        match root.get("$defs").and_then(|d| d.get(name)) {
            Some(def) => check(root, def, doc, at, problems),
            None => problems.push(format!("{at}: unknown $ref {target}")),
        }
    }
    match map.get("type") {
        Some(Value::String(t)) if !type_ok(t, doc) => {
            problems.push(format!("{at}: expected {t}, found {doc}"))
        }
        Some(Value::Array(ts))
            if !ts
                .iter()
                .any(|t| t.as_str().is_some_and(|t| type_ok(t, doc))) =>
        {
            problems.push(format!("{at}: expected one of {ts:?}, found {doc}"));
        }
        _ => {}
    }
    if let Some(c) = map.get("const")
        && c != doc
    {
        problems.push(format!("{at}: expected {c}, found {doc}"));
    }
    if let Some(Value::Array(options)) = map.get("enum")
        && !options.contains(doc)
    {
        problems.push(format!("{at}: {doc} is not one of {options:?}"));
    }
    if let Some(object) = doc.as_object() {
        let properties = map.get("properties").and_then(Value::as_object);
        if let Some(Value::Array(required)) = map.get("required") {
            for name in required.iter().filter_map(Value::as_str) {
                if !object.contains_key(name) {
                    problems.push(format!("{at}: missing {name}"));
                }
            }
        }
        for (name, value) in object {
            match properties.and_then(|p| p.get(name)) {
                Some(sub) => check(root, sub, value, &format!("{at}.{name}"), problems),
                None if map.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    problems.push(format!("{at}: unexpected field {name}"));
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(array)) = (map.get("items"), doc.as_array()) {
        for (i, item) in array.iter().enumerate() {
            check(root, items, item, &format!("{at}[{i}]"), problems);
        }
    }
    if let Some(Value::Array(all)) = map.get("allOf") {
        for sub in all {
            check(root, sub, doc, at, problems);
        }
    }
    for (keyword, exactly_one) in [("oneOf", true), ("anyOf", false)] {
        if let Some(Value::Array(options)) = map.get(keyword) {
            let fitting = options
                .iter()
                .filter(|o| {
                    let mut p = Vec::new();
                    check(root, o, doc, at, &mut p);
                    p.is_empty()
                })
                .count();
            if fitting == 0 || (exactly_one && fitting > 1) {
                problems.push(format!("{at}: {fitting} of the {keyword} options fit"));
            }
        }
    }
}
