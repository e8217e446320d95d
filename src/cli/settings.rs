//! The settings of a command: [`ebr::config::Config`] resolved from the config file, the
//! process's `EBR_*` variables and the command's flags, and what the terminal-facing parts
//! make of them.

use std::process::ExitCode;

use ebr::app::Display;
use ebr::config::{ColorWhen, Config, ConfigError, Flags};

use super::USAGE;

/// The settings for `command`, or the problem printed (a config file error as
/// `file:line:col: error: key: message`) and exit 2.
pub fn resolve(command: &str, flags: &Flags) -> Result<Config, ExitCode> {
    let env = |name: &str| std::env::var(name).ok();
    Config::resolve(&env, flags).map_err(|err| {
        match err {
            ConfigError::File(diagnostic) => say!("ebr {command}: {diagnostic}"),
            ConfigError::Env { .. } => say!("ebr {command}: {err}"),
        }
        ExitCode::from(USAGE)
    })
}

/// The display settings: NO_COLOR (non-empty) turns colour off unless colour is `always`.
pub fn display(config: &Config) -> Display {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let colour = match config.color.value {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => !no_color,
    };
    // crossterm decides on its own under NO_COLOR; make it follow our choice.
    crossterm::style::Colored::set_ansi_color_disabled(!colour);
    Display {
        colour,
        ascii: config.ascii.value,
    }
}
