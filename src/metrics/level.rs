//! Drill levels and the rows of drill tables.

use rust_decimal::Decimal;

use super::catalogue::Metric;
use super::rollup::Rollup;
use crate::model::{DealerGroupId, DealerId, RegionId};

/// Where the user has drilled to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Level {
    /// The whole ecosystem.
    #[default]
    Ecosystem,
    /// One region.
    Region(RegionId),
    /// One dealer group.
    Group(DealerGroupId),
    /// One dealer.
    Dealer(DealerId),
}

/// The kind of a level, without its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LevelKind {
    /// The whole ecosystem.
    Ecosystem,
    /// A region.
    Region,
    /// A dealer group.
    Group,
    /// A dealer.
    Dealer,
}

impl Level {
    /// The kind of level.
    pub fn kind(&self) -> LevelKind {
        match self {
            Level::Ecosystem => LevelKind::Ecosystem,
            Level::Region(_) => LevelKind::Region,
            Level::Group(_) => LevelKind::Group,
            Level::Dealer(_) => LevelKind::Dealer,
        }
    }

    /// The id of the region, group or dealer; `""` for the ecosystem.
    pub fn id(&self) -> &str {
        match self {
            Level::Ecosystem => "",
            Level::Region(id) => id.as_str(),
            Level::Group(id) => id.as_str(),
            Level::Dealer(id) => id.as_str(),
        }
    }

    pub(super) fn from_parts(kind: LevelKind, id: &str) -> Level {
        match kind {
            LevelKind::Ecosystem => Level::Ecosystem,
            LevelKind::Region => Level::Region(id.into()),
            LevelKind::Group => Level::Group(id.into()),
            LevelKind::Dealer => Level::Dealer(id.into()),
        }
    }
}

/// One row of a drill table: a level's id, name and roll-up, borrowed from the scorecard so
/// listing 5,000 dealers allocates nothing per row.
#[derive(Clone, Copy, Debug)]
pub struct Node<'a> {
    /// Region, group or dealer.
    pub kind: LevelKind,
    /// Its id (`""` for the ecosystem).
    pub id: &'a str,
    /// Its display name.
    pub name: &'a str,
    /// Its summed parts.
    pub rollup: &'a Rollup,
}

impl Node<'_> {
    /// The level this row drills into.
    pub fn level(&self) -> Level {
        Level::from_parts(self.kind, self.id)
    }

    /// A metric's value for this row; `None` is "n/a".
    pub fn value(&self, metric: Metric) -> Option<Decimal> {
        metric.value(self.rollup)
    }
}
