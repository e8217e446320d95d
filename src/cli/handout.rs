//! `ebr handout AGENDA [PATH...] --format md|html [-o FILE [--force]]`: every item of an
//! agenda, its notes and the whole view it shows, in one file to hand out or print.
//!
//! The agenda is checked against the data as `ebr present` checks it (problems at
//! `file:line:col`, exit 1), then played through the app item by item, so the handout shows
//! the numbers the presenter's screen shows.

use std::path::PathBuf;
use std::process::ExitCode;

use ebr::app::App;
use ebr::compare::ComparePeriod;
use ebr::export::handout::{self, Handout, HandoutFormat};

use super::view::{Input, Look, load_with_files};

/// Arguments of `ebr handout`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agenda file (`*.agenda.toml`, see docs/agenda.md).
    #[arg(value_name = "AGENDA")]
    pub agenda: PathBuf,
    /// Snapshots to present.
    #[command(flatten)]
    pub input: Input,
    /// md (Markdown) or html (one self-contained page, printable, a page per item).
    #[arg(long, value_parser = |s: &str| s.parse::<HandoutFormat>())]
    pub format: HandoutFormat,
    /// Where it goes.
    #[command(flatten)]
    pub to: super::export::Destination,
    /// Glyphs (`--ascii`: +/- marks instead of ▲/▼).
    #[command(flatten)]
    pub look: Look,
}

/// Runs `ebr handout`.
pub fn run(mut args: Args) -> color_eyre::Result<ExitCode> {
    let config = match super::settings::of_view("handout", &args.look, &mut args.input, None) {
        Ok(config) => config,
        Err(code) => return Ok(code),
    };
    let (library, files) = match load_with_files(&args.input, "handout") {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let agenda = match super::present::load_agenda(&args.agenda, &library) {
        Ok(agenda) => agenda,
        Err(code) => return Ok(code),
    };
    let files = match ebr::export::DataFile::read_all(&files) {
        Ok(files) => files,
        Err(err) => {
            say!("ebr handout: {err}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let mut display = super::settings::display(&config);
    display.colour = false;
    // Opened as presenter mode opens it, so each item starts from the same view.
    let app = App::open(library, display, None, Some(ComparePeriod::Previous))?;
    let app = super::settings::dress(app, &config);
    let title = agenda.title.clone().unwrap_or_else(|| "Agenda".to_owned());
    let handout = Handout::of(app, &title, &agenda.items, &files);
    let mut bytes = Vec::new();
    handout::write(args.format, &handout, &mut bytes)?;
    Ok(args.to.write(&bytes, "handout")?)
}
