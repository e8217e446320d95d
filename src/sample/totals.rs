//! The network's totals for a month, which the ecosystem-level parts are drawn from.

use crate::model::{Customers, DealStats, Dealer, DealerFacts};

/// Sums over the dealers reporting in a month.
#[derive(Clone, Debug, Default)]
pub struct Totals {
    pub dealers: usize,
    pub facts: DealerFacts,
    pub deals: DealStats,
    pub customers: Customers,
}

impl Totals {
    /// Adds up the dealers.
    pub fn of(dealers: &[Dealer]) -> Totals {
        let mut t = Totals {
            dealers: dealers.len(),
            ..Totals::default()
        };
        for d in dealers {
            t.facts += &d.facts;
            t.deals += &d.pipeline.total();
            t.customers += &d.customers;
        }
        t
    }
}
