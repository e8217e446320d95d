//! One rounding rule, as a property: in every table of every tab, at every drill level, in any
//! period, compared or not, a total row that sums its rows equals the sum of the rows shown when
//! both are read back from the text on screen, every money column is written on one scale, and a
//! column whose total is recomputed from the summed parts rather than added up says so.

use std::sync::LazyLock;

use proptest::prelude::*;
use rust_decimal::Decimal;

use ebr::app::screen::{Block, Table};
use ebr::app::{Action, App, Display, Tab};
use ebr::metrics::Level;
use ebr::model::Library;

static LIBRARY: LazyLock<Library> = LazyLock::new(ebr::sample::bundled);

/// An amount read back from a cell: "▼ −$1,234.5K" is -1,234,500; `None` when the cell holds
/// no amount, and the scale it was written on (suffix, decimals).
fn read(text: &str) -> Option<(Decimal, (char, usize))> {
    let at = text.find('$')?;
    let negative = text[..at].ends_with('-') || text[..at].ends_with('\u{2212}');
    let rest = &text[at + 1..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(rest.len());
    let digits: String = rest[..end].chars().filter(|&c| c != ',').collect();
    let suffix = rest[end..]
        .chars()
        .next()
        .filter(|c| matches!(c, 'K' | 'M'));
    let unit = match suffix {
        Some('K') => Decimal::ONE_THOUSAND,
        Some('M') => Decimal::from(1_000_000),
        _ => Decimal::ONE,
    };
    let dp = digits.split_once('.').map_or(0, |(_, d)| d.len());
    let value: Decimal = digits.parse().ok()?;
    let value = if negative { -value } else { value };
    Some((value * unit, (suffix.unwrap_or(' '), dp)))
}

/// Checks one table: one scale per money column ("$0" fits any), and a summing table's total
/// equals the sum of its rows shown (slices left out) wherever every row shows an amount or
/// nothing.
fn check(table: &Table) -> Result<usize, TestCaseError> {
    let mut summed = 0;
    for c in 1..table.columns.len() {
        let cells: Vec<&str> = table
            .pinned
            .iter()
            .chain(&table.rows)
            .filter_map(|r| r.cells.get(c).map(|x| x.text.as_str()))
            .collect();
        let scales: Vec<(char, usize)> = cells
            .iter()
            .filter_map(|t| read(t))
            .filter(|(v, _)| !v.is_zero())
            .map(|(_, s)| s)
            .collect();
        if let Some(first) = scales.first() {
            prop_assert!(
                scales.iter().all(|s| s == first),
                "{}: column {} mixes scales: {:?}",
                table.title,
                table.columns[c].title,
                cells
            );
        }
        if !table.sums {
            continue;
        }
        let Some((total, _)) = table.pinned.first().and_then(|r| read(&r.cells[c].text)) else {
            continue;
        };
        let rows: Option<Vec<Decimal>> = table
            .rows
            .iter()
            .filter(|r| !r.slice && !r.cells[c].text.is_empty())
            .map(|r| read(&r.cells[c].text).map(|(v, _)| v))
            .collect();
        let Some(rows) = rows else { continue };
        let exact: Option<Vec<Decimal>> = table
            .rows
            .iter()
            .filter(|r| !r.slice && !r.cells[c].text.is_empty())
            .map(|r| match r.cells[c].sort {
                ebr::app::screen::SortKey::Num(v) => Some(v),
                _ => None,
            })
            .collect();
        let total_exact = match table.pinned[0].cells[c].sort {
            ebr::app::screen::SortKey::Num(v) => Some(v),
            _ => None,
        };
        // A ratio column (cost per vehicle) is not a sum: only columns whose exact rows add
        // up to the exact total are held to it.
        if exact.map(|e| e.iter().copied().sum::<Decimal>()) != total_exact {
            continue;
        }
        prop_assert_eq!(
            rows.iter().copied().sum::<Decimal>(),
            total,
            "{}: column {}: {:?}",
            table.title,
            table.columns[c].title,
            cells
        );
        summed += 1;
    }
    Ok(summed)
}

/// The exact value behind a cell, if it holds a number.
fn exact(cell: &ebr::app::screen::Cell) -> Option<Decimal> {
    match cell.sort {
        ebr::app::screen::SortKey::Num(v) => Some(v),
        _ => None,
    }
}

/// Checks one table with a total row: every column whose total is a number but not the sum of
/// the rows' (a rate, a ratio, a relative change) is declared recomputed, and the table's note
/// names it, so the screen and the exports say why the total is not the sum. Returns how many
/// such columns it found.
fn check_recomputed(table: &Table) -> Result<usize, TestCaseError> {
    let Some(total) = table.pinned.first() else {
        return Ok(0);
    };
    if !(table.sums || total.id == "total") {
        return Ok(0);
    }
    let declared = table.recomputed_columns();
    let note = table.total_note().unwrap_or_default();
    let mut found = 0;
    for c in 1..table.columns.len() {
        let Some(total_exact) = total.cells.get(c).and_then(exact) else {
            continue;
        };
        let rows: Option<Vec<Decimal>> = table
            .rows
            .iter()
            .filter(|r| !r.slice && r.cells.get(c).is_some_and(|x| !x.text.is_empty()))
            .map(|r| exact(&r.cells[c]))
            .collect();
        let Some(rows) = rows else { continue };
        if rows.iter().copied().sum::<Decimal>() == total_exact {
            continue;
        }
        found += 1;
        let title = &table.columns[c].title;
        prop_assert!(
            declared.contains(&c) && note.contains(title.as_str()),
            "{}: column {title}'s total {total_exact} is not the sum of its rows {rows:?}, \
             yet the table does not say it is recomputed (note: {note:?})",
            table.title
        );
    }
    Ok(found)
}

fn level() -> impl Strategy<Value = Level> {
    prop::sample::select(vec![
        Level::Ecosystem,
        Level::Region("central".into()),
        Level::Region("west".into()),
        Level::Group("g08".into()),
        Level::Group("g01".into()),
        Level::Dealer("d040".into()),
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn totals_shown_are_the_sums_of_the_rows_shown(
        period in 0usize..17,
        compared in prop::option::of(0usize..17),
        level in level(),
        dimensions in 0usize..5,
        models in 0usize..9,
    ) {
        let periods: Vec<_> = LIBRARY.periods().collect();
        let mut app = App::new(LIBRARY.clone(), Display::default()).expect("sample");
        app.update(Action::SetPeriod(periods[period % periods.len()]));
        app.update(Action::SetCompared(compared.map(|c| periods[c % periods.len()])));
        app.update(Action::DrillTo(level));
        for _ in 0..models {
            app.update(Action::NextModel);
        }
        for tab in Tab::ALL {
            app.update(Action::GoTab(tab));
            for _ in 0..dimensions {
                app.update(Action::NextDimension);
            }
            for block in &app.screen().blocks {
                if let Block::Table(table) = block {
                    check(table)?;
                    check_recomputed(table)?;
                }
            }
        }
    }
}

#[test]
fn the_rule_holds_where_the_issue_saw_it_broken() {
    // Segments by region, Sep 2026, accessory revenue: the rows added to $6.75M under $6.76M.
    let mut app = App::new(LIBRARY.clone(), Display::default()).expect("sample");
    app.update(Action::SetPeriod("2026-09".parse().expect("period")));
    app.update(Action::SetCompared(None));
    app.update(Action::GoTab(Tab::Segments));
    let Some(Block::Table(table)) = app.screen().blocks.first() else {
        panic!("a segments table");
    };
    let at = table
        .columns
        .iter()
        .position(|c| c.key == "accessory_revenue")
        .expect("accessory revenue");
    let shown: Vec<&str> = table
        .rows
        .iter()
        .map(|r| r.cells[at].text.as_str())
        .collect();
    assert_eq!(table.pinned[0].cells[at].text, "$6.76M");
    let sum: Decimal = shown.iter().filter_map(|t| read(t)).map(|(v, _)| v).sum();
    assert_eq!(sum, Decimal::from(6_760_000), "{shown:?}");
    assert!(
        check(table).is_ok_and(|n| n > 0),
        "the summing columns are checked"
    );
}

/// Segments by region, Oct 2026: each region's leads and vehicles sold, and the accessory
/// revenue total, recomputed here from the raw dealers of the snapshot (dealer → group →
/// region), match the table.
#[test]
fn segments_figures_match_the_raw_dealers() {
    use std::collections::BTreeMap;
    let mut app = App::new(LIBRARY.clone(), Display::default()).expect("sample");
    app.update(Action::SetCompared(None));
    app.update(Action::GoTab(Tab::Segments));
    let snapshot = app.snapshot().clone();
    let region_of_group: BTreeMap<&str, &str> = snapshot
        .dealer_groups
        .iter()
        .map(|g| (g.id.as_str(), g.region.as_str()))
        .collect();
    let mut leads: BTreeMap<&str, u64> = BTreeMap::new();
    let mut sold: BTreeMap<&str, u64> = BTreeMap::new();
    let mut accessory = Decimal::ZERO;
    for d in &snapshot.dealers {
        let region = region_of_group[d.group.as_str()];
        let f = &d.facts;
        *leads.entry(region).or_default() += f.leads.oem + f.leads.dealer + f.leads.partner;
        *sold.entry(region).or_default() += f.sales.new + f.sales.used;
        accessory += f.accessory_revenue.amount();
    }
    let Some(Block::Table(table)) = app.screen().blocks.first() else {
        panic!("a segments table");
    };
    let at = |key: &str| {
        table
            .columns
            .iter()
            .position(|c| c.key == key)
            .unwrap_or_else(|| panic!("no {key} column"))
    };
    let count = |text: &str| text.replace(',', "").parse::<u64>().expect("a count");
    for row in &table.rows {
        let region = row.id.as_str();
        assert_eq!(
            count(&row.cells[at("leads")].text),
            leads[region],
            "{region}"
        );
        assert_eq!(
            count(&row.cells[at("sales_total")].text),
            sold[region],
            "{region}"
        );
    }
    assert_eq!(table.rows.len(), leads.len());
    // The total, shown in millions to two decimals.
    let shown = read(&table.pinned[0].cells[at("accessory_revenue")].text).map(|(v, _)| v);
    let expected = (accessory / Decimal::from(10_000))
        .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        * Decimal::from(10_000);
    assert_eq!(shown, Some(expected));
}

/// The exact values of a column over the rows (slices left out, blank cells as nothing).
fn column_sum(table: &Table, key: &str) -> Decimal {
    let at = table
        .columns
        .iter()
        .position(|c| c.key == key)
        .unwrap_or_else(|| panic!("{}: no {key} column", table.title));
    table
        .rows
        .iter()
        .filter(|r| !r.slice)
        .filter_map(|r| exact(&r.cells[at]))
        .sum()
}

/// A column's exact value in the total row.
fn total_of(table: &Table, key: &str) -> Option<Decimal> {
    let at = table.columns.iter().position(|c| c.key == key)?;
    exact(&table.pinned[0].cells[at])
}

/// Every table with a total row on Oct 2026's screens says which of its columns are
/// recomputed rather than added, and the ROIs of the total rows are recomputed from the parts
/// the same tables show: (value − cost) / cost of the summed rows, not a sum of the rows' ROIs.
#[test]
fn ratio_totals_say_so_and_are_recomputed_from_the_parts_shown() {
    let mut app = App::new(LIBRARY.clone(), Display::default()).expect("sample");
    app.update(Action::SetCompared(None));
    let table = |app: &App, title: &str| -> Table {
        app.screen()
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(t) if t.title.starts_with(title) => Some(t.clone()),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no table {title}"))
    };
    app.update(Action::GoTab(Tab::Segments));
    let segments = table(&app, "Ecosystem by region");
    let note = segments
        .total_note()
        .expect("a note under the segments total");
    for title in ["SLA adherence", "Lead-to-sale rate", "EV share of new"] {
        assert!(note.contains(title), "{note}");
    }
    for title in ["Leads", "Vehicles sold", "Accessory revenue"] {
        assert!(!note.contains(title), "{note}");
    }

    app.update(Action::GoTab(Tab::Pnl));
    let tools = table(&app, "Tools");
    let cost = column_sum(&tools, "cost");
    let value = column_sum(&tools, "value");
    assert_eq!(total_of(&tools, "roi"), Some((value - cost) / cost));
    let note = tools.total_note().expect("a note under the tools' total");
    assert!(note.contains("ROI") && note.contains("Payback"), "{note}");
    assert!(!note.contains("Annual cost"), "{note}");

    app.update(Action::GoTab(Tab::Journeys));
    let journeys = table(&app, "Journeys");
    let cost = column_sum(&journeys, "cost");
    let margin = column_sum(&journeys, "gross_margin");
    assert_eq!(total_of(&journeys, "roi"), Some((margin - cost) / cost));
    assert!(journeys.total_note().is_some_and(|n| n.contains("ROI")));
}
