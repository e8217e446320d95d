//! The ecosystem's structure: regions own dealer groups, dealer groups own dealers. Actors are
//! who can take credit (the OEM, dealers, finance and other partners); channels belong to actors.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::facts::{Customers, DealerFacts, Pipeline};
use super::ids::{ActorId, ChannelId, DealerGroupId, DealerId, RegionId};
use super::money::Money;

/// A region of the ecosystem.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Unique among regions.
    pub id: RegionId,
    /// Display name.
    pub name: String,
}

/// How the OEM ranks a dealer group in its network programme.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// Top programme tier.
    Platinum,
    /// Middle programme tier.
    Gold,
    /// Entry programme tier.
    Silver,
}

/// An owner of several dealers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DealerGroup {
    /// Unique among dealer groups.
    pub id: DealerGroupId,
    /// Display name.
    pub name: String,
    /// The region the group belongs to (must name a region of the snapshot).
    pub region: RegionId,
    /// Network programme tier.
    pub tier: Tier,
}

/// Where a dealer's market is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Locale {
    /// A metropolitan market.
    Metro,
    /// A rural or small-town market.
    Rural,
}

/// A dealer's size by annual new-vehicle volume.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SizeBand {
    /// Under 500 new vehicles a year.
    Small,
    /// 500 to 1,500 new vehicles a year.
    Medium,
    /// Over 1,500 new vehicles a year.
    Large,
}

/// Credit for a dealer's deals taken by one actor in one role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Credit {
    /// The actor taking credit (must name an actor of the snapshot).
    pub actor: ActorId,
    /// Sourced, influenced or attached.
    pub role: CreditRole,
    /// Pipeline value credited.
    pub pipeline: Money,
    /// Won revenue credited.
    pub revenue: Money,
}

/// An actor's role on a deal. Each deal has exactly one source and any number of influencers.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CreditRole {
    /// The actor created the opportunity. Sourced credit never exceeds the booked total.
    Sourced,
    /// The actor moved an opportunity sourced by someone else. Never added to sourced.
    Influenced,
    /// The actor's product was attached to the deal (finance, insurance, accessories).
    Attached,
}

/// One rooftop with its segment attributes and its facts for the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dealer {
    /// Unique among dealers.
    pub id: DealerId,
    /// Display name.
    pub name: String,
    /// The dealer group that owns the dealer (must name a group of the snapshot).
    pub group: DealerGroupId,
    /// Metro or rural market.
    pub locale: Locale,
    /// Size by new-vehicle volume.
    pub size_band: SizeBand,
    /// Whether the dealer is certified to sell and service EVs.
    pub ev_certified: bool,
    /// Shared-scorecard facts.
    pub facts: DealerFacts,
    /// Opportunities by partner involvement.
    pub pipeline: Pipeline,
    /// Customer base and lifetime-value inputs.
    pub customers: Customers,
    /// Credit for this dealer's deals by actor and role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credits: Vec<Credit>,
    /// The last day the dealer traded, when it closed before the period's end (a quarter that
    /// holds the months before it closed): it is not among the dealers open at the period's end.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "super::dates::optional_naive_date"
    )]
    pub closed_on: Option<chrono::NaiveDate>,
}

/// Who an actor is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// The brand itself.
    Oem,
    /// The dealer network.
    Dealer,
    /// A captive finance arm or a bank.
    FinancePartner,
    /// A marketplace, agency or fleet partner.
    OtherPartner,
}

/// Someone in the ecosystem who can take credit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// Unique among actors.
    pub id: ActorId,
    /// Display name.
    pub name: String,
    /// OEM, dealer, finance partner or other partner.
    pub kind: ActorKind,
}

/// A marketing channel, owned by one actor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// Unique among channels; conversion paths refer to it.
    pub id: ChannelId,
    /// Display name.
    pub name: String,
    /// The owner (must name an actor of the snapshot).
    pub actor: ActorId,
}
