//! What one dealer did in one period: counts and money, never pre-computed ratios.
//!
//! Every type here is a sum of its parts, so rolling up any set of dealers is adding their facts
//! field by field (`+=`). Ratios are computed afterwards from the summed parts (see `metrics`),
//! which is what makes a roll-up of roll-ups equal the roll-up of the leaves.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::money::Money;

/// Implements `AddAssign` and `Add` field by field, so no field can be forgotten in a roll-up:
/// the macro names every field, and a new field is a compile error until it is listed.
macro_rules! summable {
    ($name:ident { $($field:ident),* $(,)? }) => {
        impl std::ops::AddAssign<&$name> for $name {
            fn add_assign(&mut self, rhs: &$name) {
                let $name { $($field),* } = rhs;
                $( self.$field += $field; )*
            }
        }

        impl std::ops::Add for $name {
            type Output = $name;
            fn add(mut self, rhs: $name) -> $name {
                self += &rhs;
                self
            }
        }

        impl<'a> std::iter::Sum<&'a $name> for $name {
            fn sum<I: Iterator<Item = &'a $name>>(iter: I) -> $name {
                iter.fold($name::default(), |mut total, part| {
                    total += part;
                    total
                })
            }
        }
    };
}

// `AddAssign<&u64>` and `AddAssign<&Money>` do not exist for the primitive/newtype, so the macro
// adds through references by dereferencing: provide the trait for Money and rely on
// `u64: AddAssign<&u64>` from std.
impl std::ops::AddAssign<&Money> for Money {
    fn add_assign(&mut self, rhs: &Money) {
        *self += *rhs;
    }
}

/// Leads received, by who generated them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LeadsBySource {
    /// Leads from the OEM's national channels (brand site, configurator, national campaigns).
    pub oem: u64,
    /// Leads from the dealer's own marketing.
    pub dealer: u64,
    /// Leads from finance and other partners (marketplaces, captive finance, fleet partners).
    pub partner: u64,
}
summable!(LeadsBySource {
    oem,
    dealer,
    partner
});

impl LeadsBySource {
    /// All leads, whatever their source.
    pub fn total(&self) -> u64 {
        self.oem + self.dealer + self.partner
    }
}

/// Vehicles sold (retailed). `ev` and `fleet` are subsets of `new`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sales {
    /// New vehicles retailed, including EVs and fleet.
    pub new: u64,
    /// Used and certified pre-owned vehicles retailed.
    pub used: u64,
    /// New battery-electric vehicles (part of `new`).
    pub ev: u64,
    /// New vehicles sold to fleet customers (part of `new`).
    pub fleet: u64,
}
summable!(Sales {
    new,
    used,
    ev,
    fleet
});

impl Sales {
    /// New plus used vehicles.
    pub fn total(&self) -> u64 {
        self.new + self.used
    }
}

/// Test drives and quotes logged while no leads were (see [`DealerFacts::without_leads`]): parts
/// of the dealer's `test_drives` and `quotes`, which lead-based rates leave out.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WithoutLeads {
    /// Test drives logged in months without leads (at most the test drives).
    pub test_drives: u64,
    /// Quotes logged in months without leads (at most the quotes).
    pub quotes: u64,
}
summable!(WithoutLeads {
    test_drives,
    quotes
});

impl WithoutLeads {
    /// No test drive and no quote without leads.
    pub fn is_empty(&self) -> bool {
        self.test_drives == 0 && self.quotes == 0
    }
}

/// Marketing money spent by the dealer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MarketingSpend {
    /// Paid by the dealer alone.
    pub local: Money,
    /// Paid by the dealer under the OEM's co-op programme (the OEM's reimbursed share included).
    pub coop: Money,
}
summable!(MarketingSpend { local, coop });

impl MarketingSpend {
    /// Local plus co-op spend.
    pub fn total(&self) -> Money {
        self.local + self.coop
    }
}

/// A dealer's shared-scorecard facts for one period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DealerFacts {
    /// Leads received, by source.
    pub leads: LeadsBySource,
    /// Leads that got any answer (at most the leads).
    pub leads_responded: u64,
    /// Leads answered within the agreed SLA (at most the leads responded).
    pub leads_answered_in_sla: u64,
    /// Minutes from lead to first answer, summed over the leads responded.
    pub response_minutes_sum: u64,
    /// Test drives taken.
    pub test_drives: u64,
    /// Written quotes given.
    pub quotes: u64,
    /// Finance offers made by finance partners.
    pub offers_made: u64,
    /// Finance offers the customer accepted (at most the offers made).
    pub offers_accepted: u64,
    /// Vehicles sold.
    pub sales: Sales,
    /// Vehicles sold to customers who came in as a lead this period (at most the leads).
    pub sales_from_leads: u64,
    /// Service repair orders closed.
    pub service_repair_orders: u64,
    /// Recent buyers (sold in the last 1-3 years) due for service this period.
    pub service_customers_due: u64,
    /// Of those due, the ones serviced at the dealer (at most the customers due).
    pub service_customers_retained: u64,
    /// Parts and accessories revenue.
    pub accessory_revenue: Money,
    /// OEM campaigns offered to the dealer.
    pub campaigns_offered: u64,
    /// OEM campaigns the dealer joined (at most the campaigns offered).
    pub campaigns_joined: u64,
    /// Customer satisfaction survey responses.
    pub csat_responses: u64,
    /// Sum of the survey scores, each 0-100 (at most 100 per response).
    pub csat_score_sum: u64,
    /// Marketing spend.
    pub marketing_spend: MarketingSpend,
    /// Sales consultants employed (headcount, for productivity per consultant).
    pub sales_consultants: u64,
    /// Test drives and quotes logged in months in which the dealer logged no leads at all (a gap
    /// in the lead feed, such as a CRM outage). A quarter sums its months' leads, which hides
    /// such a month, so the quarter carries the gap here; a month with no leads needs nothing
    /// here (all its test drives and quotes are the gap). Absent when there is none.
    #[serde(default, skip_serializing_if = "WithoutLeads::is_empty")]
    pub without_leads: WithoutLeads,
}
summable!(DealerFacts {
    leads,
    leads_responded,
    leads_answered_in_sla,
    response_minutes_sum,
    test_drives,
    quotes,
    offers_made,
    offers_accepted,
    sales,
    sales_from_leads,
    service_repair_orders,
    service_customers_due,
    service_customers_retained,
    accessory_revenue,
    campaigns_offered,
    campaigns_joined,
    csat_responses,
    csat_score_sum,
    marketing_spend,
    sales_consultants,
    without_leads,
});

/// Opportunities of one kind in one period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DealStats {
    /// Opportunities opened.
    pub opened: u64,
    /// Value of the opportunities opened.
    pub pipeline_value: Money,
    /// Opportunities won.
    pub won: u64,
    /// Opportunities lost.
    pub lost: u64,
    /// Revenue booked on the won opportunities (the booked total finance reconciles to).
    pub won_revenue: Money,
    /// Days from lead to close, summed over the won opportunities.
    pub days_to_close_sum: u64,
}
summable!(DealStats {
    opened,
    pipeline_value,
    won,
    lost,
    won_revenue,
    days_to_close_sum
});

/// A dealer's opportunities, split by whether a partner took part.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pipeline {
    /// Deals a partner sourced.
    pub partner_sourced: DealStats,
    /// Deals sourced elsewhere that a partner influenced.
    pub partner_influenced: DealStats,
    /// Deals without a partner.
    pub no_partner: DealStats,
}
summable!(Pipeline {
    partner_sourced,
    partner_influenced,
    no_partner
});

impl Pipeline {
    /// All deals, whatever the partner's role.
    pub fn total(&self) -> DealStats {
        [
            &self.partner_sourced,
            &self.partner_influenced,
            &self.no_partner,
        ]
        .into_iter()
        .sum()
    }
}

/// A dealer's customer base, for retention and lifetime value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Customers {
    /// Owners of vehicles sold or serviced by the dealer who are still active.
    pub active_owners: u64,
    /// Of the active owners, those serviced at the dealer in the last 12 months.
    pub owners_serviced_12m: u64,
    /// Customers who bought again this period.
    pub repeat_purchasers: u64,
    /// Customers who bought for the first time this period.
    pub new_customers: u64,
    /// Service gross profit from existing owners.
    pub owner_service_gross: Money,
    /// Accessory gross profit from existing owners.
    pub owner_accessory_gross: Money,
    /// Marketing spent to win new customers.
    pub conquest_spend: Money,
    /// Marketing spent to keep existing customers.
    pub loyalty_spend: Money,
}
summable!(Customers {
    active_owners,
    owners_serviced_12m,
    repeat_purchasers,
    new_customers,
    owner_service_gross,
    owner_accessory_gross,
    conquest_spend,
    loyalty_spend,
});
