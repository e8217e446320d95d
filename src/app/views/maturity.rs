//! Maturity: where the ecosystem stands on both matrices of the source articles and where it is
//! heading. Both matrices are stacked in one grid (six automotive dimensions, then five of
//! ecosystem marketing), one row per dimension and a column per stage holding the stage's name,
//! marked `●` current, `○` target, `◉` target reached (ASCII `*`, `o`, `@`; the grid's title
//! says so in words). With a compared period loaded a column says how each dimension moved
//! since then (`▲ up 1`, `= same`) and the current stage carries the same mark. The selected
//! row shows its evidence and owner and the article's text for its current and target stage.

mod cells;

use std::cmp::Ordering;

use crate::app::screen::{Align, Block, Cell, Column, Detail, Details, Row, Screen, Table};
use crate::app::screen::{Mark, Tone};
use crate::model::{Matrix, MaturityAssessment, ReviewView, Snapshot};

use super::Context;
use super::common::{commentary, name_column};
use super::figures::dot;

/// Both matrices, in the order they are listed.
const MATRICES: [Matrix; 2] = [Matrix::Automotive, Matrix::EcosystemMarketing];

/// The matrix's name as the article titles it.
pub fn matrix_title(matrix: Matrix) -> &'static str {
    match matrix {
        Matrix::Automotive => "Automotive martech ROI",
        Matrix::EcosystemMarketing => "Ecosystem marketing",
    }
}

fn matrix_short(matrix: Matrix) -> &'static str {
    match matrix {
        Matrix::Automotive => "Automotive",
        Matrix::EcosystemMarketing => "Ecosystem",
    }
}

/// One line of the grid: a dimension of a matrix, assessed or not.
struct Line<'a> {
    matrix: Matrix,
    name: &'a str,
    assessed: Option<&'a MaturityAssessment>,
}

/// Every dimension of the articles (assessed or not), then any other the snapshot assesses,
/// matrix by matrix.
fn lines(snapshot: &Snapshot) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    for matrix in MATRICES {
        let of = |a: &&MaturityAssessment| a.matrix == matrix;
        for d in cells::DIMENSIONS.iter().filter(|d| d.matrix == matrix) {
            let assessed = snapshot
                .maturity
                .iter()
                .filter(of)
                .find(|a| cells::key(&a.dimension) == cells::key(d.name));
            out.push(Line {
                matrix,
                name: assessed.map_or(d.name, |a| a.dimension.as_str()),
                assessed,
            });
        }
        for a in snapshot.maturity.iter().filter(of) {
            if cells::find(matrix, &a.dimension).is_none() {
                out.push(Line {
                    matrix,
                    name: &a.dimension,
                    assessed: Some(a),
                });
            }
        }
    }
    out
}

fn row_id(matrix: Matrix, name: &str) -> String {
    let prefix = match matrix {
        Matrix::Automotive => "automotive",
        Matrix::EcosystemMarketing => "ecosystem",
    };
    format!("{prefix}:{}", cells::key(name))
}

/// Builds the Maturity screen.
pub fn build(ctx: &Context<'_>) -> Screen {
    let snapshot = ctx.card.snapshot();
    let title = super::figures::scope(ctx, "Maturity matrices");
    let since = ctx
        .compared
        .map(|c| format!("Since {}", c.snapshot().period.id.label()));
    let lines = lines(snapshot);
    let rows: Vec<Row> = lines
        .iter()
        .map(|line| {
            let id = row_id(line.matrix, line.name);
            Row::new(id, line.name, cells(ctx, line, since.is_some()))
        })
        .collect();
    let grid_title = format!("{title}{}{}", dot(ctx), legend(ctx.ascii));
    let table = Table::new(&grid_title, columns(since.as_deref()), Vec::new(), rows)
        .with_empty("this snapshot has no maturity assessment");
    let mut blocks = vec![
        Block::Table(table),
        Block::Detail(Details {
            items: lines.iter().map(|l| detail(ctx, l)).collect(),
            empty: "Select a dimension to see its evidence.".to_owned(),
        }),
    ];
    blocks.extend(commentary(snapshot, ReviewView::Maturity));
    Screen { title, blocks }
}

/// The marks of the grid: current, target, current stage is the target.
fn marks(ascii: bool) -> [&'static str; 3] {
    if ascii {
        ["*", "o", "@"]
    } else {
        ["●", "○", "◉"]
    }
}

/// What the marks mean, in the grid's title.
pub fn legend(ascii: bool) -> String {
    let [current, target, reached] = marks(ascii);
    format!("{current} current  {target} target  {reached} target reached")
}

fn columns(since: Option<&str>) -> Vec<Column> {
    let stage = |n: u8| {
        let title = format!("Stage {n}");
        Column::new(&format!("stage{n}"), &title, &title, Align::Left, 0)
    };
    let mut columns = vec![name_column("Dimension"), stage(1), stage(2), stage(3)];
    if let Some(since) = since {
        columns.push(Column::new("since", since, "Since", Align::Left, 1));
    }
    columns.push(Column::new("gap", "To target", "Gap", Align::Left, 2));
    columns.push(Column::new(
        "indicated",
        "Data indicates",
        "Data",
        Align::Left,
        1,
    ));
    columns.push(Column::new("matrix", "Matrix", "Matrix", Align::Left, 4));
    columns.push(Column::new("owner", "Owner", "Owner", Align::Left, 3));
    columns
}

/// The stage cell: the stage's name, marked `●` current, `○` target or `◉` both; unmarked
/// stages are muted so the marks stand out while the row still reads as the article's matrix.
fn stage_cell(ascii: bool, matrix: Matrix, stage: u8, a: Option<&MaturityAssessment>) -> Cell {
    let [current, target, reached] = marks(ascii);
    let name = matrix.stage_names()[usize::from(stage - 1)];
    let (is_current, is_target) =
        a.map_or((false, false), |a| (a.current == stage, a.target == stage));
    match (is_current, is_target) {
        (true, true) => Cell::text(format!("{reached} {name}")).tone(Tone::Good),
        (true, false) => Cell::text(format!("{current} {name}")).tone(Tone::Strong),
        (false, true) => Cell::text(format!("{target} {name}")),
        (false, false) => Cell::text(format!("  {name}")).tone(Tone::Muted),
    }
}

fn cells(ctx: &Context<'_>, line: &Line<'_>, comparing: bool) -> Vec<Cell> {
    let mut cells = vec![Cell::text(line.name)];
    cells.extend((1..=3).map(|stage| stage_cell(ctx.ascii, line.matrix, stage, line.assessed)));
    let matrix = Cell::text(matrix_short(line.matrix)).tone(Tone::Muted);
    let Some(a) = line.assessed else {
        if comparing {
            cells.push(Cell::text(""));
        }
        cells.push(Cell::text("not assessed").tone(Tone::Muted));
        cells.push(indicated_cell(ctx, line));
        cells.push(matrix);
        cells.push(Cell::text(""));
        return cells;
    };
    if comparing {
        let (moved, mark) = movement(ctx, line.matrix, a);
        if let Some(current) = cells.get_mut(usize::from(a.current.clamp(1, 3))) {
            current.mark = mark;
        }
        cells.push(moved);
    }
    let gap = match a.target.cmp(&a.current) {
        Ordering::Greater => {
            let n = a.target - a.current;
            format!("{n} stage{} to go", if n == 1 { "" } else { "s" })
        }
        Ordering::Equal => "reached".to_owned(),
        Ordering::Less => "beyond target".to_owned(),
    };
    cells.push(Cell::text(gap));
    cells.push(indicated_cell(ctx, line));
    cells.push(matrix);
    cells.push(Cell::text(&a.owner));
    cells
}

/// The stage the snapshot's own data indicates, "≠" and toned when it disagrees with the
/// declared one; blank for a dimension the data cannot speak to.
fn indicated_cell(ctx: &Context<'_>, line: &Line<'_>) -> Cell {
    let snapshot = ctx.card.snapshot();
    let Some(found) = crate::metrics::maturity::indicated(snapshot, line.matrix, line.name) else {
        return Cell::text("");
    };
    let name = line.matrix.stage_names()[usize::from(found.stage.clamp(1, 3) - 1)];
    match line.assessed.map(|a| a.current) {
        Some(declared) if declared != found.stage => {
            let differs = if ctx.ascii { "!=" } else { "≠" };
            Cell::text(format!("{} {name} {differs} declared", found.stage)).tone(Tone::Warn)
        }
        Some(_) => Cell::text(format!("{} {name} = declared", found.stage)),
        None => Cell::text(format!("{} {name}", found.stage)),
    }
}

/// The dimension's stage in the compared period.
fn before(ctx: &Context<'_>, matrix: Matrix, name: &str) -> Option<u8> {
    let compared = ctx.compared?.snapshot();
    compared
        .maturity
        .iter()
        .find(|a| a.matrix == matrix && cells::key(&a.dimension) == cells::key(name))
        .map(|a| a.current)
}

/// "▲ up 1", "▼ down 1", "= same" against the compared period, and the mark for the current
/// stage's cell; "new" when it was not assessed then. Up is good: the marks say better or
/// worse, not only the colour.
fn movement(ctx: &Context<'_>, matrix: Matrix, a: &MaturityAssessment) -> (Cell, Option<Mark>) {
    let (up, down) = if ctx.ascii {
        ("+", "-")
    } else {
        ("▲", "▼")
    };
    match before(ctx, matrix, &a.dimension) {
        None => (Cell::text("new").tone(Tone::Muted), None),
        Some(was) => match a.current.cmp(&was) {
            Ordering::Greater => (
                Cell::text(format!("{up} up {}", a.current - was)).tone(Tone::Good),
                Some(Mark::Better),
            ),
            Ordering::Less => (
                Cell::text(format!("{down} down {}", was - a.current)).tone(Tone::Bad),
                Some(Mark::Worse),
            ),
            Ordering::Equal => (Cell::text("= same"), None),
        },
    }
}

/// The evidence first (what the room asks about), then the article's text for the current and
/// target stage and, when it moved, the stage it came from; the owner in the title.
fn detail(ctx: &Context<'_>, line: &Line<'_>) -> Detail {
    let names = line.matrix.stage_names();
    let text = cells::find(line.matrix, line.name);
    let stage = |n: u8| {
        let i = usize::from(n.clamp(1, 3) - 1);
        match text {
            Some(t) => format!("{n} {}: {}", names[i], t.stages[i]),
            None => format!("{n} {}", names[i]),
        }
    };
    let or_none = |s: &str| {
        if s.is_empty() {
            "none given".to_owned()
        } else {
            s.to_owned()
        }
    };
    let mut title = format!("{} ({})", line.name, matrix_title(line.matrix));
    let mut lines = Vec::new();
    match line.assessed {
        None => lines.push("Not assessed in this snapshot.".to_owned()),
        Some(a) => {
            title.push_str(&format!("{}owner: {}", dot(ctx), or_none(&a.owner)));
            let [current, target, reached] = marks(ctx.ascii);
            lines.push(format!("Evidence: {}", or_none(&a.evidence)));
            if a.target == a.current {
                lines.push(format!("{reached} Now, the target: {}", stage(a.current)));
            } else {
                lines.push(format!("{current} Now: {}", stage(a.current)));
                lines.push(format!("{target} Target: {}", stage(a.target)));
            }
            if let Some(was) = before(ctx, line.matrix, &a.dimension).filter(|&w| w != a.current) {
                lines.push(format!("Before: {}", stage(was)));
            }
            let snapshot = ctx.card.snapshot();
            if let Some(found) =
                crate::metrics::maturity::indicated(snapshot, line.matrix, line.name)
            {
                let verdict = if found.stage == a.current {
                    "as declared".to_owned()
                } else {
                    format!("not the declared {}", a.current)
                };
                let name = names[usize::from(found.stage.clamp(1, 3) - 1)];
                lines.insert(
                    1,
                    format!(
                        "Data indicates stage {} {name}, {verdict}: {}.",
                        found.stage, found.reason
                    ),
                );
            }
        }
    }
    Detail {
        row: row_id(line.matrix, line.name),
        title,
        bars: Vec::new(),
        lines,
    }
}

#[cfg(test)]
mod tests;
