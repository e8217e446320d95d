//! The martech stack and the P&L inputs of a month.
//!
//! Ten tools whose annual cost scales with the network (a fixed part plus a part per dealer).
//! Two are obvious "retire" candidates: expensive, used by few dealers, overlapping with tools
//! everyone uses.

use crate::model::{
    CostToServe, DriverOutcome, PnlInputs, Productivity, Tool, ToolCategory, ToolCost, ToolId,
    ToolOwner, ValueDriver,
};

use super::rng::{Rng, count, part_of};
use super::timeline::{Month, cents, cents_of, money, permille, to_permille};
use super::totals::Totals;

use ToolCategory as C;
use ValueDriver as V;

/// A tool's lasting shape: annual cost at 60 dealers (licences, services, integration, in
/// dollars) and how seats and adoption scale.
struct ToolShape {
    id: &'static str,
    name: &'static str,
    category: ToolCategory,
    owner: ToolOwner,
    cost_at_60: [f64; 3],
    /// Share of the cost that does not scale with the number of dealers.
    fixed: f64,
    /// Seats: a fixed number plus seats per dealer.
    seats: (f64, f64),
    /// Share of seats in use before and after the CRM rollout.
    active: (f64, f64),
    /// Share of dealers using the tool before and after the CRM rollout.
    adopted: (f64, f64),
    drivers: &'static [ValueDriver],
}

const TOOLS: [ToolShape; 10] = [
    ToolShape {
        id: "crm",
        name: "Pinnacle Dealer CRM",
        category: C::Crm,
        owner: ToolOwner::Shared,
        cost_at_60: [1_560_000.0, 420_000.0, 310_000.0],
        fixed: 0.2,
        seats: (20.0, 14.0),
        active: (0.58, 0.91),
        adopted: (0.55, 0.97),
        drivers: &[V::IncrementalSales, V::DealerProductivity],
    },
    ToolShape {
        id: "map",
        name: "Relay Marketing Automation",
        category: C::MarketingAutomation,
        owner: ToolOwner::Oem,
        cost_at_60: [620_000.0, 180_000.0, 90_000.0],
        fixed: 0.5,
        seats: (30.0, 0.5),
        active: (0.8, 0.84),
        adopted: (0.8, 0.86),
        drivers: &[V::ServiceRetention, V::AccessoryRevenue],
    },
    ToolShape {
        id: "cdp",
        name: "Helix CDP",
        category: C::Cdp,
        owner: ToolOwner::Oem,
        cost_at_60: [880_000.0, 260_000.0, 340_000.0],
        fixed: 0.6,
        seats: (25.0, 0.2),
        active: (0.68, 0.74),
        adopted: (0.4, 0.78),
        drivers: &[V::IncrementalSales, V::ServiceRetention, V::EvAdoption],
    },
    ToolShape {
        id: "ads",
        name: "Search and Social Ads Manager",
        category: C::AdPlatform,
        owner: ToolOwner::Shared,
        cost_at_60: [410_000.0, 350_000.0, 60_000.0],
        fixed: 0.3,
        seats: (10.0, 1.2),
        active: (0.74, 0.78),
        adopted: (0.86, 0.9),
        drivers: &[V::IncrementalSales, V::EvAdoption],
    },
    ToolShape {
        id: "analytics",
        name: "Lens Analytics",
        category: C::Analytics,
        owner: ToolOwner::Oem,
        cost_at_60: [290_000.0, 120_000.0, 70_000.0],
        fixed: 0.5,
        seats: (60.0, 1.0),
        active: (0.55, 0.7),
        adopted: (0.65, 0.75),
        drivers: &[V::CostToServe, V::DealerProductivity],
    },
    ToolShape {
        id: "prm",
        name: "PartnerLink PRM",
        category: C::Prm,
        owner: ToolOwner::Oem,
        cost_at_60: [240_000.0, 90_000.0, 110_000.0],
        fixed: 0.7,
        seats: (40.0, 0.1),
        active: (0.62, 0.7),
        adopted: (0.3, 0.4),
        drivers: &[V::IncrementalSales],
    },
    ToolShape {
        id: "dms-connect",
        name: "DMS Connect",
        category: C::Dms,
        owner: ToolOwner::Shared,
        cost_at_60: [350_000.0, 60_000.0, 420_000.0],
        fixed: 0.3,
        seats: (5.0, 2.0),
        active: (0.85, 0.92),
        adopted: (0.6, 0.95),
        drivers: &[V::DealerProductivity, V::CostToServe, V::ServiceRetention],
    },
    ToolShape {
        id: "coop-funds",
        name: "Co-op Fund Manager",
        category: C::Other,
        owner: ToolOwner::Shared,
        cost_at_60: [180_000.0, 40_000.0, 20_000.0],
        fixed: 0.4,
        seats: (8.0, 2.0),
        active: (0.6, 0.62),
        adopted: (0.88, 0.9),
        drivers: &[V::DealerProductivity],
    },
    ToolShape {
        id: "legacy-email",
        name: "Legacy Email Blaster",
        category: C::MarketingAutomation,
        owner: ToolOwner::Dealer,
        cost_at_60: [380_000.0, 95_000.0, 45_000.0],
        fixed: 0.1,
        seats: (0.0, 3.0),
        active: (0.12, 0.07),
        adopted: (0.15, 0.09),
        // Bulk email instead of calls: meant to cut cost to serve, which no P&L row credits.
        drivers: &[V::CostToServe],
    },
    ToolShape {
        id: "virtual-showroom",
        name: "Virtual Showroom Video",
        category: C::Other,
        owner: ToolOwner::Dealer,
        cost_at_60: [540_000.0, 120_000.0, 60_000.0],
        fixed: 0.1,
        seats: (0.0, 4.0),
        active: (0.1, 0.09),
        adopted: (0.12, 0.11),
        // Remote walkarounds: meant to save consultants' time, which no P&L row credits.
        drivers: &[V::DealerProductivity],
    },
];

/// Names of the tools built to look like candidates to retire.
pub const RETIRE_CANDIDATE_NAMES: [&str; 2] = ["Legacy Email Blaster", "Virtual Showroom Video"];

/// The annual cost of a tool in a network of `dealers`, rounded to hundreds of dollars.
fn scaled(at_60: f64, fixed: f64, network: usize) -> crate::model::Money {
    let dollars = at_60 * (fixed + (1.0 - fixed) * network as f64 / 60.0);
    money(cents(dollars / 100.0) * 100)
}

fn between((before, after): (f64, f64), progress: f64) -> f64 {
    before + (after - before) * progress
}

/// The stack in a month of a network of `network` dealers (of which `present` report).
pub fn stack(network: usize, present: usize, m: &Month, rng: &mut Rng) -> Vec<Tool> {
    TOOLS
        .iter()
        .map(|t| {
            let seats = count(t.seats.0 + t.seats.1 * network as f64);
            let [licences, services, integration] = t.cost_at_60;
            Tool {
                id: ToolId(t.id.to_owned()),
                name: t.name.to_owned(),
                category: t.category,
                owner: t.owner,
                annual_cost: ToolCost {
                    licences: scaled(licences, t.fixed, network),
                    services: scaled(services, t.fixed, network),
                    integration: scaled(integration, t.fixed, network),
                },
                seats,
                active_users: part_of(seats, between(t.active, m.rollout) * rng.jitter(0.03)),
                dealers_adopted: part_of(present as u64, between(t.adopted, m.rollout)),
                value_drivers: t.drivers.to_vec(),
            }
        })
        .collect()
}

/// P&L inputs in a month: revenue and margin by value driver, with the share of margin the
/// martech programme is credited with growing as the CRM rollout lands.
pub fn pnl(tot: &Totals, m: &Month, rng: &mut Rng) -> PnlInputs {
    let f = &tot.facts;
    // (driver, revenue in cents, gross margin per mille, attributed share of margin per mille)
    let rows = [
        (
            V::IncrementalSales,
            cents_of(tot.deals.won_revenue),
            62,
            to_permille(0.045 + 0.025 * m.rollout),
        ),
        (V::AccessoryRevenue, cents_of(f.accessory_revenue), 340, 100),
        (
            V::ServiceRetention,
            cents(f.service_repair_orders as f64 * 355.0 * rng.jitter(0.03)),
            460,
            to_permille(0.06 + 0.02 * m.retention_shift),
        ),
        (
            V::EvAdoption,
            cents(f.sales.ev as f64 * 53_000.0 * rng.jitter(0.03)),
            55,
            180,
        ),
    ];
    let drivers = rows
        .into_iter()
        .map(|(driver, revenue, margin, attributed)| {
            let gross = permille(revenue, margin);
            DriverOutcome {
                driver,
                revenue: money(revenue),
                gross_margin: money(gross),
                attributed_margin: money(permille(gross, attributed)),
            }
        })
        .collect();
    let before = 18_400;
    PnlInputs {
        drivers,
        productivity: Productivity {
            hours_saved: count(
                f.sales_consultants as f64 * (1.5 + 4.5 * m.rollout) * rng.jitter(0.08),
            ),
            cost_per_hour: money(4_250),
        },
        cost_to_serve: CostToServe {
            before: money(before),
            after: money(permille(
                before,
                to_permille((1.0 - 0.17 * m.rollout - 0.02 * m.retention_shift) * rng.jitter(0.01)),
            )),
        },
    }
}
