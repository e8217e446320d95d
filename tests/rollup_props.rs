//! Properties of roll-ups: the numbers a reviewer reconciles on screen must add up exactly at
//! every level, whatever the order of the dealers, and no ratio may divide by zero.

mod support;

use std::sync::Arc;

use proptest::prelude::*;
use rust_decimal::Decimal;

use ebr::metrics::{Formula, Level, Metric, Node, Rollup, Scorecard, Segmentation};
use ebr::model::Snapshot;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        ..ProptestConfig::default()
    }
}

/// Every level above the dealers, with its children.
fn parents(card: &Scorecard) -> Vec<(Level, Vec<Node<'_>>)> {
    let mut levels = vec![Level::Ecosystem];
    levels.extend(card.regions().map(|n| n.level()));
    levels.extend(card.groups().map(|n| n.level()));
    levels
        .into_iter()
        .map(|level| {
            let children = card.children(&level);
            (level, children)
        })
        .collect()
}

/// Asserts that a parent's metric is made of its children's summed parts.
fn assert_made_of_children(metric: Metric, parent: &Rollup, children: &[Node<'_>]) {
    match metric.formula(parent) {
        Formula::Amount(total) => {
            let sum: Decimal = children
                .iter()
                .map(|c| match metric.formula(c.rollup) {
                    Formula::Amount(a) => a,
                    other => panic!("{metric:?} changed formula kind: {other:?}"),
                })
                .sum();
            assert_eq!(
                total, sum,
                "{metric:?}: the total is the sum of the parts shown"
            );
        }
        Formula::Ratio(ratio) => {
            let (mut num, mut den) = (Decimal::ZERO, Decimal::ZERO);
            for child in children {
                let part = metric.ratio(child.rollup);
                let part = part.unwrap_or_else(|| panic!("{metric:?} is a ratio at every level"));
                num += part.numerator;
                den += part.denominator;
            }
            assert_eq!(
                (ratio.numerator, ratio.denominator),
                (num, den),
                "{metric:?}"
            );
        }
        Formula::Derived(_) => {}
    }
}

proptest! {
    #![proptest_config(config())]

    /// Dealers → groups → regions → ecosystem equals the roll-up of the leaves, and every
    /// level is exactly the sum of its children, field by field.
    #[test]
    fn rollup_of_rollups_equals_rollup_of_leaves(s in support::snapshot("2026-10", 40)) {
        let leaves = Rollup::of(&s.dealers).with_period_months(1);
        let card = Scorecard::new(Arc::new(s));
        prop_assert_eq!(card.total(), &leaves);
        for (level, children) in parents(&card) {
            let sum: Rollup = children.iter().map(|c| c.rollup).sum();
            let rollup = card.rollup(&level).unwrap();
            prop_assert_eq!(&sum.with_period_months(1), rollup, "{:?}", level);
        }
    }

    /// What a user reconciles: Σ region won revenue == ecosystem won revenue, for every
    /// amount metric; every ratio's numerator and denominator are the sums of its children's.
    #[test]
    fn every_metric_at_every_level_is_made_of_its_childrens_parts(
        s in support::snapshot("2026-Q4", 30)
    ) {
        let card = Scorecard::new(Arc::new(s));
        for (level, children) in parents(&card) {
            let parent = card.rollup(&level).unwrap();
            for &metric in Metric::ALL {
                assert_made_of_children(metric, parent, &children);
            }
        }
    }

    /// Every ratio is its summed numerator over its summed denominator, and "n/a" exactly when
    /// that denominator is zero: never 0, never a panic.
    #[test]
    fn ratios_divide_summed_parts_and_never_by_zero(s in support::snapshot("2026-10", 20)) {
        let card = Scorecard::new(Arc::new(s));
        let nodes = std::iter::once(card.node(&Level::Ecosystem).unwrap())
            .chain(card.regions())
            .chain(card.groups())
            .chain(card.dealers());
        for node in nodes {
            for &metric in Metric::ALL {
                if let Some(ratio) = metric.ratio(node.rollup) {
                    let value = metric.value(node.rollup);
                    if ratio.denominator.is_zero() {
                        prop_assert_eq!(value, None, "{:?} at {:?}", metric, node.level());
                    } else {
                        prop_assert_eq!(value, Some(ratio.numerator / ratio.denominator));
                    }
                }
            }
        }
    }

    /// Shuffling dealers, groups and regions changes no roll-up at any level.
    #[test]
    fn rollups_do_not_depend_on_order(
        (s, shuffled) in support::snapshot("2026-10", 30).prop_flat_map(|s| {
            let dealers = Just(s.dealers.clone()).prop_shuffle();
            let groups = Just(s.dealer_groups.clone()).prop_shuffle();
            let regions = Just(s.regions.clone()).prop_shuffle();
            (Just(s), (dealers, groups, regions))
        })
    ) {
        let mut other: Snapshot = s.clone();
        (other.dealers, other.dealer_groups, other.regions) = shuffled;
        let a = Scorecard::new(Arc::new(s));
        let b = Scorecard::new(Arc::new(other));
        prop_assert_eq!(a.total(), b.total());
        for node in a.regions().chain(a.groups()).chain(a.dealers()) {
            prop_assert_eq!(Some(node.rollup), b.rollup(&node.level()));
        }
        for seg in Segmentation::ALL {
            let mut sa: Vec<_> = a.segments(seg).iter().map(|s| (&s.key, &s.rollup)).collect();
            let mut sb: Vec<_> = b.segments(seg).iter().map(|s| (&s.key, &s.rollup)).collect();
            sa.sort_by(|x, y| x.0.cmp(y.0));
            sb.sort_by(|x, y| x.0.cmp(y.0));
            prop_assert_eq!(sa, sb, "{:?}", seg);
        }
    }

    /// Every segmentation covers every dealer exactly once.
    #[test]
    fn segments_sum_to_the_total(s in support::snapshot("2026-10", 30)) {
        let dealers = s.dealers.len() as u64;
        let card = Scorecard::new(Arc::new(s));
        for seg in Segmentation::ALL {
            let sum: Rollup = card.segments(seg).iter().map(|s| &s.rollup).sum();
            prop_assert_eq!(&sum, card.total(), "{:?}", seg);
            prop_assert_eq!(sum.dealers, dealers);
        }
    }
}

mod pnl {
    use super::*;
    use ebr::metrics::Pnl;
    use ebr::metrics::pnl::DRIVERS;
    use ebr::model::{DriverOutcome, Money, Tool, ToolCategory, ToolCost, ToolOwner, ValueDriver};

    fn driver() -> impl Strategy<Value = ValueDriver> {
        (0usize..DRIVERS.len()).prop_map(|i| DRIVERS[i])
    }

    fn tool() -> impl Strategy<Value = Tool> {
        (
            support::money(),
            support::money(),
            prop::collection::vec(driver(), 0..4),
            0u64..500,
            0u64..500,
        )
            .prop_map(|(licences, services, value_drivers, seats, active)| Tool {
                id: "t".into(),
                name: "Tool".into(),
                category: ToolCategory::Other,
                owner: ToolOwner::Shared,
                annual_cost: ToolCost {
                    licences,
                    services,
                    integration: Money::ZERO,
                },
                seats,
                active_users: active.min(seats),
                dealers_adopted: 0,
                value_drivers,
            })
    }

    fn outcome() -> impl Strategy<Value = DriverOutcome> {
        (driver(), support::money()).prop_map(|(driver, margin)| DriverOutcome {
            driver,
            revenue: margin,
            gross_margin: margin,
            attributed_margin: margin,
        })
    }

    proptest! {
        #![proptest_config(config())]

        /// The P&L's columns add up to its totals exactly, whatever the sharing of tools and
        /// drivers: no cent is created or lost by the equal splits.
        #[test]
        fn pnl_columns_add_up(
            tools in prop::collection::vec(tool(), 0..8),
            outcomes in prop::collection::vec(outcome(), 0..8),
            quarter in any::<bool>(),
        ) {
            let mut s = support::empty(if quarter { "2026-Q4" } else { "2026-10" });
            s.stack = tools;
            s.pnl.drivers = outcomes;
            let p = Pnl::of(&s);
            let driver_cost: Money = p.drivers.iter().map(|d| d.cost).sum();
            prop_assert_eq!(driver_cost + p.unassigned_cost, p.cost());
            for t in &p.tools {
                let shares: Money = t.cost_by_driver.iter().map(|(_, m)| *m).sum();
                if !t.cost_by_driver.is_empty() {
                    prop_assert_eq!(shares, t.cost);
                }
            }
            let tool_value: Money = p.tools.iter().map(|t| t.value()).sum();
            prop_assert_eq!(tool_value + p.unallocated_value, p.total_value());
            // EV adoption is a slice of incremental sales: never added.
            let given: Money = s
                .pnl
                .drivers
                .iter()
                .filter(|d| d.driver != ValueDriver::EvAdoption)
                .map(|d| d.attributed_margin)
                .sum();
            prop_assert_eq!(p.attributed_margin(), given);
            if p.cost().amount().is_zero() {
                prop_assert_eq!(p.roi().value(), None);
            }
        }
    }
}
