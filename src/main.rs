//! The `ebr` command line: parse, install error hooks, dispatch to a subcommand.

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

mod cli;

/// Executive business reviews of martech ROI across an automotive ecosystem.
///
/// With no command, opens the dashboard on the bundled sample ecosystem.
#[derive(Debug, Parser)]
#[command(name = "ebr", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Open the dashboard on snapshot files or folders (default: the bundled sample).
    View(cli::view::Args),
    /// Present an agenda: its views one after another, with a timer per item.
    Present(cli::present::Args),
    /// Follow a presenter in a second terminal: the item's speaker notes, the next title, the timer.
    Notes(cli::notes::Args),
    /// Write every item of an agenda (notes and views) into one Markdown or HTML handout.
    Handout(cli::handout::Args),
    /// Draw one view without a terminal, as text, ANSI or SVG.
    Render(cli::render::Args),
    /// Write one view's rows and columns as Markdown, CSV, JSON or TSV, provenance first.
    Export(cli::export::Args),
    /// Validate snapshot files or folders and print a summary of each valid one.
    Check(cli::check::Args),
    /// Write a deterministic sample ecosystem.
    Sample(cli::sample::Args),
    /// Print the JSON Schema of the snapshot format.
    Schema(cli::schema::Args),
    /// Build snapshots from the systems' raw exports, in SQL (runs the `ebr-build` engine).
    Build(cli::build::Args),
    /// Credit per channel from a path export (`path;total_conversions;total_conversion_value;total_null`).
    Attribution(cli::attribution::Args),
    /// Print where the config file is and every setting in force, with what set it.
    Config(cli::config::Args),
    /// Print the shell completion script for bash, zsh, fish, elvish or PowerShell.
    Completions(cli::completions::Args),
    /// Print the manual page (roff; `ebr man | man -l -`).
    Man(cli::man::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(report) = color_eyre::install() {
        eprintln!("ebr: {report}");
        return ExitCode::FAILURE;
    }
    let outcome = match cli.command {
        None => cli::view::run(cli::view::Args::default()),
        Some(Command::View(args)) => cli::view::run(args),
        Some(Command::Present(args)) => cli::present::run(args),
        Some(Command::Notes(args)) => cli::notes::run(args),
        Some(Command::Handout(args)) => cli::handout::run(args),
        Some(Command::Render(args)) => cli::render::run(args),
        Some(Command::Export(args)) => cli::export::run(args),
        Some(Command::Check(args)) => cli::check::run(args),
        Some(Command::Sample(args)) => cli::sample::run(args),
        Some(Command::Schema(args)) => cli::schema::run(args),
        Some(Command::Attribution(args)) => cli::attribution::run(args),
        Some(Command::Config(args)) => cli::config::run(args),
        Some(Command::Completions(args)) => cli::completions::run(args, Cli::command()),
        Some(Command::Man(args)) => cli::man::run(args, Cli::command()),
        Some(Command::Build(args)) => cli::build::run(args),
    };
    match outcome {
        Ok(code) => code,
        Err(report) => {
            eprintln!("ebr: {report:?}");
            ExitCode::FAILURE
        }
    }
}
