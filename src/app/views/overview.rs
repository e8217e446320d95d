//! Overview: the headline outcomes of the current level as cards, with the review commentary.
//! Cost to serve and martech ROI come from the ecosystem's P&L and say so when drilled in; the
//! partner card adds what the attribution model in use (`m`) credits to the partners.
//! When comparing, each card shows its change against the compared period (good or bad by
//! the figure's direction) and the compared value; with more than two periods loaded, a
//! sparkline of the figure over all of them; with a target, its status.

use rust_decimal::Decimal;

use crate::app::screen::{Block, Card, Mark, Screen, Tone};
use crate::attribution::SnapshotAttribution;
use crate::metrics::{Direction, Level, Metric, Pnl, Rollup, Scorecard, Style, Unit, format_with};
use crate::model::{ActorKind, ReviewView};

use super::Context;
use super::common::{Measure, card_compare, commentary, format, metric_spark, spark_of};

/// Builds the Overview screen for the context's level.
pub fn build(ctx: &Context<'_>) -> Screen {
    let card = ctx.card;
    let Some(here) = card.node(ctx.level) else {
        return super::dealers::missing(ctx);
    };
    let r = here.rollup;
    let scope = match ctx.level {
        Level::Ecosystem => "the ecosystem".to_owned(),
        _ => here.name.to_owned(),
    };
    let pnl = Pnl::of(card.snapshot());
    let compared_pnl = ctx.compared.map(|c| Pnl::of(c.snapshot()));
    let drilled = *ctx.level != Level::Ecosystem;
    let cards = vec![
        compared_metric(ctx, pipeline(ctx, r), Metric::PartnerSourcedPipeline),
        compared_metric(
            ctx,
            Card {
                title: "Vehicles sold".to_owned(),
                value: value(ctx, Metric::SalesTotal, r),
                detail: vec![
                    format!("{} new", value(ctx, Metric::SalesNew, r)),
                    format!("won {}", value(ctx, Metric::WonRevenue, r)),
                ],
                ..Card::default()
            },
            Metric::SalesTotal,
        ),
        compared_metric(
            ctx,
            rate_card(ctx, "Service retention", Metric::ServiceRetention, r, "due"),
            Metric::ServiceRetention,
        ),
        compared_metric(
            ctx,
            Card {
                title: "Accessory revenue".to_owned(),
                value: value(ctx, Metric::AccessoryRevenue, r),
                detail: vec![format!("owner gross {}", value(ctx, Metric::OwnerGross, r))],
                ..Card::default()
            },
            Metric::AccessoryRevenue,
        ),
        compared_metric(
            ctx,
            rate_card(ctx, "EV share", Metric::EvShare, r, "new"),
            Metric::EvShare,
        ),
        compared_metric(
            ctx,
            productivity(ctx, r, &pnl, drilled),
            Metric::SalesPerConsultant,
        ),
        compared_pnl_figure(
            ctx,
            cost_to_serve(ctx, &pnl, drilled),
            Measure::new(Unit::Money, Direction::LowerIsBetter),
            (&pnl, compared_pnl.as_ref()),
            |p| Some(p.cost_to_serve_after.amount()),
        ),
        compared_pnl_figure(
            ctx,
            roi(ctx, &pnl, drilled),
            Measure::new(Unit::Rate, Direction::HigherIsBetter),
            (&pnl, compared_pnl.as_ref()),
            |p| p.roi().value(),
        ),
    ];
    let mut blocks = vec![Block::Cards(cards)];
    blocks.extend(super::common::data_quality(ctx));
    blocks.extend(commentary(card.snapshot(), ReviewView::Overview));
    Screen {
        title: format!("Headline outcomes of {scope}"),
        blocks,
    }
}

/// A card of a catalogue metric at the context's level, with its change against the compared
/// period, its target status (sums are held to their target at the ecosystem only) and its
/// sparkline.
fn compared_metric(ctx: &Context<'_>, card: Card, metric: Metric) -> Card {
    let measure = match ctx.level {
        Level::Ecosystem => Measure::total(ctx, metric),
        _ => Measure::of(ctx, metric),
    };
    let current = ctx.card.value(ctx.level, metric);
    let compared = ctx.compared.and_then(|c| c.value(ctx.level, metric));
    let mut card = card_compare(ctx, card, &measure, current, compared);
    card.metric = Some(metric);
    card.trend = metric_spark(ctx, ctx.level, metric);
    card
}

/// A card of an ecosystem-wide P&L figure, with its change against the compared period's
/// P&L and its sparkline over every period's P&L.
fn compared_pnl_figure(
    ctx: &Context<'_>,
    card: Card,
    measure: Measure,
    (pnl, compared): (&Pnl, Option<&Pnl>),
    figure: fn(&Pnl) -> Option<Decimal>,
) -> Card {
    let mut card = card_compare(ctx, card, &measure, figure(pnl), compared.and_then(figure));
    card.trend = spark_of(ctx, |c: &Scorecard| figure(&Pnl::of(c.snapshot())));
    card
}

/// Details of an ecosystem-wide figure, saying so first when drilled into a smaller level.
fn ecosystem_wide(drilled: bool, mut detail: Vec<String>) -> Vec<String> {
    if drilled {
        detail.insert(0, "ecosystem-wide".to_owned());
    }
    detail
}

fn value(ctx: &Context<'_>, metric: Metric, rollup: &Rollup) -> String {
    format(ctx, metric, metric.value(rollup))
}

/// Money in the snapshot's currency, compact ("$1.23M").
fn money(ctx: &Context<'_>, amount: Option<Decimal>) -> String {
    let currency = &ctx.card.snapshot().ecosystem.currency;
    format_with(
        Unit::Money,
        amount,
        currency,
        Style {
            compact: true,
            ascii: ctx.ascii,
        },
    )
}

/// A rate with its parts: "61.2 %", "1,204 of 1,967 due".
fn rate_card(ctx: &Context<'_>, title: &str, metric: Metric, r: &Rollup, of: &str) -> Card {
    let parts = metric.ratio(r).map(|ratio| {
        let count = |d: Decimal| format_with(Unit::Count, Some(d), "", Style::FULL);
        format!(
            "{} of {} {of}",
            count(ratio.numerator),
            count(ratio.denominator)
        )
    });
    Card {
        title: title.to_owned(),
        value: value(ctx, metric, r),
        detail: parts.into_iter().collect(),
        ..Card::default()
    }
}

/// Partner-sourced pipeline, with the influenced pipeline beside it (never added to it) and,
/// at the ecosystem (the paths carry no dealer), the partners' share of the conversion value
/// under the attribution model in use (`m`).
fn pipeline(ctx: &Context<'_>, r: &Rollup) -> Card {
    let mut detail = vec![
        format!(
            "{} influenced",
            value(ctx, Metric::PartnerInfluencedPipeline, r)
        ),
        format!("of {} opened", value(ctx, Metric::PipelineValue, r)),
    ];
    if *ctx.level == Level::Ecosystem {
        detail.extend(partner_credit(ctx));
    }
    Card {
        title: "Partner-sourced".to_owned(),
        value: value(ctx, Metric::PartnerSourcedPipeline, r),
        detail,
        ..Card::default()
    }
}

/// "Markov 1 credit: partners 23.4 %": what the model in use credits to the
/// finance and other partners' channels, as a share of the paths' conversion value (named apart
/// from the ledger's sourced share and the pipeline's partner-involved share). Only the model
/// in use runs.
fn partner_credit(ctx: &Context<'_>) -> Option<String> {
    let snapshot = ctx.card.snapshot();
    if snapshot.attribution.paths.is_empty() {
        return None;
    }
    let models = [ctx.model];
    let attribution = SnapshotAttribution::compute_models(snapshot, &models, &ctx.options).ok()?;
    let partners = [ActorKind::FinancePartner, ActorKind::OtherPartner];
    let share = attribution.value_share(ctx.model, snapshot, &partners)?;
    let (model, _) = super::attribution_models::headers(ctx.model);
    Some(format!(
        "{model} credit: partners {}",
        format_with(Unit::Rate, Some(share), "", Style::FULL)
    ))
}

/// Sales per consultant at the level on screen; the hours saved exist only for the whole
/// ecosystem, so drilled in they say so and never read as the level's own.
fn productivity(ctx: &Context<'_>, r: &Rollup, pnl: &Pnl, drilled: bool) -> Card {
    let hours = format_with(
        Unit::Count,
        Some(Decimal::from(pnl.hours_saved)),
        "",
        Style::FULL,
    );
    Card {
        title: "Sales/consultant".to_owned(),
        value: value(ctx, Metric::SalesPerConsultant, r),
        detail: vec![
            "vehicles sold".to_owned(),
            if drilled {
                format!("ecosystem: {hours} h saved by martech")
            } else {
                format!("{hours} h saved by martech")
            },
        ],
        ..Card::default()
    }
}

/// Cost to serve one customer now, against before; lower is better.
fn cost_to_serve(ctx: &Context<'_>, pnl: &Pnl, drilled: bool) -> Card {
    let before = pnl.cost_to_serve_before.amount();
    let after = pnl.cost_to_serve_after.amount();
    let change = pnl.cost_to_serve_change_relative().value();
    let mark = change.map(|c| match c.cmp(&Decimal::ZERO) {
        std::cmp::Ordering::Less => Mark::Better,
        std::cmp::Ordering::Greater => Mark::Worse,
        std::cmp::Ordering::Equal => Mark::Flat,
    });
    let currency = &ctx.card.snapshot().ecosystem.currency;
    let full = |d: Decimal| {
        format_with(
            Unit::Money,
            Some(d),
            currency,
            Style {
                compact: false,
                ascii: ctx.ascii,
            },
        )
    };
    let change_text = match change {
        Some(c) => format!(
            "{:+} % vs before",
            crate::metrics::format::fixed(c * Decimal::ONE_HUNDRED, 1)
        ),
        None => "no before figure".to_owned(),
    };
    Card {
        title: "Cost to serve".to_owned(),
        value: full(after),
        detail: ecosystem_wide(
            drilled,
            vec![format!("per customer, was {}", full(before)), change_text],
        ),
        tone: Tone::Plain,
        mark,
        ..Card::default()
    }
}

/// Martech ROI on total value for the period, with its parts, the margin-only ROI and payback.
fn roi(ctx: &Context<'_>, pnl: &Pnl, drilled: bool) -> Card {
    let roi = pnl.roi().value();
    let payback = match pnl.payback_months() {
        Some(months) => format!(
            "payback {} months",
            crate::metrics::format::fixed(months, 1)
        ),
        None => "no payback".to_owned(),
    };
    Card {
        title: "Martech ROI".to_owned(),
        value: format_with(Unit::Rate, roi, "", Style::FULL),
        detail: ecosystem_wide(
            drilled,
            vec![
                format!(
                    "value {} / cost {}",
                    money(ctx, Some(pnl.total_value().amount())),
                    money(ctx, Some(pnl.cost().amount()))
                ),
                format!(
                    "margin-only {}",
                    format_with(Unit::Rate, pnl.margin_roi().value(), "", Style::FULL)
                ),
                payback,
            ],
        ),
        tone: match roi {
            Some(v) if v < Decimal::ZERO => Tone::Bad,
            _ => Tone::Plain,
        },
        mark: None,
        ..Card::default()
    }
}

#[cfg(test)]
#[path = "overview_tests.rs"]
mod tests;
