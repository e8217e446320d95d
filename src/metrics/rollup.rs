//! The summed parts of any set of dealers: what every ratio on screen is computed from.

use crate::model::{Customers, Dealer, DealerFacts, Pipeline};

/// The parts of a set of dealers, added field by field. Every metric of the catalogue is
/// computed from a `Rollup` only, so a region's rate is its summed numerator over its summed
/// denominator, and a roll-up of roll-ups equals the roll-up of the leaves.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rollup {
    /// How many dealers were added.
    pub dealers: u64,
    /// Shared-scorecard facts, summed.
    pub facts: DealerFacts,
    /// Opportunities by partner involvement, summed.
    pub pipeline: Pipeline,
    /// Customer base and lifetime-value inputs, summed.
    pub customers: Customers,
    /// Months the facts cover (1 for a monthly snapshot, 3 for a quarter; 0 when unknown).
    /// Not summed: every part of a roll-up covers the same period, so adding keeps the
    /// larger value. Only annualised metrics (lifetime value) need it.
    pub period_months: u32,
}

impl Rollup {
    /// The roll-up of one dealer.
    pub fn of_dealer(dealer: &Dealer) -> Rollup {
        let mut rollup = Rollup::default();
        rollup.add_dealer(dealer);
        rollup
    }

    /// The roll-up of any set of dealers (period length unknown: see [`Rollup::period_months`]
    /// and [`Rollup::with_period_months`]).
    pub fn of<'a>(dealers: impl IntoIterator<Item = &'a Dealer>) -> Rollup {
        let mut rollup = Rollup::default();
        for dealer in dealers {
            rollup.add_dealer(dealer);
        }
        rollup
    }

    /// Adds one dealer's facts, pipeline and customers.
    pub fn add_dealer(&mut self, dealer: &Dealer) {
        self.dealers += 1;
        self.facts += &dealer.facts;
        self.pipeline += &dealer.pipeline;
        self.customers += &dealer.customers;
    }

    /// The same roll-up, marked as covering `months` months (for annualised metrics).
    pub fn with_period_months(mut self, months: u32) -> Rollup {
        self.period_months = months;
        self
    }
}

impl std::ops::AddAssign<&Rollup> for Rollup {
    fn add_assign(&mut self, rhs: &Rollup) {
        // Destructured so that a new field is a compile error until it is rolled up here.
        let Rollup {
            dealers,
            facts,
            pipeline,
            customers,
            period_months,
        } = rhs;
        self.dealers += dealers;
        self.facts += facts;
        self.pipeline += pipeline;
        self.customers += customers;
        self.period_months = self.period_months.max(*period_months);
    }
}

impl std::ops::AddAssign for Rollup {
    fn add_assign(&mut self, rhs: Rollup) {
        *self += &rhs;
    }
}

impl std::ops::Add for Rollup {
    type Output = Rollup;
    fn add(mut self, rhs: Rollup) -> Rollup {
        self += &rhs;
        self
    }
}

impl<'a> std::iter::Sum<&'a Rollup> for Rollup {
    fn sum<I: Iterator<Item = &'a Rollup>>(iter: I) -> Rollup {
        iter.fold(Rollup::default(), |mut total, part| {
            total += part;
            total
        })
    }
}

impl std::iter::Sum for Rollup {
    fn sum<I: Iterator<Item = Rollup>>(iter: I) -> Rollup {
        iter.fold(Rollup::default(), |mut total, part| {
            total += &part;
            total
        })
    }
}
