//! Overlap in the martech stack, computed rather than asserted: two tools overlap when they are
//! of the same category and serve at least one value driver in common (serving a slice such as
//! EV adoption is serving its whole). What the Optimize step of the review looks at first.

use crate::model::{Tool, ToolId, ValueDriver};

use super::value::whole;

/// One tool another overlaps with, and the drivers they both serve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overlap {
    /// The other tool.
    pub with: ToolId,
    /// The drivers both serve, in the first tool's order.
    pub drivers: Vec<ValueDriver>,
}

/// For each tool of the stack (in stack order), the tools it overlaps with, in stack order.
pub fn overlaps(stack: &[Tool]) -> Vec<Vec<Overlap>> {
    let served = |t: &Tool| -> Vec<ValueDriver> {
        let mut out: Vec<ValueDriver> = Vec::new();
        for d in t.value_drivers.iter().map(|&d| whole(d)) {
            if !out.contains(&d) {
                out.push(d);
            }
        }
        out
    };
    stack
        .iter()
        .map(|tool| {
            let mine = served(tool);
            stack
                .iter()
                .filter(|other| other.id != tool.id && other.category == tool.category)
                .filter_map(|other| {
                    let theirs = served(other);
                    let shared: Vec<ValueDriver> = mine
                        .iter()
                        .copied()
                        .filter(|d| theirs.contains(d))
                        .collect();
                    (!shared.is_empty()).then(|| Overlap {
                        with: other.id.clone(),
                        drivers: shared,
                    })
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ToolCategory, ToolCost, ToolOwner};

    fn tool(id: &str, category: ToolCategory, drivers: &[ValueDriver]) -> Tool {
        Tool {
            id: id.into(),
            name: id.to_uppercase(),
            category,
            owner: ToolOwner::Oem,
            annual_cost: ToolCost::default(),
            seats: 0,
            active_users: 0,
            dealers_adopted: 0,
            value_drivers: drivers.to_vec(),
        }
    }

    #[test]
    fn same_category_and_a_shared_driver_make_an_overlap() {
        use ToolCategory::*;
        use ValueDriver::*;
        let stack = [
            tool(
                "map",
                MarketingAutomation,
                &[ServiceRetention, AccessoryRevenue],
            ),
            tool("email", MarketingAutomation, &[CostToServe]),
            tool("coop", Other, &[DealerProductivity]),
            tool("video", Other, &[DealerProductivity, EvAdoption]),
            tool("ads", AdPlatform, &[EvAdoption]),
            tool("search", AdPlatform, &[IncrementalSales]),
        ];
        let found = overlaps(&stack);
        // Same category, no driver in common: no overlap.
        assert!(found[0].is_empty() && found[1].is_empty());
        assert_eq!(
            found[2],
            [Overlap {
                with: "video".into(),
                drivers: vec![DealerProductivity]
            }]
        );
        assert_eq!(found[3][0].with, ToolId::from("coop"));
        // EV adoption is incremental sales: the two ad tools overlap on it.
        assert_eq!(found[4][0].drivers, [IncrementalSales]);
        assert_eq!(found[5][0].with, ToolId::from("ads"));
    }
}
