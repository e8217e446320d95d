//! Proptest strategies for snapshots: a random hierarchy with random facts, where zeros are
//! common so empty denominators are exercised at every level.

#![allow(dead_code)]

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use proptest::sample::Index;
use rust_decimal::Decimal;

use ebr::model::{
    Customers, DealStats, Dealer, DealerFacts, DealerGroup, Ecosystem, LeadsBySource, Locale,
    MarketingSpend, Money, Pipeline, Region, Sales, SizeBand, Snapshot, Tier,
};

/// A count, zero one time in three.
pub fn count() -> impl Strategy<Value = u64> {
    prop_oneof![1 => Just(0u64), 2 => 0u64..5_000_000]
}

/// Money in cents, zero one time in four, occasionally negative (credits, refunds).
pub fn money() -> impl Strategy<Value = Money> {
    prop_oneof![
        1 => Just(Money::ZERO),
        3 => (-1_000_000i64..100_000_000_000).prop_map(|c| Money(Decimal::new(c, 2))),
    ]
}

fn deal_stats(c: &[u64], m: &[Money]) -> DealStats {
    DealStats {
        opened: c[0],
        pipeline_value: m[0],
        won: c[1],
        lost: c[2],
        won_revenue: m[1],
        days_to_close_sum: c[3],
    }
}

/// A part no larger than its whole, as `check` guarantees for loaded snapshots.
fn part(draw: u64, whole: u64) -> u64 {
    draw % (whole + 1)
}

/// Dealer facts, pipeline and customers from 40 counts and 16 amounts; every part that
/// `check` requires to be at most its whole is drawn below it.
fn parts(c: &[u64], m: &[Money]) -> (DealerFacts, Pipeline, Customers) {
    let leads = c[0] + c[1] + c[2];
    let responded = part(c[3], leads);
    let new = c[10];
    let due = c[16];
    let offered = c[18];
    let responses = c[20] % 10_000;
    let made = c[8];
    let active = c[35];
    let facts = DealerFacts {
        leads: LeadsBySource {
            oem: c[0],
            dealer: c[1],
            partner: c[2],
        },
        leads_responded: responded,
        leads_answered_in_sla: part(c[4], responded),
        response_minutes_sum: c[5],
        test_drives: c[6],
        quotes: c[7],
        offers_made: made,
        offers_accepted: part(c[9], made),
        sales: Sales {
            new,
            used: c[11],
            ev: part(c[12], new),
            fleet: part(c[13], new),
        },
        sales_from_leads: part(c[14], leads),
        service_repair_orders: c[15],
        service_customers_due: due,
        service_customers_retained: part(c[17], due),
        accessory_revenue: m[0],
        campaigns_offered: offered,
        campaigns_joined: part(c[19], offered),
        csat_responses: responses,
        csat_score_sum: part(c[21], responses * 100),
        marketing_spend: MarketingSpend {
            local: m[1],
            coop: m[2],
        },
        sales_consultants: c[22] % 200,
        without_leads: Default::default(),
    };
    let pipeline = Pipeline {
        partner_sourced: deal_stats(&c[23..27], &m[3..5]),
        partner_influenced: deal_stats(&c[27..31], &m[5..7]),
        no_partner: deal_stats(&c[31..35], &m[7..9]),
    };
    let customers = Customers {
        active_owners: active,
        owners_serviced_12m: part(c[36], active),
        repeat_purchasers: c[37],
        new_customers: c[38],
        owner_service_gross: m[9],
        owner_accessory_gross: m[10],
        conquest_spend: m[11],
        loyalty_spend: m[12],
    };
    (facts, pipeline, customers)
}

/// One dealer's random parts and attributes; the group is picked later from an index.
fn dealer_draw() -> impl Strategy<Value = (Vec<u64>, Vec<Money>, Index, u8, bool)> {
    (
        prop::collection::vec(count(), 40),
        prop::collection::vec(money(), 16),
        any::<Index>(),
        0u8..6,
        any::<bool>(),
    )
}

/// A snapshot of `period` with 1-4 regions, 1-8 groups and 0-`max_dealers` dealers, every
/// reference valid.
pub fn snapshot(period: &'static str, max_dealers: usize) -> impl Strategy<Value = Snapshot> {
    (
        1usize..=4,
        prop::collection::vec((any::<Index>(), 0u8..3), 1..=8),
        prop::collection::vec(dealer_draw(), 0..=max_dealers),
    )
        .prop_map(move |(regions, groups, dealers)| {
            let mut s = empty(period);
            s.regions = (0..regions)
                .map(|r| Region {
                    id: format!("r{r}").as_str().into(),
                    name: format!("Region {r}"),
                })
                .collect();
            s.dealer_groups = groups
                .iter()
                .enumerate()
                .map(|(g, (region, tier))| DealerGroup {
                    id: format!("g{g}").as_str().into(),
                    name: format!("Group {g}"),
                    region: format!("r{}", region.index(regions)).as_str().into(),
                    tier: [Tier::Platinum, Tier::Gold, Tier::Silver][usize::from(*tier)],
                })
                .collect();
            s.dealers = dealers
                .iter()
                .enumerate()
                .map(|(d, (c, m, group, attrs, ev))| {
                    let (facts, pipeline, customers) = parts(c, m);
                    Dealer {
                        id: format!("d{d}").as_str().into(),
                        name: format!("Dealer {d}"),
                        group: format!("g{}", group.index(groups.len())).as_str().into(),
                        locale: [Locale::Metro, Locale::Rural][usize::from(attrs % 2)],
                        size_band: [SizeBand::Small, SizeBand::Medium, SizeBand::Large]
                            [usize::from(attrs / 2)],
                        ev_certified: *ev,
                        facts,
                        pipeline,
                        customers,
                        credits: Vec::new(),
                        closed_on: None,
                    }
                })
                .collect();
            s
        })
}

/// An empty snapshot of `period`.
pub fn empty(period: &str) -> Snapshot {
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
