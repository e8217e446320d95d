//! The martech stack and the P&L: contract lines (procurement), usage reports (the tools' admin
//! consoles), the value-driver ledger, time saved and the finance rate card.

use std::path::Path;

use chrono::NaiveDate;

use crate::model::{Money, ToolCost};

use super::super::SampleError;
use super::network::{snake, tool_catalogue};
use super::table::{Split, Table, part, spread_day};
use super::{Ctx, RawFile};

pub fn write(ctx: &Ctx, dir: &Path) -> Result<Vec<RawFile>, SampleError> {
    Ok(vec![
        contracts(ctx, dir)?,
        usage(ctx, dir)?,
        drivers(ctx, dir)?,
        productivity(ctx, dir)?,
        rates(ctx, dir)?,
    ])
}

/// Reads one kind of cost of a tool.
type CostOf = fn(&ToolCost) -> Money;

const COST_KINDS: [(&str, CostOf); 3] = [
    ("licences", |c| c.licences),
    ("services", |c| c.services),
    ("integration", |c| c.integration),
];

/// One contract line per tool and cost kind, in force from the sample's first month; when an
/// annual amount changes from one month to the next, the line ends with the month before and a
/// new one starts.
fn contracts(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    struct Line {
        amount: Money,
        from: NaiveDate,
    }
    let mut t = Table::create(
        dir,
        "tool_contracts",
        &[
            "contract_id",
            "tool_id",
            "cost_kind",
            "annual_amount",
            "valid_from",
            "valid_to",
        ],
    )?;
    let mut serial = 0;
    for id in tool_catalogue(ctx).into_keys() {
        for (kind, amount_of) in COST_KINDS {
            let mut open: Option<Line> = None;
            let mut write = |line: &Line, to: Option<NaiveDate>| {
                serial += 1;
                t.row()
                    .id("TC", serial)
                    .str(id)
                    .str(kind)
                    .decimal(line.amount.amount())
                    .date(line.from)
                    .opt_date(to)
                    .end();
            };
            for month in &ctx.months {
                let Some(tool) = month.stack.iter().find(|t| t.id.as_str() == id) else {
                    continue;
                };
                let amount = amount_of(&tool.annual_cost);
                match &open {
                    Some(line) if line.amount == amount => {}
                    _ => {
                        if let Some(line) = &open {
                            write(line, month.period.start.pred_opt());
                        }
                        open = Some(Line {
                            amount,
                            from: month.period.start,
                        });
                    }
                }
            }
            if let Some(line) = &open {
                write(line, None);
            }
        }
    }
    t.finish()
}

/// Each tool's usage report at the end of every month.
fn usage(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    let mut t = Table::create(
        dir,
        "tool_usage",
        &[
            "tool_id",
            "as_of",
            "seats",
            "active_users",
            "dealers_adopted",
        ],
    )?;
    for month in &ctx.months {
        for tool in &month.stack {
            t.row()
                .str(tool.id.as_str())
                .date(month.period.end)
                .num(tool.seats)
                .num(tool.active_users)
                .num(tool.dealers_adopted)
                .end();
        }
    }
    t.finish()
}

/// Ledger lines per value driver and month; a driver with nothing booked still has its lines.
const DRIVER_LINES: u64 = 3;

fn drivers(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    let mut t = Table::create(
        dir,
        "value_driver_ledger",
        &[
            "line_id",
            "driver",
            "booked_on",
            "revenue",
            "gross_margin",
            "attributed_margin",
        ],
    )?;
    for month in &ctx.months {
        let period = month.period.id;
        let id = format!("{period}-V");
        for (d, outcome) in month.pnl.drivers.iter().enumerate() {
            let revenue = Split::new(outcome.revenue, DRIVER_LINES);
            let gross = Split::new(outcome.gross_margin, DRIVER_LINES);
            let attributed = Split::new(outcome.attributed_margin, DRIVER_LINES);
            let driver = snake(&outcome.driver);
            for k in 0..DRIVER_LINES {
                t.row()
                    .id(&id, d as u64 * DRIVER_LINES + k)
                    .str(&driver)
                    .date(spread_day(period, k, DRIVER_LINES))
                    .decimal(revenue.line(k))
                    .decimal(gross.line(k))
                    .decimal(attributed.line(k))
                    .end();
            }
        }
    }
    t.finish()
}

/// Time saved, logged in entries of at most a working day (8 hours).
fn productivity(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    let mut t = Table::create(
        dir,
        "productivity_log",
        &["entry_id", "logged_on", "hours_saved"],
    )?;
    for month in &ctx.months {
        let period = month.period.id;
        let id = format!("{period}-T");
        let hours = month.pnl.productivity.hours_saved;
        let n = hours.div_ceil(8);
        for k in 0..n {
            t.row()
                .id(&id, k)
                .date(spread_day(period, k, n))
                .num(part(hours, n, k))
                .end();
        }
    }
    t.finish()
}

/// The rate card at the end of every month.
fn rates(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    let mut t = Table::create(
        dir,
        "finance_rates",
        &[
            "as_of",
            "cost_per_hour",
            "cost_to_serve_before",
            "cost_to_serve_after",
        ],
    )?;
    for month in &ctx.months {
        let pnl = &month.pnl;
        t.row()
            .date(month.period.end)
            .decimal(pnl.productivity.cost_per_hour.amount())
            .decimal(pnl.cost_to_serve.before.amount())
            .decimal(pnl.cost_to_serve.after.amount())
            .end();
    }
    t.finish()
}
