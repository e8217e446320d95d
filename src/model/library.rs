//! A set of snapshots of one ecosystem, one per period: what the app browses and compares.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::period::{Granularity, PeriodId};
use super::snapshot::Snapshot;

/// Snapshots keyed by period, in period order. Snapshots are shared (`Arc`) so views and a
/// reload can hold them without copying.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Library {
    snapshots: BTreeMap<PeriodId, Arc<Snapshot>>,
}

/// Two snapshots claim the same period.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("two snapshots of period {0}")]
pub struct DuplicatePeriod(pub PeriodId);

impl Library {
    /// An empty library.
    pub fn new() -> Library {
        Library::default()
    }

    /// Adds a snapshot; refuses a second snapshot of a period already held.
    pub fn insert(&mut self, snapshot: Snapshot) -> Result<(), DuplicatePeriod> {
        let period = snapshot.period.id;
        if self.snapshots.contains_key(&period) {
            return Err(DuplicatePeriod(period));
        }
        self.snapshots.insert(period, Arc::new(snapshot));
        Ok(())
    }

    /// Whether no snapshot is held.
    pub fn is_empty(&self) -> bool {
        self.snapshots.is_empty()
    }

    /// How many snapshots are held.
    pub fn len(&self) -> usize {
        self.snapshots.len()
    }

    /// Every period held, earliest first.
    pub fn periods(&self) -> impl DoubleEndedIterator<Item = PeriodId> + '_ {
        self.snapshots.keys().copied()
    }

    /// Every period of one granularity, earliest first.
    pub fn periods_of(&self, granularity: Granularity) -> impl Iterator<Item = PeriodId> + '_ {
        self.periods()
            .filter(move |p| p.granularity() == granularity)
    }

    /// The snapshot of a period.
    pub fn get(&self, period: PeriodId) -> Option<&Arc<Snapshot>> {
        self.snapshots.get(&period)
    }

    /// Every snapshot, earliest period first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Arc<Snapshot>> {
        self.snapshots.values()
    }

    /// The period a review opens on: the latest month when there are months, else the latest
    /// period of any kind.
    pub fn default_period(&self) -> Option<PeriodId> {
        Library::default_among(self.periods())
    }

    /// The period a review of these periods opens on: the latest month, else the latest.
    pub fn default_among(periods: impl IntoIterator<Item = PeriodId>) -> Option<PeriodId> {
        let (mut month, mut any) = (None, None);
        for period in periods {
            if period.granularity() == Granularity::Month {
                month = month.max(Some(period));
            }
            any = any.max(Some(period));
        }
        month.or(any)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_library_has_no_default_period() {
        let lib = Library::new();
        assert_eq!(lib.default_period(), None);
    }
}
