//! The martech P&L: cost against attributed margin, per tool and per value driver.
//!
//! Allocation rules (stated on screen through [`ALLOCATION_NOTE`]): a tool serving several
//! value drivers has its cost split equally among them; a driver's attributed margin is split
//! equally among the tools serving it. Splits are in cents with the remainder on the last
//! share, so every column adds up to its total exactly.

use rust_decimal::Decimal;

use super::adoption::{Adoption, is_retire_candidate};
use super::ratio::Ratio;
use super::split::{period_share, split_equally};
use crate::model::{Granularity, Money, Snapshot, ToolId, ValueDriver};

/// How shared costs and margins are allocated.
pub const ALLOCATION_NOTE: &str = "A tool serving several value drivers has its cost split \
     equally among them; a driver's attributed margin is split equally among its tools.";

/// The ROI definition, for help and the P&L view.
pub const ROI_DEFINITION: &str =
    "ROI = (attributed gross margin - martech cost) / martech cost, over the period";

/// The payback definition, for help and the P&L view.
pub const PAYBACK_DEFINITION: &str =
    "Payback = annual martech cost / monthly attributed margin, in months";

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
    /// The martech cost allocated to the driver (shares of its tools' costs).
    pub cost: Money,
    /// The tools serving it, in stack order.
    pub tools: Vec<ToolId>,
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
    /// Attributed margin of drivers no tool serves (counted in the total, in no tool).
    pub unallocated_margin: Money,
    /// Hours saved in the period.
    pub hours_saved: u64,
    /// Loaded cost of an hour.
    pub cost_per_hour: Money,
    /// Cost to serve one customer before the programme.
    pub cost_to_serve_before: Money,
    /// Cost to serve one customer now.
    pub cost_to_serve_after: Money,
}

impl ToolPnl {
    /// (attributed margin - cost) / cost; "n/a" for a tool that costs nothing.
    pub fn roi(&self) -> Ratio {
        roi(self.attributed_margin, self.cost)
    }

    /// Months for the tool's margin to pay its annual cost.
    pub fn payback_months(&self, period_months: u32) -> Option<Decimal> {
        payback(self.annual_cost, self.attributed_margin, period_months)
    }

    /// Whether the tool is a candidate to retire (see [`super::adoption::RETIRE_RULE`]).
    pub fn retire_candidate(&self) -> bool {
        is_retire_candidate(&self.adoption, &self.roi())
    }
}

impl DriverPnl {
    /// (attributed margin - allocated cost) / allocated cost.
    pub fn roi(&self) -> Ratio {
        roi(self.attributed_margin, self.cost)
    }
}

fn roi(margin: Money, cost: Money) -> Ratio {
    Ratio::new((margin - cost).amount(), cost.amount())
}

/// Annual cost over the monthly margin; `None` when the margin is not positive (it never pays
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
        let mut drivers: Vec<DriverPnl> = DRIVERS
            .iter()
            .map(|&driver| DriverPnl {
                driver,
                revenue: Money::ZERO,
                gross_margin: Money::ZERO,
                attributed_margin: Money::ZERO,
                cost: Money::ZERO,
                tools: Vec::new(),
            })
            .collect();
        for outcome in &snapshot.pnl.drivers {
            let line = &mut drivers[slot(outcome.driver)];
            line.revenue += outcome.revenue;
            line.gross_margin += outcome.gross_margin;
            line.attributed_margin += outcome.attributed_margin;
        }

        let mut unassigned_cost = Money::ZERO;
        let mut tools = Vec::with_capacity(snapshot.stack.len());
        for tool in &snapshot.stack {
            let annual_cost = tool.annual_cost.total();
            let cost = period_share(annual_cost, months);
            let mut served: Vec<ValueDriver> = Vec::new();
            for &driver in &tool.value_drivers {
                if !served.contains(&driver) {
                    served.push(driver);
                }
            }
            let cost_by_driver: Vec<(ValueDriver, Money)> = served
                .iter()
                .copied()
                .zip(split_equally(cost, served.len()))
                .collect();
            for &(driver, share) in &cost_by_driver {
                let line = &mut drivers[slot(driver)];
                line.cost += share;
                line.tools.push(tool.id.clone());
            }
            if served.is_empty() {
                unassigned_cost += cost;
            }
            tools.push(ToolPnl {
                id: tool.id.clone(),
                name: tool.name.clone(),
                annual_cost,
                cost,
                attributed_margin: Money::ZERO,
                cost_by_driver,
                adoption: Adoption::of(tool, snapshot.dealers.len()),
            });
        }

        let mut unallocated_margin = Money::ZERO;
        for line in &drivers {
            if line.tools.is_empty() {
                unallocated_margin += line.attributed_margin;
                continue;
            }
            let shares = split_equally(line.attributed_margin, line.tools.len());
            for (id, share) in line.tools.iter().zip(shares) {
                if let Some(tool) = tools.iter_mut().find(|t| &t.id == id) {
                    tool.attributed_margin += share;
                }
            }
        }

        let p = &snapshot.pnl;
        Pnl {
            period_months: months,
            tools,
            drivers,
            unassigned_cost,
            unallocated_margin,
            hours_saved: p.productivity.hours_saved,
            cost_per_hour: p.productivity.cost_per_hour,
            cost_to_serve_before: p.cost_to_serve.before,
            cost_to_serve_after: p.cost_to_serve.after,
        }
    }

    /// The period's martech cost: the sum of the tools' period costs.
    pub fn cost(&self) -> Money {
        self.tools.iter().map(|t| t.cost).sum()
    }

    /// The annual run-rate martech cost.
    pub fn annual_cost(&self) -> Money {
        self.tools.iter().map(|t| t.annual_cost).sum()
    }

    /// Ecosystem revenue over all drivers.
    pub fn revenue(&self) -> Money {
        self.drivers.iter().map(|d| d.revenue).sum()
    }

    /// Gross margin over all drivers.
    pub fn gross_margin(&self) -> Money {
        self.drivers.iter().map(|d| d.gross_margin).sum()
    }

    /// Margin attributed to martech over all drivers.
    pub fn attributed_margin(&self) -> Money {
        self.drivers.iter().map(|d| d.attributed_margin).sum()
    }

    /// The ecosystem's martech ROI for the period (see [`ROI_DEFINITION`]).
    pub fn roi(&self) -> Ratio {
        roi(self.attributed_margin(), self.cost())
    }

    /// Months for the attributed margin to pay the annual cost (see [`PAYBACK_DEFINITION`]).
    pub fn payback_months(&self) -> Option<Decimal> {
        payback(
            self.annual_cost(),
            self.attributed_margin(),
            self.period_months,
        )
    }

    /// Staff time saved, valued: hours saved × cost per hour.
    pub fn productivity_value(&self) -> Money {
        Money(Decimal::from(self.hours_saved) * self.cost_per_hour.amount())
    }

    /// Change in cost to serve one customer (after - before; negative is good).
    pub fn cost_to_serve_change(&self) -> Money {
        self.cost_to_serve_after - self.cost_to_serve_before
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
