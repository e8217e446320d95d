//! The agenda file exactly as written: TOML, a list of `[[items]]`, each naming a view and what
//! to say about it. Every view field is optional: one left out keeps what the item before
//! showed. `docs/agenda.schema.json` is generated from these types.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An agenda: the views of a review, in the order they are presented.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Agenda")]
pub struct AgendaFile {
    /// The review's name, e.g. "Monthly business review".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The items, presented in this order.
    pub items: Vec<ItemSpec>,
}

/// One item: a view, its title, the speaker's notes and a time budget.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemSpec {
    /// Shown in the header as "3/9 · title".
    pub title: String,
    /// overview, journeys, segments, dealers, maturity, pnl or attribution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tab: Option<String>,
    /// Where to drill, as `ebr render --drill`: region/group/dealer by id or name
    /// (`central/g08/d040`), a lone group or dealer (`g08`), or "" for the ecosystem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drill: Option<String>,
    /// latest-month, latest-quarter, previous (the period before the item before's, same
    /// granularity), or a loaded period such as 2026-09 or 2026-Q3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// previous, yoy, none, or a loaded period of the same granularity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compare: Option<String>,
    /// Segments: hierarchy, tier, size, locale or ev. Attribution: ledger, channels or actors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakdown: Option<String>,
    /// The attribution model: first, last, linear, position, time-decay, markov, markov2, markov3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// A column of the tab's table by key or header, then `asc` or `desc` (default: the
    /// column's natural direction, numbers largest first), e.g. "revenue desc".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<String>,
    /// Show only the rows whose name contains this text (case-insensitive); "" shows all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    /// Both periods side by side (needs a compared period).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split: Option<bool>,
    /// What to say: shown by `ebr notes` and in the handout, never on the shared screen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The time budget in minutes; the header shows the time spent against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub minutes: Option<u32>,
}
