//! `ebr config`: where the config file is (also when there is none yet) and every setting in
//! force, with the layer that set it: default, config file, environment, or a flag given here
//! (the same flags as the commands that take them).

use std::path::PathBuf;
use std::process::ExitCode;
use std::str::FromStr;

use ebr::attribution::Model;
use ebr::config::{ColorWhen, Config, Flags};

use super::SUCCESS;

/// Arguments of `ebr config`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print only the config file's path (for `$EDITOR "$(ebr config --path)"`).
    #[arg(long)]
    path: bool,
    /// As `--color` of `ebr view`.
    #[arg(long, value_enum, value_name = "WHEN")]
    color: Option<ColorWhen>,
    /// As `--ascii` of `ebr view`.
    #[arg(long)]
    ascii: bool,
    /// As `--compare` of `ebr view`.
    #[arg(long, value_name = "previous|yoy|none|PERIOD|FILE")]
    compare: Option<String>,
    /// As `--model` of `ebr render`.
    #[arg(long, value_parser = Model::from_str)]
    model: Option<Model>,
    /// As `--half-life` of `ebr attribution`.
    #[arg(long, value_name = "DAYS")]
    half_life: Option<f64>,
    /// As the paths of `ebr view`.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// Runs `ebr config`.
pub fn run(args: Args) -> color_eyre::Result<ExitCode> {
    let flags = Flags {
        color: args.color,
        ascii: args.ascii.then_some(true),
        data: (!args.paths.is_empty()).then(|| args.paths.clone()),
        compare: args.compare.clone(),
        model: args.model,
        half_life_days: args.half_life,
        ..Flags::default()
    };
    let config = match super::settings::resolve("config", &flags) {
        Ok(config) => config,
        Err(code) => return Ok(code),
    };
    let text = if args.path {
        format!("{}\n", where_it_is(&config))
    } else {
        describe(&config)
    };
    super::print_all(ebr::export::printable_lines(&text).as_bytes())?;
    Ok(ExitCode::from(SUCCESS))
}

fn where_it_is(config: &Config) -> String {
    config.path.as_ref().map_or_else(
        || "(no home folder: set EBR_CONFIG)".to_owned(),
        |p| p.display().to_string(),
    )
}

/// The file's path and state, then a table of key, value and layer.
fn describe(config: &Config) -> String {
    let state = if config.found {
        "read"
    } else {
        "does not exist: defaults apply"
    };
    let mut text = format!("config file: {} ({state})\n\n", where_it_is(config));
    let rows = config.rows();
    let key_width = rows.iter().map(|(k, _, _)| k.len()).max().unwrap_or(0);
    let value_width = rows
        .iter()
        .map(|(_, v, _)| v.chars().count())
        .max()
        .unwrap_or(0);
    text.push_str(&format!(
        "{:key_width$}  {:value_width$}  set by\n",
        "key", "value"
    ));
    for (key, value, layer) in rows {
        text.push_str(&format!(
            "{key:key_width$}  {value:value_width$}  {layer}\n"
        ));
    }
    text
}
