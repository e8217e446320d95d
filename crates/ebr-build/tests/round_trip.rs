//! The round trip: the generator's snapshots, written as raw exports event by event
//! (`ebr sample --raw`), then built back by the SQL, are the same snapshots.

use chrono::{DateTime, Utc};
use ebr::model::{PeriodId, Snapshot};
use ebr::sample::{self, Format, SampleSpec};
use ebr_build::assemble::canonical_order;
use ebr_build::{BuildSpec, Engine, build};
use proptest::prelude::*;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
}

/// The generator's snapshots in the order and with the `generated_at` a build gives them, less
/// the conversion paths nobody walked (no conversion, no null): no event can carry those.
fn expected(spec: &SampleSpec, generated_at: DateTime<Utc>) -> Vec<Snapshot> {
    sample::generate(spec)
        .into_iter()
        .map(|mut s| {
            canonical_order(&mut s);
            s.provenance.generated_at = generated_at;
            s.attribution
                .paths
                .retain(|p| p.conversions > 0 || p.nulls > 0);
            s
        })
        .collect()
}

fn built(spec: &SampleSpec, engine: Engine, generated_at: DateTime<Utc>) -> Vec<Snapshot> {
    let raw = tempfile::tempdir().expect("a temp dir");
    sample::raw::write_raw(spec, raw.path()).expect("raw exports written");
    let periods: Vec<PeriodId> = sample::generate(spec).iter().map(|s| s.period.id).collect();
    let spec = BuildSpec {
        raw: raw.path().to_owned(),
        periods,
        engine,
        generated_at,
        max_rejected: 0,
    };
    runtime()
        .block_on(build(&spec, |_| {}))
        .unwrap_or_else(|e| panic!("build failed: {e}"))
        .built
        .into_iter()
        .map(|b| b.snapshot)
        .collect()
}

fn at() -> DateTime<Utc> {
    "2026-11-03T06:00:00Z".parse().expect("a time")
}

fn assert_same(expected: &[Snapshot], built: &[Snapshot]) {
    assert_eq!(expected.len(), built.len(), "one snapshot per period");
    for (e, b) in expected.iter().zip(built) {
        assert_eq!(e.period.id, b.period.id);
        // Field by field first, so a failure names the part that differs.
        assert_eq!(e.dealers, b.dealers, "{}: dealers", e.period.id);
        assert_eq!(e.journeys, b.journeys, "{}: journeys", e.period.id);
        assert_eq!(e.attribution, b.attribution, "{}: paths", e.period.id);
        assert_eq!(e.stack, b.stack, "{}: stack", e.period.id);
        assert_eq!(e.pnl, b.pnl, "{}: pnl", e.period.id);
        assert_eq!(e, b, "{}", e.period.id);
    }
}

#[test]
fn the_bundled_sample_builds_back_to_its_snapshots() {
    let spec = SampleSpec::bundled();
    assert_same(
        &expected(&spec, at()),
        &built(&spec, Engine::default(), at()),
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    #[test]
    fn small_random_networks_build_back_to_their_snapshots(
        dealers in 1usize..12,
        months in 1usize..7,
        seed in any::<u64>(),
    ) {
        let spec = SampleSpec {
            dealers,
            months,
            seed,
            end: PeriodId::month(2026, 6).expect("a month"),
            format: Format::Json,
        };
        assert_same(&expected(&spec, at()), &built(&spec, Engine::default(), at()));
    }
}

/// The same exports as Parquet (converted by `ebr-build parquet`) build the same snapshots.
#[test]
fn parquet_exports_build_what_csv_exports_build() {
    let spec = SampleSpec {
        dealers: 6,
        months: 2,
        seed: 11,
        end: PeriodId::month(2026, 9).expect("a month"),
        format: Format::Json,
    };
    let csv = tempfile::tempdir().expect("a temp dir");
    sample::raw::write_raw(&spec, csv.path()).expect("raw exports written");
    let parquet = tempfile::tempdir().expect("a temp dir");
    let runtime = runtime();
    runtime
        .block_on(ebr_build::parquet::convert(csv.path(), parquet.path()))
        .unwrap_or_else(|e| panic!("conversion failed: {e}"));
    let names: Vec<String> = std::fs::read_dir(parquet.path())
        .expect("listable")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert!(
        names
            .iter()
            .all(|n| n.ends_with(".parquet") || n == "review.toml"),
        "{names:?}"
    );
    let periods: Vec<PeriodId> = sample::generate(&spec)
        .iter()
        .map(|s| s.period.id)
        .collect();
    let build_from = |raw: &std::path::Path| {
        let spec = BuildSpec {
            raw: raw.to_owned(),
            periods: periods.clone(),
            engine: Engine::default(),
            generated_at: at(),
            max_rejected: 0,
        };
        runtime
            .block_on(build(&spec, |_| {}))
            .unwrap_or_else(|e| panic!("build failed: {e}"))
            .built
            .into_iter()
            .map(|b| b.snapshot)
            .collect::<Vec<_>>()
    };
    assert_same(&expected(&spec, at()), &build_from(parquet.path()));
}
