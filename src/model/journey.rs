//! Customer journeys: funnels of stages with handoffs between the OEM, dealers and partners.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ids::{ActorId, JourneyId};
use super::money::Money;

/// What a journey is for.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum JourneyKind {
    /// Launching an electric model.
    EvLaunch,
    /// Bringing recent buyers back for service.
    ServiceRetention,
    /// Selling to fleet customers.
    Fleet,
    /// Winning customers from other brands.
    Conquest,
    /// Keeping existing owners for their next vehicle.
    Loyalty,
    /// Selling certified pre-owned vehicles.
    CertifiedPreOwned,
    /// Anything else.
    Other,
}

/// One funnel stage and how many customers reached it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Stage name, e.g. `engaged`, `lead`, `test drive`, `quote`, `sale`.
    pub name: String,
    /// Customers who reached the stage (never more than the stage before).
    pub count: u64,
}

/// A handoff between two actors, e.g. a lead routed from the OEM to a dealer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Handoff {
    /// What is handed over, e.g. `lead routed`, `SLA met`, `offer accepted`.
    pub name: String,
    /// The actor handing over.
    pub from: ActorId,
    /// The actor receiving.
    pub to: ActorId,
    /// Handoffs attempted.
    pub total: u64,
    /// Handoffs that met their standard (at most the total).
    pub met: u64,
}

/// A customer journey for the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Journey {
    /// Unique among journeys.
    pub id: JourneyId,
    /// Display name.
    pub name: String,
    /// What the journey is for.
    pub kind: JourneyKind,
    /// Funnel stages, widest first.
    pub stages: Vec<Stage>,
    /// Revenue from customers who completed the journey.
    pub revenue: Money,
    /// Marketing and martech cost of running the journey.
    pub cost: Money,
    /// Gross margin on the journey's revenue.
    pub gross_margin: Money,
    /// Handoffs between actors along the journey.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub handoffs: Vec<Handoff>,
}
