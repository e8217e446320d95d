//! How much a tool is used, and the rule that makes it a candidate to retire.

use rust_decimal::Decimal;

use super::ratio::Ratio;
use crate::model::Tool;

/// A tool's use in the period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Adoption {
    /// Active users over seats licensed.
    pub seats: Ratio,
    /// Dealers using the tool over dealers in the snapshot.
    pub dealers: Ratio,
}

impl Adoption {
    /// A tool's adoption among `dealer_count` dealers.
    pub fn of(tool: &Tool, dealer_count: usize) -> Adoption {
        Adoption {
            seats: Ratio::new(tool.active_users, tool.seats),
            dealers: Ratio::new(tool.dealers_adopted, dealer_count as u64),
        }
    }

    /// The adoption the retire rule reads: seat use when the tool has seats, else the share
    /// of dealers using it; `None` when neither is known.
    pub fn headline(&self) -> Option<Decimal> {
        self.seats.value().or_else(|| self.dealers.value())
    }
}

/// Dealers open at the end of the snapshot's period: the ones a tool's dealer adoption is out
/// of (a dealer that closed within a quarter still has its months' facts, but adopts nothing).
pub fn dealers_open_at_end(snapshot: &crate::model::Snapshot) -> usize {
    let end = snapshot.period.end;
    snapshot
        .dealers
        .iter()
        .filter(|d| d.closed_on.is_none_or(|day| day >= end))
        .count()
}

/// Adoption below this (50 %) is low.
pub const RETIRE_ADOPTION_BELOW: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

/// ROI below this (25 %, negative included) is low.
pub const RETIRE_ROI_BELOW: Decimal = Decimal::from_parts(25, 0, 0, false, 2);

/// The retire rule, as help and the P&L view state it.
pub const RETIRE_RULE: &str = "Retire candidate: costs money, adoption below 50 % (active users \
     / seats, or dealers adopted / dealers when the tool has no seats) and ROI on its total \
     value (its share of attributed margin, productivity value and cost-to-serve savings) below \
     25 % (negative included).";

/// Whether a tool is a candidate to retire: it costs something, its adoption is known and
/// below [`RETIRE_ADOPTION_BELOW`], and its ROI is below [`RETIRE_ROI_BELOW`]. A tool that
/// costs nothing has no ROI and is never a candidate.
pub fn is_retire_candidate(adoption: &Adoption, roi: &Ratio) -> bool {
    let low_adoption = adoption
        .headline()
        .is_some_and(|a| a < RETIRE_ADOPTION_BELOW);
    let low_roi =
        roi.denominator > Decimal::ZERO && roi.value().is_some_and(|r| r < RETIRE_ROI_BELOW);
    low_adoption && low_roi
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Tool, ToolCategory, ToolCost, ToolOwner};

    fn tool(seats: u64, active: u64, dealers: u64) -> Tool {
        Tool {
            id: "t".into(),
            name: "T".into(),
            category: ToolCategory::Analytics,
            owner: ToolOwner::Oem,
            annual_cost: ToolCost::default(),
            seats,
            active_users: active,
            dealers_adopted: dealers,
            value_drivers: Vec::new(),
        }
    }

    #[test]
    fn the_constants_read_as_documented() {
        assert_eq!(RETIRE_ADOPTION_BELOW.to_string(), "0.5");
        assert_eq!(RETIRE_ROI_BELOW.to_string(), "0.25");
    }

    #[test]
    fn low_adoption_and_low_roi_make_a_candidate() {
        let low = Adoption::of(&tool(100, 30, 0), 60);
        let high = Adoption::of(&tool(100, 80, 0), 60);
        let losing = Ratio::new(-50, 100);
        let earning = Ratio::new(300, 100);
        assert!(is_retire_candidate(&low, &losing));
        assert!(!is_retire_candidate(&low, &earning));
        assert!(!is_retire_candidate(&high, &losing));
        // No seats: dealer adoption decides (10 of 60 dealers).
        let seatless = Adoption::of(&tool(0, 0, 10), 60);
        assert!(is_retire_candidate(&seatless, &losing));
        // A free tool has no ROI and is never a candidate.
        assert!(!is_retire_candidate(&low, &Ratio::new(0, 0)));
    }
}
