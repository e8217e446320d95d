//! `ebr export [PATH...] --tab T [--drill P] [--period P --compare Q] --format md|csv|json|tsv
//! [-o FILE [--force]]`: one view's rows and columns, as on screen, for notes, spreadsheets
//! and programs, with where it comes from written first.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;

use ebr::export::{self, DataFile, Format, Provenance, View};

use super::view::{At, Input, Look, load_with_files};
use super::{SUCCESS, USAGE};

/// Arguments of `ebr export`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Snapshots to export from.
    #[command(flatten)]
    pub input: Input,
    /// The tab and the drill location.
    #[command(flatten)]
    pub at: At,
    /// md, csv, json (display strings with exact values and units) or tsv (the main table).
    #[arg(long, value_parser = Format::from_str)]
    pub format: Format,
    /// Where it goes.
    #[command(flatten)]
    pub to: Destination,
    /// Glyphs (`--ascii`: +/- marks instead of ▲/▼).
    #[command(flatten)]
    pub look: Look,
    /// The periods under review and compared.
    #[command(flatten)]
    pub periods: super::period::PeriodArgs,
}

/// Runs `ebr export`.
pub fn run(mut args: Args) -> color_eyre::Result<ExitCode> {
    let config = match super::settings::of_view(
        "export",
        &args.look,
        &mut args.input,
        Some(&mut args.periods.compare),
    ) {
        Ok(config) => config,
        Err(code) => return Ok(code),
    };
    let (library, mut files) = match load_with_files(&args.input, "export") {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let display = super::settings::display(&config);
    let mut app = match super::period::open(library, display, &args.periods, "export") {
        Ok(app) => super::settings::dress(app, &config),
        Err(code) => return Ok(code),
    };
    if let Some(compare) = args.periods.compare.as_deref().map(Path::new)
        && compare.is_file()
    {
        files.push((
            compare.to_path_buf(),
            app.periods().compared.unwrap_or(app.period()),
        ));
    }
    if let Err(code) = args.at.go(&mut app, "export") {
        return Ok(code);
    }
    let files = match DataFile::read_all(&files) {
        Ok(files) => files,
        Err(err) => {
            eprintln!("ebr export: {err}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let view = View::of(&app, Provenance::of(&app, files));
    let mut bytes = Vec::new();
    export::write(args.format, &view, &mut bytes)?;
    Ok(args.to.write(&bytes, "export")?)
}

/// Where a written export goes: `-o FILE` (atomically, never over a file without `--force`)
/// or standard output.
#[derive(Debug, clap::Args)]
pub struct Destination {
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}

impl Destination {
    /// Writes `bytes` there; a file that exists without `--force` (or cannot be written) is a
    /// usage error of `ebr COMMAND`.
    pub fn write(&self, bytes: &[u8], command: &str) -> std::io::Result<ExitCode> {
        match &self.output {
            Some(path) => {
                if let Err(err) = export::file::save(path, bytes, self.force) {
                    say!("ebr {command}: {err}");
                    return Ok(ExitCode::from(USAGE));
                }
            }
            None => super::print_all(bytes)?,
        }
        Ok(ExitCode::from(SUCCESS))
    }
}
