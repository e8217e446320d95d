//! The app's small test snapshot with what the Journeys, Maturity and P&L views read: two
//! journeys (one with an empty funnel top), a three-tool stack (one barely used and losing
//! money), P&L inputs and both maturity matrices.

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::metrics::{Level, Scorecard};
use crate::model::{
    Actor, ActorKind, DriverOutcome, Handoff, Journey, JourneyKind, Matrix, MaturityAssessment,
    Money, Snapshot, Stage, Tool, ValueDriver,
};

use super::{Context, Dimension};

fn stage(name: &str, count: u64) -> Stage {
    Stage {
        name: name.into(),
        count,
    }
}

fn handoff(name: &str, from: &str, to: &str, total: u64, met: u64) -> Handoff {
    Handoff {
        name: name.into(),
        from: from.into(),
        to: to.into(),
        total,
        met,
    }
}

fn tool(id: &str, annual: i64, seats: (u64, u64), dealers: u64, drivers: &[ValueDriver]) -> Tool {
    let mut tool = crate::metrics::test_support::tool(id, annual, seats.0, seats.1, drivers);
    tool.dealers_adopted = dealers;
    tool
}

fn dimension(matrix: Matrix, name: &str, current: u8, target: u8) -> MaturityAssessment {
    MaturityAssessment {
        matrix,
        dimension: name.into(),
        current,
        target,
        evidence: format!("Evidence for {name}."),
        owner: "Dana Whitaker".into(),
    }
}

/// The app fixture plus journeys, stack, P&L inputs and maturity.
pub fn snapshot() -> Snapshot {
    use ValueDriver::*;
    let mut s = crate::app::fixture::snapshot();
    s.actors = vec![
        Actor {
            id: "oem".into(),
            name: "Aurora Motors".into(),
            kind: ActorKind::Oem,
        },
        Actor {
            id: "dealers".into(),
            name: "Dealer network".into(),
            kind: ActorKind::Dealer,
        },
    ];
    s.journeys = vec![
        Journey {
            id: "ev".into(),
            name: "EV launch".into(),
            kind: JourneyKind::EvLaunch,
            stages: vec![
                stage("engaged", 2_000),
                stage("lead", 400),
                stage("test drive", 100),
                stage("sale", 30),
            ],
            revenue: Money::from(1_500_000),
            cost: Money::from(60_000),
            gross_margin: Money::from(105_000),
            handoffs: vec![
                handoff("lead routed", "oem", "dealers", 400, 380),
                handoff("SLA met", "oem", "dealers", 380, 190),
            ],
        },
        Journey {
            id: "fleet".into(),
            name: "Fleet".into(),
            kind: JourneyKind::Fleet,
            stages: vec![stage("RFQ received", 0), stage("contract", 0)],
            revenue: Money::ZERO,
            cost: Money::ZERO,
            gross_margin: Money::ZERO,
            handoffs: vec![handoff("offer accepted", "dealers", "oem", 0, 0)],
        },
    ];
    s.stack = vec![
        tool(
            "crm",
            120_000,
            (100, 80),
            4,
            &[IncrementalSales, ServiceRetention],
        ),
        tool("map", 24_001, (10, 9), 5, &[ServiceRetention]),
        tool("email", 36_000, (0, 0), 1, &[ServiceRetention]),
    ];
    s.pnl.drivers = vec![
        DriverOutcome {
            driver: IncrementalSales,
            revenue: Money::from(2_000_000),
            gross_margin: Money::from(150_000),
            attributed_margin: Money::from(15_000),
        },
        DriverOutcome {
            driver: ServiceRetention,
            revenue: Money::from(300_000),
            gross_margin: Money::from(120_000),
            attributed_margin: Money(Decimal::new(1_000_001, 2)),
        },
    ];
    s.pnl.productivity.hours_saved = 1_200;
    s.pnl.productivity.cost_per_hour = Money(Decimal::new(4_250, 2));
    s.pnl.cost_to_serve.before = Money::from(80);
    s.pnl.cost_to_serve.after = Money::from(68);
    s.maturity = vec![
        dimension(Matrix::Automotive, "Scope of Measurement", 2, 3),
        dimension(Matrix::Automotive, "Data Coverage", 1, 3),
        dimension(Matrix::Automotive, "Governance", 3, 3),
        dimension(Matrix::EcosystemMarketing, "Attribution", 1, 2),
    ];
    s
}

/// A scorecard of [`snapshot`].
pub fn card() -> Scorecard {
    Scorecard::new(Arc::new(snapshot()))
}

/// A context at the ecosystem level.
pub fn context<'a>(card: &'a Scorecard, compared: Option<&'a Scorecard>) -> Context<'a> {
    static ECOSYSTEM: Level = Level::Ecosystem;
    Context {
        card,
        compared,
        history: None,
        level: &ECOSYSTEM,
        dimension: Dimension::default(),
        model: crate::app::state::DEFAULT_MODEL,
        breakdown: Default::default(),
        ascii: false,
        options: crate::attribution::ModelOptions::default(),
    }
}
