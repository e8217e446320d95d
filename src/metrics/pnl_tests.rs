//! Unit tests of the martech P&L with hand-computed figures.

use super::*;
use crate::metrics::test_support::{empty_snapshot, tool};
use crate::model::DriverOutcome;

fn outcome(driver: ValueDriver, attributed: i64) -> DriverOutcome {
    DriverOutcome {
        driver,
        revenue: Money::from(attributed * 10),
        gross_margin: Money::from(attributed * 2),
        attributed_margin: Money::from(attributed),
    }
}

fn pnl() -> Pnl {
    use ValueDriver::*;
    let mut s = empty_snapshot("2026-10");
    s.stack = vec![
        tool(
            "crm",
            120_000,
            100,
            30,
            &[IncrementalSales, ServiceRetention],
        ),
        tool("map", 24_000, 10, 9, &[ServiceRetention]),
        tool("bi", 12_000, 50, 10, &[]),
    ];
    s.pnl.drivers = vec![
        outcome(IncrementalSales, 15_000),
        outcome(ServiceRetention, 6_000),
        outcome(AccessoryRevenue, 1_000),
    ];
    Pnl::of(&s)
}

fn money(tool: &ToolPnl) -> (i64, i64) {
    let whole = |m: Money| i64::try_from(m.amount().trunc().mantissa()).unwrap_or(i64::MAX);
    (whole(tool.cost), whole(tool.attributed_margin))
}

#[test]
fn shared_costs_and_margins_split_equally_and_add_up() {
    let p = pnl();
    // A month of 120,000 a year is 10,000, half to each of the CRM's two drivers.
    assert_eq!(money(&p.tools[0]), (10_000, 18_000));
    assert_eq!(money(&p.tools[1]), (2_000, 3_000));
    assert_eq!(money(&p.tools[2]), (1_000, 0));
    assert_eq!(p.drivers[0].cost, Money::from(5_000));
    assert_eq!(p.drivers[2].cost, Money::from(7_000));
    assert_eq!(p.unassigned_cost, Money::from(1_000));
    assert_eq!(p.unallocated_value, Money::from(1_000));
    assert_eq!(p.cost(), Money::from(13_000));
    let driver_costs: Money = p.drivers.iter().map(|d| d.cost).sum();
    assert_eq!(driver_costs + p.unassigned_cost, p.cost());
    let tool_margins: Money = p.tools.iter().map(|t| t.attributed_margin).sum();
    assert_eq!(tool_margins + p.unallocated_value, p.attributed_margin());
}

#[test]
fn roi_payback_and_retire_candidates() {
    let p = pnl();
    assert_eq!(p.roi(), Ratio::new(9_000, 13_000));
    assert_eq!(p.payback_months(), Ratio::new(156_000, 22_000).value());
    assert_eq!(p.tools[0].roi().value(), Some(Decimal::new(8, 1)));
    assert_eq!(p.tools[2].roi().value(), Some(Decimal::NEGATIVE_ONE));
    assert_eq!(
        p.tools[2].payback_months(1),
        None,
        "no margin never pays back"
    );
    // The CRM is barely used but earns 80 %; the BI tool is barely used and loses money.
    let ids: Vec<_> = p.retire_candidates().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["bi"]);
}

#[test]
fn productivity_and_cost_to_serve() {
    let mut s = empty_snapshot("2026-Q4");
    s.pnl.productivity.hours_saved = 1_200;
    s.pnl.productivity.cost_per_hour = Money(Decimal::new(4250, 2));
    s.pnl.cost_to_serve.before = Money::from(80);
    s.pnl.cost_to_serve.after = Money::from(68);
    let p = Pnl::of(&s);
    assert_eq!(p.productivity_value(), Money::from(51_000));
    assert_eq!(p.cost_to_serve_change(), Money::from(-12));
    assert_eq!(
        p.cost_to_serve_change_relative().value(),
        Some(Decimal::new(-15, 2))
    );
    assert_eq!(p.roi().value(), None, "no tools, no cost: n/a");
    assert_eq!(p.period_months, 3);
}
