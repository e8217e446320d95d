//! Conversion paths in one compact, canonical form that every model reads.
//!
//! Channel names are interned to small integers and the touches of all paths live in one flat
//! array, so a model walks a million touches without chasing pointers or hashing strings. The
//! set is canonical: paths are sorted and identical paths merged, so no result can depend on the
//! order of the input rows.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::hash::FxHashMap;

/// Index of a channel in a [`PathSet`] (`0..channels().len()`).
pub type ChannelIx = u16;

/// Why a path cannot be used. The caller adds where the path came from (a file line, an index).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PathProblem {
    /// The path has no touch at all.
    #[error("empty path: a path needs at least one channel")]
    EmptyPath,
    /// A channel name is blank, e.g. `A > > B`.
    #[error("touch {touch} has an empty channel name")]
    EmptyChannel {
        /// 1-based position of the blank touch.
        touch: usize,
    },
    /// The conversion value is below zero.
    #[error("conversion value {0} is negative")]
    NegativeValue(Decimal),
    /// A value was recorded for a path that never converted.
    #[error("conversion value {0} without any conversion")]
    ValueWithoutConversions(Decimal),
    /// More distinct channels than the models can index.
    #[error("more than {} distinct channels", ChannelIx::MAX - 1)]
    TooManyChannels,
    /// Summing conversions, nulls or value left the range of their type.
    #[error("the totals overflow")]
    Overflow,
}

/// One path as stored: a span of the flat touch array plus its outcomes.
#[derive(Debug, Clone)]
struct Record {
    start: u32,
    len: u32,
    has_days: bool,
    conversions: u64,
    value: Decimal,
    /// `value` as a float, converted once: the models weigh with it on every run.
    value_f64: f64,
    nulls: u64,
    origin: usize,
}

/// One path as the models see it.
#[derive(Debug, Clone, Copy)]
pub struct PathView<'a> {
    /// Channels touched, first touch first.
    pub channels: &'a [ChannelIx],
    /// Days before conversion of each touch, when every touch of the path has them.
    pub days: Option<&'a [u32]>,
    /// Journeys along this path that converted.
    pub conversions: u64,
    /// Value of those conversions.
    pub value: Decimal,
    /// The value as a float, for weighting (the credits themselves stay decimal).
    pub value_f64: f64,
    /// Journeys along this path that did not convert.
    pub nulls: u64,
    /// Where the path came from (the caller's line number or index; the smallest when merged).
    pub origin: usize,
}

/// What the paths add up to: every model must hand out exactly these.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Totals {
    /// Distinct paths after merging identical ones.
    pub paths: usize,
    /// Conversions over all paths.
    pub conversions: u64,
    /// Conversion value over all paths.
    pub value: Decimal,
    /// Non-converting journeys over all paths.
    pub nulls: u64,
}

/// A canonical set of conversion paths over interned channels.
#[derive(Debug, Clone, Default)]
pub struct PathSet {
    channels: Vec<String>,
    touches: Vec<ChannelIx>,
    days: Vec<u32>,
    records: Vec<Record>,
    totals: Totals,
}

impl PathSet {
    /// Channel names; a [`ChannelIx`] indexes this slice.
    pub fn channels(&self) -> &[String] {
        &self.channels
    }

    /// The paths in canonical order.
    pub fn paths(&self) -> impl ExactSizeIterator<Item = PathView<'_>> + '_ {
        self.records.iter().map(|r| {
            let span = r.start as usize..(r.start + r.len) as usize;
            PathView {
                channels: &self.touches[span.clone()],
                days: r.has_days.then(|| &self.days[span]),
                conversions: r.conversions,
                value: r.value,
                value_f64: r.value_f64,
                nulls: r.nulls,
                origin: r.origin,
            }
        })
    }

    /// What the paths add up to.
    pub fn totals(&self) -> Totals {
        self.totals
    }

    /// Touches over all paths (the size of the work a model does).
    pub fn touch_count(&self) -> usize {
        self.touches.len()
    }
}

/// Collects paths, interning channel names, then makes the canonical [`PathSet`].
#[derive(Debug, Default)]
pub struct PathSetBuilder {
    names: FxHashMap<String, ChannelIx>,
    channels: Vec<String>,
    declared: usize,
    touches: Vec<ChannelIx>,
    days: Vec<u32>,
    records: Vec<Record>,
}

impl PathSetBuilder {
    /// An empty builder whose channels are the ones the paths name, in name order.
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder whose first channels are `names`, in this order, even if no path touches
    /// them (so a declared channel shows with zero credit). Channels only the paths name follow,
    /// in name order. Repeated names are kept once.
    pub fn with_channels<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Self {
        let mut builder = Self::default();
        for name in names {
            // A declared list longer than the index space is reported by the first path that
            // needs a new channel; declared names themselves never fail here.
            let _ = builder.intern(name.as_ref());
        }
        builder.declared = builder.channels.len();
        builder
    }

    fn intern(&mut self, name: &str) -> Result<ChannelIx, PathProblem> {
        if let Some(&ix) = self.names.get(name) {
            return Ok(ix);
        }
        // The top index is kept free: the Markov chain stores `index + 1` in 16 bits.
        let ix = ChannelIx::try_from(self.channels.len())
            .ok()
            .filter(|&ix| ix < ChannelIx::MAX)
            .ok_or(PathProblem::TooManyChannels)?;
        self.names.insert(name.to_owned(), ix);
        self.channels.push(name.to_owned());
        Ok(ix)
    }

    /// Adds one path. `touches` are channel names (trimmed here) with days before conversion when
    /// known (a path with days on only some touches is kept, without days: only time decay needs
    /// them). `origin` is echoed in errors and in [`PathView::origin`].
    pub fn push<'a>(
        &mut self,
        touches: impl IntoIterator<Item = (&'a str, Option<u32>)>,
        conversions: u64,
        value: Decimal,
        nulls: u64,
        origin: usize,
    ) -> Result<(), PathProblem> {
        if value.is_sign_negative() && !value.is_zero() {
            return Err(PathProblem::NegativeValue(value));
        }
        if conversions == 0 && !value.is_zero() {
            return Err(PathProblem::ValueWithoutConversions(value));
        }
        let start = self.touches.len();
        let known = self.channels.len();
        let has_days = match self.push_touches(touches) {
            Ok(has_days) => has_days,
            Err(problem) => {
                // A refused path leaves nothing behind, not even a channel only it named.
                self.touches.truncate(start);
                self.days.truncate(start);
                for name in self.channels.drain(known..) {
                    self.names.remove(&name);
                }
                return Err(problem);
            }
        };
        if !has_days {
            // Partial days are unusable; cleared so the path merges with its day-less twins.
            self.days[start..].iter_mut().for_each(|d| *d = 0);
        }
        let (Ok(start_u32), Ok(len)) = (
            u32::try_from(start),
            u32::try_from(self.touches.len() - start),
        ) else {
            return Err(PathProblem::Overflow);
        };
        self.records.push(Record {
            start: start_u32,
            len,
            has_days,
            conversions,
            value,
            value_f64: 0.0,
            nulls,
            origin,
        });
        Ok(())
    }

    /// Appends the touches; returns whether every one of them carries days (time decay needs
    /// them all; the other models need none).
    fn push_touches<'a>(
        &mut self,
        touches: impl IntoIterator<Item = (&'a str, Option<u32>)>,
    ) -> Result<bool, PathProblem> {
        let mut all_days = true;
        let mut count = 0;
        for (position, (name, days)) in touches.into_iter().enumerate() {
            let name = name.trim();
            if name.is_empty() {
                return Err(PathProblem::EmptyChannel {
                    touch: position + 1,
                });
            }
            let ix = self.intern(name)?;
            self.touches.push(ix);
            self.days.push(days.unwrap_or(0));
            all_days &= days.is_some();
            count += 1;
        }
        if count == 0 {
            return Err(PathProblem::EmptyPath);
        }
        Ok(all_days)
    }

    /// The canonical set: undeclared channels in name order, paths sorted, identical paths
    /// (same channels and days) merged by adding their outcomes.
    pub fn finish(self) -> Result<PathSet, PathProblem> {
        let remap = self.channel_order();
        let mut channels = vec![String::new(); self.channels.len()];
        for (old, name) in self.channels.into_iter().enumerate() {
            channels[usize::from(remap[old])] = name;
        }
        let touches: Vec<ChannelIx> = self
            .touches
            .iter()
            .map(|&c| remap[usize::from(c)])
            .collect();
        let days = self.days;
        let key = |r: &Record| {
            let span = r.start as usize..(r.start + r.len) as usize;
            (&touches[span.clone()], r.has_days, &days[span])
        };
        let mut records = self.records;
        records.sort_by(|a, b| key(a).cmp(&key(b)).then(a.origin.cmp(&b.origin)));
        let mut merged: Vec<Record> = Vec::with_capacity(records.len());
        for record in records {
            match merged.last_mut() {
                Some(last) if key(last) == key(&record) => {
                    last.conversions = last
                        .conversions
                        .checked_add(record.conversions)
                        .ok_or(PathProblem::Overflow)?;
                    last.nulls = last
                        .nulls
                        .checked_add(record.nulls)
                        .ok_or(PathProblem::Overflow)?;
                    last.value = last
                        .value
                        .checked_add(record.value)
                        .ok_or(PathProblem::Overflow)?;
                }
                _ => merged.push(record),
            }
        }
        let mut totals = Totals {
            paths: merged.len(),
            ..Totals::default()
        };
        for r in &merged {
            totals.conversions = totals
                .conversions
                .checked_add(r.conversions)
                .ok_or(PathProblem::Overflow)?;
            totals.nulls = totals
                .nulls
                .checked_add(r.nulls)
                .ok_or(PathProblem::Overflow)?;
            totals.value = totals
                .value
                .checked_add(r.value)
                .ok_or(PathProblem::Overflow)?;
        }
        for r in &mut merged {
            r.value_f64 = r.value.to_f64().unwrap_or(0.0);
        }
        // Touches laid out in path order, so a model reads them front to back.
        let mut ordered = Vec::with_capacity(touches.len());
        let mut ordered_days = Vec::with_capacity(days.len());
        for r in &mut merged {
            let span = r.start as usize..(r.start + r.len) as usize;
            r.start = u32::try_from(ordered.len()).map_err(|_| PathProblem::Overflow)?;
            ordered.extend_from_slice(&touches[span.clone()]);
            ordered_days.extend_from_slice(&days[span]);
        }
        Ok(PathSet {
            channels,
            touches: ordered,
            days: ordered_days,
            records: merged,
            totals,
        })
    }

    /// New index of every channel: declared ones keep theirs, the others follow by name.
    fn channel_order(&self) -> Vec<ChannelIx> {
        let mut extra: Vec<usize> = (self.declared..self.channels.len()).collect();
        extra.sort_by(|&a, &b| self.channels[a].cmp(&self.channels[b]));
        let mut remap: Vec<ChannelIx> = (0..self.channels.len())
            .map(|i| ChannelIx::try_from(i).unwrap_or(ChannelIx::MAX))
            .collect();
        for (offset, old) in extra.into_iter().enumerate() {
            remap[old] = ChannelIx::try_from(self.declared + offset).unwrap_or(ChannelIx::MAX);
        }
        remap
    }
}

#[cfg(test)]
#[path = "paths_tests.rs"]
mod tests;
