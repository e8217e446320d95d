//! The configuration through the real binary, with a temporary XDG_CONFIG_HOME: where the file
//! is looked for, which layer wins for each key (file < EBR_* < flag), what a dashboard does
//! with it, and a bad file or variable as a located error with exit 2.

use std::path::Path;
use std::process::{Command, Output};

const FIXTURE: &str = "tests/fixtures/valid/minimal.toml";

/// Runs ebr with only the variables given (plus PATH and HOME), so the caller's environment
/// cannot leak a setting in.
fn ebr(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ebr"));
    cmd.args(args).env_clear();
    for key in ["PATH", "HOME"] {
        if let Some(value) = std::env::var_os(key) {
            cmd.env(key, value);
        }
    }
    cmd.envs(env.iter().copied())
        .output()
        .unwrap_or_else(|e| panic!("cannot run ebr: {e}"))
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `ebr config`'s table as (key, value, set by).
fn settings(out: &Output) -> Vec<(String, String, String)> {
    stdout(out)
        .lines()
        .skip_while(|l| !l.starts_with("key "))
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line
                .split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            assert_eq!(cells.len(), 3, "{line}");
            (
                cells[0].to_owned(),
                cells[1].to_owned(),
                cells[2].to_owned(),
            )
        })
        .collect()
}

fn setting(out: &Output, key: &str) -> (String, String) {
    settings(out)
        .into_iter()
        .find(|(k, _, _)| k == key)
        .map(|(_, v, by)| (v, by))
        .unwrap_or_else(|| panic!("no {key}"))
}

fn write_config(xdg: &Path, text: &str) -> std::path::PathBuf {
    let path = xdg.join("ebr").join("config.toml");
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn without_a_file_the_path_is_still_printed_and_every_value_is_a_default() {
    let xdg = tempfile::tempdir().expect("a temp dir");
    let home = xdg.path().display().to_string();
    let out = ebr(&["config"], &[("XDG_CONFIG_HOME", &home)]);
    let expected = xdg.path().join("ebr").join("config.toml");
    assert!(
        stdout(&out).starts_with(&format!(
            "config file: {} (does not exist: defaults apply)\n",
            expected.display()
        )),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        settings(&out),
        [
            ("color", "auto"),
            ("ascii", "false"),
            ("data", "(the sample built into ebr)"),
            ("compare", "previous"),
            ("model", "markov"),
            ("half_life_days", "7"),
            ("watch", "auto"),
            ("clipboard.mode", "auto"),
            ("clipboard.cap", "100000"),
            ("keys", "(built-in only)"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned(), "default".to_owned()))
    );
    let path = ebr(&["config", "--path"], &[("XDG_CONFIG_HOME", &home)]);
    assert_eq!(stdout(&path), format!("{}\n", expected.display()));
    // EBR_CONFIG names another file, read instead.
    let other = xdg.path().join("elsewhere.toml");
    std::fs::write(&other, "model = \"linear\"\n").expect("write");
    let other_text = other.display().to_string();
    let out = ebr(
        &["config"],
        &[("XDG_CONFIG_HOME", &home), ("EBR_CONFIG", &other_text)],
    );
    assert!(stdout(&out).starts_with(&format!("config file: {other_text} (read)")));
    assert_eq!(
        setting(&out, "model"),
        ("linear".into(), "config file".into())
    );
}

/// A key, its value in the file, a variable and its value, flag arguments and their value.
type Case = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
);

#[test]
fn each_key_is_set_by_the_file_then_the_environment_then_a_flag() {
    let xdg = tempfile::tempdir().expect("a temp dir");
    let home = xdg.path().display().to_string();
    write_config(
        xdg.path(),
        "color = \"never\"\nascii = false\ndata = [\"/srv/a\"]\ncompare = \"none\"\nmodel = \"first\"\n\
         half_life_days = 3.5\nwatch = \"poll\"\n\n[clipboard]\nmode = \"osc52\"\ncap = 2000\n\n\
         [keys]\ncopy = \"Y\"\nreload = \"f5\"\n",
    );
    let cases: [Case; 10] = [
        (
            "color",
            "never",
            "EBR_COLOR",
            "always",
            &["--color", "auto"],
            "auto",
        ),
        ("ascii", "false", "EBR_ASCII", "0", &["--ascii"], "true"),
        (
            "data",
            "/srv/a",
            "EBR_DATA",
            "/srv/b",
            &["/srv/c"],
            "/srv/c",
        ),
        (
            "compare",
            "none",
            "EBR_COMPARE",
            "yoy",
            &["--compare", "2026-09"],
            "2026-09",
        ),
        (
            "model",
            "first",
            "EBR_MODEL",
            "last",
            &["--model", "position"],
            "position",
        ),
        (
            "half_life_days",
            "3.5",
            "EBR_HALF_LIFE",
            "10",
            &["--half-life", "21"],
            "21",
        ),
        ("watch", "poll", "EBR_WATCH", "off", &[], ""),
        ("clipboard.mode", "osc52", "EBR_CLIPBOARD", "off", &[], ""),
        ("clipboard.cap", "2000", "EBR_CLIPBOARD_CAP", "300", &[], ""),
        // Keys are set in the file only.
        ("keys", "copy=Y, reload=F5", "EBR_UNUSED", "", &[], ""),
    ];
    let file_only = ebr(&["config"], &[("XDG_CONFIG_HOME", &home)]);
    for (key, file_value, var, var_value, flag, flag_value) in cases {
        assert_eq!(
            setting(&file_only, key),
            (file_value.to_owned(), "config file".to_owned()),
            "{key} from the file"
        );
        let env = [("XDG_CONFIG_HOME", home.as_str()), (var, var_value)];
        if var == "EBR_UNUSED" {
            continue;
        }
        let with_env = ebr(&["config"], &env);
        let shown = if var == "EBR_ASCII" {
            "false"
        } else {
            var_value
        };
        assert_eq!(
            setting(&with_env, key),
            (shown.to_owned(), format!("environment {var}")),
            "{key} from {var}"
        );
        if flag.is_empty() {
            continue;
        }
        let args: Vec<&str> = std::iter::once("config")
            .chain(flag.iter().copied())
            .collect();
        let with_flag = ebr(&args, &env);
        let by = if key == "data" {
            "PATH".to_owned()
        } else {
            flag[0].to_owned()
        };
        assert_eq!(
            setting(&with_flag, key),
            (flag_value.to_owned(), format!("flag {by}")),
            "{key} from {flag:?}"
        );
    }
}

#[test]
fn a_bad_file_or_variable_is_a_located_error_with_exit_2() {
    let xdg = tempfile::tempdir().expect("a temp dir");
    let home = xdg.path().display().to_string();
    let path = write_config(xdg.path(), "ascii = true\n\n[clipboard]\ncapp = 10\n");
    for command in [
        &["config"][..],
        &["view", FIXTURE],
        &["render", FIXTURE, "--tab", "overview"],
    ] {
        let out = ebr(command, &[("XDG_CONFIG_HOME", &home)]);
        assert_eq!(out.status.code(), Some(2), "{command:?}");
        assert!(out.stdout.is_empty());
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!(
                "ebr {}: {}:4:1: error: clipboard.capp: unknown field `capp`: did you mean `cap`?\n",
                command[0],
                path.display()
            )
        );
    }
    write_config(xdg.path(), "# minutes, not days\nhalf_life_days = 0\n");
    let out = ebr(&["config"], &[("XDG_CONFIG_HOME", &home)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains(":2:18: error: half_life_days: found 0, expected a positive number of days"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_file(&path).expect("remove");
    let out = ebr(
        &["config"],
        &[("XDG_CONFIG_HOME", &home), ("EBR_WATCH", "sometimes")],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "ebr config: EBR_WATCH: `sometimes` is not a watch mode: expected auto, poll or off\n"
    );
}

#[test]
fn the_dashboard_opens_the_configured_data_compared_as_configured() {
    let xdg = tempfile::tempdir().expect("a temp dir");
    let data = tempfile::tempdir().expect("a temp dir");
    let valid = std::fs::read_to_string(FIXTURE).expect("the fixture");
    std::fs::write(data.path().join("2026-10.toml"), &valid).expect("write");
    let september = valid
        .replacen("id = \"2026-10\"", "id = \"2026-09\"", 1)
        .replacen("start = 2026-10-01", "start = 2026-09-01", 1)
        .replacen("end = 2026-10-31", "end = 2026-09-30", 1);
    std::fs::write(data.path().join("2026-09.toml"), september).expect("write");
    let home = xdg.path().display().to_string();
    let folder = data.path().display().to_string().replace('\\', "\\\\");
    write_config(
        xdg.path(),
        &format!("data = [\"{folder}\"]\ncompare = \"none\"\n"),
    );
    let env = [("XDG_CONFIG_HOME", home.as_str())];
    // Not a terminal: `ebr view` prints its plain report, header first.
    let report = stdout(&ebr(&["view"], &env));
    let header = report.lines().next().unwrap_or_default();
    assert!(header.contains("Oct 2026"), "{header}");
    assert!(!header.contains(" vs "), "compare = none: {header}");
    let report = stdout(&ebr(&["view", "--compare", "previous"], &env));
    let header = report.lines().next().unwrap_or_default();
    assert!(
        header.contains("Oct 2026 vs Sep 2026 (MoM)"),
        "the flag wins: {header}"
    );
    // The sample built into ebr has thirteen months: the configured folder has two.
    let periods = ebr(&["view", "--compare", "2025-10"], &env);
    assert_eq!(
        periods.status.code(),
        Some(2),
        "2025-10 is not in the configured data"
    );
}

#[test]
fn the_committed_schema_is_what_ebr_schema_config_prints() {
    let fresh = stdout(&ebr(&["schema", "--config"], &[]));
    let committed = std::fs::read_to_string("docs/config.schema.json").expect("committed");
    assert!(
        fresh == committed,
        "docs/config.schema.json is stale: regenerate it with \
         `cargo run -- schema --config --out docs/config.schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_str(&fresh).expect("JSON");
    assert_eq!(
        schema["additionalProperties"], false,
        "unknown keys are refused"
    );
    let keys: Vec<&String> = schema["properties"]
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    assert_eq!(
        keys,
        [
            "ascii",
            "clipboard",
            "color",
            "compare",
            "data",
            "half_life_days",
            "keys",
            "model",
            "watch"
        ]
    );
}

#[test]
fn the_configured_model_and_half_life_reach_what_is_shown() {
    const PATHS: &str = "tests/fixtures/attribution/ecosystem.toml";
    let xdg = tempfile::tempdir().expect("a temp dir");
    let home = xdg.path().display().to_string();
    let export = |extra: &[&str], env: &[(&str, &str)]| {
        let mut args = vec![
            "export",
            PATHS,
            "--tab",
            "attribution",
            "--breakdown",
            "channels",
        ];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--format", "json"]);
        let mut all = vec![("XDG_CONFIG_HOME", home.as_str())];
        all.extend_from_slice(env);
        let json: serde_json::Value =
            serde_json::from_str(&stdout(&ebr(&args, &all))).expect("JSON");
        json
    };
    write_config(xdg.path(), "model = \"linear\"\n");
    assert_eq!(export(&[], &[])["provenance"]["model"], "Linear");
    assert_eq!(
        export(&["--model", "first"], &[])["provenance"]["model"],
        "First touch",
        "the flag wins"
    );
    // The fixture's touches carry their days before conversion: the half-life moves credit.
    write_config(xdg.path(), "");
    let decay = &["--model", "time-decay"][..];
    let default = export(decay, &[]);
    write_config(xdg.path(), "half_life_days = 7\n");
    assert_eq!(export(decay, &[]), default, "7 days is the default");
    write_config(xdg.path(), "half_life_days = 1\n");
    let one_day = export(decay, &[]);
    assert_ne!(
        one_day["blocks"], default["blocks"],
        "a shorter half-life moves credit"
    );
    write_config(xdg.path(), "");
    assert_eq!(export(decay, &[("EBR_HALF_LIFE", "1")]), one_day);
}
