//! `ebr view` (and `ebr` with no command).

use std::process::ExitCode;

/// Arguments of `ebr view`.
#[derive(Debug, Default, clap::Args)]
pub struct Args {}

/// Runs `ebr view`.
pub fn run(_args: Args) -> color_eyre::Result<ExitCode> {
    super::not_yet("view")
}
