//! The configuration file: where it is, what it may hold, and reading it with every problem
//! located (`file:line:col: error: key: message`), unknown keys with a "did you mean", through
//! the same TOML diagnostics as snapshots and agendas.

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;

use crate::app::{Chord, KeyOverride, REBINDABLE};
use crate::attribution::Model;
use crate::load::{self, Diagnostic, Format, Severity};
use crate::watch::WatchMode;

use super::{ClipboardMode, ColorWhen};

/// `config.toml`: every key is optional; what is not set keeps its default.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "ebr configuration (config.toml)")]
pub struct ConfigFile {
    /// Colours: `auto` (honours NO_COLOR), `always` or `never`.
    pub color: Option<ColorWhen>,
    /// ASCII only: +/- instead of ▲/▼, plain borders.
    pub ascii: Option<bool>,
    /// Snapshot files or folders opened when view, present, render, export or handout names
    /// none (relative paths are read from the folder of this file; `~/` is the home folder).
    pub data: Option<Vec<PathBuf>>,
    /// What the period under review is compared with: `previous`, `yoy`, `none`, a period
    /// such as `2026-09`, or a snapshot file.
    pub compare: Option<String>,
    /// The attribution model in use at start (dashboard, render, export, handout): first,
    /// last, linear, position, time-decay, markov, markov2 or markov3.
    pub model: Option<String>,
    /// Time decay's half-life in days (the Attribution tab, exports, `ebr attribution`), a
    /// positive number.
    pub half_life_days: Option<f64>,
    /// How changed data files are noticed: `auto` (system notifications, polling where they
    /// fail), `poll` or `off` (Ctrl-R only).
    pub watch: Option<WatchMode>,
    /// Copying to the clipboard (`y`).
    pub clipboard: Option<ClipboardFile>,
    /// Keys added for actions of the dashboard; the built-in keys keep working.
    pub keys: Option<KeysFile>,
}

/// The `[keys]` table: a key for an action, written `x`, `Y`, `ctrl-r`, `alt-x`, `f5`,
/// `space`, `enter`, `pagedown`...
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KeysFile {
    /// Show or hide the help (`?`).
    pub help: Option<String>,
    /// Quit (`q`).
    pub quit: Option<String>,
    /// Copy the table as TSV (`y`).
    pub copy: Option<String>,
    /// Open the export menu (`e`).
    pub export: Option<String>,
    /// Read the data files again (`Ctrl-R`).
    pub reload: Option<String>,
    /// Filter rows by name (`/`).
    pub filter: Option<String>,
    /// Sort by the next column (`s`).
    pub sort: Option<String>,
    /// The split view (`v`).
    pub split: Option<String>,
    /// Choose the period under review (`p`).
    pub period: Option<String>,
    /// Choose the compared period (`c`).
    pub compare: Option<String>,
    /// The next attribution model (`m`).
    pub model: Option<String>,
    /// The next breakdown (`d`).
    pub breakdown: Option<String>,
}

impl KeysFile {
    /// Each key set, by the action's name, in [`REBINDABLE`] order.
    fn entries(&self) -> [(&'static str, Option<&String>); 12] {
        [
            ("help", self.help.as_ref()),
            ("quit", self.quit.as_ref()),
            ("copy", self.copy.as_ref()),
            ("export", self.export.as_ref()),
            ("reload", self.reload.as_ref()),
            ("filter", self.filter.as_ref()),
            ("sort", self.sort.as_ref()),
            ("split", self.split.as_ref()),
            ("period", self.period.as_ref()),
            ("compare", self.compare.as_ref()),
            ("model", self.model.as_ref()),
            ("breakdown", self.breakdown.as_ref()),
        ]
    }
}

/// The `[clipboard]` table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClipboardFile {
    /// `auto` (tmux's buffer inside tmux, else OSC 52), `tmux`, `osc52` or `off`.
    pub mode: Option<ClipboardMode>,
    /// Largest text copied, in bytes.
    pub cap: Option<u64>,
}

/// A config file read and checked: the keys it sets, the model resolved.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checked {
    /// The file as written.
    pub file: ConfigFile,
    /// Its `model`, resolved.
    pub model: Option<Model>,
    /// Its `[keys]`, resolved.
    pub keys: Vec<KeyOverride>,
}

/// Where the config file is: `EBR_CONFIG` when set, else `config.toml` in the `ebr` folder of
/// the XDG config folder (`$XDG_CONFIG_HOME`, by default `~/.config`) on every platform, so a
/// dotfiles repository works the same on Linux and macOS. `None` without a home folder.
pub fn location(env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    if let Some(path) = env("EBR_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    use etcetera::BaseStrategy;
    let xdg = etcetera::base_strategy::Xdg::new().ok()?;
    Some(xdg.config_dir().join("ebr").join("config.toml"))
}

/// Reads and checks the config file at `path`; `Ok(None)` when there is none.
pub fn read(path: &Path) -> Result<Option<Checked>, Diagnostic> {
    match std::fs::read(path) {
        Ok(bytes) => parse(load::utf8_text(&bytes, path, "a TOML config file")?, path).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Diagnostic {
            severity: Severity::Error,
            file: path.to_path_buf(),
            position: None,
            path: String::new(),
            message: format!("cannot read the config file: {e}"),
        }),
    }
}

/// Parses and checks a config text; `path` is what diagnostics call the file, and the folder
/// relative `data` paths are read from.
pub fn parse(text: &str, path: &Path) -> Result<Checked, Diagnostic> {
    let mut file: ConfigFile = load::from_toml(text, path)?;
    let at = |key: &str, message: String| Diagnostic {
        severity: Severity::Error,
        file: path.to_path_buf(),
        position: Some(load::locate(text, Format::Toml, key)),
        path: key.to_owned(),
        message,
    };
    let model = match &file.model {
        Some(name) => Some(
            name.parse::<Model>()
                .map_err(|e| at("model", e.to_string()))?,
        ),
        None => None,
    };
    if let Some(days) = file.half_life_days
        && !(days.is_finite() && days > 0.0)
    {
        return Err(at(
            "half_life_days",
            format!("found {days}, expected a positive number of days"),
        ));
    }
    let mut keys: Vec<KeyOverride> = Vec::new();
    for (name, text) in file
        .keys
        .as_ref()
        .map(KeysFile::entries)
        .unwrap_or_default()
    {
        let Some(text) = text else { continue };
        let path = format!("keys.{name}");
        let chord: Chord = text.parse().map_err(|e| at(&path, e))?;
        if let Some(taken) = keys.iter().find(|k| k.chord == chord) {
            return Err(at(
                &path,
                format!(
                    "`{text}` is already the key of keys.{}: expected one action per key",
                    taken.name
                ),
            ));
        }
        // Every name of `entries` is in REBINDABLE (a test checks it).
        let Some(action) = REBINDABLE
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, a)| a.clone())
        else {
            continue;
        };
        keys.push(KeyOverride {
            name,
            chord,
            action,
        });
    }
    if let Some(data) = &mut file.data {
        let base = path.parent().unwrap_or(Path::new(""));
        for entry in data.iter_mut() {
            *entry = resolve_path(entry, base);
        }
    }
    Ok(Checked { file, model, keys })
}

/// `~/x` from the home folder, a relative path from `base`, an absolute one as it is.
fn resolve_path(path: &Path, base: &Path) -> PathBuf {
    if let Ok(rest) = path.strip_prefix("~")
        && let Ok(home) = etcetera::home_dir()
    {
        return home.join(rest);
    }
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        base.join(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(text: &str) -> String {
        parse(text, Path::new("c.toml"))
            .expect_err("invalid")
            .to_string()
    }

    #[test]
    fn every_problem_is_located_with_what_was_expected() {
        assert_eq!(
            problem("ascii = true\ncolour = \"never\"\n"),
            "c.toml:2:1: error: colour: unknown field `colour`: did you mean `color`?"
        );
        assert_eq!(
            problem("[clipboard]\ncapp = 10\n"),
            "c.toml:2:1: error: clipboard.capp: unknown field `capp`: did you mean `cap`?"
        );
        assert_eq!(
            problem("watch = \"pol\"\n"),
            "c.toml:1:9: error: watch: found `pol`, expected one of `auto`, `poll`, `off`; did you mean `poll`?"
        );
        assert_eq!(
            problem("\nmodel = \"markof\"\n"),
            "c.toml:2:9: error: model: unknown model `markof` (expected one of: first, last, linear, position, time-decay, markov, markov2, markov3)"
        );
        assert_eq!(
            problem("[keys]\nreload = \"F5\"\ncopy = \"f5\"\n"),
            "c.toml:2:10: error: keys.reload: `F5` is already the key of keys.copy: expected one action per key"
        );
        assert_eq!(
            problem("[keys]\nrelaod = \"F5\"\n"),
            "c.toml:2:1: error: keys.relaod: unknown field `relaod`: did you mean `reload`?"
        );
        assert!(
            problem("[keys]\nsort = \"shift-s\"\n")
                .starts_with("c.toml:2:8: error: keys.sort: `shift-s` is not a key")
        );
        assert_eq!(
            problem("half_life_days = -3.0\n"),
            "c.toml:1:18: error: half_life_days: found -3, expected a positive number of days"
        );
    }

    #[test]
    fn a_file_not_in_utf8_is_refused_at_its_first_bad_byte() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("config.toml");
        // Latin-1, as an editor set to it saves `é`.
        std::fs::write(&path, b"ascii = true\nmodel = \"lin\xe9ar\"\n").expect("written");
        assert_eq!(
            read(&path).expect_err("not UTF-8").to_string(),
            format!(
                "{}:2:13: error: found byte 0xE9, which is not UTF-8 text: expected a TOML config file (is this a binary file?)",
                path.display()
            )
        );
    }

    #[test]
    fn every_key_of_the_keys_table_names_an_action() {
        let names: Vec<&str> = KeysFile::default()
            .entries()
            .iter()
            .map(|(n, _)| *n)
            .collect();
        let actions: Vec<&str> = REBINDABLE.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, actions);
        let checked = parse(
            "[keys]\nreload = \"f5\"\ncopy = \"Y\"\n",
            Path::new("c.toml"),
        )
        .expect("valid");
        let added: Vec<(&str, String)> = checked
            .keys
            .iter()
            .map(|k| (k.name, k.chord.to_string()))
            .collect();
        assert_eq!(
            added,
            [("copy", "Y".to_owned()), ("reload", "F5".to_owned())]
        );
    }

    #[test]
    fn relative_data_paths_are_read_from_the_config_folder() {
        let checked = parse(
            "data = [\"reviews\", \"/srv/ebr\"]\n",
            Path::new("/home/a/.config/ebr/config.toml"),
        )
        .expect("valid");
        assert_eq!(
            checked.file.data,
            Some(vec![
                PathBuf::from("/home/a/.config/ebr/reviews"),
                PathBuf::from("/srv/ebr")
            ])
        );
    }
}
