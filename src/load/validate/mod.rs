//! Semantic checks of a well-formed snapshot: every problem is collected, not only the first.
//!
//! Checks walk the typed model with a path stack of borrowed segments, so a clean snapshot
//! allocates nothing for paths or messages; text is built only for problems found.

mod dealer;
mod ecosystem;
mod refs;

use std::borrow::Cow;

use super::diagnostic::Severity;
use super::path::{FieldPath, Seg};
use crate::model::{Money, SCHEMA_VERSION, Snapshot};

/// Largest count accepted. Far above any real dealer figure, and low enough that summing
/// millions of dealer-periods can never overflow a `u64` in a roll-up.
pub const MAX_COUNT: u64 = 1_000_000_000_000;

/// Largest amount of money accepted, in either direction (10^15 of the currency). Keeps every
/// roll-up far inside `Decimal`'s range.
pub const MAX_MONEY: i64 = 1_000_000_000_000_000;

/// One problem found by the checks, located by its field path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Issue {
    pub severity: Severity,
    pub path: FieldPath,
    pub message: String,
}

/// Every semantic problem of `snapshot`, errors and warnings, in check order.
pub(crate) fn validate(snapshot: &Snapshot) -> Vec<Issue> {
    let mut c = Checker::default();
    if snapshot.schema_version != SCHEMA_VERSION {
        c.error(
            "schema_version",
            unsupported_version(u64::from(snapshot.schema_version)),
        );
        // The rest of a file of another version means something else: stop here.
        return c.issues;
    }
    ecosystem::check(&mut c, snapshot);
    let ids = refs::check(&mut c, snapshot);
    c.within("dealers", |c| {
        for (i, d) in snapshot.dealers.iter().enumerate() {
            c.within(i, |c| {
                dealer::check(c, d);
                dealer::closed_on(c, d, &snapshot.period);
            });
        }
    });
    ecosystem::check_parts(&mut c, snapshot, &ids);
    c.issues
}

/// The message for a `schema_version` this build does not read.
pub(crate) fn unsupported_version(found: u64) -> String {
    format!(
        "found {found}, expected a supported schema version: this build reads version {SCHEMA_VERSION} only"
    )
}

/// Collects issues while walking a snapshot, keeping the path to the current value.
#[derive(Default)]
pub(crate) struct Checker {
    path: Vec<Seg>,
    issues: Vec<Issue>,
}

/// What a path step can be made from: a field name or an array index.
pub(crate) trait IntoSeg {
    fn into_seg(self) -> Seg;
}

impl IntoSeg for &'static str {
    fn into_seg(self) -> Seg {
        Seg::Key(Cow::Borrowed(self))
    }
}

impl IntoSeg for usize {
    fn into_seg(self) -> Seg {
        Seg::Index(self)
    }
}

impl Checker {
    /// Runs `f` one step further down the path.
    #[inline]
    pub fn within<R>(&mut self, seg: impl IntoSeg, f: impl FnOnce(&mut Checker) -> R) -> R {
        self.path.push(seg.into_seg());
        let result = f(self);
        self.path.pop();
        result
    }

    /// Records an error at field `field` of the current value (`""`: the value itself).
    pub fn error(&mut self, field: &'static str, message: String) {
        self.push(Severity::Error, field, message);
    }

    /// Records a warning at field `field` of the current value (`""`: the value itself).
    pub fn warn(&mut self, field: &'static str, message: String) {
        self.push(Severity::Warning, field, message);
    }

    fn push(&mut self, severity: Severity, field: &'static str, message: String) {
        let mut path = FieldPath(self.path.clone());
        if !field.is_empty() {
            path = path.key(field);
        }
        self.issues.push(Issue {
            severity,
            path,
            message,
        });
    }

    /// A count must stay below [`MAX_COUNT`].
    pub fn count(&mut self, field: &'static str, value: u64) {
        if value > MAX_COUNT {
            self.error(
                field,
                format!("found {value}, expected a count of at most {MAX_COUNT}: the figure is implausible (a corrupt export?)"),
            );
        }
    }

    /// Money must stay within ±[`MAX_MONEY`] and, unless `may_be_negative`, not be negative.
    pub fn money(&mut self, field: &'static str, value: Money, may_be_negative: bool) {
        let amount = value.amount();
        // |amount| ≤ |mantissa|, so a small mantissa settles it without a decimal comparison.
        let small = amount.mantissa().unsigned_abs() <= MAX_MONEY as u128;
        if !small && amount.abs() > rust_decimal::Decimal::from(MAX_MONEY) {
            self.error(
                field,
                format!("found {value}, expected an amount of at most {MAX_MONEY} in size: the figure is implausible (a corrupt export?)"),
            );
        } else if !may_be_negative && value.is_negative() {
            self.error(
                field,
                format!(
                    "found {value}, expected an amount of 0 or more: this amount cannot be negative"
                ),
            );
        }
    }

    /// A part must not exceed its whole; `whole_name` says what the whole is, e.g.
    /// `offers_made`.
    pub fn at_most(&mut self, field: &'static str, part: u64, whole_name: &str, whole: u64) {
        if part > whole {
            self.error(
                field,
                format!("found {part}, expected at most {whole_name} = {whole}"),
            );
        }
    }
}

/// Adds amounts that have passed the bound checks; `None` only if they had not.
pub(crate) fn sum_money<'a>(amounts: impl IntoIterator<Item = &'a Money>) -> Option<Money> {
    amounts
        .into_iter()
        .try_fold(Money::ZERO, |total, m| total.checked_add(*m))
}

#[cfg(test)]
mod tests;
