//! `ebr present AGENDA [PATH...]` (and `ebr view --agenda AGENDA`): the dashboard playing an
//! agenda, one item after another.
//!
//! The agenda is read and every item resolved against the snapshots before the terminal is
//! touched, so a problem is reported with the agenda's file, line and column, exit 1, on a
//! normal screen. When stdout is not a terminal the agenda is listed instead (what each item
//! shows), which doubles as a check.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ebr::agenda::{self, Agenda};
use ebr::app::App;
use ebr::compare::ComparePeriod;
use ebr::export::printable;
use ebr::model::Library;
use ebr::ui::follow::{self, server::CueServer};

use super::view::{Input, Look, load_with_files};
use super::{INVALID_DATA, SUCCESS, USAGE};

/// Arguments of `ebr present`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The agenda file (`*.agenda.toml`, see docs/agenda.md).
    #[arg(value_name = "AGENDA")]
    pub agenda: PathBuf,
    /// Snapshots to present.
    #[command(flatten)]
    pub input: Input,
    /// Colours and glyphs.
    #[command(flatten)]
    pub look: Look,
    /// Where `ebr notes` followers connect (default: $XDG_RUNTIME_DIR/ebr-notes.sock; without
    /// either, no followers).
    #[arg(long, value_name = "PATH")]
    pub socket: Option<PathBuf>,
    /// Record a fingerprint of each item's figures beside the agenda (NAME.rehearsal.toml);
    /// presenting later marks the items whose figures changed since.
    #[arg(long)]
    pub rehearse: bool,
}

/// Runs `ebr present`.
pub fn run(mut args: Args) -> color_eyre::Result<ExitCode> {
    // An agenda names its periods itself: the configured comparison does not apply.
    let config = match super::settings::of_view("present", &args.look, &mut args.input, None) {
        Ok(config) => config,
        Err(code) => return Ok(code),
    };
    let (library, files) = match load_with_files(&args.input, "present") {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let mut agenda = match load_agenda(&args.agenda, &library) {
        Ok(agenda) => agenda,
        Err(code) => return Ok(code),
    };
    if let Err(code) = super::rehearse::apply(
        &mut agenda,
        &library,
        |app| super::settings::dress(app, &config),
        args.rehearse,
    ) {
        return Ok(code);
    }
    let interactive = std::io::stdout().is_terminal()
        && std::io::stdin().is_terminal()
        && std::env::var_os("TERM").is_none_or(|t| t != "dumb");
    if !interactive {
        list(&agenda, &mut std::io::stdout().lock())?;
        return Ok(ExitCode::from(SUCCESS));
    }
    // The socket is opened before the terminal is taken, so a problem is read on a normal
    // screen.
    let mut server = match args.socket.or_else(follow::default_socket) {
        Some(path) => match CueServer::bind(&path) {
            Ok(server) => Some(server),
            Err(err) => {
                say!("ebr present: {err}");
                return Ok(ExitCode::from(USAGE));
            }
        },
        None => None,
    };
    let display = super::settings::display(&config);
    let app = App::open(library, display, None, Some(ComparePeriod::Previous))?;
    let mut app = super::settings::dress(app, &config);
    app.present(agenda.items);
    let granularity = app.period().granularity();
    let mut context = super::live::context(&args.input.paths, &files, &config, granularity, false);
    context.agenda = Some(args.agenda.clone());
    ebr::ui::terminal::run_with(app, &context, &mut |app| {
        if let Some(server) = server.as_mut() {
            server.publish(app.cue().as_ref());
        }
    })?;
    Ok(ExitCode::from(SUCCESS))
}

/// Reads the agenda and resolves it against `library`; on a problem, prints each one at its
/// `file:line:col` and returns exit code 1.
pub fn load_agenda(path: &Path, library: &Library) -> Result<Agenda, ExitCode> {
    agenda::load(path, library).map_err(|diagnostics| {
        for d in diagnostics {
            say!("{d}");
        }
        ExitCode::from(INVALID_DATA)
    })
}

/// The agenda as text: each item's number, title, budget and view.
fn list(agenda: &Agenda, out: &mut dyn Write) -> std::io::Result<()> {
    let name = agenda.title.as_deref().unwrap_or("Agenda");
    writeln!(out, "{}: {} items", printable(name), agenda.items.len())?;
    for (n, item) in agenda.items.iter().enumerate() {
        let view = &item.view;
        let budget = item
            .minutes
            .map_or_else(String::new, |m| format!(" ({m} min)"));
        let compared = view
            .compared
            .map_or_else(|| "no comparison".to_owned(), |c| format!("vs {c}"));
        let changed = if item.figures_changed {
            " · figures changed since rehearsal"
        } else {
            ""
        };
        writeln!(
            out,
            "{:>2}. {}{budget}: {} at {}, {} {compared}{changed}",
            n + 1,
            printable(&item.title),
            view.tab,
            match view.level.id() {
                "" => "the ecosystem".into(),
                id => printable(id),
            },
            view.period,
        )?;
    }
    Ok(())
}
