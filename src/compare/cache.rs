//! Scorecards of every loaded period, each built on first use and kept, so switching the
//! compared period costs one roll-up at most and never recomputes the others.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::metrics::Scorecard;
use crate::model::{Granularity, Library, PeriodId};

/// The library with a lazily built [`Scorecard`] per period. Cheap to share (`Arc` inside)
/// and safe to read from several threads.
#[derive(Debug)]
pub struct Scorecards {
    library: Arc<Library>,
    cards: BTreeMap<PeriodId, OnceLock<Arc<Scorecard>>>,
}

impl Scorecards {
    /// Wraps a library; nothing is rolled up yet.
    pub fn new(library: Arc<Library>) -> Scorecards {
        let cards = library.periods().map(|p| (p, OnceLock::new())).collect();
        Scorecards { library, cards }
    }

    /// The library.
    pub fn library(&self) -> &Arc<Library> {
        &self.library
    }

    /// The scorecard of a period, rolled up on first use; `None` when the period is not
    /// loaded.
    pub fn get(&self, period: PeriodId) -> Option<Arc<Scorecard>> {
        let cell = self.cards.get(&period)?;
        let snapshot = self.library.get(period)?;
        Some(Arc::clone(cell.get_or_init(|| {
            Arc::new(Scorecard::new(Arc::clone(snapshot)))
        })))
    }

    /// Whether a period's scorecard is already built (for tests and the benchmark).
    pub fn is_built(&self, period: PeriodId) -> bool {
        self.cards.get(&period).is_some_and(|c| c.get().is_some())
    }

    /// Builds every period's scorecard of one granularity on all cores (for trends), keeping
    /// the ones already built.
    pub fn warm(&self, granularity: Granularity) {
        let periods: Vec<PeriodId> = self.library.periods_of(granularity).collect();
        periods.par_iter().for_each(|&p| {
            self.get(p);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::test_support::empty_snapshot;

    #[test]
    fn builds_only_what_is_asked_for() {
        let mut lib = Library::new();
        for p in ["2026-08", "2026-09", "2026-10"] {
            lib.insert(empty_snapshot(p)).unwrap();
        }
        let cards = Scorecards::new(Arc::new(lib));
        let oct: PeriodId = "2026-10".parse().unwrap();
        let sep: PeriodId = "2026-09".parse().unwrap();
        let first = cards.get(oct).unwrap();
        assert!(cards.is_built(oct) && !cards.is_built(sep));
        assert!(Arc::ptr_eq(&first, &cards.get(oct).unwrap()), "built once");
        assert!(cards.get("2025-01".parse().unwrap()).is_none());
        cards.warm(Granularity::Month);
        assert!(cards.is_built(sep));
    }
}
