//! The six journeys of a month, drawn from the network's totals so the funnels, handoffs and the
//! dealer scorecard tell the same story (a better SLA month shows in both).

use crate::model::{ActorId, Handoff, Journey, JourneyId, JourneyKind, Stage};

use super::network::{Network, actor};
use super::rng::{Rng, count, part_of};
use super::timeline::{cents, money, permille};
use super::totals::Totals;

/// Builds stages from expected counts, widest first, never letting a stage exceed the one before.
fn funnel(stages: &[(&str, f64)], rng: &mut Rng) -> Vec<Stage> {
    let mut previous = u64::MAX;
    stages
        .iter()
        .map(|(name, expected)| {
            let n = count(expected * rng.jitter(0.04)).min(previous);
            previous = n;
            Stage {
                name: (*name).to_owned(),
                count: n,
            }
        })
        .collect()
}

struct Plan<'a> {
    id: &'a str,
    name: &'a str,
    kind: JourneyKind,
    stages: Vec<Stage>,
    /// Average revenue per customer completing the journey, in dollars.
    price: f64,
    /// Running cost for the month, in dollars.
    cost: f64,
    /// Gross margin on revenue, per mille.
    margin: i64,
    handoffs: Vec<Handoff>,
}

fn handoff(name: &str, from: &ActorId, to: &ActorId, total: u64, met_rate: f64) -> Handoff {
    Handoff {
        name: name.to_owned(),
        from: from.clone(),
        to: to.clone(),
        total,
        met: part_of(total, met_rate),
    }
}

fn ratio(part: u64, whole: u64, otherwise: f64) -> f64 {
    if whole == 0 {
        otherwise
    } else {
        part as f64 / whole as f64
    }
}

/// The month's journeys.
pub fn journeys(net: &Network, tot: &Totals, rng: &mut Rng) -> Vec<Journey> {
    let f = &tot.facts;
    let a = |i: usize| &net.actors[i].id;
    let (oem, dealers) = (a(actor::OEM), a(actor::DEALERS));
    let sla = ratio(f.leads_answered_in_sla, f.leads.total(), 0.0);
    let accept = ratio(f.offers_accepted, f.offers_made, 0.0);
    let n = tot.dealers as f64;

    let ev = part_of(f.sales.ev, 0.85) as f64;
    let ev_stages = funnel(
        &[
            ("engaged", ev * 70.0),
            ("lead", ev * 8.0),
            ("test drive", ev * 2.8),
            ("quote", ev * 1.7),
            ("sale", ev),
        ],
        rng,
    );
    let conquest = part_of(tot.customers.new_customers, 0.45) as f64;
    let conquest_stages = funnel(
        &[
            ("engaged", conquest * 60.0),
            ("lead", conquest * 9.0),
            ("test drive", conquest * 2.6),
            ("quote", conquest * 1.9),
            ("sale", conquest),
        ],
        rng,
    );
    let lead_handoffs = |stages: &[Stage], rng: &mut Rng| {
        let leads = stages.get(1).map_or(0, |s| s.count);
        let quotes = stages.get(3).map_or(0, |s| s.count);
        let routed = handoff(
            "lead routed",
            oem,
            dealers,
            part_of(leads, 0.7),
            rng.range(0.95, 0.99),
        );
        let answered = handoff("SLA met", oem, dealers, routed.met, sla);
        let offers = part_of(quotes, 0.75);
        let accepted = handoff("offer accepted", dealers, a(actor::CAPTIVE), offers, accept);
        vec![routed, answered, accepted]
    };
    let ev_handoffs = lead_handoffs(&ev_stages, rng);
    let conquest_handoffs = lead_handoffs(&conquest_stages, rng);

    let due = f.service_customers_due as f64;
    let retained = f.service_customers_retained as f64;
    let service_stages = funnel(
        &[
            ("reminder sent", due * 1.35),
            ("opened", due * 0.8),
            ("appointment booked", retained * 1.1),
            ("serviced", retained),
        ],
        rng,
    );
    let booked = service_stages.get(2).map_or(0, |s| s.count);

    let fleet = f.sales.fleet as f64;
    let fleet_stages = funnel(
        &[
            ("RFQ received", fleet * 3.2),
            ("proposal", fleet * 2.0),
            ("pilot vehicles", fleet * 1.3),
            ("contract", fleet),
        ],
        rng,
    );
    let rfq = fleet_stages.first().map_or(0, |s| s.count);
    let proposals = fleet_stages.get(1).map_or(0, |s| s.count);

    let repeat = part_of(tot.customers.repeat_purchasers, 0.8) as f64;
    let loyalty_stages = funnel(
        &[
            ("owners targeted", tot.customers.active_owners as f64 * 0.08),
            ("engaged", repeat * 12.0),
            ("trade-in appraisal", repeat * 2.2),
            ("repurchase", repeat),
        ],
        rng,
    );
    let appraisals = loyalty_stages.get(2).map_or(0, |s| s.count);

    let cpo = part_of(f.sales.used, 0.35) as f64;
    let cpo_stages = funnel(
        &[
            ("engaged", cpo * 40.0),
            ("lead", cpo * 6.0),
            ("test drive", cpo * 1.8),
            ("sale", cpo),
        ],
        rng,
    );
    let cpo_leads = cpo_stages.get(1).map_or(0, |s| s.count);

    let plans = [
        Plan {
            id: "ev-launch",
            name: "EV launch: Aurora Volta",
            kind: JourneyKind::EvLaunch,
            stages: ev_stages,
            price: 53_000.0,
            cost: n * 5_200.0 + ev * 250.0,
            margin: 70,
            handoffs: ev_handoffs,
        },
        Plan {
            id: "service-retention",
            name: "Service retention",
            kind: JourneyKind::ServiceRetention,
            stages: service_stages,
            price: 390.0,
            // Reminders, plus about $40 of offers and follow-up per owner serviced.
            cost: due * 1.35 * 0.9 + retained * 40.0 + n * 1_400.0,
            margin: 480,
            handoffs: vec![handoff(
                "appointment routed",
                oem,
                dealers,
                booked,
                rng.range(0.93, 0.98),
            )],
        },
        Plan {
            id: "fleet",
            name: "Fleet and commercial",
            kind: JourneyKind::Fleet,
            stages: fleet_stages,
            price: 41_000.0,
            // About $450 of bids and pilots per contract.
            cost: n * 900.0 + fleet * 450.0,
            margin: 45,
            handoffs: vec![
                handoff(
                    "lead routed",
                    a(actor::FLEET),
                    dealers,
                    part_of(rfq, 0.6),
                    0.9,
                ),
                handoff("offer accepted", dealers, a(actor::BANK), proposals, 0.45),
            ],
        },
        Plan {
            id: "conquest",
            name: "Conquest",
            kind: JourneyKind::Conquest,
            stages: conquest_stages,
            price: 45_500.0,
            // About $900 of media per conquest sale (NADA's ~$600-700 per new vehicle, more to win
            // a new customer).
            cost: n * 9_000.0 + conquest * 900.0,
            margin: 65,
            handoffs: conquest_handoffs,
        },
        Plan {
            id: "loyalty",
            name: "Owner loyalty",
            kind: JourneyKind::Loyalty,
            stages: loyalty_stages,
            price: 47_000.0,
            // About $700 of offers and trade-in incentives per repurchase.
            cost: n * 2_600.0 + repeat * 700.0,
            margin: 70,
            handoffs: vec![handoff(
                "offer accepted",
                dealers,
                a(actor::CAPTIVE),
                part_of(appraisals, 0.6),
                accept,
            )],
        },
        Plan {
            id: "cpo",
            name: "Certified pre-owned",
            kind: JourneyKind::CertifiedPreOwned,
            stages: cpo_stages,
            price: 31_000.0,
            // About $800 of listings and media per certified pre-owned sale.
            cost: n * 1_800.0 + cpo * 800.0,
            margin: 95,
            handoffs: vec![
                handoff(
                    "lead routed",
                    a(actor::MARKETPLACE),
                    dealers,
                    part_of(cpo_leads, 0.5),
                    0.97,
                ),
                handoff(
                    "offer accepted",
                    dealers,
                    a(actor::BANK),
                    part_of(cpo_leads, 0.2),
                    0.5,
                ),
            ],
        },
    ];
    plans
        .into_iter()
        .map(|plan| {
            let done = plan.stages.last().map_or(0, |s| s.count);
            let revenue = cents(done as f64 * plan.price * rng.jitter(0.03));
            Journey {
                id: JourneyId(plan.id.to_owned()),
                name: plan.name.to_owned(),
                kind: plan.kind,
                stages: plan.stages,
                revenue: money(revenue),
                cost: money(cents(plan.cost * rng.jitter(0.05))),
                gross_margin: money(permille(revenue, plan.margin)),
                handoffs: plan.handoffs,
            }
        })
        .collect()
}
