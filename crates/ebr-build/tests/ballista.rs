//! The same SQL on Apache Ballista: a standalone cluster (scheduler and executor in this test
//! process) builds the same snapshots as DataFusion in process, from CSV exports (read from the
//! checks' Arrow files) and from Parquet exports (read where they are, text as string views).

use chrono::{DateTime, Utc};
use ebr::model::PeriodId;
use ebr::sample::{self, Format, SampleSpec};
use ebr_build::{BuildSpec, Engine, build};

#[test]
fn ballista_standalone_builds_what_datafusion_builds() {
    let spec = SampleSpec {
        dealers: 10,
        months: 3,
        seed: 7,
        end: PeriodId::quarter(2026, 3).expect("a quarter"),
        format: Format::Json,
    };
    let raw = tempfile::tempdir().expect("a temp dir");
    sample::raw::write_raw(&spec, raw.path()).expect("raw exports written");
    let parquet = tempfile::tempdir().expect("a temp dir");
    let generated_at: DateTime<Utc> = "2026-10-05T06:00:00Z".parse().expect("a time");
    // Two months and the quarter: flows, stocks and paths over one and three months.
    let periods = vec![
        PeriodId::month(2026, 8).expect("a month"),
        PeriodId::month(2026, 9).expect("a month"),
        PeriodId::quarter(2026, 3).expect("a quarter"),
    ];
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime
        .block_on(ebr_build::parquet::convert(raw.path(), parquet.path()))
        .expect("the exports in Parquet");
    let run = |folder: &std::path::Path, engine: Engine| {
        let spec = BuildSpec {
            raw: folder.to_owned(),
            periods: periods.clone(),
            engine,
            generated_at,
            max_rejected: 0,
        };
        runtime
            .block_on(build(&spec, |_| {}))
            .unwrap_or_else(|e| panic!("build failed: {e}"))
            .built
    };
    let embedded = run(raw.path(), Engine::default());
    assert_eq!(embedded.len(), 3);
    let from_csv = run(raw.path(), Engine::BallistaStandalone);
    let from_parquet = run(parquet.path(), Engine::BallistaStandalone);
    for (exports, ballista) in [("CSV", &from_csv), ("Parquet", &from_parquet)] {
        assert_eq!(
            ballista.len(),
            embedded.len(),
            "{exports}: every period built"
        );
        for (e, b) in embedded.iter().zip(ballista) {
            let period = e.snapshot.period.id;
            assert!(!e.snapshot.dealers.is_empty(), "{period}: dealers built");
            assert_eq!(e.snapshot, b.snapshot, "{exports}, {period}");
            assert_eq!(e.json, b.json, "{exports}, {period}: the same file");
        }
    }
}
