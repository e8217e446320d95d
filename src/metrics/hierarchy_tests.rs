//! Unit tests of the drill hierarchy on a small hand-made ecosystem.

use super::*;
use crate::metrics::test_support::{dealer, empty_snapshot, group, region};
use crate::model::Tier;
use rust_decimal::Decimal;

/// West: group g1 (two dealers) and g2 (one); East: group g3 (one dealer).
fn card() -> Scorecard {
    let mut s = empty_snapshot("2026-10");
    region(&mut s, "west", "West");
    region(&mut s, "east", "East");
    group(&mut s, "g1", "Sunset Auto", "west", Tier::Gold);
    group(&mut s, "g2", "Coast Motors", "west", Tier::Platinum);
    group(&mut s, "g3", "Harbor Group", "east", Tier::Gold);
    dealer(&mut s, "d1", "Sunset North", "g1", 100, 90, 10);
    dealer(&mut s, "d2", "Sunset South", "g1", 10, 1, 1);
    dealer(&mut s, "d3", "Coast Central", "g2", 50, 25, 5);
    dealer(&mut s, "d4", "Harbor One", "g3", 0, 0, 0);
    Scorecard::new(Arc::new(s))
}

fn rate(num: i64, den: i64) -> Option<Decimal> {
    Some(Decimal::from(num) / Decimal::from(den))
}

#[test]
fn a_group_rate_is_summed_parts_not_the_average_of_dealer_rates() {
    let card = card();
    let g1 = Level::Group("g1".into());
    // Dealers at 90 % and 10 % average 50 %, but the group answered 91 of 110.
    assert_eq!(card.value(&g1, Metric::SlaAdherence), rate(91, 110));
    assert_eq!(
        card.value(&Level::Region("west".into()), Metric::SlaAdherence),
        rate(116, 160)
    );
    assert_eq!(
        card.value(&Level::Ecosystem, Metric::Leads),
        Some(160.into())
    );
    // A dealer without leads has no SLA adherence, not 0 %.
    assert_eq!(
        card.value(&Level::Dealer("d4".into()), Metric::SlaAdherence),
        None
    );
    assert_eq!(
        card.value(&Level::Region("east".into()), Metric::SlaAdherence),
        None
    );
}

#[test]
fn drills_down_and_back_up() {
    let card = card();
    let names = |nodes: Vec<Node<'_>>| nodes.iter().map(|n| n.name.to_owned()).collect::<Vec<_>>();
    assert_eq!(names(card.children(&Level::Ecosystem)), ["West", "East"]);
    assert_eq!(
        names(card.children(&Level::Region("west".into()))),
        ["Sunset Auto", "Coast Motors"]
    );
    assert_eq!(
        names(card.children(&Level::Group("g1".into()))),
        ["Sunset North", "Sunset South"]
    );
    assert!(card.children(&Level::Dealer("d1".into())).is_empty());
    assert_eq!(
        card.path(&Level::Dealer("d3".into())),
        [
            Level::Ecosystem,
            Level::Region("west".into()),
            Level::Group("g2".into()),
            Level::Dealer("d3".into())
        ]
    );
    assert_eq!(card.name(&Level::Ecosystem), Some("Aurora Motors"));
    assert_eq!(card.node(&Level::Dealer("nope".into())).map(|n| n.id), None);
    assert_eq!(card.dealers_under(&Level::Region("west".into())).len(), 3);
    let child = card.children(&Level::Ecosystem)[1];
    assert_eq!(child.level(), Level::Region("east".into()));
}

#[test]
fn a_dealer_in_an_unknown_group_still_counts_in_the_total() {
    let mut s = empty_snapshot("2026-10");
    region(&mut s, "west", "West");
    group(&mut s, "g1", "Sunset Auto", "west", Tier::Gold);
    dealer(&mut s, "d1", "Sunset North", "g1", 100, 90, 10);
    dealer(&mut s, "d9", "Stray", "missing", 7, 7, 1);
    let card = Scorecard::new(Arc::new(s));
    assert_eq!(card.total().dealers, 2);
    assert_eq!(
        card.value(&Level::Ecosystem, Metric::Leads),
        Some(107.into())
    );
    assert_eq!(
        card.parent(&Level::Dealer("d9".into())),
        Some(Level::Ecosystem)
    );
    let tiers = card.segments(Segmentation::Tier);
    assert_eq!(tiers.last().map(|s| s.key.as_str()), Some("unassigned"));
    let sum: Rollup = tiers.iter().map(|s| &s.rollup).sum();
    assert_eq!(&sum, card.total());
}

#[test]
fn segments_cover_every_dealer_once() {
    let card = card();
    for seg in Segmentation::ALL {
        let segments = card.segments(seg);
        let sum: Rollup = segments.iter().map(|s| &s.rollup).sum();
        assert_eq!(&sum, card.total(), "{seg:?}");
    }
    let tiers = card.segments(Segmentation::Tier);
    let keys: Vec<_> = tiers
        .iter()
        .map(|s| (s.key.as_str(), s.rollup.dealers))
        .collect();
    assert_eq!(keys, [("platinum", 1), ("gold", 3), ("silver", 0)]);
}

#[test]
fn a_quarter_marks_its_rollups_as_three_months() {
    let mut s = empty_snapshot("2026-Q4");
    region(&mut s, "west", "West");
    let card = Scorecard::new(Arc::new(s));
    assert_eq!(card.total().period_months, 3);
    assert_eq!(
        card.regions().next().map(|n| n.rollup.period_months),
        Some(3)
    );
}
