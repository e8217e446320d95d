//! Each loader as a fuzz target: its seeds, the words of its format, and its check. A check
//! holds the loader to its promise: `Ok`, or errors that name the file and a line:col inside
//! the text or a field path; and for `Ok`, what a user does next (the scorecard and every tab
//! drawn, the attribution models run, the agenda presented, the settings applied) ends too.

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use ebr::agenda;
use ebr::app::{Action, AgendaItem, App, Display, Tab};
use ebr::attribution::path_export::ReadError;
use ebr::attribution::{Model, ModelOptions, read_path_export, run_all};
use ebr::export::View;
use ebr::export::rehearsal::Rehearsal;
use ebr::load::{self, Diagnostic, Format};
use ebr::model::{Library, Snapshot};
use ebr::ui::headless;

use super::Target;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The valid snapshot files of the fixtures (and the documented example), as TOML.
const SNAPSHOTS: [&str; 9] = [
    "tests/fixtures/valid/minimal.toml",
    "tests/fixtures/compare/2026-08.toml",
    "tests/fixtures/compare/2026-10.toml",
    "tests/fixtures/attribution/ecosystem.toml",
    "tests/fixtures/hostile/credit_28_digits.toml",
    "tests/fixtures/hostile/names.toml",
    "tests/fixtures/hostile/widths.toml",
    "tests/fixtures/warnings/suspicious.toml",
    "docs/example.toml",
];

/// Keys and words of the snapshot format, from its documented example.
const SNAPSHOT_WORDS: &[&str] = &[
    "schema_version = 1",
    "[ecosystem]",
    "[period]",
    "[[regions]]",
    "[[dealer_groups]]",
    "[[dealers]]",
    "[dealers.facts]",
    "[[journeys]]",
    "[[attribution]]",
    "[[targets]]",
    "id",
    "name",
    "region",
    "group",
    "currency",
    "period",
    "start",
    "end",
    "\"schema_version\": 1",
    "\"dealers\": [",
    "\"facts\": {",
    "null",
    "true",
    "[]",
    "{}",
];

/// The second month of the compare fixtures: a mutated snapshot of the same ecosystem and
/// another month is compared with it, as `ebr view` would.
static COMPARED: LazyLock<Snapshot> = LazyLock::new(|| {
    let text = String::from_utf8(read("tests/fixtures/compare/2026-09.toml")).expect("UTF-8");
    load::parse_str(&text, Format::Toml, "2026-09.toml")
        .unwrap_or_else(|e| panic!("{e:?}"))
        .snapshot
});

/// The bundled sample: agendas and rehearsals resolve against it.
static SAMPLE: LazyLock<Library> = LazyLock::new(ebr::sample::bundled);

/// Snapshot files of `format` (the JSON ones written from the TOML fixtures, so both formats
/// start from the same documents).
pub fn snapshot(format: Format) -> Target {
    let seeds = SNAPSHOTS
        .iter()
        .map(|path| {
            let bytes = read(path);
            match format {
                Format::Toml => bytes,
                Format::Json => {
                    let text = String::from_utf8(bytes).expect("UTF-8");
                    let loaded = load::parse_str(&text, Format::Toml, path)
                        .unwrap_or_else(|e| panic!("{e:?}"));
                    serde_json::to_vec_pretty(&loaded.snapshot).expect("serializable")
                }
            }
        })
        .collect();
    let (name, ext) = match format {
        Format::Toml => ("snapshot-toml", "toml"),
        Format::Json => ("snapshot-json", "json"),
    };
    Target {
        name,
        ext,
        seeds,
        words: SNAPSHOT_WORDS,
        check: Arc::new(move |bytes| check_snapshot(bytes, format)),
    }
}

pub fn check_snapshot(bytes: &[u8], format: Format) -> Result<bool, String> {
    let file = Path::new("fuzzed.snapshot");
    match load::parse_bytes(bytes, format, file) {
        Err(report) => {
            if report.file != file {
                return Err(format!("the report names {}", report.file.display()));
            }
            if report.errors().next().is_none() {
                return Err(format!(
                    "refused without an error: {:?}",
                    report.diagnostics
                ));
            }
            report
                .diagnostics
                .iter()
                .try_for_each(|d| located(d, bytes, file))
                .map(|()| false)
        }
        Ok(loaded) => {
            let snapshot = loaded.snapshot;
            let mut library = Library::new();
            let compared = &*COMPARED;
            // The checks across files (one ecosystem, one currency, one snapshot a period)
            // decide whether a user can see the two side by side.
            if snapshot.ecosystem.id == compared.ecosystem.id
                && snapshot.ecosystem.currency == compared.ecosystem.currency
                && snapshot.period.id != compared.period.id
            {
                let _ = library.insert(compared.clone());
            }
            library
                .insert(snapshot)
                .map_err(|e| format!("a valid snapshot is refused by the library: {e}"))?;
            every_tab(App::new(library, Display::default()).map_err(|e| e.to_string())?);
            Ok(true)
        }
    }
}

/// What a user looks at after loading: every tab at the top and at a dealer, every attribution
/// model, the export of the screen.
fn every_tab(mut app: App) {
    let draw = |app: &App| {
        let _ = headless::text::write(&headless::draw(app, 110, 32));
    };
    app.update(Action::Resize(110, 32));
    for tab in Tab::ALL {
        app.update(Action::GoTab(tab));
        draw(&app);
    }
    for _ in 1..Model::ALL.len() {
        app.update(Action::NextModel);
        draw(&app);
    }
    let dealer = app.scorecard().dealers().next().map(|node| node.level());
    if let Some(level) = dealer {
        app.update(Action::DrillTo(level));
        for tab in [Tab::Overview, Tab::Dealers, Tab::Pnl] {
            app.update(Action::GoTab(tab));
            draw(&app);
        }
    }
    let view = View::of(&app, ebr::export::Provenance::of(&app, Vec::new()));
    let _ = serde_json::to_string(&view);
}

/// `ebr attribution`'s path exports.
pub fn paths() -> Target {
    let seeds = [
        "tests/fixtures/paths/cjk.csv",
        "tests/fixtures/paths/dealer_paths.csv",
        "tests/fixtures/paths/worked.csv",
        "tests/fixtures/paths/worked_spaced.csv",
        "tests/fixtures/hostile/35_decimals.csv",
        "tests/fixtures/hostile/max_value.csv",
    ]
    .iter()
    .map(|p| read(p))
    .collect();
    Target {
        name: "paths",
        ext: "csv",
        seeds,
        words: &[
            "path;total_conversions;total_conversion_value;total_null\n",
            " > ",
            ";",
            "\"",
            "\n",
            "Search",
            "Display",
            "\u{feff}",
        ],
        check: Arc::new(check_paths),
    }
}

pub fn check_paths(bytes: &[u8]) -> Result<bool, String> {
    match read_path_export(bytes) {
        Err(ReadError::Io(e)) => Err(format!("an I/O error from memory: {e}")),
        Err(ReadError::Invalid(rows)) => {
            let lines = 1 + bytes.iter().filter(|&&b| b == b'\n').count() as u64;
            if rows.is_empty() {
                return Err("refused without a row error".into());
            }
            match rows
                .iter()
                .find(|r| r.line == 0 || r.line > lines || r.reason.is_empty())
            {
                Some(row) => Err(format!("row error not located in {lines} lines: {row:?}")),
                None => Ok(false),
            }
        }
        Ok(paths) => {
            let options = ModelOptions::default();
            for (model, run) in run_all(&Model::ALL, &paths, &options, &|_, _, _| {}) {
                if let Ok(run) = run {
                    let _ = (model, serde_json::to_string(&run.credits));
                }
            }
            Ok(true)
        }
    }
}

/// Agenda files, resolved against the bundled sample.
pub fn agenda() -> Target {
    Target {
        name: "agenda",
        ext: "toml",
        seeds: vec![
            read("data/monthly-review.agenda.toml"),
            read("data/quarterly-deep-dive.agenda.toml"),
        ],
        words: &[
            "[[items]]\n",
            "title = \"x\"\n",
            "tab = ",
            "drill = ",
            "period = ",
            "compare = ",
            "breakdown = ",
            "model = ",
            "sort = ",
            "filter = ",
            "split = true\n",
            "notes = \"\"\"\n",
            "minutes = ",
        ],
        check: Arc::new(check_agenda),
    }
}

pub fn check_agenda(bytes: &[u8]) -> Result<bool, String> {
    let file = Path::new("fuzzed.agenda.toml");
    // Its reader refuses text that is not UTF-8 at the first bad byte, as this does.
    let text = match load::utf8_text(bytes, file, "a TOML agenda") {
        Ok(text) => text,
        Err(problem) => return located(&problem, bytes, file).map(|()| false),
    };
    match agenda::parse(text, file, &SAMPLE) {
        Err(problems) if problems.is_empty() => Err("refused without a problem".into()),
        Err(problems) => problems
            .iter()
            .try_for_each(|d| located(d, bytes, file))
            .map(|()| false),
        Ok(agenda) => {
            let mut app =
                App::new(SAMPLE.clone(), Display::default()).map_err(|e| e.to_string())?;
            app.update(Action::Resize(100, 30));
            let count = agenda.items.len();
            app.present(agenda.items);
            for _ in 0..count.min(30) {
                let _ = headless::text::write(&headless::draw(&app, 100, 30));
                app.update(Action::NextItem);
            }
            Ok(true)
        }
    }
}

/// The config file, every key of it as documented in the README.
pub fn config() -> Target {
    let readme = String::from_utf8(read("README.md")).expect("UTF-8");
    let example = readme
        .split("```toml\n")
        .find(|block| block.starts_with("color = "))
        .and_then(|block| block.split("```").next())
        .expect("the README's config example")
        .to_owned();
    Target {
        name: "config",
        ext: "toml",
        seeds: vec![
            example.into_bytes(),
            b"model = \"time-decay\"\nhalf_life_days = 0.5\n[keys]\nhelp = \"f1\"\nsort = \"S\"\n"
                .to_vec(),
        ],
        words: &[
            "color = ",
            "ascii = ",
            "data = [",
            "compare = ",
            "model = ",
            "half_life_days = ",
            "watch = ",
            "[clipboard]\n",
            "[keys]\n",
            "mode = ",
            "cap = ",
            "ctrl-",
            "alt-",
            "f12",
            "space",
        ],
        check: Arc::new(check_config),
    }
}

pub fn check_config(bytes: &[u8]) -> Result<bool, String> {
    let file = Path::new("/home/fuzz/.config/ebr/config.toml");
    // Its reader refuses text that is not UTF-8 at the first bad byte, as this does.
    let text = match load::utf8_text(bytes, file, "a TOML config file") {
        Ok(text) => text,
        Err(problem) => return located(&problem, bytes, file).map(|()| false),
    };
    match ebr::config::file::parse(text, file) {
        Err(problem) => located(&problem, bytes, file).map(|()| false),
        Ok(checked) => {
            let mut app = App::new(SAMPLE.clone(), Display::default())
                .map_err(|e| e.to_string())?
                .with_keys(checked.keys);
            if let Some(days) = checked.file.half_life_days {
                app = app.with_half_life(days);
            }
            if let Some(model) = checked.model {
                let mut mark = app.bookmark();
                mark.model = model;
                app.update(Action::Show(Box::new(mark)));
            }
            app.update(Action::Resize(100, 30));
            app.update(Action::GoTab(Tab::Attribution));
            let _ = headless::text::write(&headless::draw(&app, 100, 30));
            app.update(Action::ToggleHelp);
            let _ = headless::text::write(&headless::draw(&app, 100, 30));
            Ok(true)
        }
    }
}

/// The monthly review's items and their views: what a rehearsal is compared with.
static REHEARSED: LazyLock<(Vec<AgendaItem>, Vec<View>)> = LazyLock::new(|| {
    let path = root().join("data/monthly-review.agenda.toml");
    let agenda = agenda::load(&path, &SAMPLE).unwrap_or_else(|e| panic!("{e:?}"));
    let app = App::new(SAMPLE.clone(), Display::default()).expect("the sample has periods");
    let views = ebr::export::played::views(app, &agenda.items, &[]);
    (agenda.items, views)
});

/// Rehearsal files, as `ebr present --rehearse` writes them.
pub fn rehearsal() -> Target {
    let (items, views) = &*REHEARSED;
    let written = Rehearsal::of(
        "monthly-review.agenda.toml",
        "2026-11-30T10:00:00Z".into(),
        items,
        views,
    )
    .to_toml()
    .expect("a rehearsal serializes");
    Target {
        name: "rehearsal",
        ext: "toml",
        seeds: vec![written.into_bytes()],
        words: &[
            "[[items]]\n",
            "title = ",
            "figures = ",
            "agenda = ",
            "rehearsed_at = ",
        ],
        check: Arc::new(check_rehearsal),
    }
}

pub fn check_rehearsal(bytes: &[u8]) -> Result<bool, String> {
    let file = Path::new("fuzzed.rehearsal.toml");
    // Its reader refuses text that is not UTF-8 at the first bad byte, as this does.
    let text = match load::utf8_text(bytes, file, "a TOML rehearsal file") {
        Ok(text) => text,
        Err(problem) => return located(&problem, bytes, file).map(|()| false),
    };
    match load::from_toml::<Rehearsal>(text, file) {
        Err(problem) => located(&problem, bytes, file).map(|()| false),
        Ok(rehearsal) => {
            let (items, views) = &*REHEARSED;
            let _ = rehearsal.compare(items, views);
            Ok(true)
        }
    }
}

/// Whether `d` names `file` and says where: a line and column inside the text, or a field
/// path (a problem with the whole file has neither only when the file is blank).
pub fn located(d: &Diagnostic, text: &[u8], file: &Path) -> Result<(), String> {
    if d.file != file {
        return Err(format!(
            "names {} instead of {}: {d}",
            d.file.display(),
            file.display()
        ));
    }
    if d.message.trim().is_empty() {
        return Err(format!("says nothing: {d:?}"));
    }
    match d.position {
        Some(p) => {
            let lines: Vec<&[u8]> = text.split(|&b| b == b'\n').collect();
            let Some(line) = p.line.checked_sub(1).and_then(|i| lines.get(i)) else {
                return Err(format!("line {} of {}: {d}", p.line, lines.len()));
            };
            let chars = line.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
            if p.column == 0 || p.column > chars + 1 {
                return Err(format!("column {} of a line of {chars}: {d}", p.column));
            }
            Ok(())
        }
        None if d.path.is_empty() && !String::from_utf8_lossy(text).trim().is_empty() => {
            Err(format!("neither line:col nor field path: {d}"))
        }
        None => Ok(()),
    }
}
