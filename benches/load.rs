//! Opening a large ecosystem: 5,000 dealers × 36 monthly snapshots, generated once by the
//! sample generator in JSON and in TOML, then read, validated and rolled up (a metrics
//! `Scorecard` per snapshot) with both cores — what `ebr view DIR` does before its first frame.
//! Beside it, in the same run, the bare `serde_json::from_slice::<serde_json::Value>` (and
//! `toml::from_str::<toml::Table>`) over the same bytes already in memory, also on both cores.
//!
//! Run: `cargo bench --bench load`. The files are written once under
//! `target/tmp/bench-load-*` (delete that folder to regenerate them).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;

use ebr::load;
use ebr::metrics::Scorecard;
use ebr::model::{Library, PeriodId};
use ebr::sample::{self, SampleSpec};

const DEALERS: usize = 5_000;
const MONTHS: usize = 36;
const SEED: u64 = 2026;

/// The monthly snapshot files of one format, and their total size.
struct Set {
    dir: PathBuf,
    files: Vec<PathBuf>,
    bytes: u64,
}

/// Writes the set once (a marker file says it is complete) and lists it.
fn set(format: sample::Format) -> Set {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("bench-load-{DEALERS}x{MONTHS}-seed{SEED}-{format}"));
    let marker = dir.join(".complete");
    if !marker.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        let spec = SampleSpec {
            dealers: DEALERS,
            months: MONTHS,
            seed: SEED,
            end: PeriodId::month(2026, 12).expect("a month"),
            format,
        };
        eprintln!(
            "writing {DEALERS} dealers × {MONTHS} months as {format} into {}",
            dir.display()
        );
        let written = sample::write(&spec, &dir).expect("the sample is written");
        // The generator also writes the quarters the months make up; this bench is the months.
        for path in written {
            if path.to_string_lossy().contains("-Q") {
                std::fs::remove_file(path).expect("a quarter file is removed");
            }
        }
        std::fs::write(&marker, "").expect("the marker is written");
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the bench folder is listed")
        .map(|e| e.expect("an entry").path())
        .filter(|p| load::Format::of_path(p).is_some())
        .collect();
    files.sort();
    assert_eq!(files.len(), MONTHS, "{}", dir.display());
    let bytes = files
        .iter()
        .map(|f| std::fs::metadata(f).expect("metadata").len())
        .sum();
    Set { dir, files, bytes }
}

/// Load, validate, roll up: the sum of every snapshot's leads, so nothing is optimised away.
fn open(dir: &Path) -> (Library, usize, u64) {
    let (library, warnings) = load::load_paths(&[dir.to_path_buf()]).expect("the set is valid");
    let snapshots: Vec<_> = library.iter().collect();
    let leads = snapshots
        .par_iter()
        .map(|s| Scorecard::new(Arc::clone(s)).total().facts.leads.total())
        .sum();
    (library, warnings.len(), leads)
}

fn bench(c: &mut Criterion) {
    rayon::ThreadPoolBuilder::new().build_global().ok();
    for format in [sample::Format::Json, sample::Format::Toml] {
        let set = set(format);
        let (library, warnings, leads) = open(&set.dir);
        eprintln!(
            "{format}: {} files, {:.1} MB, {} snapshots, {} warnings, {leads} leads, {} threads",
            set.files.len(),
            set.bytes as f64 / 1e6,
            library.len(),
            warnings,
            rayon::current_num_threads(),
        );
        drop(library);
        let in_memory: Vec<Vec<u8>> = set
            .files
            .iter()
            .map(|f| std::fs::read(f).expect("readable"))
            .collect();

        let mut group = c.benchmark_group(format!(
            "open {DEALERS} dealers x {MONTHS} months ({format})"
        ));
        group
            .sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(20))
            .throughput(Throughput::BytesDecimal(set.bytes));
        group.bench_function("load + validate + roll-up", |b| {
            b.iter(|| black_box(open(&set.dir)))
        });
        match format {
            sample::Format::Json => {
                group.bench_function("serde_json Value parse (bytes in memory)", |b| {
                    b.iter(|| {
                        in_memory
                            .par_iter()
                            .map(|bytes| {
                                let value: serde_json::Value =
                                    serde_json::from_slice(bytes).expect("JSON");
                                black_box(value).as_object().map_or(0, |o| o.len())
                            })
                            .sum::<usize>()
                    })
                })
            }
            _ => group.bench_function("toml Table parse (bytes in memory)", |b| {
                b.iter(|| {
                    in_memory
                        .par_iter()
                        .map(|bytes| {
                            let text = std::str::from_utf8(bytes).expect("UTF-8");
                            let table: toml::Table = toml::from_str(text).expect("TOML");
                            black_box(table).len()
                        })
                        .sum::<usize>()
                })
            }),
        };
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
