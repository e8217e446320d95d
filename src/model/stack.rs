//! The martech stack and the P&L inputs the review weighs it against.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ids::ToolId;
use super::money::Money;

/// The business outcomes martech is meant to move.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ValueDriver {
    /// Vehicles sold that would not have been.
    IncrementalSales,
    /// Parts and accessories revenue.
    AccessoryRevenue,
    /// Owners kept in the dealer's service bay.
    ServiceRetention,
    /// Electric vehicles adopted.
    EvAdoption,
    /// Dealer staff time saved.
    DealerProductivity,
    /// Cost of serving a customer.
    CostToServe,
}

/// What kind of tool it is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ToolCategory {
    /// Customer relationship management.
    Crm,
    /// Marketing automation.
    MarketingAutomation,
    /// Customer data platform.
    Cdp,
    /// Advertising platform.
    AdPlatform,
    /// Analytics and BI.
    Analytics,
    /// Partner relationship management.
    Prm,
    /// Dealer management system integration.
    Dms,
    /// Anything else.
    Other,
}

/// The owner of a tool's budget.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ToolOwner {
    /// The OEM pays.
    Oem,
    /// Dealers pay.
    Dealer,
    /// Costs are shared between the OEM and dealers.
    Shared,
}

/// A tool's annual cost, split by kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ToolCost {
    /// Licences and subscriptions.
    pub licences: Money,
    /// Agency and professional services.
    pub services: Money,
    /// Integration and maintenance.
    pub integration: Money,
}

impl ToolCost {
    /// All three parts.
    pub fn total(&self) -> Money {
        self.licences + self.services + self.integration
    }
}

/// One martech tool with its cost and adoption.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    /// Unique among tools.
    pub id: ToolId,
    /// Display name.
    pub name: String,
    /// What kind of tool.
    pub category: ToolCategory,
    /// Who pays.
    pub owner: ToolOwner,
    /// Annual cost (a monthly snapshot carries the annual run rate).
    pub annual_cost: ToolCost,
    /// Seats licensed.
    pub seats: u64,
    /// Seats used in the period (at most the seats).
    pub active_users: u64,
    /// Dealers using the tool (at most the dealers in the snapshot).
    pub dealers_adopted: u64,
    /// The outcomes the tool serves.
    pub value_drivers: Vec<ValueDriver>,
}

/// Ecosystem revenue and margin attributed to one value driver.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DriverOutcome {
    /// The value driver.
    pub driver: ValueDriver,
    /// Ecosystem revenue in the driver's area.
    pub revenue: Money,
    /// Gross margin on that revenue.
    pub gross_margin: Money,
    /// The part of the gross margin attributed to martech (at most the gross margin).
    pub attributed_margin: Money,
}

/// Staff time saved by martech.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Productivity {
    /// Hours saved across the ecosystem in the period.
    pub hours_saved: u64,
    /// Loaded cost of one hour of staff time.
    pub cost_per_hour: Money,
}

/// Cost of serving one customer before and after the martech programme.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CostToServe {
    /// Cost per customer before.
    pub before: Money,
    /// Cost per customer now.
    pub after: Money,
}

/// Inputs for the martech P&L.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PnlInputs {
    /// Revenue and margin by value driver.
    #[serde(default)]
    pub drivers: Vec<DriverOutcome>,
    /// Productivity gains.
    #[serde(default)]
    pub productivity: Productivity,
    /// Cost to serve.
    #[serde(default)]
    pub cost_to_serve: CostToServe,
}
