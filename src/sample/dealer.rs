//! One dealer's month: shared-scorecard facts, pipeline by partner role, customers and credits.
//!
//! Every part is drawn no larger than its whole (answered within SLA ≤ answered ≤ leads, EV ≤
//! new, sourced credit ≤ booked total...), so the sample passes the loader's validation by
//! construction rather than by luck.

use crate::model::{
    Credit, CreditRole, Customers, DealStats, Dealer, DealerFacts, LeadsBySource, MarketingSpend,
    Pipeline, Sales,
};

use super::network::{DealerProfile, Network, actor, stream};
use super::rng::{Rng, count, part_of};
use super::timeline::{Month, cents, money, ordinal, permille, to_permille};

/// Average transaction prices the deal values are drawn around (new and used).
const NEW_PRICE: f64 = 48_500.0;
const USED_PRICE: f64 = 28_500.0;

/// The dealer `i` of the network in `month`.
pub fn dealer_month(seed: u64, net: &Network, i: usize, month: &Month) -> Dealer {
    let p = &net.dealers[i];
    let mut rng = Rng::keyed(
        seed,
        &[stream::DEALER_MONTH, i as u64, ordinal(month.period)],
    );
    let (facts, money_in_cents) = facts(p, month, &mut rng);
    let (pipeline, buckets) = pipeline(&facts, &mut rng);
    let customers = customers(p, &facts, money_in_cents, month, &mut rng);
    let credits = credits(net, &facts, &buckets, month, &mut rng);
    Dealer {
        id: p.id.clone(),
        name: p.name.clone(),
        group: net.groups[p.group].id.clone(),
        locale: p.locale,
        size_band: p.size_band,
        ev_certified: p.ev_certified,
        facts,
        pipeline,
        customers,
        credits,
        closed_on: None,
    }
}

/// Amounts of the facts in cents, which customers split further without going back to Decimal.
#[derive(Clone, Copy, Debug)]
struct FactCents {
    marketing: i64,
    accessories: i64,
}

fn facts(p: &DealerProfile, m: &Month, rng: &mut Rng) -> (DealerFacts, FactCents) {
    let demand = p.base_new * m.sales_season * m.growth;
    let new = count(demand * rng.jitter(0.10));
    let used = count(demand * p.used_ratio * rng.jitter(0.08));
    // EV share of a certified dealer's new sales climbs from about 12 % to 14 %.
    let ev_share = 0.118 + 0.024 * m.retention_shift;
    let ev = if p.ev_certified {
        part_of(new, ev_share * rng.jitter(0.25))
    } else {
        0
    };
    let fleet = part_of(new, p.fleet_share * rng.jitter(0.4));

    let no_leads = p.zero_leads_at == Some(m.t);
    let lead_total = if no_leads {
        0
    } else {
        count(demand * p.leads_per_sale * rng.jitter(0.10))
    };
    let oem = part_of(lead_total, 0.36 * rng.jitter(0.1));
    let partner = part_of(lead_total - oem, 0.30 * rng.jitter(0.15));
    let leads = LeadsBySource {
        oem,
        dealer: lead_total - oem - partner,
        partner,
    };
    let uptake = m.rollout * p.rollout_uptake;
    let responded = part_of(lead_total, rng.range(0.95, 0.995));
    let sla = (p.sla_base + 0.15 * uptake + rng.range(-0.02, 0.02)).min(0.97);
    let answered_in_sla = part_of(responded, sla);
    let minutes = (p.response_base * (1.0 - 0.5 * uptake) * rng.jitter(0.1)).max(6.0);
    let close = p.close_rate * (1.0 + 0.08 * uptake) * rng.jitter(0.12);
    let sales_from_leads = part_of(lead_total, close).min(new + used);

    let offers_made = count((new + used) as f64 * 0.8 * rng.jitter(0.08));
    let service_due = count(p.base_new * 2.1 * rng.jitter(0.1));
    let retention = p.retention_base + 0.06 * m.retention_shift + rng.range(-0.03, 0.03);
    let owners = p.owners_base * (1.0 + 0.004 * m.t as f64);
    let repair_orders = count(owners * 0.17 * m.service_season * rng.jitter(0.06));
    let csat_responses =
        count(((new + used) as f64 * 0.3 + repair_orders as f64 * 0.06) * rng.jitter(0.1));
    let csat = (p.csat_base + 2.0 * uptake + rng.range(-1.5, 1.5)).min(99.0);
    let spend = cents(new as f64 * p.spend_per_new * rng.jitter(0.08));
    let coop = permille(spend, to_permille(p.coop_share));
    let accessories = cents(
        new as f64 * 850.0 * rng.jitter(0.15) + repair_orders as f64 * 45.0 * rng.jitter(0.1),
    );

    let facts = DealerFacts {
        leads,
        leads_responded: responded,
        leads_answered_in_sla: answered_in_sla,
        response_minutes_sum: count(responded as f64 * minutes),
        test_drives: count((new as f64 * 1.4 + used as f64 * 0.5) * rng.jitter(0.1)),
        quotes: count((new + used) as f64 * 1.5 * rng.jitter(0.1)),
        offers_made,
        offers_accepted: part_of(offers_made, 0.63 + 0.06 * uptake + rng.range(-0.03, 0.03)),
        sales: Sales {
            new,
            used,
            ev,
            fleet,
        },
        sales_from_leads,
        service_repair_orders: repair_orders,
        service_customers_due: service_due,
        service_customers_retained: part_of(service_due, retention),
        accessory_revenue: money(accessories),
        campaigns_offered: m.campaigns_offered,
        campaigns_joined: part_of(m.campaigns_offered, p.join_rate * rng.jitter(0.15)),
        csat_responses,
        csat_score_sum: count(csat_responses as f64 * csat).min(100 * csat_responses),
        marketing_spend: MarketingSpend {
            local: money(spend - coop),
            coop: money(coop),
        },
        sales_consultants: p.consultants,
        // A month is written as logged; its gap in the lead feed is its having no leads.
        without_leads: Default::default(),
    };
    let amounts = FactCents {
        marketing: spend,
        accessories,
    };
    (facts, amounts)
}

/// Opportunities opened, won and lost, and their value, in cents, per partner role.
#[derive(Clone, Copy, Debug, Default)]
struct Bucket {
    pipeline: i64,
    revenue: i64,
}

/// Partner-sourced, partner-influenced and no-partner buckets, for the credits.
type Buckets = [Bucket; 3];

fn pipeline(f: &DealerFacts, rng: &mut Rng) -> (Pipeline, Buckets) {
    let sold = f.sales.new + f.sales.used;
    let opened = count(f.leads.total() as f64 * 0.85 + sold as f64 * 1.2 * rng.jitter(0.1));
    let won = count(sold as f64 * 0.92).min(opened);
    let avg_deal = if sold == 0 {
        NEW_PRICE
    } else {
        (f.sales.new as f64 * NEW_PRICE + f.sales.used as f64 * USED_PRICE) / sold as f64
    };
    // (share of opened, share of won, deal-size factor, average days to close)
    let shapes = [
        (0.17, 0.16, 0.95, 24.0),
        (0.24, 0.30, 1.08, 19.0),
        (0.59, 0.54, 1.0, 31.0),
    ];
    let mut stats: [DealStats; 3] = Default::default();
    let mut buckets: Buckets = Default::default();
    let (mut opened_left, mut won_left) = (opened, won);
    for (b, (open_share, won_share, factor, days)) in shapes.into_iter().enumerate() {
        let last = b == shapes.len() - 1;
        let o = if last {
            opened_left
        } else {
            part_of(opened, open_share).min(opened_left)
        };
        let w = if last {
            won_left
        } else {
            part_of(won, won_share).min(won_left)
        }
        .min(o);
        opened_left -= o;
        won_left -= w;
        let lost = part_of(o - w, 0.85 * rng.jitter(0.05));
        let pipeline = cents(o as f64 * avg_deal * factor * rng.jitter(0.05));
        let revenue = cents(w as f64 * avg_deal * factor * rng.jitter(0.03));
        stats[b] = DealStats {
            opened: o,
            pipeline_value: money(pipeline),
            won: w,
            lost,
            won_revenue: money(revenue),
            days_to_close_sum: count(w as f64 * days * rng.jitter(0.15)),
        };
        buckets[b] = Bucket { pipeline, revenue };
    }
    let [partner_sourced, partner_influenced, no_partner] = stats;
    (
        Pipeline {
            partner_sourced,
            partner_influenced,
            no_partner,
        },
        buckets,
    )
}

fn customers(
    p: &DealerProfile,
    f: &DealerFacts,
    amounts: FactCents,
    m: &Month,
    rng: &mut Rng,
) -> Customers {
    let sold = f.sales.new + f.sales.used;
    let repeat = part_of(
        sold,
        0.26 + 0.06 * m.retention_shift + rng.range(-0.03, 0.03),
    );
    let active = count(p.owners_base * (1.0 + 0.004 * m.t as f64));
    let spend_cents = amounts.marketing;
    // Loyalty's share of marketing grows from 22 % to 30 %: the shift seed 001 argues for.
    let loyalty = permille(spend_cents, to_permille(0.22 + 0.08 * m.retention_shift));
    Customers {
        active_owners: active,
        owners_serviced_12m: part_of(
            active,
            0.55 + 0.05 * m.retention_shift + rng.range(-0.03, 0.03),
        ),
        repeat_purchasers: repeat,
        new_customers: sold - repeat,
        owner_service_gross: money(cents(
            f.service_repair_orders as f64 * 165.0 * 0.8 * rng.jitter(0.05),
        )),
        // Accessories earn about 35 % gross; about 60 % of them go to existing owners.
        owner_accessory_gross: money(permille(amounts.accessories, 210)),
        conquest_spend: money(spend_cents - loyalty),
        loyalty_spend: money(loyalty),
    }
}

/// Credit shares in per-mille of a bucket: (actor, role, bucket, share).
fn credits(net: &Network, f: &DealerFacts, b: &Buckets, m: &Month, rng: &mut Rng) -> Vec<Credit> {
    let total = Bucket {
        pipeline: b.iter().map(|x| x.pipeline).sum(),
        revenue: b.iter().map(|x| x.revenue).sum(),
    };
    let rest = Bucket {
        pipeline: b[1].pipeline + b[2].pipeline,
        revenue: b[1].revenue + b[2].revenue,
    };
    // Of the deals no partner sourced, the OEM's national channels source a share close to its
    // share of leads; the dealer sources the rest but about 4 %, whose source is unknown.
    let oem_share = match f.leads.oem + f.leads.dealer {
        0 => 0.30,
        n => (f.leads.oem as f64 / n as f64 * 0.75).min(0.6),
    };
    let oem = to_permille(oem_share * rng.jitter(0.05));
    let dealer = 960 - oem;
    let captive_attach = to_permille(0.40 + 0.05 * m.retention_shift + rng.range(-0.03, 0.03));
    let plan: [(usize, CreditRole, Bucket, i64); 10] = [
        (actor::OEM, CreditRole::Sourced, rest, oem),
        (actor::DEALERS, CreditRole::Sourced, rest, dealer),
        (actor::MARKETPLACE, CreditRole::Sourced, b[0], 700),
        (actor::FLEET, CreditRole::Sourced, b[0], 300),
        (
            actor::OEM,
            CreditRole::Influenced,
            b[2],
            to_permille(0.35 * rng.jitter(0.1)),
        ),
        (actor::CAPTIVE, CreditRole::Influenced, b[1], 620),
        (actor::BANK, CreditRole::Influenced, b[1], 250),
        (actor::MARKETPLACE, CreditRole::Influenced, b[1], 130),
        (actor::CAPTIVE, CreditRole::Attached, total, captive_attach),
        (
            actor::BANK,
            CreditRole::Attached,
            total,
            to_permille(0.18 * rng.jitter(0.1)),
        ),
    ];
    plan.into_iter()
        .filter(|(_, _, bucket, share)| *share > 0 && (bucket.pipeline > 0 || bucket.revenue > 0))
        .map(|(a, role, bucket, share)| Credit {
            actor: net.actors[a].id.clone(),
            role,
            pipeline: money(permille(bucket.pipeline, share)),
            revenue: money(permille(bucket.revenue, share)),
        })
        .collect()
}
