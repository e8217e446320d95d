//! The README's screenshots are `ebr render --format svg` of the bundled sample, committed under
//! `screenshots/`. This test redraws each one with the real binary and fails when a committed
//! image no longer matches what the dashboard draws, so the README never shows a stale screen.
//! Regenerate with `EBR_UPDATE_SCREENSHOTS=1 cargo test --test screenshots`.

use std::path::PathBuf;
use std::process::Command;

/// (file stem, arguments after `ebr render`)
const SHOTS: &[(&str, &[&str])] = &[
    ("overview", &["--tab", "overview"]),
    ("journeys", &["--tab", "journeys"]),
    ("segments", &["--tab", "segments"]),
    ("dealers", &["--tab", "dealers"]),
    (
        "dealers-group",
        &["--tab", "dealers", "--drill", "central/g08"],
    ),
    (
        "dealers-dealer",
        &["--tab", "dealers", "--drill", "central/g08/d040"],
    ),
    ("maturity", &["--tab", "maturity", "--compare", "yoy"]),
    ("pnl", &["--tab", "pnl"]),
    ("attribution", &["--tab", "attribution"]),
    ("compare-yoy", &["--tab", "dealers", "--compare", "yoy"]),
    ("split", &["--tab", "segments", "--split"]),
    (
        "compare-group-yoy",
        &["--tab", "dealers", "--compare", "yoy", "--drill", "g05"],
    ),
    (
        "split-group-yoy",
        &[
            "--tab",
            "dealers",
            "--compare",
            "yoy",
            "--split",
            "--drill",
            "g12",
        ],
    ),
];

const SIZE: &str = "120x36";

fn render(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_ebr"))
        .arg("render")
        .args(args)
        .args(["--size", SIZE, "--format", "svg", "--color", "always"])
        .output()
        .expect("ebr runs");
    assert!(
        output.status.success(),
        "ebr render {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("SVG is UTF-8")
}

#[test]
fn committed_screenshots_match_what_the_dashboard_draws() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    let update = std::env::var_os("EBR_UPDATE_SCREENSHOTS").is_some_and(|v| !v.is_empty());
    let mut stale = Vec::new();
    for (stem, args) in SHOTS {
        let svg = render(args);
        let doc = roxmltree::Document::parse(&svg)
            .unwrap_or_else(|e| panic!("{stem}: not well-formed XML: {e}"));
        assert_eq!(doc.root_element().tag_name().name(), "svg", "{stem}");
        let path = dir.join(format!("{stem}.svg"));
        if update {
            std::fs::create_dir_all(&dir).expect("screenshots/ can be created");
            std::fs::write(&path, &svg).expect("screenshot written");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(svg.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale screenshots (regenerate with `EBR_UPDATE_SCREENSHOTS=1 cargo test --test screenshots`): {stale:?}"
    );
}
