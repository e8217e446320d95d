//! The writers on views of the bundled sample and on hand-made cells.

use super::*;
use crate::app::{Action, App, Display, Tab};

fn app(tab: Tab) -> App {
    let mut app =
        App::new(crate::sample::bundled(), Display::default()).unwrap_or_else(|e| panic!("{e}"));
    app.update(Action::GoTab(tab));
    app
}

fn written(format: Format, view: &View) -> String {
    let mut out = Vec::new();
    write(format, view, &mut out).unwrap_or_else(|e| panic!("{e}"));
    String::from_utf8(out).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn csv_reads_back_as_written_through_the_csv_crate() {
    let app = app(Tab::Dealers);
    let view = View::of(&app, Provenance::of(&app, Vec::new()));
    let text = written(Format::Csv, &view);
    let mut reader = ::csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let read: Vec<Vec<String>> = reader
        .records()
        .map(|r| {
            r.unwrap_or_else(|e| panic!("{e}"))
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect();
    let table = view.main_table().unwrap_or_else(|| panic!("no table"));
    // The first section is the main table: header then rows, as in the view.
    let expected = csv::table_records(table);
    assert_eq!(&read[..expected.len()], &expected[..]);
    // A numeric column carries the exact value beside the display string.
    let leads = expected[0]
        .iter()
        .position(|h| h == "Leads")
        .unwrap_or_else(|| panic!("{:?}", expected[0]));
    assert_eq!(expected[0][leads + 1], "Leads [count]");
    assert_eq!(expected[1][0], "pinned");
    assert_eq!(expected[1][leads], "18,549");
    assert_eq!(expected[1][leads + 1], "18549");
    // Provenance comes first, as comment lines.
    assert!(text.starts_with("# ecosystem: Aurora Motors North America\n# tab: Dealers\n# period: 2026-10\n# compared: 2026-09\n"), "{text}");
}

#[test]
fn markdown_escapes_pipes_and_shows_control_bytes_as_escapes() {
    let app = app(Tab::Dealers);
    let mut view = View::of(&app, Provenance::of(&app, Vec::new()));
    let Some(ViewBlock::Table(table)) = view
        .blocks
        .iter_mut()
        .find(|b| matches!(b, ViewBlock::Table(_)))
    else {
        panic!("no table");
    };
    table.rows[1].cells[0].text = "A|B\u{1b}[31m".to_owned();
    let text = written(Format::Md, &view);
    assert!(text.contains("| A\\|B\\u{1b}[31m |"), "{text}");
    assert!(!text.contains('\u{1b}'));
}

#[test]
fn json_carries_exact_values_with_their_unit() {
    let app = app(Tab::Dealers);
    let view = View::of(&app, Provenance::of(&app, Vec::new()));
    let json: serde_json::Value =
        serde_json::from_str(&written(Format::Json, &view)).unwrap_or_else(|e| panic!("{e}"));
    let table = json["blocks"]
        .as_array()
        .and_then(|b| b.iter().find(|b| b["type"] == "table"))
        .unwrap_or_else(|| panic!("no table"));
    let columns = table["columns"]
        .as_array()
        .unwrap_or_else(|| panic!("no columns"));
    let sla = columns
        .iter()
        .position(|c| c["key"] == "sla_adherence")
        .unwrap_or_else(|| panic!("no SLA"));
    let cell = &table["rows"][0]["cells"][sla];
    assert_eq!(cell["text"], "80.8 % !");
    assert_eq!(cell["unit"], "fraction");
    let exact: rust_decimal::Decimal = cell["value"]
        .as_str()
        .unwrap_or_default()
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        exact > rust_decimal::Decimal::new(8075, 4) && exact < rust_decimal::Decimal::new(8085, 4),
        "{exact}"
    );
    assert_eq!(json["provenance"]["currency"], "USD");
}

#[test]
fn tsv_is_the_main_table_in_screen_order() {
    let mut app = app(Tab::Dealers);
    app.update(Action::CycleSort);
    let view = View::of(&app, Provenance::of(&app, Vec::new()));
    let text = written(Format::Tsv, &view);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("Dealer group\tRegion\tDealers\t"),
        "{}",
        lines[0]
    );
    let table = app.table().unwrap_or_else(|| panic!("no table"));
    let names: Vec<&str> = lines[1 + table.pinned.len()..]
        .iter()
        .map(|l| l.split('\t').next().unwrap_or(""))
        .collect();
    let shown: Vec<&str> = app
        .visible_rows()
        .iter()
        .map(|&i| table.rows[i].cells[0].text.as_str())
        .collect();
    assert_eq!(names, shown);
}

#[test]
fn formats_read_their_names() {
    assert_eq!("MD".parse::<Format>(), Ok(Format::Md));
    assert_eq!("markdown".parse::<Format>(), Ok(Format::Md));
    assert_eq!("json".parse::<Format>(), Ok(Format::Json));
    assert!("xlsx".parse::<Format>().is_err());
}
