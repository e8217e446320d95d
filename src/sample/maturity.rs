//! Where the sample ecosystem stands on both maturity matrices, month by month. Two dimensions
//! move a stage during the sample: Data Coverage when the CRM and DMS feeds land, and ecosystem
//! Attribution when sourced/influenced tagging goes live in the PRM.

use crate::model::{Matrix, MaturityAssessment};

use super::timeline::{Month, rollout_start};

/// When a dimension moves up a stage, as a month index of a sample of `total` months.
#[derive(Clone, Copy)]
enum Move {
    Never,
    /// Two months after the CRM rollout starts (May 2026 in the bundled sample).
    AfterRollout,
    /// Ten thirteenths into the sample (August 2026 in the bundled sample).
    Late,
}

impl Move {
    fn at(self, total: usize) -> Option<usize> {
        match self {
            Move::Never => None,
            Move::AfterRollout => Some(rollout_start(total) + 2),
            Move::Late => Some(total * 10 / 13),
        }
        // A move in the first month would have no "before" to compare with.
        .filter(|&at| at > 0)
    }
}

struct Dimension {
    matrix: Matrix,
    name: &'static str,
    stage: u8,
    target: u8,
    moves: Move,
    evidence: &'static str,
    /// Evidence once the dimension has moved up.
    evidence_after: &'static str,
    owner: &'static str,
}

const DIMENSIONS: [Dimension; 11] = [
    Dimension {
        matrix: Matrix::Automotive,
        name: "Scope of Measurement",
        stage: 2,
        target: 3,
        moves: Move::Never,
        evidence: "ROI reported per journey (EV launch, service retention, fleet) inside OEM marketing; dealer outcomes not yet in the same scorecard.",
        evidence_after: "",
        owner: "Dana Whitaker, VP Marketing Operations",
    },
    Dimension {
        matrix: Matrix::Automotive,
        name: "Data Coverage",
        stage: 1,
        target: 3,
        moves: Move::AfterRollout,
        evidence: "Marketing platform data only; dealer CRM and DMS data arrive as monthly spreadsheets.",
        evidence_after: "Pinnacle CRM and DMS Connect feed leads, sales and repair orders daily for most dealers; external media still separate.",
        owner: "Raj Patel, Director Data Platforms",
    },
    Dimension {
        matrix: Matrix::Automotive,
        name: "Attribution",
        stage: 1,
        target: 2,
        moves: Move::Never,
        evidence: "Last-touch credit inside the ad platforms; showroom and finance touchpoints not captured.",
        evidence_after: "",
        owner: "Marcus Lee, Marketing Analytics Lead",
    },
    Dimension {
        matrix: Matrix::Automotive,
        name: "Dealer & Partner Role",
        stage: 2,
        target: 3,
        moves: Move::Never,
        evidence: "Dealer groups receive the monthly scorecard; targets are still set by the OEM alone.",
        evidence_after: "",
        owner: "Elena Rossi, Dealer Council liaison",
    },
    Dimension {
        matrix: Matrix::Automotive,
        name: "Financial View",
        stage: 2,
        target: 3,
        moves: Move::Never,
        evidence: "Tool cost compared with pipeline and revenue; margin and productivity gains estimated once a quarter.",
        evidence_after: "",
        owner: "Tom Becker, Finance Business Partner",
    },
    Dimension {
        matrix: Matrix::Automotive,
        name: "Governance",
        stage: 2,
        target: 3,
        moves: Move::Never,
        evidence: "MOPS and marketing co-lead the review; the dealer council attends quarterly, finance is not yet a standing member.",
        evidence_after: "",
        owner: "Dana Whitaker, VP Marketing Operations",
    },
    Dimension {
        matrix: Matrix::EcosystemMarketing,
        name: "Metrics Focus",
        stage: 2,
        target: 3,
        moves: Move::Never,
        evidence: "Partner-sourced and influenced pipeline tracked monthly; bookings and lifetime value not yet by motion.",
        evidence_after: "",
        owner: "Priya Nair, Director RevOps",
    },
    Dimension {
        matrix: Matrix::EcosystemMarketing,
        name: "Attribution",
        stage: 1,
        target: 3,
        moves: Move::Late,
        evidence: "Partner credit claimed by hand in quarterly reviews.",
        evidence_after: "Sourced vs influenced tagging live in PartnerLink PRM and the CRM; not yet governed across the CDP.",
        owner: "Priya Nair, Director RevOps",
    },
    Dimension {
        matrix: Matrix::EcosystemMarketing,
        name: "Partner Performance",
        stage: 2,
        target: 3,
        moves: Move::Never,
        evidence: "Finance and marketplace partners measured by pipeline and deal count, not yet by margin.",
        evidence_after: "",
        owner: "Luis Ortega, Partner Marketing Manager",
    },
    Dimension {
        matrix: Matrix::EcosystemMarketing,
        name: "Decision-Making",
        stage: 1,
        target: 2,
        moves: Move::Never,
        evidence: "Co-op and partner budgets set from relationships and last year's spend.",
        evidence_after: "",
        owner: "Tom Becker, Finance Business Partner",
    },
    Dimension {
        matrix: Matrix::EcosystemMarketing,
        name: "Alignment",
        stage: 2,
        target: 3,
        moves: Move::Never,
        evidence: "Ecosystem KPIs shown beside the executive scorecard, not inside it.",
        evidence_after: "",
        owner: "Dana Whitaker, VP Marketing Operations",
    },
];

/// The assessments in month `m`.
pub fn maturity(m: &Month) -> Vec<MaturityAssessment> {
    DIMENSIONS
        .iter()
        .map(|d| {
            let moved = d.moves.at(m.total).is_some_and(|at| m.t >= at);
            MaturityAssessment {
                matrix: d.matrix,
                dimension: d.name.to_owned(),
                current: if moved { d.stage + 1 } else { d.stage },
                target: d.target,
                evidence: if moved { d.evidence_after } else { d.evidence }.to_owned(),
                owner: d.owner.to_owned(),
            }
        })
        .collect()
}

/// The dimensions that moved up a stage in month `m`, for the commentary.
pub fn moved_in(m: &Month) -> Vec<(&'static str, Matrix, u8)> {
    DIMENSIONS
        .iter()
        .filter(|d| d.moves.at(m.total) == Some(m.t))
        .map(|d| (d.name, d.matrix, d.stage + 1))
        .collect()
}
