//! The SQL of the build, one query per part of the snapshot, shipped in the binary. A query
//! names the period through `:period_start`, `:period_end` (dates, inclusive), `:period_from`,
//! `:period_until` (times: its first instant, and the first after it) and `:period_id`, which are
//! replaced by literals made from a parsed [`PeriodId`], never from user text. A time is dated in
//! the period by comparing it with the two instants, not by casting every row's time to a date.

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
        let midnight =
            |d: chrono::NaiveDate| format!("TIMESTAMP '{} 00:00:00'", d.format("%Y-%m-%d"));
        let after = period.end().succ_opt().unwrap_or(chrono::NaiveDate::MAX);
        self.sql
            .replace(":period_start", &date(period.start()))
            .replace(":period_end", &date(period.end()))
            .replace(":period_from", &midnight(period.start()))
            .replace(":period_until", &midnight(after))
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

    #[tokio::test]
    async fn a_time_is_in_the_period_from_its_first_second_to_its_last() {
        use datafusion::arrow::array::{
            ArrayRef, AsArray, RecordBatch, StringArray, TimestampSecondArray,
        };
        use datafusion::arrow::compute::cast;
        use datafusion::arrow::datatypes::{DataType, Int64Type};

        let leads = TABLES
            .iter()
            .find(|t| t.name == "crm_leads")
            .expect("the leads");
        let stamps = [
            "2026-09-30T23:59:59",
            "2026-10-01T00:00:00",
            "2026-10-31T23:59:59",
            "2026-11-01T00:00:00",
        ];
        let seconds: Vec<i64> = stamps
            .iter()
            .map(|s| {
                chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
                    .expect("a time")
                    .and_utc()
                    .timestamp()
            })
            .collect();
        let text = |values: &[&str]| Arc::new(StringArray::from(values.to_vec())) as ArrayRef;
        let times =
            |values: Vec<Option<i64>>| Arc::new(TimestampSecondArray::from(values)) as ArrayRef;
        let batch = RecordBatch::try_new(
            schema_ref(leads),
            vec![
                text(&["L1", "L2", "L3", "L4"]),
                text(&["D1"; 4]),
                text(&["oem"; 4]),
                Arc::new(StringArray::from(vec![None::<&str>; 4])),
                times(seconds.iter().copied().map(Some).collect()),
                times(vec![None; 4]),
                times(seconds.iter().copied().map(Some).collect()),
            ],
        )
        .expect("a batch of leads");
        let ctx = SessionContext::new();
        let table = MemTable::try_new(schema_ref(leads), vec![vec![batch]]).expect("a table");
        ctx.register_table("crm_leads", Arc::new(table))
            .expect("registered");
        let period: PeriodId = "2026-10".parse().expect("a period");
        let batches = ctx
            .sql(&LEADS.text(period))
            .await
            .expect("the leads query plans")
            .collect()
            .await
            .expect("the leads query runs");
        let oem: i64 = batches
            .iter()
            .map(|b| {
                let column = b.column_by_name("leads_oem").expect("leads_oem");
                let column = cast(column, &DataType::Int64).expect("a count");
                column
                    .as_primitive::<Int64Type>()
                    .iter()
                    .flatten()
                    .sum::<i64>()
            })
            .sum();
        // The first and the last second of October count; the seconds either side do not.
        assert_eq!(oem, 2);
    }
}
