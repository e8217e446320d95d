//! Worked examples of every attribution model, computed by hand in the comments.
//!
//! Shown credits are decimals apportioned by the largest remainder method: the total is cut
//! into hundredths of a conversion (cents of value), each channel gets the whole units of its
//! quota, and the units left go to the largest fractional parts (lower channel first on a tie).

use rust_decimal::Decimal;

use ebr::attribution::models::markov::{chain::Chain, removal_effects};
use ebr::attribution::{Model, ModelError, ModelOptions, PathSet, PathSetBuilder, run};

/// `rows`: path as `A>B`, conversions, value, nulls.
fn paths(rows: &[(&str, u64, &str, u64)]) -> PathSet {
    let mut b = PathSetBuilder::new();
    for (i, (path, conv, value, nulls)) in rows.iter().enumerate() {
        b.push(
            path.split('>').map(|c| (c, None)),
            *conv,
            value.parse().unwrap(),
            *nulls,
            i,
        )
        .unwrap();
    }
    b.finish().unwrap()
}

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// Shown conversions and value per channel, as text.
fn shown(set: &PathSet, model: Model) -> Vec<(String, String, String)> {
    let run = run(model, set, &ModelOptions::default()).unwrap();
    set.channels()
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                c.clone(),
                run.credits.conversions[i].to_string(),
                run.credits.value[i].0.to_string(),
            )
        })
        .collect()
}

fn rows(expected: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    expected
        .iter()
        .map(|(c, n, v)| (c.to_string(), n.to_string(), v.to_string()))
        .collect()
}

/// The heuristic set, with days before conversion (half-life 7 days):
///
/// | path (days)            | conv | value  | nulls |
/// |------------------------|------|--------|-------|
/// | A(14) > B(7) > C(0)    | 3    | 300.00 | 1     |
/// | B(7) > C(0)            | 1    |  90.00 | 0     |
/// | C(0)                   | 1    |  10.00 | 2     |
/// | A(10) > D(3)           | 0    |   0.00 | 3     |
///
/// Totals: 5 conversions, 400.00. D is in no converting path, so every heuristic gives it 0.
/// Touches with days, conversions, value, nulls.
type Row = (&'static [(&'static str, u32)], u64, &'static str, u64);

fn heuristic_set() -> PathSet {
    let mut b = PathSetBuilder::new();
    let rows: [Row; 4] = [
        (&[("A", 14), ("B", 7), ("C", 0)], 3, "300.00", 1),
        (&[("B", 7), ("C", 0)], 1, "90.00", 0),
        (&[("C", 0)], 1, "10.00", 2),
        (&[("A", 10), ("D", 3)], 0, "0", 3),
    ];
    for (i, (touches, conv, value, nulls)) in rows.into_iter().enumerate() {
        b.push(
            touches.iter().map(|&(c, days)| (c, Some(days))),
            conv,
            d(value),
            nulls,
            i,
        )
        .unwrap();
    }
    b.finish().unwrap()
}

#[test]
fn first_touch_by_hand() {
    // Each path's outcome to its first channel: A gets path 1 (3, 300), B path 2 (1, 90),
    // C path 3 (1, 10); path 4 converts nothing.
    assert_eq!(
        shown(&heuristic_set(), Model::FirstTouch),
        rows(&[
            ("A", "3.00", "300.00"),
            ("B", "1.00", "90.00"),
            ("C", "1.00", "10.00"),
            ("D", "0.00", "0.00")
        ])
    );
}

#[test]
fn last_touch_by_hand() {
    // Every converting path ends in C: 3 + 1 + 1 = 5 conversions, 300 + 90 + 10 = 400.
    assert_eq!(
        shown(&heuristic_set(), Model::LastTouch),
        rows(&[
            ("A", "0.00", "0.00"),
            ("B", "0.00", "0.00"),
            ("C", "5.00", "400.00"),
            ("D", "0.00", "0.00")
        ])
    );
}

#[test]
fn linear_by_hand() {
    // Path 1: a third each: 1 conversion and 100 to A, B and C.
    // Path 2: half each: 0.5 and 45 to B and C. Path 3: all to C.
    // A = 1, 100; B = 1.5, 145; C = 1 + 0.5 + 1 = 2.5, 100 + 45 + 10 = 155.
    assert_eq!(
        shown(&heuristic_set(), Model::Linear),
        rows(&[
            ("A", "1.00", "100.00"),
            ("B", "1.50", "145.00"),
            ("C", "2.50", "155.00"),
            ("D", "0.00", "0.00")
        ])
    );
}

#[test]
fn position_based_by_hand() {
    // Path 1 (3 touches): 40/20/40 → A 1.2, 120; B 0.6, 60; C 1.2, 120.
    // Path 2 (2 touches): 50/50 → B 0.5, 45; C 0.5, 45. Path 3 (1 touch): 100 % → C 1, 10.
    // A = 1.2, 120; B = 1.1, 105; C = 2.7, 175.
    assert_eq!(
        shown(&heuristic_set(), Model::PositionBased),
        rows(&[
            ("A", "1.20", "120.00"),
            ("B", "1.10", "105.00"),
            ("C", "2.70", "175.00"),
            ("D", "0.00", "0.00")
        ])
    );
}

#[test]
fn time_decay_by_hand() {
    // Weight 2^(-days/7). Path 1: 14, 7, 0 days → 1/4, 1/2, 1, scaled by 4/7 → 1/7, 2/7, 4/7:
    //   A 3/7 conv, 300/7; B 6/7, 600/7; C 12/7, 1200/7.
    // Path 2: 7, 0 days → 1/2, 1 → 1/3, 2/3: B 1/3, 30; C 2/3, 60. Path 3: C 1, 10.
    // A = 9/21 = 0.428571, 42.857143
    // B = 25/21 = 1.190476, 115.714286
    // C = 71/21 = 3.380952, 241.428571          (sum 105/21 = 5, 400)
    // Hundredths (500): quotas 42.857, 119.048, 338.095 → 42 + 119 + 338 = 499, the unit left
    // goes to the largest fraction (A, .857) → 0.43, 1.19, 3.38.
    // Cents (40,000): quotas 4285.714, 11571.429, 24142.857 → 39,998, two cents left for C
    // (.857) and A (.714) → 42.86, 115.71, 241.43.
    assert_eq!(
        shown(&heuristic_set(), Model::TimeDecay),
        rows(&[
            ("A", "0.43", "42.86"),
            ("B", "1.19", "115.71"),
            ("C", "3.38", "241.43"),
            ("D", "0.00", "0.00")
        ])
    );
    // A half-life of 7 days is the default; 14 days spreads credit further back.
    let options = ModelOptions {
        half_life_days: 14.0,
    };
    let slower = run(Model::TimeDecay, &heuristic_set(), &options).unwrap();
    let faster = run(Model::TimeDecay, &heuristic_set(), &ModelOptions::default()).unwrap();
    assert!(slower.raw_conversions[0] > faster.raw_conversions[0]);
}

#[test]
fn time_decay_refuses_paths_without_days_and_bad_half_lives() {
    let set = paths(&[("A>B", 1, "10", 0), ("B", 1, "5", 0)]);
    let err = run(Model::TimeDecay, &set, &ModelOptions::default()).unwrap_err();
    assert_eq!(err, ModelError::MissingDays { origin: 0 });
    let options = ModelOptions {
        half_life_days: 0.0,
    };
    let err = run(Model::TimeDecay, &heuristic_set(), &options).unwrap_err();
    assert_eq!(err, ModelError::InvalidHalfLife(0.0));
}

/// With nulls: A > B (1 conversion, 100.00), B (1 conversion, 50.00), A > C (1 null).
///
/// First order. Counts leaving each state: start → A 2, start → B 1; A → B 1, A → C 1;
/// B → conversion 2; C → null 1. Transition matrix (rows sum to 1):
///
/// |       | A   | B   | C   | conv | null |
/// |-------|-----|-----|-----|------|------|
/// | start | 2/3 | 1/3 |     |      |      |
/// | A     |     | 1/2 | 1/2 |      |      |
/// | B     |     |     |     | 1    |      |
/// | C     |     |     |     |      | 1    |
///
/// Conversion probability x: x_B = 1, x_C = 0, x_A = 1/2·1 + 1/2·0 = 1/2;
/// P = 2/3·1/2 + 1/3·1 = 2/3 (= 2 conversions / 3 journeys).
/// Remove A (start → A goes to null): P = 1/3·1 = 1/3, effect 1 - (1/3)/(2/3) = 1/2.
/// Remove B: x_A = 0, P = 0, effect 1. Remove C: nothing changes, effect 0.
/// Shares 0.5 : 1 : 0 → A 1/3, B 2/3 of 2 conversions = 0.67, 1.33.
/// Value: expected value of the next step y = value ending there / journeys leaving:
/// y_B = 150/2 = 75, y_A = 1/2·75 = 37.5, V = 2/3·37.5 + 1/3·75 = 50 (= 150 / 3).
/// Remove A: V = 1/3·75 = 25, effect 1/2; remove B: V = 0, effect 1 → 50.00, 100.00.
#[test]
fn markov_first_order_with_nulls_by_hand() {
    let set = paths(&[
        ("A>B", 1, "100.00", 0),
        ("B", 1, "50.00", 0),
        ("A>C", 0, "0", 1),
    ]);
    let details = removal_effects(&set, 1).unwrap();
    assert!((details.conversion_probability - 2.0 / 3.0).abs() < 1e-15);
    assert!((details.value_per_journey - 50.0).abs() < 1e-12);
    assert_close(&details.removal_effects, &[0.5, 1.0, 0.0]);
    assert_close(&details.value_removal_effects, &[0.5, 1.0, 0.0]);
    assert_eq!(
        shown(&set, Model::Markov1),
        rows(&[
            ("A", "0.67", "50.00"),
            ("B", "1.33", "100.00"),
            ("C", "0.00", "0.00")
        ])
    );
}

/// Same paths, second order: states (A), (B), (A,B), (A,C).
/// start → (A) 2/3, start → (B) 1/3; (A) → (A,B) 1/2, (A) → (A,C) 1/2;
/// (A,B) → conversion 1, (B) → conversion 1, (A,C) → null 1. P = 2/3 as before.
/// Conversion effects are unchanged (A 1/2, B 1, C 0), but value now follows the path:
/// y_(A,B) = 100, y_(B) = 50, y_(A) = 1/2·100 = 50, V = 2/3·50 + 1/3·50 = 50.
/// Remove A (states (A), (A,B), (A,C)): V = 1/3·50, effect 2/3. Remove B ((B), (A,B)): V = 0,
/// effect 1. Value shares 2/3 : 1 → 2/5, 3/5 of 150 = 60.00, 90.00.
#[test]
fn markov_second_order_with_nulls_by_hand() {
    let set = paths(&[
        ("A>B", 1, "100.00", 0),
        ("B", 1, "50.00", 0),
        ("A>C", 0, "0", 1),
    ]);
    let details = removal_effects(&set, 2).unwrap();
    assert_eq!(details.states, 4);
    assert_close(&details.removal_effects, &[0.5, 1.0, 0.0]);
    assert_close(&details.value_removal_effects, &[2.0 / 3.0, 1.0, 0.0]);
    assert_eq!(
        shown(&set, Model::Markov2),
        rows(&[
            ("A", "0.67", "60.00"),
            ("B", "1.33", "90.00"),
            ("C", "0.00", "0.00")
        ])
    );
}

/// Without nulls: A > C (1 conversion, 60), B > C (1, 40), C (3, 100). Every journey converts.
/// First order: start → A 1/5, B 1/5, C 3/5; A → C 1, B → C 1; C → conversion 1. P = 1.
/// Remove A: P = 1/5 + 3/5 = 4/5, effect 1/5; B likewise 1/5; remove C: P = 0, effect 1.
/// Shares 1/7, 1/7, 5/7 of 5 conversions: quotas 71.43, 71.43, 357.14 hundredths → 499, one
/// unit left, tie between A and B (.43) → the lower channel, A: 0.72, 0.71, 3.57.
/// Value: y_C = 200/5 = 40 = y_A = y_B, the same effects → 1/7, 1/7, 5/7 of 200:
/// 2857.14, 2857.14, 14285.71 cents → one cent left for C (.71): 28.57, 28.57, 142.86.
/// Second order sees that A's path was worth 60 and B's 40: y_(A,C) = 60, y_(B,C) = 40,
/// y_(C) = 100/3; V = 12 + 8 + 20 = 40; without A: 28 (effect 0.3); without B: 32 (0.2);
/// without C: 0 (1) → value shares 0.2, 2/15, 2/3 = 40.00, 26.67, 133.33.
#[test]
fn markov_without_nulls_by_hand() {
    let set = paths(&[("A>C", 1, "60", 0), ("B>C", 1, "40", 0), ("C", 3, "100", 0)]);
    let first = removal_effects(&set, 1).unwrap();
    assert!((first.conversion_probability - 1.0).abs() < 1e-15);
    assert_close(&first.removal_effects, &[0.2, 0.2, 1.0]);
    assert_eq!(
        shown(&set, Model::Markov1),
        rows(&[
            ("A", "0.72", "28.57"),
            ("B", "0.71", "28.57"),
            ("C", "3.57", "142.86")
        ])
    );
    let second = removal_effects(&set, 2).unwrap();
    assert_close(&second.value_removal_effects, &[0.3, 0.2, 1.0]);
    assert_eq!(
        shown(&set, Model::Markov2),
        rows(&[
            ("A", "0.72", "40.00"),
            ("B", "0.71", "26.67"),
            ("C", "3.57", "133.33")
        ])
    );
}

/// A > C converts once, B > C once does not. First order mixes both journeys in state C:
/// x_C = 1/2, so B, which never led to a conversion, still has effect 1/2 (A 1/2, C 1):
/// shares 1/4, 1/4, 1/2 of 1 conversion. Second order keeps (A,C) → conversion apart from
/// (B,C) → null: removing B changes nothing, so B gets 0 (A 1, C 1: 1/2 each).
#[test]
fn markov_first_order_credits_a_channel_in_no_converting_path_and_second_order_does_not() {
    let set = paths(&[("A>C", 1, "10", 0), ("B>C", 0, "0", 1)]);
    let first = removal_effects(&set, 1).unwrap();
    assert_close(&first.removal_effects, &[0.5, 0.5, 1.0]);
    assert_eq!(
        shown(&set, Model::Markov1),
        rows(&[
            ("A", "0.25", "2.50"),
            ("B", "0.25", "2.50"),
            ("C", "0.50", "5.00")
        ])
    );
    let second = removal_effects(&set, 2).unwrap();
    assert_close(&second.removal_effects, &[1.0, 0.0, 1.0]);
    assert_eq!(
        shown(&set, Model::Markov2),
        rows(&[
            ("A", "0.50", "5.00"),
            ("B", "0.00", "0.00"),
            ("C", "0.50", "5.00")
        ])
    );
}

/// Repeated consecutive channels are one state visit: A > A > B equals A > B for Markov, but not
/// for linear (A is touched twice there).
#[test]
fn markov_collapses_repeats_heuristics_do_not() {
    let repeated = paths(&[("A>A>B", 1, "30", 0), ("A>C", 0, "0", 1)]);
    let single = paths(&[("A>B", 1, "30", 0), ("A>C", 0, "0", 1)]);
    for model in [Model::Markov1, Model::Markov2, Model::Markov3] {
        assert_eq!(shown(&repeated, model), shown(&single, model), "{model}");
    }
    assert_eq!(
        shown(&repeated, Model::Linear)[0],
        ("A".into(), "0.67".into(), "20.00".into())
    );
}

#[test]
fn third_order_states_are_the_last_three_channels() {
    // A > B > C > D gives states (A), (A,B), (A,B,C), (B,C,D): four, not five.
    let set = paths(&[("A>B>C>D", 1, "1", 0)]);
    let chain = Chain::build(&set, 3);
    let states: Vec<Vec<u16>> = chain.states.iter().map(|s| s.0.clone()).collect();
    assert_eq!(
        states,
        vec![vec![0], vec![0, 1], vec![0, 1, 2], vec![1, 2, 3]]
    );
}

fn assert_close(found: &[f64], expected: &[f64]) {
    assert_eq!(found.len(), expected.len());
    for (f, e) in found.iter().zip(expected) {
        assert!((f - e).abs() < 1e-12, "{found:?} != {expected:?}");
    }
}
