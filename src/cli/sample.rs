//! `ebr sample`.

use std::process::ExitCode;

/// Arguments of `ebr sample`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `ebr sample`.
pub fn run(_args: Args) -> color_eyre::Result<ExitCode> {
    super::not_yet("sample")
}
