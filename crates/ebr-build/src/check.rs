//! Row checks before the SQL runs: every row of every CSV export is parsed as the catalogue
//! says, its ids checked for uniqueness and its references for existence. A rejected row is
//! reported with file, line, column and reason; the build goes on only while the rejections stay
//! within `--max-rejected`, and then the SQL reads a copy of the file without them, so nothing is
//! dropped silently and nothing rejected is counted.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{BufReader, BufWriter};
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use ebr::model::PeriodId;
use rust_decimal::Decimal;

use crate::tables::{Column, FileFormat, Found, Kind, MONEY_SCALE, TABLES, Table};

/// One rejected row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// The file.
    pub file: PathBuf,
    /// 1-based line of the row (the header is line 1).
    pub line: u64,
    /// The column, empty when the whole row is at fault.
    pub column: String,
    /// Why it was rejected, quoting the value.
    pub reason: String,
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: ", self.file.display(), self.line)?;
        if !self.column.is_empty() {
            write!(f, "{}: ", self.column)?;
        }
        f.write_str(&self.reason)
    }
}

/// What the checks found in one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileCounts {
    /// Data rows in the file.
    pub read: u64,
    /// Valid rows dated inside one of the periods built (every valid row of a reference file).
    pub used: u64,
    /// Rows rejected.
    pub rejected: u64,
    /// Valid rows dated outside every period built.
    pub outside: u64,
}

/// The checks' findings for the whole folder.
#[derive(Debug, Default)]
pub struct Checked {
    /// Per file, in catalogue order.
    pub counts: Vec<(&'static str, FileCounts)>,
    /// Every rejection, in file and line order (at most [`MAX_LISTED`] per file; the counts
    /// have them all).
    pub rejections: Vec<Rejection>,
    /// Files whose SQL input is a copy without the rejected rows.
    pub cleaned: HashMap<&'static str, PathBuf>,
}

/// Rejections listed per file; the rest are counted.
pub const MAX_LISTED: usize = 100;

/// Why the checks could not run at all.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// A file could not be read or its header is not the catalogue's.
    #[error("{file}: {message}")]
    File { file: PathBuf, message: String },
}

/// The reference tables a column points into, by the column's name.
fn referenced_table(table: &str, column: &str) -> Option<&'static str> {
    let target = match column {
        "dealer_id" => "dealers",
        "group_id" => "dealer_groups",
        "region_id" => "regions",
        "actor_id" | "partner_id" | "from_actor" | "to_actor" => "actors",
        "channel_id" => "channels",
        "journey_id" => "journeys",
        "tool_id" => "tools",
        _ => return None,
    };
    (target != table).then_some(target)
}

/// The values a coded column may take.
fn allowed(table: &str, column: &str) -> Option<&'static [&'static str]> {
    Some(match (table, column) {
        ("dealer_groups", "tier") => &["platinum", "gold", "silver"],
        ("dealers", "locale") => &["metro", "rural"],
        ("dealers", "size_band") => &["small", "medium", "large"],
        ("actors", "kind") => &["oem", "dealer", "finance_partner", "other_partner"],
        ("journeys", "kind") => &[
            "ev_launch",
            "service_retention",
            "fleet",
            "conquest",
            "loyalty",
            "certified_pre_owned",
            "other",
        ],
        ("tools", "category") => &[
            "crm",
            "marketing_automation",
            "cdp",
            "ad_platform",
            "analytics",
            "prm",
            "dms",
            "other",
        ],
        ("tools", "owner") => &["oem", "dealer", "shared"],
        ("extracts", "kind") => &[
            "crm",
            "dms",
            "map",
            "cdp",
            "ad_platform",
            "analytics",
            "prm",
            "other",
        ],
        ("crm_leads", "source") => &["oem", "dealer", "partner"],
        ("crm_activities", "kind") => &["test_drive", "quote"],
        ("crm_opportunity_history", "partner_role") => &["sourced", "influenced", "none"],
        ("crm_opportunity_history", "event") => &["opened", "won", "lost"],
        ("dms_deals", "condition") => &["new", "used"],
        ("marketing_spend", "program") => &["local", "coop"],
        ("marketing_spend", "audience") => &["conquest", "loyalty"],
        ("prm_credits", "role") => &["sourced", "influenced", "attached"],
        ("tool_contracts", "cost_kind") => &["licences", "services", "integration"],
        ("value_driver_ledger", "driver") => &[
            "incremental_sales",
            "accessory_revenue",
            "service_retention",
            "ev_adoption",
            "dealer_productivity",
            "cost_to_serve",
        ],
        _ => return None,
    })
}

/// A parsed value, as far as the checks need it.
#[derive(Clone, Copy)]
enum Value {
    Empty,
    Date(NaiveDate),
    Stamp(NaiveDateTime),
    Count(u64),
    Other,
}

fn parse(column: &Column, text: &str) -> Result<Value, String> {
    if text.is_empty() {
        return if column.optional {
            Ok(Value::Empty)
        } else {
            Err("empty, a value is required".to_owned())
        };
    }
    let shown = quoted(text);
    match column.kind {
        Kind::Text => Ok(Value::Other),
        Kind::Count => text
            .parse::<u64>()
            .ok()
            .filter(|n| i64::try_from(*n).is_ok())
            .map(Value::Count)
            .ok_or_else(|| format!("found {shown}, expected a whole number of at least 0")),
        Kind::Money => {
            let decimal: Decimal = text
                .parse()
                .map_err(|_| format!("found {shown}, expected an amount such as 1234.56"))?;
            if decimal.is_sign_negative() {
                Err(format!("found {shown}, expected an amount of at least 0"))
            } else if decimal.scale() > MONEY_SCALE as u32 || text.contains(['e', 'E', '_']) {
                Err(format!(
                    "found {shown}, expected at most {MONEY_SCALE} decimals"
                ))
            } else if decimal.abs() >= Decimal::from(10_i64.pow(16)) {
                Err(format!("found {shown}, expected an amount below 10^16"))
            } else {
                Ok(Value::Other)
            }
        }
        Kind::Timestamp => NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
            .map(Value::Stamp)
            .map_err(|_| format!("found {shown}, expected a UTC time YYYY-MM-DDTHH:MM:SS")),
        Kind::Date => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Value::Date)
            .map_err(|_| format!("found {shown}, expected a date YYYY-MM-DD")),
        Kind::Flag => match text {
            "true" | "false" => Ok(Value::Other),
            _ => Err(format!("found {shown}, expected true or false")),
        },
    }
}

/// A value as a message quotes it: at most 40 characters, control characters escaped.
fn quoted(text: &str) -> String {
    let mut shown: String = text.chars().take(40).flat_map(char::escape_debug).collect();
    if text.chars().count() > 40 {
        shown.push('…');
    }
    format!("`{shown}`")
}

fn key_hash(values: impl Iterator<Item = impl Hash>) -> (u64, u64) {
    // Two independent 64-bit hashes: a false duplicate needs both to collide.
    let mut a = DefaultHasher::new();
    let mut b = DefaultHasher::new();
    0x5eed_u64.hash(&mut b);
    for v in values {
        v.hash(&mut a);
        v.hash(&mut b);
    }
    (a.finish(), b.finish())
}

/// Checks every CSV export of `found` against the catalogue, counting rows per period.
/// Files with rejected rows get a cleaned copy in `scratch` when `keep_going` allows it.
pub fn check(
    found: &[Found],
    periods: &[PeriodId],
    scratch: &Path,
    keep_going: impl Fn(u64) -> bool,
) -> Result<Checked, CheckError> {
    let mut checked = Checked::default();
    let mut ids: HashMap<&'static str, HashSet<String>> = HashMap::new();
    let mut total_rejected = 0;
    for file in found {
        let table = file.table;
        let (counts, rejections, accepted) = match file.format {
            FileFormat::Csv => check_csv(file, table, periods, &ids)?,
            // Parquet is typed by its writer; the engine checks its schema when it reads it.
            FileFormat::Parquet => (FileCounts::default(), Vec::new(), None),
        };
        if let Some(accepted_ids) = accepted.as_ref().and_then(|a| a.ids.clone()) {
            ids.insert(table.name, accepted_ids);
        }
        total_rejected += counts.rejected;
        if counts.rejected > 0 && keep_going(total_rejected) {
            let copy = scratch.join(format!("{}.csv", table.name));
            let empty = HashSet::new();
            let rejected = accepted.as_ref().map_or(&empty, |a| &a.rejected_lines);
            write_accepted(file, &copy, rejected)?;
            checked.cleaned.insert(table.name, copy);
        }
        checked.rejections.extend(rejections);
        checked.counts.push((table.name, counts));
    }
    Ok(checked)
}

/// What was accepted from a file: its ids (reference files), and the lines rejected.
struct Accepted {
    ids: Option<HashSet<String>>,
    rejected_lines: HashSet<u64>,
}

fn check_csv(
    file: &Found,
    table: &'static Table,
    periods: &[PeriodId],
    ids: &HashMap<&'static str, HashSet<String>>,
) -> Result<(FileCounts, Vec<Rejection>, Option<Accepted>), CheckError> {
    let fail = |message: String| CheckError::File {
        file: file.path.clone(),
        message,
    };
    let reader = File::open(&file.path).map_err(|e| fail(e.to_string()))?;
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(BufReader::with_capacity(1 << 20, reader));
    let header = csv.headers().map_err(|e| fail(e.to_string()))?.clone();
    let expected: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
    if header.iter().collect::<Vec<_>>() != expected {
        return Err(fail(format!(
            "line 1: the header is `{}`, expected `{}` (these columns, in this order)",
            header
                .iter()
                .map(|h| h.escape_debug().to_string())
                .collect::<Vec<_>>()
                .join(","),
            expected.join(",")
        )));
    }
    let is_reference = table.when.is_none()
        && TABLES.iter().any(|t| {
            t.columns
                .iter()
                .any(|c| referenced_table(t.name, c.name) == Some(table.name))
        });
    let key_columns: Vec<usize> = table
        .key
        .iter()
        .filter_map(|k| expected.iter().position(|c| c == k))
        .collect();
    let when = table
        .when
        .and_then(|w| expected.iter().position(|c| *c == w));
    let refs: Vec<(usize, &HashSet<String>)> = table
        .columns
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((i, ids.get(referenced_table(table.name, c.name)?)?)))
        .collect();
    let mut counts = FileCounts::default();
    let mut rejections = Vec::new();
    let mut seen: HashSet<(u64, u64)> = HashSet::new();
    let mut reference_ids = is_reference.then(HashSet::new);
    let mut rejected_lines = HashSet::new();
    let mut record = csv::StringRecord::new();
    let mut values = vec![Value::Empty; expected.len()];
    loop {
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(fail(format!("line {line}: {e}")));
            }
        }
        counts.read += 1;
        let line = record.position().map_or(counts.read + 1, |p| p.line());
        let reject = |column: &str, reason: String| Rejection {
            file: file.path.clone(),
            line,
            column: column.to_owned(),
            reason,
        };
        let problem = (|| {
            if record.len() != expected.len() {
                return Err(reject(
                    "",
                    format!("{} fields, expected {}", record.len(), expected.len()),
                ));
            }
            for (i, column) in table.columns.iter().enumerate() {
                let text = &record[i];
                values[i] = parse(column, text).map_err(|reason| reject(column.name, reason))?;
                if let Some(codes) = allowed(table.name, column.name) {
                    if !text.is_empty() && !codes.contains(&text) {
                        return Err(reject(
                            column.name,
                            format!(
                                "found {}, expected one of {}",
                                quoted(text),
                                codes.join(", ")
                            ),
                        ));
                    }
                }
            }
            for &(i, known) in &refs {
                if !record[i].is_empty() && !known.contains(&record[i]) {
                    return Err(reject(
                        table.columns[i].name,
                        format!(
                            "{} is not in {}",
                            quoted(&record[i]),
                            referenced_table(table.name, table.columns[i].name).unwrap_or("")
                        ),
                    ));
                }
            }
            row_rules(table, &record, &values)
                .map_err(|(column, reason)| reject(column, reason))?;
            if !key_columns.is_empty()
                && !seen.insert(key_hash(key_columns.iter().map(|&i| &record[i])))
            {
                return Err(reject(
                    table.key[0],
                    format!(
                        "duplicate id {}",
                        quoted(
                            &key_columns
                                .iter()
                                .map(|&i| &record[i])
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    ),
                ));
            }
            Ok(())
        })();
        match problem {
            Err(rejection) => {
                counts.rejected += 1;
                rejected_lines.insert(line);
                if rejections.len() < MAX_LISTED {
                    rejections.push(rejection);
                }
            }
            Ok(()) => {
                if let Some(ids) = reference_ids.as_mut() {
                    ids.insert(record[0].to_owned());
                }
                let dated = when.map(|i| match values[i] {
                    Value::Date(d) => Some(d),
                    Value::Stamp(t) => Some(t.date()),
                    _ => None,
                });
                match dated {
                    Some(Some(day)) if !periods.iter().any(|p| p.contains(day)) => {
                        counts.outside += 1
                    }
                    _ => counts.used += 1,
                }
            }
        }
    }
    let accepted = Accepted {
        ids: reference_ids,
        rejected_lines,
    };
    Ok((counts, rejections, Some(accepted)))
}

/// Rules across the fields of one row.
fn row_rules(
    table: &Table,
    record: &csv::StringRecord,
    values: &[Value],
) -> Result<(), (&'static str, String)> {
    let at = |name: &str| table.columns.iter().position(|c| c.name == name);
    match table.name {
        "csat_responses" => {
            if let Some(Value::Count(score)) = at("score").map(|i| values[i]) {
                if score > 100 {
                    return Err(("score", format!("found {score}, expected 0 to 100")));
                }
            }
        }
        "crm_leads" => {
            if let (Some(Value::Stamp(created)), Some(Value::Stamp(answered))) = (
                at("created_at").map(|i| values[i]),
                at("first_response_at").map(|i| values[i]),
            ) {
                if answered < created {
                    return Err((
                        "first_response_at",
                        format!("{answered} is before the lead was created ({created})"),
                    ));
                }
            }
        }
        "crm_opportunity_history" => {
            let won = at("event").is_some_and(|i| &record[i] == "won");
            let occurred = at("occurred_at").map(|i| values[i]);
            let lead = at("lead_created_on").map(|i| values[i]);
            match (won, occurred, lead) {
                (true, _, Some(Value::Empty) | None) => {
                    return Err((
                        "lead_created_on",
                        "empty, a won opportunity needs it".to_owned(),
                    ));
                }
                (true, Some(Value::Stamp(t)), Some(Value::Date(d))) if d > t.date() => {
                    return Err((
                        "lead_created_on",
                        format!("{d} is after the opportunity was won ({t})"),
                    ));
                }
                _ => {}
            }
        }
        "journey_stages" | "journey_enrollments" | "touchpoints" => {
            let column = match table.name {
                "journey_stages" => "position",
                "journey_enrollments" => "furthest_stage",
                _ => "step",
            };
            if let Some(Value::Count(0)) = at(column).map(|i| values[i]) {
                return Err((
                    column_name(table, column),
                    "found 0, expected 1 or more".to_owned(),
                ));
            }
        }
        _ => {}
    }
    Ok(())
}

fn column_name(table: &Table, name: &str) -> &'static str {
    table
        .columns
        .iter()
        .find(|c| c.name == name)
        .map_or("", |c| c.name)
}

/// Copies `file` without its rejected lines to `copy`.
fn write_accepted(file: &Found, copy: &Path, rejected: &HashSet<u64>) -> Result<(), CheckError> {
    let fail = |e: &dyn std::fmt::Display| CheckError::File {
        file: copy.to_owned(),
        message: e.to_string(),
    };
    let reader = File::open(&file.path).map_err(|e| fail(&e))?;
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(BufReader::new(reader));
    let out = File::create(copy).map_err(|e| fail(&e))?;
    let mut writer = csv::Writer::from_writer(BufWriter::new(out));
    writer
        .write_record(csv.headers().map_err(|e| fail(&e))?)
        .map_err(|e| fail(&e))?;
    let mut record = csv::StringRecord::new();
    while csv.read_record(&mut record).map_err(|e| fail(&e))? {
        if record
            .position()
            .is_some_and(|p| !rejected.contains(&p.line()))
        {
            writer.write_record(&record).map_err(|e| fail(&e))?;
        }
    }
    writer.flush().map_err(|e| fail(&e))
}
