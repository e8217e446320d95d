//! `ebr man`: the manual page (roff), generated from the clap definition that parses the
//! command line, so it lists every subcommand and option there is.

use std::path::PathBuf;
use std::process::ExitCode;

use color_eyre::eyre::WrapErr;

/// Arguments of `ebr man`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write `ebr.1` and one page per subcommand (`ebr-view.1`, ...) into this folder instead
    /// of printing `ebr.1` on standard output.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
}

/// Runs `ebr man`. `command` is ebr's whole command line definition (it lives in `main.rs`).
pub fn run(args: Args, command: clap::Command) -> color_eyre::Result<ExitCode> {
    match args.out_dir {
        Some(dir) => {
            std::fs::create_dir_all(&dir)
                .wrap_err_with(|| format!("cannot create {}", dir.display()))?;
            clap_mangen::generate_to(command, &dir)
                .wrap_err_with(|| format!("cannot write the pages into {}", dir.display()))?;
        }
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command).render(&mut page)?;
            super::print_all(&page)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
