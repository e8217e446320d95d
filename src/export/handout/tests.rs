//! The handout of a small agenda on the bundled sample: text from the agenda escaped, the
//! HTML well-formed XML, one section per item.

use std::path::Path;

use super::*;
use crate::app::{App, Display};
use crate::compare::ComparePeriod;

const AGENDA: &str = r#"
title = "Review <script>alert(1)</script> & more"

[[items]]
title = "Dealers \u001b[2J <b>bold</b>"
tab = "dealers"
minutes = 3
notes = """
First line with "quotes" & 'apostrophes'.

Second paragraph."""

[[items]]
title = "Whitfield"
drill = "g08"
"#;

fn handout() -> Handout {
    let library = crate::sample::bundled();
    let agenda = crate::agenda::parse(AGENDA, Path::new("t.agenda.toml"), &library)
        .unwrap_or_else(|d| panic!("{d:?}"));
    let app = App::open(
        library,
        Display::default(),
        None,
        Some(ComparePeriod::Previous),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let title = agenda.title.clone().unwrap_or_default();
    Handout::of(app, &title, &agenda.items, &[])
}

fn written(format: HandoutFormat, handout: &Handout) -> String {
    let mut out = Vec::new();
    write(format, handout, &mut out).unwrap_or_else(|e| panic!("{e}"));
    String::from_utf8(out).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn each_item_shows_its_own_view() {
    let handout = handout();
    assert_eq!(handout.pages.len(), 2);
    assert_eq!(handout.pages[0].view.provenance.tab, "Dealers");
    assert!(handout.pages[0].view.provenance.drill.len() == 1);
    // The second item drilled into Whitfield Dealer Group, below Central.
    assert_eq!(
        handout.pages[1].view.provenance.drill,
        ["Ecosystem", "Central", "Whitfield Dealer Group"]
    );
}

#[test]
fn html_escapes_the_agendas_text_and_parses_as_xml() {
    let html = written(HandoutFormat::Html, &handout());
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains('\u{1b}'));
    assert!(html.contains("<h1>Review &lt;script&gt;alert(1)&lt;/script&gt; &amp; more</h1>"));
    assert!(html.contains("Dealers \\u{1b}[2J &lt;b&gt;bold&lt;/b&gt;"));
    assert!(html.contains(
        "<p>First line with &quot;quotes&quot; &amp; &#39;apostrophes&#39;.</p>\n<p>Second paragraph.</p>"
    ));
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc =
        roxmltree::Document::parse_with_options(&html, options).unwrap_or_else(|e| panic!("{e}"));
    let sections: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("section"))
        .collect();
    assert_eq!(sections.len(), 2);
    let h2 = sections[1]
        .children()
        .find(|n| n.has_tag_name("h2"))
        .and_then(|n| n.text())
        .unwrap_or_default();
    assert_eq!(h2, "2. Whitfield");
}

#[test]
fn markdown_puts_each_item_under_its_numbered_heading_with_notes_quoted() {
    let md = written(HandoutFormat::Md, &handout());
    assert!(
        md.starts_with("# Review <script>alert(1)</script> & more\n"),
        "{md}"
    );
    assert!(md.contains("\n## 1. Dealers \\u{1b}[2J <b>bold</b> (3 min)\n\n> First line with \"quotes\" & 'apostrophes'.\n>\n> Second paragraph.\n"), "{md}");
    assert!(md.contains("\n## 2. Whitfield\n"), "{md}");
    assert!(!md.contains('\u{1b}'));
}
