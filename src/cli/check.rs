//! `ebr check`.

use std::process::ExitCode;

/// Arguments of `ebr check`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `ebr check`.
pub fn run(_args: Args) -> color_eyre::Result<ExitCode> {
    super::not_yet("check")
}
