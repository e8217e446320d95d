//! `ebr schema`: the JSON Schema of the snapshot format, generated from the model's types, so
//! editors can validate snapshot files. `docs/snapshot.schema.json` is this output;
//! `docs/agenda.schema.json` is `ebr schema --agenda`; `docs/export.schema.json` is
//! `ebr schema --export`, the schema of `ebr export --format json`; `docs/config.schema.json`
//! is `ebr schema --config`, the schema of the config file.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use color_eyre::eyre::WrapErr;

/// Arguments of `ebr schema`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write the schema to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// The schema of agenda files (`*.agenda.toml`) instead of snapshots.
    #[arg(long)]
    agenda: bool,
    /// The schema of `ebr export --format json` instead of snapshots.
    #[arg(long, conflicts_with = "agenda")]
    export: bool,
    /// The schema of the config file (`config.toml`) instead of snapshots.
    #[arg(long, conflicts_with_all = ["agenda", "export"])]
    config: bool,
}

/// The schema as pretty JSON with a trailing newline.
fn schema_text(args: &Args) -> color_eyre::Result<String> {
    let schema = if args.agenda {
        schemars::schema_for!(ebr::agenda::AgendaFile)
    } else if args.export {
        schemars::schema_for!(ebr::export::View)
    } else if args.config {
        schemars::schema_for!(ebr::config::ConfigFile)
    } else {
        schemars::schema_for!(ebr::model::Snapshot)
    };
    let mut text = serde_json::to_string_pretty(&schema)?;
    text.push('\n');
    Ok(text)
}

/// Runs `ebr schema`.
pub fn run(args: Args) -> color_eyre::Result<ExitCode> {
    let text = schema_text(&args)?;
    match args.out {
        Some(path) => std::fs::write(&path, text)
            .wrap_err_with(|| format!("cannot write {}", path.display()))?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
