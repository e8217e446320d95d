//! What martech is worth to the ecosystem, without counting anything twice: the definitions of
//! every kind of value the P&L adds up, which driver is a slice of another, and the value bridge
//! (martech cost → attributed gross margin by driver → productivity value → cost-to-serve savings
//! → net value) that the P&L view draws as a waterfall.

use crate::model::{Money, ValueDriver};

use super::pnl::{DRIVERS, Pnl};
use super::ratio::Ratio;

/// The ROI definition, for help and the P&L view.
pub const ROI_DEFINITION: &str = "ROI = (total value - martech cost) / martech cost, over the \
     period; total value = attributed gross margin + productivity value + cost-to-serve savings";

/// The margin-only ROI, shown beside the ROI.
pub const MARGIN_ROI_DEFINITION: &str =
    "Margin-only ROI = (attributed gross margin - martech cost) / martech cost";

/// The payback definition, for help and the P&L view.
pub const PAYBACK_DEFINITION: &str =
    "Payback = annual martech cost / monthly total value, in months";

/// The martech cost step.
pub const COST_DEFINITION: &str = "the period's share of the tools' annual cost (licences, \
     services, integration): a twelfth a month, a quarter a quarter";

/// The attributed gross margin steps.
pub const MARGIN_DEFINITION: &str = "the part of the driver's gross margin the snapshot credits \
     to martech";

/// The productivity step.
pub const PRODUCTIVITY_DEFINITION: &str = "hours of dealer staff time saved × loaded cost of an \
     hour";

/// The cost-to-serve step.
pub const COST_TO_SERVE_DEFINITION: &str = "(cost to serve a customer before - after) × \
     customers served in the period (buyers, new and repeat, + owners serviced)";

/// The net value step.
pub const NET_DEFINITION: &str = "attributed gross margin + productivity value + cost-to-serve \
     savings - martech cost";

/// A value driver as the review names it.
pub fn label(driver: ValueDriver) -> &'static str {
    match driver {
        ValueDriver::IncrementalSales => "Incremental sales",
        ValueDriver::AccessoryRevenue => "Accessory revenue",
        ValueDriver::ServiceRetention => "Service retention",
        ValueDriver::EvAdoption => "EV adoption",
        ValueDriver::DealerProductivity => "Dealer productivity",
        ValueDriver::CostToServe => "Cost to serve",
    }
}

/// The driver a driver is a slice of, if any. EV sales are vehicle sales: EV adoption's revenue
/// and margin are inside incremental sales', so they are shown as a part of it and never added
/// to it, and a tool serving EV adoption serves incremental sales.
pub fn slice_of(driver: ValueDriver) -> Option<ValueDriver> {
    match driver {
        ValueDriver::EvAdoption => Some(ValueDriver::IncrementalSales),
        ValueDriver::IncrementalSales
        | ValueDriver::AccessoryRevenue
        | ValueDriver::ServiceRetention
        | ValueDriver::DealerProductivity
        | ValueDriver::CostToServe => None,
    }
}

/// The driver whose line carries this driver's value and cost: itself, or the one it is a
/// slice of.
pub fn whole(driver: ValueDriver) -> ValueDriver {
    slice_of(driver).unwrap_or(driver)
}

/// "EV adoption: inside incremental sales, not added"; `None` for a driver that is no slice.
pub fn slice_note(driver: ValueDriver) -> Option<String> {
    slice_of(driver).map(|whole| {
        format!(
            "{}: inside {}, not added",
            label(driver),
            label(whole).to_lowercase()
        )
    })
}

/// What a step of the bridge is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// The martech cost: the bridge starts below zero by it.
    Cost,
    /// A driver's attributed gross margin, added.
    Margin(ValueDriver),
    /// A driver's attributed margin that is inside the step above it: shown, not added.
    Slice(ValueDriver),
    /// Staff time saved, valued.
    Productivity,
    /// Cost to serve saved (negative when it rose).
    CostToServe,
    /// Where the bridge ends: the sum of every added step.
    Net,
}

/// One step of the value bridge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// What it is.
    pub kind: StepKind,
    /// Its amount: negative for the cost; for the net, the running total.
    pub amount: Money,
    /// The running total before the step (for a slice: the total its whole started from).
    pub from: Money,
    /// The running total after it (a slice does not move it).
    pub to: Money,
}

/// The value bridge of a P&L: martech cost, then every driver's attributed margin (slices
/// inside their whole), productivity value, cost-to-serve savings, and the net value, each step
/// starting where the last ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bridge {
    /// The steps, top to bottom.
    pub steps: Vec<Step>,
    /// The martech cost of the period.
    pub cost: Money,
    /// Attributed gross margin, slices not added.
    pub margin: Money,
    /// Total value: margin + productivity value + cost-to-serve savings.
    pub value: Money,
}

impl Bridge {
    /// The bridge of a P&L. Drivers without margin are left out; the productivity and
    /// cost-to-serve steps are always shown (zero says there is none).
    pub fn of(pnl: &Pnl) -> Bridge {
        let mut steps = Vec::new();
        let mut total = Money::ZERO;
        let mut push = |steps: &mut Vec<Step>, kind, amount: Money| {
            let from = total;
            total += amount;
            steps.push(Step {
                kind,
                amount,
                from,
                to: total,
            });
        };
        let cost = pnl.cost();
        push(&mut steps, StepKind::Cost, -cost);
        for &driver in DRIVERS.iter().filter(|&&d| slice_of(d).is_none()) {
            let line = pnl.driver(driver);
            if line.attributed_margin != Money::ZERO {
                push(&mut steps, StepKind::Margin(driver), line.attributed_margin);
            }
            let from = steps.last().map_or(Money::ZERO, |s| s.from);
            for slice in DRIVERS.iter().filter(|&&d| slice_of(d) == Some(driver)) {
                let part = pnl.driver(*slice).attributed_margin;
                if part != Money::ZERO {
                    steps.push(Step {
                        kind: StepKind::Slice(*slice),
                        amount: part,
                        from,
                        to: from + part,
                    });
                }
            }
        }
        push(&mut steps, StepKind::Productivity, pnl.productivity_value());
        push(
            &mut steps,
            StepKind::CostToServe,
            pnl.cost_to_serve_savings(),
        );
        steps.push(Step {
            kind: StepKind::Net,
            amount: total,
            from: Money::ZERO,
            to: total,
        });
        Bridge {
            steps,
            cost,
            margin: pnl.attributed_margin(),
            value: pnl.total_value(),
        }
    }

    /// Net value: total value - martech cost.
    pub fn net(&self) -> Money {
        self.value - self.cost
    }

    /// ROI on the total value (see [`ROI_DEFINITION`]); "n/a" with no cost.
    pub fn roi(&self) -> Ratio {
        Ratio::new(self.net().amount(), self.cost.amount())
    }

    /// ROI on the attributed margin alone (see [`MARGIN_ROI_DEFINITION`]).
    pub fn margin_roi(&self) -> Ratio {
        Ratio::new((self.margin - self.cost).amount(), self.cost.amount())
    }
}

#[cfg(test)]
#[path = "value_tests.rs"]
mod tests;
