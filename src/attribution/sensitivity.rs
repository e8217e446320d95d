//! How much the answer depends on the model: per row, the band from the smallest to the largest
//! credit across models, its rank under each model, and the rows it swaps places with.

use rust_decimal::Decimal;
use serde::Serialize;

use super::credit::Credits;
use super::models::Model;

/// Which column of the credits to compare.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Credited conversions.
    Conversions,
    /// Credited conversion value.
    #[default]
    Value,
}

impl Measure {
    fn of(self, credits: &Credits, row: usize) -> Decimal {
        match self {
            Measure::Conversions => credits.conversions.get(row).copied().unwrap_or_default(),
            Measure::Value => credits.value.get(row).map(|m| m.0).unwrap_or_default(),
        }
    }
}

/// One row's sensitivity to the choice of model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowSensitivity {
    /// Smallest credit across models.
    pub min: Decimal,
    /// The model giving the smallest credit (the first in [`Model::ALL`] order on a tie).
    pub min_model: Model,
    /// Largest credit across models.
    pub max: Decimal,
    /// The model giving the largest credit (the first in order on a tie).
    pub max_model: Model,
    /// Rank under each model compared, in the order given (1 = most credit; ties share a rank).
    pub ranks: Vec<usize>,
    /// Rows this row swaps places with: one model puts it strictly above, another strictly below.
    pub flips_with: Vec<usize>,
}

impl RowSensitivity {
    /// Whether the row's place in the ranking depends on the model (the screen's marker).
    pub fn flips(&self) -> bool {
        !self.flips_with.is_empty()
    }
}

/// Competition ranks (1, 2, 2, 4...) of the rows by `measure`, most credit first.
pub fn ranks(credits: &Credits, measure: Measure) -> Vec<usize> {
    let values: Vec<Decimal> = (0..credits.len()).map(|r| measure.of(credits, r)).collect();
    values
        .iter()
        .map(|v| 1 + values.iter().filter(|w| *w > v).count())
        .collect()
}

/// The sensitivity of every row across `runs` (model and its credits, all over the same rows).
/// Empty when `runs` is empty.
pub fn sensitivity(runs: &[(Model, &Credits)], measure: Measure) -> Vec<RowSensitivity> {
    let Some((first_model, first)) = runs.first() else {
        return Vec::new();
    };
    let rows = first.len();
    let ranked: Vec<Vec<usize>> = runs.iter().map(|(_, c)| ranks(c, measure)).collect();
    (0..rows)
        .map(|row| {
            let mut out = RowSensitivity {
                min: measure.of(first, row),
                min_model: *first_model,
                max: measure.of(first, row),
                max_model: *first_model,
                ranks: ranked.iter().map(|r| r[row]).collect(),
                flips_with: Vec::new(),
            };
            for (model, credits) in &runs[1..] {
                let v = measure.of(credits, row);
                if v < out.min {
                    (out.min, out.min_model) = (v, *model);
                }
                if v > out.max {
                    (out.max, out.max_model) = (v, *model);
                }
            }
            out.flips_with = (0..rows)
                .filter(|&other| other != row)
                .filter(|&other| {
                    let above =
                        |(_, c): &(Model, &Credits)| measure.of(c, row) > measure.of(c, other);
                    let below =
                        |(_, c): &(Model, &Credits)| measure.of(c, row) < measure.of(c, other);
                    runs.iter().any(above) && runs.iter().any(below)
                })
                .collect();
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Money;

    fn credits(values: &[i64]) -> Credits {
        Credits {
            conversions: values.iter().map(|&v| Decimal::from(v)).collect(),
            value: values.iter().map(|&v| Money::from(v)).collect(),
            total_conversions: Decimal::from(values.iter().sum::<i64>()),
            total_value: Money::from(values.iter().sum::<i64>()),
        }
    }

    #[test]
    fn bands_ranks_and_flips() {
        let first = credits(&[5, 3, 3]);
        let last = credits(&[2, 6, 3]);
        let rows = sensitivity(
            &[(Model::FirstTouch, &first), (Model::LastTouch, &last)],
            Measure::Value,
        );
        assert_eq!(
            (rows[0].min, rows[0].max),
            (Decimal::from(2), Decimal::from(5))
        );
        assert_eq!(
            (rows[0].min_model, rows[0].max_model),
            (Model::LastTouch, Model::FirstTouch)
        );
        assert_eq!(rows[0].ranks, [1, 3]);
        assert_eq!(rows[1].ranks, [2, 1]);
        assert_eq!(rows[2].ranks, [2, 2]);
        // Row 0 and row 1 swap places; row 2 ties with row 1 under first touch, so it is below
        // row 1 under last touch but never strictly above it: no flip for that pair. Row 0 is
        // above row 2 under first touch and below it under last touch: a flip.
        assert_eq!(rows[0].flips_with, [1, 2]);
        assert_eq!(rows[1].flips_with, [0]);
        assert_eq!(rows[2].flips_with, [0]);
        assert!(rows.iter().all(RowSensitivity::flips));
    }
}
