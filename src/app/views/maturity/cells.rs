//! The cell texts of the two maturity matrices, as the source articles write them (seeds 000
//! and 002): what each stage of each dimension looks like, shown beside the selected dimension
//! so the room can read what "stage 2" means without the article.

use crate::model::Matrix;

/// A dimension of a matrix with the text of its three stages.
pub struct DimensionText {
    /// The matrix.
    pub matrix: Matrix,
    /// The dimension as the article names it.
    pub name: &'static str,
    /// What stage 1, 2 and 3 look like.
    pub stages: [&'static str; 3],
}

const fn dim(matrix: Matrix, name: &'static str, stages: [&'static str; 3]) -> DimensionText {
    DimensionText {
        matrix,
        name,
        stages,
    }
}

use Matrix::{Automotive as A, EcosystemMarketing as E};

/// Every dimension of both matrices, in the articles' order.
pub const DIMENSIONS: [DimensionText; 11] = [
    dim(
        A,
        "Scope of Measurement",
        [
            "Usage, licenses, and campaign metrics inside OEM.",
            "ROI by journey and audience within OEM teams.",
            "ROI across OEM, dealers, finance, and partners with shared KPIs.",
        ],
    ),
    dim(
        A,
        "Data Coverage",
        [
            "Marketing platform data only.",
            "Connected to CRM and some dealer systems.",
            "Unified data layer spanning OEM, dealers, DMS, and external media.",
        ],
    ),
    dim(
        A,
        "Attribution",
        [
            "Last-touch or channel-only.",
            "Multi-touch across campaigns.",
            "Multi-touch + ecosystem attribution, including dealer actions and field sales.",
        ],
    ),
    dim(
        A,
        "Dealer & Partner Role",
        [
            "Limited visibility or involvement.",
            "Dealers receive some shared reports.",
            "Co-created scorecards and shared accountability with dealers and partners.",
        ],
    ),
    dim(
        A,
        "Financial View",
        [
            "Tool cost vs. marketing metrics.",
            "Tool cost vs. pipeline and revenue.",
            "Full P&L view: martech cost, ecosystem revenue, margin, and productivity gains.",
        ],
    ),
    dim(
        A,
        "Governance",
        [
            "Owned by IT or vendor.",
            "MOPS and marketing co-lead.",
            "Joint governance across MOPS, RevOps, dealer councils, and finance.",
        ],
    ),
    dim(
        E,
        "Metrics Focus",
        [
            "Counts of partners, campaigns, events, and listings.",
            "Partner-sourced and influenced pipeline tracked.",
            "Full view of pipeline, bookings, NRR, and CLV from ecosystem motions.",
        ],
    ),
    dim(
        E,
        "Attribution",
        [
            "Anecdotal or manual.",
            "Basic tagging for sourced vs. influenced deals.",
            "Standardized, governed attribution across CRM, PRM, and CDP.",
        ],
    ),
    dim(
        E,
        "Partner Performance",
        [
            "Measured by activity volume.",
            "Measured by pipeline and deal count.",
            "Measured by revenue, profitability, influence, and retention impact.",
        ],
    ),
    dim(
        E,
        "Decision-Making",
        [
            "Based on relationships and anecdotes.",
            "Some prioritization guided by metrics.",
            "Investments guided by clear ecosystem ROI and benchmarks.",
        ],
    ),
    dim(
        E,
        "Alignment",
        [
            "Ecosystem metrics sit outside core dashboards.",
            "Some connection to marketing and sales metrics.",
            "Ecosystem KPIs embedded in executive scorecards and OKRs.",
        ],
    ),
];

/// A dimension name reduced to lowercase letters and digits, so `Dealer & Partner Role`,
/// `dealer and partner role` and `Dealer/Partner Role` are one dimension.
pub fn key(name: &str) -> String {
    name.to_lowercase()
        .replace(" and ", " ")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// The article's text for a dimension of a matrix, if it is one of the articles' dimensions.
pub fn find(matrix: Matrix, name: &str) -> Option<&'static DimensionText> {
    let wanted = key(name);
    DIMENSIONS
        .iter()
        .find(|d| d.matrix == matrix && key(d.name) == wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_whatever_the_spelling_of_and() {
        assert!(find(A, "Dealer & Partner Role").is_some());
        assert!(find(A, "dealer and partner role").is_some());
        assert!(find(E, "Decision Making").is_some());
        assert!(
            find(E, "Data Coverage").is_none(),
            "not a dimension of that matrix"
        );
        let six = DIMENSIONS.iter().filter(|d| d.matrix == A).count();
        assert_eq!((six, DIMENSIONS.len() - six), (6, 5));
    }
}
