//! A snapshot: the scorecard of one period of one ecosystem.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::attribution::Attribution;
use super::hierarchy::{Actor, Channel, Dealer, DealerGroup, Region};
use super::journey::Journey;
use super::maturity::MaturityAssessment;
use super::period::PeriodId;
use super::stack::{PnlInputs, Tool};

/// The format version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// The scorecard of one period of one ecosystem. Data, not a report: every ratio, roll-up and
/// delta is computed by the tool.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// Format version; this build reads version 1.
    pub schema_version: u32,
    /// Whose scorecard this is.
    pub ecosystem: Ecosystem,
    /// The period covered.
    pub period: PeriodInfo,
    /// Where the data came from and how fresh it is.
    pub provenance: Provenance,
    /// Free-text notes for the review, per view.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commentary: Vec<Commentary>,
    /// Regions.
    pub regions: Vec<Region>,
    /// Dealer groups.
    pub dealer_groups: Vec<DealerGroup>,
    /// Dealers with their facts.
    pub dealers: Vec<Dealer>,
    /// Who can take credit: the OEM, the dealer network, finance and other partners.
    pub actors: Vec<Actor>,
    /// Marketing channels and their owners.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Channel>,
    /// Customer journeys.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub journeys: Vec<Journey>,
    /// Conversion paths for multi-touch attribution.
    #[serde(default)]
    pub attribution: Attribution,
    /// The martech stack.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stack: Vec<Tool>,
    /// P&L inputs.
    #[serde(default)]
    pub pnl: PnlInputs,
    /// Maturity per dimension of both matrices.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub maturity: Vec<MaturityAssessment>,
    /// Targets and "too small to matter" thresholds per metric.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<MetricTarget>,
}

impl Snapshot {
    /// A snapshot of `period` for `ecosystem` holding nothing yet (no hierarchy, journeys,
    /// attribution, stack or maturity): what builders and tests fill in.
    pub fn empty(ecosystem: Ecosystem, period: PeriodId, generated_at: DateTime<Utc>) -> Snapshot {
        Snapshot {
            schema_version: SCHEMA_VERSION,
            ecosystem,
            period: PeriodInfo {
                id: period,
                start: period.start(),
                end: period.end(),
                fiscal_year_start_month: None,
            },
            provenance: Provenance {
                generated_at,
                sources: Vec::new(),
            },
            commentary: Vec::new(),
            regions: Vec::new(),
            dealer_groups: Vec::new(),
            dealers: Vec::new(),
            actors: Vec::new(),
            channels: Vec::new(),
            journeys: Vec::new(),
            attribution: Default::default(),
            stack: Vec::new(),
            pnl: Default::default(),
            maturity: Vec::new(),
            targets: Vec::new(),
        }
    }

    /// The channel with this id.
    pub fn channel(&self, id: &str) -> Option<&Channel> {
        self.channels.iter().find(|c| c.id.as_str() == id)
    }
}

/// The ecosystem a snapshot describes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ecosystem {
    /// Stable id; snapshots of one ecosystem share it.
    pub id: String,
    /// Display name, e.g. `Aurora Motors North America`.
    pub name: String,
    /// The brand.
    pub oem: String,
    /// ISO 4217 code of every amount in the snapshot, e.g. `USD`.
    pub currency: String,
}

/// The period a snapshot covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodInfo {
    /// `2026-10` for a month, `2026-Q4` for a quarter.
    pub id: PeriodId,
    /// First day (must be the period's first day).
    #[serde(deserialize_with = "super::dates::naive_date")]
    pub start: NaiveDate,
    /// Last day, inclusive (must be the period's last day).
    #[serde(deserialize_with = "super::dates::naive_date")]
    pub end: NaiveDate,
    /// Month the fiscal year starts in (1-12), for fiscal labels; calendar year when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiscal_year_start_month: Option<u8>,
}

/// Where the data came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// When the snapshot was generated (RFC 3339, UTC).
    #[serde(deserialize_with = "super::dates::utc_datetime")]
    pub generated_at: DateTime<Utc>,
    /// The source systems that fed it.
    pub sources: Vec<Source>,
}

/// What kind of system a source is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// Customer relationship management.
    Crm,
    /// Dealer management system.
    Dms,
    /// Marketing automation platform.
    Map,
    /// Customer data platform.
    Cdp,
    /// Advertising platform.
    AdPlatform,
    /// Web and app analytics.
    Analytics,
    /// Partner relationship management.
    Prm,
    /// Anything else.
    Other,
}

/// One source system and how fresh its data is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// System name, e.g. `Salesforce Automotive Cloud`.
    pub name: String,
    /// What kind of system.
    pub kind: SourceKind,
    /// The last day the system's data covers (inside the period or after it).
    #[serde(deserialize_with = "super::dates::naive_date")]
    pub as_of: NaiveDate,
}

/// The views of the review, as commentary and targets refer to them.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ReviewView {
    /// Headline outcomes.
    Overview,
    /// ROI and funnel by journey.
    Journeys,
    /// Scorecard by region and segment.
    Segments,
    /// Scorecard per dealer group and dealer.
    Dealers,
    /// Maturity matrices.
    Maturity,
    /// Martech P&L.
    Pnl,
    /// Attribution ledger and models.
    Attribution,
}

/// A note for one view of the review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Commentary {
    /// The view the note belongs to.
    pub view: ReviewView,
    /// The note.
    pub text: String,
}

/// A target and a "too small to matter" threshold for one metric.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MetricTarget {
    /// Metric key, e.g. `sla_adherence` (see the metric catalogue in docs/snapshot-format.md).
    pub metric: String,
    /// The target value, in the metric's unit (rates as fractions: 0.9 for 90 %).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Decimal>,
    /// Changes smaller than this (in the metric's unit; rates in fractions) show as flat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flat_threshold: Option<Decimal>,
}
