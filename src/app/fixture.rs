//! A small hand-made library for the app's unit tests: two regions, three dealer groups, five
//! dealers (one with no leads, so its ratios are "n/a").

use crate::metrics::test_support::{dealer, empty_snapshot, group, region};
use crate::model::{Library, Snapshot, Tier};

/// West: Sunset Auto (2 dealers), Coast Motors (1); East: Harbor Group (2, one without leads).
pub fn snapshot() -> Snapshot {
    let mut s = empty_snapshot("2026-10");
    region(&mut s, "west", "West");
    region(&mut s, "east", "East");
    group(&mut s, "g1", "Sunset Auto", "west", Tier::Gold);
    group(&mut s, "g2", "Coast Motors", "west", Tier::Platinum);
    group(&mut s, "g3", "Harbor Group", "east", Tier::Silver);
    dealer(&mut s, "d1", "Sunset North", "g1", 100, 90, 10);
    dealer(&mut s, "d2", "Sunset South", "g1", 50, 20, 3);
    dealer(&mut s, "d3", "Coast Central", "g2", 80, 70, 8);
    dealer(&mut s, "d4", "Harbor One", "g3", 0, 0, 0);
    dealer(&mut s, "d5", "Harbor Two", "g3", 40, 30, 5);
    s
}

/// The snapshot above as a library.
pub fn library() -> Library {
    let mut library = Library::new();
    library.insert(snapshot()).expect("one period");
    library
}

/// September against the October above: Harbor One (d4) is new in October, Harbor Three
/// (d6) is gone by October, Coast Central (d3) was called Coast Centre; Sunset North answered
/// fewer leads in SLA.
pub fn september() -> Snapshot {
    let mut s = empty_snapshot("2026-09");
    region(&mut s, "west", "West");
    region(&mut s, "east", "East");
    group(&mut s, "g1", "Sunset Auto", "west", Tier::Gold);
    group(&mut s, "g2", "Coast Motors", "west", Tier::Platinum);
    group(&mut s, "g3", "Harbor Group", "east", Tier::Silver);
    dealer(&mut s, "d1", "Sunset North", "g1", 100, 70, 9);
    dealer(&mut s, "d2", "Sunset South", "g1", 50, 20, 3);
    dealer(&mut s, "d3", "Coast Centre", "g2", 80, 72, 8);
    dealer(&mut s, "d5", "Harbor Two", "g3", 40, 30, 5);
    dealer(&mut s, "d6", "Harbor Three", "g3", 30, 10, 2);
    s
}

/// August: the same network as September with other figures, so three months give trends.
pub fn august() -> Snapshot {
    let mut s = september();
    s.period = empty_snapshot("2026-08").period;
    for d in &mut s.dealers {
        d.facts.leads_answered_in_sla = d.facts.leads_answered_in_sla * 3 / 4;
        d.facts.leads_responded = d.facts.leads_answered_in_sla;
    }
    s
}

/// August, September and October.
pub fn months() -> Library {
    let mut library = Library::new();
    for s in [august(), september(), snapshot()] {
        library.insert(s).expect("one snapshot per month");
    }
    library
}
