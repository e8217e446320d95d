//! Agenda items against the loaded data: each item's fields, applied on top of the view the
//! item before left, become an absolute [`Bookmark`]. The items are played through a real
//! [`App`], so what is checked (a drill level that exists in the period, a sort column the
//! table has, a filter that leaves rows) is what the screen will show.

use crate::app::views::{Breakdown, Dimension};
use crate::app::{Action, AgendaItem, App, Bookmark, Display, Sort, Tab, path};
use crate::attribution::Model;
use crate::compare::{ComparePeriod, PeriodChoiceError, resolve as resolve_pair};
use crate::model::{Granularity, Library, PeriodId};

use super::file::ItemSpec;

/// A field of an item that does not resolve: its field path and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The field path, e.g. `items[2].drill`.
    pub path: String,
    /// What is wrong and what was expected.
    pub message: String,
}

/// Resolves every item, or returns every problem found (an item with a problem is resolved
/// with that field left out, so the items after it are still checked).
pub fn resolve(library: &Library, specs: &[ItemSpec]) -> Result<Vec<AgendaItem>, Vec<Problem>> {
    let display = Display {
        colour: false,
        ascii: false,
    };
    let mut app = match App::open(
        library.clone(),
        display,
        None,
        Some(ComparePeriod::Previous),
    ) {
        Ok(app) => app,
        Err(err) => {
            return Err(vec![Problem {
                path: String::new(),
                message: err.to_string(),
            }]);
        }
    };
    let mut items = Vec::with_capacity(specs.len());
    let mut problems = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        let mut report = |field: &str, message: String| {
            problems.push(Problem {
                path: format!("items[{i}].{field}"),
                message,
            });
        };
        let mark = resolve_item(&mut app, spec, &mut report);
        items.push(AgendaItem {
            title: spec.title.clone(),
            notes: spec.notes.clone().unwrap_or_default(),
            minutes: spec.minutes,
            view: mark,
            figures_changed: false,
        });
    }
    if problems.is_empty() {
        Ok(items)
    } else {
        Err(problems)
    }
}

/// One item on top of the app's view; the view the app shows afterwards is the item's.
fn resolve_item(app: &mut App, spec: &ItemSpec, report: &mut dyn FnMut(&str, String)) -> Bookmark {
    if spec.title.trim().is_empty() {
        report(
            "title",
            "the title is empty: expected what the audience should read".into(),
        );
    }
    if spec.minutes == Some(0) {
        report(
            "minutes",
            "found 0, expected a budget of at least 1 minute".into(),
        );
    }
    if let Some(text) = &spec.period {
        match period_of(app, text) {
            Ok(period) => app.update(Action::SetPeriod(period)),
            Err(message) => report("period", message),
        }
    }
    let mut mark = app.bookmark();
    if let Some(text) = &spec.compare {
        match compared_of(app.library(), mark.period, text) {
            Ok(compared) => mark.compared = compared,
            Err(message) => report("compare", message),
        }
    }
    if let Some(text) = &spec.tab {
        match text.parse::<Tab>() {
            Ok(tab) => {
                if tab != mark.tab {
                    // Sort and filter belong to a tab's table: a new tab starts without them.
                    mark.sort = None;
                    mark.filter.clear();
                }
                mark.tab = tab;
            }
            Err(err) => report("tab", err.to_string()),
        }
    }
    if let Some(text) = &spec.drill {
        match path::resolve(app.scorecard(), text) {
            Ok(level) => mark.level = level,
            Err(err) => report("drill", err.to_string().replacen("--drill: ", "", 1)),
        }
    }
    if let Some(text) = &spec.breakdown {
        match breakdown_of(mark.tab, text) {
            Ok((dimension, breakdown)) => {
                mark.dimension = dimension.unwrap_or(mark.dimension);
                mark.breakdown = breakdown.unwrap_or(mark.breakdown);
            }
            Err(message) => report("breakdown", message),
        }
    }
    if let Some(text) = &spec.model {
        match text.parse::<Model>() {
            Ok(model) => mark.model = model,
            Err(err) => report("model", err.to_string()),
        }
    }
    if let Some(split) = spec.split {
        mark.split = split;
    }
    if mark.split && mark.compared.is_none() {
        report(
            "split",
            "the split view needs a compared period: set `compare`".into(),
        );
        mark.split = false;
    }
    if let Some(text) = &spec.filter {
        mark.filter = text.clone();
    }
    app.update(Action::Show(Box::new(mark.clone())));
    if app.scorecard().node(&mark.level).is_none() {
        let field = match (&spec.drill, &spec.period) {
            (Some(_), _) => "drill",
            (None, Some(_)) => "period",
            (None, None) => "title",
        };
        report(
            field,
            format!(
                "`{}` (drilled into by an item before) has no figures in {}: drill elsewhere first",
                mark.level.id(),
                mark.period
            ),
        );
    }
    if let Some(text) = &spec.sort {
        match sort_of(app, text) {
            Ok(sort) => {
                mark.sort = Some(sort);
                app.update(Action::Show(Box::new(mark.clone())));
            }
            Err(message) => report("sort", message),
        }
    }
    if !mark.filter.is_empty() && app.visible_rows().is_empty() {
        let message = match app.table() {
            Some(_) => format!("`{}` matches no row of the table", mark.filter),
            None => format!("{} has no table to filter", mark.tab.title()),
        };
        report("filter", message);
    }
    app.bookmark()
}

/// `latest-month`, `latest-quarter`, `previous` or a loaded period.
fn period_of(app: &App, text: &str) -> Result<PeriodId, String> {
    let library = app.library();
    let loaded = || {
        library
            .periods()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let latest = |granularity: Granularity, what: &str| {
        library
            .periods_of(granularity)
            .last()
            .ok_or_else(|| format!("no {what} is loaded; loaded: {}", loaded()))
    };
    match text.trim().to_ascii_lowercase().as_str() {
        "latest-month" => latest(Granularity::Month, "month"),
        "latest-quarter" => latest(Granularity::Quarter, "quarter"),
        "previous" => resolve_pair(library, Some(app.period()), ComparePeriod::Previous)
            .ok()
            .and_then(|pair| pair.compared)
            .ok_or_else(|| format!("no period before {} is loaded", app.period())),
        other => match other.parse::<PeriodId>() {
            Ok(period) if library.get(period).is_some() => Ok(period),
            Ok(period) => Err(format!("{period} is not loaded; loaded: {}", loaded())),
            Err(_) => Err(format!(
                "found `{text}`, expected latest-month, latest-quarter, previous or a period such as 2026-09 or 2026-Q3"
            )),
        },
    }
}

/// `none`, `previous`, `yoy` or a loaded period, against `current`.
fn compared_of(
    library: &Library,
    current: PeriodId,
    text: &str,
) -> Result<Option<PeriodId>, String> {
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    let choice: ComparePeriod = text.parse().map_err(|_| {
        format!("found `{text}`, expected previous, yoy, none or a period such as 2026-09")
    })?;
    match resolve_pair(library, Some(current), choice) {
        Ok(pair) if pair.compared == Some(current) => {
            Err(format!("{current} cannot be compared with itself"))
        }
        Ok(pair) => pair
            .compared
            .map(Some)
            .ok_or_else(|| format!("no period to compare {current} with is loaded")),
        Err(
            err
            @ (PeriodChoiceError::NotLoaded { .. } | PeriodChoiceError::MixedGranularity { .. }),
        ) => Err(err.to_string()),
        Err(err) => Err(err.to_string()),
    }
}

/// The Segments breakdowns by their names in agenda files and on the command line.
pub const SEGMENT_BREAKDOWNS: [(&str, Dimension); 5] = [
    ("hierarchy", Dimension::Hierarchy),
    ("tier", Dimension::Tier),
    ("size", Dimension::SizeBand),
    ("locale", Dimension::Locale),
    ("ev", Dimension::EvCertified),
];

/// The Attribution tables by their names in agenda files and on the command line.
pub const ATTRIBUTION_TABLES: [(&str, Breakdown); 3] = [
    ("ledger", Breakdown::Ledger),
    ("channels", Breakdown::Channels),
    ("actors", Breakdown::Actors),
];

/// The breakdown of the item's tab: a Segments dimension or an Attribution table (also what
/// `--breakdown` of `ebr render` and `ebr export` takes).
pub fn breakdown_of(
    tab: Tab,
    text: &str,
) -> Result<(Option<Dimension>, Option<Breakdown>), String> {
    let word = text.trim().to_ascii_lowercase();
    match tab {
        Tab::Segments => SEGMENT_BREAKDOWNS
            .iter()
            .find(|(name, _)| *name == word)
            .map(|(_, d)| (Some(*d), None))
            .ok_or_else(|| {
                format!(
                    "found `{text}`, expected one of {} (the Segments breakdowns)",
                    names(&SEGMENT_BREAKDOWNS)
                )
            }),
        Tab::Attribution => ATTRIBUTION_TABLES
            .iter()
            .find(|(name, _)| *name == word)
            .map(|(_, b)| (None, Some(*b)))
            .ok_or_else(|| {
                format!(
                    "found `{text}`, expected one of {} (the Attribution tables)",
                    names(&ATTRIBUTION_TABLES)
                )
            }),
        other => Err(format!(
            "{} has no breakdowns: breakdown applies to the segments and attribution tabs",
            other.title()
        )),
    }
}

/// The names of a table of names, for a message.
fn names<T>(table: &[(&str, T)]) -> String {
    table
        .iter()
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A column of the table on screen by key or header, then `asc` or `desc`.
fn sort_of(app: &App, text: &str) -> Result<Sort, String> {
    let Some(table) = app.table() else {
        return Err(format!("{} has no table to sort", app.tab().title()));
    };
    let trimmed = text.trim();
    let (name, direction) = match trimmed.rsplit_once(' ') {
        Some((name, dir)) if ["asc", "desc"].contains(&dir.to_ascii_lowercase().as_str()) => {
            (name.trim(), Some(dir.eq_ignore_ascii_case("desc")))
        }
        _ => (trimmed, None),
    };
    let sortable: Vec<_> = table
        .columns
        .iter()
        .filter_map(|c| c.first_sort_descending.map(|d| (c, d)))
        .collect();
    let found = sortable
        .iter()
        .find(|(c, _)| c.key.eq_ignore_ascii_case(name) || c.title.eq_ignore_ascii_case(name));
    match found {
        Some((column, natural)) => Ok(Sort {
            column: column.key.clone(),
            descending: direction.unwrap_or(*natural),
        }),
        None => Err(format!(
            "the table has no sortable column `{name}`; expected one of: {}",
            sortable
                .iter()
                .map(|(c, _)| c.key.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}
