//! The absorbing Markov chain of a path set, built once from transition counts.
//!
//! States are the last `order` channels of a journey (fewer at its beginning), after repeated
//! consecutive channels are collapsed. Besides them there are three special states: start (every
//! journey leaves it once), conversion and null (absorbing). A path with `n` conversions and `u`
//! nulls walks its states `n + u` times, then ends `n` times in conversion and `u` times in null.
//! Probabilities are transition counts over the counts leaving the state.

use crate::attribution::hash::FxHashMap;
use crate::attribution::paths::{ChannelIx, PathSet};
use rust_decimal::prelude::ToPrimitive;

/// The highest order a state key can hold (four channels of 16 bits in a `u64`).
pub const MAX_ORDER: usize = 4;

const SLOT_BITS: u32 = 16;
const START: u32 = u32::MAX;

/// A transient state: the last channels of a journey, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct State(pub Vec<ChannelIx>);

/// The chain over its transient states, in canonical order (shorter states first, then by
/// channel index), stored as a sparse matrix.
#[derive(Debug, Clone)]
pub struct Chain {
    /// Transient states.
    pub states: Vec<State>,
    /// Row `s` of the transient part is `col/prob[row_start[s]..row_start[s + 1]]`.
    pub row_start: Vec<usize>,
    /// Target state of each transition.
    pub col: Vec<u32>,
    /// Probability of each transition.
    pub prob: Vec<f64>,
    /// Per state: probability of converting next, and expected conversion value of the next step.
    pub exit: Vec<[f64; 2]>,
    /// Where journeys begin, with probabilities.
    pub start: Vec<(u32, f64)>,
}

/// Counts gathered from the paths before they become probabilities.
#[derive(Default)]
struct Counts {
    ids: FxHashMap<u64, u32>,
    keys: Vec<u64>,
    edges: FxHashMap<(u32, u32), u128>,
    conversions: Vec<u128>,
    nulls: Vec<u128>,
    value: Vec<f64>,
}

impl Counts {
    fn id(&mut self, key: u64) -> u32 {
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        // A path set holds at most u32::MAX touches, so ids fit.
        let id = self.keys.len() as u32;
        self.ids.insert(key, id);
        self.keys.push(key);
        self.conversions.push(0);
        self.nulls.push(0);
        self.value.push(0.0);
        id
    }
}

impl Chain {
    /// Builds the chain of order `order` (1 to [`MAX_ORDER`]) from the paths.
    pub fn build(paths: &PathSet, order: usize) -> Chain {
        let order = order.clamp(1, MAX_ORDER);
        let mask = if order * SLOT_BITS as usize >= 64 {
            u64::MAX
        } else {
            (1u64 << (order as u32 * SLOT_BITS)) - 1
        };
        let mut counts = Counts::default();
        for path in paths.paths() {
            let weight = u128::from(path.conversions) + u128::from(path.nulls);
            if weight == 0 {
                continue;
            }
            let mut key = 0u64;
            let mut last_channel = None;
            let mut from = START;
            for &channel in path.channels {
                if last_channel == Some(channel) {
                    continue;
                }
                last_channel = Some(channel);
                key = ((key << SLOT_BITS) | (u64::from(channel) + 1)) & mask;
                let to = counts.id(key);
                *counts.edges.entry((from, to)).or_insert(0) += weight;
                from = to;
            }
            let end = from as usize;
            counts.conversions[end] += u128::from(path.conversions);
            counts.nulls[end] += u128::from(path.nulls);
            counts.value[end] += path.value.to_f64().unwrap_or(0.0);
        }
        Chain::from_counts(counts)
    }

    fn from_counts(counts: Counts) -> Chain {
        // Canonical order: by the decoded state, so ids assigned in input order do not matter.
        let decoded: Vec<State> = counts.keys.iter().map(|&k| decode(k)).collect();
        let mut order: Vec<u32> = (0..decoded.len() as u32).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&decoded[a as usize], &decoded[b as usize]);
            a.0.len().cmp(&b.0.len()).then_with(|| a.cmp(b))
        });
        let mut rank = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            rank[old as usize] = new as u32;
        }
        let n = order.len();
        let mut out = vec![0u128; n];
        let mut rows: Vec<Vec<(u32, u128)>> = vec![Vec::new(); n];
        let mut start = Vec::new();
        let mut journeys = 0u128;
        for (&(from, to), &count) in &counts.edges {
            let to = rank[to as usize];
            if from == START {
                start.push((to, count));
                journeys += count;
            } else {
                let from = rank[from as usize] as usize;
                rows[from].push((to, count));
                out[from] += count;
            }
        }
        for old in 0..n {
            out[rank[old] as usize] += counts.conversions[old] + counts.nulls[old];
        }
        let mut chain = Chain {
            states: Vec::with_capacity(n),
            row_start: Vec::with_capacity(n + 1),
            col: Vec::new(),
            prob: Vec::new(),
            exit: Vec::with_capacity(n),
            start: Vec::new(),
        };
        chain.row_start.push(0);
        for (s, &old) in order.iter().enumerate() {
            let old = old as usize;
            let leaving = out[s] as f64;
            rows[s].sort_unstable();
            for &(to, count) in &rows[s] {
                chain.col.push(to);
                chain.prob.push(count as f64 / leaving);
            }
            chain.row_start.push(chain.col.len());
            chain.exit.push([
                counts.conversions[old] as f64 / leaving,
                counts.value[old] / leaving,
            ]);
            chain.states.push(decoded[old].clone());
        }
        start.sort_unstable();
        let journeys = journeys as f64;
        chain.start = start
            .into_iter()
            .map(|(to, count)| (to, count as f64 / journeys))
            .collect();
        chain
    }

    /// Number of transient states.
    pub fn len(&self) -> usize {
        self.states.len()
    }

    /// Whether the chain has no transient state (no journey at all).
    pub fn is_empty(&self) -> bool {
        self.states.is_empty()
    }

    /// For each channel (`0..channels`), the states that contain it: removing the channel turns
    /// every visit to them into null.
    pub fn states_with_channel(&self, channels: usize) -> Vec<Vec<u32>> {
        let mut with = vec![Vec::new(); channels];
        for (s, state) in self.states.iter().enumerate() {
            let mut seen: Vec<ChannelIx> = state.0.clone();
            seen.sort_unstable();
            seen.dedup();
            for c in seen {
                if let Some(list) = with.get_mut(usize::from(c)) {
                    list.push(s as u32);
                }
            }
        }
        with
    }
}

/// The channels of a state key, oldest first.
fn decode(mut key: u64) -> State {
    let mut channels = Vec::with_capacity(MAX_ORDER);
    while key != 0 {
        // Slots hold channel + 1, so an empty slot is 0 and ends the state.
        channels.push((key & 0xFFFF) as ChannelIx - 1);
        key >>= SLOT_BITS;
    }
    channels.reverse();
    State(channels)
}
