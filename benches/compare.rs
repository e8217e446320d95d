//! Compare mode on a 5,000-dealer, 36-month library from the sample generator: what switching
//! the compared period costs in the app (the `update` and the rebuild of the screen on show),
//! then the frame drawn after it; and opening the folder, when every month is rolled up once
//! for the sparklines.
//!
//! Run: `cargo bench --bench compare`. Issue 4's goal: a switch under 50 ms.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

use ebr::app::{Action, App, Display, Tab};
use ebr::compare::ComparePeriod;
use ebr::model::{Library, PeriodId};
use ebr::sample::{Format, SampleSpec, generate};

const DEALERS: usize = 5_000;
const MONTHS: usize = 36;

fn library() -> Library {
    let spec = SampleSpec {
        dealers: DEALERS,
        months: MONTHS,
        seed: 2026,
        end: PeriodId::month(2026, 10).expect("a month"),
        format: Format::Json,
    };
    let mut library = Library::new();
    for snapshot in generate(&spec) {
        library.insert(snapshot).expect("one snapshot per period");
    }
    library
}

/// The app on `tab` at 160x48, October 2026 against September, optionally split.
fn app(library: &Library, tab: Tab, split: bool) -> App {
    let mut app = App::open(
        library.clone(),
        Display::default(),
        None,
        Some(ComparePeriod::Previous),
    )
    .expect("October is loaded");
    app.update(Action::Resize(160, 48));
    app.update(Action::GoTab(tab));
    if split {
        app.update(Action::ToggleSplit);
    }
    app
}

fn bench(c: &mut Criterion) {
    let library = library();
    let months: Vec<PeriodId> = library
        .periods()
        .filter(|p| p.granularity() == ebr::model::Granularity::Month)
        .collect();
    // A year back: never on screen before, so the screen is built, not found in the cache.
    let year_ago = months[months.len() - 13];

    let mut group = c.benchmark_group("compare");
    group.sample_size(20);
    group.bench_function("open 36 months (roll up every month once)", |b| {
        b.iter_batched(
            || library.clone(),
            |lib| black_box(App::new(lib, Display::default())),
            BatchSize::LargeInput,
        );
    });
    for (name, tab, split) in [
        ("overview", Tab::Overview, false),
        ("dealers: every group", Tab::Dealers, false),
        ("segments: regions", Tab::Segments, false),
        ("dealers split", Tab::Dealers, true),
    ] {
        let base = app(&library, tab, split);
        group.bench_function(format!("switch compared period: {name}"), |b| {
            b.iter_batched(
                || base.clone(),
                |mut app| {
                    app.update(Action::SetCompared(Some(year_ago)));
                    black_box(app)
                },
                BatchSize::LargeInput,
            );
        });
    }
    let mut switched = app(&library, Tab::Dealers, false);
    switched.update(Action::SetCompared(Some(year_ago)));
    group.bench_function("frame after the switch: dealers 160x48", |b| {
        b.iter(|| black_box(ebr::ui::headless::draw(&switched, 160, 48)));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
