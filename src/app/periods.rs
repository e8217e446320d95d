//! Which periods are on screen: the current and the compared period, the `p` / `c` period
//! pickers and the `v` split view. Pure state changes, called from [`App::update`].

use crate::compare::{CompareKind, ComparePeriod, PeriodPair, resolve};
use crate::metrics::Level;
use crate::model::PeriodId;
use crate::model::Snapshot;

use super::state::App;

/// Which period a picker chooses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PickerKind {
    /// The period under review (`p`).
    Current,
    /// The period it is compared with (`c`), or none.
    Compared,
}

/// The period picker overlay: the loaded periods to choose from, latest first, and the one
/// the cursor is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picker {
    /// What is being chosen.
    pub kind: PickerKind,
    /// The choices, latest first; `None` is "no comparison" (compared picker only, first).
    pub options: Vec<Option<PeriodId>>,
    /// Index of the choice under the cursor.
    pub selected: usize,
}

impl Picker {
    /// The picker's title.
    pub fn title(&self) -> &'static str {
        match self.kind {
            PickerKind::Current => "Period under review",
            PickerKind::Compared => "Compare with",
        }
    }

    /// How a choice reads: "Sep 2026 · previous", "Oct 2025 · year ago", "none (no
    /// comparison)"; `pair` is what is on screen now.
    pub fn label(&self, option: Option<PeriodId>, pair: PeriodPair, fiscal: Option<u8>) -> String {
        let Some(period) = option else {
            return "none (no comparison)".to_owned();
        };
        let name = crate::compare::period_choice::period_label(period, fiscal);
        let relation = match self.kind {
            PickerKind::Current => None,
            PickerKind::Compared => match CompareKind::of(pair.current, period) {
                CompareKind::MonthOverMonth | CompareKind::QuarterOverQuarter => Some("previous"),
                CompareKind::YearOverYear => Some("year ago"),
                CompareKind::Custom => None,
            },
        };
        let shown = match self.kind {
            PickerKind::Current => Some(period) == Some(pair.current),
            PickerKind::Compared => Some(period) == pair.compared,
        };
        let mut text = name;
        if let Some(relation) = relation {
            text.push_str(" · ");
            text.push_str(relation);
        }
        if shown {
            text.push_str(" · on screen");
        }
        text
    }
}

impl App {
    /// The current and the compared period.
    pub fn periods(&self) -> PeriodPair {
        self.pair
    }

    /// The header's period text: "Oct 2026 vs Sep 2026 (MoM)", quarters with their fiscal
    /// label when the snapshot defines a fiscal year ("FY2027 Q1 vs FY2026 Q4 (QoQ)").
    pub fn period_label(&self) -> String {
        self.pair.label(fiscal_start(self.snapshot()))
    }

    /// Whether the split view is on (and there is a compared period to show in it).
    pub fn split(&self) -> bool {
        self.split && self.compared.is_some()
    }

    /// The period picker, when open.
    pub fn picker(&self) -> Option<&Picker> {
        self.picker.as_ref()
    }

    /// Puts a pair of periods on screen: each period's scorecard is built on first use and
    /// kept, so switching the compared period rolls up at most that period. With more than
    /// two periods of the granularity, all of them are rolled up (on all cores, once) for the
    /// sparklines.
    pub(super) fn set_pair(&mut self, pair: PeriodPair) {
        let Some(card) = self.cards.get(pair.current) else {
            return;
        };
        let granularity = pair.current.granularity();
        if self.library().periods_of(granularity).nth(2).is_some() {
            self.cards.warm(granularity);
        }
        self.card = card;
        self.compared = pair.compared.and_then(|p| self.cards.get(p));
        self.pair = PeriodPair {
            current: pair.current,
            compared: self.compared.as_ref().map(|c| c.snapshot().period.id),
        };
    }

    /// Reviews `period`, keeping how the compared period follows it (previous, year ago, a
    /// named period, none); when that no longer resolves (no year-ago snapshot, a period of
    /// the other granularity, the named period itself), the previous period is compared.
    pub(super) fn set_period(&mut self, period: PeriodId) {
        if self.library().get(period).is_none() {
            return;
        }
        let pair = match self.choice {
            None => PeriodPair {
                current: period,
                compared: None,
            },
            Some(choice) => resolve(self.library(), Some(period), choice)
                .ok()
                .filter(|pair| pair.compared != Some(period))
                .or_else(|| resolve(self.library(), Some(period), ComparePeriod::Previous).ok())
                .unwrap_or(PeriodPair {
                    current: period,
                    compared: None,
                }),
        };
        self.set_pair(pair);
    }

    /// Compares with `period` (`None`: no comparison). A period of the other granularity, the
    /// current period itself or one not loaded is ignored. Remembers the relation (previous,
    /// year ago or this period) for when the current period changes.
    pub(super) fn set_compared(&mut self, period: Option<PeriodId>) {
        let current = self.pair.current;
        let Some(period) = period else {
            self.choice = None;
            self.set_pair(PeriodPair {
                current,
                compared: None,
            });
            return;
        };
        let valid = period != current
            && period.granularity() == current.granularity()
            && self.library().get(period).is_some();
        if !valid {
            return;
        }
        let previous = resolve(self.library(), Some(current), ComparePeriod::Previous)
            .ok()
            .and_then(|p| p.compared);
        self.choice = Some(if previous == Some(period) {
            ComparePeriod::Previous
        } else if current.year_ago() == Some(period) {
            ComparePeriod::YearAgo
        } else {
            ComparePeriod::Explicit(period)
        });
        self.set_pair(PeriodPair {
            current,
            compared: Some(period),
        });
    }

    /// Opens a period picker on the period on screen.
    pub(super) fn open_picker(&mut self, kind: PickerKind) {
        let current = self.pair.current;
        let options: Vec<Option<PeriodId>> = match kind {
            PickerKind::Current => self.library().periods().rev().map(Some).collect(),
            PickerKind::Compared => std::iter::once(None)
                .chain(
                    self.library()
                        .periods_of(current.granularity())
                        .filter(|p| *p != current)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .map(Some),
                )
                .collect(),
        };
        let on_screen = match kind {
            PickerKind::Current => Some(current),
            PickerKind::Compared => self.pair.compared,
        };
        let selected = options.iter().position(|o| *o == on_screen).unwrap_or(0);
        self.help = false;
        self.filtering = false;
        self.picker = Some(Picker {
            kind,
            options,
            selected,
        });
    }

    /// Moves the picker's cursor by `delta` choices, clamped.
    pub(super) fn move_picker(&mut self, delta: isize) {
        if let Some(picker) = &mut self.picker {
            let last = picker.options.len().saturating_sub(1);
            picker.selected = picker.selected.saturating_add_signed(delta).min(last);
        }
    }

    /// Enter in the picker: puts the chosen period on screen and closes the picker.
    pub(super) fn choose_picked(&mut self) {
        let Some(picker) = self.picker.take() else {
            return;
        };
        let Some(&choice) = picker.options.get(picker.selected) else {
            return;
        };
        match (picker.kind, choice) {
            (PickerKind::Current, Some(period)) => self.set_period(period),
            (PickerKind::Current, None) => {}
            (PickerKind::Compared, choice) => self.set_compared(choice),
        }
    }

    /// `v`: the split view on or off.
    pub(super) fn toggle_split(&mut self) {
        self.split = !self.split;
    }

    /// The levels from the ecosystem down to `target`, in the period that has it (the
    /// compared one for a dealer that is gone), so drilling works on removed rows too.
    pub(super) fn lineage(&self, target: &Level) -> Vec<Level> {
        match &self.compared {
            Some(compared)
                if self.card.node(target).is_none() && compared.node(target).is_some() =>
            {
                compared.path(target)
            }
            _ => self.card.path(target),
        }
    }
}

/// The fiscal year's first month, when the snapshot sets one.
fn fiscal_start(snapshot: &Snapshot) -> Option<u8> {
    snapshot.period.fiscal_year_start_month
}
