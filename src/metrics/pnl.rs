//! The martech P&L: cost against the value it brings, per tool and per value driver.
//!
//! A driver's value is its attributed gross margin, plus the productivity value for dealer
//! productivity and the cost-to-serve savings for cost to serve (see [`super::value`]); a driver
//! that is a slice of another (EV adoption inside incremental sales) is carried by its whole.
//! Allocation rules (stated on screen through [`ALLOCATION_NOTE`]): a tool serving several
//! value drivers has its cost split equally among them; a driver's value is split equally among
//! the tools serving it. Splits are in cents with the remainder on the last share, so every
//! column adds up to its total exactly.

use rust_decimal::Decimal;

use super::adoption::{Adoption, dealers_open_at_end, is_retire_candidate};
use super::ratio::Ratio;
use super::split::{period_share, split_equally};
use super::value::{slice_of, whole};
use crate::model::{Granularity, Money, Snapshot, ToolId, ValueDriver};

pub use super::value::{PAYBACK_DEFINITION, ROI_DEFINITION};

/// How shared costs and value are allocated.
pub const ALLOCATION_NOTE: &str =
    "a tool's cost split equally over its drivers, a driver's value over its tools";

/// Every value driver, in the order the P&L lists them.
pub const DRIVERS: [ValueDriver; 6] = [
    ValueDriver::IncrementalSales,
    ValueDriver::AccessoryRevenue,
    ValueDriver::ServiceRetention,
    ValueDriver::EvAdoption,
    ValueDriver::DealerProductivity,
    ValueDriver::CostToServe,
];

/// One tool's line of the P&L.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ToolPnl {
    /// The tool.
    pub id: ToolId,
    /// Its display name.
    pub name: String,
    /// Annual run-rate cost (licences + services + integration).
    pub annual_cost: Money,
    /// The period's share of the annual cost (a twelfth per month), in cents.
    pub cost: Money,
    /// Its share of the attributed margin of the drivers it serves.
    pub attributed_margin: Money,
    /// Its share of the productivity value and cost-to-serve savings of the drivers it serves.
    pub other_value: Money,
    /// Its cost split over the drivers it serves (equal shares).
    pub cost_by_driver: Vec<(ValueDriver, Money)>,
    /// Seat and dealer adoption.
    pub adoption: Adoption,
}

/// One value driver's line of the P&L.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DriverPnl {
    /// The value driver.
    pub driver: ValueDriver,
    /// Ecosystem revenue in the driver's area.
    pub revenue: Money,
    /// Gross margin on it.
    pub gross_margin: Money,
    /// The margin attributed to martech.
    pub attributed_margin: Money,
    /// Value that is not margin: the productivity value (dealer productivity), the cost-to-serve
    /// savings (cost to serve); zero for the other drivers.
    pub other_value: Money,
    /// The martech cost allocated to the driver (shares of its tools' costs); zero for a slice,
    /// whose tools' cost is on its whole's line.
    pub cost: Money,
    /// The tools serving it, in stack order (a whole's list includes its slices' tools).
    pub tools: Vec<ToolId>,
    /// The driver this one is a slice of (shown inside it, never added to it).
    pub slice_of: Option<ValueDriver>,
}

/// The martech P&L of one snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pnl {
    /// Months the period covers (1 or 3).
    pub period_months: u32,
    /// One line per tool, in stack order.
    pub tools: Vec<ToolPnl>,
    /// One line per value driver, in [`DRIVERS`] order (all of them, even when empty).
    pub drivers: Vec<DriverPnl>,
    /// Cost of tools that serve no value driver (counted in the total, in no driver).
    pub unassigned_cost: Money,
    /// Value of drivers no tool serves (counted in the total, in no tool).
    pub unallocated_value: Money,
    /// Hours saved in the period.
    pub hours_saved: u64,
    /// Loaded cost of an hour.
    pub cost_per_hour: Money,
    /// Cost to serve one customer before the programme.
    pub cost_to_serve_before: Money,
    /// Cost to serve one customer now.
    pub cost_to_serve_after: Money,
    /// Customers served in the period: buyers (new and repeat) and owners serviced.
    pub customers_served: u64,
}

impl ToolPnl {
    /// Its share of the total value: attributed margin + other value.
    pub fn value(&self) -> Money {
        self.attributed_margin + self.other_value
    }

    /// (value - cost) / cost; "n/a" for a tool that costs nothing.
    pub fn roi(&self) -> Ratio {
        roi(self.value(), self.cost)
    }

    /// (attributed margin - cost) / cost: the ROI without productivity and savings.
    pub fn margin_roi(&self) -> Ratio {
        roi(self.attributed_margin, self.cost)
    }

    /// Months for the tool's value to pay its annual cost.
    pub fn payback_months(&self, period_months: u32) -> Option<Decimal> {
        payback(self.annual_cost, self.value(), period_months)
    }

    /// Whether the tool is a candidate to retire (see [`super::adoption::RETIRE_RULE`]): judged
    /// on the ROI of its total value, so a tool serving productivity or cost to serve is not
    /// read as earning nothing.
    pub fn retire_candidate(&self) -> bool {
        is_retire_candidate(&self.adoption, &self.roi())
    }
}

impl DriverPnl {
    /// Attributed margin + other value.
    pub fn value(&self) -> Money {
        self.attributed_margin + self.other_value
    }

    /// (value - allocated cost) / allocated cost; "n/a" for a slice (its cost is its whole's).
    pub fn roi(&self) -> Ratio {
        roi(self.value(), self.cost)
    }
}

fn roi(margin: Money, cost: Money) -> Ratio {
    Ratio::new((margin - cost).amount(), cost.amount())
}

/// Annual cost over the monthly value; `None` when the value is not positive (it never pays
/// back) or the period length is unknown.
fn payback(annual_cost: Money, margin: Money, period_months: u32) -> Option<Decimal> {
    if margin.amount() <= Decimal::ZERO || period_months == 0 {
        return None;
    }
    Ratio::new(
        annual_cost.amount() * Decimal::from(period_months),
        margin.amount(),
    )
    .value()
}

impl Pnl {
    /// Builds the P&L of a snapshot.
    pub fn of(snapshot: &Snapshot) -> Pnl {
        let months = match snapshot.period.id.granularity() {
            Granularity::Month => 1,
            Granularity::Quarter => 3,
        };
        let p = &snapshot.pnl;
        let mut pnl = Pnl {
            period_months: months,
            tools: Vec::with_capacity(snapshot.stack.len()),
            drivers: DRIVERS
                .iter()
                .map(|&driver| DriverPnl {
                    driver,
                    revenue: Money::ZERO,
                    gross_margin: Money::ZERO,
                    attributed_margin: Money::ZERO,
                    other_value: Money::ZERO,
                    cost: Money::ZERO,
                    tools: Vec::new(),
                    slice_of: slice_of(driver),
                })
                .collect(),
            unassigned_cost: Money::ZERO,
            unallocated_value: Money::ZERO,
            hours_saved: p.productivity.hours_saved,
            cost_per_hour: p.productivity.cost_per_hour,
            cost_to_serve_before: p.cost_to_serve.before,
            cost_to_serve_after: p.cost_to_serve.after,
            customers_served: snapshot
                .dealers
                .iter()
                .map(|d| {
                    d.customers.new_customers
                        + d.customers.repeat_purchasers
                        + d.facts.service_customers_retained
                })
                .sum(),
        };
        for outcome in &p.drivers {
            let line = &mut pnl.drivers[slot(outcome.driver)];
            line.revenue += outcome.revenue;
            line.gross_margin += outcome.gross_margin;
            line.attributed_margin += outcome.attributed_margin;
        }
        pnl.drivers[slot(ValueDriver::DealerProductivity)].other_value = pnl.productivity_value();
        pnl.drivers[slot(ValueDriver::CostToServe)].other_value = pnl.cost_to_serve_savings();

        for tool in &snapshot.stack {
            let annual_cost = tool.annual_cost.total();
            let cost = period_share(annual_cost, months);
            // Serving a slice is serving its whole: the cost goes to the whole's line.
            let mut served: Vec<ValueDriver> = Vec::new();
            for &driver in &tool.value_drivers {
                let line = &mut pnl.drivers[slot(driver)];
                if !line.tools.contains(&tool.id) {
                    line.tools.push(tool.id.clone());
                }
                let whole = whole(driver);
                if !served.contains(&whole) {
                    served.push(whole);
                }
            }
            let cost_by_driver: Vec<(ValueDriver, Money)> = served
                .iter()
                .copied()
                .zip(split_equally(cost, served.len()))
                .collect();
            for &(driver, share) in &cost_by_driver {
                let line = &mut pnl.drivers[slot(driver)];
                line.cost += share;
                if !line.tools.contains(&tool.id) {
                    line.tools.push(tool.id.clone());
                }
            }
            if served.is_empty() {
                pnl.unassigned_cost += cost;
            }
            pnl.tools.push(ToolPnl {
                id: tool.id.clone(),
                name: tool.name.clone(),
                annual_cost,
                cost,
                attributed_margin: Money::ZERO,
                other_value: Money::ZERO,
                cost_by_driver,
                adoption: Adoption::of(tool, dealers_open_at_end(snapshot)),
            });
        }
        for line in pnl.drivers.iter().filter(|d| d.slice_of.is_none()) {
            if line.tools.is_empty() {
                pnl.unallocated_value += line.value();
                continue;
            }
            let margins = split_equally(line.attributed_margin, line.tools.len());
            let others = split_equally(line.other_value, line.tools.len());
            for ((id, margin), other) in line.tools.iter().zip(margins).zip(others) {
                if let Some(tool) = pnl.tools.iter_mut().find(|t| &t.id == id) {
                    tool.attributed_margin += margin;
                    tool.other_value += other;
                }
            }
        }
        pnl
    }

    /// The line of a driver.
    pub fn driver(&self, driver: ValueDriver) -> &DriverPnl {
        &self.drivers[slot(driver)]
    }

    /// The period's martech cost: the sum of the tools' period costs.
    pub fn cost(&self) -> Money {
        self.tools.iter().map(|t| t.cost).sum()
    }

    /// The annual run-rate martech cost.
    pub fn annual_cost(&self) -> Money {
        self.tools.iter().map(|t| t.annual_cost).sum()
    }

    /// The drivers that are no slice of another: the lines that add up.
    pub fn wholes(&self) -> impl Iterator<Item = &DriverPnl> {
        self.drivers.iter().filter(|d| d.slice_of.is_none())
    }

    /// Ecosystem revenue over all drivers, slices not added.
    pub fn revenue(&self) -> Money {
        self.wholes().map(|d| d.revenue).sum()
    }

    /// Gross margin over all drivers, slices not added.
    pub fn gross_margin(&self) -> Money {
        self.wholes().map(|d| d.gross_margin).sum()
    }

    /// Margin attributed to martech over all drivers, slices not added.
    pub fn attributed_margin(&self) -> Money {
        self.wholes().map(|d| d.attributed_margin).sum()
    }

    /// Total value: attributed margin + productivity value + cost-to-serve savings.
    pub fn total_value(&self) -> Money {
        self.wholes().map(DriverPnl::value).sum()
    }

    /// The ecosystem's martech ROI on the total value (see [`ROI_DEFINITION`]).
    pub fn roi(&self) -> Ratio {
        roi(self.total_value(), self.cost())
    }

    /// The ROI on attributed margin alone (see [`super::value::MARGIN_ROI_DEFINITION`]).
    pub fn margin_roi(&self) -> Ratio {
        roi(self.attributed_margin(), self.cost())
    }

    /// Months for the total value to pay the annual cost (see [`PAYBACK_DEFINITION`]).
    pub fn payback_months(&self) -> Option<Decimal> {
        payback(self.annual_cost(), self.total_value(), self.period_months)
    }

    /// Staff time saved, valued: hours saved × cost per hour.
    pub fn productivity_value(&self) -> Money {
        Money(Decimal::from(self.hours_saved) * self.cost_per_hour.amount())
    }

    /// Change in cost to serve one customer (after - before; negative is good).
    pub fn cost_to_serve_change(&self) -> Money {
        self.cost_to_serve_after - self.cost_to_serve_before
    }

    /// Cost to serve saved over the period: (before - after) × customers served; negative
    /// when the cost rose.
    pub fn cost_to_serve_savings(&self) -> Money {
        Money(-self.cost_to_serve_change().amount() * Decimal::from(self.customers_served))
    }

    /// The same change relative to before; "n/a" when there is no before.
    pub fn cost_to_serve_change_relative(&self) -> Ratio {
        Ratio::new(
            self.cost_to_serve_change().amount(),
            self.cost_to_serve_before.amount(),
        )
    }

    /// Tools that are candidates to retire, in stack order.
    pub fn retire_candidates(&self) -> impl Iterator<Item = &ToolPnl> {
        self.tools.iter().filter(|t| t.retire_candidate())
    }
}

fn slot(driver: ValueDriver) -> usize {
    match driver {
        ValueDriver::IncrementalSales => 0,
        ValueDriver::AccessoryRevenue => 1,
        ValueDriver::ServiceRetention => 2,
        ValueDriver::EvAdoption => 3,
        ValueDriver::DealerProductivity => 4,
        ValueDriver::CostToServe => 5,
    }
}

#[cfg(test)]
#[path = "pnl_tests.rs"]
mod tests;
