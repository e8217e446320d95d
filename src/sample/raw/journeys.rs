//! The journeys' exports per month: enrollments (MAP), ledger lines (finance) and handoffs
//! between actors (CRM and PRM).

use std::path::Path;

use super::super::SampleError;
use super::table::{Split, Table, pick, prefix, spread, spread_day};
use super::{Ctx, RawFile};

pub fn write(ctx: &Ctx, dir: &Path) -> Result<Vec<RawFile>, SampleError> {
    Ok(vec![
        enrollments(ctx, dir)?,
        ledger(ctx, dir)?,
        handoffs(ctx, dir)?,
    ])
}

/// One enrollment per customer entering a journey: as many reach at least stage k as the
/// snapshot's stage k counts (stages never widen down the funnel).
fn enrollments(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    let mut t = Table::create(
        dir,
        "journey_enrollments",
        &[
            "enrollment_id",
            "journey_id",
            "enrolled_at",
            "furthest_stage",
        ],
    )?;
    for month in &ctx.months {
        let period = month.period.id;
        for j in &month.journeys {
            let id = prefix(j.id.as_str(), period, "E");
            let total = j.stages.first().map_or(0, |s| s.count);
            let mut serial = 0;
            for (k, stage) in j.stages.iter().enumerate() {
                let deeper = j.stages.get(k + 1).map_or(0, |s| s.count);
                for _ in 0..stage.count.saturating_sub(deeper) {
                    t.row()
                        .id(&id, serial)
                        .str(j.id.as_str())
                        .at(spread(period, serial, total))
                        .num(k as u64 + 1)
                        .end();
                    serial += 1;
                }
            }
        }
    }
    t.finish()
}

/// Ledger lines per journey and month (one a week); a journey with nothing booked still has its
/// lines, of zeros, which is what puts it in the period.
const LEDGER_LINES: u64 = 4;

fn ledger(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    let mut t = Table::create(
        dir,
        "journey_finance",
        &[
            "line_id",
            "journey_id",
            "booked_on",
            "revenue",
            "cost",
            "gross_margin",
        ],
    )?;
    for month in &ctx.months {
        let period = month.period.id;
        for j in &month.journeys {
            let id = prefix(j.id.as_str(), period, "J");
            let revenue = Split::new(j.revenue, LEDGER_LINES);
            let cost = Split::new(j.cost, LEDGER_LINES);
            let margin = Split::new(j.gross_margin, LEDGER_LINES);
            for k in 0..LEDGER_LINES {
                t.row()
                    .id(&id, k)
                    .str(j.id.as_str())
                    .date(spread_day(period, k, LEDGER_LINES))
                    .decimal(revenue.line(k))
                    .decimal(cost.line(k))
                    .decimal(margin.line(k))
                    .end();
            }
        }
    }
    t.finish()
}

/// One row per handoff attempted; the met ones spread over them.
fn handoffs(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    let mut t = Table::create(
        dir,
        "handoffs",
        &[
            "handoff_id",
            "journey_id",
            "name",
            "from_actor",
            "to_actor",
            "occurred_at",
            "met",
        ],
    )?;
    for month in &ctx.months {
        let period = month.period.id;
        for j in &month.journeys {
            for (h, handoff) in j.handoffs.iter().enumerate() {
                let id = prefix(j.id.as_str(), period, &format!("H{h}-"));
                let n = handoff.total;
                for k in 0..n {
                    t.row()
                        .id(&id, k)
                        .str(j.id.as_str())
                        .str(&handoff.name)
                        .str(handoff.from.as_str())
                        .str(handoff.to.as_str())
                        .at(spread(period, k, n))
                        .flag(pick(k, handoff.met, n))
                        .end();
                }
            }
        }
    }
    t.finish()
}
