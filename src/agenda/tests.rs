use std::sync::OnceLock;

use super::*;
use crate::app::views::{Breakdown, Dimension};
use crate::app::{Sort, Tab};
use crate::metrics::Level;
use crate::model::PeriodId;

fn library() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(crate::sample::bundled)
}

fn period(text: &str) -> PeriodId {
    text.parse().expect("a period")
}

/// The 1-based line and column of the first occurrence of `needle` in `text`.
fn at(text: &str, needle: &str) -> (usize, usize) {
    let offset = text.find(needle).expect("needle in text");
    let line = text[..offset].matches('\n').count() + 1;
    let column = offset - text[..offset].rfind('\n').map_or(0, |n| n + 1) + 1;
    (line, column)
}

fn errors(text: &str) -> Vec<String> {
    parse(text, Path::new("r.agenda.toml"), library())
        .expect_err("an invalid agenda")
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn the_monthly_review_resolves_each_item_on_top_of_the_one_before() {
    let text = include_str!("../../data/monthly-review.agenda.toml");
    let agenda = parse(text, Path::new("monthly.agenda.toml"), library()).expect("resolves");
    assert_eq!(agenda.items.len(), 9);
    assert_eq!(agenda.title.as_deref(), Some("Monthly business review"));
    let views: Vec<_> = agenda.items.iter().map(|i| &i.view).collect();
    assert_eq!(views[0].tab, Tab::Overview);
    assert_eq!(views[0].period, period("2026-10"));
    assert_eq!(views[0].compared, Some(period("2026-09")));
    let slowest_first = Some(Sort {
        column: "sla_adherence".into(),
        descending: false,
    });
    assert_eq!(views[2].sort, slowest_first);
    // Item 4 gives only a drill: tab, periods and sort stay as item 3 left them.
    assert_eq!(views[3].tab, Tab::Dealers);
    assert_eq!(views[3].level, Level::Group("g08".into()));
    assert_eq!(views[3].sort, slowest_first);
    assert_eq!(views[4].compared, Some(period("2025-10")), "yoy");
    assert!(views[4].split);
    assert_eq!(views[5].tab, Tab::Segments);
    assert_eq!(views[5].level, Level::Ecosystem);
    assert_eq!(views[5].dimension, Dimension::Tier);
    assert_eq!(views[5].sort, None, "a new tab starts unsorted");
    assert!(!views[5].split);
    assert_eq!(views[7].breakdown, Breakdown::Channels);
    assert_eq!(agenda.items[3].minutes, Some(4));
    assert!(agenda.items[3].notes.contains("coaching plan"));
}

#[test]
fn the_quarterly_deep_dive_reviews_the_latest_quarter() {
    let text = include_str!("../../data/quarterly-deep-dive.agenda.toml");
    let agenda = parse(text, Path::new("q.agenda.toml"), library()).expect("resolves");
    assert_eq!(agenda.items.len(), 8);
    for item in &agenda.items {
        assert_eq!(item.view.period, period("2026-Q3"), "{}", item.title);
        assert_eq!(
            item.view.compared,
            Some(period("2026-Q2")),
            "{}",
            item.title
        );
    }
    assert_eq!(agenda.items[2].view.dimension, Dimension::Locale);
    assert_eq!(agenda.items[5].view.breakdown, Breakdown::Actors);
}

#[test]
fn a_dealer_that_closed_is_reported_at_its_line() {
    // d024 reports for the last time in July 2026.
    let text = "[[items]]\ntitle = \"Closed\"\nperiod = \"2026-10\"\ndrill = \"d024\"\n";
    let (line, column) = at(text, "\"d024\"");
    let errors = errors(text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(&format!(
            "r.agenda.toml:{line}:{column}: error: items[0].drill: `d024` is not a region"
        )),
        "{}",
        errors[0]
    );
    // The same dealer in July resolves.
    let july = text.replace("2026-10", "2026-07");
    assert!(parse(&july, Path::new("r.agenda.toml"), library()).is_ok());
}

#[test]
fn a_drill_kept_into_a_period_without_the_dealer_is_reported_at_the_period() {
    // d060 opens in May 2026: kept from item 1 into January, it has no figures.
    let text = "[[items]]\ntitle = \"New rooftop\"\ndrill = \"d060\"\n\n[[items]]\ntitle = \"January\"\nperiod = \"2026-01\"\n";
    let (line, column) = at(text, "\"2026-01\"");
    assert_eq!(
        errors(text),
        [format!(
            "r.agenda.toml:{line}:{column}: error: items[1].period: `d060` (drilled into by an item before) has no figures in 2026-01: drill elsewhere first"
        )]
    );
}

#[test]
fn periods_not_loaded_unknown_fields_and_values_are_located() {
    let text = "[[items]]\ntitle = \"A\"\nperiod = \"2027-01\"\n";
    let (line, column) = at(text, "\"2027-01\"");
    let errors = errors(text);
    assert!(
        errors[0].starts_with(&format!(
            "r.agenda.toml:{line}:{column}: error: items[0].period: 2027-01 is not loaded; loaded: 2025-10,"
        )),
        "{errors:?}"
    );
    let text = "[[items]]\ntitle = \"A\"\ntitel = \"B\"\n";
    let (line, column) = at(text, "titel");
    assert_eq!(
        self::errors(text),
        [format!(
            "r.agenda.toml:{line}:{column}: error: items[0].titel: unknown field `titel`: did you mean `title`?"
        )]
    );
    let text =
        "[[items]]\ntitle = \"A\"\ntab = \"segments\"\nbreakdown = \"tiers\"\nsort = \"nope\"\n";
    let errors = self::errors(text);
    assert_eq!(errors.len(), 2, "{errors:?}");
    let (line, _) = at(text, "breakdown");
    assert!(errors[0].starts_with(&format!("r.agenda.toml:{line}:13: error: items[0].breakdown: found `tiers`, expected one of hierarchy, tier")), "{errors:?}");
    assert!(
        errors[1].contains("items[0].sort: the table has no sortable column `nope`"),
        "{errors:?}"
    );
    let text = "title = \"x\"\nitems = []\n";
    assert_eq!(
        self::errors(text),
        [
            "r.agenda.toml:2:9: error: items: the agenda has no items: expected at least one [[items]] with a title"
        ]
    );
}

#[test]
fn a_split_needs_a_compared_period_and_a_filter_needs_rows() {
    let text = "[[items]]\ntitle = \"A\"\ntab = \"dealers\"\ncompare = \"none\"\nsplit = true\nfilter = \"zzz\"\n";
    let errors = errors(text);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].contains("items[0].split: the split view needs a compared period"));
    assert!(errors[1].contains("items[0].filter: `zzz` matches no row of the table"));
}

#[test]
fn a_file_not_in_utf8_is_refused_at_its_first_bad_byte() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("r.agenda.toml");
    std::fs::write(&path, b"[[items]]\ntitle = \"Caf\xe9\"\n").expect("written");
    let problems: Vec<String> = load(&path, library())
        .expect_err("not UTF-8")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        problems,
        [format!(
            "{}:2:13: error: found byte 0xE9, which is not UTF-8 text: expected a TOML agenda (is this a binary file?)",
            path.display()
        )]
    );
}
