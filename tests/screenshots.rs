//! The README's screenshots are `ebr render --format svg` of the bundled sample, committed under
//! `screenshots/`. This test redraws each one with the real binary and fails when a committed
//! image no longer matches what the dashboard draws, so the README never shows a stale screen.
//! Presenter mode and `ebr notes` are drawn the same way through the library (an agenda item
//! of `data/monthly-review.agenda.toml`, its clock set by hand so the timer is always the same).
//! Regenerate with `EBR_UPDATE_SCREENSHOTS=1 cargo test --test screenshots`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use ebr::app::{Action, App, Display};
use ebr::compare::ComparePeriod;
use ebr::ui::{follow, headless};

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

/// Writes the shots with `EBR_UPDATE_SCREENSHOTS` set; otherwise fails naming every committed
/// image that differs from what is drawn now.
fn compare_or_update(shots: impl IntoIterator<Item = (&'static str, String)>) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    let update = std::env::var_os("EBR_UPDATE_SCREENSHOTS").is_some_and(|v| !v.is_empty());
    let mut stale = Vec::new();
    for (stem, svg) in shots {
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

#[test]
fn committed_screenshots_match_what_the_dashboard_draws() {
    compare_or_update(SHOTS.iter().map(|(stem, args)| (*stem, render(args))));
}

/// The item of the monthly review shown, and how long the presenter has been on it.
const ITEM: usize = 3;
const ON_ITEM: Duration = Duration::from_secs(2 * 60 + 15);

/// `ebr present data/monthly-review.agenda.toml` on item [`ITEM`], as `ebr present` opens the
/// app (comparing with the previous period unless an item says otherwise).
fn presenting(cols: u16, rows: u16) -> App {
    let library = ebr::sample::bundled();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/monthly-review.agenda.toml");
    let agenda = ebr::agenda::load(&path, &library).expect("the sample agenda resolves");
    let mut app = App::open(
        library,
        Display::default(),
        None,
        Some(ComparePeriod::Previous),
    )
    .expect("the sample has periods");
    app.update(Action::Resize(cols, rows));
    app.present(agenda.items);
    for digit in ITEM.to_string().bytes() {
        app.update(Action::JumpDigit(digit - b'0'));
    }
    app.update(Action::JumpGo);
    app.update(Action::Tick(ON_ITEM));
    app
}

#[test]
fn committed_screenshots_of_presenting_match_what_is_drawn() {
    let (cols, rows) = (120, 36);
    let app = presenting(cols, rows);
    let shown = headless::text::write(&headless::draw(&app, cols, rows));
    assert!(
        shown.contains("3/9 · Dealer groups, slowest to answer first")
            && shown.contains("2:15 / 5:00"),
        "the presenter's header:\n{shown}"
    );
    let cue = app.cue().expect("presenting");
    // The follower's screen in a smaller second terminal, as `ebr notes` prints it.
    let (note_cols, note_rows) = (80, 12);
    let notes = follow::notes::lines(&cue, usize::from(note_cols));
    assert_eq!(
        notes[0],
        format!(
            "{:<69}2:15 / 5:00",
            "3/9 · Dealer groups, slowest to answer first"
        )
    );
    assert_eq!(
        notes.last().map(String::as_str),
        Some("Next: Whitfield Dealer Group")
    );
    compare_or_update([
        (
            "present",
            headless::svg::write(&headless::draw(&app, cols, rows)),
        ),
        (
            "notes",
            headless::svg::write(&headless::lines(&notes, note_cols, note_rows)),
        ),
    ]);
}
