//! A small seeded random-number generator, so the sample is the same on every machine.
//!
//! SplitMix64 (Steele, Lea and Flood, 2014): tiny, fast and statistically good enough for
//! plausible noise. Every entity (a dealer, a dealer in a month, the path universe...) gets its
//! own stream derived from the seed and the entity's key, so values do not depend on the order in
//! which things are generated, and generation can run in parallel.
//!
//! Only `+ - * /` and `round` are used on floats (no `sin`, `exp`, `powf`): those are exactly
//! rounded by IEEE 754 everywhere, so the generated files are byte-identical across platforms.

/// A SplitMix64 stream.
#[derive(Clone, Debug)]
pub struct Rng {
    state: u64,
}

/// One step of the SplitMix64 output function: mixes any 64-bit value into a well-spread one.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Rng {
    /// The stream for `seed` and an entity key made of a few integers (kind, index, month...).
    pub fn keyed(seed: u64, key: &[u64]) -> Rng {
        let state = key
            .iter()
            .fold(mix(seed ^ 0x5eed_5eed_5eed_5eed), |acc, part| {
                mix(acc ^ mix(part.wrapping_add(0x9e37_79b9_7f4a_7c15)))
            });
        Rng { state }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        mix(self.state)
    }

    /// A uniform float in `[0, 1)` with 53 random bits.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A uniform float in `[low, high)`.
    pub fn range(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.unit()
    }

    /// A multiplier around 1: uniform in `[1 - spread, 1 + spread)`.
    pub fn jitter(&mut self, spread: f64) -> f64 {
        self.range(1.0 - spread, 1.0 + spread)
    }

    /// A uniform integer in `[0, n)`; 0 when `n` is 0.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        // Multiply-shift keeps the bias below 2^-64 per draw, far below anything visible.
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Picks an index with probability proportional to its weight; 0 when all weights are 0.
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut target = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if target < *w {
                return i;
            }
            target -= w;
        }
        weights.len().saturating_sub(1)
    }
}

/// Rounds a non-negative quantity to a whole count (negative inputs give 0).
pub fn count(x: f64) -> u64 {
    if x.is_finite() && x > 0.0 {
        x.round() as u64
    } else {
        0
    }
}

/// Takes a share of a whole count, rounded, never more than the whole.
pub fn part_of(whole: u64, share: f64) -> u64 {
    count(whole as f64 * share).min(whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_key_gives_the_same_stream_and_other_keys_differ() {
        let a: Vec<u64> = (0..4)
            .map({
                let mut r = Rng::keyed(7, &[1, 2]);
                move |_| r.next_u64()
            })
            .collect();
        let b: Vec<u64> = (0..4)
            .map({
                let mut r = Rng::keyed(7, &[1, 2]);
                move |_| r.next_u64()
            })
            .collect();
        let c = Rng::keyed(7, &[2, 1]).next_u64();
        let d = Rng::keyed(8, &[1, 2]).next_u64();
        assert_eq!(a, b);
        assert_ne!(a[0], c);
        assert_ne!(a[0], d);
    }

    #[test]
    fn draws_stay_in_their_ranges() {
        let mut r = Rng::keyed(1, &[]);
        for _ in 0..10_000 {
            let u = r.unit();
            assert!((0.0..1.0).contains(&u));
            assert!(r.below(7) < 7);
            let j = r.jitter(0.1);
            assert!((0.9..1.1).contains(&j));
        }
        assert_eq!(r.below(0), 0);
    }

    #[test]
    fn weighted_picks_follow_the_weights() {
        let mut r = Rng::keyed(3, &[]);
        let mut hits = [0u32; 3];
        for _ in 0..30_000 {
            hits[r.weighted(&[1.0, 0.0, 3.0])] += 1;
        }
        assert_eq!(hits[1], 0);
        // 1:3 split, within a generous margin.
        assert!((6_500..8_500).contains(&hits[0]), "{hits:?}");
    }

    #[test]
    fn parts_never_exceed_their_whole() {
        assert_eq!(part_of(10, 1.2), 10);
        assert_eq!(part_of(10, 0.25), 3);
        assert_eq!(count(-3.0), 0);
        assert_eq!(count(f64::NAN), 0);
    }
}
