//! Conversion paths for multi-touch attribution.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ids::ChannelId;
use super::money::Money;

/// One touchpoint on a path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Touch {
    /// The channel touched (must name a channel of the snapshot).
    pub channel: ChannelId,
    /// Days between the touch and the conversion, when known (time-decay needs it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_before: Option<u32>,
}

/// A distinct ordered sequence of touches with how often it ended in a conversion or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConversionPath {
    /// Touches in time order, first touch first.
    pub touches: Vec<Touch>,
    /// Journeys along this path that converted.
    pub conversions: u64,
    /// Value of those conversions.
    pub value: Money,
    /// Journeys along this path that did not convert.
    #[serde(default)]
    pub nulls: u64,
}

/// The conversion paths of the period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attribution {
    /// Distinct paths.
    #[serde(default)]
    pub paths: Vec<ConversionPath>,
}
