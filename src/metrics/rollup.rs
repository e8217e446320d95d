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
    /// Test drives and quotes of dealers that logged no leads, kept out of `facts`.
    pub lead_gap: LeadGap,
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

    /// Adds one dealer's facts, pipeline and customers. A dealer's test drives and quotes
    /// logged with no leads (a gap in the lead feed: see [`LeadGap::of`]) are counted in
    /// [`Rollup::lead_gap`] instead of `facts`, so they never inflate its group's test-drive and
    /// quote rates.
    pub fn add_dealer(&mut self, dealer: &Dealer) {
        self.dealers += 1;
        match LeadGap::of(&dealer.facts) {
            Some(gap) => {
                self.lead_gap += gap;
                let mut facts = dealer.facts.clone();
                facts.test_drives = facts.test_drives.saturating_sub(gap.test_drives);
                facts.quotes = facts.quotes.saturating_sub(gap.quotes);
                self.facts += &facts;
            }
            None => self.facts += &dealer.facts,
        }
        self.pipeline += &dealer.pipeline;
        self.customers += &dealer.customers;
    }

    /// The same roll-up, marked as covering `months` months (for annualised metrics).
    pub fn with_period_months(mut self, months: u32) -> Rollup {
        self.period_months = months;
        self
    }
}

/// Dealers that logged no leads but test drives or quotes (a CRM outage): their counts, which
/// lead-based rates leave out because the leads they came from are missing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LeadGap {
    /// Dealers with the gap.
    pub dealers: u64,
    /// Their test drives.
    pub test_drives: u64,
    /// Their quotes.
    pub quotes: u64,
}

impl LeadGap {
    /// The gap of one dealer's facts, if it has one: all its test drives and quotes when it
    /// logged no leads in the period, else those it logged in months without leads
    /// ([`DealerFacts::without_leads`], how a quarter carries a month's outage).
    pub fn of(facts: &DealerFacts) -> Option<LeadGap> {
        let (test_drives, quotes) = if LeadGap::no_leads_at_all(facts) {
            (facts.test_drives, facts.quotes)
        } else {
            let w = &facts.without_leads;
            (
                w.test_drives.min(facts.test_drives),
                w.quotes.min(facts.quotes),
            )
        };
        (test_drives > 0 || quotes > 0).then_some(LeadGap {
            dealers: 1,
            test_drives,
            quotes,
        })
    }

    /// Whether the dealer logged no leads at all in the period (rather than in some of its
    /// months only).
    pub fn no_leads_at_all(facts: &DealerFacts) -> bool {
        // Field by field, not `total()`: a check of absurd figures must not overflow.
        let l = &facts.leads;
        l.oem == 0 && l.dealer == 0 && l.partner == 0
    }
}

impl std::ops::AddAssign for LeadGap {
    fn add_assign(&mut self, rhs: LeadGap) {
        self.dealers += rhs.dealers;
        self.test_drives = self.test_drives.saturating_add(rhs.test_drives);
        self.quotes = self.quotes.saturating_add(rhs.quotes);
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
            lead_gap,
            period_months,
        } = rhs;
        self.lead_gap += *lead_gap;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::Metric;
    use crate::metrics::test_support::{dealer, empty_snapshot, group, region};
    use crate::model::Tier;

    #[test]
    fn a_dealer_without_leads_keeps_its_test_drives_and_quotes_out_of_lead_rates() {
        let mut s = empty_snapshot("2026-06");
        region(&mut s, "r", "R");
        group(&mut s, "g", "G", "r", Tier::Gold);
        dealer(&mut s, "d1", "D1", "g", 200, 150, 20);
        dealer(&mut s, "d2", "D2", "g", 0, 0, 15);
        s.dealers[0].facts.test_drives = 100;
        s.dealers[0].facts.quotes = 150;
        // A CRM outage: d2 logged no leads, yet 164 test drives and 277 quotes.
        s.dealers[1].facts.test_drives = 164;
        s.dealers[1].facts.quotes = 277;
        let group = Rollup::of(&s.dealers);
        // 100 / 200 and 150 / 200, not (100 + 164) / 200 = 132 % and (150 + 277) / 200.
        assert_eq!(
            Metric::TestDriveRate.value(&group),
            Some(rust_decimal::Decimal::new(5, 1))
        );
        assert_eq!(
            Metric::QuoteRate.value(&group),
            Some(rust_decimal::Decimal::new(75, 2))
        );
        assert_eq!(
            group.lead_gap,
            LeadGap {
                dealers: 1,
                test_drives: 164,
                quotes: 277
            }
        );
        // Sales are not lead-based: both dealers' count.
        assert_eq!(Metric::SalesTotal.value(&group), Some(35.into()));
        // A roll-up of roll-ups keeps the gap.
        let both = Rollup::of(&s.dealers[..1]) + Rollup::of(&s.dealers[1..]);
        assert_eq!(both, group);
    }
}
