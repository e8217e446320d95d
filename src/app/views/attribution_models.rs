//! The multi-touch models side by side, per channel or per actor: the value each model credits,
//! the band from the smallest to the largest credit across models, and the rank range with a
//! marker where the ranking flips between models.
//!
//! Values are shown at one scale per table (dollars, thousands or millions), re-apportioned by
//! the largest remainder method from the exact credits, so every column's parts add up to its
//! total as shown.

use rust_decimal::Decimal;

use crate::app::screen::{Align, Block, Cell, Column, Row, Screen, Table, TextBlock, Tone};
use crate::attribution::sensitivity::{Measure, sensitivity};
use crate::attribution::snapshot::ModelOutcome;
use crate::attribution::{Credits, Model, ModelError, SnapshotAttribution};
use crate::compare::{Keyed, RowMatch, summarize};
use crate::metrics::{Direction, Unit};

use super::Context;
use super::attribution::note_screen;
use super::attribution_bands::band_cells;
use super::attribution_money::MoneyText;
use super::common::{
    Measure as Figure, add_match_column, comparing, figure_columns, matched_name, matched_search,
    pair_with, recomputed_figure, sides,
};
use super::figures::with_change;

/// A row of the table: its id, its name and, per channel, its owner.
struct Subject {
    id: String,
    name: String,
    owner: Option<String>,
}

impl Keyed for Subject {
    fn key(&self) -> &str {
        &self.id
    }
    fn name(&self) -> &str {
        &self.name
    }
}

/// The compared period's rows and the model in use's credit then (`None` when that model
/// could not run on the compared period's paths).
struct Before<'a> {
    subjects: Vec<Subject>,
    credits: Option<&'a Credits>,
}

/// Builds the models table per channel, or per actor when `by_actor`.
pub fn build(ctx: &Context<'_>, by_actor: bool) -> Screen {
    let what = if by_actor { "actor" } else { "channel" };
    let dot = if ctx.ascii { " | " } else { " · " };
    let title = format!("Credit by {what}{dot}model in use: {}", ctx.model.label());
    let snapshot = ctx.card.snapshot();
    let attribution = match SnapshotAttribution::compute(snapshot, &ctx.options) {
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
    let subjects = subjects_of(&attribution, by_actor);
    let credits: Vec<(Model, Option<&Credits>)> = attribution
        .outcomes
        .iter()
        .map(|o| (o.model, credits_of(o, by_actor)))
        .collect();
    // The compared period's credit, for the model in use only: the change is read there.
    let compared = ctx
        .compared
        .and_then(|c| SnapshotAttribution::compute(c.snapshot(), &ctx.options).ok())
        .filter(|a| a.totals.paths > 0);
    let before = compared.as_ref().map(|a| Before {
        subjects: subjects_of(a, by_actor),
        credits: a.outcome(ctx.model).and_then(|o| credits_of(o, by_actor)),
    });
    let table = table(
        ctx,
        &title,
        &subjects,
        &credits,
        before.as_ref(),
        attribution.totals.value,
    );
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

fn subjects_of(a: &SnapshotAttribution, by_actor: bool) -> Vec<Subject> {
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
    before: Option<&Before<'_>>,
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
        let (long, short) = headers(*model);
        if *model == ctx.model {
            // The model in use, marked, with its compared value and change when comparing.
            let mut figure = figure_columns(ctx, model.name(), long, short, 0);
            if let Some(value) = figure.first_mut() {
                value.title = format!("{arrow}{long}");
                value.short = format!("{arrow}{short}");
            }
            columns.extend(figure);
        } else {
            let priority = 4 + u8::try_from(i).unwrap_or(9);
            columns.push(Column::new(
                model.name(),
                long,
                short,
                Align::Right,
                priority,
            ));
        }
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
    let more = Figure::new(Unit::Money, Direction::HigherIsBetter);
    let na = || Cell::num(crate::metrics::NOT_AVAILABLE, None);
    let compared_value = |then: &Subject| -> Option<Decimal> {
        let b = before?;
        let j = b.subjects.iter().position(|s| std::ptr::eq(s, then))?;
        Some(b.credits?.value.get(j)?.0)
    };
    // A row credited in one period only is listed as added or removed.
    let matched = pair_with(
        ctx,
        subjects.iter().collect(),
        before.map(|b| b.subjects.iter().collect()),
    );
    let mut rows: Vec<(Option<Decimal>, Row, RowMatch<&Subject, &Subject>)> = matched
        .into_iter()
        .map(|m| {
            let (now, then) = sides(&m);
            let at = now.and_then(|s| subjects.iter().position(|x| std::ptr::eq(x, s)));
            let was = then.filter(|_| before.is_some()).and_then(compared_value);
            let mut cells = vec![matched_name(&m)];
            if with_owner {
                let owner = now.or(then).and_then(|s| s.owner.as_deref());
                cells.push(Cell::text(owner.unwrap_or("(unowned)")));
            }
            cells.push(match (at, in_use) {
                (Some(i), Some(c)) => {
                    Cell::num(c.conversions[i].to_string(), Some(c.conversions[i]))
                }
                _ => na(),
            });
            for ((model, _), shown) in credits.iter().zip(&values) {
                let cell = at.and_then(|i| {
                    shown
                        .as_ref()
                        .map(|(parts, _)| money.cell_of_shown(parts[i]))
                });
                if *model == ctx.model {
                    let exact = at.and_then(|i| in_use.map(|c| c.value[i].0));
                    let cell = Some(cell.unwrap_or_else(na).tone(Tone::Strong));
                    cells.extend(with_change(ctx, cell, &more, exact, was));
                } else {
                    cells.push(cell.unwrap_or_else(na));
                }
            }
            match at {
                Some(i) => {
                    // The credits of the models that ran, as their columns show them.
                    let row: Vec<Decimal> = values
                        .iter()
                        .filter_map(|v| v.as_ref().map(|(parts, _)| parts[i]))
                        .collect();
                    cells.extend(band_cells(
                        &money,
                        &row,
                        bands.get(i),
                        ran.iter().position(|(m, _)| *m == ctx.model),
                        (dash, flip),
                    ));
                }
                None => cells.extend([Cell::text(""), Cell::text("")]),
            }
            let key = at.and_then(|i| in_use.map(|c| c.value[i].0));
            let mut row = Row::new(m.key(), m.name(), cells);
            row.search = matched_search(&m).to_lowercase();
            (key, row, m)
        })
        .collect();
    // Most credit under the model in use first (a row of the compared period only last); the
    // builder's order breaks ties.
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
    for ((model, _), shown) in credits.iter().zip(&values) {
        let cell = shown
            .as_ref()
            .map_or_else(na, |(_, t)| money.cell_of_shown(*t).tone(Tone::Strong));
        if *model == ctx.model {
            let was = before.and_then(|b| b.credits).map(|c| c.total_value.0);
            let exact = in_use.map(|c| c.total_value.0);
            total.extend(with_change(ctx, Some(cell), &more, exact, was));
        } else {
            total.push(cell);
        }
    }
    total.extend([Cell::text(""), Cell::text("")]);
    let mut pinned = vec![Row::new("total", "Total", total)];
    let (matched, mut rows): (Vec<_>, Vec<_>) = rows.into_iter().map(|(_, r, m)| (m, r)).unzip();
    add_match_column(ctx, &matched, &mut columns, &mut pinned, &mut rows);
    // Credits add up; a relative change of the total is the total's own.
    let mut table = Table::new(title, columns, pinned, rows)
        .with_empty("no channels")
        .recomputing(|key| recomputed_figure(key, |_| false));
    if comparing(ctx) {
        table = table.with_matched(summarize(&matched));
    }
    table
}

/// Column headers of a model: as wide as its money cells at most, and a short form.
pub(super) fn headers(model: Model) -> (&'static str, &'static str) {
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
