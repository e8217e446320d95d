//! The snapshot model: plain data as it is read from TOML or JSON.
//!
//! Nothing here computes a ratio or knows about the terminal. Types mirror the file format one to
//! one (`serde`), derive their JSON Schema (`schemars`) and refuse unknown fields, so a typo in a
//! hand-edited file is an error rather than a silently missing number.

pub mod attribution;
pub mod dates;
pub mod facts;
pub mod hierarchy;
pub mod ids;
pub mod journey;
pub mod library;
pub mod maturity;
pub mod money;
pub mod period;
pub mod snapshot;
pub mod stack;

pub use attribution::{Attribution, ConversionPath, Touch};
pub use facts::{
    Customers, DealStats, DealerFacts, LeadsBySource, MarketingSpend, Pipeline, Sales, WithoutLeads,
};
pub use hierarchy::{
    Actor, ActorKind, Channel, Credit, CreditRole, Dealer, DealerGroup, Locale, Region, SizeBand,
    Tier,
};
pub use ids::{ActorId, ChannelId, DealerGroupId, DealerId, JourneyId, RegionId, ToolId};
pub use journey::{Handoff, Journey, JourneyKind, Stage};
pub use library::{DuplicatePeriod, Library};
pub use maturity::{Matrix, MaturityAssessment};
pub use money::Money;
pub use period::{Granularity, ParsePeriodError, PeriodId};
pub use snapshot::{
    Commentary, Ecosystem, MetricTarget, PeriodInfo, Provenance, ReviewView, SCHEMA_VERSION,
    Snapshot, Source, SourceKind,
};
pub use stack::{
    CostToServe, DriverOutcome, PnlInputs, Productivity, Tool, ToolCategory, ToolCost, ToolOwner,
    ValueDriver,
};
