//! `ebr attribution` driven as a user runs it, on the fixtures in `tests/fixtures/paths/`.

use std::process::{Command, Output};

use rust_decimal::Decimal;

fn ebr(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ebr"))
        .arg("attribution")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

const WORKED: &str = "tests/fixtures/paths/worked.csv";

/// worked.csv: A > B (1 conversion, 100), B (1, 50), A > C (0, 1 null).
/// First touch: A 1/100, B 1/50. Last touch: B 2/150. Linear and position (two touches split
/// 50/50): A 0.5/50, B 1.5/100. Markov order 1: removal effects A 1/2, B 1, C 0 → A 1/3, B 2/3
/// (conversions 0.67/1.33, value 50/100). Order 2 keeps the A > B path's value apart: A 60,
/// B 90 (see tests/attribution_models.rs); order 3 equals order 2 on paths this short.
#[test]
fn all_models_side_by_side_with_totals_equal_to_the_input() {
    let out = ebr(&[WORKED]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let expected = "\
tests/fixtures/paths/worked.csv: 3 paths; conversions 2, value 150.00, nulls (journeys without conversion) 1

Conversions credited
channel  first  last  linear  position  markov  markov2  markov3
A         1.00  0.00    0.50      0.50    0.67     0.67     0.67
B         1.00  2.00    1.50      1.50    1.33     1.33     1.33
C         0.00  0.00    0.00      0.00    0.00     0.00     0.00
----------------------------------------------------------------
TOTAL     2.00  2.00    2.00      2.00    2.00     2.00     2.00

Value credited
channel   first    last  linear  position  markov  markov2  markov3
A        100.00    0.00   50.00     50.00   50.00    60.00    60.00
B         50.00  150.00  100.00    100.00  100.00    90.00    90.00
C          0.00    0.00    0.00      0.00    0.00     0.00     0.00
-------------------------------------------------------------------
TOTAL    150.00  150.00  150.00    150.00  150.00   150.00   150.00

time-decay: not computed: time decay needs the days before conversion of every touch, which the path export layout does not carry
";
    assert_eq!(stdout(&out), expected);
}

#[test]
fn spaces_around_names_are_ignored() {
    let spaced = ebr(&["tests/fixtures/paths/worked_spaced.csv", "--format", "csv"]);
    let compact = ebr(&[WORKED, "--format", "csv"]);
    assert_eq!(spaced.status.code(), Some(0));
    assert_eq!(stdout(&spaced), stdout(&compact));
}

#[test]
fn one_model_as_csv_at_full_precision() {
    let out = ebr(&[WORKED, "--model", "markov", "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let csv = stdout(&out);
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(rows[0], ["model", "row", "channel", "conversions", "value"]);
    // A's exact credit is 2/3 of a conversion and B's 4/3: the machine format writes them
    // unrounded (the table's 0.67 and 1.33 are for people).
    let number = |row: usize, col: usize| rows[row][col].parse::<f64>().unwrap();
    assert_eq!(rows[1][..3], ["markov", "channel", "A"]);
    assert!((number(1, 3) - 2.0 / 3.0).abs() < 1e-12, "{csv}");
    assert!(rows[1][3].len() > 10, "{csv}");
    assert!((number(1, 4) - 50.0).abs() < 1e-9, "{csv}");
    assert_eq!(rows[2][..3], ["markov", "channel", "B"]);
    assert!((number(2, 3) - 4.0 / 3.0).abs() < 1e-12, "{csv}");
    assert!((number(2, 4) - 100.0).abs() < 1e-9, "{csv}");
    assert_eq!(rows[3], ["markov", "channel", "C", "0", "0"]);
    assert_eq!(rows[4], ["markov", "total", "", "2.00", "150.00"]);
    // The table still shows hundredths adding up to the total.
    let table = stdout(&ebr(&[WORKED, "--model", "markov"]));
    assert!(table.contains("0.67") && table.contains("1.33"), "{table}");
}

/// Sums every model's channel rows from the CSV output and checks them against the model's
/// total row and against the totals of the input file, computed here from the file itself.
#[test]
fn every_models_parts_add_up_to_the_input_totals() {
    let file = "tests/fixtures/paths/dealer_paths.csv";
    let text = std::fs::read_to_string(file).unwrap();
    let (mut conversions, mut value) = (Decimal::ZERO, Decimal::ZERO);
    for line in text.lines().skip(1) {
        let fields: Vec<&str> = line.split(';').collect();
        conversions += fields[1].parse::<Decimal>().unwrap();
        value += fields[2].parse::<Decimal>().unwrap();
    }
    let out = ebr(&[file, "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("time-decay: not computed"));
    let csv = stdout(&out);
    let mut models = 0;
    for model in [
        "first", "last", "linear", "position", "markov", "markov2", "markov3",
    ] {
        let rows: Vec<Vec<&str>> = csv
            .lines()
            .map(|l| l.split(',').collect::<Vec<_>>())
            .filter(|f| f[0] == model)
            .collect();
        let parts = |kind: &str, col: usize| -> Decimal {
            rows.iter()
                .filter(|f| f[1] == kind)
                .map(|f| f[col].parse::<Decimal>().unwrap())
                .sum()
        };
        // Unrounded shares add up to the input up to the float they were computed in.
        let close = |a: Decimal, b: Decimal| (a - b).abs() < Decimal::new(1, 9);
        assert!(close(parts("channel", 3), conversions), "{model}");
        assert!(close(parts("channel", 4), value), "{model}");
        assert_eq!(parts("total", 3), conversions, "{model}");
        assert_eq!(parts("total", 4), value, "{model}");
        assert_eq!(rows.iter().filter(|f| f[1] == "channel").count(), 7);
        models += 1;
    }
    assert_eq!(models, 7);
}

#[test]
fn json_carries_credits_markov_details_and_what_was_not_computed() {
    let out = ebr(&[WORKED, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["total_conversions"], 2);
    assert_eq!(json["not_computed"][0]["model"], "time-decay");
    let markov = json["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["model"] == "markov")
        .unwrap();
    assert_eq!(markov["credits"][1]["channel"], "B");
    // Unrounded: 4/3 of a conversion, not the table's 1.33.
    let b: f64 = markov["credits"][1]["conversions"]
        .as_str()
        .and_then(|t| t.parse().ok())
        .unwrap();
    assert!((b - 4.0 / 3.0).abs() < 1e-12, "{b}");
    assert_eq!(markov["credits"][1]["value"], "100");
    assert_eq!(markov["total"]["value"], "150.00");
    assert_eq!(
        markov["markov"]["removal_effects"],
        serde_json::json!([0.5, 1.0, 0.0])
    );
}

#[test]
fn every_invalid_row_is_listed_with_its_line_and_nothing_is_printed() {
    let out = ebr(&["tests/fixtures/paths/invalid.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    let file = "tests/fixtures/paths/invalid.csv";
    let expected = [
        "3: empty path",
        "4: touch 2 has an empty channel name",
        "5: total_conversions `two` is not a number",
        "6: total_conversion_value -5 is negative",
        "7: expected 4 columns separated by `;`, found 3",
        "8: total_conversions 1.5 is not a whole number",
        "9: conversion value 80 without any conversion",
        "10: total_null -1 is negative",
    ]
    .map(|e| format!("{file}:{e}"));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[..8],
        expected.iter().map(String::as_str).collect::<Vec<_>>()[..]
    );
    assert!(
        lines[8].contains("8 invalid row(s); nothing credited"),
        "{err}"
    );
}

#[test]
fn a_wrong_header_or_missing_file_is_refused() {
    let out = ebr(&["tests/fixtures/paths/wrong_header.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("wrong_header.csv:1: expected the header `path;total_conversions;total_conversion_value;total_null`"));
    let out = ebr(&["tests/fixtures/paths/no such file.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot read"));
}

#[test]
fn time_decay_alone_fails_on_an_export_without_days() {
    let out = ebr(&[WORKED, "--model", "time-decay"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains("needs the days before conversion"));
}

#[test]
fn bad_options_are_usage_errors() {
    for args in [
        &[WORKED, "--half-life", "0"][..],
        &[WORKED, "--half-life", "soon"],
        &[WORKED, "--model", "shapley"],
        &[WORKED, "--format", "xml"],
    ] {
        let out = ebr(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn cjk_channel_names_are_padded_by_the_columns_they_take() {
    // 東京ディーラー is 7 characters and 14 columns; 検索 2 and 4: padding by characters would
    // push their numbers 7 and 2 columns right of Search's.
    let out = ebr(&["tests/fixtures/paths/cjk.csv", "--model", "linear"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let expected = "\
channel         conversions    value
Search                 0.50    50.00
東京ディーラー         2.00   500.00
検索                   3.50   950.50
------------------------------------
TOTAL                  6.00  1500.50
";
    assert!(stdout(&out).ends_with(expected), "{}", stdout(&out));
}
