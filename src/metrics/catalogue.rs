//! The metric catalogue: every number a view can show, with its key, labels, unit and the
//! direction that makes a change good or bad. The formulas live in `formulas.rs`.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

/// What a metric's number is, which decides how it is formatted and how its change is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Whole things: leads, vehicles, dealers. Changes in the unit and in %.
    Count,
    /// An average count with one decimal, e.g. vehicles per consultant.
    Number,
    /// Money in the snapshot's currency.
    Money,
    /// A fraction (0.125 = 12.5 %). Changes in percentage points.
    Rate,
    /// Minutes, e.g. lead response time.
    Minutes,
    /// Days, e.g. lead to close.
    Days,
    /// Years, e.g. expected owner tenure.
    Years,
    /// A 0-100 score, e.g. CSAT.
    Score,
    /// A multiple, e.g. lifetime value to acquisition cost (1.8×).
    Multiple,
}

/// Which way a metric should move.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Up is good: conversion, revenue, retention.
    HigherIsBetter,
    /// Down is good: response time, cost per sale, days to close.
    LowerIsBetter,
    /// Neither: spend, mix shares. Changes are shown without a verdict.
    Neutral,
}

/// How big a change must be to matter; smaller changes show as flat.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Threshold {
    /// In the metric's unit (rates as fractions: 0.002 = 0.2 pp). Snapshot targets use this.
    Absolute(Decimal),
    /// As a fraction of the larger of the two values (0.01 = 1 %), so the verdict of (a, b)
    /// is always the opposite of the verdict of (b, a).
    Relative(Decimal),
}

impl Unit {
    /// What exports write beside an exact value: `fraction` for rates (0.125 is 12.5 %),
    /// `money` for amounts in the snapshot's currency, else the unit's plain name.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Count => "count",
            Unit::Number => "number",
            Unit::Money => "money",
            Unit::Rate => "fraction",
            Unit::Minutes => "minutes",
            Unit::Days => "days",
            Unit::Years => "years",
            Unit::Score => "score",
            Unit::Multiple => "multiple",
        }
    }

    /// The default "too small to matter" threshold: 0.2 pp for rates, half a point for
    /// scores, 1 % relative for everything else.
    pub fn default_threshold(self) -> Threshold {
        match self {
            Unit::Rate => Threshold::Absolute(Decimal::new(2, 3)),
            Unit::Score => Threshold::Absolute(Decimal::new(5, 1)),
            Unit::Count
            | Unit::Number
            | Unit::Money
            | Unit::Minutes
            | Unit::Days
            | Unit::Years
            | Unit::Multiple => Threshold::Relative(Decimal::new(1, 2)),
        }
    }
}

/// Declares the closed `Metric` enum and its table of keys, labels, units, directions and
/// formula texts in one place, so a metric cannot exist without all of them.
macro_rules! catalogue {
    ($( $(#[$doc:meta])* $variant:ident = $key:literal, $label:literal, $short:literal,
        $unit:ident, $dir:ident, $formula:literal; )*) => {
        /// A metric of the shared scorecard. Closed: a new metric is a compile error until
        /// every view that matches on it handles it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Metric { $( $(#[$doc])* $variant, )* }

        impl Metric {
            /// Every metric, in catalogue order.
            pub const ALL: &'static [Metric] = &[$(Metric::$variant),*];

            /// Stable snake_case key, used in snapshot `targets` and on the command line.
            pub fn key(self) -> &'static str {
                match self { $(Metric::$variant => $key,)* }
            }

            /// A reader's label, e.g. `SLA adherence`.
            pub fn label(self) -> &'static str {
                match self { $(Metric::$variant => $label,)* }
            }

            /// A label of at most 9 characters for narrow columns.
            pub fn short_label(self) -> &'static str {
                match self { $(Metric::$variant => $short,)* }
            }

            /// What the number is.
            pub fn unit(self) -> Unit {
                match self { $(Metric::$variant => Unit::$unit,)* }
            }

            /// Which way is good.
            pub fn direction(self) -> Direction {
                match self { $(Metric::$variant => Direction::$dir,)* }
            }

            /// How the metric is computed from summed parts, for help and on-screen notes.
            pub fn formula_text(self) -> &'static str {
                match self { $(Metric::$variant => $formula,)* }
            }
        }
    };
}

catalogue! {
    /// Dealers in the roll-up.
    Dealers = "dealers", "Dealers", "Dealers", Count, Neutral, "dealers counted";
    /// All leads.
    Leads = "leads", "Leads", "Leads", Count, HigherIsBetter, "OEM + dealer + partner leads";
    /// Leads from OEM channels.
    LeadsOem = "leads_oem", "OEM leads", "OEM lds", Count, HigherIsBetter, "leads from OEM channels";
    /// Leads from the dealer's own marketing.
    LeadsDealer = "leads_dealer", "Dealer leads", "Dlr lds", Count, HigherIsBetter, "leads from dealer marketing";
    /// Leads from partners.
    LeadsPartner = "leads_partner", "Partner leads", "Ptr lds", Count, HigherIsBetter, "leads from partners";
    /// Share of leads answered at all.
    ResponseRate = "response_rate", "Leads answered", "Answ %", Rate, HigherIsBetter, "leads responded / leads";
    /// Share of leads answered within the SLA.
    SlaAdherence = "sla_adherence", "SLA adherence", "SLA %", Rate, HigherIsBetter, "leads answered within SLA / leads";
    /// Average minutes to first answer.
    ResponseMinutes = "response_minutes", "Response time", "Resp t", Minutes, LowerIsBetter, "response minutes / leads responded";
    /// Test drives per lead.
    TestDriveRate = "test_drive_rate", "Test-drive rate", "TD %", Rate, HigherIsBetter, "test drives / leads (a walk-in test-drives without a lead, so it can pass 100 %)";
    /// Quotes per lead.
    QuoteRate = "quote_rate", "Quote rate", "Quote %", Rate, HigherIsBetter, "quotes / leads (a lead may get several quotes and walk-ins get quotes without a lead, so it can pass 100 %)";
    /// Leads that became a sale.
    LeadToSale = "lead_to_sale", "Lead-to-sale rate", "Close %", Rate, HigherIsBetter, "sales from leads / leads";
    /// Finance offers accepted.
    OfferAcceptance = "offer_acceptance", "Offer acceptance", "Offer %", Rate, HigherIsBetter, "offers accepted / offers made";
    /// OEM campaigns joined.
    CampaignParticipation = "campaign_participation", "Campaign participation", "Camp %", Rate, HigherIsBetter, "campaigns joined / campaigns offered";
    /// Customer satisfaction, 0-100.
    Csat = "csat", "CSAT", "CSAT", Score, HigherIsBetter, "survey score sum / responses (0-100)";
    /// New vehicles retailed.
    SalesNew = "sales_new", "New vehicles sold", "New", Count, HigherIsBetter, "new vehicles retailed";
    /// Used vehicles retailed.
    SalesUsed = "sales_used", "Used vehicles sold", "Used", Count, HigherIsBetter, "used and certified pre-owned vehicles retailed";
    /// New plus used vehicles.
    SalesTotal = "sales_total", "Vehicles sold", "Sold", Count, HigherIsBetter, "new + used vehicles retailed";
    /// Electric vehicles retailed.
    SalesEv = "sales_ev", "EVs sold", "EVs", Count, HigherIsBetter, "new battery-electric vehicles retailed";
    /// EV share of new sales.
    EvShare = "ev_share", "EV share of new", "EV %", Rate, HigherIsBetter, "EVs / new vehicles";
    /// Fleet share of new sales.
    FleetShare = "fleet_share", "Fleet share of new", "Fleet %", Rate, Neutral, "fleet vehicles / new vehicles";
    /// Recent buyers kept in the service bay.
    ServiceRetention = "service_retention", "Service retention", "Svc ret", Rate, HigherIsBetter, "recent buyers serviced / recent buyers due";
    /// Service repair orders closed.
    RepairOrders = "repair_orders", "Repair orders", "ROs", Count, HigherIsBetter, "service repair orders closed";
    /// Parts and accessories revenue.
    AccessoryRevenue = "accessory_revenue", "Accessory revenue", "Acc rev", Money, HigherIsBetter, "parts and accessories revenue";
    /// Local plus co-op marketing.
    MarketingSpend = "marketing_spend", "Marketing spend", "Mkt $", Money, Neutral, "local + co-op marketing spend";
    /// Marketing per vehicle sold.
    CostPerSale = "cost_per_sale", "Marketing cost per vehicle sold", "$/sale", Money, LowerIsBetter, "marketing spend / vehicles sold (new + used)";
    /// Marketing per new vehicle retailed (the NADA benchmark).
    AdPerNewVehicle = "ad_per_new_vehicle", "Advertising per new vehicle", "Ad/NVR", Money, LowerIsBetter, "marketing spend / new vehicles retailed";
    /// Dealer productivity.
    SalesPerConsultant = "sales_per_consultant", "Vehicles per consultant", "Per SC", Number, HigherIsBetter, "vehicles sold in the period / sales consultants (a quarter holds three months of sales)";
    /// Opportunities opened.
    Opportunities = "opportunities", "Opportunities opened", "Opps", Count, HigherIsBetter, "opportunities opened";
    /// Value of opportunities opened.
    PipelineValue = "pipeline_value", "Pipeline", "Pipe $", Money, HigherIsBetter, "value of opportunities opened";
    /// Pipeline partners sourced.
    PartnerSourcedPipeline = "partner_sourced_pipeline", "Partner-sourced pipeline", "Ptr src", Money, HigherIsBetter, "value of opportunities a partner sourced";
    /// Pipeline partners influenced.
    PartnerInfluencedPipeline = "partner_influenced_pipeline", "Partner-influenced pipeline", "Ptr inf", Money, HigherIsBetter, "value of opportunities sourced elsewhere that a partner influenced";
    /// Deals won.
    DealsWon = "deals_won", "Deals won", "Won", Count, HigherIsBetter, "opportunities won";
    /// Revenue booked on won deals.
    WonRevenue = "won_revenue", "Won revenue", "Won $", Money, HigherIsBetter, "revenue booked on won opportunities";
    /// Share of won revenue on deals a partner sourced or influenced.
    PartnerRevenueShare = "partner_revenue_share", "Partner-involved share of won revenue", "Ptr inv %", Rate, Neutral, "won revenue on deals a partner sourced or influenced / all won revenue (from the pipeline split; not the ledger's sourced share of booked revenue, nor a model's credit to partners)";
    /// Won over decided opportunities.
    WinRate = "win_rate", "Win rate", "Win %", Rate, HigherIsBetter, "won / (won + lost)";
    /// Win rate on deals a partner sourced or influenced.
    WinRatePartner = "win_rate_partner", "Win rate with partner", "Win% P", Rate, HigherIsBetter, "won / (won + lost), partner sourced or influenced";
    /// Win rate on deals without a partner.
    WinRateNoPartner = "win_rate_no_partner", "Win rate without partner", "Win% noP", Rate, HigherIsBetter, "won / (won + lost), no partner";
    /// Average days from lead to close.
    DealVelocity = "deal_velocity", "Days to close", "Days", Days, LowerIsBetter, "days from lead to close, summed over deals won / deals won";
    /// Days to close with a partner.
    DealVelocityPartner = "deal_velocity_partner", "Days to close with partner", "Days P", Days, LowerIsBetter, "days to close / deals won, partner sourced or influenced";
    /// Days to close without a partner.
    DealVelocityNoPartner = "deal_velocity_no_partner", "Days to close without partner", "Days noP", Days, LowerIsBetter, "days to close / deals won, no partner";
    /// Average revenue per won deal.
    AvgDealSize = "avg_deal_size", "Average deal size", "Deal $", Money, HigherIsBetter, "won revenue / deals won";
    /// Deal size with a partner.
    AvgDealSizePartner = "avg_deal_size_partner", "Deal size with partner", "Deal$ P", Money, HigherIsBetter, "won revenue / deals won, partner sourced or influenced";
    /// Deal size without a partner.
    AvgDealSizeNoPartner = "avg_deal_size_no_partner", "Deal size without partner", "Deal$ noP", Money, HigherIsBetter, "won revenue / deals won, no partner";
    /// Owners in the dealers' base.
    ActiveOwners = "active_owners", "Active owners", "Owners", Count, HigherIsBetter, "active owners in the base";
    /// Owners serviced in the last 12 months.
    OwnerRetention = "owner_retention", "Owner retention (12 m)", "Own ret", Rate, HigherIsBetter, "owners serviced in the last 12 months / active owners";
    /// Customers who bought again.
    RepeatPurchasers = "repeat_purchasers", "Repeat purchasers", "Repeat", Count, HigherIsBetter, "customers who bought again";
    /// First-time customers.
    NewCustomers = "new_customers", "New customers", "New cust", Count, HigherIsBetter, "customers who bought for the first time";
    /// Gross from existing owners.
    OwnerGross = "owner_gross", "Retention-driven gross", "Own GP", Money, HigherIsBetter, "service + accessory gross from existing owners";
    /// Annualised owner gross per retained owner.
    GrossPerRetainedOwner = "gross_per_retained_owner", "Annual gross per retained owner", "GP/owner", Money, HigherIsBetter, "owner gross x (12 / months in period) / owners serviced in 12 months";
    /// Expected years an owner stays.
    ExpectedTenure = "expected_tenure", "Expected owner tenure", "Tenure", Years, HigherIsBetter, "1 / (1 - owner retention), in years";
    /// Customer lifetime value (an estimate).
    Clv = "clv", "Customer lifetime value", "CLV", Money, HigherIsBetter, "annual gross per retained owner x expected tenure (an estimate)";
    /// Marketing to win new customers.
    ConquestSpend = "conquest_spend", "Conquest spend", "Conq $", Money, Neutral, "marketing spent to win new customers";
    /// Marketing to keep existing customers.
    LoyaltySpend = "loyalty_spend", "Loyalty spend", "Loyal $", Money, Neutral, "marketing spent to keep existing customers";
    /// Conquest spend per new customer.
    AcquisitionCost = "acquisition_cost", "Acquisition cost per new customer", "CAC", Money, LowerIsBetter, "conquest spend / new customers";
    /// Lifetime value over acquisition cost.
    ClvToAcquisition = "clv_to_acquisition", "CLV to acquisition cost", "CLV/CAC", Multiple, HigherIsBetter, "customer lifetime value / acquisition cost per new customer";
    /// Retention-driven gross over conquest spend.
    RetentionToConquest = "retention_to_conquest", "Retention gross to conquest cost", "Ret/Conq", Multiple, HigherIsBetter, "retention-driven gross / conquest spend";
}

impl Metric {
    /// The metric with this key.
    pub fn from_key(key: &str) -> Option<Metric> {
        Metric::ALL.iter().copied().find(|m| m.key() == key)
    }

    /// The catalogue's "too small to matter" threshold (a snapshot target may override it).
    pub fn default_threshold(self) -> Threshold {
        self.unit().default_threshold()
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A metric key that is not in the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown metric `{key}`{}", suggestion.map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default())]
pub struct UnknownMetric {
    /// The key as given.
    pub key: String,
    /// The closest known key, when one is close.
    pub suggestion: Option<&'static str>,
}

impl FromStr for Metric {
    type Err = UnknownMetric;
    fn from_str(key: &str) -> Result<Metric, UnknownMetric> {
        Metric::from_key(key).ok_or_else(|| UnknownMetric {
            key: key.to_owned(),
            suggestion: Metric::ALL
                .iter()
                .map(|m| (strsim::jaro_winkler(key, m.key()), m.key()))
                .filter(|(score, _)| *score > 0.8)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, k)| k),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn keys_are_unique_snake_case_and_round_trip() {
        let mut seen = HashSet::new();
        for &m in Metric::ALL {
            assert!(seen.insert(m.key()), "duplicate key {}", m.key());
            assert!(
                m.key().bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{}",
                m.key()
            );
            assert_eq!(m.key().parse::<Metric>(), Ok(m));
        }
    }

    #[test]
    fn short_labels_fit_narrow_columns() {
        for &m in Metric::ALL {
            assert!(m.short_label().chars().count() <= 9, "{}", m.short_label());
        }
    }

    #[test]
    fn an_unknown_key_suggests_the_closest() {
        let err = "sla_adherance".parse::<Metric>().unwrap_err();
        assert_eq!(err.suggestion, Some("sla_adherence"));
        assert_eq!(
            err.to_string(),
            "unknown metric `sla_adherance` (did you mean `sla_adherence`?)"
        );
    }

    #[test]
    fn costs_and_times_are_lower_is_better() {
        for m in [
            Metric::ResponseMinutes,
            Metric::CostPerSale,
            Metric::DealVelocity,
            Metric::AcquisitionCost,
        ] {
            assert_eq!(m.direction(), Direction::LowerIsBetter, "{m}");
        }
    }
}
