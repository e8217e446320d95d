//! Bad rows: each is reported with file, line, column and reason; past `--max-rejected` the
//! build fails (exit 1, nothing written); within it, the rows are left out and the snapshot is
//! the one built without them.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::process::Command;

use ebr::model::PeriodId;
use ebr::sample::{self, Format, SampleSpec};
use ebr_build::check::StagedFormat;
use ebr_build::{BuildError, BuildSpec, Engine, build};

fn spec() -> SampleSpec {
    SampleSpec {
        dealers: 4,
        months: 2,
        seed: 11,
        end: PeriodId::month(2026, 10).expect("a month"),
        format: Format::Json,
    }
}

fn period() -> PeriodId {
    PeriodId::month(2026, 10).expect("a month")
}

fn lines(path: &Path) -> usize {
    fs::read_to_string(path).expect("readable").lines().count()
}

/// Appends `rows` to a raw file and returns the line number of the first appended row.
fn append(dir: &Path, file: &str, rows: &[&str]) -> usize {
    let path = dir.join(file);
    let first = lines(&path) + 1;
    let mut f = OpenOptions::new()
        .append(true)
        .open(&path)
        .expect("appendable");
    for row in rows {
        writeln!(f, "{row}").expect("written");
    }
    first
}

fn run(raw: &Path, max_rejected: u64) -> Result<ebr_build::Outcome, BuildError> {
    let spec = BuildSpec {
        raw: raw.to_owned(),
        periods: vec![period()],
        engine: Engine::default(),
        generated_at: "2026-11-02T06:00:00Z".parse().expect("a time"),
        max_rejected,
    };
    tokio::runtime::Runtime::new()
        .expect("a runtime")
        .block_on(build(&spec, |_| {}))
}

/// What the build's checks counted in the file `name`.
fn counts(outcome: &ebr_build::Outcome, name: &str) -> ebr_build::check::FileCounts {
    outcome
        .checked
        .counts
        .iter()
        .find(|(n, _)| *n == name)
        .expect("counted")
        .1
        .clone()
}

/// A dealer of the sample, for rows that are valid but for one field.
fn a_dealer(raw: &Path) -> String {
    let text = fs::read_to_string(raw.join("dealers.csv")).expect("dealers");
    let second = text.lines().nth(1).expect("a dealer row");
    second.split(',').next().expect("an id").to_owned()
}

#[test]
fn every_bad_row_is_named_and_within_the_limit_they_are_left_out() {
    let clean = tempfile::tempdir().expect("temp");
    sample::raw::write_raw(&spec(), clean.path()).expect("raw written");
    let dirty = tempfile::tempdir().expect("temp");
    sample::raw::write_raw(&spec(), dirty.path()).expect("raw written");
    let dealer = a_dealer(dirty.path());
    let first = append(
        dirty.path(),
        "crm_leads.csv",
        &[
            // A time that is not a time.
            &format!("bad-1,{dealer},oem,,2026-10-32T09:00:00,,2026-10-05T10:00:00"),
            // A dealer nobody knows.
            "bad-2,no-such-dealer,oem,,2026-10-03T09:00:00,,2026-10-03T10:00:00",
            // A source that is not one.
            &format!("bad-3,{dealer},radio,,2026-10-03T09:00:00,,2026-10-03T10:00:00"),
            // An answer before the question.
            &format!(
                "bad-4,{dealer},oem,,2026-10-03T09:00:00,2026-10-03T08:00:00,2026-10-03T10:00:00"
            ),
        ],
    );
    let spend = append(
        dirty.path(),
        "marketing_spend.csv",
        &[&format!("bad-5,{dealer},2026-10-03,local,conquest,-12.50")],
    );

    let Err(BuildError::Rejected {
        rejected,
        max,
        listed,
    }) = run(dirty.path(), 0)
    else {
        panic!("the build must fail on rejected rows");
    };
    assert_eq!((rejected, max), (5, 0));
    let leads = dirty.path().join("crm_leads.csv");
    let money = dirty.path().join("marketing_spend.csv");
    let expected = [
        format!(
            "{}:{}: created_at: found `2026-10-32T09:00:00`, expected a UTC time YYYY-MM-DDTHH:MM:SS",
            leads.display(),
            first
        ),
        format!(
            "{}:{}: dealer_id: `no-such-dealer` is not in dealers",
            leads.display(),
            first + 1
        ),
        format!(
            "{}:{}: source: found `radio`, expected one of oem, dealer, partner",
            leads.display(),
            first + 2
        ),
        format!(
            "{}:{}: first_response_at: 2026-10-03 08:00:00 is before the lead was created (2026-10-03 09:00:00)",
            leads.display(),
            first + 3
        ),
        format!(
            "{}:{}: amount: found `-12.50`, expected an amount of at least 0",
            money.display(),
            spend
        ),
    ];
    for line in &expected {
        assert!(
            listed.contains(line.as_str()),
            "missing `{line}` in:\n{listed}"
        );
    }

    let tolerated = run(dirty.path(), 5).expect("five rejections are tolerated");
    let reference = run(clean.path(), 0).expect("the clean folder builds");
    assert_eq!(
        tolerated.built[0].snapshot, reference.built[0].snapshot,
        "rejected rows left out"
    );
    let dirty_leads = counts(&tolerated, "crm_leads");
    let clean_leads = counts(&reference, "crm_leads");
    assert_eq!(dirty_leads.read, clean_leads.read + 4);
    assert_eq!(dirty_leads.rejected, 4);
    assert_eq!(dirty_leads.used, clean_leads.used);
    assert_eq!(dirty_leads.outside, clean_leads.outside);
    assert!(
        clean_leads.outside > 0,
        "September's leads are outside October"
    );
}

#[test]
fn duplicate_ids_are_rejected_after_their_first_row() {
    // A few hundred leads, and tens of thousands of enrollments: the repeated id is found among
    // all of them, and only the later row is rejected.
    for (file, column, at_least) in [
        ("crm_leads.csv", "lead_id", 100),
        ("journey_enrollments.csv", "enrollment_id", 10_000),
    ] {
        let raw = tempfile::tempdir().expect("temp");
        sample::raw::write_raw(&spec(), raw.path()).expect("raw written");
        let path = raw.path().join(file);
        let text = fs::read_to_string(&path).expect("the export");
        assert!(text.lines().count() > at_least, "{file} is too short");
        let row = text.lines().nth(1).expect("a row").to_owned();
        let line = append(raw.path(), file, &[&row]);
        let id = row.split(',').next().expect("an id");
        let Err(BuildError::Rejected {
            rejected, listed, ..
        }) = run(raw.path(), 0)
        else {
            panic!("a duplicate in {file} must be rejected");
        };
        assert_eq!(rejected, 1, "{listed}");
        assert!(
            listed.contains(&format!(
                "{}:{line}: {column}: duplicate id `{id}`",
                path.display()
            )),
            "{listed}"
        );
    }
}

#[test]
fn the_command_fails_with_exit_1_writes_nothing_and_never_replaces_a_snapshot() {
    let raw = tempfile::tempdir().expect("temp");
    sample::raw::write_raw(&spec(), raw.path()).expect("raw written");
    let out = tempfile::tempdir().expect("temp");
    let ebr_build = env!("CARGO_BIN_EXE_ebr-build");
    let build = |extra: &[&str]| {
        Command::new(ebr_build)
            .arg("build")
            .arg(raw.path())
            .args(["--period", "2026-10", "--quiet", "--out"])
            .arg(out.path())
            .args(extra)
            .output()
            .expect("ebr-build runs")
    };
    let first = build(&[]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let written = out.path().join("2026-10.json");
    let original = fs::read(&written).expect("written");
    let loaded = ebr::load::load_file(&written).expect("a valid snapshot");
    assert_eq!(loaded.snapshot.period.id, period());

    let again = build(&[]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists (add --force"));
    assert_eq!(fs::read(&written).expect("kept"), original, "not replaced");

    append(
        raw.path(),
        "csat_responses.csv",
        &["bad,x,2026-10-03T09:00:00,101"],
    );
    let bad = build(&["--force"]);
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("csat_responses.csv:"), "{stderr}");
    assert_eq!(
        fs::read(&written).expect("kept"),
        original,
        "a failed build writes nothing"
    );
    let names: Vec<_> = fs::read_dir(out.path())
        .expect("listable")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(
        names.len(),
        1,
        "only snapshots in the output folder: {names:?}"
    );
}

/// The exports of `csv` converted to Parquet by `ebr-build parquet`.
fn to_parquet(csv: &Path) -> tempfile::TempDir {
    let parquet = tempfile::tempdir().expect("temp");
    tokio::runtime::Runtime::new()
        .expect("a runtime")
        .block_on(ebr_build::parquet::convert(csv, parquet.path()))
        .expect("converted");
    parquet
}

#[test]
fn parquet_rows_meet_the_csv_rules_and_are_named_by_row_group_and_row() {
    let clean = tempfile::tempdir().expect("temp");
    sample::raw::write_raw(&spec(), clean.path()).expect("raw written");
    let dirty = tempfile::tempdir().expect("temp");
    sample::raw::write_raw(&spec(), dirty.path()).expect("raw written");
    let text = fs::read_to_string(dirty.path().join("crm_leads.csv")).expect("leads");
    let first_lead = text.lines().nth(1).expect("a lead").to_owned();
    let id = first_lead.split(',').next().expect("an id").to_owned();
    // Parquet counts rows from 0 and has no header: the appended rows follow the existing ones.
    let existing = text.lines().count() - 1;
    append(
        dirty.path(),
        "crm_leads.csv",
        &[
            &first_lead,
            "bad-2,no-such-dealer,oem,,2026-10-03T09:00:00,,2026-10-03T10:00:00",
        ],
    );
    let clean = to_parquet(clean.path());
    let dirty = to_parquet(dirty.path());

    let Err(BuildError::Rejected {
        rejected, listed, ..
    }) = run(dirty.path(), 0)
    else {
        panic!("rejected Parquet rows must fail the build");
    };
    assert_eq!(rejected, 2, "{listed}");
    let leads = dirty.path().join("crm_leads.parquet");
    for expected in [
        format!(
            "{}: row group 0, row {existing}: lead_id: duplicate id `{id}`",
            leads.display()
        ),
        format!(
            "{}: row group 0, row {}: dealer_id: `no-such-dealer` is not in dealers",
            leads.display(),
            existing + 1
        ),
    ] {
        assert!(
            listed.contains(&expected),
            "missing `{expected}` in:\n{listed}"
        );
    }

    let tolerated = run(dirty.path(), 2).expect("two rejections are tolerated");
    let reference = run(clean.path(), 0).expect("the clean folder builds");
    assert_eq!(
        tolerated.built[0].snapshot, reference.built[0].snapshot,
        "rejected Parquet rows left out"
    );
    // A clean Parquet file of the catalogue's types is read where it is; one with rejected
    // rows has its accepted rows written again.
    let clean_leads = &reference.checked.staged["crm_leads"];
    assert_eq!(clean_leads.format, StagedFormat::Parquet);
    assert_eq!(clean_leads.path, clean.path().join("crm_leads.parquet"));
    assert_eq!(
        tolerated.checked.staged["crm_leads"].format,
        StagedFormat::ArrowIpc
    );
    let (dirty_counts, clean_counts) = (
        counts(&tolerated, "crm_leads"),
        counts(&reference, "crm_leads"),
    );
    assert_eq!(
        clean_counts.read as usize, existing,
        "every Parquet row is read"
    );
    assert_eq!(dirty_counts.read, clean_counts.read + 2);
    assert_eq!(dirty_counts.rejected, 2);
    assert_eq!(dirty_counts.used, clean_counts.used);
    assert!(
        clean_counts.outside > 0,
        "September's leads are outside October"
    );
}

/// A Parquet column of the catalogue's own type is read as it is, not as text; its values out of
/// range are still rejected, with the reason a CSV row gets.
#[test]
fn typed_parquet_values_out_of_range_get_the_csv_reasons() {
    let dirty = tempfile::tempdir().expect("temp");
    sample::raw::write_raw(&spec(), dirty.path()).expect("raw written");
    let dealer = a_dealer(dirty.path());
    let scores = lines(&dirty.path().join("csat_responses.csv")) - 1;
    append(
        dirty.path(),
        "csat_responses.csv",
        &[
            &format!("bad-1,{dealer},2026-10-03T09:00:00,-1"),
            &format!("bad-2,{dealer},2026-10-03T09:00:00,101"),
        ],
    );
    let orders = lines(&dirty.path().join("dms_repair_orders.csv")) - 1;
    append(
        dirty.path(),
        "dms_repair_orders.csv",
        &[&format!("bad-3,{dealer},2026-10-03T09:00:00,true,-5.25")],
    );
    let parquet = to_parquet(dirty.path());
    let Err(BuildError::Rejected { listed, .. }) = run(parquet.path(), 0) else {
        panic!("the rows out of range must be rejected");
    };
    let file = |name: &str| parquet.path().join(name).display().to_string();
    for expected in [
        format!(
            "{}: row group 0, row {scores}: score: found `-1`, expected a whole number of at least 0",
            file("csat_responses.parquet")
        ),
        format!(
            "{}: row group 0, row {}: score: found 101, expected 0 to 100",
            file("csat_responses.parquet"),
            scores + 1
        ),
        format!(
            "{}: row group 0, row {orders}: gross: found `-5.2500`, expected an amount of at least 0",
            file("dms_repair_orders.parquet")
        ),
    ] {
        assert!(
            listed.contains(&expected),
            "missing `{expected}` in:\n{listed}"
        );
    }
}
