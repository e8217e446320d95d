//! Markov order 1 on wide path exports: many channels, paths of 1 to 8 touches (issue 18:
//! 2,000 channels × 100,000 paths under 10 s).
//!
//! One criterion group, `markov_order1`, measures the removal effects on a built chain both ways
//! in the same run, so "before" and "after" are comparable: `one_inversion` (the method in use:
//! every channel's effect from one inversion of the chain) and `one_solve_per_channel` (the
//! method before it, kept as `removal_effects_solved`) at 200 and 500 channels × 20,000 paths,
//! where the old one still ends; then the new one alone at 2,000 channels × 100,000 paths.
//!
//! `cargo bench --bench markov_channels -- --warm-up-time 1 --measurement-time 3`; add a filter
//! such as `'/(200|500)ch'` to leave out the widest export (seconds per iteration, ten samples).
//! The export of 2,000 channels is also written to the temporary folder, so the whole command can
//! be timed: `hyperfine 'target/release/ebr attribution FILE --model markov'`.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ebr::attribution::models::markov::chain::Chain;
use ebr::attribution::models::markov::{removal_effects_of, removal_effects_solved};
use ebr::attribution::{PathSet, read_path_export};

/// SplitMix64: the same data on every run.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A path export of `paths` unique paths over `channels` channels, a third of them converting.
fn export(channels: u64, paths: usize) -> String {
    let mut state = 18;
    let mut seen = HashSet::with_capacity(paths);
    let mut csv = String::from("path;total_conversions;total_conversion_value;total_null\n");
    while seen.len() < paths {
        let len = 1 + next(&mut state) % 8;
        let path: Vec<u64> = (0..len).map(|_| next(&mut state) % channels).collect();
        if !seen.insert(path.clone()) {
            continue;
        }
        let names: Vec<String> = path.iter().map(|c| format!("channel {c:04}")).collect();
        let conversions = if next(&mut state).is_multiple_of(3) {
            1 + next(&mut state) % 5
        } else {
            0
        };
        let cents = conversions * (2_000_000 + next(&mut state) % 4_000_000);
        let nulls = next(&mut state) % 50 + u64::from(conversions == 0);
        let _ = writeln!(
            csv,
            "{};{conversions};{}.{:02};{nulls}",
            names.join(" > "),
            cents / 100,
            cents % 100
        );
    }
    csv
}

fn path_set(csv: &str) -> PathSet {
    read_path_export(csv.as_bytes()).expect("the generated export is valid")
}

fn markov_order1(c: &mut Criterion) {
    let mut group = c.benchmark_group("markov_order1");
    group.sample_size(10);
    for (channels, paths) in [(200, 20_000), (500, 20_000), (2_000, 100_000)] {
        let csv = export(channels, paths);
        if channels == 2_000 {
            let file = std::env::temp_dir().join("ebr-bench-2000-channels.csv");
            match std::fs::write(&file, &csv) {
                Ok(()) => println!("path export: {}", file.display()),
                Err(err) => eprintln!("cannot write {}: {err}", file.display()),
            }
        }
        let set = path_set(&csv);
        let width = set.channels().len();
        let chain = Chain::build(&set, 1);
        let id = format!("{channels}ch x {paths}");
        group.bench_function(BenchmarkId::new("one_inversion", &id), |b| {
            b.iter(|| removal_effects_of(black_box(&chain), width, 1));
        });
        if channels <= 500 {
            group.bench_function(BenchmarkId::new("one_solve_per_channel", &id), |b| {
                b.iter(|| removal_effects_solved(black_box(&chain), width, 1));
            });
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(10));
    targets = markov_order1
}
criterion_main!(benches);
