//! Customers' paths for attribution: the touches on each path (MAP, ad platforms) and how each
//! path ended (MAP, CDP). Every conversion and every null of a snapshot's conversion paths is one
//! path instance with the path's touches, ending in the month.

use std::path::Path;

use chrono::{Duration, NaiveDateTime, NaiveTime};

use crate::model::PeriodId;

use super::super::SampleError;
use super::table::{Split, Table, midnight, pick, spread_day, sub_days};
use super::{Ctx, RawFile};

pub fn write(ctx: &Ctx, dir: &Path) -> Result<Vec<RawFile>, SampleError> {
    let mut touches = Table::create(
        dir,
        "touchpoints",
        &["journey_instance_id", "step", "channel_id", "touched_at"],
    )?;
    let mut outcomes = Table::create(
        dir,
        "path_outcomes",
        &["journey_instance_id", "outcome_at", "converted", "value"],
    )?;
    for month in &ctx.months {
        let period = month.period.id;
        for (p, path) in month.attribution.paths.iter().enumerate() {
            let id = format!("{period}-P{p}-");
            let n = path.conversions + path.nulls;
            let value = Split::new(path.value, path.conversions);
            let mut converted = 0;
            for k in 0..n {
                let at = outcome_at(period, k, n);
                let won = pick(k, path.conversions, n);
                let worth = if won {
                    converted += 1;
                    value.line(converted - 1)
                } else {
                    rust_decimal::Decimal::ZERO
                };
                outcomes
                    .row()
                    .id(&id, k)
                    .at(at)
                    .flag(won)
                    .decimal(worth)
                    .end();
                for (step, touch) in path.touches.iter().enumerate() {
                    // Touches come before the outcome, at 07:00 on their day (outcomes are
                    // from 08:00), so a touch on the outcome's day is 0 days before it.
                    let touched = touch.days_before.map(|days| {
                        midnight(sub_days(at.date(), u64::from(days)))
                            + Duration::hours(7)
                            + Duration::minutes(step as i64)
                    });
                    touches
                        .row()
                        .id(&id, k)
                        .num(step as u64 + 1)
                        .str(touch.channel.as_str())
                        .opt_at(touched)
                        .end();
                }
            }
        }
    }
    Ok(vec![touches.finish()?, outcomes.finish()?])
}

/// Outcome `k` of `n` of a path in `period`: days spread over the month, between 08:00 and 20:00.
fn outcome_at(period: PeriodId, k: u64, n: u64) -> NaiveDateTime {
    let day = spread_day(period, k, n);
    let minute = (k * 37) % 720;
    day.and_time(NaiveTime::from_hms_opt(8, 0, 0).unwrap_or(NaiveTime::MIN))
        + Duration::minutes(minute as i64)
}
