//! The raw exports `ebr build` reads: one table per file, its columns and their types, as
//! documented in `docs/raw-exports.md`. The catalogue is data, so registering the files, the
//! row checks and the documentation test all read the same list.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, Field, Schema, TimeUnit};
use datafusion::datasource::file_format::options::ArrowReadOptions;
use datafusion::error::Result as DfResult;
use datafusion::prelude::{CsvReadOptions, ParquetReadOptions, SessionContext};

use crate::check::{Staged, StagedFormat};

/// What a column holds, and so how it is parsed and checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An id or a name: any text.
    Text,
    /// A count: a non-negative integer.
    Count,
    /// An amount of money: a decimal with at most 4 decimals.
    Money,
    /// A UTC timestamp `YYYY-MM-DDTHH:MM:SS`.
    Timestamp,
    /// A date `YYYY-MM-DD`.
    Date,
    /// `true` or `false`.
    Flag,
}

impl Kind {
    /// The Arrow type the engine reads the column as.
    pub fn data_type(self) -> DataType {
        match self {
            Kind::Text => DataType::Utf8,
            Kind::Count => DataType::Int64,
            Kind::Money => DataType::Decimal128(MONEY_PRECISION, MONEY_SCALE),
            Kind::Timestamp => DataType::Timestamp(TimeUnit::Second, None),
            Kind::Date => DataType::Date32,
            Kind::Flag => DataType::Boolean,
        }
    }
}

/// Money columns are read as DECIMAL(20, 4): up to 10^16 in any currency, to a hundredth of a cent.
pub const MONEY_PRECISION: u8 = 20;
/// Decimals kept on money columns.
pub const MONEY_SCALE: i8 = 4;

/// One column of a raw table.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// The name in the header (CSV) or schema (Parquet).
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// Whether an empty value is allowed.
    pub optional: bool,
}

/// One raw export file.
#[derive(Clone, Copy, Debug)]
pub struct Table {
    /// The file's name without extension, also the SQL table name.
    pub name: &'static str,
    /// Its columns.
    pub columns: &'static [Column],
    /// The columns that identify a row (unique within the file); empty for none.
    pub key: &'static [&'static str],
    /// The column dating the row, which decides the period it falls in.
    pub when: Option<&'static str>,
}

const fn req(name: &'static str, kind: Kind) -> Column {
    Column {
        name,
        kind,
        optional: false,
    }
}

const fn opt(name: &'static str, kind: Kind) -> Column {
    Column {
        name,
        kind,
        optional: true,
    }
}

use Kind::{Count, Date, Flag, Money, Text, Timestamp};

/// Every raw export, in the order of `docs/raw-exports.md`.
pub const TABLES: &[Table] = &[
    Table {
        name: "regions",
        columns: &[req("region_id", Text), req("name", Text)],
        key: &["region_id"],
        when: None,
    },
    Table {
        name: "dealer_groups",
        columns: &[
            req("group_id", Text),
            req("name", Text),
            req("region_id", Text),
            req("tier", Text),
        ],
        key: &["group_id"],
        when: None,
    },
    Table {
        name: "dealers",
        columns: &[
            req("dealer_id", Text),
            req("name", Text),
            req("group_id", Text),
            req("locale", Text),
            req("size_band", Text),
            req("ev_certified", Flag),
            opt("opened_on", Date),
            opt("closed_on", Date),
        ],
        key: &["dealer_id"],
        when: None,
    },
    Table {
        name: "actors",
        columns: &[req("actor_id", Text), req("name", Text), req("kind", Text)],
        key: &["actor_id"],
        when: None,
    },
    Table {
        name: "channels",
        columns: &[
            req("channel_id", Text),
            req("name", Text),
            req("actor_id", Text),
        ],
        key: &["channel_id"],
        when: None,
    },
    Table {
        name: "journeys",
        columns: &[
            req("journey_id", Text),
            req("name", Text),
            req("kind", Text),
        ],
        key: &["journey_id"],
        when: None,
    },
    Table {
        name: "journey_stages",
        columns: &[
            req("journey_id", Text),
            req("position", Count),
            req("stage", Text),
        ],
        key: &["journey_id", "position"],
        when: None,
    },
    Table {
        name: "journey_handoffs",
        columns: &[
            req("journey_id", Text),
            req("name", Text),
            req("from_actor", Text),
            req("to_actor", Text),
        ],
        key: &["journey_id", "name", "from_actor", "to_actor"],
        when: None,
    },
    Table {
        name: "tools",
        columns: &[
            req("tool_id", Text),
            req("name", Text),
            req("category", Text),
            req("owner", Text),
            opt("value_drivers", Text),
        ],
        key: &["tool_id"],
        when: None,
    },
    Table {
        name: "extracts",
        columns: &[
            req("period", Text),
            req("source", Text),
            req("kind", Text),
            req("as_of", Date),
        ],
        key: &["period", "source"],
        when: None,
    },
    Table {
        name: "crm_leads",
        columns: &[
            req("lead_id", Text),
            req("dealer_id", Text),
            req("source", Text),
            opt("channel_id", Text),
            req("created_at", Timestamp),
            opt("first_response_at", Timestamp),
            req("sla_due_at", Timestamp),
        ],
        key: &["lead_id"],
        when: Some("created_at"),
    },
    Table {
        name: "crm_activities",
        columns: &[
            req("activity_id", Text),
            req("dealer_id", Text),
            opt("lead_id", Text),
            req("kind", Text),
            req("occurred_at", Timestamp),
        ],
        key: &["activity_id"],
        when: Some("occurred_at"),
    },
    Table {
        name: "crm_opportunity_history",
        columns: &[
            req("opportunity_id", Text),
            req("dealer_id", Text),
            req("partner_role", Text),
            req("event", Text),
            req("occurred_at", Timestamp),
            req("amount", Money),
            opt("lead_created_on", Date),
        ],
        key: &["opportunity_id", "event"],
        when: Some("occurred_at"),
    },
    Table {
        name: "finance_offers",
        columns: &[
            req("offer_id", Text),
            req("dealer_id", Text),
            req("partner_id", Text),
            req("made_at", Timestamp),
            opt("accepted_at", Timestamp),
        ],
        key: &["offer_id"],
        when: Some("made_at"),
    },
    Table {
        name: "dms_deals",
        columns: &[
            req("deal_id", Text),
            req("dealer_id", Text),
            req("sold_at", Timestamp),
            req("condition", Text),
            req("ev", Flag),
            req("fleet", Flag),
            opt("lead_id", Text),
            req("repeat_customer", Flag),
        ],
        key: &["deal_id"],
        when: Some("sold_at"),
    },
    Table {
        name: "dms_repair_orders",
        columns: &[
            req("repair_order_id", Text),
            req("dealer_id", Text),
            req("closed_at", Timestamp),
            req("existing_owner", Flag),
            req("gross", Money),
        ],
        key: &["repair_order_id"],
        when: Some("closed_at"),
    },
    Table {
        name: "dms_parts_invoices",
        columns: &[
            req("invoice_id", Text),
            req("dealer_id", Text),
            req("invoiced_at", Timestamp),
            req("revenue", Money),
            req("owner_gross", Money),
        ],
        key: &["invoice_id"],
        when: Some("invoiced_at"),
    },
    Table {
        name: "service_reminders",
        columns: &[
            req("reminder_id", Text),
            req("dealer_id", Text),
            req("due_on", Date),
            req("serviced", Flag),
        ],
        key: &["reminder_id"],
        when: Some("due_on"),
    },
    Table {
        name: "owner_base",
        columns: &[
            req("dealer_id", Text),
            req("as_of", Date),
            req("active_owners", Count),
            req("serviced_12m", Count),
        ],
        key: &["dealer_id", "as_of"],
        when: Some("as_of"),
    },
    Table {
        name: "dealer_headcount",
        columns: &[
            req("dealer_id", Text),
            req("as_of", Date),
            req("sales_consultants", Count),
        ],
        key: &["dealer_id", "as_of"],
        when: Some("as_of"),
    },
    Table {
        name: "campaign_participation",
        columns: &[
            req("campaign_id", Text),
            req("dealer_id", Text),
            req("offered_on", Date),
            opt("joined_on", Date),
        ],
        key: &["campaign_id", "dealer_id"],
        when: Some("offered_on"),
    },
    Table {
        name: "csat_responses",
        columns: &[
            req("response_id", Text),
            req("dealer_id", Text),
            req("responded_at", Timestamp),
            req("score", Count),
        ],
        key: &["response_id"],
        when: Some("responded_at"),
    },
    Table {
        name: "marketing_spend",
        columns: &[
            req("line_id", Text),
            req("dealer_id", Text),
            req("spent_on", Date),
            req("program", Text),
            req("audience", Text),
            req("amount", Money),
        ],
        key: &["line_id"],
        when: Some("spent_on"),
    },
    Table {
        name: "prm_credits",
        columns: &[
            req("credit_id", Text),
            req("dealer_id", Text),
            req("actor_id", Text),
            req("role", Text),
            req("credited_on", Date),
            req("pipeline", Money),
            req("revenue", Money),
        ],
        key: &["credit_id"],
        when: Some("credited_on"),
    },
    Table {
        name: "journey_enrollments",
        columns: &[
            req("enrollment_id", Text),
            req("journey_id", Text),
            req("enrolled_at", Timestamp),
            req("furthest_stage", Count),
        ],
        key: &["enrollment_id"],
        when: Some("enrolled_at"),
    },
    Table {
        name: "journey_finance",
        columns: &[
            req("line_id", Text),
            req("journey_id", Text),
            req("booked_on", Date),
            req("revenue", Money),
            req("cost", Money),
            req("gross_margin", Money),
        ],
        key: &["line_id"],
        when: Some("booked_on"),
    },
    Table {
        name: "handoffs",
        columns: &[
            req("handoff_id", Text),
            req("journey_id", Text),
            req("name", Text),
            req("from_actor", Text),
            req("to_actor", Text),
            req("occurred_at", Timestamp),
            req("met", Flag),
        ],
        key: &["handoff_id"],
        when: Some("occurred_at"),
    },
    Table {
        name: "touchpoints",
        columns: &[
            req("journey_instance_id", Text),
            req("step", Count),
            req("channel_id", Text),
            opt("touched_at", Timestamp),
        ],
        key: &["journey_instance_id", "step"],
        when: None,
    },
    Table {
        name: "path_outcomes",
        columns: &[
            req("journey_instance_id", Text),
            req("outcome_at", Timestamp),
            req("converted", Flag),
            req("value", Money),
        ],
        key: &["journey_instance_id"],
        when: Some("outcome_at"),
    },
    Table {
        name: "tool_contracts",
        columns: &[
            req("contract_id", Text),
            req("tool_id", Text),
            req("cost_kind", Text),
            req("annual_amount", Money),
            req("valid_from", Date),
            opt("valid_to", Date),
        ],
        key: &["contract_id"],
        when: None,
    },
    Table {
        name: "tool_usage",
        columns: &[
            req("tool_id", Text),
            req("as_of", Date),
            req("seats", Count),
            req("active_users", Count),
            req("dealers_adopted", Count),
        ],
        key: &["tool_id", "as_of"],
        when: Some("as_of"),
    },
    Table {
        name: "value_driver_ledger",
        columns: &[
            req("line_id", Text),
            req("driver", Text),
            req("booked_on", Date),
            req("revenue", Money),
            req("gross_margin", Money),
            req("attributed_margin", Money),
        ],
        key: &["line_id"],
        when: Some("booked_on"),
    },
    Table {
        name: "productivity_log",
        columns: &[
            req("entry_id", Text),
            req("logged_on", Date),
            req("hours_saved", Count),
        ],
        key: &["entry_id"],
        when: Some("logged_on"),
    },
    Table {
        name: "finance_rates",
        columns: &[
            req("as_of", Date),
            req("cost_per_hour", Money),
            req("cost_to_serve_before", Money),
            req("cost_to_serve_after", Money),
        ],
        key: &["as_of"],
        when: Some("as_of"),
    },
];

impl Table {
    /// The Arrow schema the engine reads the file with.
    pub fn schema(&self) -> Schema {
        Schema::new(
            self.columns
                .iter()
                .map(|c| Field::new(c.name, c.kind.data_type(), true))
                .collect::<Vec<_>>(),
        )
    }
}

/// Which file format a raw export was found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// Apache Parquet.
    Parquet,
}

/// A raw export found on disk.
#[derive(Clone, Debug)]
pub struct Found {
    /// The table it holds.
    pub table: &'static Table,
    /// Its path.
    pub path: PathBuf,
    /// CSV or Parquet.
    pub format: FileFormat,
}

/// Why the raw folder cannot be read as a whole.
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    /// A required export is absent.
    #[error(
        "{dir}: no {name}.csv or {name}.parquet (every raw export is required: see docs/raw-exports.md)"
    )]
    Missing { dir: PathBuf, name: &'static str },
    /// The same export is present in both formats.
    #[error("{dir}: both {name}.csv and {name}.parquet: keep one")]
    Both { dir: PathBuf, name: &'static str },
}

/// Finds every raw export in `dir`.
pub fn find(dir: &Path) -> Result<Vec<Found>, FolderError> {
    TABLES
        .iter()
        .map(|table| {
            let csv = dir.join(format!("{}.csv", table.name));
            let parquet = dir.join(format!("{}.parquet", table.name));
            match (csv.is_file(), parquet.is_file()) {
                (true, true) => Err(FolderError::Both {
                    dir: dir.to_owned(),
                    name: table.name,
                }),
                (true, false) => Ok(Found {
                    table,
                    path: csv,
                    format: FileFormat::Csv,
                }),
                (false, true) => Ok(Found {
                    table,
                    path: parquet,
                    format: FileFormat::Parquet,
                }),
                (false, false) => Err(FolderError::Missing {
                    dir: dir.to_owned(),
                    name: table.name,
                }),
            }
        })
        .collect()
}

/// Registers every found export as a table of `ctx`, under its name.
pub async fn register(ctx: &SessionContext, found: &[Found]) -> DfResult<()> {
    for file in found {
        let path = file.path.to_string_lossy();
        match file.format {
            FileFormat::Csv => {
                let schema = file.table.schema();
                let options = CsvReadOptions::new().has_header(true).schema(&schema);
                ctx.register_csv(file.table.name, &path, options).await?;
            }
            FileFormat::Parquet => {
                // Parquet carries its own types; the checks compare them with the catalogue's.
                let schema = file.table.schema();
                let options = ParquetReadOptions::default().schema(&schema);
                ctx.register_parquet(file.table.name, &path, options)
                    .await?;
            }
        }
    }
    Ok(())
}

/// Registers each table's staged rows (the checks' Arrow IPC files, or raw Parquet files whose
/// rows were all accepted, typed as the catalogue says, of the columns the queries read) under
/// the table's name; a raw Parquet file's text columns are read as string views.
pub async fn register_staged(
    ctx: &SessionContext,
    staged: &std::collections::HashMap<&'static str, Staged>,
) -> DfResult<()> {
    for table in TABLES {
        let Some(Staged {
            path,
            format,
            schema,
        }) = staged.get(table.name)
        else {
            continue;
        };
        let at = path.to_string_lossy();
        match format {
            StagedFormat::ArrowIpc => {
                let options = ArrowReadOptions {
                    schema: Some(schema),
                    file_extension: crate::check::STAGED_EXTENSION,
                    ..ArrowReadOptions::default()
                };
                ctx.register_arrow(table.name, &at, options).await?;
            }
            StagedFormat::Parquet => {
                let schema = text_as_views(schema);
                let options = ParquetReadOptions::default().schema(&schema);
                ctx.register_parquet(table.name, &at, options).await?;
            }
        }
    }
    Ok(())
}

/// `schema` with its text columns as string views: the Parquet reader makes views of a file's
/// strings without copying them, and the engine compares and groups short ones (ids, codes) by
/// their 16-byte views. A month's queries alone took a fifth less time at 5,000 dealers.
fn text_as_views(schema: &Schema) -> Schema {
    let fields: Vec<Field> = schema
        .fields()
        .iter()
        .map(|field| match field.data_type() {
            DataType::Utf8 => field.as_ref().clone().with_data_type(DataType::Utf8View),
            _ => field.as_ref().clone(),
        })
        .collect();
    Schema::new_with_metadata(fields, schema.metadata().clone())
}

/// The schema as shared by DataFusion's APIs.
pub fn schema_ref(table: &Table) -> Arc<Schema> {
    Arc::new(table.schema())
}

impl Kind {
    /// The column's type in standard SQL, as other engines declare it.
    pub fn sql_type(self) -> &'static str {
        match self {
            Kind::Text => "VARCHAR",
            Kind::Count => "BIGINT",
            Kind::Money => "DECIMAL(20, 4)",
            Kind::Timestamp => "TIMESTAMP",
            Kind::Date => "DATE",
            Kind::Flag => "BOOLEAN",
        }
    }
}

/// The catalogue as JSON: `[{"name": .., "columns": [{"name": .., "type": ..}]}]`.
pub fn catalogue_json() -> String {
    let tables: Vec<serde_json::Value> = TABLES
        .iter()
        .map(|t| {
            serde_json::json!({
                "name": t.name,
                "columns": t.columns.iter().map(|c| serde_json::json!({
                    "name": c.name,
                    "type": c.kind.sql_type(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::Value::Array(tables).to_string()
}
