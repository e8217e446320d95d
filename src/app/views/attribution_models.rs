//! The multi-touch models side by side, per channel or per actor: the value each model credits,
//! the band from the smallest to the largest credit across models, and the rank range with a
//! marker where the ranking flips between models.
//!
//! Values are shown at one scale per table (dollars, thousands or millions), re-apportioned by
//! the largest remainder method from the exact credits, so every column's parts add up to its
//! total as shown.

use rust_decimal::Decimal;

use crate::app::screen::{Align, Block, Cell, Column, Row, Screen, Table, TextBlock, Tone};
use crate::attribution::sensitivity::{Measure, RowSensitivity, sensitivity};
use crate::attribution::snapshot::ModelOutcome;
use crate::attribution::{Credits, Model, ModelError, ModelOptions, SnapshotAttribution};
use crate::metrics::{Style, Unit, format_with};

use super::Context;
use super::attribution::note_screen;
use super::attribution_money::MoneyText;

/// A row of the table: its id, its name and, per channel, its owner.
struct Subject {
    id: String,
    name: String,
    owner: Option<String>,
}

/// Builds the models table per channel, or per actor when `by_actor`.
pub fn build(ctx: &Context<'_>, by_actor: bool) -> Screen {
    let what = if by_actor { "actor" } else { "channel" };
    let dot = if ctx.ascii { " | " } else { " · " };
    let title = format!("Credit by {what}{dot}model in use: {}", ctx.model.label());
    let snapshot = ctx.card.snapshot();
    let attribution = match SnapshotAttribution::compute(snapshot, &ModelOptions::default()) {
        Ok(a) => a,
        Err(err) => {
            return note_screen(
                &title,
                &format!("The conversion paths cannot be credited: {err}"),
            );
        }
    };
    if attribution.totals.paths == 0 {
        return note_screen(
            &title,
            "This snapshot has no conversion paths, so there is no multi-touch credit to show.",
        );
    }
    let subjects = subjects(&attribution, by_actor);
    let credits: Vec<(Model, Option<&Credits>)> = attribution
        .outcomes
        .iter()
        .map(|o| (o.model, credits_of(o, by_actor)))
        .collect();
    let table = table(ctx, &title, &subjects, &credits, attribution.totals.value);
    let mut blocks = vec![Block::Table(table), Block::Text(notes(ctx, &attribution))];
    blocks.extend(super::common::commentary(
        snapshot,
        crate::model::ReviewView::Attribution,
    ));
    Screen { title, blocks }
}

fn credits_of(outcome: &ModelOutcome, by_actor: bool) -> Option<&Credits> {
    let credit = outcome.result.as_ref().ok()?;
    Some(if by_actor {
        &credit.by_actor
    } else {
        &credit.by_channel.credits
    })
}

fn subjects(a: &SnapshotAttribution, by_actor: bool) -> Vec<Subject> {
    if by_actor {
        a.actors
            .iter()
            .map(|r| Subject {
                id: r.id.as_ref().map_or("unowned", |id| id.as_str()).to_owned(),
                name: r.name.clone(),
                owner: None,
            })
            .collect()
    } else {
        a.channels
            .iter()
            .map(|c| Subject {
                id: c.id.clone(),
                name: c.name.clone(),
                owner: a.actors.get(c.actor_row).map(|r| r.name.clone()),
            })
            .collect()
    }
}

/// The values of one model as shown: re-apportioned at the table's scale.
fn shown(credits: &Credits, money: &MoneyText) -> (Vec<Decimal>, Decimal) {
    let parts: Vec<Decimal> = credits.value.iter().map(|m| m.0).collect();
    money.partition(credits.total_value.0, &parts)
}

fn table(
    ctx: &Context<'_>,
    title: &str,
    subjects: &[Subject],
    credits: &[(Model, Option<&Credits>)],
    total_value: Decimal,
) -> Table {
    let money = MoneyText::new(ctx, [total_value]);
    let ran: Vec<(Model, &Credits)> = credits
        .iter()
        .filter_map(|&(m, c)| c.map(|c| (m, c)))
        .collect();
    let bands = sensitivity(&ran, Measure::Value);
    let in_use = credits
        .iter()
        .find(|(m, _)| *m == ctx.model)
        .and_then(|(_, c)| *c);
    let with_owner = subjects.iter().any(|s| s.owner.is_some());
    let (arrow, dash, flip) = if ctx.ascii {
        (">", "-", " <>")
    } else {
        ("▸", "–", " ↕")
    };

    let mut columns = vec![Column::new(
        "name",
        if with_owner { "Channel" } else { "Actor" },
        "Name",
        Align::Left,
        0,
    )];
    if with_owner {
        // The owner drops first: at 160 columns every model should fit before it.
        columns.push(Column::new("owner", "Owner", "Owner", Align::Left, 20));
    }
    columns.push(Column::new(
        "conversions",
        "Conversions (model in use)",
        "Conv",
        Align::Right,
        2,
    ));
    for (i, (model, _)) in credits.iter().enumerate() {
        let selected = *model == ctx.model;
        let (long, short) = headers(*model);
        let mark = |text: &str| {
            if selected {
                format!("{arrow}{text}")
            } else {
                text.to_owned()
            }
        };
        let (title, short) = (mark(long), mark(short));
        let priority = if selected {
            0
        } else {
            4 + u8::try_from(i).unwrap_or(9)
        };
        columns.push(Column::new(
            model.name(),
            &title,
            &short,
            Align::Right,
            priority,
        ));
    }
    columns.push(Column::new(
        "band",
        "Band across models",
        "Band",
        Align::Right,
        1,
    ));
    columns.push(Column::new(
        "ranks",
        "Rank across models",
        "Rank",
        Align::Right,
        1,
    ));

    let values: Vec<Option<(Vec<Decimal>, Decimal)>> = credits
        .iter()
        .map(|(_, c)| c.map(|c| shown(c, &money)))
        .collect();
    let na = || Cell::num(crate::metrics::NOT_AVAILABLE, None);
    let mut rows: Vec<(Option<Decimal>, Row)> = subjects
        .iter()
        .enumerate()
        .map(|(i, subject)| {
            let mut cells = vec![Cell::text(&subject.name)];
            if with_owner {
                cells.push(Cell::text(subject.owner.as_deref().unwrap_or("(unowned)")));
            }
            cells.push(in_use.map_or_else(na, |c| {
                Cell::num(c.conversions[i].to_string(), Some(c.conversions[i]))
            }));
            for ((model, _), shown) in credits.iter().zip(&values) {
                cells.push(shown.as_ref().map_or_else(na, |(parts, _)| {
                    let cell = money.cell_of_shown(parts[i]);
                    if *model == ctx.model {
                        cell.tone(Tone::Strong)
                    } else {
                        cell
                    }
                }));
            }
            cells.extend(band_cells(
                ctx,
                bands.get(i),
                ran.iter().position(|(m, _)| *m == ctx.model),
                dash,
                flip,
            ));
            let key = in_use.map(|c| c.value[i].0);
            (key, Row::new(&subject.id, &subject.name, cells))
        })
        .collect();
    // Most credit under the model in use first; the builder's order breaks ties.
    rows.sort_by_key(|row| std::cmp::Reverse(row.0));

    let mut total = vec![Cell::text("Total").tone(Tone::Strong)];
    if with_owner {
        total.push(Cell::text(""));
    }
    total.push(
        in_use
            .map_or_else(na, |c| {
                Cell::num(c.total_conversions.to_string(), Some(c.total_conversions))
            })
            .tone(Tone::Strong),
    );
    for shown in &values {
        total.push(
            shown
                .as_ref()
                .map_or_else(na, |(_, t)| money.cell_of_shown(*t).tone(Tone::Strong)),
        );
    }
    total.extend([Cell::text(""), Cell::text("")]);
    let pinned = vec![Row::new("total", "Total", total)];
    Table::new(
        title,
        columns,
        pinned,
        rows.into_iter().map(|(_, r)| r).collect(),
    )
    .with_empty("no channels")
}

/// Column headers of a model: as wide as its money cells at most, and a short form.
fn headers(model: Model) -> (&'static str, &'static str) {
    match model {
        Model::FirstTouch => ("First", "1st"),
        Model::LastTouch => ("Last", "Last"),
        Model::Linear => ("Linear", "Lin"),
        Model::PositionBased => ("Position", "Pos"),
        Model::TimeDecay => ("Decay", "Dec"),
        Model::Markov1 => ("Markov 1", "M1"),
        Model::Markov2 => ("Markov 2", "M2"),
        Model::Markov3 => ("Markov 3", "M3"),
    }
}

/// "$120K–$310K" and "1–3 ↕" (rank under the model in use, and whether the ranking flips).
fn band_cells(
    ctx: &Context<'_>,
    band: Option<&RowSensitivity>,
    in_use: Option<usize>,
    dash: &str,
    flip: &str,
) -> [Cell; 2] {
    let Some(band) = band else {
        return [Cell::text(""), Cell::text("")];
    };
    let currency = &ctx.card.snapshot().ecosystem.currency;
    let compact = |d: Decimal| {
        format_with(
            Unit::Money,
            Some(d),
            currency,
            Style {
                compact: true,
                ascii: ctx.ascii,
            },
        )
    };
    let spread = band.max - band.min;
    let band_text = if spread.is_zero() {
        compact(band.max)
    } else {
        format!("{}{dash}{}", compact(band.min), compact(band.max))
    };
    let (lo, hi) = band
        .ranks
        .iter()
        .fold((usize::MAX, 0), |(lo, hi), &r| (lo.min(r), hi.max(r)));
    let mut ranks = if lo == hi {
        lo.to_string()
    } else {
        format!("{lo}{dash}{hi}")
    };
    if band.flips() {
        ranks.push_str(flip);
    }
    let rank_in_use = in_use
        .and_then(|m| band.ranks.get(m))
        .map(|&r| Decimal::from(r));
    [
        Cell::num(band_text, Some(spread)),
        Cell::num(ranks, rank_in_use).tone(if band.flips() {
            Tone::Strong
        } else {
            Tone::Plain
        }),
    ]
}

fn reason(err: &ModelError) -> String {
    match err {
        ModelError::MissingDays { origin } => format!(
            "needs the days before conversion of every touch; attribution.paths[{origin}] has none"
        ),
        other => other.to_string(),
    }
}

/// The model in use and its definition, the models that could not run, and how to read the
/// table.
fn notes(ctx: &Context<'_>, a: &SnapshotAttribution) -> TextBlock {
    let mut paragraphs = vec![ctx.model.definition().to_owned()];
    for outcome in &a.outcomes {
        if let Err(err) = &outcome.result {
            paragraphs.push(format!("{}: n/a, {}.", outcome.model.label(), reason(err)));
        }
    }
    let flip = if ctx.ascii { "<>" } else { "↕" };
    paragraphs.push(format!(
        "Band: smallest to largest value credited across models; rank: best to worst place \
         across models, {flip} where the order of rows changes between models. Paths are \
         ecosystem-wide (they carry no dealer), so this view is the same at every drill level."
    ));
    TextBlock {
        title: format!("Model in use: {} (m: next model)", ctx.model.label()),
        paragraphs,
    }
}
