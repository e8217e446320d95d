//! Widths, filtering and sorting of view-model tables.

use super::*;

fn table() -> Table {
    let row = |id: &str, v: Option<i64>| {
        Row::new(
            id,
            &id.to_uppercase(),
            vec![
                Cell::text(id),
                Cell::num("x", v.map(Decimal::from)).mark(Some(Mark::Better)),
            ],
        )
    };
    Table::new(
        "t",
        vec![
            Column::new("name", "Name", "Name", Align::Left, 0),
            Column::new("v", "Value", "V", Align::Right, 1),
        ],
        vec![],
        vec![
            row("north", Some(3)),
            row("south", None),
            row("east", Some(10)),
            row("west", Some(3)),
        ],
    )
}

#[test]
fn widths_cover_the_widest_cell_and_its_mark() {
    let t = table();
    assert_eq!(t.columns[0].width, 5);
    assert_eq!(t.columns[1].width, 3);
}

#[test]
fn filter_matches_names_ignoring_case() {
    let t = table();
    assert_eq!(t.visible("ST", None), vec![2, 3]);
    assert_eq!(t.visible("", None), vec![0, 1, 2, 3]);
    assert!(t.visible("zzz", None).is_empty());
}

#[test]
fn sorting_is_stable_and_puts_missing_last_both_ways() {
    let t = table();
    let desc = Sort {
        column: "v".into(),
        descending: true,
    };
    assert_eq!(t.visible("", Some(&desc)), vec![2, 0, 3, 1]);
    let asc = Sort {
        descending: false,
        ..desc
    };
    assert_eq!(t.visible("", Some(&asc)), vec![0, 3, 2, 1]);
    let unknown = Sort {
        column: "nope".into(),
        descending: true,
    };
    assert_eq!(t.visible("", Some(&unknown)), vec![0, 1, 2, 3]);
}
