//! The absorbing Markov chain of a path set, built once from transition counts.
//!
//! States are the last `order` channels of a journey (fewer at its beginning), after repeated
//! consecutive channels are collapsed. Besides them there are three special states: start (every
//! journey leaves it once), conversion and null (absorbing). A path with `n` conversions and `u`
//! nulls walks its states `n + u` times, then ends `n` times in conversion and `u` times in null.
//! Probabilities are transition counts over the counts leaving the state.

use crate::attribution::hash::FxHashMap;
use crate::attribution::paths::{ChannelIx, PathSet};

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

/// Largest state table kept dense (entries of 4 bytes).
const DENSE_STATES: u64 = 1 << 20;
/// Up to this many channels, a state's successors are a short list searched in place.
const LISTED_SUCCESSORS: usize = 64;

/// Interned states: a table indexed by the state's code when every possible state fits in
/// one (small alphabets, the common case), else a hash map of the packed key.
enum Index {
    Dense { table: Vec<u32>, radix: u64 },
    Hashed(FxHashMap<u64, u32>),
}

/// Transition counts: per state a short list of successors when there are few channels, else
/// one hash map. Journeys leave the start state in `start`.
struct Edges {
    lists: Vec<Vec<(u32, u128)>>,
    hashed: Option<FxHashMap<(u32, u32), u128>>,
    start: Vec<(u32, u128)>,
}

impl Edges {
    fn add(&mut self, from: u32, to: u32, weight: u128) {
        let list = if from == START {
            &mut self.start
        } else if let Some(map) = &mut self.hashed {
            *map.entry((from, to)).or_insert(0) += weight;
            return;
        } else {
            &mut self.lists[from as usize]
        };
        match list.iter_mut().find(|(t, _)| *t == to) {
            Some((_, count)) => *count += weight,
            None => list.push((to, weight)),
        }
    }

    /// Every transition between states, as (from, to, count).
    fn between_states(self) -> Vec<(u32, u32, u128)> {
        match self.hashed {
            Some(map) => map.into_iter().map(|((f, t), c)| (f, t, c)).collect(),
            None => (0u32..)
                .zip(self.lists)
                .flat_map(|(f, list)| list.into_iter().map(move |(t, c)| (f, t, c)))
                .collect(),
        }
    }
}

/// Counts gathered from the paths before they become probabilities.
struct Counts {
    index: Index,
    keys: Vec<u64>,
    edges: Edges,
    conversions: Vec<u128>,
    nulls: Vec<u128>,
    value: Vec<f64>,
}

impl Counts {
    fn new(channels: usize, order: usize) -> Counts {
        let radix = channels as u64 + 1;
        let dense = u32::try_from(order)
            .ok()
            .and_then(|k| radix.checked_pow(k))
            .filter(|&size| size <= DENSE_STATES);
        Counts {
            index: match dense {
                Some(size) => Index::Dense {
                    table: vec![u32::MAX; size as usize],
                    radix,
                },
                None => Index::Hashed(FxHashMap::default()),
            },
            keys: Vec::new(),
            edges: Edges {
                lists: Vec::new(),
                hashed: (channels > LISTED_SUCCESSORS).then(FxHashMap::default),
                start: Vec::new(),
            },
            conversions: Vec::new(),
            nulls: Vec::new(),
            value: Vec::new(),
        }
    }

    /// The id of the state with packed `key` (and, for the dense table, `code`).
    fn id(&mut self, key: u64, code: u64) -> u32 {
        // A path set holds at most u32::MAX touches, so ids fit.
        let next = self.keys.len() as u32;
        let id = match &mut self.index {
            Index::Dense { table, .. } => {
                let slot = &mut table[code as usize];
                if *slot == u32::MAX {
                    *slot = next;
                }
                *slot
            }
            Index::Hashed(map) => *map.entry(key).or_insert(next),
        };
        if id == next {
            self.keys.push(key);
            self.edges.lists.push(Vec::new());
            self.conversions.push(0);
            self.nulls.push(0);
            self.value.push(0.0);
        }
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
        let mut counts = Counts::new(paths.channels().len(), order);
        let radix = match &counts.index {
            Index::Dense { radix, .. } => *radix,
            Index::Hashed(_) => 0,
        };
        // Weight of the oldest digit of a full window, which leaves it on the next step.
        let oldest = radix.pow(order as u32 - 1);
        for path in paths.paths() {
            let weight = u128::from(path.conversions) + u128::from(path.nulls);
            if weight == 0 {
                continue;
            }
            let (mut key, mut code) = (0u64, 0u64);
            let mut window = [0u64; MAX_ORDER];
            let (mut seen, mut slot) = (0usize, 0usize);
            let mut last_channel = None;
            let mut from = START;
            for &channel in path.channels {
                if last_channel == Some(channel) {
                    continue;
                }
                last_channel = Some(channel);
                let digit = u64::from(channel) + 1;
                key = ((key << SLOT_BITS) | digit) & mask;
                // The same window in base (channels + 1), the dense table's index: the oldest
                // digit leaves a full window (a subtraction, cheaper than a remainder).
                if seen >= order {
                    code -= window[slot] * oldest;
                }
                code = code * radix + digit;
                window[slot] = digit;
                seen += 1;
                slot = if slot + 1 == order { 0 } else { slot + 1 };
                let to = counts.id(key, code);
                counts.edges.add(from, to, weight);
                from = to;
            }
            let end = from as usize;
            counts.conversions[end] += u128::from(path.conversions);
            counts.nulls[end] += u128::from(path.nulls);
            counts.value[end] += path.value_f64;
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
        let mut journeys = 0u128;
        let mut start: Vec<(u32, u128)> = Vec::with_capacity(counts.edges.start.len());
        for &(to, count) in &counts.edges.start {
            start.push((rank[to as usize], count));
            journeys += count;
        }
        for (from, to, count) in counts.edges.between_states() {
            let from = rank[from as usize] as usize;
            rows[from].push((rank[to as usize], count));
            out[from] += count;
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
