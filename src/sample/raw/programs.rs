//! What dealers do with the OEM's programmes and partners, per dealer and month: campaign
//! participation (MAP), survey responses, marketing invoice lines (finance) and partner credit
//! lines (PRM).

use std::path::Path;

use rust_decimal::Decimal;

use crate::model::{Dealer, PeriodId};

use super::super::SampleError;
use super::network::snake;
use super::table::{Split, Table, add_days, part, pick, prefix, spread, spread_day};
use super::{Ctx, RawFile};

pub fn write(ctx: &Ctx, dir: &Path) -> Result<Vec<RawFile>, SampleError> {
    Ok(vec![
        campaigns(ctx, dir)?,
        csat(ctx, dir)?,
        marketing(ctx, dir)?,
        credits(ctx, dir)?,
    ])
}

/// The OEM's campaigns of the month (`2026-10-c1`...) offered to each dealer; the joined ones
/// spread over them, joined three days after the offer.
fn campaigns(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    let mut t = Table::create(
        dir,
        "campaign_participation",
        &["campaign_id", "dealer_id", "offered_on", "joined_on"],
    )?;
    for month in &ctx.months {
        let period = month.period.id;
        let id = format!("{period}-c");
        for d in &month.dealers {
            let f = &d.facts;
            let n = f.campaigns_offered;
            for k in 0..n {
                let offered = spread_day(period, k, n);
                let joined = pick(k, f.campaigns_joined, n).then(|| add_days(offered, 3));
                t.row()
                    .id(&id, k + 1)
                    .str(d.id.as_str())
                    .date(offered)
                    .opt_date(joined)
                    .end();
            }
        }
    }
    t.finish()
}

/// Survey responses, each scoring an equal share of the month's score sum (so 0-100 each).
fn csat(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    let mut t = Table::create(
        dir,
        "csat_responses",
        &["response_id", "dealer_id", "responded_at", "score"],
    )?;
    for month in &ctx.months {
        let period = month.period.id;
        for d in &month.dealers {
            let f = &d.facts;
            let n = f.csat_responses;
            let id = prefix(d.id.as_str(), period, "Q");
            for k in 0..n {
                t.row()
                    .id(&id, k)
                    .str(d.id.as_str())
                    .at(spread(period, k, n))
                    .num(part(f.csat_score_sum, n, k))
                    .end();
            }
        }
    }
    t.finish()
}

/// Invoice lines per marketing cell: each cell is split into this many lines.
const LINES_PER_CELL: u64 = 2;

/// The four cells of a dealer's marketing spend (program × audience) whose row sums are the
/// local and co-op spend and whose column sums are the conquest and loyalty spend: the
/// north-west corner rule, which keeps every cell non-negative.
fn spend_cells(d: &Dealer) -> [(&'static str, &'static str, Decimal); 4] {
    let local = d.facts.marketing_spend.local.amount();
    let coop = d.facts.marketing_spend.coop.amount();
    let conquest = d.customers.conquest_spend.amount();
    let local_conquest = local.min(conquest);
    let coop_conquest = conquest - local_conquest;
    [
        ("local", "conquest", local_conquest),
        ("local", "loyalty", local - local_conquest),
        ("coop", "conquest", coop_conquest),
        ("coop", "loyalty", coop - coop_conquest),
    ]
}

fn marketing(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    let mut t = Table::create(
        dir,
        "marketing_spend",
        &[
            "line_id",
            "dealer_id",
            "spent_on",
            "program",
            "audience",
            "amount",
        ],
    )?;
    for month in &ctx.months {
        let period = month.period.id;
        for d in &month.dealers {
            let id = prefix(d.id.as_str(), period, "K");
            let mut serial = 0;
            for (program, audience, amount) in spend_cells(d) {
                if amount.is_zero() {
                    continue;
                }
                let lines = Split::new(amount.into(), LINES_PER_CELL);
                for k in 0..LINES_PER_CELL {
                    t.row()
                        .id(&id, serial)
                        .str(d.id.as_str())
                        .date(spread_day(period, k, LINES_PER_CELL))
                        .str(program)
                        .str(audience)
                        .decimal(lines.line(k))
                        .end();
                    serial += 1;
                }
            }
        }
    }
    t.finish()
}

/// Credit lines per (actor, role) credit of a dealer's month.
const LINES_PER_CREDIT: u64 = 3;

/// Partner credit lines: every credit of the snapshot split into lines (a credit of zero still
/// has its lines, so it is listed after the build).
fn credits(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    let mut t = Table::create(
        dir,
        "prm_credits",
        &[
            "credit_id",
            "dealer_id",
            "actor_id",
            "role",
            "credited_on",
            "pipeline",
            "revenue",
        ],
    )?;
    for month in &ctx.months {
        let period: PeriodId = month.period.id;
        for d in &month.dealers {
            let id = prefix(d.id.as_str(), period, "C");
            let mut serial = 0;
            for c in &d.credits {
                let role = snake(&c.role);
                let pipeline = Split::new(c.pipeline, LINES_PER_CREDIT);
                let revenue = Split::new(c.revenue, LINES_PER_CREDIT);
                for k in 0..LINES_PER_CREDIT {
                    t.row()
                        .id(&id, serial)
                        .str(d.id.as_str())
                        .str(c.actor.as_str())
                        .str(&role)
                        .date(spread_day(period, k, LINES_PER_CREDIT))
                        .decimal(pipeline.line(k))
                        .decimal(revenue.line(k))
                        .end();
                    serial += 1;
                }
            }
        }
    }
    t.finish()
}
