//! Settings: defaults, overridden by the config file, then by `EBR_*` variables, then by
//! command-line flags. Each resolved value remembers which of these set it (`ebr config`
//! prints them). No terminal here; reading the file and the environment is the caller's
//! choice (tests pass their own environment).
//!
//! - [`file`]: where `config.toml` is, what it may hold, located errors.

pub mod file;

use std::fmt;
use std::path::PathBuf;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::app::KeyOverride;
use crate::attribution::Model;
use crate::load::Diagnostic;
use crate::watch::WatchMode;

pub use file::{Checked, ConfigFile};

/// When to use colour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ColorWhen {
    /// Colour unless NO_COLOR is set (non-empty).
    #[default]
    Auto,
    /// Always colour, even under NO_COLOR.
    Always,
    /// Never colour: bold, underline and reverse carry the meaning.
    Never,
}

/// How `y` copies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ClipboardMode {
    /// Through tmux's buffer inside tmux, else OSC 52.
    #[default]
    Auto,
    /// Only through tmux's buffer.
    Tmux,
    /// Only with OSC 52 (wrapped for tmux or screen when inside one).
    Osc52,
    /// Never: `y` says copying is off.
    Off,
}

/// Where a value came from, weakest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    /// Built into ebr.
    Default,
    /// The config file.
    File,
    /// An environment variable.
    Env(&'static str),
    /// A command-line flag.
    Flag(&'static str),
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Layer::Default => f.write_str("default"),
            Layer::File => f.write_str("config file"),
            Layer::Env(name) => write!(f, "environment {name}"),
            Layer::Flag(name) => write!(f, "flag {name}"),
        }
    }
}

/// A value and the layer that set it.
#[derive(Clone, Debug, PartialEq)]
pub struct Setting<T> {
    /// The value in force.
    pub value: T,
    /// Who set it.
    pub from: Layer,
}

impl<T> Setting<T> {
    fn new(value: T) -> Setting<T> {
        Setting {
            value,
            from: Layer::Default,
        }
    }

    /// Overrides the value when `layer` has one.
    fn over(&mut self, layer: Layer, value: Option<T>) {
        if let Some(value) = value {
            *self = Setting { value, from: layer };
        }
    }
}

/// Every setting, resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The config file consulted, and whether it exists.
    pub path: Option<PathBuf>,
    /// Whether that file exists.
    pub found: bool,
    /// Colours.
    pub color: Setting<ColorWhen>,
    /// ASCII glyphs.
    pub ascii: Setting<bool>,
    /// Data opened when no path is named (empty: the sample built into ebr).
    pub data: Setting<Vec<PathBuf>>,
    /// The compared period (`--compare`).
    pub compare: Setting<String>,
    /// The dashboard's first attribution model.
    pub model: Setting<Model>,
    /// Time decay's half-life in days.
    pub half_life_days: Setting<f64>,
    /// How changed files are noticed.
    pub watch: Setting<WatchMode>,
    /// How `y` copies.
    pub clipboard_mode: Setting<ClipboardMode>,
    /// Largest text copied, in bytes.
    pub clipboard_cap: Setting<u64>,
    /// Keys added for actions (config file only).
    pub keys: Setting<Vec<KeyOverride>>,
}

/// What the command line said; `None` where it said nothing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Flags {
    /// `--color`.
    pub color: Option<ColorWhen>,
    /// `--ascii` (only ever turns it on).
    pub ascii: Option<bool>,
    /// Paths named on the command line.
    pub data: Option<Vec<PathBuf>>,
    /// `--compare`.
    pub compare: Option<String>,
    /// `--model`.
    pub model: Option<Model>,
    /// `--half-life`.
    pub half_life_days: Option<f64>,
    /// `--watch`.
    pub watch: Option<WatchMode>,
    /// `--clipboard`.
    pub clipboard_mode: Option<ClipboardMode>,
    /// `--clipboard-cap`.
    pub clipboard_cap: Option<u64>,
}

/// Why the settings cannot be resolved.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The config file is not valid.
    #[error("{0}")]
    File(Diagnostic),
    /// An `EBR_*` variable holds a value that is not valid.
    #[error("{name}: {message}")]
    Env {
        /// The variable.
        name: &'static str,
        /// What is wrong.
        message: String,
    },
}

impl Config {
    /// Resolves every setting: defaults, then the config file (`EBR_CONFIG` or the XDG one),
    /// then the `EBR_*` variables read through `env`, then `flags`.
    pub fn resolve(
        env: &dyn Fn(&str) -> Option<String>,
        flags: &Flags,
    ) -> Result<Config, ConfigError> {
        let path = file::location(env);
        let checked = match &path {
            Some(path) => file::read(path).map_err(ConfigError::File)?,
            None => None,
        };
        let found = checked.is_some();
        let mut config = Config {
            path,
            found,
            color: Setting::new(ColorWhen::Auto),
            ascii: Setting::new(false),
            data: Setting::new(Vec::new()),
            compare: Setting::new("previous".to_owned()),
            model: Setting::new(crate::app::DEFAULT_MODEL),
            half_life_days: Setting::new(7.0),
            watch: Setting::new(WatchMode::Auto),
            clipboard_mode: Setting::new(ClipboardMode::Auto),
            clipboard_cap: Setting::new(100_000),
            keys: Setting::new(Vec::new()),
        };
        if let Some(Checked { file, model, keys }) = checked {
            config
                .keys
                .over(Layer::File, (!keys.is_empty()).then_some(keys));
            let clipboard = file.clipboard.unwrap_or_default();
            config.color.over(Layer::File, file.color);
            config.ascii.over(Layer::File, file.ascii);
            config.data.over(Layer::File, file.data);
            config.compare.over(Layer::File, file.compare);
            config.model.over(Layer::File, model);
            config.half_life_days.over(Layer::File, file.half_life_days);
            config.watch.over(Layer::File, file.watch);
            config.clipboard_mode.over(Layer::File, clipboard.mode);
            config.clipboard_cap.over(Layer::File, clipboard.cap);
        }
        config.apply_env(env)?;
        config.apply_flags(flags);
        Ok(config)
    }

    fn apply_env(&mut self, env: &dyn Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        let var = |name: &'static str| env(name).filter(|v| !v.trim().is_empty());
        self.color.over(
            Layer::Env("EBR_COLOR"),
            parse(var("EBR_COLOR"), "EBR_COLOR", enum_value)?,
        );
        self.ascii.over(
            Layer::Env("EBR_ASCII"),
            parse(var("EBR_ASCII"), "EBR_ASCII", boolean)?,
        );
        self.data.over(
            Layer::Env("EBR_DATA"),
            var("EBR_DATA").map(|v| std::env::split_paths(&v).collect()),
        );
        self.compare
            .over(Layer::Env("EBR_COMPARE"), var("EBR_COMPARE"));
        self.model.over(
            Layer::Env("EBR_MODEL"),
            parse(var("EBR_MODEL"), "EBR_MODEL", |v| {
                v.parse::<Model>().map_err(|e| e.to_string())
            })?,
        );
        self.half_life_days.over(
            Layer::Env("EBR_HALF_LIFE"),
            parse(var("EBR_HALF_LIFE"), "EBR_HALF_LIFE", days)?,
        );
        self.watch.over(
            Layer::Env("EBR_WATCH"),
            parse(var("EBR_WATCH"), "EBR_WATCH", |v| v.parse::<WatchMode>())?,
        );
        self.clipboard_mode.over(
            Layer::Env("EBR_CLIPBOARD"),
            parse(var("EBR_CLIPBOARD"), "EBR_CLIPBOARD", enum_value)?,
        );
        self.clipboard_cap.over(
            Layer::Env("EBR_CLIPBOARD_CAP"),
            parse(var("EBR_CLIPBOARD_CAP"), "EBR_CLIPBOARD_CAP", |v| {
                v.trim()
                    .parse::<u64>()
                    .map_err(|_| format!("found `{v}`, expected a number of bytes"))
            })?,
        );
        Ok(())
    }

    fn apply_flags(&mut self, flags: &Flags) {
        self.color.over(Layer::Flag("--color"), flags.color);
        self.ascii.over(Layer::Flag("--ascii"), flags.ascii);
        self.data.over(Layer::Flag("PATH"), flags.data.clone());
        self.compare
            .over(Layer::Flag("--compare"), flags.compare.clone());
        self.model.over(Layer::Flag("--model"), flags.model);
        self.half_life_days
            .over(Layer::Flag("--half-life"), flags.half_life_days);
        self.watch.over(Layer::Flag("--watch"), flags.watch);
        self.clipboard_mode
            .over(Layer::Flag("--clipboard"), flags.clipboard_mode);
        self.clipboard_cap
            .over(Layer::Flag("--clipboard-cap"), flags.clipboard_cap);
    }

    /// Each setting as `(key, value, layer)`, keys as in the config file.
    pub fn rows(&self) -> Vec<(&'static str, String, Layer)> {
        let data = if self.data.value.is_empty() {
            "(the sample built into ebr)".to_owned()
        } else {
            self.data
                .value
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let keys = if self.keys.value.is_empty() {
            "(built-in only)".to_owned()
        } else {
            self.keys
                .value
                .iter()
                .map(|k| format!("{}={}", k.name, k.chord))
                .collect::<Vec<_>>()
                .join(", ")
        };
        vec![
            (
                "color",
                format!("{:?}", self.color.value).to_lowercase(),
                self.color.from,
            ),
            ("ascii", self.ascii.value.to_string(), self.ascii.from),
            ("data", data, self.data.from),
            ("compare", self.compare.value.clone(), self.compare.from),
            ("model", self.model.value.name().to_owned(), self.model.from),
            (
                "half_life_days",
                self.half_life_days.value.to_string(),
                self.half_life_days.from,
            ),
            ("watch", self.watch.value.to_string(), self.watch.from),
            (
                "clipboard.mode",
                format!("{:?}", self.clipboard_mode.value).to_lowercase(),
                self.clipboard_mode.from,
            ),
            (
                "clipboard.cap",
                self.clipboard_cap.value.to_string(),
                self.clipboard_cap.from,
            ),
            ("keys", keys, self.keys.from),
        ]
    }
}

/// Parses a variable's value, naming the variable when it is not valid.
fn parse<T>(
    value: Option<String>,
    name: &'static str,
    read: impl Fn(&str) -> Result<T, String>,
) -> Result<Option<T>, ConfigError> {
    value
        .map(|v| read(v.trim()).map_err(|message| ConfigError::Env { name, message }))
        .transpose()
}

/// One of a clap value enum's names.
fn enum_value<T: clap::ValueEnum>(text: &str) -> Result<T, String> {
    T::from_str(text, true).map_err(|_| {
        let names: Vec<String> = T::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value().map(|p| format!("`{}`", p.get_name())))
            .collect();
        format!("found `{text}`, expected one of {}", names.join(", "))
    })
}

/// `1`/`true`/`yes`/`on` or `0`/`false`/`no`/`off`.
fn boolean(text: &str) -> Result<bool, String> {
    match text.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        _ => Err(format!("found `{text}`, expected true or false (1 or 0)")),
    }
}

/// A positive number of days.
fn days(text: &str) -> Result<f64, String> {
    text.parse::<f64>()
        .ok()
        .filter(|d| d.is_finite() && *d > 0.0)
        .ok_or_else(|| format!("found `{text}`, expected a positive number of days"))
}
