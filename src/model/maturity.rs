//! Where the ecosystem stands on the two maturity matrices of the seeds.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Which matrix a dimension belongs to.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Matrix {
    /// Automotive martech ROI: Tool-Centric, Journey-Centric, Ecosystem-Centric.
    Automotive,
    /// Ecosystem marketing measurement: Activity-Only, Pipeline-Aware, Revenue-Accountable.
    EcosystemMarketing,
}

impl Matrix {
    /// Stage names, stage 1 first.
    pub fn stage_names(self) -> [&'static str; 3] {
        match self {
            Matrix::Automotive => ["Tool-Centric", "Journey-Centric", "Ecosystem-Centric"],
            Matrix::EcosystemMarketing => {
                ["Activity-Only", "Pipeline-Aware", "Revenue-Accountable"]
            }
        }
    }
}

/// One dimension's assessment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MaturityAssessment {
    /// The matrix.
    pub matrix: Matrix,
    /// Dimension name, e.g. `Data Coverage`.
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
