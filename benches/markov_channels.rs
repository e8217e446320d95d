//! Markov order 1 on a wide path export: 2,000 channels, 100,000 unique paths of 1 to 8
//! touches (issue 18: under 10 s; one solve per channel took minutes). A bench binary, not
//! criterion: one run is seconds long.
//!
//! `cargo bench --bench markov_channels` writes the export to the temporary folder, prints its
//! path and times the model in-process (median of 3); the whole command is then measured with
//! `hyperfine 'target/release/ebr attribution FILE --model markov'`.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::time::Instant;

use ebr::attribution::models::markov::removal_effects;
use ebr::attribution::read_path_export;

const CHANNELS: u64 = 2_000;
const PATHS: usize = 100_000;

/// SplitMix64: the same data on every run.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn export() -> String {
    let mut state = 18;
    let mut seen = HashSet::with_capacity(PATHS);
    let mut csv = String::from("path;total_conversions;total_conversion_value;total_null\n");
    while seen.len() < PATHS {
        let len = 1 + next(&mut state) % 8;
        let path: Vec<u64> = (0..len).map(|_| next(&mut state) % CHANNELS).collect();
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

fn main() {
    let file = std::env::temp_dir().join("ebr-bench-2000-channels.csv");
    if let Err(err) = std::fs::write(&file, export()) {
        eprintln!("cannot write {}: {err}", file.display());
        return;
    }
    println!("path export: {}", file.display());
    let paths = match std::fs::File::open(&file)
        .map_err(|e| e.to_string())
        .and_then(|f| read_path_export(f).map_err(|e| e.to_string()))
    {
        Ok(paths) => paths,
        Err(err) => {
            eprintln!("{err}");
            return;
        }
    };
    let mut times = Vec::new();
    for _ in 0..3 {
        let began = Instant::now();
        let details = removal_effects(&paths, 1);
        times.push(began.elapsed());
        if let Ok(d) = details {
            println!("states {}, transitions {}", d.states, d.transitions);
        }
    }
    times.sort();
    println!(
        "markov order 1, {CHANNELS} channels x {PATHS} paths: median {:?}",
        times[1]
    );
}
