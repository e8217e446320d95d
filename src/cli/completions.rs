//! `ebr completions SHELL`: the shell's completion script, generated from the same clap
//! definition that parses the command line, so it knows every subcommand and flag there is.

use std::process::ExitCode;

use clap_complete::Shell;

/// Arguments of `ebr completions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to write the script for.
    #[arg(value_enum)]
    shell: Shell,
}

/// Runs `ebr completions`: the script on standard output. `command` is ebr's whole command
/// line definition (it lives in `main.rs`).
pub fn run(args: Args, mut command: clap::Command) -> color_eyre::Result<ExitCode> {
    let name = command.get_name().to_owned();
    // Into memory first: clap_complete panics when its writer fails (`ebr completions bash | head`).
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, name, &mut script);
    super::print_all(&script)?;
    Ok(ExitCode::SUCCESS)
}
