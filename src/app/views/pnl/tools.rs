//! The P&L by tool: cost, value (its share of attributed margin, productivity value and
//! cost-to-serve savings), ROI on that value, payback, adoption and the retire mark, with a
//! total row that is the sum of the rows shown, and each tool's detail.

use rust_decimal::Decimal;

use crate::app::screen::{Align, Bar, Cell, Column, Detail, Row, SortKey, Table, Tone};
use crate::compare::{RowMatch, summarize};
use crate::metrics::adoption::{RETIRE_ADOPTION_BELOW, RETIRE_ROI_BELOW, RETIRE_RULE};
use crate::metrics::{Adoption, Direction, Pnl, Ratio, ToolPnl, Unit};
use crate::model::Money;

use super::super::Context;
use super::super::common::{
    Measure, add_match_column, comparing, figure_columns, matched_name, matched_search,
    name_column, pair_rows, recomputed_figure, sides,
};
use super::super::figures::{
    blank, blanks, count, dot, money, money_cell, rate, rate_cell, roi_cell, with_change,
};
use super::{driver_label, optimize, payback};

/// The id of the row carrying the margin of drivers no tool serves.
pub const UNALLOCATED: &str = "unallocated";

/// The rule in a few words, for the table's title.
pub fn retire_rule_short() -> String {
    format!(
        "retire = adoption < {} and ROI on value < {}",
        rate(Ratio::new(RETIRE_ADOPTION_BELOW, Decimal::ONE)),
        rate(Ratio::new(RETIRE_ROI_BELOW, Decimal::ONE)),
    )
}

fn columns(ctx: &Context<'_>, pnl: &Pnl) -> Vec<Column> {
    let num = |key: &str, title: &str, short: &str, priority| {
        Column::new(key, title, short, Align::Right, priority)
    };
    let per = if pnl.period_months == 3 {
        "quarter"
    } else {
        "month"
    };
    let mut columns = vec![name_column("Tool")];
    columns.extend(figure_columns(
        ctx,
        "cost",
        &format!("Cost / {per}"),
        "Cost",
        1,
    ));
    columns.extend(figure_columns(ctx, "value", "Value", "Value", 2));
    columns.extend(figure_columns(ctx, "roi", "ROI", "ROI", 1));
    columns.push(retire_column());
    columns.push(num("payback", "Payback", "Payback", 3));
    columns.extend(figure_columns(ctx, "seats", "Seats used", "Seats", 4));
    columns.extend(figure_columns(
        ctx,
        "dealers",
        "Dealers adopted",
        "Dealers",
        5,
    ));
    columns.push(num("annual", "Annual cost", "Annual", 6));
    columns.push(num("per_user", "Cost / active user", "$/user", 4));
    columns.push(Column::new(
        "overlap",
        "Overlaps with",
        "Overlap",
        Align::Left,
        5,
    ));
    columns
}

/// A tool's cost: lower is better.
fn cost_measure() -> Measure {
    Measure::new(Unit::Money, Direction::LowerIsBetter)
}

/// Value: higher is better.
fn value_measure() -> Measure {
    Measure::new(Unit::Money, Direction::HigherIsBetter)
}

/// ROI (written as a rate, as the metrics module does) and adoption: higher is better,
/// changes in percentage points.
fn rate_measure() -> Measure {
    Measure::new(Unit::Rate, Direction::HigherIsBetter)
}

/// The retire column: `s` on it lists the candidates first.
fn retire_column() -> Column {
    let mut column = Column::new("retire", "Retire?", "Retire", Align::Left, 1);
    column.first_sort_descending = Some(true);
    column
}

fn payback_cell(months: Option<Decimal>) -> Cell {
    Cell::num(payback(months), months)
}

fn retire_cell(tool: &ToolPnl) -> Cell {
    let (text, tone, key) = if tool.retire_candidate() {
        ("retire", Tone::Bad, Decimal::ONE)
    } else {
        ("", Tone::Plain, Decimal::ZERO)
    };
    Cell {
        text: text.to_owned(),
        sort: SortKey::Num(key),
        tone,
        mark: None,
        unit: None,
    }
}

/// A tool's row: its figures this period (as without a compared period), and when comparing
/// the compared value and change of cost, margin, ROI and adoption. Retire, payback and annual
/// cost are this period's (blank for a tool only the compared period has).
fn cells(
    ctx: &Context<'_>,
    pnl: &Pnl,
    m: &RowMatch<&ToolPnl, &ToolPnl>,
    now: Option<&ToolPnl>,
    then: Option<&ToolPnl>,
) -> Vec<Cell> {
    let mut cells = vec![matched_name(m)];
    cells.extend(with_change(
        ctx,
        now.map(|t| money_cell(ctx, t.cost)),
        &cost_measure(),
        now.map(|t| t.cost.amount()),
        then.map(|t| t.cost.amount()),
    ));
    cells.extend(with_change(
        ctx,
        now.map(|t| money_cell(ctx, t.value())),
        &value_measure(),
        now.map(|t| t.value().amount()),
        then.map(|t| t.value().amount()),
    ));
    cells.extend(with_change(
        ctx,
        now.map(|t| roi_cell(t.roi())),
        &rate_measure(),
        now.and_then(|t| t.roi().value()),
        then.and_then(|t| t.roi().value()),
    ));
    cells.push(now.map_or_else(blank, retire_cell));
    cells.push(now.map_or_else(blank, |t| payback_cell(t.payback_months(pnl.period_months))));
    cells.extend(with_change(
        ctx,
        now.map(|t| rate_cell(t.adoption.seats)),
        &rate_measure(),
        now.and_then(|t| t.adoption.seats.value()),
        then.and_then(|t| t.adoption.seats.value()),
    ));
    cells.extend(with_change(
        ctx,
        now.map(|t| rate_cell(t.adoption.dealers)),
        &rate_measure(),
        now.and_then(|t| t.adoption.dealers.value()),
        then.and_then(|t| t.adoption.dealers.value()),
    ));
    cells.push(now.map_or_else(blank, |t| money_cell(ctx, t.annual_cost)));
    let snapshot = ctx.card.snapshot();
    match now {
        Some(t) => {
            let all = optimize::of(snapshot);
            cells.push(optimize::cost_per_user_cell(
                ctx,
                optimize::cost_per_user(snapshot, t),
            ));
            cells.push(optimize::overlap_cell(
                pnl,
                optimize::for_tool(snapshot, &all, t),
            ));
        }
        None => cells.extend(optimize::blank_cells()),
    }
    cells
}

/// The row of value no tool can claim (drivers no tool serves), so the value column adds up
/// to the P&L's total value; `None` when there is none.
fn unallocated(ctx: &Context<'_>, pnl: &Pnl, was: Option<&Pnl>) -> Option<Row> {
    let then = was.map(|w| w.unallocated_value);
    if pnl.unallocated_value == Money::ZERO && then.is_none_or(|m| m == Money::ZERO) {
        return None;
    }
    let name = "Drivers no tool serves";
    let mut cells = vec![Cell::text(name).tone(Tone::Muted)];
    cells.extend(blanks(ctx));
    cells.extend(with_change(
        ctx,
        Some(money_cell(ctx, pnl.unallocated_value)),
        &value_measure(),
        Some(pnl.unallocated_value.amount()),
        then.map(Money::amount),
    ));
    cells.extend(blanks(ctx));
    cells.extend([blank(), blank()]);
    cells.extend(blanks(ctx));
    cells.extend(blanks(ctx));
    cells.push(blank());
    cells.extend(optimize::blank_cells());
    Some(Row::new(UNALLOCATED, name, cells))
}

/// The sum of the tool rows (and the unallocated margin row): money added, ROI, payback and
/// seat use from the summed parts. Dealer adoption does not add across tools and is left blank.
fn total(ctx: &Context<'_>, pnl: &Pnl, was: Option<&Pnl>) -> Vec<Cell> {
    let sum = summed(pnl);
    let then = was.map(summed);
    let then = then.as_ref();
    let candidates = pnl.retire_candidates().count();
    let mut cells = vec![Cell::text("All tools")];
    cells.extend(with_change(
        ctx,
        Some(money_cell(ctx, sum.cost)),
        &cost_measure(),
        Some(sum.cost.amount()),
        then.map(|t| t.cost.amount()),
    ));
    cells.extend(with_change(
        ctx,
        Some(money_cell(ctx, sum.value())),
        &value_measure(),
        Some(sum.value().amount()),
        then.map(|t| t.value().amount()),
    ));
    cells.extend(with_change(
        ctx,
        Some(roi_cell(sum.roi())),
        &rate_measure(),
        sum.roi().value(),
        then.and_then(|t| t.roi().value()),
    ));
    cells.push(Cell::text(format!("{candidates} of {}", pnl.tools.len())));
    cells.push(payback_cell(sum.payback_months(pnl.period_months)));
    cells.extend(with_change(
        ctx,
        Some(rate_cell(sum.adoption.seats)),
        &rate_measure(),
        sum.adoption.seats.value(),
        then.and_then(|t| t.adoption.seats.value()),
    ));
    cells.extend(blanks(ctx));
    cells.push(money_cell(ctx, sum.annual_cost));
    cells.extend(optimize::total_cells(ctx, ctx.card.snapshot(), pnl));
    for cell in &mut cells {
        if cell.tone == Tone::Plain {
            cell.tone = Tone::Strong;
        }
    }
    cells
}

/// The tools of a P&L (and its unallocated value) added up: money summed, ROI, payback and
/// seat use from the summed parts. Dealer adoption does not add across tools.
fn summed(pnl: &Pnl) -> ToolPnl {
    let mut sum = ToolPnl {
        id: "total".into(),
        name: "All tools".to_owned(),
        annual_cost: Money::ZERO,
        cost: Money::ZERO,
        attributed_margin: Money::ZERO,
        other_value: pnl.unallocated_value,
        cost_by_driver: Vec::new(),
        adoption: Adoption {
            seats: Ratio::default(),
            dealers: Ratio::default(),
        },
    };
    for tool in &pnl.tools {
        sum.annual_cost += tool.annual_cost;
        sum.cost += tool.cost;
        sum.attributed_margin += tool.attributed_margin;
        sum.other_value += tool.other_value;
        sum.adoption.seats += tool.adoption.seats;
    }
    sum
}

/// The tools table: one row per tool in stack order, the unallocated value if any, the total
/// pinned on top. When comparing (`was` = the compared period's P&L), tools are matched by id
/// (one only a period has is listed as added or removed) and cost, margin, ROI and adoption
/// get their compared value and change; the total is the sum of the rows shown in each period.
pub fn table(ctx: &Context<'_>, pnl: &Pnl, was: Option<&Pnl>) -> Table {
    let matched = pair_rows(ctx, pnl.tools.iter().collect(), |_| {
        was.map(|w| w.tools.iter().collect()).unwrap_or_default()
    });
    let mut rows: Vec<Row> = matched
        .iter()
        .map(|m| {
            let (now, then) = sides(m);
            let mut row = Row::new(m.key(), m.name(), cells(ctx, pnl, m, now, then));
            row.search = matched_search(m).to_lowercase();
            row
        })
        .collect();
    let mut pinned = if rows.is_empty() && unallocated(ctx, pnl, was).is_none() {
        Vec::new()
    } else {
        vec![Row::new("total", "All tools", total(ctx, pnl, was))]
    };
    let mut columns = columns(ctx, pnl);
    add_match_column(ctx, &matched, &mut columns, &mut pinned, &mut rows);
    if let Some(mut row) = unallocated(ctx, pnl, was) {
        if columns.len() > row.cells.len() {
            // The Match column: nothing to say about this row.
            row.cells.insert(1, Cell::text(""));
        }
        rows.push(row);
    }
    let title = format!(
        "{}{}{}",
        optimize::tools_title(ctx),
        dot(ctx),
        retire_rule_short()
    );
    let mut table = Table::new(&title, columns, pinned, rows)
        .with_empty("this snapshot has no martech stack")
        .summing()
        .recomputing(|key| {
            // Ratios of the summed parts; money and the count of candidates add up.
            recomputed_figure(key, |figure| {
                matches!(figure, "roi" | "payback" | "seats" | "dealers" | "per_user")
            })
        });
    if comparing(ctx) {
        table = table.with_matched(summarize(&matched));
    }
    table
}

/// Why a tool is or is not a retire candidate, in numbers.
fn verdict(tool: &ToolPnl) -> String {
    let adoption = tool
        .adoption
        .headline()
        .map(|a| rate(Ratio::new(a, Decimal::ONE)));
    let adoption = adoption.unwrap_or_else(|| "unknown".to_owned());
    let roi = format!(
        "{} on its value (margin only {})",
        rate(tool.roi()),
        rate(tool.margin_roi())
    );
    if tool.retire_candidate() {
        format!("Retire candidate: adoption {adoption} and ROI {roi}.")
    } else if tool.cost == Money::ZERO {
        "Not a retire candidate: it costs nothing this period.".to_owned()
    } else {
        format!("Not a retire candidate: adoption {adoption}, ROI {roi}.")
    }
}

/// The selected tool: its cost split over the drivers it serves as bars, its annual cost by
/// kind, its adoption in counts and the retire verdict.
pub fn detail(ctx: &Context<'_>, pnl: &Pnl, tool: &ToolPnl) -> Detail {
    let snapshot = ctx.card.snapshot();
    let bars = tool
        .cost_by_driver
        .iter()
        .map(|&(driver, share)| {
            let line = pnl.drivers.iter().find(|d| d.driver == driver);
            Bar {
                label: driver_label(driver).to_owned(),
                value: share.amount(),
                text: money(ctx, share, true),
                note: line.map_or_else(String::new, |d| format!("driver ROI {}", rate(d.roi()))),
            }
        })
        .collect();
    // The verdict first: it is what the room asks about, and the first lines are kept when
    // room runs short.
    let all = optimize::of(snapshot);
    let mut lines = vec![
        verdict(tool),
        optimize::overlap_line(
            snapshot,
            pnl,
            tool,
            optimize::for_tool(snapshot, &all, tool),
        ),
    ];
    lines.push(format!(
        "Value {}: attributed margin {}, productivity and cost-to-serve savings {}.",
        money(ctx, tool.value(), true),
        money(ctx, tool.attributed_margin, true),
        money(ctx, tool.other_value, true),
    ));
    if let Some(t) = snapshot.stack.iter().find(|t| t.id == tool.id) {
        let c = &t.annual_cost;
        lines.push(format!(
            "Annual {}: licences {}, services {}, integration {}.",
            money(ctx, c.total(), true),
            money(ctx, c.licences, true),
            money(ctx, c.services, true),
            money(ctx, c.integration, true),
        ));
        lines.push(format!(
            "Adoption: {} of {} seats active ({}); {} of {} dealers ({}).",
            count(t.active_users),
            count(t.seats),
            rate(tool.adoption.seats),
            count(t.dealers_adopted),
            count(crate::metrics::adoption::dealers_open_at_end(snapshot) as u64),
            rate(tool.adoption.dealers),
        ));
    }
    if tool.cost_by_driver.is_empty() {
        lines.push("Serves no value driver: its cost is in no driver's line.".to_owned());
    }
    lines.push(RETIRE_RULE.to_owned());
    Detail {
        row: tool.id.as_str().to_owned(),
        title: match optimize::scope_note(ctx) {
            None => format!("{}: cost this period by value driver", tool.name),
            Some(_) => format!(
                "{} (ecosystem): cost this period by value driver",
                tool.name
            ),
        },
        bars,
        lines,
    }
}
