//! Status against a target: on track, at risk or off track, by symbol and word as well as
//! colour.

use rust_decimal::Decimal;

use crate::metrics::{Direction, Metric};

/// How a value stands against its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TargetStatus {
    /// At or beyond the target.
    OnTrack,
    /// Short of it, but within [`AT_RISK_BAND`] of it.
    AtRisk,
    /// Further off.
    OffTrack,
}

/// How far short of a target (as a fraction of the target's size) still counts as at risk:
/// 5 %.
pub const AT_RISK_BAND: Decimal = Decimal::from_parts(5, 0, 0, false, 2);

/// The rule, as help states it.
pub const TARGET_RULE: &str = "On track: at or beyond target. At risk: short by at most 5 % of \
     the target. Off track: further off. Metrics with no better side: on track within 5 %, at \
     risk within 10 %.";

/// A value's status against a target. Higher-is-better metrics are on track at or above the
/// target, at risk down to 5 % below it; lower-is-better ones mirror that; neutral metrics are
/// on track within 5 % either side and at risk within 10 %. `None` when either is missing.
pub fn target_status(
    metric: Metric,
    value: Option<Decimal>,
    target: Option<Decimal>,
) -> Option<TargetStatus> {
    status_for(metric.direction(), value, target)
}

/// [`target_status`] for a figure outside the metric catalogue that moves in `direction`.
pub fn status_for(
    direction: Direction,
    value: Option<Decimal>,
    target: Option<Decimal>,
) -> Option<TargetStatus> {
    let (value, target) = (value?, target?);
    let band = AT_RISK_BAND * target.abs();
    // Saturating: a value and a target of opposite signs near Decimal's limits differ by more
    // than it holds, and a difference that far is off (or on) track whatever its exact size.
    let short_by = match direction {
        Direction::HigherIsBetter => target.saturating_sub(value),
        Direction::LowerIsBetter => value.saturating_sub(target),
        Direction::Neutral => {
            let off = value.saturating_sub(target).abs();
            return Some(if off <= band {
                TargetStatus::OnTrack
            } else if off <= band.saturating_add(band) {
                TargetStatus::AtRisk
            } else {
                TargetStatus::OffTrack
            });
        }
    };
    Some(if short_by <= Decimal::ZERO {
        TargetStatus::OnTrack
    } else if short_by <= band {
        TargetStatus::AtRisk
    } else {
        TargetStatus::OffTrack
    })
}

impl TargetStatus {
    /// The status as words.
    pub fn word(self) -> &'static str {
        match self {
            TargetStatus::OnTrack => "on track",
            TargetStatus::AtRisk => "at risk",
            TargetStatus::OffTrack => "off track",
        }
    }

    /// A symbol that reads without colour: ✓ ! ✗ (ASCII: v ! x).
    pub fn symbol(self, ascii: bool) -> &'static str {
        match (self, ascii) {
            (TargetStatus::OnTrack, false) => "✓",
            (TargetStatus::OnTrack, true) => "v",
            (TargetStatus::AtRisk, _) => "!",
            (TargetStatus::OffTrack, false) => "✗",
            (TargetStatus::OffTrack, true) => "x",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Option<Decimal> {
        Some(text.parse().unwrap())
    }

    #[test]
    fn higher_is_better_targets() {
        // SLA target 90 %: 5 % of it is 4.5 pp, so 85.5 % is the edge of at risk.
        let status = |v| target_status(Metric::SlaAdherence, d(v), d("0.9"));
        assert_eq!(status("0.93"), Some(TargetStatus::OnTrack));
        assert_eq!(status("0.9"), Some(TargetStatus::OnTrack));
        assert_eq!(status("0.855"), Some(TargetStatus::AtRisk));
        assert_eq!(status("0.85"), Some(TargetStatus::OffTrack));
        assert_eq!(target_status(Metric::SlaAdherence, None, d("0.9")), None);
    }

    #[test]
    fn lower_is_better_targets_mirror() {
        let status = |v| target_status(Metric::CostPerSale, d(v), d("600"));
        assert_eq!(status("580"), Some(TargetStatus::OnTrack));
        assert_eq!(status("630"), Some(TargetStatus::AtRisk));
        assert_eq!(status("631"), Some(TargetStatus::OffTrack));
    }

    #[test]
    fn neutral_targets_are_about_closeness() {
        let status = |v| target_status(Metric::MarketingSpend, d(v), d("1000"));
        assert_eq!(status("960"), Some(TargetStatus::OnTrack));
        assert_eq!(status("1080"), Some(TargetStatus::AtRisk));
        assert_eq!(status("850"), Some(TargetStatus::OffTrack));
    }

    #[test]
    fn a_value_and_a_target_at_the_limits_of_decimal_still_get_a_status() {
        // A file may hold any decimal: these differences are beyond what a Decimal holds.
        let (high, low) = (Some(Decimal::MAX), Some(Decimal::MIN));
        let status = |direction, value, target| status_for(direction, value, target);
        assert_eq!(
            status(Direction::HigherIsBetter, high, low),
            Some(TargetStatus::OnTrack)
        );
        assert_eq!(
            status(Direction::HigherIsBetter, low, high),
            Some(TargetStatus::OffTrack)
        );
        assert_eq!(
            status(Direction::LowerIsBetter, low, high),
            Some(TargetStatus::OnTrack)
        );
        assert_eq!(
            status(Direction::LowerIsBetter, high, low),
            Some(TargetStatus::OffTrack)
        );
        assert_eq!(
            status(Direction::Neutral, high, low),
            Some(TargetStatus::OffTrack)
        );
        assert_eq!(
            status(Direction::Neutral, high, high),
            Some(TargetStatus::OnTrack)
        );
    }
}
