//! The SQL of the build, one query per part of the snapshot, shipped in the binary. A query
//! names the period through `:period_start`, `:period_end` (dates, inclusive) and `:period_id`,
//! which are replaced by literals made from a parsed [`PeriodId`], never from user text.

use datafusion::error::Result as DfResult;
use datafusion::prelude::SessionContext;
use ebr::model::PeriodId;

use crate::frame::Frame;

/// One query of the build.
#[derive(Clone, Copy, Debug)]
pub struct Query {
    /// The file name in `sql/`.
    pub name: &'static str,
    /// Its text.
    pub sql: &'static str,
}

macro_rules! queries {
    ($($ident:ident => $file:literal),* $(,)?) => {
        $(
            #[doc = concat!("`sql/", $file, "`")]
            pub const $ident: Query = Query { name: $file, sql: include_str!(concat!("../sql/", $file)) };
        )*
        /// Every query, for the tests that run them all.
        pub const ALL: &[Query] = &[$($ident),*];
    };
}

queries! {
    REGIONS => "regions.sql",
    DEALER_GROUPS => "dealer_groups.sql",
    DEALERS => "dealers.sql",
    ACTORS => "actors.sql",
    CHANNELS => "channels.sql",
    SOURCES => "sources.sql",
    LEADS => "leads.sql",
    ACTIVITIES => "activities.sql",
    WITHOUT_LEADS => "without_leads.sql",
    OFFERS => "offers.sql",
    DEALS => "deals.sql",
    REPAIR_ORDERS => "repair_orders.sql",
    PARTS => "parts.sql",
    SERVICE_REMINDERS => "service_reminders.sql",
    OWNER_BASE => "owner_base.sql",
    HEADCOUNT => "headcount.sql",
    CAMPAIGNS => "campaigns.sql",
    CSAT => "csat.sql",
    MARKETING_SPEND => "marketing_spend.sql",
    PIPELINE => "pipeline.sql",
    CREDITS => "credits.sql",
    JOURNEYS => "journeys.sql",
    JOURNEY_STAGES => "journey_stages.sql",
    HANDOFFS => "handoffs.sql",
    PATHS => "paths.sql",
    STACK => "stack.sql",
    PNL_DRIVERS => "pnl_drivers.sql",
    PRODUCTIVITY => "productivity.sql",
    FINANCE_RATES => "finance_rates.sql",
}

impl Query {
    /// The query's text for `period`.
    pub fn text(&self, period: PeriodId) -> String {
        let date = |d: chrono::NaiveDate| format!("DATE '{}'", d.format("%Y-%m-%d"));
        self.sql
            .replace(":period_start", &date(period.start()))
            .replace(":period_end", &date(period.end()))
            .replace(":period_id", &format!("'{period}'"))
    }

    /// Runs the query for `period` on `ctx` and collects its rows.
    pub async fn run(&self, ctx: &SessionContext, period: PeriodId) -> DfResult<Frame> {
        let batches = ctx.sql(&self.text(period)).await?.collect().await?;
        Ok(Frame::new(self.name, batches))
    }
}
