//! The README's path through the real binaries: `ebr sample --raw` (CSV, and Parquet converted
//! by the engine), `ebr build` (which runs `ebr-build` from beside `ebr`), then `ebr check` of
//! what was built. `cargo test --workspace` builds both binaries into the same folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `ebr`, built beside `ebr-build` by the workspace's test build.
fn ebr() -> PathBuf {
    let engine = Path::new(env!("CARGO_BIN_EXE_ebr-build"));
    let ebr = engine.with_file_name(format!("ebr{}", std::env::consts::EXE_SUFFIX));
    assert!(
        ebr.is_file(),
        "{} not built: run the workspace's tests (cargo test --workspace)",
        ebr.display()
    );
    ebr
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    let out = Command::new(ebr()).args(args).output().expect("ebr runs");
    assert!(
        out.status.success(),
        "ebr {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn sample_build_check(parquet: bool) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let raw = dir.path().join("raw");
    let snapshots = dir.path().join("snapshots");
    let mut sample: Vec<&std::ffi::OsStr> = [
        "sample",
        "--raw",
        "--dealers",
        "5",
        "--months",
        "3",
        "--end",
        "2026-09",
    ]
    .iter()
    .map(|a| a.as_ref())
    .collect();
    if parquet {
        sample.push("--parquet".as_ref());
    }
    sample.extend(["--out".as_ref(), raw.as_os_str()]);
    run(&sample);
    let extension = if parquet { "parquet" } else { "csv" };
    assert!(raw.join(format!("crm_leads.{extension}")).is_file());
    let build_report = dir.path().join("report.txt");
    run(&[
        "build".as_ref(),
        raw.as_os_str(),
        "--period".as_ref(),
        "2026-09".as_ref(),
        "--period".as_ref(),
        "2026-Q3".as_ref(),
        "--quiet".as_ref(),
        "--timings".as_ref(),
        "--report".as_ref(),
        build_report.as_os_str(),
        "--out".as_ref(),
        snapshots.as_os_str(),
    ]);
    let build_report = std::fs::read_to_string(&build_report).expect("the build report");
    assert_timed(&build_report, &raw);
    let mut written: Vec<String> = std::fs::read_dir(&snapshots)
        .expect("the output folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    written.sort();
    assert_eq!(written, ["2026-09.json", "2026-Q3.json"]);
    let check = run(&["check".as_ref(), snapshots.as_os_str()]);
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(
        report.contains("2026-09") && report.contains("2026-Q3"),
        "{report}"
    );
}

/// The `(name, seconds)` lines under a heading of a `--timings` report, in the report's order.
fn timed_under<'a>(report: &'a str, heading: &str) -> Vec<(&'a str, f64)> {
    report
        .lines()
        .skip_while(|line| !line.starts_with(heading))
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .map(|line| {
            let mut words = line.split_whitespace();
            let name = words.next().unwrap_or("");
            let seconds: f64 = words.next().and_then(|s| s.parse().ok()).expect("seconds");
            assert!(seconds >= 0.0 && words.next() == Some("s"), "{line}");
            (name, seconds)
        })
        .collect()
}

/// A `--timings` report times each raw file's checks once, and each query of `sql/` once per
/// period (the quarter's dealers without leads only for the quarter), slowest first.
fn assert_timed(report: &str, raw: &Path) {
    let sorted = |mut names: Vec<String>| {
        names.sort();
        names
    };
    let stems = |dir: &Path, extension: &str| -> Vec<String> {
        let names = std::fs::read_dir(dir)
            .expect("a folder")
            .map(|e| e.expect("an entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == extension))
            .map(|p| {
                p.file_name()
                    .expect("a name")
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        sorted(names)
    };
    let files: Vec<String> = stems(raw, "csv")
        .into_iter()
        .chain(stems(raw, "parquet"))
        .map(|f| f.split('.').next().unwrap_or("").to_owned())
        .collect();
    let listed = |heading: &str| {
        sorted(
            timed_under(report, heading)
                .into_iter()
                .map(|(name, _)| name.to_owned())
                .collect(),
        )
    };
    assert_eq!(listed("checks of each file"), sorted(files), "{report}");
    let queries = stems(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sql"), "sql");
    let month: Vec<String> = queries
        .iter()
        .filter(|q| *q != "without_leads.sql")
        .cloned()
        .collect();
    assert_eq!(listed("queries of 2026-09"), month, "{report}");
    assert_eq!(listed("queries of 2026-Q3"), queries, "{report}");
    let seconds: Vec<f64> = timed_under(report, "queries of 2026-Q3")
        .into_iter()
        .map(|(_, seconds)| seconds)
        .collect();
    assert!(seconds.windows(2).all(|w| w[0] >= w[1]), "{report}");
}

#[test]
fn sample_raw_then_build_then_check_through_the_binaries() {
    sample_build_check(false);
}

#[test]
fn the_same_from_parquet_exports() {
    sample_build_check(true);
}
