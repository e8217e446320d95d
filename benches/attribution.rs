//! Speed of the attribution models on a generated path export: 100,000 unique paths over 12
//! channels, 1 to 20 touches each, written as CSV (and built with days, for time decay).
//!
//! Goals (issue 5): exact Markov order 1 with nulls under 100 ms, order 3 under 1 s; reading the
//! CSV alone is measured beside them. Run with `cargo bench --bench attribution`.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ebr::attribution::{Model, ModelOptions, PathSet, PathSetBuilder, read_path_export, run};
use rust_decimal::Decimal;

const PATHS: usize = 100_000;
const CHANNELS: [&str; 12] = [
    "Search",
    "Display",
    "Social",
    "Email",
    "OEM site",
    "Configurator",
    "Dealer site",
    "Marketplace",
    "Finance offer",
    "Video",
    "Affiliate",
    "Direct",
];

/// SplitMix64: a deterministic generator, so every run measures the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// One generated path: channel indexes, conversions, value in cents, nulls.
type Row = (Vec<u8>, u64, u64, u64);

/// Unique paths, about a third converting, every path with journeys.
fn generate() -> Vec<Row> {
    let mut rng = Rng(2026);
    let mut seen = HashSet::with_capacity(PATHS);
    let mut rows = Vec::with_capacity(PATHS);
    while rows.len() < PATHS {
        let len = 1 + rng.below(20) as usize;
        let path: Vec<u8> = (0..len)
            .map(|_| rng.below(CHANNELS.len() as u64) as u8)
            .collect();
        if !seen.insert(path.clone()) {
            continue;
        }
        let conversions = if rng.below(3) == 0 {
            1 + rng.below(10)
        } else {
            0
        };
        let nulls = rng.below(100) + u64::from(conversions == 0);
        let cents: u64 = (0..conversions)
            .map(|_| 2_000_000 + rng.below(4_000_000))
            .sum();
        rows.push((path, conversions, cents, nulls));
    }
    rows
}

/// The rows as a path export.
fn export(rows: &[Row]) -> String {
    let mut csv = String::from("path;total_conversions;total_conversion_value;total_null\n");
    for (path, conversions, cents, nulls) in rows {
        let names: Vec<&str> = path.iter().map(|&c| CHANNELS[usize::from(c)]).collect();
        let _ = writeln!(
            csv,
            "{};{};{}.{:02};{}",
            names.join(" > "),
            conversions,
            cents / 100,
            cents % 100,
            nulls
        );
    }
    csv
}

/// The rows with days before conversion (two days per step back), for time decay.
fn with_days(rows: &[Row]) -> Option<PathSet> {
    let mut builder = PathSetBuilder::new();
    for (i, (path, conversions, cents, nulls)) in rows.iter().enumerate() {
        let len = path.len() as u32;
        let touches = path
            .iter()
            .enumerate()
            .map(|(t, &c)| (CHANNELS[usize::from(c)], Some(2 * (len - 1 - t as u32))));
        let value = Decimal::new(i64::try_from(*cents).ok()?, 2);
        builder.push(touches, *conversions, value, *nulls, i).ok()?;
    }
    builder.finish().ok()
}

fn bench(c: &mut Criterion) {
    let file: PathBuf = std::env::temp_dir().join("ebr-bench-paths.csv");
    let rows = generate();
    if let Err(err) = std::fs::write(&file, export(&rows)) {
        eprintln!("cannot write {}: {err}", file.display());
        return;
    }
    let read = || {
        let input = std::fs::File::open(&file).map(std::io::BufReader::new);
        input.ok().and_then(|f| read_path_export(f).ok())
    };
    let Some(paths) = read() else {
        eprintln!("the generated export does not read back");
        return;
    };
    eprintln!(
        "{} paths, {} touches, {} conversions, {} nulls",
        paths.totals().paths,
        paths.touch_count(),
        paths.totals().conversions,
        paths.totals().nulls
    );
    let Some(dated) = with_days(&rows) else {
        eprintln!("the generated paths do not build with days");
        return;
    };
    let options = ModelOptions::default();
    for model in [Model::Markov1, Model::Markov2, Model::Markov3] {
        if let Some(m) = run(model, &paths, &options).ok().and_then(|r| r.markov) {
            eprintln!(
                "{model}: {} states, {} transitions, {:?}",
                m.states, m.transitions, m.method
            );
        }
    }
    let mut group = c.benchmark_group("attribution");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("read_csv", |b| b.iter(|| black_box(read())));
    group.bench_function("heuristics", |b| {
        b.iter(|| {
            for model in [
                Model::FirstTouch,
                Model::LastTouch,
                Model::Linear,
                Model::PositionBased,
            ] {
                let _ = black_box(run(model, &paths, &options));
            }
            let _ = black_box(run(Model::TimeDecay, &dated, &options));
        })
    });
    group.bench_function("markov_chain_build_only", |b| {
        b.iter(|| {
            black_box(ebr::attribution::models::markov::chain::Chain::build(
                &paths, 1,
            ))
        })
    });
    for model in [Model::Markov1, Model::Markov2, Model::Markov3] {
        group.bench_function(model.name(), |b| {
            b.iter(|| black_box(run(model, &paths, &options)))
        });
    }
    group.finish();
    let _ = std::fs::remove_file(&file);
}

criterion_group!(benches, bench);
criterion_main!(benches);
