//! The review file: what people write rather than systems (the ecosystem's names, targets,
//! commentary and the maturity assessment), read from `review.toml` beside the raw exports.

use std::path::Path;

use ebr::load::Position;
use ebr::model::{
    Commentary, Ecosystem, Matrix, MaturityAssessment, MetricTarget, PeriodId, ReviewView,
};
use serde::Deserialize;

/// The name of the review file in the raw folder.
pub const FILE_NAME: &str = "review.toml";

/// The whole review file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// Whose scorecard this is, and the month its fiscal year starts in.
    pub ecosystem: ReviewEcosystem,
    /// Targets and flat thresholds, for every period.
    #[serde(default)]
    pub targets: Vec<MetricTarget>,
    /// Notes per period and view.
    #[serde(default)]
    pub commentary: Vec<PeriodNote>,
    /// Maturity assessments per period.
    #[serde(default)]
    pub maturity: Vec<PeriodAssessment>,
}

/// The `[ecosystem]` table.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewEcosystem {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The brand.
    pub oem: String,
    /// ISO 4217 code of every amount.
    pub currency: String,
    /// Month the fiscal year starts in (1-12).
    #[serde(default)]
    pub fiscal_year_start_month: Option<u8>,
}

/// One `[[commentary]]` entry.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodNote {
    /// The period the note belongs to.
    pub period: PeriodId,
    /// The view.
    pub view: ReviewView,
    /// The note.
    pub text: String,
}

/// One `[[maturity]]` entry: a snapshot's `MaturityAssessment` with its period. Written out
/// rather than `#[serde(flatten)]`ed, because flatten turns off `deny_unknown_fields`, and a
/// misspelt field in a file people write by hand must be an error, not silently dropped.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodAssessment {
    /// The period assessed.
    pub period: PeriodId,
    /// The matrix.
    pub matrix: Matrix,
    /// Dimension name.
    pub dimension: String,
    /// Current stage, 1-3.
    pub current: u8,
    /// Target stage, 1-3.
    pub target: u8,
    /// Why the current stage was given.
    #[serde(default)]
    pub evidence: String,
    /// Who owns moving it.
    #[serde(default)]
    pub owner: String,
}

/// Why the review file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    /// It could not be read.
    #[error("{path}: {message}")]
    Read { path: String, message: String },
    /// It is not valid: the message carries line and column.
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
}

impl Review {
    /// Reads and parses the review file at `path`.
    pub fn load(path: &Path) -> Result<Review, ReviewError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ReviewError::Read {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        toml::from_str(&text).map_err(|e| {
            let at = Position::of_offset(&text, e.span().map_or(0, |span| span.start));
            ReviewError::Invalid {
                path: shown,
                line: at.line,
                column: at.column,
                message: e.message().to_owned(),
            }
        })
    }

    /// The ecosystem as a snapshot names it.
    pub fn ecosystem(&self) -> Ecosystem {
        Ecosystem {
            id: self.ecosystem.id.clone(),
            name: self.ecosystem.name.clone(),
            oem: self.ecosystem.oem.clone(),
            currency: self.ecosystem.currency.clone(),
        }
    }

    /// The notes of `period`, in file order.
    pub fn commentary(&self, period: PeriodId) -> Vec<Commentary> {
        self.commentary
            .iter()
            .filter(|n| n.period == period)
            .map(|n| Commentary {
                view: n.view,
                text: n.text.clone(),
            })
            .collect()
    }

    /// The maturity assessments of `period`, in file order.
    pub fn maturity(&self, period: PeriodId) -> Vec<MaturityAssessment> {
        self.maturity
            .iter()
            .filter(|m| m.period == period)
            .map(|m| MaturityAssessment {
                matrix: m.matrix,
                dimension: m.dimension.clone(),
                current: m.current,
                target: m.target,
                evidence: m.evidence.clone(),
                owner: m.owner.clone(),
            })
            .collect()
    }
}
