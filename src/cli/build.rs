//! `ebr build`: hands the command line to the `ebr-build` binary (the SQL engine, crate
//! `crates/ebr-build`), so the dashboard's own build never compiles the engine.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::{Command, ExitCode};

use color_eyre::eyre::{Result, eyre};

/// The engine's binary.
const ENGINE: &str = "ebr-build";

/// Everything after `ebr build`, passed on unchanged (`ebr build --help` shows the engine's help).
#[derive(Debug, clap::Args)]
#[command(disable_help_flag = true)]
pub struct Args {
    /// RAW_DIR --period P [--period ...] --out DIR [--force] [--engine E] ...
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    pub args: Vec<OsString>,
}

/// Runs `ebr-build build ARGS`.
pub fn run(args: Args) -> Result<ExitCode> {
    engine(std::iter::once(OsString::from("build")).chain(args.args))
}

/// Runs `ebr-build` with `args`, from beside this executable, else from PATH; its exit code is
/// the command's.
pub fn engine(args: impl IntoIterator<Item = OsString>) -> Result<ExitCode> {
    let engine = beside_this_executable().unwrap_or_else(|| PathBuf::from(ENGINE));
    let status = Command::new(&engine).args(args).status().map_err(|e| {
        eyre!(
            "`ebr build` runs the SQL engine `{ENGINE}`, which was not found ({e}).\n\
             Build it once with `cargo build --release -p ebr-build` (it sits beside `ebr` in \
             target/release), or install it with `cargo install --path crates/ebr-build`."
        )
    })?;
    Ok(match status.code() {
        Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        None => ExitCode::FAILURE,
    })
}

fn beside_this_executable() -> Option<PathBuf> {
    let dir = std::env::current_exe().ok()?.parent()?.to_owned();
    let path = dir.join(format!("{ENGINE}{}", std::env::consts::EXE_SUFFIX));
    path.is_file().then_some(path)
}
