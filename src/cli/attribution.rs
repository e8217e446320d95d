//! `ebr attribution`.

use std::process::ExitCode;

/// Arguments of `ebr attribution`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `ebr attribution`.
pub fn run(_args: Args) -> color_eyre::Result<ExitCode> {
    super::not_yet("attribution")
}
