//! `ebr render [PATH...] --tab T [--drill PATH] [--size COLSxROWS] [--format txt|ansi|svg]`: one
//! view drawn without a terminal, through the same render code as the dashboard.

use std::io::Write;
use std::process::ExitCode;
use std::str::FromStr;

use ebr::app::Action;
use ebr::ui::headless;

use super::SUCCESS;
use super::view::{At, Input, Look, load_library};

/// What to write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text, trailing spaces trimmed.
    #[default]
    Txt,
    /// Text with ANSI colours and attributes (honours NO_COLOR and --color).
    Ansi,
    /// An SVG image (monospace grid), for screenshots.
    Svg,
}

/// A terminal size, `COLSxROWS`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    /// Columns.
    pub cols: u16,
    /// Rows.
    pub rows: u16,
}

/// The largest number of columns or rows `ebr render` draws.
pub const MAX_SIDE: u16 = 1000;

impl FromStr for Size {
    type Err = String;

    fn from_str(text: &str) -> Result<Size, String> {
        let fail = || format!("`{text}` is not a size: expected COLSxROWS such as 80x24");
        let (cols, rows) = text.split_once(['x', 'X']).ok_or_else(fail)?;
        let size = Size {
            cols: cols.trim().parse().map_err(|_| fail())?,
            rows: rows.trim().parse().map_err(|_| fail())?,
        };
        // Every cell of the imagined screen is held in memory (tens of bytes each): 65535x65535
        // would ask for hundreds of gigabytes.
        if !(1..=MAX_SIDE).contains(&size.cols) || !(1..=MAX_SIDE).contains(&size.rows) {
            return Err(format!(
                "`{text}` is outside the sizes ebr draws: 1 to {MAX_SIDE} columns and rows"
            ));
        }
        Ok(size)
    }
}

/// Arguments of `ebr render`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Snapshots to draw from.
    #[command(flatten)]
    pub input: Input,
    /// The tab and the drill location.
    #[command(flatten)]
    pub at: At,
    /// The size of the imagined terminal.
    #[arg(long, default_value = "100x30", value_name = "COLSxROWS")]
    pub size: Size,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Colours and glyphs.
    #[command(flatten)]
    pub look: Look,
    /// The periods under review and compared.
    #[command(flatten)]
    pub periods: super::period::PeriodArgs,
}

/// Runs `ebr render`.
pub fn run(mut args: Args) -> color_eyre::Result<ExitCode> {
    let config = match super::settings::of_view(
        "render",
        &args.look,
        &mut args.input,
        Some(&mut args.periods.compare),
    ) {
        Ok(config) => config,
        Err(code) => return Ok(code),
    };
    let library = match load_library(&args.input, "render") {
        Ok(library) => library,
        Err(code) => return Ok(code),
    };
    let display = super::settings::display(&config);
    let mut app = match super::period::open(library, display, &args.periods, "render") {
        Ok(app) => super::settings::dress(app, &config),
        Err(code) => return Ok(code),
    };
    app.update(Action::Resize(args.size.cols, args.size.rows));
    if let Err(code) = args.at.go(&mut app, "render") {
        return Ok(code);
    }
    let buf = headless::draw(&app, args.size.cols, args.size.rows);
    let text = match args.format {
        Format::Txt => headless::text::write(&buf),
        Format::Ansi => headless::ansi::write(&buf, display.colour),
        Format::Svg => headless::svg::write(&buf),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::from(SUCCESS))
}
