//! Journey metrics: stage-to-stage conversion, ROI and handoff health, from the journey's own
//! counts and money.

use super::ratio::Ratio;
use crate::model::{Journey, Money};

/// The ROI definition of a journey, for help and the Journeys view.
pub const JOURNEY_ROI_DEFINITION: &str = "Journey ROI = (gross margin - cost) / cost";

/// One funnel stage with its conversion from the stage before.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageStep<'a> {
    /// The stage name.
    pub name: &'a str,
    /// Customers who reached it.
    pub count: u64,
    /// This stage over the one before; `None` for the first stage.
    pub from_previous: Option<Ratio>,
}

/// Stage-by-stage conversion: each stage over the one before it.
pub fn funnel(journey: &Journey) -> Vec<StageStep<'_>> {
    let mut previous: Option<u64> = None;
    journey
        .stages
        .iter()
        .map(|stage| {
            let step = StageStep {
                name: &stage.name,
                count: stage.count,
                from_previous: previous.map(|p| Ratio::new(stage.count, p)),
            };
            previous = Some(stage.count);
            step
        })
        .collect()
}

/// Last stage over first stage; "n/a" for a journey without stages or with an empty top.
pub fn overall_conversion(journey: &Journey) -> Ratio {
    match (journey.stages.first(), journey.stages.last()) {
        (Some(first), Some(last)) => Ratio::new(last.count, first.count),
        _ => Ratio::default(),
    }
}

/// (gross margin - cost) / cost; "n/a" for a journey that cost nothing.
pub fn roi(journey: &Journey) -> Ratio {
    Ratio::new(
        (journey.gross_margin - journey.cost).amount(),
        journey.cost.amount(),
    )
}

/// Handoffs that met their standard over handoffs attempted, over all of a journey's handoffs.
pub fn handoff_health(journey: &Journey) -> Ratio {
    let mut health = Ratio::default();
    for handoff in &journey.handoffs {
        health += Ratio::new(handoff.met, handoff.total);
    }
    health
}

/// Totals over several journeys: money summed, ROI and handoff health from the summed parts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JourneyTotals {
    /// Revenue summed.
    pub revenue: Money,
    /// Cost summed.
    pub cost: Money,
    /// Gross margin summed.
    pub gross_margin: Money,
    /// Handoffs met over attempted, summed.
    pub handoffs: Ratio,
}

impl JourneyTotals {
    /// Sums a set of journeys.
    pub fn of<'a>(journeys: impl IntoIterator<Item = &'a Journey>) -> JourneyTotals {
        let mut totals = JourneyTotals::default();
        for journey in journeys {
            totals.revenue += journey.revenue;
            totals.cost += journey.cost;
            totals.gross_margin += journey.gross_margin;
            totals.handoffs += handoff_health(journey);
        }
        totals
    }

    /// (gross margin - cost) / cost over all the journeys.
    pub fn roi(&self) -> Ratio {
        Ratio::new((self.gross_margin - self.cost).amount(), self.cost.amount())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Handoff, JourneyKind, Stage};
    use rust_decimal::Decimal;

    fn ev_launch() -> Journey {
        let stage = |name: &str, count| Stage {
            name: name.into(),
            count,
        };
        let handoff = |name: &str, total, met| Handoff {
            name: name.into(),
            from: "oem".into(),
            to: "dealers".into(),
            total,
            met,
        };
        Journey {
            id: "ev".into(),
            name: "EV launch".into(),
            kind: JourneyKind::EvLaunch,
            stages: vec![
                stage("engaged", 2_000),
                stage("lead", 400),
                stage("test drive", 100),
                stage("sale", 0),
            ],
            revenue: Money::from(900_000),
            cost: Money::from(60_000),
            gross_margin: Money::from(90_000),
            handoffs: vec![
                handoff("lead routed", 400, 380),
                handoff("SLA met", 380, 190),
            ],
        }
    }

    #[test]
    fn conversion_is_each_stage_over_the_one_before() {
        let j = ev_launch();
        let steps = funnel(&j);
        assert_eq!(steps[0].from_previous, None);
        assert_eq!(steps[1].from_previous, Some(Ratio::new(400, 2_000)));
        assert_eq!(
            steps[2].from_previous.and_then(|r| r.value()),
            Some(Decimal::new(25, 2))
        );
        assert_eq!(
            steps[3].from_previous.and_then(|r| r.value()),
            Some(Decimal::ZERO)
        );
        assert_eq!(overall_conversion(&j).value(), Some(Decimal::ZERO));
    }

    #[test]
    fn roi_and_handoff_health_come_from_parts() {
        let j = ev_launch();
        assert_eq!(roi(&j).value(), Some(Decimal::new(5, 1)));
        assert_eq!(handoff_health(&j), Ratio::new(570, 780));
        let mut free = ev_launch();
        free.cost = Money::ZERO;
        free.stages.clear();
        free.handoffs.clear();
        assert_eq!(roi(&free).value(), None);
        assert_eq!(overall_conversion(&free).value(), None);
        assert_eq!(handoff_health(&free).value(), None);
        let totals = JourneyTotals::of([&j, &free]);
        assert_eq!(totals.roi(), Ratio::new(120_000, 60_000));
        assert_eq!(totals.handoffs, Ratio::new(570, 780));
    }
}
