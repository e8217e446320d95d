//! The drill hierarchy (ecosystem → regions → dealer groups → dealers) with every level's
//! roll-up, built once per snapshot.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use rust_decimal::Decimal;

use super::catalogue::Metric;
use super::level::{Level, LevelKind, Node};
use super::rollup::Rollup;
use super::segment::{Segment, Segmentation};
use crate::model::{DealerGroupId, DealerId, Granularity, RegionId, Snapshot};

/// A snapshot with every roll-up of its hierarchy computed once, and index maps from ids to
/// rows. Views hold it (behind `Arc`) and read from it every frame; nothing here is recomputed
/// per frame. Segmentations are computed on first use and kept.
#[derive(Debug)]
pub struct Scorecard {
    pub(super) snapshot: Arc<Snapshot>,
    pub(super) total: Rollup,
    pub(super) regions: Vec<Rollup>,
    pub(super) groups: Vec<Rollup>,
    pub(super) dealers: Vec<Rollup>,
    pub(super) region_of_group: Vec<Option<usize>>,
    pub(super) group_of_dealer: Vec<Option<usize>>,
    groups_in_region: Vec<Vec<usize>>,
    dealers_in_group: Vec<Vec<usize>>,
    region_by_id: HashMap<RegionId, usize>,
    group_by_id: HashMap<DealerGroupId, usize>,
    dealer_by_id: HashMap<DealerId, usize>,
    segments: [OnceLock<Vec<Segment>>; Segmentation::ALL.len()],
}

fn index_by<K: std::hash::Hash + Eq + Clone, T>(
    items: &[T],
    key: impl Fn(&T) -> &K,
) -> HashMap<K, usize> {
    let mut map = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        // The first of two duplicate ids wins; `check` reports duplicates as invalid.
        map.entry(key(item).clone()).or_insert(i);
    }
    map
}

impl Scorecard {
    /// Rolls the snapshot up in one pass over its dealers: dealers into their groups, groups
    /// into their regions, regions into the ecosystem. A dealer or group whose parent is
    /// unknown (which `check` rejects) still counts in the ecosystem total.
    pub fn new(snapshot: Arc<Snapshot>) -> Scorecard {
        let months = match snapshot.period.id.granularity() {
            Granularity::Month => 1,
            Granularity::Quarter => 3,
        };
        let empty = Rollup::default().with_period_months(months);
        let region_by_id = index_by(&snapshot.regions, |r| &r.id);
        let group_by_id = index_by(&snapshot.dealer_groups, |g| &g.id);
        let dealer_by_id = index_by(&snapshot.dealers, |d| &d.id);

        let mut total = empty.clone();
        let mut groups = vec![empty.clone(); snapshot.dealer_groups.len()];
        let mut dealers = Vec::with_capacity(snapshot.dealers.len());
        let mut group_of_dealer = Vec::with_capacity(snapshot.dealers.len());
        let mut dealers_in_group = vec![Vec::new(); snapshot.dealer_groups.len()];
        for (i, dealer) in snapshot.dealers.iter().enumerate() {
            let rollup = Rollup::of_dealer(dealer).with_period_months(months);
            let group = group_by_id.get(&dealer.group).copied();
            match group {
                Some(g) => {
                    groups[g] += &rollup;
                    dealers_in_group[g].push(i);
                }
                None => total += &rollup,
            }
            group_of_dealer.push(group);
            dealers.push(rollup);
        }

        let mut regions = vec![empty; snapshot.regions.len()];
        let mut region_of_group = Vec::with_capacity(groups.len());
        let mut groups_in_region = vec![Vec::new(); snapshot.regions.len()];
        for (g, group) in snapshot.dealer_groups.iter().enumerate() {
            let region = region_by_id.get(&group.region).copied();
            match region {
                Some(r) => {
                    regions[r] += &groups[g];
                    groups_in_region[r].push(g);
                }
                None => total += &groups[g],
            }
            region_of_group.push(region);
        }
        for region in &regions {
            total += region;
        }

        Scorecard {
            snapshot,
            total,
            regions,
            groups,
            dealers,
            region_of_group,
            group_of_dealer,
            groups_in_region,
            dealers_in_group,
            region_by_id,
            group_by_id,
            dealer_by_id,
            segments: Default::default(),
        }
    }

    /// The snapshot rolled up.
    pub fn snapshot(&self) -> &Arc<Snapshot> {
        &self.snapshot
    }

    /// The ecosystem total.
    pub fn total(&self) -> &Rollup {
        &self.total
    }

    /// The row of a level; `None` when the id is not in this snapshot.
    pub fn node(&self, level: &Level) -> Option<Node<'_>> {
        let s = &*self.snapshot;
        Some(match level {
            Level::Ecosystem => Node {
                kind: LevelKind::Ecosystem,
                id: "",
                name: &s.ecosystem.name,
                rollup: &self.total,
            },
            Level::Region(id) => self.region_node(*self.region_by_id.get(id)?),
            Level::Group(id) => self.group_node(*self.group_by_id.get(id)?),
            Level::Dealer(id) => self.dealer_node(*self.dealer_by_id.get(id)?),
        })
    }

    /// A level's roll-up; `None` when the id is not in this snapshot.
    pub fn rollup(&self, level: &Level) -> Option<&Rollup> {
        self.node(level).map(|node| node.rollup)
    }

    /// A level's display name.
    pub fn name(&self, level: &Level) -> Option<&str> {
        self.node(level).map(|node| node.name)
    }

    /// A metric at a level; `None` when the level is unknown or the value is "n/a".
    pub fn value(&self, level: &Level, metric: Metric) -> Option<Decimal> {
        metric.value(self.rollup(level)?)
    }

    /// The level one up; `None` for the ecosystem and for unknown ids. A group or dealer whose
    /// parent is unknown has the ecosystem as parent.
    pub fn parent(&self, level: &Level) -> Option<Level> {
        let s = &*self.snapshot;
        match level {
            Level::Ecosystem => None,
            Level::Region(id) => self.region_by_id.get(id).map(|_| Level::Ecosystem),
            Level::Group(id) => {
                let g = *self.group_by_id.get(id)?;
                Some(match self.region_of_group[g] {
                    Some(r) => Level::Region(s.regions[r].id.clone()),
                    None => Level::Ecosystem,
                })
            }
            Level::Dealer(id) => {
                let d = *self.dealer_by_id.get(id)?;
                Some(match self.group_of_dealer[d] {
                    Some(g) => Level::Group(s.dealer_groups[g].id.clone()),
                    None => Level::Ecosystem,
                })
            }
        }
    }

    /// The path from the ecosystem down to `level`, both ends included (a breadcrumb).
    pub fn path(&self, level: &Level) -> Vec<Level> {
        let mut path = vec![level.clone()];
        while let Some(parent) = path.last().and_then(|l| self.parent(l)) {
            path.push(parent);
        }
        path.reverse();
        path
    }

    /// The rows one level down, in snapshot order: regions of the ecosystem, groups of a
    /// region, dealers of a group; nothing below a dealer.
    pub fn children(&self, level: &Level) -> Vec<Node<'_>> {
        match level {
            Level::Ecosystem => (0..self.regions.len())
                .map(|r| self.region_node(r))
                .collect(),
            Level::Region(id) => self
                .region_by_id
                .get(id)
                .map(|&r| {
                    self.groups_in_region[r]
                        .iter()
                        .map(|&g| self.group_node(g))
                        .collect()
                })
                .unwrap_or_default(),
            Level::Group(id) => self
                .group_by_id
                .get(id)
                .map(|&g| {
                    self.dealers_in_group[g]
                        .iter()
                        .map(|&d| self.dealer_node(d))
                        .collect()
                })
                .unwrap_or_default(),
            Level::Dealer(_) => Vec::new(),
        }
    }

    /// Every dealer under a level (all dealers for the ecosystem), in snapshot order.
    pub fn dealers_under(&self, level: &Level) -> Vec<Node<'_>> {
        let in_groups = |groups: &[usize]| {
            groups
                .iter()
                .flat_map(|&g| {
                    self.dealers_in_group[g]
                        .iter()
                        .map(|&d| self.dealer_node(d))
                })
                .collect()
        };
        match level {
            Level::Ecosystem => (0..self.dealers.len())
                .map(|d| self.dealer_node(d))
                .collect(),
            Level::Region(id) => self
                .region_by_id
                .get(id)
                .map(|&r| in_groups(&self.groups_in_region[r]))
                .unwrap_or_default(),
            Level::Group(id) => self
                .group_by_id
                .get(id)
                .map(|&g| in_groups(&[g]))
                .unwrap_or_default(),
            Level::Dealer(_) => self.node(level).into_iter().collect(),
        }
    }

    /// Every region, in snapshot order.
    pub fn regions(&self) -> impl ExactSizeIterator<Item = Node<'_>> {
        (0..self.regions.len()).map(|r| self.region_node(r))
    }

    /// Every dealer group, in snapshot order.
    pub fn groups(&self) -> impl ExactSizeIterator<Item = Node<'_>> {
        (0..self.groups.len()).map(|g| self.group_node(g))
    }

    /// Every dealer, in snapshot order.
    pub fn dealers(&self) -> impl ExactSizeIterator<Item = Node<'_>> {
        (0..self.dealers.len()).map(|d| self.dealer_node(d))
    }

    /// The labelled roll-ups of one segmentation, computed on first use and kept.
    pub fn segments(&self, segmentation: Segmentation) -> &[Segment] {
        self.segments[segmentation as usize].get_or_init(|| segmentation.build(self))
    }

    fn region_node(&self, r: usize) -> Node<'_> {
        let region = &self.snapshot.regions[r];
        Node {
            kind: LevelKind::Region,
            id: region.id.as_str(),
            name: &region.name,
            rollup: &self.regions[r],
        }
    }

    fn group_node(&self, g: usize) -> Node<'_> {
        let group = &self.snapshot.dealer_groups[g];
        Node {
            kind: LevelKind::Group,
            id: group.id.as_str(),
            name: &group.name,
            rollup: &self.groups[g],
        }
    }

    fn dealer_node(&self, d: usize) -> Node<'_> {
        let dealer = &self.snapshot.dealers[d];
        Node {
            kind: LevelKind::Dealer,
            id: dealer.id.as_str(),
            name: &dealer.name,
            rollup: &self.dealers[d],
        }
    }
}

#[cfg(test)]
#[path = "hierarchy_tests.rs"]
mod tests;
