//! `ebr handout` through the real binary on the sample monthly review: every item's title and
//! notes, each item's figures equal to what `ebr export` gives for the same view, HTML that an
//! XML parser reads, with no script and nothing to fetch, and no file replaced without
//! `--force`.

mod run;

use std::collections::BTreeMap;
use std::path::Path;

use roxmltree::{Document, Node, ParsingOptions};
use run::{ebr, ok};
use serde_json::Value;

const AGENDA: &str = "data/monthly-review.agenda.toml";

/// The handout of the monthly review written to `path`.
fn handout(path: &Path, format: &str) -> String {
    let path = path.to_str().unwrap_or_else(|| panic!("path"));
    ok(&ebr(&[
        "handout", AGENDA, "data/", "--format", format, "-o", path,
    ]));
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{e}"))
}

fn parse(html: &str) -> Document<'_> {
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(html, options).unwrap_or_else(|e| panic!("not well-formed: {e}"))
}

fn text(node: Node<'_, '_>) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// The agenda's items as (title, minutes, notes), read from the file itself.
fn agenda_items() -> Vec<(String, i64, String)> {
    let text = std::fs::read_to_string(AGENDA).unwrap_or_else(|e| panic!("{e}"));
    let doc: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
    let Some(toml::Value::Array(items)) = doc.get("items") else {
        panic!("no items");
    };
    items
        .iter()
        .map(|item| {
            let field = |k: &str| {
                item.get(k)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .to_owned()
            };
            let minutes = item
                .get("minutes")
                .and_then(toml::Value::as_integer)
                .unwrap_or(0);
            (field("title"), minutes, field("notes"))
        })
        .collect()
}

/// Every figure of an item's section: each table cell by (row id, column key), each card's
/// value by its title.
fn section_figures(section: Node<'_, '_>) -> BTreeMap<(String, String), String> {
    let mut figures = BTreeMap::new();
    for row in section.descendants().filter(|n| n.has_tag_name("tr")) {
        let Some(id) = row.attribute("data-row") else {
            continue;
        };
        for cell in row.children().filter(|n| n.has_tag_name("td")) {
            let key = cell.attribute("data-key").unwrap_or_default();
            figures.insert((id.to_owned(), key.to_owned()), text(cell));
        }
    }
    for card in section
        .descendants()
        .filter(|n| n.attribute("class") == Some("card"))
    {
        let parts: Vec<String> = card
            .children()
            .filter(|n| n.is_element())
            .map(text)
            .collect();
        figures.insert(("card".to_owned(), parts[0].clone()), parts[1].clone());
    }
    figures
}

/// The same from `ebr export --format json`.
fn export_figures(args: &[&str]) -> BTreeMap<(String, String), String> {
    let mut all = vec!["export", "data/", "--format", "json"];
    all.extend_from_slice(args);
    let json: Value = serde_json::from_str(&ok(&ebr(&all))).unwrap_or_else(|e| panic!("{e}"));
    let mut figures = BTreeMap::new();
    for block in json["blocks"]
        .as_array()
        .unwrap_or_else(|| panic!("blocks"))
    {
        match block["type"].as_str() {
            Some("table") => {
                let keys: Vec<&str> = block["columns"]
                    .as_array()
                    .unwrap_or_else(|| panic!("columns"))
                    .iter()
                    .map(|c| c["key"].as_str().unwrap_or_default())
                    .collect();
                for row in block["rows"].as_array().unwrap_or_else(|| panic!("rows")) {
                    let id = row["id"].as_str().unwrap_or_default();
                    let cells = row["cells"].as_array().unwrap_or_else(|| panic!("cells"));
                    for (key, cell) in keys.iter().zip(cells) {
                        let shown = cell["text"].as_str().unwrap_or_default();
                        figures.insert((id.to_owned(), (*key).to_owned()), shown.to_owned());
                    }
                }
            }
            Some("cards") => {
                for card in block["cards"].as_array().unwrap_or_else(|| panic!("cards")) {
                    let title = card["title"].as_str().unwrap_or_default();
                    let value = card["value"].as_str().unwrap_or_default();
                    figures.insert(("card".to_owned(), title.to_owned()), value.to_owned());
                }
            }
            _ => {}
        }
    }
    figures
}

#[test]
fn html_handout_holds_every_item_with_the_numbers_ebr_export_gives() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let html = handout(&dir.path().join("review.html"), "html");
    let doc = parse(&html);
    let sections: Vec<Node<'_, '_>> = doc
        .descendants()
        .filter(|n| n.has_tag_name("section"))
        .collect();
    let items = agenda_items();
    assert_eq!(sections.len(), items.len());
    assert_eq!(items.len(), 9);
    for (n, ((title, minutes, notes), section)) in items.iter().zip(&sections).enumerate() {
        let heading = section
            .children()
            .find(|c| c.has_tag_name("h2"))
            .map(text)
            .unwrap_or_default();
        assert_eq!(heading, format!("{}. {title} ({minutes} min)", n + 1));
        // Notes keep their words; the HTML breaks lines with <br/>.
        let shown = text(*section);
        for line in notes.lines().filter(|l| !l.trim().is_empty()) {
            assert!(shown.contains(line.trim()), "item {}: {line}", n + 1);
        }
    }
    // Each item's view as ebr export gives it, its arguments read off the agenda by hand:
    // the item's tab, drill, compared period, split, breakdown and model (sort only orders
    // rows, and the figures are compared by row id).
    let views: [&[&str]; 9] = [
        &["--tab", "overview"],
        &["--tab", "journeys"],
        &["--tab", "dealers"],
        &["--tab", "dealers", "--drill", "g08"],
        &[
            "--tab",
            "dealers",
            "--drill",
            "g08",
            "--compare",
            "yoy",
            "--split",
        ],
        &["--tab", "segments", "--breakdown", "tier"],
        &["--tab", "pnl"],
        &[
            "--tab",
            "attribution",
            "--breakdown",
            "channels",
            "--model",
            "markov",
        ],
        &["--tab", "maturity"],
    ];
    for (n, (section, args)) in sections.iter().zip(views).enumerate() {
        let shown = section_figures(*section);
        let exported = export_figures(args);
        assert!(shown.len() > 5, "item {}: {} figures", n + 1, shown.len());
        assert_eq!(shown, exported, "item {}", n + 1);
    }
}

#[test]
fn html_handout_is_self_contained_printable_and_without_script() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let html = handout(&dir.path().join("review.html"), "html");
    let doc = parse(&html);
    assert!(!html.to_ascii_lowercase().contains("<script"));
    for node in doc.descendants().filter(Node::is_element) {
        assert!(!node.has_tag_name("script"));
        assert!(!node.has_tag_name("link"), "no linked style sheet");
        for attr in node.attributes() {
            let value = attr.value().trim().to_ascii_lowercase();
            assert!(
                !attr.name().starts_with("on"),
                "event handler {}",
                attr.name()
            );
            if ["src", "href"].contains(&attr.name()) {
                assert!(
                    !value.starts_with("http:")
                        && !value.starts_with("https:")
                        && !value.starts_with("//")
                );
            }
        }
    }
    let style = doc
        .descendants()
        .find(|n| n.has_tag_name("style"))
        .map(text)
        .unwrap_or_default();
    assert!(
        !style.contains("url(") && !style.contains("@import"),
        "{style}"
    );
    assert!(style.contains("@media print"));
    assert!(style.contains("section.item { break-before: page;"));
}

#[test]
fn markdown_handout_has_every_item_under_its_heading() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let md = handout(&dir.path().join("review.md"), "md");
    assert!(md.starts_with("# Monthly business review\n"), "{md}");
    for (n, (title, minutes, _)) in agenda_items().iter().enumerate() {
        assert!(
            md.contains(&format!("\n## {}. {title} ({minutes} min)\n", n + 1)),
            "{title}"
        );
    }
    // A figure of the first item, as ebr export writes it.
    let sold =
        &export_figures(&["--tab", "overview"])[&("card".to_owned(), "Vehicles sold".to_owned())];
    assert!(
        md.contains(&format!("| Vehicles sold | {sold} |")),
        "{sold}"
    );
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("review.html");
    std::fs::write(&path, "keep me").unwrap_or_else(|e| panic!("{e}"));
    let target = path.to_str().unwrap_or_else(|| panic!("path"));
    let refused = ebr(&["handout", AGENDA, "data/", "--format", "html", "-o", target]);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("already exists (add --force to replace it)"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        "keep me"
    );
    ok(&ebr(&[
        "handout", AGENDA, "data/", "--format", "html", "-o", target, "--force",
    ]));
    let html = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
    parse(&html);
    // Nothing else is left in the folder (the temporary file was moved into place).
    assert_eq!(
        std::fs::read_dir(dir.path())
            .map(Iterator::count)
            .unwrap_or(0),
        1
    );
}

#[test]
fn an_agenda_item_that_does_not_resolve_writes_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let agenda = dir.path().join("bad.agenda.toml");
    std::fs::write(&agenda, "[[items]]\ntitle = \"Gone\"\ndrill = \"d999\"\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("out.html");
    let run = ebr(&[
        "handout",
        agenda.to_str().unwrap_or_default(),
        "data/",
        "--format",
        "html",
        "-o",
        out.to_str().unwrap_or_default(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("bad.agenda.toml:3:"), "{stderr}");
    assert!(!out.exists());
}
