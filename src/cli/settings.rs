//! The settings of a command: [`ebr::config::Config`] resolved from the config file, the
//! process's `EBR_*` variables and the command's flags, and what the terminal-facing parts
//! make of them.

use std::process::ExitCode;

use ebr::app::{Action, App, Display};
use ebr::config::{ColorWhen, Config, ConfigError, Flags, Layer};

use super::USAGE;
use super::view::{Input, Look};

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

/// The settings of a command that shows the data (view, present, render, export, handout):
/// its look, its paths and `--compare` (where it has one) over the environment and the config
/// file. The configured data and comparison are written into `input` and `compare` when the
/// command line named none, so the command reads them as if typed.
pub fn of_view(
    command: &str,
    look: &Look,
    input: &mut Input,
    compare: Option<&mut Option<String>>,
) -> Result<Config, ExitCode> {
    let asked = compare.as_ref().and_then(|c| (**c).clone());
    let flags = Flags {
        data: (!input.paths.is_empty()).then(|| input.paths.clone()),
        compare: asked,
        ..look.flags()
    };
    let config = resolve(command, &flags)?;
    input.paths.clone_from(&config.data.value);
    if let Some(compare) = compare
        && config.compare.from != Layer::Default
    {
        *compare = Some(config.compare.value.clone());
    }
    Ok(config)
}

/// The app as the settings want it: the configured attribution model in use, time decay's
/// half-life, the keys added for actions. Flags of the command (`--model`) come after.
pub fn dress(app: App, config: &Config) -> App {
    let mut app = app.with_keys(config.keys.value.clone());
    if config.half_life_days.from != Layer::Default {
        app = app.with_half_life(config.half_life_days.value);
    }
    if app.model() != config.model.value {
        let mut mark = app.bookmark();
        mark.model = config.model.value;
        app.update(Action::Show(Box::new(mark)));
    }
    app
}
