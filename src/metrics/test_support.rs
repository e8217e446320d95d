//! Small hand-made snapshots for unit tests of roll-ups and comparisons.

use chrono::{TimeZone, Utc};

use crate::model::{
    Customers, Dealer, DealerFacts, DealerGroup, Ecosystem, Locale, Money, Pipeline, Region,
    SizeBand, Snapshot, Tier, Tool, ToolCategory, ToolCost, ToolOwner, ValueDriver,
};

/// An empty snapshot of `period` (e.g. `2026-10`) with no regions, groups or dealers.
pub fn empty_snapshot(period: &str) -> Snapshot {
    let ecosystem = Ecosystem {
        id: "aurora".into(),
        name: "Aurora Motors".into(),
        oem: "Aurora".into(),
        currency: "USD".into(),
    };
    let generated_at = Utc.with_ymd_and_hms(2026, 11, 2, 8, 0, 0).unwrap();
    Snapshot::empty(
        ecosystem,
        period.parse().expect("test period"),
        generated_at,
    )
}

/// Adds a region.
pub fn region(s: &mut Snapshot, id: &str, name: &str) {
    s.regions.push(Region {
        id: id.into(),
        name: name.into(),
    });
}

/// Adds a dealer group.
pub fn group(s: &mut Snapshot, id: &str, name: &str, region: &str, tier: Tier) {
    s.dealer_groups.push(DealerGroup {
        id: id.into(),
        name: name.into(),
        region: region.into(),
        tier,
    });
}

/// Adds a dealer with `leads` OEM leads, `sla` of them answered in SLA and `sold` new
/// vehicles; everything else zero.
pub fn dealer(
    s: &mut Snapshot,
    id: &str,
    name: &str,
    group: &str,
    leads: u64,
    sla: u64,
    sold: u64,
) {
    let mut facts = DealerFacts::default();
    facts.leads.oem = leads;
    facts.leads_responded = sla;
    facts.leads_answered_in_sla = sla;
    facts.sales.new = sold;
    s.dealers.push(Dealer {
        id: id.into(),
        name: name.into(),
        group: group.into(),
        locale: Locale::Metro,
        size_band: SizeBand::Medium,
        ev_certified: true,
        facts,
        pipeline: Pipeline::default(),
        customers: Customers::default(),
        credits: Vec::new(),
        closed_on: None,
    });
}

/// A CRM tool costing `annual` a year in licences, with `active` of `seats` in use.
pub fn tool(id: &str, annual: i64, seats: u64, active: u64, drivers: &[ValueDriver]) -> Tool {
    Tool {
        id: id.into(),
        name: id.to_uppercase(),
        category: ToolCategory::Crm,
        owner: ToolOwner::Oem,
        annual_cost: ToolCost {
            licences: Money::from(annual),
            ..ToolCost::default()
        },
        seats,
        active_users: active,
        dealers_adopted: 0,
        value_drivers: drivers.to_vec(),
    }
}
