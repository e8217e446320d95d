//! `ebr render --format svg` is well-formed XML whatever the names hold: every tab of the
//! hostile fixtures is parsed by an XML parser, and the text it draws is read back.

mod hostile_run;

use hostile_run::ebr;

const TABS: [&str; 7] = [
    "overview",
    "journeys",
    "segments",
    "dealers",
    "maturity",
    "pnl",
    "attribution",
];

fn svg_of(file: &str, tab: &str) -> String {
    let out = ebr(
        &[
            "render", file, "--tab", tab, "--size", "120x36", "--format", "svg",
        ],
        &[],
    );
    assert_eq!(out.code, Some(0), "{file} {tab}: {}", out.stderr());
    out.stdout()
}

/// The text of every `<text>` element, in document order.
fn drawn_text(svg: &str, what: &str) -> String {
    let doc = roxmltree::Document::parse(svg)
        .unwrap_or_else(|e| panic!("{what}: not well-formed XML: {e}"));
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("|")
}

#[test]
fn every_tab_of_hostile_names_is_well_formed_svg() {
    for file in [
        "tests/fixtures/hostile/names.toml",
        "tests/fixtures/hostile/widths.toml",
    ] {
        for tab in TABS {
            drawn_text(&svg_of(file, tab), &format!("{file} {tab}"));
        }
    }
}

#[test]
fn noncharacters_and_controls_are_drawn_as_escapes() {
    let text = drawn_text(
        &svg_of("tests/fixtures/hostile/widths.toml", "overview"),
        "overview",
    );
    // The ecosystem's name is in the header; XML cannot hold U+FFFE, U+FFFF or U+0001, they
    // are shown as escapes.
    assert!(text.contains("Aurora Motors North America"), "{text}");
    assert!(text.contains("\\u{fffe}\\u{ffff}\\u{1}"), "{text}");
    assert!(!text.contains(['\u{fffe}', '\u{ffff}', '\u{1}']), "{text}");
}
