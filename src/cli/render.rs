//! `ebr render`.

use std::process::ExitCode;

/// Arguments of `ebr render`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `ebr render`.
pub fn run(_args: Args) -> color_eyre::Result<ExitCode> {
    super::not_yet("render")
}
