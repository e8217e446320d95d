//! Rules across the fields of one row.

use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::datatypes::{Date32Type, Int64Type, TimestampSecondType};

use super::rows::Fields;
use super::text::TextColumn;
use super::values::Value;
use crate::tables::Table;

/// Seconds in a day: a UTC time's day is its seconds divided by this, rounded down.
pub(super) const SECONDS_PER_DAY: i64 = 86_400;

/// Rules across the fields of one row, with the columns they read found once per file.
pub(super) enum Rules {
    None,
    /// A score from 0 to 100.
    Score {
        score: usize,
    },
    /// A lead is answered after it is created.
    Answered {
        created: usize,
        answered: usize,
    },
    /// A won opportunity says when its lead was created, not after the win.
    Won {
        event: usize,
        occurred: usize,
        lead: usize,
    },
    /// Stages and steps count from 1.
    FromOne {
        column: usize,
        name: &'static str,
    },
}

impl Rules {
    pub(super) fn of(table: &Table) -> Rules {
        let at = |name: &str| table.columns.iter().position(|c| c.name == name);
        let found = match table.name {
            "csat_responses" => at("score").map(|score| Rules::Score { score }),
            "crm_leads" => at("created_at")
                .zip(at("first_response_at"))
                .map(|(created, answered)| Rules::Answered { created, answered }),
            "crm_opportunity_history" => at("event")
                .zip(at("occurred_at"))
                .zip(at("lead_created_on"))
                .map(|((event, occurred), lead)| Rules::Won {
                    event,
                    occurred,
                    lead,
                }),
            "journey_stages" | "journey_enrollments" | "touchpoints" => table
                .columns
                .iter()
                .position(|c| matches!(c.name, "position" | "furthest_stage" | "step"))
                .map(|column| Rules::FromOne {
                    column,
                    name: table.columns[column].name,
                }),
            _ => None,
        };
        found.unwrap_or(Rules::None)
    }

    /// The columns of a rule that compares two fields of a row: only the rows' values tell
    /// whether it holds, never a column's least and greatest values.
    pub(super) fn row_columns(&self) -> Vec<usize> {
        match *self {
            Rules::Answered { created, answered } => vec![created, answered],
            Rules::Won {
                event,
                occurred,
                lead,
            } => vec![event, occurred, lead],
            Rules::None | Rules::Score { .. } | Rules::FromOne { .. } => Vec::new(),
        }
    }

    /// Whether `column`'s least and greatest values in each row group (`mins`, `maxes`, as
    /// Parquet's statistics give them) prove that these rules keep every row of it: a rule on
    /// that column alone bounds its values. `false` for a column a row rule reads.
    pub(super) fn kept_within(&self, column: usize, mins: &ArrayRef, maxes: &ArrayRef) -> bool {
        let all = |array: &ArrayRef, bound: fn(i64) -> bool| {
            array.as_primitive_opt::<Int64Type>().is_some_and(|values| {
                values.null_count() == 0 && values.values().iter().all(|&v| bound(v))
            })
        };
        match *self {
            Rules::Score { score } if score == column => all(maxes, |max| max <= 100),
            // The values are counts (0 or more): 1 or more from the least.
            Rules::FromOne {
                column: from_one, ..
            } if from_one == column => all(mins, |min| min >= 1),
            _ => !self.row_columns().contains(&column),
        }
    }

    /// Whether these rules read only columns in `proven` (see [`Rules::kept_within`]): no row
    /// needs them checked again.
    pub(super) fn all_read_in(&self, proven: &[bool]) -> bool {
        let read: Vec<usize> = match *self {
            Rules::None => Vec::new(),
            Rules::Score { score } => vec![score],
            Rules::FromOne { column, .. } => vec![column],
            _ => self.row_columns(),
        };
        read.iter()
            .all(|&i| proven.get(i).copied().unwrap_or(false))
    }

    pub(super) fn check(
        &self,
        record: &impl Fields,
        values: &[Value],
    ) -> Result<(), (&'static str, String)> {
        match *self {
            Rules::None => {}
            Rules::Score { score } => {
                if let Value::Count(score) = values[score]
                    && score > 100
                {
                    return Err(("score", format!("found {score}, expected 0 to 100")));
                }
            }
            Rules::Answered { created, answered } => {
                if let (Value::Stamp(created), Value::Stamp(answered)) =
                    (values[created], values[answered])
                    && answered < created
                {
                    return Err((
                        "first_response_at",
                        format!("{answered} is before the lead was created ({created})"),
                    ));
                }
            }
            Rules::Won {
                event,
                occurred,
                lead,
            } => {
                if record.text(event) == "won" {
                    match (values[occurred], values[lead]) {
                        (_, Value::Empty) => {
                            return Err((
                                "lead_created_on",
                                "empty, a won opportunity needs it".to_owned(),
                            ));
                        }
                        (Value::Stamp(t), Value::Date(d)) if d > t.date() => {
                            return Err((
                                "lead_created_on",
                                format!("{d} is after the opportunity was won ({t})"),
                            ));
                        }
                        _ => {}
                    }
                }
            }
            Rules::FromOne { column, name } => {
                if values[column] == Value::Count(0) {
                    return Err((name, "found 0, expected 1 or more".to_owned()));
                }
            }
        }
        Ok(())
    }

    /// Clears `ok` for each row of `columns` (typed as the catalogue says) that these rules
    /// might refuse, as [`Rules::check`] reads its values.
    pub(super) fn certainly_kept(&self, columns: &[ArrayRef], ok: &mut [bool]) {
        match *self {
            Rules::None => {}
            Rules::Score { score } => {
                let Some(scores) = columns[score].as_primitive_opt::<Int64Type>() else {
                    return ok.fill(false);
                };
                for (row, ok) in ok.iter_mut().enumerate() {
                    *ok &= scores.is_null(row) || scores.value(row) <= 100;
                }
            }
            Rules::Answered { created, answered } => {
                let (Some(created), Some(answered)) = (
                    columns[created].as_primitive_opt::<TimestampSecondType>(),
                    columns[answered].as_primitive_opt::<TimestampSecondType>(),
                ) else {
                    return ok.fill(false);
                };
                for (row, ok) in ok.iter_mut().enumerate() {
                    *ok &= created.is_null(row)
                        || answered.is_null(row)
                        || answered.value(row) >= created.value(row);
                }
            }
            Rules::Won {
                event,
                occurred,
                lead,
            } => {
                let (Some(event), Some(occurred), Some(lead)) = (
                    TextColumn::of(&columns[event]),
                    columns[occurred].as_primitive_opt::<TimestampSecondType>(),
                    columns[lead].as_primitive_opt::<Date32Type>(),
                ) else {
                    return ok.fill(false);
                };
                for (row, ok) in ok.iter_mut().enumerate() {
                    if event.value(row) == Some("won") {
                        *ok &= lead.is_valid(row)
                            && (occurred.is_null(row)
                                || i64::from(lead.value(row))
                                    <= occurred.value(row).div_euclid(SECONDS_PER_DAY));
                    }
                }
            }
            Rules::FromOne { column, .. } => {
                let Some(values) = columns[column].as_primitive_opt::<Int64Type>() else {
                    return ok.fill(false);
                };
                for (row, ok) in ok.iter_mut().enumerate() {
                    *ok &= values.is_null(row) || values.value(row) != 0;
                }
            }
        }
    }
}
