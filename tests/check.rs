//! `ebr check` on the real binary: each invalid fixture exits 1 naming its file, line, column,
//! field path and message; valid files print their summary; usage errors exit 2; bad input of
//! any kind (binary, truncated, empty, 100 MB, deeply nested) gives a clear error, never a
//! panic. The loader itself is also driven with arbitrary bytes (proptest).

use std::path::{Path, PathBuf};
use std::process::Command;

use ebr::load::{self, Format};
use proptest::prelude::*;

/// Runs the binary from the crate root (so fixture paths print as `tests/fixtures/...`).
fn ebr(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ebr"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the ebr binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The diagnostic lines of a check report.
fn diagnostics(stdout: &str) -> Vec<&str> {
    stdout
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .collect()
}

/// Checks `fixture` and asserts exit 1 with exactly these diagnostics, in this order.
fn assert_invalid(fixture: &str, expected: &[&str]) {
    let (code, out, err) = ebr(&["check", fixture]);
    assert_eq!(code, 1, "stdout:\n{out}\nstderr:\n{err}");
    assert_eq!(diagnostics(&out), expected, "stdout:\n{out}");
    assert!(!err.contains("panicked"), "{err}");
}

macro_rules! invalid {
    ($($test:ident: $fixture:literal => [$($line:literal),+ $(,)?];)+) => {$(
        #[test]
        fn $test() {
            assert_invalid(concat!("tests/fixtures/invalid/", $fixture), &[$($line),+]);
        }
    )+};
}

invalid! {
    unknown_field_suggests_the_right_name: "unknown_field.toml" => [
        "tests/fixtures/invalid/unknown_field.toml:139:1: error: dealers[1].facts.leadz: unknown field `leadz`: did you mean `leads`?",
    ];
    missing_field_is_named_at_its_object: "missing_field.json" => [
        "tests/fixtures/invalid/missing_field.json:68:16: error: dealers[0].facts.offers_made: missing required field `offers_made`",
    ];
    wrong_type_quotes_the_value: "wrong_type.toml" => [
        "tests/fixtures/invalid/wrong_type.toml:143:15: error: dealers[1].facts.test_drives: found \"thirty\", expected a count (a whole number, 0 or more)",
    ];
    unknown_variant_suggests_the_right_value: "bad_variant.json" => [
        "tests/fixtures/invalid/bad_variant.json:157:17: error: dealers[1].locale: found `rurall`, expected one of `metro`, `rural`; did you mean `rural`?",
    ];
    unsupported_version_says_which_is_supported: "unsupported_version.json" => [
        "tests/fixtures/invalid/unsupported_version.json:2:21: error: schema_version: found 2, expected a supported schema version: this build reads version 1 only",
    ];
    duplicate_dealer_id: "duplicate_id.toml" => [
        "tests/fixtures/invalid/duplicate_id.toml:131:6: error: dealers[1].id: found `d-001` again, expected each dealer id once (first used by dealers[0])",
    ];
    dealer_in_an_unknown_group: "dangling_group.json" => [
        "tests/fixtures/invalid/dangling_group.json:54:13: warning: dealer_groups[1].id: dealer group `harbor-motors` has no dealers",
        "tests/fixtures/invalid/dangling_group.json:156:16: error: dealers[1].group: found `harbour-motors`, expected the id of one of the dealer_groups: `pacific-auto`, `harbor-motors`; did you mean `harbor-motors`?",
    ];
    negative_money: "negative_money.toml" => [
        "tests/fixtures/invalid/negative_money.toml:157:44: error: dealers[1].facts.marketing_spend.coop: found -2500, expected an amount of 0 or more: this amount cannot be negative",
    ];
    negative_count: "negative_count.json" => [
        "tests/fixtures/invalid/negative_count.json:170:19: error: dealers[1].facts.quotes: found -22, expected a count: a count cannot be negative",
    ];
    answered_in_sla_above_responded: "sla_above_leads.toml" => [
        "tests/fixtures/invalid/sla_above_leads.toml:141:25: error: dealers[1].facts.leads_answered_in_sla: found 75, expected at most leads_responded = 70",
    ];
    offers_accepted_above_made: "accepted_above_made.json" => [
        "tests/fixtures/invalid/accepted_above_made.json:80:28: error: dealers[0].facts.offers_accepted: found 61, expected at most offers_made = 60",
    ];
    sourced_credit_above_booked_revenue: "sourced_above_booked.toml" => [
        "tests/fixtures/invalid/sourced_above_booked.toml:194:1: error: dealers[1].credits: sourced credit on revenue sums to 600000, expected at most the booked revenue = 541000 (won_revenue of all deals): a deal has one source",
    ];
    source_date_before_the_period: "date_outside_period.json" => [
        "tests/fixtures/invalid/date_outside_period.json:26:18: error: provenance.sources[1].as_of: found 2026-09-28, expected a date on or after the period start 2026-10-01: the source has no data for 2026-10",
    ];
    truncated_json: "truncated.json" => [
        "tests/fixtures/invalid/truncated.json:195:26: error: dealers[1].pipeline: not well-formed JSON: EOF while parsing a value (is the file truncated?)",
    ];
    malformed_toml: "bad_syntax.toml" => [
        "tests/fixtures/invalid/bad_syntax.toml:148:1: error: not well-formed TOML: missing comma between key-value pairs, expected `,`",
    ];
    empty_file: "empty.toml" => [
        "tests/fixtures/invalid/empty.toml: error: the file is empty: expected a snapshot (schema_version, ecosystem, period, ...)",
    ];
    binary_garbage: "binary.toml" => [
        "tests/fixtures/invalid/binary.toml:1:1: error: found byte 0x89, which is not UTF-8 text: expected a TOML or JSON snapshot (is this a binary file?)",
    ];
    every_problem_of_a_file_is_reported: "several_problems.toml" => [
        "tests/fixtures/invalid/several_problems.toml:9:12: error: ecosystem.currency: found `usd`, expected an ISO 4217 code of three upper-case letters such as `USD`",
        "tests/fixtures/invalid/several_problems.toml:14:7: error: period.end: found 2026-10-30, expected the last day of 2026-10: 2026-10-31",
        "tests/fixtures/invalid/several_problems.toml:39:6: warning: regions[1].id: region `east` has no dealer groups",
        "tests/fixtures/invalid/several_problems.toml:51:10: error: dealer_groups[1].region: found `north`, expected the id of one of the regions: `west`, `east`",
        "tests/fixtures/invalid/several_problems.toml:70:19: error: dealers[0].facts.offers_accepted: found 61, expected at most offers_made = 60",
        "tests/fixtures/invalid/several_problems.toml:147:36: error: dealers[1].facts.sales.ev: found 15, expected at most sales.new = 14",
        "tests/fixtures/invalid/several_problems.toml:251:34: error: journeys[0].stages[2].count: found 700, expected at most 640, the count of the stage before (`lead`): a funnel never widens",
        "tests/fixtures/invalid/several_problems.toml:303:16: error: stack[1].active_users: found 30, expected at most seats = 25",
        "tests/fixtures/invalid/several_problems.toml:338:11: error: maturity[1].current: found 4, expected a stage from 1 to 3",
    ];
    mixed_currencies_across_files: "mixed_currency" => [
        "tests/fixtures/invalid/mixed_currency/2026-11.json:7:17: error: ecosystem.currency: found `EUR`, expected `USD` as in tests/fixtures/invalid/mixed_currency/2026-10.toml: the snapshots of one load must share one currency",
    ];
    two_snapshots_of_one_period_name_both_files: "same_period" => [
        "tests/fixtures/invalid/same_period/october.toml:11:6: error: period.id: found 2026-10 again: tests/fixtures/invalid/same_period/october-again.json already holds the snapshot of 2026-10; expected one snapshot per period",
    ];
}

const SUMMARY_BODY: &str = concat!(
    "  2 regions, 2 dealer groups, 2 dealers, 1 journey, 2 tools\n",
    "  leads 315 · vehicles sold 101 · won revenue $2,721,000 · accessory revenue $105,751 · martech $825,000 a year\n",
    "checked 1 file: 1 valid, 0 invalid; 0 errors, 0 warnings\n",
);

#[test]
fn valid_files_print_their_summary_and_exit_0() {
    for file in ["minimal.toml", "minimal.json"] {
        let path = format!("tests/fixtures/valid/{file}");
        let (code, out, err) = ebr(&["check", &path]);
        assert_eq!(code, 0, "{out}{err}");
        // Leads 240 + 75, vehicles (48 + 30) + (14 + 9), won revenue 2,180,000 + 541,000,
        // accessories 86,500 + 19,250.50, martech 570,000 + 255,000: summed by hand.
        assert_eq!(
            out,
            format!("{path}: ok: Oct 2026 (2026-10), Aurora Motors North America\n{SUMMARY_BODY}")
        );
    }
}

#[test]
fn warnings_are_printed_and_the_file_still_passes() {
    let path = "tests/fixtures/warnings/suspicious.toml";
    let (code, out, err) = ebr(&["check", path]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        diagnostics(&out),
        [
            "tests/fixtures/warnings/suspicious.toml:18:16: warning: provenance.generated_at: found 2026-10-31T06:00:00Z, before the period is over (it ends on 2026-10-31): the figures cover part of the period only",
            "tests/fixtures/warnings/suspicious.toml:28:9: warning: provenance.sources[1].as_of: found 2026-10-20, 11 days before the period ends on 2026-10-31: `CDK Drive` may be stale (more than 7 days)",
            "tests/fixtures/warnings/suspicious.toml:49:6: warning: dealer_groups[1].id: dealer group `empty-group` has no dealers",
            "tests/fixtures/warnings/suspicious.toml:144:1: warning: dealers[1].facts: every fact is 0: expected figures for an active dealer (was the dealer missing from the feed?)",
            "tests/fixtures/warnings/suspicious.toml:348:10: warning: targets[0].metric: found `sla_adherance`, expected a metric key of the catalogue; did you mean `sla_adherence`? (the target is ignored)",
        ]
    );
    assert!(
        out.contains(&format!("{path}: ok: Oct 2026 (2026-10)")),
        "{out}"
    );
    assert!(
        out.ends_with("checked 1 file: 1 valid, 0 invalid; 0 errors, 5 warnings\n"),
        "{out}"
    );
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ebr"))
        .args(["check", "tests/fixtures/invalid/several_problems.toml"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the ebr binary runs");
    // Close the reading end before the report is written, like `ebr check ... | head -0`.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("ebr ends");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err, "");
}

#[test]
fn usage_errors_exit_2() {
    let (code, _, err) = ebr(&["check"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = ebr(&["check", "tests/fixtures/no-such-file.toml"]);
    assert_eq!(
        (code, err.as_str()),
        (
            2,
            "ebr check: tests/fixtures/no-such-file.toml: no such file or folder\n"
        )
    );
    let (code, _, err) = ebr(&["check", "README.md"]);
    assert_eq!(
        (code, err.as_str()),
        (
            2,
            "ebr check: README.md: unsupported file type; snapshot files end in .toml or .json\n"
        )
    );
}

/// A scratch folder under target/ for generated inputs, fresh for each test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("check")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_folder_without_snapshots_is_invalid_data() {
    let dir = scratch("no-snapshots");
    std::fs::write(dir.join("notes.md"), "not a snapshot").unwrap();
    let dir = dir.to_str().unwrap();
    let (code, out, _) = ebr(&["check", dir]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        diagnostics(&out),
        [format!(
            "{dir}: error: found no snapshot files in this folder: expected files ending in .toml or .json"
        )]
    );
}

#[test]
fn files_of_100_mb_give_a_result_or_a_clear_error() {
    let dir = scratch("big");
    let json = include_str!("fixtures/valid/minimal.json");
    let filler = "x".repeat(100_000_000);
    // Well-formed and valid: a 100 MB commentary is loaded and summarised.
    let valid = dir.join("long-commentary.json");
    std::fs::write(
        &valid,
        json.replacen("\"text\": \"", &format!("\"text\": \"{filler}"), 1),
    )
    .unwrap();
    let (code, out, err) = ebr(&["check", valid.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(": ok: Oct 2026 (2026-10)"), "{out}");
    // Malformed near the end: located, the long value cut in the message.
    let cut = dir.join("cut.json");
    let text = json.replacen(
        "\"text\": \"",
        &format!("\"text\": [\"{filler}\", 1], \"x\": \""),
        1,
    );
    std::fs::write(&cut, text).unwrap();
    let (code, out, _) = ebr(&["check", cut.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        diagnostics(&out),
        [format!(
            "{}:33:15: error: commentary[0].text: found an array, expected a string",
            cut.display()
        )]
    );
    // Above the limit: refused before reading (a sparse file, so nothing is written).
    let huge = dir.join("huge.toml");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(load::MAX_FILE_BYTES + 1)
        .unwrap();
    let (code, out, _) = ebr(&["check", huge.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        diagnostics(&out),
        [format!(
            "{}: error: the file is 134,217,729 bytes, above the limit of 134,217,728 bytes (128 MiB) for one snapshot file: refused without reading it",
            huge.display()
        )]
    );
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let deep = |open: &str, n: usize| open.repeat(n);
    let cases = [
        (
            Format::Json,
            format!(
                "{{\"schema_version\": 1, \"regions\": {}",
                deep("[", 200_000)
            ),
        ),
        (Format::Json, deep("{\"a\":", 200_000)),
        (Format::Toml, format!("a = {}", deep("[", 200_000))),
        (
            Format::Toml,
            format!("[{}]\n", vec!["a"; 100_000].join(".")),
        ),
    ];
    for (format, text) in cases {
        let report = load::parse_str(&text, format, "deep").unwrap_err();
        assert_eq!(report.errors().count(), 1, "{:?}", report.diagnostics);
    }
}

#[test]
fn every_truncation_of_a_valid_file_is_a_located_error() {
    for (format, text) in [
        (Format::Json, include_str!("fixtures/valid/minimal.json")),
        (Format::Toml, include_str!("fixtures/valid/minimal.toml")),
    ] {
        let lines = text.lines().count();
        let cuts = text.char_indices().map(|(i, _)| i).filter(|i| i % 3 == 0);
        for cut in cuts {
            let Err(report) = load::parse_str(&text[..cut], format, "cut") else {
                // A TOML file cut between tables can still be a complete snapshot.
                assert_eq!(format, Format::Toml, "JSON cut at {cut} loaded");
                continue;
            };
            for d in report.errors() {
                let line = d.position.map_or(1, |p| p.line);
                assert!(line <= lines + 1, "{d}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Arbitrary bytes, and arbitrary text made of JSON and TOML punctuation, never panic the
    /// loader in either format.
    #[test]
    fn arbitrary_bytes_never_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..512),
        text in "[\\[\\]{}\",:=#a-z0-9. \n-]{0,300}",
    ) {
        for format in [Format::Json, Format::Toml] {
            let _ = load::parse_bytes(&bytes, format, "fuzz");
            let _ = load::parse_str(&text, format, "fuzz");
            let _ = load::parse_str(&format!("schema_version = 1\n{text}"), format, "fuzz");
            let _ = load::parse_str(&format!("{{\"schema_version\": 1, {text}"), format, "fuzz");
        }
    }

    /// Random edits of a valid file never panic, and every error points inside the file.
    #[test]
    fn edited_files_never_panic(
        json in any::<bool>(),
        at in any::<prop::sample::Index>(),
        len in 0usize..40,
        insert in "[ -~\n]{0,12}|-?[0-9]{1,25}",
    ) {
        let (format, text) = if json {
            (Format::Json, include_str!("fixtures/valid/minimal.json"))
        } else {
            (Format::Toml, include_str!("fixtures/valid/minimal.toml"))
        };
        let start = at.index(text.len());
        let end = (start + len).min(text.len());
        if text.is_char_boundary(start) && text.is_char_boundary(end) {
            let edited = format!("{}{insert}{}", &text[..start], &text[end..]);
            if let Err(report) = load::parse_str(&edited, format, "edited") {
                prop_assert!(report.errors().count() >= 1);
                for d in &report.diagnostics {
                    let line = d.position.map_or(1, |p| p.line);
                    prop_assert!(line <= edited.lines().count() + 1, "{}", d);
                    prop_assert!(d.to_string().starts_with("edited"), "{}", d);
                }
            }
        }
    }
}

/// June 2026: d042 (dealers[41]) logged no leads during a CRM outage but 164 test drives and
/// 277 quotes; check flags it, and the file still passes.
#[test]
fn a_dealer_with_test_drives_but_no_leads_is_flagged() {
    let (code, stdout, _) = ebr(&["check", "data/2026-06.json"]);
    assert_eq!(code, 0, "{stdout}");
    let flagged: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("no leads logged"))
        .collect();
    assert_eq!(flagged.len(), 1, "{stdout}");
    assert!(
        flagged[0].contains(
            "warning: dealers[41].facts.leads: no leads logged but 164 test drives and 277 quotes"
        ),
        "{}",
        flagged[0]
    );
    assert!(stdout.contains("0 errors, 1 warning"), "{stdout}");
}

/// Q2 2026 holds June, when d042 (dealers[41]) logged no leads: its summed leads hide the month,
/// so the quarter carries the month's test drives and quotes as a gap in the lead feed and
/// check flags it with June's figures, read here from June's file.
#[test]
fn the_quarter_holding_a_months_lead_feed_gap_is_flagged() {
    let june: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/2026-06.json"))
            .expect("June's file"),
    )
    .expect("June's JSON");
    let d042 = june["dealers"]
        .as_array()
        .and_then(|ds| ds.iter().find(|d| d["id"] == "d042"))
        .expect("d042 in June");
    let (drives, quotes) = (
        d042["facts"]["test_drives"].as_u64().expect("test drives"),
        d042["facts"]["quotes"].as_u64().expect("quotes"),
    );
    let (code, stdout, _) = ebr(&["check", "data/2026-Q2.json"]);
    assert_eq!(code, 0, "{stdout}");
    let flagged = diagnostics(&stdout);
    assert_eq!(flagged.len(), 1, "{stdout}");
    assert!(
        flagged[0].starts_with("data/2026-Q2.json:"),
        "{}",
        flagged[0]
    );
    assert!(
        flagged[0].contains(&format!(
            "warning: dealers[41].facts.without_leads: {drives} test drives and {quotes} quotes \
             logged in months with no leads logged"
        )),
        "{}",
        flagged[0]
    );
    assert!(stdout.contains("0 errors, 1 warning"), "{stdout}");
}
