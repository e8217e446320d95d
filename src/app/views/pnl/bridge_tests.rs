//! The value bridge on screen, against figures worked out by hand.

use std::sync::Arc;

use super::*;
use crate::app::screen::{Block, Screen};
use crate::app::views::review_fixture;
use crate::metrics::Scorecard;
use crate::model::{DriverOutcome, Snapshot, ValueDriver};

fn waterfall_of(screen: &Screen) -> &Waterfall {
    screen
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Waterfall(w) => Some(w),
            _ => None,
        })
        .expect("a value bridge")
}

fn rows(snapshot: Snapshot) -> Vec<(String, String, Flow)> {
    let card = Scorecard::new(Arc::new(snapshot));
    let screen = super::super::build(&review_fixture::context(&card, None));
    waterfall_of(&screen)
        .falls
        .iter()
        .map(|f| (f.label.clone(), f.text.clone(), f.flow))
        .collect()
}

fn row(label: &str, text: &str, flow: Flow) -> (String, String, Flow) {
    (label.to_owned(), text.to_owned(), flow)
}

#[test]
fn the_fixture_walks_from_cost_to_net_value_to_the_cent() {
    // A month of 180,001 a year is 15,000.08; margins 15,000 and 10,000.01; 1,200 h × 42.50;
    // no customers served, no savings: net 76,000.01 - 15,000.08 = 60,999.93.
    assert_eq!(
        rows(review_fixture::snapshot()),
        [
            row("Martech cost", "-$15,000.08", Flow::Down),
            row("Incremental sales margin", "+$15,000.00", Flow::Up),
            row("Service retention margin", "+$10,000.01", Flow::Up),
            row("Productivity value", "+$51,000.00", Flow::Up),
            row("Cost-to-serve savings", "$0", Flow::Up),
            row("Net value", "$60,999.93", Flow::Total),
        ]
    );
}

#[test]
fn ev_sales_are_shown_inside_vehicle_sales_and_not_added() {
    let mut s = review_fixture::snapshot();
    s.pnl.drivers.push(DriverOutcome {
        driver: ValueDriver::EvAdoption,
        revenue: Money::from(400_000),
        gross_margin: Money::from(20_000),
        attributed_margin: Money::from(4_000),
    });
    s.dealers[0].customers.new_customers = 100;
    let got = rows(s);
    assert_eq!(
        got[2],
        row("  of which EV adoption", "$4,000.00", Flow::Part)
    );
    // (80 - 68) × 100 customers served = 1,200 saved; the EV 4,000 is not in the net:
    // 60,999.93 + 1,200 = 62,199.93.
    assert_eq!(got[5], row("Cost-to-serve savings", "+$1,200.00", Flow::Up));
    assert_eq!(got[6], row("Net value", "$62,199.93", Flow::Total));
}

#[test]
fn the_roi_on_total_value_is_shown_with_the_margin_only_roi_beside_it() {
    let card = Scorecard::new(Arc::new(review_fixture::snapshot()));
    let screen = super::super::build(&review_fixture::context(&card, None));
    // 60,999.93 / 15,000.08 = 406.66 %; (25,000.01 - 15,000.08) / 15,000.08 = 66.66 %;
    // payback 180,001 / 76,000.01 = 2.37 months.
    assert_eq!(
        waterfall_of(&screen).lines,
        ["ROI on total value 406.7 % · margin-only ROI 66.7 % · payback 2.4 mo on total value"]
    );
}
