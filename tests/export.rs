//! `ebr export`: for every tab at every drill level the numbers of the Markdown and CSV exports
//! are the numbers the dashboard draws (both parsed), the CSV reads back through the csv
//! crate, the JSON validates against the committed schema, and `-o` neither clobbers nor
//! leaves half a file.

use std::path::Path;
use std::process::{Command, Output};

use ebr::app::{Action, App, Display, Tab, path};
use ebr::export::{self, Format, Provenance, View, ViewBlock};
use rust_decimal::Decimal;
use serde_json::Value;

mod schema_check;

const SCHEMA: &str = include_str!("../docs/export.schema.json");

fn ebr(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ebr"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run ebr: {e}"))
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap_or_else(|e| panic!("{e}"))
}

/// The numbers in a text, in order: runs of digits with their `,` and `.` (the thousands
/// separators dropped), read as decimals.
fn numbers(text: &str) -> Vec<Decimal> {
    let mut found = Vec::new();
    let mut run = String::new();
    for c in text.chars().chain([' ']) {
        if c.is_ascii_digit() || (!run.is_empty() && (c == ',' || c == '.')) {
            run.push(c);
        } else if !run.is_empty() {
            let digits = run.trim_end_matches(['.', ',']).replace(',', "");
            found.push(digits.parse().unwrap_or_else(|e| panic!("{digits}: {e}")));
            run.clear();
        }
    }
    found
}

/// The Markdown tables of the view's tables, in order, each as its rows of cells (the header
/// and rule left out; the cards' and waterfalls' tables skipped by their headers).
fn markdown_tables(text: &str) -> Vec<Vec<Vec<String>>> {
    let mut tables = Vec::new();
    let mut current: Option<Vec<Vec<String>>> = None;
    for line in text.lines().chain([""]) {
        if let Some(body) = line.strip_prefix("| ").and_then(|l| l.strip_suffix(" |")) {
            let cells: Vec<String> = body
                .replace("\\|", "\u{0}")
                .split(" | ")
                .map(|c| c.replace('\u{0}', "|"))
                .collect();
            current.get_or_insert_with(Vec::new).push(cells);
        } else if line.starts_with("|-") {
            continue;
        } else if let Some(table) = current.take() {
            let header = table[0].join(" | ");
            if header != "Card | Value | Change | Status | Detail"
                && header != "Step | Amount | Note"
            {
                tables.push(table[1..].to_vec());
            }
        }
    }
    tables
}

/// The CSV sections that are tables (the cards' and details' left out): each as its rows of
/// display strings (the `row`/`id` fields and the exact-value columns dropped).
fn csv_tables(text: &str) -> Vec<Vec<Vec<String>>> {
    let mut sections: Vec<(String, Vec<Vec<String>>)> = Vec::new();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    // Sections start at `# section:` lines; the reader is told nothing of comments so that
    // they can be seen: a comment line reads as one field starting with `#`.
    for record in reader.records() {
        let record = record.unwrap_or_else(|e| panic!("{e}"));
        let fields: Vec<String> = record.iter().map(str::to_owned).collect();
        if let Some(title) = fields[0].strip_prefix("# section: ") {
            sections.push((title.to_owned(), Vec::new()));
        } else if !fields[0].starts_with('#') {
            let (_, rows) = sections
                .last_mut()
                .unwrap_or_else(|| panic!("a row before any section"));
            rows.push(fields);
        }
    }
    sections
        .into_iter()
        .filter(|(title, rows)| title != "cards" && title != "details" && rows[0][0] == "row")
        .map(|(_, rows)| {
            let header = &rows[0];
            let shown: Vec<usize> = (2..header.len())
                .filter(|&i| !header[i].ends_with(']'))
                .collect();
            rows[1..]
                .iter()
                .map(|r| shown.iter().map(|&i| r[i].clone()).collect())
                .collect()
        })
        .collect()
}

/// The app on the bundled sample at a tab and a drill path, sorted, with a terminal wide and tall
/// enough to draw every column and row.
fn app_at(tab: Tab, drill: &str) -> App {
    let mut app =
        App::new(ebr::sample::bundled(), Display::default()).unwrap_or_else(|e| panic!("{e}"));
    app.update(Action::Resize(COLS, ROWS));
    app.update(Action::GoTab(tab));
    let level = path::resolve(app.scorecard(), drill).unwrap_or_else(|e| panic!("{drill}: {e}"));
    app.update(Action::DrillTo(level));
    // Sorted by a number column, so the rows' order on screen is not the order built.
    app.update(Action::CycleSort);
    app.update(Action::CycleSort);
    app
}

const COLS: u16 = 900;
const ROWS: u16 = 300;
const LEVELS: [&str; 4] = ["", "central", "central/g08", "central/g08/d040"];

/// The buffer's lines holding each table's rows: for each table of the view, the lines under
/// its header line (the one starting with its first column's title), skipping rules.
fn drawn_rows(screen: &str, tables: &[&export::TableOut]) -> Vec<Vec<String>> {
    let lines: Vec<&str> = screen.lines().collect();
    let strip = |l: &str| l.trim_start_matches(['▸', ' ']).to_owned();
    let mut from = 0;
    let mut all = Vec::new();
    for table in tables {
        if table.rows.is_empty() {
            all.push(Vec::new());
            continue;
        }
        let head = format!("{}  ", table.columns[0].title);
        let header = (from..lines.len())
            .find(|&i| strip(lines[i]).starts_with(&head))
            .unwrap_or_else(|| panic!("header {head:?} of {:?} not drawn:\n{screen}", table.title));
        let rows: Vec<String> = lines[header + 1..]
            .iter()
            .filter(|l| !l.trim_start().starts_with('─'))
            .take(table.rows.len())
            .map(|l| strip(l))
            .collect();
        from = header + 1 + rows.len();
        all.push(rows);
    }
    all
}

#[test]
fn markdown_and_csv_numbers_are_the_numbers_on_screen_for_every_tab_and_level() {
    let mut checked = 0;
    for tab in Tab::ALL {
        for drill in LEVELS {
            let app = app_at(tab, drill);
            let view = View::of(&app, Provenance::of(&app, Vec::new()));
            let tables: Vec<&export::TableOut> = view
                .blocks
                .iter()
                .filter_map(|b| match b {
                    ViewBlock::Table(t) => Some(t),
                    _ => None,
                })
                .collect();
            let screen = ebr::ui::headless::text::write(&ebr::ui::headless::draw(&app, COLS, ROWS));
            let drawn = drawn_rows(&screen, &tables);
            let mut md = Vec::new();
            export::write(Format::Md, &view, &mut md).unwrap_or_else(|e| panic!("{e}"));
            let md = markdown_tables(&String::from_utf8(md).unwrap_or_default());
            let mut csv = Vec::new();
            export::write(Format::Csv, &view, &mut csv).unwrap_or_else(|e| panic!("{e}"));
            let csv = csv_tables(&String::from_utf8(csv).unwrap_or_default());
            assert_eq!(md.len(), tables.len(), "{tab:?} {drill}");
            assert_eq!(csv.len(), tables.len(), "{tab:?} {drill}");
            for (t, rows) in drawn.iter().enumerate() {
                for (r, line) in rows.iter().enumerate() {
                    let on_screen = numbers(line);
                    let in_md = numbers(&md[t][r].join("  "));
                    let in_csv = numbers(&csv[t][r].join("  "));
                    assert_eq!(
                        in_md, on_screen,
                        "{tab:?} {drill:?} table {t} row {r}: md vs {line:?}"
                    );
                    assert_eq!(
                        in_csv, on_screen,
                        "{tab:?} {drill:?} table {t} row {r}: csv vs {line:?}"
                    );
                    checked += 1;
                }
            }
        }
    }
    // Every tab but the Overview has a table at every level.
    assert!(checked > 200, "only {checked} rows compared");
}

#[test]
fn json_of_every_tab_and_level_validates_against_the_committed_schema() {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap_or_else(|e| panic!("{e}"));
    for tab in Tab::ALL {
        for drill in LEVELS {
            let app = app_at(tab, drill);
            let view = View::of(&app, Provenance::of(&app, Vec::new()));
            let mut json = Vec::new();
            export::write(Format::Json, &view, &mut json).unwrap_or_else(|e| panic!("{e}"));
            let json: Value = serde_json::from_slice(&json).unwrap_or_else(|e| panic!("{e}"));
            let problems = schema_check::validate(&schema, &json);
            assert!(problems.is_empty(), "{tab:?} {drill:?}: {problems:#?}");
        }
    }
    // The check does catch a document that breaks the schema.
    let broken = serde_json::json!({"provenance": {}, "title": 3, "blocks": [{"type": "chart"}]});
    assert!(schema_check::validate(&schema, &broken).len() >= 3);
}

#[test]
fn the_committed_export_schema_is_what_ebr_schema_prints() {
    let fresh = stdout(&ebr(&["schema", "--export"]));
    assert!(
        fresh == SCHEMA,
        "docs/export.schema.json is stale: regenerate it with \
         `cargo run -- schema --export --out docs/export.schema.json`"
    );
}

#[test]
fn cli_writes_provenance_first_with_each_file_digest() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compare");
    let out = stdout(&ebr(&[
        "export",
        data.to_str().unwrap_or_default(),
        "--tab",
        "dealers",
        "--format",
        "csv",
        "--compare",
        "2026-08",
    ]));
    let file = data.join("2026-10.toml");
    let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{e}"));
    let digest: String = <sha2::Sha256 as sha2::Digest>::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[2], "# period: 2026-10");
    assert_eq!(lines[3], "# compared: 2026-08");
    let wanted = format!("# file: {} (2026-10) sha256 {digest}", file.display());
    assert!(lines.contains(&wanted.as_str()), "{wanted}\n{out}");
    assert!(lines.iter().any(|l| l.starts_with("# ebr: ")));
    let _ = dir;
}

#[test]
fn output_file_is_never_clobbered_without_force() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let target = dir.path().join("dealers.md");
    let target_arg = target.to_str().unwrap_or_default();
    std::fs::write(&target, "notes I wrote").unwrap_or_else(|e| panic!("{e}"));
    let refused = ebr(&[
        "export", "--tab", "dealers", "--format", "md", "-o", target_arg,
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(&target).unwrap_or_default(),
        "notes I wrote"
    );
    let forced = ebr(&[
        "export", "--tab", "dealers", "--format", "md", "-o", target_arg, "--force",
    ]);
    assert!(
        forced.status.success(),
        "{}",
        String::from_utf8_lossy(&forced.stderr)
    );
    let written = std::fs::read_to_string(&target).unwrap_or_default();
    assert!(
        written.starts_with("# Aurora Motors North America · Dealers\n"),
        "{written}"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 1, "a temporary file was left: {names:?}");
}
