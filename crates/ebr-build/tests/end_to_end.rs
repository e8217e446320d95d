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
    run(&[
        "build".as_ref(),
        raw.as_os_str(),
        "--period".as_ref(),
        "2026-09".as_ref(),
        "--period".as_ref(),
        "2026-Q3".as_ref(),
        "--quiet".as_ref(),
        "--out".as_ref(),
        snapshots.as_os_str(),
    ]);
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

#[test]
fn sample_raw_then_build_then_check_through_the_binaries() {
    sample_build_check(false);
}

#[test]
fn the_same_from_parquet_exports() {
    sample_build_check(true);
}
