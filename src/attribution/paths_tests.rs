//! Unit tests of the canonical path set.

use super::*;

fn build(rows: &[(&str, u64, i64, u64)]) -> PathSet {
    let mut b = PathSetBuilder::new();
    for (i, (path, conv, value, nulls)) in rows.iter().enumerate() {
        b.push(
            path.split('>').map(|c| (c, None)),
            *conv,
            Decimal::from(*value),
            *nulls,
            i,
        )
        .unwrap();
    }
    b.finish().unwrap()
}

#[test]
fn interns_sorts_and_merges_identical_paths() {
    let set = build(&[("b > a", 1, 10, 0), ("c", 0, 0, 2), ("b>a", 2, 5, 1)]);
    assert_eq!(set.channels(), ["a", "b", "c"]);
    let paths: Vec<_> = set.paths().collect();
    assert_eq!(paths.len(), 2);
    assert_eq!(paths[0].channels, [1, 0]);
    assert_eq!((paths[0].conversions, paths[0].nulls), (3, 1));
    assert_eq!(paths[0].value, Decimal::from(15));
    assert_eq!(paths[0].origin, 0);
    let totals = set.totals();
    assert_eq!((totals.paths, totals.conversions, totals.nulls), (2, 3, 3));
    assert_eq!(totals.value, Decimal::from(15));
}

#[test]
fn declared_channels_keep_their_order_and_show_unused() {
    let mut b = PathSetBuilder::with_channels(["z", "y"]);
    b.push([("x", Some(3)), ("z", Some(0))], 1, Decimal::ONE, 0, 0)
        .unwrap();
    let set = b.finish().unwrap();
    assert_eq!(set.channels(), ["z", "y", "x"]);
    let path = set.paths().next().unwrap();
    assert_eq!(path.channels, [2, 0]);
    assert_eq!(path.days, Some(&[3, 0][..]));
}

#[test]
fn a_path_with_days_on_some_touches_has_no_days() {
    let mut b = PathSetBuilder::new();
    b.push([("a", Some(1)), ("b", None)], 1, Decimal::ONE, 0, 0)
        .unwrap();
    let set = b.finish().unwrap();
    assert_eq!(set.paths().next().unwrap().days, None);
}

#[test]
fn refuses_bad_paths_and_leaves_no_trace() {
    let mut b = PathSetBuilder::new();
    let e = b.push([("a", None), (" ", None)], 1, Decimal::ONE, 0, 0);
    assert_eq!(e, Err(PathProblem::EmptyChannel { touch: 2 }));
    let e = b.push([], 1, Decimal::ONE, 0, 0);
    assert_eq!(e, Err(PathProblem::EmptyPath));
    let e = b.push([("a", None)], 1, Decimal::NEGATIVE_ONE, 0, 0);
    assert_eq!(e, Err(PathProblem::NegativeValue(Decimal::NEGATIVE_ONE)));
    let e = b.push([("a", None)], 0, Decimal::ONE, 1, 0);
    assert_eq!(e, Err(PathProblem::ValueWithoutConversions(Decimal::ONE)));
    let set = b.finish().unwrap();
    assert_eq!(set.touch_count(), 0);
    assert!(set.channels().is_empty());
    assert_eq!(set.totals(), Totals::default());
}
