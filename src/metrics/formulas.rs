//! How each metric is computed from a [`Rollup`]: from summed parts only, dividing last.

use rust_decimal::Decimal;

use super::catalogue::Metric;
use super::ratio::Ratio;
use super::rollup::Rollup;
use crate::model::{DealStats, Money};

/// How a metric's value comes out of a roll-up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Formula {
    /// A summed amount (count or money): always available.
    Amount(Decimal),
    /// A numerator over a denominator, both summed parts.
    Ratio(Ratio),
    /// A value built from several ratios (lifetime value and its relatives); `None` when any
    /// input is not available.
    Derived(Option<Decimal>),
}

impl Formula {
    /// The number to show; `None` is "n/a".
    pub fn value(self) -> Option<Decimal> {
        match self {
            Formula::Amount(amount) => Some(amount),
            Formula::Ratio(ratio) => ratio.value(),
            Formula::Derived(value) => value,
        }
    }
}

fn n(count: u64) -> Decimal {
    Decimal::from(count)
}

fn m(money: Money) -> Decimal {
    money.amount()
}

fn partner(rollup: &Rollup) -> DealStats {
    rollup.pipeline.partner_sourced.clone() + rollup.pipeline.partner_influenced.clone()
}

fn win_rate(deals: &DealStats) -> Ratio {
    Ratio::new(deals.won, deals.won + deals.lost)
}

fn velocity(deals: &DealStats) -> Ratio {
    Ratio::new(deals.days_to_close_sum, deals.won)
}

fn deal_size(deals: &DealStats) -> Ratio {
    Ratio::new(m(deals.won_revenue), n(deals.won))
}

fn owner_gross(rollup: &Rollup) -> Decimal {
    m(rollup.customers.owner_service_gross + rollup.customers.owner_accessory_gross)
}

/// Annual gross per retained owner: the period's owner gross scaled to twelve months, over
/// the owners serviced in the last 12 months. `None` when the period length is unknown.
fn gross_per_retained_owner(rollup: &Rollup) -> Option<Ratio> {
    if rollup.period_months == 0 {
        return None;
    }
    Some(Ratio::new(
        owner_gross(rollup).checked_mul(n(12))?,
        n(rollup.customers.owners_serviced_12m).checked_mul(n(rollup.period_months.into()))?,
    ))
}

/// Expected tenure in years, 1 / (1 - retention) = active / (active - serviced). `None` when
/// every owner is retained (an unbounded tenure is not an estimate).
fn expected_tenure(rollup: &Rollup) -> Ratio {
    let c = &rollup.customers;
    Ratio::new(
        n(c.active_owners),
        n(c.active_owners.saturating_sub(c.owners_serviced_12m)),
    )
}

fn clv(rollup: &Rollup) -> Option<Decimal> {
    let per_owner = gross_per_retained_owner(rollup)?.value()?;
    per_owner.checked_mul(expected_tenure(rollup).value()?)
}

fn acquisition_cost(rollup: &Rollup) -> Ratio {
    Ratio::new(
        m(rollup.customers.conquest_spend),
        n(rollup.customers.new_customers),
    )
}

impl Metric {
    /// Whether the metric of a set of dealers is the sum of theirs (a count or an amount);
    /// otherwise it is recomputed from the summed parts (a rate, a ratio, a derived value).
    pub fn adds(self) -> bool {
        matches!(self.formula(&Rollup::default()), Formula::Amount(_))
    }

    /// How this metric comes out of `rollup`: an amount, a ratio of parts, or a derived value.
    pub fn formula(self, rollup: &Rollup) -> Formula {
        let f = &rollup.facts;
        let p = &rollup.pipeline;
        let c = &rollup.customers;
        let leads = f.leads.total();
        let amount = Formula::Amount;
        let ratio = |num: Decimal, den: Decimal| Formula::Ratio(Ratio::new(num, den));
        match self {
            Metric::Dealers => amount(n(rollup.dealers)),
            Metric::Leads => amount(n(leads)),
            Metric::LeadsOem => amount(n(f.leads.oem)),
            Metric::LeadsDealer => amount(n(f.leads.dealer)),
            Metric::LeadsPartner => amount(n(f.leads.partner)),
            Metric::ResponseRate => ratio(n(f.leads_responded), n(leads)),
            Metric::SlaAdherence => ratio(n(f.leads_answered_in_sla), n(leads)),
            Metric::ResponseMinutes => ratio(n(f.response_minutes_sum), n(f.leads_responded)),
            Metric::TestDriveRate => ratio(n(f.test_drives), n(leads)),
            Metric::QuoteRate => ratio(n(f.quotes), n(leads)),
            Metric::LeadToSale => ratio(n(f.sales_from_leads), n(leads)),
            Metric::OfferAcceptance => ratio(n(f.offers_accepted), n(f.offers_made)),
            Metric::CampaignParticipation => ratio(n(f.campaigns_joined), n(f.campaigns_offered)),
            Metric::Csat => ratio(n(f.csat_score_sum), n(f.csat_responses)),
            Metric::SalesNew => amount(n(f.sales.new)),
            Metric::SalesUsed => amount(n(f.sales.used)),
            Metric::SalesTotal => amount(n(f.sales.total())),
            Metric::SalesEv => amount(n(f.sales.ev)),
            Metric::EvShare => ratio(n(f.sales.ev), n(f.sales.new)),
            Metric::FleetShare => ratio(n(f.sales.fleet), n(f.sales.new)),
            Metric::ServiceRetention => {
                ratio(n(f.service_customers_retained), n(f.service_customers_due))
            }
            Metric::RepairOrders => amount(n(f.service_repair_orders)),
            Metric::AccessoryRevenue => amount(m(f.accessory_revenue)),
            Metric::MarketingSpend => amount(m(f.marketing_spend.total())),
            Metric::CostPerSale => ratio(m(f.marketing_spend.total()), n(f.sales.total())),
            Metric::AdPerNewVehicle => ratio(m(f.marketing_spend.total()), n(f.sales.new)),
            Metric::SalesPerConsultant => ratio(n(f.sales.total()), n(f.sales_consultants)),
            Metric::Opportunities => amount(n(p.total().opened)),
            Metric::PipelineValue => amount(m(p.total().pipeline_value)),
            Metric::PartnerSourcedPipeline => amount(m(p.partner_sourced.pipeline_value)),
            Metric::PartnerInfluencedPipeline => amount(m(p.partner_influenced.pipeline_value)),
            Metric::DealsWon => amount(n(p.total().won)),
            Metric::WonRevenue => amount(m(p.total().won_revenue)),
            Metric::PartnerRevenueShare => {
                ratio(m(partner(rollup).won_revenue), m(p.total().won_revenue))
            }
            Metric::WinRate => Formula::Ratio(win_rate(&p.total())),
            Metric::WinRatePartner => Formula::Ratio(win_rate(&partner(rollup))),
            Metric::WinRateNoPartner => Formula::Ratio(win_rate(&p.no_partner)),
            Metric::DealVelocity => Formula::Ratio(velocity(&p.total())),
            Metric::DealVelocityPartner => Formula::Ratio(velocity(&partner(rollup))),
            Metric::DealVelocityNoPartner => Formula::Ratio(velocity(&p.no_partner)),
            Metric::AvgDealSize => Formula::Ratio(deal_size(&p.total())),
            Metric::AvgDealSizePartner => Formula::Ratio(deal_size(&partner(rollup))),
            Metric::AvgDealSizeNoPartner => Formula::Ratio(deal_size(&p.no_partner)),
            Metric::ActiveOwners => amount(n(c.active_owners)),
            Metric::OwnerRetention => ratio(n(c.owners_serviced_12m), n(c.active_owners)),
            Metric::RepeatPurchasers => amount(n(c.repeat_purchasers)),
            Metric::NewCustomers => amount(n(c.new_customers)),
            Metric::OwnerGross => amount(owner_gross(rollup)),
            Metric::GrossPerRetainedOwner => match gross_per_retained_owner(rollup) {
                Some(r) => Formula::Ratio(r),
                None => Formula::Derived(None),
            },
            Metric::ExpectedTenure => Formula::Ratio(expected_tenure(rollup)),
            Metric::Clv => Formula::Derived(clv(rollup)),
            Metric::ConquestSpend => amount(m(c.conquest_spend)),
            Metric::LoyaltySpend => amount(m(c.loyalty_spend)),
            Metric::AcquisitionCost => Formula::Ratio(acquisition_cost(rollup)),
            Metric::ClvToAcquisition => Formula::Derived(
                clv(rollup)
                    .zip(acquisition_cost(rollup).value())
                    .and_then(|(clv, cac)| Ratio::new(clv, cac).value()),
            ),
            Metric::RetentionToConquest => ratio(owner_gross(rollup), m(c.conquest_spend)),
        }
    }

    /// The metric's value for a roll-up; `None` is "n/a" (an empty denominator).
    pub fn value(self, rollup: &Rollup) -> Option<Decimal> {
        self.formula(rollup).value()
    }

    /// The summed parts behind a ratio metric, for showing inputs beside the rate; `None` for
    /// amounts and derived values.
    pub fn ratio(self, rollup: &Rollup) -> Option<Ratio> {
        match self.formula(rollup) {
            Formula::Ratio(ratio) => Some(ratio),
            Formula::Amount(_) | Formula::Derived(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Money;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn lifetime_value_follows_the_stated_formula() {
        let mut r = Rollup::default().with_period_months(1);
        r.customers.owner_service_gross = Money::from(700);
        r.customers.owner_accessory_gross = Money::from(300);
        r.customers.owners_serviced_12m = 10;
        r.customers.active_owners = 20;
        r.customers.conquest_spend = Money::from(500);
        r.customers.new_customers = 2;
        // 1,000 a month is 12,000 a year over 10 retained owners; retention 50 % means
        // 2 years of tenure; conquest 500 for 2 new customers is 250 each.
        assert_eq!(Metric::GrossPerRetainedOwner.value(&r), Some(dec("1200")));
        assert_eq!(Metric::OwnerRetention.value(&r), Some(dec("0.5")));
        assert_eq!(Metric::ExpectedTenure.value(&r), Some(dec("2")));
        assert_eq!(Metric::Clv.value(&r), Some(dec("2400")));
        assert_eq!(Metric::AcquisitionCost.value(&r), Some(dec("250")));
        assert_eq!(Metric::ClvToAcquisition.value(&r), Some(dec("9.6")));
        assert_eq!(Metric::RetentionToConquest.value(&r), Some(dec("2")));
        // The same gross over a quarter is a third of the annual rate.
        let q = r.clone().with_period_months(3);
        assert_eq!(Metric::GrossPerRetainedOwner.value(&q), Some(dec("400")));
    }

    #[test]
    fn lifetime_value_is_not_available_without_its_inputs() {
        let mut r = Rollup::default();
        r.customers.owner_service_gross = Money::from(700);
        r.customers.owners_serviced_12m = 10;
        r.customers.active_owners = 10;
        // Unknown period length, then full retention (unbounded tenure).
        assert_eq!(Metric::Clv.value(&r), None);
        let r = r.with_period_months(1);
        assert_eq!(Metric::ExpectedTenure.value(&r), None);
        assert_eq!(Metric::Clv.value(&r), None);
        assert_eq!(Metric::ClvToAcquisition.value(&r), None);
    }

    #[test]
    fn partner_and_no_partner_win_rates_split_the_total() {
        let mut r = Rollup::default();
        r.pipeline.partner_sourced.won = 3;
        r.pipeline.partner_sourced.lost = 1;
        r.pipeline.partner_influenced.won = 1;
        r.pipeline.partner_influenced.lost = 3;
        r.pipeline.no_partner.won = 1;
        r.pipeline.no_partner.lost = 9;
        assert_eq!(Metric::WinRatePartner.value(&r), Some(dec("0.5")));
        assert_eq!(Metric::WinRateNoPartner.value(&r), Some(dec("0.1")));
        assert_eq!(
            Metric::WinRate.ratio(&r),
            Some(Ratio::new(5u64, 18u64)),
            "won / (won + lost) over all deals"
        );
    }

    #[test]
    fn every_metric_of_an_empty_rollup_is_zero_or_not_available() {
        let empty = Rollup::default();
        for &metric in Metric::ALL {
            match metric.formula(&empty) {
                Formula::Amount(a) => assert!(a.is_zero(), "{metric}"),
                Formula::Ratio(r) => assert_eq!(r.value(), None, "{metric}"),
                Formula::Derived(v) => assert_eq!(v, None, "{metric}"),
            }
        }
    }
}
