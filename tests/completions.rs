//! `ebr completions SHELL` and `ebr man`, run as a user would: the completion script is loaded
//! into a real bash and asked to complete, the man page carries the sections `man` shows and
//! every subcommand. The lists of subcommands below are written out by hand, so a subcommand
//! added without reaching the completion or the page makes these tests fail.

use std::process::{Command, Output};

/// Every subcommand a user can type, as the README lists them.
const SUBCOMMANDS: [&str; 14] = [
    "view",
    "present",
    "handout",
    "notes",
    "render",
    "export",
    "check",
    "sample",
    "schema",
    "build",
    "attribution",
    "config",
    "completions",
    "man",
];

fn ebr(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ebr"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run ebr: {e}"))
}

fn stdout_of(args: &[&str]) -> String {
    let out = ebr(args);
    assert!(
        out.status.success(),
        "ebr {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap_or_else(|e| panic!("{e}"))
}

/// What bash offers after `words`, the last of which is being completed: the script is sourced
/// into a fresh bash and its function called the way bash's `complete -F` calls it.
fn bash_completes(words: &[&str]) -> Vec<String> {
    let script = stdout_of(&["completions", "bash"]);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("ebr.bash");
    std::fs::write(&path, script).unwrap_or_else(|e| panic!("{e}"));
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let cword = words.len() - 1;
    let current = words[cword];
    let previous = words[cword.saturating_sub(1)];
    let probe = format!(
        "source '{}'; COMP_WORDS=({}); COMP_CWORD={cword}; _ebr ebr '{current}' '{previous}'; \
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        path.display(),
        quoted.join(" "),
    );
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &probe])
        .output()
        .unwrap_or_else(|e| panic!("cannot run bash: {e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut offered: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    offered.sort();
    offered
}

#[test]
fn bash_completes_every_subcommand_and_their_flags_and_values() {
    let all = bash_completes(&["ebr", ""]);
    for sub in SUBCOMMANDS {
        assert!(all.iter().any(|w| w == sub), "{sub} not offered: {all:?}");
    }
    assert_eq!(bash_completes(&["ebr", "ex"]), ["export"]);
    assert_eq!(
        bash_completes(&["ebr", "view", "--co"]),
        ["--color", "--compare"]
    );
    assert_eq!(
        bash_completes(&["ebr", "view", "--color", ""]),
        ["always", "auto", "never"]
    );
    assert_eq!(
        bash_completes(&["ebr", "completions", "z"]),
        ["zsh"],
        "the shells themselves complete"
    );
}

#[test]
fn zsh_fish_elvish_and_powershell_scripts_name_every_subcommand() {
    for (shell, marker) in [
        ("zsh", "#compdef ebr"),
        ("fish", "complete -c ebr"),
        ("elvish", "edit:completion:arg-completer[ebr]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let script = stdout_of(&["completions", shell]);
        assert!(script.contains(marker), "{shell}: no {marker:?}");
        for sub in SUBCOMMANDS {
            assert!(script.contains(sub), "{shell}: {sub} missing");
        }
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error_naming_the_choices() {
    let out = ebr(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("tcsh"), "{err}");
    assert!(err.contains("bash") && err.contains("zsh"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn the_man_page_has_name_synopsis_and_every_subcommand() {
    let page = stdout_of(&["man"]);
    assert!(page.contains(".TH ebr 1"), "a section-1 page titled ebr");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH DESCRIPTION",
        ".SH SUBCOMMANDS",
    ] {
        assert!(page.contains(section), "{section} missing");
    }
    let name = page
        .split(".SH NAME\n")
        .nth(1)
        .and_then(|rest| rest.lines().next())
        .unwrap_or_default();
    assert!(
        name.starts_with("ebr \\- "),
        "NAME is `ebr - what it is`: {name}"
    );
    for sub in SUBCOMMANDS {
        // roff escapes the dash: `ebr\-view(1)` refers to the subcommand's own page.
        assert!(page.contains(&format!("ebr\\-{sub}(1)")), "{sub} missing");
    }
    assert!(page.contains(env!("CARGO_PKG_VERSION")), "the version");
}

#[test]
fn man_out_dir_writes_one_page_per_subcommand() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = ebr(&["man", "--out-dir", &dir.path().display().to_string()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty(), "pages go to files only");
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|entry| {
            entry
                .unwrap_or_else(|e| panic!("{e}"))
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    let mut expected: Vec<String> = SUBCOMMANDS.iter().map(|s| format!("ebr-{s}.1")).collect();
    expected.push("ebr.1".to_owned());
    expected.sort();
    assert_eq!(names, expected);
    let view =
        std::fs::read_to_string(dir.path().join("ebr-view.1")).unwrap_or_else(|e| panic!("{e}"));
    for flag in [
        "\\-\\-period",
        "\\-\\-compare",
        "\\-\\-split",
        "\\-\\-color",
        "\\-\\-ascii",
    ] {
        assert!(view.contains(flag), "ebr view's page lacks {flag}");
    }
}
