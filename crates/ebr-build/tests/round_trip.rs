//! The round trip: the generator's snapshots, written as raw exports event by event
//! (`ebr sample --raw`), then built back by the SQL, are the same snapshots.

use chrono::{DateTime, Utc};
use ebr::model::{PeriodId, Snapshot};
use ebr::sample::{self, Format, SampleSpec};
use ebr_build::assemble::canonical_order;
use ebr_build::{BuildSpec, Engine, Step, build};
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

/// The periods the generator makes for `spec`.
fn periods_of(spec: &SampleSpec) -> Vec<PeriodId> {
    sample::generate(spec).iter().map(|s| s.period.id).collect()
}

/// Builds `periods` from the raw folder `raw`, telling `progress` as it goes.
fn build_folder(
    raw: &std::path::Path,
    periods: &[PeriodId],
    engine: Engine,
    max_rejected: u64,
    progress: impl Fn(Step) + Sync,
) -> Result<ebr_build::Outcome, ebr_build::BuildError> {
    let spec = BuildSpec {
        raw: raw.to_owned(),
        periods: periods.to_vec(),
        engine,
        generated_at: at(),
        max_rejected,
    };
    runtime().block_on(build(&spec, progress))
}

/// The snapshots of a build that must succeed.
fn snapshots(outcome: Result<ebr_build::Outcome, ebr_build::BuildError>) -> Vec<Snapshot> {
    outcome
        .unwrap_or_else(|e| panic!("build failed: {e}"))
        .built
        .into_iter()
        .map(|b| b.snapshot)
        .collect()
}

/// The raw exports of `spec` as CSV, and converted to Parquet by `ebr-build parquet`.
fn csv_and_parquet(spec: &SampleSpec) -> (tempfile::TempDir, tempfile::TempDir) {
    let csv = tempfile::tempdir().expect("a temp dir");
    sample::raw::write_raw(spec, csv.path()).expect("raw exports written");
    let parquet = tempfile::tempdir().expect("a temp dir");
    runtime()
        .block_on(ebr_build::parquet::convert(csv.path(), parquet.path()))
        .unwrap_or_else(|e| panic!("conversion failed: {e}"));
    (csv, parquet)
}

fn built(spec: &SampleSpec, engine: Engine) -> Vec<Snapshot> {
    built_from_edited(spec, engine, |_| {})
}

/// The build of the exports of `spec` once `edit` has changed them.
fn built_from_edited(
    spec: &SampleSpec,
    engine: Engine,
    edit: impl FnOnce(&std::path::Path),
) -> Vec<Snapshot> {
    let raw = tempfile::tempdir().expect("a temp dir");
    sample::raw::write_raw(spec, raw.path()).expect("raw exports written");
    edit(raw.path());
    snapshots(build_folder(
        raw.path(),
        &periods_of(spec),
        engine,
        0,
        |_| {},
    ))
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
    assert_same(&expected(&spec, at()), &built(&spec, Engine::default()));
}

/// Only the order of a path's steps counts: numbered 10, 20, 30 (or 11, 21, 31 in every other
/// customer journey, so equal paths come numbered both ways) instead of 1, 2, 3, the touchpoints
/// build the generator's paths.
#[test]
fn a_paths_steps_count_by_their_order_not_their_numbers() {
    let spec = SampleSpec {
        dealers: 5,
        months: 2,
        seed: 7,
        end: PeriodId::month(2026, 9).expect("a month"),
        format: Format::Json,
    };
    let renumber = |raw: &std::path::Path| {
        let path = raw.join("touchpoints.csv");
        let mut reader = csv::Reader::from_path(&path).expect("touchpoints.csv");
        let header = reader.headers().expect("a header").clone();
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
        let mut writer = csv::Writer::from_path(&path).expect("writable");
        writer.write_record(&header).expect("written");
        let mut renumbered = 0;
        for row in rows {
            let step: u64 = row[1].parse().expect("a step");
            let shift = u64::from(row[0].len() % 2 == 1);
            renumbered += shift;
            let step = (step * 10 + shift).to_string();
            writer
                .write_record([&row[0], step.as_str(), &row[2], &row[3]])
                .expect("written");
        }
        writer.flush().expect("flushed");
        assert!(renumbered > 0, "some journeys numbered each way");
    };
    assert_same(
        &expected(&spec, at()),
        &built_from_edited(&spec, Engine::default(), renumber),
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
        assert_same(&expected(&spec, at()), &built(&spec, Engine::default()));
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
    let (_csv, parquet) = csv_and_parquet(&spec);
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
    let built = snapshots(build_folder(
        parquet.path(),
        &periods_of(&spec),
        Engine::default(),
        0,
        |_| {},
    ));
    assert_same(&expected(&spec, at()), &built);
}

/// The build tells its caller of every raw row it checks and of every period it builds, in
/// order: what the progress bar shows.
#[test]
fn a_build_tells_of_every_row_checked_and_every_period_built() {
    let spec = SampleSpec {
        dealers: 3,
        months: 2,
        seed: 5,
        end: PeriodId::month(2026, 9).expect("a month"),
        format: Format::Json,
    };
    let raw = tempfile::tempdir().expect("a temp dir");
    sample::raw::write_raw(&spec, raw.path()).expect("raw exports written");
    let rows_in_files: u64 = std::fs::read_dir(raw.path())
        .expect("listable")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .map(|p| {
            std::fs::read_to_string(p)
                .expect("readable")
                .lines()
                .count() as u64
                - 1
        })
        .sum();
    let periods = periods_of(&spec);
    let steps = std::sync::Mutex::new(Vec::new());
    build_folder(raw.path(), &periods, Engine::default(), 0, |step| {
        steps.lock().expect("not poisoned").push(step)
    })
    .unwrap_or_else(|e| panic!("build failed: {e}"));
    let steps = steps.into_inner().expect("not poisoned");
    let checked: u64 = steps
        .iter()
        .map(|s| match s {
            Step::Checked { rows } => *rows,
            Step::Building(_) | Step::Built(_) => 0,
        })
        .sum();
    assert_eq!(checked, rows_in_files, "every row told once");
    let built: Vec<PeriodId> = steps
        .iter()
        .filter_map(|s| match s {
            Step::Built(p) => Some(*p),
            Step::Checked { .. } | Step::Building(_) => None,
        })
        .collect();
    assert_eq!(built, periods);
    let first_query = steps.iter().position(|s| matches!(s, Step::Building(_)));
    assert!(
        steps[first_query.expect("a period")..]
            .iter()
            .all(|s| !matches!(s, Step::Checked { .. })),
        "the rows are all checked before the first query"
    );
}

/// A warehouse's Parquet: `crm_leads`' times in microseconds and marked UTC build what the CSV
/// builds; a time with a fraction of a second is rejected at its row, and only that row.
#[test]
fn warehouse_times_in_microseconds_and_utc_are_read_as_seconds() {
    use datafusion::arrow::array::{Array, RecordBatch, TimestampMicrosecondArray};
    use datafusion::arrow::compute::cast;
    use datafusion::arrow::datatypes::{DataType, Field, Schema, TimeUnit};
    use datafusion::parquet::arrow::ArrowWriter;
    use datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use std::sync::Arc;

    let spec = SampleSpec {
        dealers: 4,
        months: 2,
        seed: 13,
        end: PeriodId::month(2026, 9).expect("a month"),
        format: Format::Json,
    };
    let (_csv, parquet) = csv_and_parquet(&spec);
    let leads = parquet.path().join("crm_leads.parquet");
    // Rewrites the leads' times as microseconds in UTC, adding `nudge` µs to the first row's
    // creation time.
    let rewrite = |nudge: i64| {
        let reader =
            ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&leads).expect("leads"))
                .and_then(|b| b.build())
                .expect("readable");
        let micros = DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()));
        let batches: Vec<RecordBatch> = reader.map(|b| b.expect("a batch")).collect();
        let schema = Arc::new(Schema::new(
            batches[0]
                .schema()
                .fields()
                .iter()
                .map(|f| match f.data_type() {
                    DataType::Timestamp(..) => Field::new(f.name(), micros.clone(), true),
                    _ => f.as_ref().clone(),
                })
                .collect::<Vec<_>>(),
        ));
        let mut writer = ArrowWriter::try_new(
            std::fs::File::create(&leads).expect("writable"),
            Arc::clone(&schema),
            None,
        )
        .expect("a writer");
        for (b, batch) in batches.iter().enumerate() {
            let columns = batch
                .columns()
                .iter()
                .zip(schema.fields())
                .map(|(column, field)| {
                    let column = cast(column, field.data_type()).expect("cast");
                    if b == 0 && field.name() == "created_at" && nudge != 0 {
                        let times = column
                            .as_any()
                            .downcast_ref::<TimestampMicrosecondArray>()
                            .expect("micros");
                        let nudged: TimestampMicrosecondArray = times
                            .iter()
                            .enumerate()
                            .map(|(i, t)| t.map(|t| if i == 0 { t + nudge } else { t }))
                            .collect();
                        Arc::new(nudged.with_timezone("UTC")) as Arc<dyn Array>
                    } else {
                        column
                    }
                })
                .collect();
            writer
                .write(&RecordBatch::try_new(Arc::clone(&schema), columns).expect("a batch"))
                .expect("written");
        }
        writer.close().expect("closed");
    };
    let periods = periods_of(&spec);
    let build_parquet = || build_folder(parquet.path(), &periods, Engine::default(), 0, |_| {});
    rewrite(0);
    assert_same(&expected(&spec, at()), &snapshots(build_parquet()));

    rewrite(500);
    match build_parquet() {
        Err(ebr_build::BuildError::Rejected {
            rejected, listed, ..
        }) => {
            assert_eq!(rejected, 1, "{listed}");
            assert!(
                listed.contains("row group 0, row 0: created_at: found `")
                    && listed.contains(".000500`, expected a UTC time YYYY-MM-DDTHH:MM:SS"),
                "{listed}"
            );
        }
        Err(e) => panic!("expected one rejected row, got {e}"),
        Ok(_) => panic!("a fraction of a second must be rejected"),
    }
}
