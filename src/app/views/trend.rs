//! Sparklines: a figure over every loaded period of the current granularity, with the current
//! and the compared period marked, from the compare domain's trend series. Each period's
//! scorecard is built once and kept, so a sparkline costs a lookup per period.

use rust_decimal::Decimal;

use crate::app::screen::Spark;
use crate::compare::{PeriodPair, Trend};
use crate::metrics::{Level, Metric, Scorecard};
use crate::model::PeriodId;

use super::Context;

/// The sparkline of a figure read from each period's scorecard, over every loaded period of
/// the current period's granularity; `None` without history or with two periods or fewer.
pub fn spark_of(ctx: &Context<'_>, value: impl Fn(&Scorecard) -> Option<Decimal>) -> Option<Spark> {
    let history = ctx.history?;
    let periods: Vec<PeriodId> = history
        .cards
        .library()
        .periods_of(history.pair.current.granularity())
        .collect();
    if periods.len() <= 2 {
        return None;
    }
    let trend = Trend {
        points: periods
            .into_iter()
            .map(|p| (p, history.cards.get(p).and_then(|card| value(&card))))
            .collect(),
    };
    Some(spark(&trend, history.pair))
}

/// The sparkline of a metric at a level (the compare domain's trend series); `None` without
/// history or with two periods or fewer.
pub fn metric_spark(ctx: &Context<'_>, level: &Level, metric: Metric) -> Option<Spark> {
    let history = ctx.history?;
    let granularity = history.pair.current.granularity();
    let library = history.cards.library();
    library.periods_of(granularity).nth(2)?;
    let trend = crate::compare::trend(history.cards, granularity, level, metric);
    Some(spark(&trend, history.pair))
}

/// A trend as a sparkline with the two periods of `pair` marked.
pub fn spark(trend: &Trend, pair: PeriodPair) -> Spark {
    Spark {
        levels: trend
            .scaled(7)
            .into_iter()
            .map(|v| v.and_then(|v| u8::try_from(v).ok()))
            .collect(),
        current: trend.index_of(pair.current),
        compared: pair.compared.and_then(|p| trend.index_of(p)),
    }
}
