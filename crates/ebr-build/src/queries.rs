//! The SQL of the build, one query per part of the snapshot, shipped in the binary. A query
//! names the period through `:period_start`, `:period_end` (dates, inclusive) and `:period_id`,
//! which are replaced by literals made from a parsed [`PeriodId`], never from user text.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::datasource::MemTable;
use datafusion::error::Result as DfResult;
use datafusion::logical_expr::LogicalPlan;
use datafusion::prelude::SessionContext;
use ebr::model::PeriodId;

use crate::frame::Frame;
use crate::tables::{TABLES, schema_ref};

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

/// Which columns of each table the queries read, as indexes into the catalogue's columns, in
/// order: found from the optimised plans of every query, planned over empty tables of the
/// catalogue's schemas. The checks stage only these; the others are checked, then left out. A
/// table no query reads keeps its first column, so that its staged rows are still counted.
/// `period` only fills in the queries' dates: which columns they read does not depend on it.
pub async fn columns_read(period: PeriodId) -> DfResult<HashMap<&'static str, Vec<usize>>> {
    let ctx = SessionContext::new();
    for table in TABLES {
        let empty = MemTable::try_new(schema_ref(table), vec![Vec::new()])?;
        ctx.register_table(table.name, Arc::new(empty))?;
    }
    let mut read: HashMap<&'static str, BTreeSet<usize>> = HashMap::new();
    for query in ALL {
        let plan = ctx.sql(&query.text(period)).await?.into_optimized_plan()?;
        plan.apply_with_subqueries(|node| {
            if let LogicalPlan::TableScan(scan) = node
                && let Some(table) = TABLES.iter().find(|t| t.name == scan.table_name.table())
            {
                let columns = read.entry(table.name).or_default();
                match &scan.projection {
                    Some(projection) => columns.extend(projection),
                    None => columns.extend(0..table.columns.len()),
                }
            }
            Ok(TreeNodeRecursion::Continue)
        })?;
    }
    Ok(TABLES
        .iter()
        .map(|table| {
            let columns = read.remove(table.name).unwrap_or_default();
            let columns = if columns.is_empty() {
                vec![0]
            } else {
                columns.into_iter().collect()
            };
            (table.name, columns)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept_names(kept: &HashMap<&'static str, Vec<usize>>, table: &str) -> Vec<&'static str> {
        let columns = TABLES
            .iter()
            .find(|t| t.name == table)
            .expect("a catalogue table")
            .columns;
        kept[table].iter().map(|&i| columns[i].name).collect()
    }

    #[tokio::test]
    async fn a_column_no_query_reads_is_not_staged() {
        let period: PeriodId = "2026-10".parse().expect("a period");
        let kept = columns_read(period).await.expect("every query plans");
        // From sql/journey_stages.sql, the only query of the enrollments: counted per journey
        // and furthest stage, in the period; the enrollments' own ids are never read.
        assert_eq!(
            kept_names(&kept, "journey_enrollments"),
            ["journey_id", "enrolled_at", "furthest_stage"]
        );
        // Every column kept is named in some query (a table no query reads keeps its first).
        let words: std::collections::HashSet<&str> = ALL
            .iter()
            .flat_map(|q| {
                q.sql
                    .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            })
            .collect();
        for table in TABLES {
            for (at, name) in kept_names(&kept, table.name).into_iter().enumerate() {
                assert!(
                    words.contains(name) || (at == 0 && !words.contains(table.name)),
                    "{}.{name} is kept but no query names it",
                    table.name
                );
            }
        }
    }
}
