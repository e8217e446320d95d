//! One module per subcommand: its arguments and what it does. Exit codes: 0 success, 1 invalid
//! data, 2 usage errors (clap's own code).

/// Writes one message for a person on stderr, through the one escaping function: a file name
/// or a value quoted from data never reaches the terminal as a control.
macro_rules! say {
    ($($arg:tt)*) => {
        eprintln!("{}", ebr::export::printable_lines(&format!($($arg)*)))
    };
}

pub mod attribution;
pub mod build;
pub mod check;
pub mod completions;
pub mod config;
pub mod export;
pub mod first;
pub mod handout;
pub mod live;
pub mod man;
pub mod notes;
pub mod period;
pub mod present;
pub mod progress;
pub mod rehearse;
pub mod render;
pub mod sample;
pub mod schema;
pub mod settings;
pub mod view;

/// Exit code when everything went well (warnings allowed).
pub const SUCCESS: u8 = 0;

/// Exit code for invalid data: a snapshot file or set that does not pass validation.
pub const INVALID_DATA: u8 = 1;

/// Exit code for a command line that cannot be carried out.
pub const USAGE: u8 = 2;

/// Writes a command's whole output on stdout at once. A closed pipe (`ebr check data/ | head`)
/// ends the output quietly: the reader has what it wanted, which is not a failure.
pub fn print_all(bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
