//! The value bridge against figures worked out by hand.

use rust_decimal::Decimal;

use super::*;
use crate::metrics::ToolPnl;
use crate::metrics::test_support::{self, dealer, empty_snapshot, group, region};
use crate::model::{DriverOutcome, Snapshot, Tier, Tool};

fn tool(id: &str, annual: i64, drivers: &[ValueDriver]) -> Tool {
    test_support::tool(id, annual, 100, 10, drivers)
}

fn outcome(driver: ValueDriver, revenue: i64, gross: i64, attributed: i64) -> DriverOutcome {
    DriverOutcome {
        driver,
        revenue: Money::from(revenue),
        gross_margin: Money::from(gross),
        attributed_margin: Money::from(attributed),
    }
}

/// A month with vehicle sales of 1,000,000 of which EV 200,000, service 100,000, a CRM on sales
/// and productivity, an ad tool on EV only, an email tool on cost to serve only; 100 hours saved
/// at 50.00, cost to serve down from 20.00 to 15.00 for 30 buyers + 10 owners serviced.
fn snapshot() -> Snapshot {
    use ValueDriver::*;
    let mut s = empty_snapshot("2026-10");
    region(&mut s, "r", "R");
    group(&mut s, "g", "G", "r", Tier::Gold);
    dealer(&mut s, "d1", "D1", "g", 0, 0, 0);
    dealer(&mut s, "d2", "D2", "g", 0, 0, 0);
    s.dealers[0].customers.new_customers = 20;
    s.dealers[0].customers.repeat_purchasers = 5;
    s.dealers[1].customers.new_customers = 5;
    s.dealers[1].facts.service_customers_retained = 10;
    s.stack = vec![
        tool("crm", 120_000, &[IncrementalSales, DealerProductivity]),
        tool("ads", 24_000, &[EvAdoption]),
        tool("email", 12_000, &[CostToServe]),
    ];
    s.pnl.drivers = vec![
        outcome(IncrementalSales, 1_000_000, 60_000, 6_000),
        outcome(EvAdoption, 200_000, 10_000, 2_000),
        outcome(ServiceRetention, 100_000, 40_000, 3_000),
    ];
    s.pnl.productivity.hours_saved = 100;
    s.pnl.productivity.cost_per_hour = Money::from(50);
    s.pnl.cost_to_serve.before = Money::from(20);
    s.pnl.cost_to_serve.after = Money::from(15);
    s
}

#[test]
fn a_slice_is_never_added_to_its_whole() {
    let pnl = Pnl::of(&snapshot());
    // 1,000,000 + 100,000: the EV 200,000 is inside the vehicle sales.
    assert_eq!(pnl.revenue(), Money::from(1_100_000));
    assert_eq!(pnl.gross_margin(), Money::from(100_000));
    assert_eq!(pnl.attributed_margin(), Money::from(9_000));
    let ev = pnl.driver(ValueDriver::EvAdoption);
    assert_eq!(ev.slice_of, Some(ValueDriver::IncrementalSales));
    assert_eq!(
        ev.cost,
        Money::ZERO,
        "its tools' cost is on the whole's line"
    );
    assert_eq!(ev.roi().value(), None);
}

#[test]
fn productivity_and_savings_are_value_of_their_tools() {
    let pnl = Pnl::of(&snapshot());
    // 100 h × 50.00; (20.00 - 15.00) × (20 + 5 + 5 buyers + 10 serviced).
    assert_eq!(pnl.productivity_value(), Money::from(5_000));
    assert_eq!(pnl.customers_served, 40);
    assert_eq!(pnl.cost_to_serve_savings(), Money::from(200));
    assert_eq!(pnl.total_value(), Money::from(9_000 + 5_000 + 200));
    // CRM (10,000 a month) serves sales and productivity: half its cost each, and it shares
    // the 6,000 of sales with the ad tool (EV is sales), and has the 5,000 of productivity.
    let crm = &pnl.tools[0];
    assert_eq!(crm.attributed_margin, Money::from(3_000));
    assert_eq!(crm.other_value, Money::from(5_000));
    assert_eq!(crm.roi(), Ratio::new(-2_000, 10_000));
    assert_eq!(crm.margin_roi(), Ratio::new(-7_000, 10_000));
    let ads = &pnl.tools[1];
    assert_eq!(
        ads.cost_by_driver,
        [(ValueDriver::IncrementalSales, Money::from(2_000))]
    );
    assert_eq!(ads.value(), Money::from(3_000));
    // The email tool (1,000 a month) serves only cost to serve: 200 of savings, not nothing.
    let email = &pnl.tools[2];
    assert_eq!(email.value(), Money::from(200));
    assert_eq!(email.roi(), Ratio::new(-800, 1_000));
    assert_eq!(
        pnl.driver(ValueDriver::IncrementalSales).cost,
        Money::from(7_000)
    );
    // Service retention has no tool: its 3,000 is the unallocated value.
    assert_eq!(pnl.unallocated_value, Money::from(3_000));
    let tools: Money = pnl.tools.iter().map(ToolPnl::value).sum();
    assert_eq!(tools + pnl.unallocated_value, pnl.total_value());
}

#[test]
fn the_bridge_walks_from_cost_to_net_value() {
    let bridge = Bridge::of(&Pnl::of(&snapshot()));
    let steps: Vec<(StepKind, i64, i64, i64)> = bridge
        .steps
        .iter()
        .map(|s| {
            let whole = |m: Money| i64::try_from(m.amount().mantissa()).unwrap_or(i64::MAX);
            (s.kind, whole(s.amount), whole(s.from), whole(s.to))
        })
        .collect();
    // Cost 10,000 + 2,000 + 1,000 a month.
    assert_eq!(
        steps,
        [
            (StepKind::Cost, -13_000, 0, -13_000),
            (
                StepKind::Margin(ValueDriver::IncrementalSales),
                6_000,
                -13_000,
                -7_000
            ),
            (
                StepKind::Slice(ValueDriver::EvAdoption),
                2_000,
                -13_000,
                -11_000
            ),
            (
                StepKind::Margin(ValueDriver::ServiceRetention),
                3_000,
                -7_000,
                -4_000
            ),
            (StepKind::Productivity, 5_000, -4_000, 1_000),
            (StepKind::CostToServe, 200, 1_000, 1_200),
            (StepKind::Net, 1_200, 0, 1_200),
        ]
    );
    assert_eq!(bridge.net(), Money::from(1_200));
    assert_eq!(
        bridge.roi().value(),
        Some(Decimal::new(1_200, 0) / Decimal::from(13_000))
    );
    assert_eq!(bridge.margin_roi(), Ratio::new(-4_000, 13_000));
}

#[test]
fn a_rise_in_cost_to_serve_is_a_negative_saving() {
    let mut s = snapshot();
    s.pnl.cost_to_serve.after = Money::from(21);
    assert_eq!(Pnl::of(&s).cost_to_serve_savings(), Money::from(-40));
}
