//! Valid but extreme, and hostile, files through every command a user runs: each ends, with a
//! result or a clear error. Fixtures in `tests/fixtures/hostile/`.

mod hostile_run;

use hostile_run::{ebr, watched};

const CREDIT_28_DIGITS: &str = "tests/fixtures/hostile/credit_28_digits.toml";

#[test]
fn a_path_value_of_28_digits_draws_every_tab() {
    let check = ebr(&["check", CREDIT_28_DIGITS], &[]);
    assert_eq!(check.code, Some(0), "{}", check.stdout());
    for (tab, shown) in [
        ("overview", "Aurora Motors North America"),
        // The ledger of minimal.toml: sourced $900K (OEM) + $81K (AutoTrader) of $2,721K booked.
        ("attribution", "Revenue $981K + $1,740K = $2,721K ✓"),
    ] {
        let out = ebr(
            &["render", CREDIT_28_DIGITS, "--tab", tab, "--size", "120x36"],
            &[],
        );
        assert_eq!(out.code, Some(0), "{tab}: {}", out.stderr());
        assert!(out.stdout().contains(shown), "{tab}: {}", out.stdout());
    }
}

#[test]
fn attribution_of_the_largest_decimal_ends_with_the_total_credited() {
    let out = ebr(
        &[
            "attribution",
            "tests/fixtures/hostile/max_value.csv",
            "--format",
            "csv",
        ],
        &[],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr());
    // The total cannot take cents (it has all 28 digits already): every model credits it whole.
    for model in ["first", "last", "linear", "position", "markov"] {
        let total = format!("{model},total,,2.00,79228162514264337593543950335\n");
        assert!(out.stdout().contains(&total), "{model}: {}", out.stdout());
    }
}

#[test]
fn attribution_of_35_decimals_ends_with_the_total_credited() {
    let out = ebr(
        &[
            "attribution",
            "tests/fixtures/hostile/35_decimals.csv",
            "--format",
            "csv",
        ],
        &[],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr());
    // 1 + 1 with 35 decimals is rounded to the 28 a decimal holds when read.
    let total = "first,total,,3.00,2.0000000000000000000000000000\n";
    assert!(out.stdout().contains(total), "{}", out.stdout());
}

const NAMES: &str = "tests/fixtures/hostile/names.toml";

/// The controls the fixtures hide in names: C0 (a line break is ebr's own), DEL, C1, and the
/// bidi marks, embeddings, overrides and isolates.
fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Fails with the place of the first control byte from data in `bytes`.
fn assert_clean(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| is_forbidden(c)) {
        let from = text[..at]
            .char_indices()
            .rev()
            .nth(40)
            .map_or(0, |(i, _)| i);
        panic!(
            "{what}: U+{:04X} written after {:?}",
            u32::from(c),
            &text[from..at]
        );
    }
}

#[test]
fn check_shows_controls_in_names_and_field_names_instead_of_obeying_them() {
    let out = ebr(&["check", NAMES], &[]);
    assert_eq!(out.code, Some(0), "{}", out.stdout());
    assert_clean(&out.stdout, "check, summary");
    // The name is still there, its controls spelt out.
    assert!(out.stdout().contains(
        "Aurora Motors North America\\u{1b}[2J\\u{1b}]52;c;aGk=\\u{7}\\u{1b}]8;;http://x\\u{1b}\\link\\u{9b}31m\\u{85}\\u{202e}evil\\u{2066}\\u{8}\\u{7f}"
    ), "{}", out.stdout());
    let out = ebr(&["check", "tests/fixtures/hostile/unknown_field.toml"], &[]);
    assert_eq!(out.code, Some(1));
    assert_clean(&out.stdout, "check, unknown field");
    assert!(
        out.stdout().contains("unknown field `leadz\\u{1b}[2J"),
        "{}",
        out.stdout()
    );
}

#[test]
fn the_plain_report_shows_controls_in_names_instead_of_obeying_them() {
    for env in [[("TERM", "xterm-256color")], [("TERM", "dumb")]] {
        let out = ebr(&["view", NAMES, "--compare", "none"], &env);
        assert_eq!(out.code, Some(0), "{}", out.stderr());
        assert_clean(&out.stdout, "view | cat");
        assert_clean(&out.stderr, "view | cat, stderr");
        assert!(
            out.stdout().contains("Pacific Auto Group\\u{1b}[2J"),
            "{}",
            out.stdout()
        );
    }
}

#[test]
fn rendered_text_holds_no_control_from_names() {
    for tab in ["overview", "dealers", "journeys", "attribution"] {
        let out = ebr(&["render", NAMES, "--tab", tab, "--format", "txt"], &[]);
        assert_eq!(out.code, Some(0), "{}", out.stderr());
        assert_clean(&out.stdout, tab);
    }
}

#[test]
fn file_names_with_controls_are_shown_in_check_and_loader_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = dir.path().join("x\u{1b}]52;c;aGk=\u{7}\u{202e}.toml");
    std::fs::copy("tests/fixtures/warnings/suspicious.toml", &hostile).unwrap();
    let path = hostile.to_str().unwrap();
    let check = ebr(&["check", path], &[]);
    assert_clean(&check.stdout, "check");
    assert_clean(&check.stderr, "check, stderr");
    assert!(
        check
            .stdout()
            .contains("x\\u{1b}]52;c;aGk=\\u{7}\\u{202e}.toml"),
        "{}",
        check.stdout()
    );
    let view = ebr(&["view", path], &[("TERM", "dumb")]);
    assert_clean(&view.stdout, "view");
    assert_clean(&view.stderr, "view, loader warnings");
    assert!(view.stderr().contains("x\\u{1b}]52"), "{}", view.stderr());
    let missing = dir.path().join("gone\u{1b}[2J.toml");
    let out = ebr(&["check", missing.to_str().unwrap()], &[]);
    assert_eq!(out.code, Some(2));
    assert_clean(&out.stderr, "check, missing file");
}

#[test]
fn attribution_shows_controls_in_channel_names_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("paths\u{9b}2J.csv");
    let channel = "Search\u{1b}[2J\u{1b}]8;;http://x\u{1b}\\\u{202e}";
    std::fs::write(
        &file,
        format!(
            "path;total_conversions;total_conversion_value;total_null\n\
             \"{channel} > Email\";2;100;1\nEmail;1;50;0\n"
        ),
    )
    .unwrap();
    let path = file.to_str().unwrap();
    for format in ["table", "csv", "json"] {
        let out = ebr(&["attribution", path, "--format", format], &[]);
        assert_eq!(out.code, Some(0), "{format}: {}", out.stderr());
        assert_clean(&out.stdout, format);
        assert_clean(&out.stderr, format);
    }
    // JSON keeps the very name, escaped by JSON's own rules.
    let out = ebr(&["attribution", path, "--format", "json"], &[]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        json.to_string()
            .contains(&serde_json::to_string(channel).unwrap()[1..20])
    );
    let table = ebr(&["attribution", path, "--model", "first"], &[]).stdout();
    assert!(
        table.contains("Search\\u{1b}[2J\\u{1b}]8;;http://x\\u{1b}\\\\u{202e}"),
        "{table}"
    );
    // A row error quotes the bad value: shown, not obeyed.
    std::fs::write(
        &file,
        "path;total_conversions;total_conversion_value;total_null\nA;x\u{1b}[2J;1;0\n",
    )
    .unwrap();
    let out = ebr(&["attribution", path], &[]);
    assert_eq!(out.code, Some(1));
    assert_clean(&out.stderr, "row error");
}

#[test]
fn a_render_size_beyond_what_is_drawn_is_a_usage_error() {
    let out = ebr(
        &["render", "--tab", "overview", "--size", "65535x65535"],
        &[],
    );
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr()
            .contains("`65535x65535` is outside the sizes ebr draws: 1 to 1000 columns and rows"),
        "{}",
        out.stderr()
    );
    let out = ebr(
        &[
            "render", "--tab", "overview", "--size", "1000x2", "--format", "txt",
        ],
        &[],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr());
}

/// A scratch folder for files the repository cannot hold (pipes, links, locked folders).
fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temp folder")
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_without_waiting_for_a_writer() {
    let dir = scratch();
    let fifo = dir.path().join("f.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let fifo = fifo.to_str().unwrap();
    let out = ebr(&["check", fifo], &[]);
    assert_eq!(out.code, Some(1), "{}{}", out.stdout(), out.stderr());
    let text = out.stdout() + &out.stderr();
    assert!(
        text.contains(&format!(
            "{fifo}: error: is a named pipe, expected a snapshot file"
        )),
        "{text}"
    );
    // An agenda that is a pipe: refused before the data is loaded or a terminal touched.
    let agenda = dir.path().join("talk.agenda.toml");
    std::process::Command::new("mkfifo")
        .arg(&agenda)
        .status()
        .expect("mkfifo runs");
    let out = ebr(&["present", agenda.to_str().unwrap(), "data"], &[]);
    assert_eq!(out.code, Some(1), "{}{}", out.stdout(), out.stderr());
    assert!(
        out.stderr()
            .contains("is a named pipe, expected an agenda file"),
        "{}",
        out.stderr()
    );
}

#[cfg(unix)]
#[test]
fn a_link_to_a_device_is_refused_before_reading() {
    let dir = scratch();
    let zero = dir.path().join("zero.json");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let out = ebr(&["check", zero.to_str().unwrap()], &[]);
    assert_eq!(out.code, Some(1), "{}{}", out.stdout(), out.stderr());
    assert!(
        out.stdout()
            .contains("is a device, expected a snapshot file"),
        "{}",
        out.stdout()
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_named_as_such_not_as_missing() {
    let dir = scratch();
    let looped = dir.path().join("loop.json");
    std::os::unix::fs::symlink(&looped, &looped).unwrap();
    let out = ebr(&["check", looped.to_str().unwrap()], &[]);
    assert_eq!(out.code, Some(2), "{}{}", out.stdout(), out.stderr());
    let text = out.stderr();
    assert!(!text.contains("no such file"), "{text}");
    assert!(text.contains("cannot be read"), "{text}");
    assert!(text.contains("symbolic links"), "{text}");
}

/// A folder its reader may not list is an error naming it, not a silently smaller data set.
/// Run as an unprivileged user (root reads every folder), from a copy of the binary that user
/// may execute.
#[cfg(unix)]
#[test]
fn an_unreadable_subfolder_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch();
    let root = dir.path();
    let open = std::fs::Permissions::from_mode(0o755);
    std::fs::set_permissions(root, open.clone()).unwrap();
    let bin = root.join("ebr");
    std::fs::copy(env!("CARGO_BIN_EXE_ebr"), &bin).unwrap();
    std::fs::set_permissions(&bin, open.clone()).unwrap();
    let data = root.join("data");
    let hidden = data.join("2026-q3");
    std::fs::create_dir_all(&hidden).unwrap();
    std::fs::set_permissions(&data, open.clone()).unwrap();
    let minimal = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/valid/minimal.toml"
    );
    std::fs::copy(minimal, data.join("minimal.toml")).unwrap();
    std::fs::set_permissions(
        data.join("minimal.toml"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    std::fs::copy(minimal, hidden.join("minimal.toml")).unwrap();
    std::fs::set_permissions(&hidden, std::fs::Permissions::from_mode(0o000)).unwrap();

    let uid = std::process::Command::new("id")
        .arg("-u")
        .output()
        .expect("id runs");
    let as_root = String::from_utf8_lossy(&uid.stdout).trim() == "0";
    let mut command = if as_root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        std::process::Command::new(&bin)
    };
    command.arg("check").arg(&data).current_dir(root);
    let out = watched(command);
    std::fs::set_permissions(&hidden, open).unwrap();
    assert_eq!(out.code, Some(1), "{}{}", out.stdout(), out.stderr());
    let expected = format!("{}: error: cannot read this folder:", hidden.display());
    assert!(
        out.stdout().contains(&expected),
        "{}{}",
        out.stdout(),
        out.stderr()
    );
}
