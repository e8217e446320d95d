//! `ebr present --rehearse`: fingerprints of each item's figures written beside the agenda;
//! presenting later marks exactly the items whose figures changed since (here: one number of
//! the maturity matrix, which only the Maturity item shows), in the agenda listing and in the
//! presenter's header on a pseudo-terminal.

mod pty_harness;
mod run;

use std::path::{Path, PathBuf};
use std::time::Duration;

use pty_harness::Session;
use run::{ebr, ok};

const MARK: &str = "figures changed since rehearsal";

/// A copy of `data/` with the monthly review's agenda in it (so the folder scan meets the
/// rehearsal file too); returns the folder and the agenda's path.
fn copy_of_data(dir: &Path) -> (PathBuf, PathBuf) {
    let data = dir.join("data");
    std::fs::create_dir(&data).unwrap_or_else(|e| panic!("{e}"));
    for entry in std::fs::read_dir("data").unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        if path.is_file() {
            let name = path.file_name().unwrap_or_default();
            std::fs::copy(&path, data.join(name)).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let agenda = data.join("monthly-review.agenda.toml");
    (data, agenda)
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap_or_else(|| panic!("path"))
}

/// The listing's item lines (`ebr present` without a terminal lists the agenda).
fn listed(agenda: &Path, data: &Path) -> Vec<String> {
    ok(&ebr(&["present", s(agenda), s(data)]))
        .lines()
        .skip(1)
        .map(str::to_owned)
        .collect()
}

/// Raises the target of the ecosystem's Attribution maturity stage in October 2026 from 2
/// to 3: one number, shown on the Maturity tab only.
fn change_one_number(data: &Path) {
    let file = data.join("2026-10.json");
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{e}"));
    let before = "\"dimension\": \"Attribution\",\n      \"current\": 1,\n      \"target\": 2,";
    assert_eq!(text.matches(before).count(), 1, "the sample changed");
    let after = before.replace("\"target\": 2", "\"target\": 3");
    std::fs::write(&file, text.replace(before, &after)).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn an_item_whose_figures_changed_since_rehearsal_is_marked_and_no_other() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (data, agenda) = copy_of_data(dir.path());
    let rehearsed = ebr(&["present", "--rehearse", s(&agenda), s(&data)]);
    ok(&rehearsed);
    let file = data.join("monthly-review.rehearsal.toml");
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(text.matches("[[items]]").count(), 9, "{text}");
    assert_eq!(text.matches("figures = \"").count(), 9, "{text}");
    // Nothing changed yet: no item is marked.
    let lines = listed(&agenda, &data);
    assert_eq!(lines.len(), 9);
    assert!(lines.iter().all(|l| !l.contains(MARK)), "{lines:#?}");
    change_one_number(&data);
    let lines = listed(&agenda, &data);
    for (n, line) in lines.iter().enumerate() {
        assert_eq!(
            line.ends_with(&format!(" · {MARK}")),
            n == 8,
            "item {}: {line}",
            n + 1
        );
    }
    assert!(lines[8].starts_with(" 9. Maturity"));
    // On stage: the header of item 9 says so, the header of item 8 does not.
    let mut p = Session::spawn(&["present", s(&agenda), s(&data)], 110, 30, &[]);
    p.wait_text("1/9 · Headline");
    p.send(b"8\r");
    p.wait_text("8/9 · Attribution");
    p.settle(Duration::from_millis(300));
    assert!(!p.contents().contains(MARK), "{}", p.contents());
    p.send(b"\x1b[6~");
    p.wait_text("9/9 · Maturity");
    p.wait_text(&format!("({MARK})"));
    p.send(b"q");
    let (code, _) = p.wait_exit(Duration::from_secs(10));
    assert_eq!(code, 0);
}

#[test]
fn a_broken_rehearsal_file_is_reported_with_its_line_before_presenting() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (data, agenda) = copy_of_data(dir.path());
    std::fs::write(
        data.join("monthly-review.rehearsal.toml"),
        "agenda = \"x\"\nrehearsed_at = \"now\"\nitems = 3\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let out = ebr(&["present", s(&agenda), s(&data)]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("monthly-review.rehearsal.toml:3:9: error"),
        "{stderr}"
    );
    assert!(stderr.contains("--rehearse"), "{stderr}");
}
