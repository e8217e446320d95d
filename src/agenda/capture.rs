//! Capture while exploring: the view on screen as a new item at the end of an agenda file,
//! with every field spelled out (an item that says only what changes would depend on the item
//! before it), the file's comments and layout kept as they were (toml_edit).
//!
//! Only text in, text out: the runtime reads the file and writes it back atomically.

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use super::resolve::{ATTRIBUTION_TABLES, SEGMENT_BREAKDOWNS};
use crate::app::{App, Tab};

/// The fields of an agenda item that puts back a view exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Captured {
    /// The item's title: the screen's title, to be edited.
    pub title: String,
    /// `tab`.
    pub tab: String,
    /// `drill`: the level's id, `""` for the ecosystem.
    pub drill: String,
    /// `period`: the period's id.
    pub period: String,
    /// `compare`: the compared period's id or `none`.
    pub compare: String,
    /// `breakdown`, on the tabs that have one.
    pub breakdown: Option<String>,
    /// `model`.
    pub model: String,
    /// `sort`: `column asc|desc`, when sorted.
    pub sort: Option<String>,
    /// `filter` (`""`: none).
    pub filter: String,
    /// `split`.
    pub split: bool,
}

/// Why the file cannot take the item.
#[derive(Debug, thiserror::Error)]
pub enum CaptureError {
    /// Not TOML.
    #[error("the agenda is not valid TOML: {0}")]
    Syntax(#[from] toml_edit::TomlError),
    /// `items` is something else than `[[items]]`.
    #[error("`items` is not a list of [[items]] tables")]
    NotItems,
}

impl Captured {
    /// The view `app` shows.
    pub fn of(app: &App) -> Captured {
        let mark = app.bookmark();
        let breakdown = match mark.tab {
            Tab::Segments => SEGMENT_BREAKDOWNS
                .iter()
                .find(|(_, d)| *d == mark.dimension)
                .map(|(name, _)| (*name).to_owned()),
            Tab::Attribution => ATTRIBUTION_TABLES
                .iter()
                .find(|(_, b)| *b == mark.breakdown)
                .map(|(name, _)| (*name).to_owned()),
            Tab::Overview | Tab::Journeys | Tab::Dealers | Tab::Maturity | Tab::Pnl => None,
        };
        Captured {
            title: app.screen().title.clone(),
            tab: mark.tab.cli_name().to_owned(),
            drill: mark.level.id().to_owned(),
            period: mark.period.to_string(),
            compare: mark
                .compared
                .map_or_else(|| "none".to_owned(), |p| p.to_string()),
            breakdown,
            model: mark.model.name().to_owned(),
            // A sort kept from a table with that column does nothing to one without it,
            // and an agenda item may only name columns its table has.
            sort: mark.sort.filter(|s| has_column(app, &s.column)).map(|s| {
                let direction = if s.descending { "desc" } else { "asc" };
                format!("{} {direction}", s.column)
            }),
            filter: mark.filter,
            split: mark.split,
        }
    }

    fn table(&self) -> Table {
        let mut t = Table::new();
        t.decor_mut()
            .set_prefix("\n# Captured in presenter mode (a): give it a title and notes.\n");
        t["title"] = value(&self.title);
        t["tab"] = value(&self.tab);
        t["drill"] = value(&self.drill);
        t["period"] = value(&self.period);
        t["compare"] = value(&self.compare);
        if let Some(breakdown) = &self.breakdown {
            t["breakdown"] = value(breakdown);
        }
        t["model"] = value(&self.model);
        if let Some(sort) = &self.sort {
            t["sort"] = value(sort);
        }
        t["filter"] = value(&self.filter);
        t["split"] = value(self.split);
        t
    }
}

/// Whether the table on screen has the column `key`.
fn has_column(app: &App, key: &str) -> bool {
    app.table()
        .is_some_and(|t| t.columns.iter().any(|c| c.key == key))
}

/// `text` (an agenda file) with `item` appended as its last `[[items]]`, everything before it
/// as it was; also the number of items it now has.
pub fn append(text: &str, item: &Captured) -> Result<(String, usize), CaptureError> {
    let mut doc: DocumentMut = text.parse()?;
    let items = doc
        .entry("items")
        .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()));
    let array = items
        .as_array_of_tables_mut()
        .ok_or(CaptureError::NotItems)?;
    array.push(item.table());
    let count = array.len();
    let mut out = doc.to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok((out, count))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::app::views::{Breakdown, Dimension};
    use crate::app::{Action, Display, Sort};
    use crate::attribution::Model;
    use crate::compare::ComparePeriod;
    use crate::export::{Provenance, View};
    use crate::metrics::Level;
    use crate::model::PeriodId;

    const MONTHLY: &str = include_str!("../../data/monthly-review.agenda.toml");

    fn period(text: &str) -> PeriodId {
        text.parse().unwrap_or_else(|e| panic!("{e:?}"))
    }

    /// The app after `change` made to the view it opens on.
    fn app_showing(change: impl FnOnce(&mut crate::app::Bookmark)) -> App {
        let library = crate::sample::bundled();
        let mut app = App::open(
            library,
            Display::default(),
            None,
            Some(ComparePeriod::Previous),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let mut mark = app.bookmark();
        change(&mut mark);
        app.update(Action::Show(Box::new(mark)));
        app
    }

    /// Appends the app's view to the monthly review, checks everything before it is kept
    /// byte for byte, and resolves the new file: its last item must show the app's view.
    fn round_trip(app: &App) -> String {
        let (text, count) = append(MONTHLY, &Captured::of(app)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(count, 10);
        assert!(
            text.starts_with(MONTHLY),
            "comments and layout kept:\n{text}"
        );
        let agenda = crate::agenda::parse(&text, Path::new("m.agenda.toml"), app.library())
            .unwrap_or_else(|d| panic!("{d:?}\n{text}"));
        assert_eq!(agenda.items.len(), 10);
        // The same view on screen: what the tab shows, every cell (the other tabs' breakdowns,
        // which the item cannot name, may differ).
        let mut again = App::open(
            app.library().clone(),
            Display::default(),
            None,
            Some(ComparePeriod::Previous),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        again.update(Action::Show(Box::new(agenda.items[9].view.clone())));
        let shown = |a: &App| {
            let view = View::of(a, Provenance::of(a, Vec::new()));
            (view.provenance, view.title, view.blocks)
        };
        assert_eq!(shown(&again), shown(app));
        text[MONTHLY.len()..].to_owned()
    }

    #[test]
    fn a_sorted_filtered_segments_view_in_another_period_comes_back_exactly() {
        let app = app_showing(|m| {
            m.tab = Tab::Segments;
            m.dimension = Dimension::Tier;
            m.period = period("2026-07");
            m.compared = Some(period("2026-04"));
            m.sort = Some(Sort {
                column: "leads".into(),
                descending: false,
            });
            m.filter = "i".into();
        });
        let added = round_trip(&app);
        assert!(
            added.starts_with("\n# Captured in presenter mode (a)"),
            "{added}"
        );
        assert!(added.contains("\n[[items]]\ntitle = "), "{added}");
        assert!(added.contains("tab = \"segments\"\n"), "{added}");
        assert!(added.contains("breakdown = \"tier\"\n"), "{added}");
        assert!(added.contains("sort = \"leads asc\"\n"), "{added}");
        assert!(added.contains("compare = \"2026-04\"\n"), "{added}");
    }

    #[test]
    fn a_dealer_group_split_year_over_year_and_an_attribution_table_come_back_exactly() {
        let group = app_showing(|m| {
            m.tab = Tab::Dealers;
            m.level = Level::Group(crate::model::DealerGroupId("g08".into()));
            m.compared = Some(period("2025-10"));
            m.split = true;
        });
        let added = round_trip(&group);
        assert!(added.contains("drill = \"g08\"\n"), "{added}");
        assert!(added.contains("split = true\n"), "{added}");
        assert!(!added.contains("breakdown"), "{added}");
        let attribution = app_showing(|m| {
            m.tab = Tab::Attribution;
            m.breakdown = Breakdown::Actors;
            m.model = Model::ALL[Model::ALL.len() - 1];
            m.compared = None;
        });
        let added = round_trip(&attribution);
        assert!(added.contains("compare = \"none\"\n"), "{added}");
        assert!(added.contains("breakdown = \"actors\"\n"), "{added}");
    }

    #[test]
    fn a_file_whose_items_are_not_tables_is_refused() {
        let app = app_showing(|_| {});
        let refused = append("title = \"x\"\nitems = 3\n", &Captured::of(&app));
        assert!(matches!(refused, Err(CaptureError::NotItems)));
        assert!(matches!(
            append("title = ", &Captured::of(&app)),
            Err(CaptureError::Syntax(_))
        ));
    }
}
