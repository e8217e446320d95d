//! The roles ledger as a table: per actor sourced, influenced and attached pipeline and
//! revenue, under the booked total and the unattributed rest; when comparing, actors matched by
//! id across the periods, with the compared value and the change of the figures that matter in
//! a review (sourced revenue, share of booked revenue, influenced revenue).

use rust_decimal::Decimal;

use crate::app::screen::{Align, Cell, Column, Row, Table, Tone};
use crate::attribution::ledger::{Ledger, ledger_at};
use crate::compare::summarize;
use crate::metrics::format::fixed;
use crate::metrics::{Direction, Ratio, Unit};
use crate::model::{ActorKind, Money};

use super::Context;
use super::attribution::Shown;
use super::attribution_money::MoneyText;
use super::common::{
    Measure, add_match_column, comparing, figure_columns, matched_name, matched_search, pair_with,
    sides,
};
use super::figures::{blanks, with_change};

/// The kind of actor, in a word.
fn kind(kind: Option<ActorKind>) -> &'static str {
    match kind {
        Some(ActorKind::Oem) => "OEM",
        Some(ActorKind::Dealer) => "Dealer",
        Some(ActorKind::FinancePartner) => "Finance",
        Some(ActorKind::OtherPartner) => "Partner",
        None => "not listed",
    }
}

/// A share of the booked revenue as shown, "n/a" when nothing was booked.
fn share(shares: Option<&Vec<Decimal>>, row: usize) -> Cell {
    match shares.and_then(|s| s.get(row)) {
        Some(&p) => Cell::num(format!("{} %", fixed(p, 1)), Some(p)).unit("percent"),
        None => Cell::num(crate::metrics::NOT_AVAILABLE, None),
    }
}

/// The compared period's ledger at the drill level, when comparing and the level exists then
/// (a level the compared period lacks has no ledger there, not a ledger of zeros).
pub(super) fn compared_ledger(ctx: &Context<'_>) -> Option<Ledger> {
    let card = ctx.compared?;
    card.node(ctx.level)?;
    ledger_at(card.snapshot(), ctx.level).ok()
}

/// A figure that has no change to show (the booked total is 100 % of itself): its cell, then
/// blanks under the compared value and the changes.
fn alone(ctx: &Context<'_>, cell: Cell) -> Vec<Cell> {
    let mut cells = vec![cell];
    cells.extend(blanks(ctx).into_iter().skip(1));
    cells
}

/// An actor's (or the rest's) sourced revenue as a fraction of the booked revenue.
fn share_of_booked(revenue: Money, booked: &Ledger) -> Option<Decimal> {
    Ratio::new(revenue.0, booked.booked.revenue.0).value()
}

/// The ledger of the drill level as a table: booked and unattributed pinned above the actors,
/// sourced amounts as shown (adding up to the booked total as shown); `before` is the compared
/// period's ledger at the same level, when there is one.
pub(super) fn ledger_table(
    ctx: &Context<'_>,
    title: &str,
    l: &Ledger,
    before: Option<&Ledger>,
    shown: &Shown,
    money: &MoneyText,
) -> Table {
    let num = |key: &str, title: &str, short: &str, priority: u8| {
        Column::new(key, title, short, Align::Right, priority)
    };
    let mut columns = vec![
        Column::new("name", "Actor", "Actor", Align::Left, 0),
        Column::new("kind", "Kind", "Kind", Align::Left, 6),
        num("sourced_pipeline", "Sourced pipeline", "Src pipe", 2),
    ];
    columns.extend(figure_columns(
        ctx,
        "sourced_revenue",
        "Sourced revenue",
        "Src rev",
        0,
    ));
    columns.extend(figure_columns(
        ctx,
        "sourced_share",
        "Sourced share of booked revenue",
        "Share",
        1,
    ));
    columns.push(num(
        "influenced_pipeline",
        "Influenced pipeline",
        "Infl pipe",
        5,
    ));
    columns.extend(figure_columns(
        ctx,
        "influenced_revenue",
        "Influenced revenue",
        "Infl rev",
        3,
    ));
    columns.push(num("attached_revenue", "Attached revenue", "Att rev", 4));
    columns.push(num("attached_pipeline", "Attached pipeline", "Att pipe", 7));

    let more = Measure::new(Unit::Money, Direction::HigherIsBetter);
    let less = Measure::new(Unit::Money, Direction::LowerIsBetter);
    let more_share = Measure::new(Unit::Rate, Direction::HigherIsBetter);
    let less_share = Measure::new(Unit::Rate, Direction::LowerIsBetter);
    let blank = || Cell::text("").tone(Tone::Muted);
    let na = || Cell::num(crate::metrics::NOT_AVAILABLE, None);
    let n = l.actors.len();

    let booked = {
        let hundred = if l.booked.revenue.0.is_zero() {
            share(None, 0)
        } else {
            Cell::num("100.0 %", Some(Decimal::ONE_HUNDRED)).unit("percent")
        };
        let mut cells = vec![
            Cell::text("Booked (finance)"),
            blank(),
            money.cell_of_shown(shown.booked_pipeline),
        ];
        cells.extend(with_change(
            ctx,
            Some(money.cell_of_shown(shown.booked_revenue)),
            &more,
            Some(l.booked.revenue.0),
            before.map(|b| b.booked.revenue.0),
        ));
        cells.extend(alone(ctx, hundred));
        cells.push(blank());
        cells.extend(blanks(ctx));
        cells.extend([blank(), blank()]);
        Row::new("booked", "Booked (finance)", strong(cells, Tone::Strong))
    };
    let unattributed = {
        let mut cells = vec![
            Cell::text("Unattributed"),
            blank(),
            money.cell_of_shown(shown.pipeline.get(n).copied().unwrap_or_default()),
        ];
        cells.extend(with_change(
            ctx,
            Some(money.cell_of_shown(shown.revenue.get(n).copied().unwrap_or_default())),
            &less,
            Some(l.unattributed.revenue.0),
            before.map(|b| b.unattributed.revenue.0),
        ));
        cells.extend(with_change(
            ctx,
            Some(share(shown.shares.as_ref(), n)),
            &less_share,
            share_of_booked(l.unattributed.revenue, l),
            before.and_then(|b| share_of_booked(b.unattributed.revenue, b)),
        ));
        cells.push(blank());
        cells.extend(blanks(ctx));
        cells.extend([blank(), blank()]);
        let tone = if l.is_over_attributed() {
            Tone::Bad
        } else {
            Tone::Strong
        };
        Row::new("unattributed", "Unattributed", strong(cells, tone))
    };

    // An actor with credit in one period only is listed as added or removed; at a level the
    // compared period lacks, every actor is new.
    let matched = pair_with(
        ctx,
        l.actors.iter().collect(),
        before.map(|b| b.actors.iter().collect()),
    );
    let mut rows: Vec<Row> = matched
        .iter()
        .map(|m| {
            let (now, then) = sides(m);
            let at = now.and_then(|a| l.actors.iter().position(|x| std::ptr::eq(x, a)));
            let then = then.filter(|_| before.is_some());
            let kind_of = now.or(then).and_then(|a| a.kind);
            let listed = if kind_of.is_some() {
                Tone::Plain
            } else {
                Tone::Bad
            };
            let mut cells = vec![
                matched_name(m),
                Cell::text(kind(kind_of)).tone(listed),
                at.map_or_else(na, |i| money.cell_of_shown(shown.pipeline[i])),
            ];
            cells.extend(with_change(
                ctx,
                at.map(|i| money.cell_of_shown(shown.revenue[i])),
                &more,
                now.map(|a| a.sourced.revenue.0),
                then.map(|a| a.sourced.revenue.0),
            ));
            cells.extend(with_change(
                ctx,
                at.map(|i| share(shown.shares.as_ref(), i)),
                &more_share,
                now.and_then(|a| share_of_booked(a.sourced.revenue, l)),
                then.zip(before)
                    .and_then(|(a, b)| share_of_booked(a.sourced.revenue, b)),
            ));
            cells.push(now.map_or_else(na, |a| money.cell(a.influenced.pipeline.0)));
            cells.extend(with_change(
                ctx,
                now.map(|a| money.cell(a.influenced.revenue.0)),
                &more,
                now.map(|a| a.influenced.revenue.0),
                then.map(|a| a.influenced.revenue.0),
            ));
            cells.push(now.map_or_else(na, |a| money.cell(a.attached.revenue.0)));
            cells.push(now.map_or_else(na, |a| money.cell(a.attached.pipeline.0)));
            let mut row = Row::new(m.key(), m.name(), cells);
            row.search = matched_search(m).to_lowercase();
            row
        })
        .collect();
    let mut pinned = vec![booked, unattributed];
    add_match_column(ctx, &matched, &mut columns, &mut pinned, &mut rows);
    let mut table = Table::new(title, columns, pinned, rows)
        .with_empty("no actor takes credit in this snapshot");
    if comparing(ctx) {
        table = table.with_matched(summarize(&matched));
    }
    table
}

/// The figures of a total row, toned (the row's name in the strong tone whatever `tone`).
fn strong(mut cells: Vec<Cell>, tone: Tone) -> Vec<Cell> {
    for (i, cell) in cells.iter_mut().enumerate() {
        if i == 0 {
            cell.tone = Tone::Strong;
        } else if !cell.text.is_empty() && matches!(cell.tone, Tone::Plain) {
            cell.tone = tone;
        }
    }
    cells
}
