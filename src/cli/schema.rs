//! `ebr schema`.

use std::process::ExitCode;

/// Arguments of `ebr schema`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `ebr schema`.
pub fn run(_args: Args) -> color_eyre::Result<ExitCode> {
    super::not_yet("schema")
}
