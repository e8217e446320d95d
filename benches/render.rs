//! Drawing cost on a generated 5,000-dealer ecosystem (two months, so the app opens comparing
//! them, as it does by default):
//!
//! - criterion: one frame of each tab at 200x60 (the view model already built; a frame is
//!   layout + drawing the visible rows into a ratatui buffer), and the first visit of a tab
//!   (view model built from the scorecards, then drawn);
//! - printed beside it: median and worst of 300 frames per tab;
//! - on a pseudo-terminal, the bytes the release binary writes for one arrow-key move in the
//!   Dealers table, a tab switch and a full redraw, and how long the bundled sample takes to
//!   show its first frame from launch.
//!
//! Run: `cargo bench --bench render`.

#[path = "../tests/pty_harness/mod.rs"]
mod pty_harness;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use ebr::app::{Action, App, Display, Tab, path};
use ebr::model::Library;
use ebr::sample::{self, Format, SampleSpec};

const DEALERS: usize = 5_000;
const COLS: u16 = 200;
const ROWS: u16 = 60;

fn spec() -> SampleSpec {
    SampleSpec {
        dealers: DEALERS,
        months: 2,
        format: Format::Json,
        ..SampleSpec::bundled()
    }
}

fn library() -> Library {
    let mut library = Library::new();
    for snapshot in sample::generate(&spec()) {
        library.insert(snapshot).expect("distinct periods");
    }
    library
}

/// What is on screen: a tab, drilled somewhere.
struct Case {
    name: &'static str,
    tab: Tab,
    drill: &'static str,
    keys: &'static [Action],
}

const CASES: &[Case] = &[
    Case {
        name: "overview",
        tab: Tab::Overview,
        drill: "",
        keys: &[],
    },
    Case {
        name: "journeys",
        tab: Tab::Journeys,
        drill: "",
        keys: &[],
    },
    Case {
        name: "segments",
        tab: Tab::Segments,
        drill: "",
        keys: &[],
    },
    Case {
        name: "segments_tier",
        tab: Tab::Segments,
        drill: "",
        keys: &[Action::NextDimension],
    },
    Case {
        name: "dealers",
        tab: Tab::Dealers,
        drill: "",
        keys: &[],
    },
    Case {
        name: "dealers_region",
        tab: Tab::Dealers,
        drill: "@region",
        keys: &[],
    },
    Case {
        name: "dealers_group",
        tab: Tab::Dealers,
        drill: "@group",
        keys: &[],
    },
    Case {
        name: "dealers_dealer",
        tab: Tab::Dealers,
        drill: "@dealer",
        keys: &[],
    },
    Case {
        name: "maturity",
        tab: Tab::Maturity,
        drill: "",
        keys: &[],
    },
    Case {
        name: "pnl",
        tab: Tab::Pnl,
        drill: "",
        keys: &[],
    },
    Case {
        name: "attribution",
        tab: Tab::Attribution,
        drill: "",
        keys: &[],
    },
];

/// The app on a case's screen; `@region`, `@group`, `@dealer` pick the first of each.
fn open(library: &Library, case: &Case) -> App {
    let mut app = App::new(library.clone(), Display::default()).expect("periods");
    app.update(Action::Resize(COLS, ROWS));
    app.update(Action::GoTab(case.tab));
    let card = app.scorecard().clone();
    let level = match case.drill {
        "@region" => card.regions().next().map(|n| n.level()),
        "@group" => card.groups().next().map(|n| n.level()),
        "@dealer" => card.dealers().next().map(|n| n.level()),
        text => path::resolve(&card, text).ok(),
    };
    if let Some(level) = level {
        app.update(Action::DrillTo(level));
    }
    for key in case.keys {
        app.update(key.clone());
    }
    app
}

fn frame(app: &App, buf: &mut Buffer) {
    buf.reset();
    let area = buf.area;
    ebr::ui::render(black_box(app), area, buf);
}

fn median_and_worst(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    (times[times.len() / 2], times[times.len() - 1])
}

fn benches(c: &mut Criterion) {
    let started = Instant::now();
    let library = library();
    println!(
        "generated {DEALERS} dealers x 2 months in {:?}",
        started.elapsed()
    );
    let mut buf = Buffer::empty(Rect::new(0, 0, COLS, ROWS));

    println!("frame at {COLS}x{ROWS}, 300 frames: median / worst");
    for case in CASES {
        let app = open(&library, case);
        let times: Vec<Duration> = (0..300)
            .map(|_| {
                let t = Instant::now();
                frame(&app, &mut buf);
                t.elapsed()
            })
            .collect();
        let (median, worst) = median_and_worst(times);
        println!("  {:<16} {median:>10.2?} / {worst:>10.2?}", case.name);
    }

    let mut group = c.benchmark_group("frame_200x60");
    group.sample_size(30);
    for case in CASES {
        let app = open(&library, case);
        group.bench_function(case.name, |b| b.iter(|| frame(&app, &mut buf)));
    }
    group.finish();

    // First visit: the view model is built (nothing cached yet) and drawn.
    let mut group = c.benchmark_group("first_visit_200x60");
    group.sample_size(10);
    let base = open(&library, &CASES[0]);
    for tab in [Tab::Segments, Tab::Dealers] {
        group.bench_function(tab.cli_name(), |b| {
            b.iter_batched(
                || base.clone(),
                |mut app| {
                    app.update(Action::GoTab(tab));
                    frame(&app, &mut buf);
                },
                criterion::BatchSize::LargeInput,
            )
        });
    }
    group.finish();

    // The same visit after the app was idle for a moment (the terminal loop sends
    // `Action::Idle` while no key comes): the other tabs are built, the visit only draws.
    let mut group = c.benchmark_group("prepared_visit_200x60");
    group.sample_size(10);
    let mut prepared = base.clone();
    while prepared.has_idle_work() {
        prepared.update(Action::Idle);
    }
    for tab in [Tab::Segments, Tab::Dealers] {
        group.bench_function(tab.cli_name(), |b| {
            b.iter_batched(
                || prepared.clone(),
                |mut app| {
                    app.update(Action::GoTab(tab));
                    frame(&app, &mut buf);
                },
                criterion::BatchSize::LargeInput,
            )
        });
    }
    group.finish();

    pty_figures();
}

/// Bytes written for small and large screen changes, and the sample's first frame, measured
/// on the release binary on a pseudo-terminal.
fn pty_figures() {
    let dir = std::env::temp_dir().join(format!("ebr-bench-{DEALERS}"));
    if !dir.join(".complete").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        sample::write(&spec(), &dir).expect("write the generated ecosystem");
        std::fs::write(dir.join(".complete"), b"").expect("mark complete");
    }
    let quiet = Duration::from_millis(400);
    let mut s = pty_harness::Session::spawn(&["view", path_str(&dir)], COLS, ROWS, &[]);
    s.wait_text("Vehicles sold");
    s.settle(quiet);
    let first = s.bytes();
    s.send(b"4");
    s.wait_text("Dealer groups");
    s.settle(quiet);
    let after_switch = s.bytes();
    s.send(b"\x1b[B");
    s.wait_text("2/");
    s.settle(quiet);
    let after_move = s.bytes();
    s.resize(COLS, ROWS - 1);
    s.settle(quiet);
    let after_redraw = s.bytes();
    s.send(b"q");
    let _ = s.wait_exit(Duration::from_secs(10));
    println!("bytes written on a {COLS}x{ROWS} PTY, {DEALERS} dealers:");
    println!("  first frame (Overview)        {first}");
    println!("  tab switch to Dealers         {}", after_switch - first);
    println!(
        "  one row down in Dealers       {}",
        after_move - after_switch
    );
    println!(
        "  full redraw (resize)          {}",
        after_redraw - after_move
    );

    let mut times = Vec::new();
    for _ in 0..7 {
        let mut s = pty_harness::Session::spawn(&[], 100, 30, &[]);
        times.push(s.wait_text("Vehicles sold"));
        s.send(b"q");
        let _ = s.wait_exit(Duration::from_secs(10));
    }
    let (median, worst) = median_and_worst(times);
    println!("bundled sample, launch to first frame: median {median:.1?}, worst {worst:.1?}");
}

fn path_str(dir: &Path) -> &str {
    dir.to_str().expect("a UTF-8 temp dir")
}

criterion_group!(group, benches);
criterion_main!(group);
