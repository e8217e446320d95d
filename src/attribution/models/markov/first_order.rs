//! Removal effects of a first-order chain from one inversion, instead of one solve per channel.
//!
//! In a first-order chain a channel is one state `s`. Removing it turns every visit to `s` into
//! null. By the strong Markov property a journey converts either without ever reaching `s`, or
//! reaches it and converts from there: `P(convert) = P(convert, never at s) + h_s · x_s`, where
//! `h_s` is the probability of reaching `s` from the start and `x_s` the probability of
//! converting from `s`. Without `s` only the first term is left, so the conversion probability
//! lost is `h_s · x_s`: the share of conversions that flow through the channel. The same holds
//! for expected value with `x_s` the value expected from `s` (reaching `s` does not depend on
//! value).
//!
//! `h_s` comes from the fundamental matrix `N = (I - Q)⁻¹`: the expected number of visits to `s`
//! from the start is `v_s = Σ_t start_t N[t][s]`, and every visit after the first is a return,
//! so `v_s = h_s · N[s][s]`. One inversion gives every channel's `h_s`; its cost is `n³` for `n`
//! states whatever the number of paths, against `n` sparse solves of hundreds of sweeps each.

use rayon::prelude::*;

use super::chain::Chain;

/// Pivots eliminated together: their rows stay in cache while every other row takes them in
/// one pass, so the matrix is read `n / BLOCK` times rather than `n` times.
const BLOCK: usize = 48;

/// `(I - Q)⁻¹` of the chain, dense and row-major, by Gauss-Jordan elimination in place. No
/// pivoting: `I - Q` of a chain whose every state is left for good is a nonsingular M-matrix
/// (diagonal 1, off-diagonal rows summing to at most 1), whose pivots stay positive and whose
/// elimination is stable without row exchanges. `None` when a pivot is not positive (a state
/// that is never left), which counts from real paths cannot produce. `progress` is told how
/// many of the `n` pivots are done.
pub fn fundamental(chain: &Chain, progress: &(dyn Fn(usize, usize) + Sync)) -> Option<Vec<f64>> {
    let n = chain.len();
    let mut a = vec![0.0f64; n * n];
    for s in 0..n {
        a[s * n + s] = 1.0;
        for k in chain.row_start[s]..chain.row_start[s + 1] {
            a[s * n + chain.col[k] as usize] -= chain.prob[k];
        }
    }
    let mut start = 0;
    while start < n {
        let end = (start + BLOCK).min(n);
        // The block's pivot rows, each as it stands when it is eliminated.
        let mut pivots: Vec<Vec<f64>> = Vec::with_capacity(end - start);
        for k in start..end {
            let row = &mut a[k * n..(k + 1) * n];
            for (j, pivot) in (start..k).zip(&pivots) {
                eliminate(row, j, pivot);
            }
            let p = row[k];
            if !(p > 0.0 && p.is_finite()) {
                return None;
            }
            row[k] = 1.0;
            row.iter_mut().for_each(|x| *x /= p);
            pivots.push(row.to_vec());
        }
        a.par_chunks_mut(n).enumerate().for_each(|(i, row)| {
            // A pivot row has taken the block's pivots before its own already.
            let first = if (start..end).contains(&i) {
                i + 1
            } else {
                start
            };
            for (j, pivot) in (first..end).zip(&pivots[first - start..]) {
                eliminate(row, j, pivot);
            }
        });
        progress(end, n);
        start = end;
    }
    Some(a)
}

/// Takes pivot `j` (its row `pivot`, already divided by the pivot) out of `row`.
fn eliminate(row: &mut [f64], j: usize, pivot: &[f64]) {
    let f = row[j];
    if f == 0.0 {
        return;
    }
    row[j] = 0.0;
    for (x, p) in row.iter_mut().zip(pivot) {
        *x -= f * p;
    }
}

/// Per state: the probability `h_s` that a journey ever reaches it, from the fundamental matrix.
pub fn reach(chain: &Chain, fundamental: &[f64]) -> Vec<f64> {
    let n = chain.len();
    let mut visits = vec![0.0f64; n];
    for &(t, p) in &chain.start {
        let row = &fundamental[t as usize * n..(t as usize + 1) * n];
        for (v, x) in visits.iter_mut().zip(row) {
            *v += p * x;
        }
    }
    (0..n)
        .map(|s| {
            let returns = fundamental[s * n + s];
            if returns > 0.0 {
                visits[s] / returns
            } else {
                0.0
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use crate::attribution::PathSetBuilder;
    use crate::attribution::models::markov::{
        chain::Chain, removal_effects_of, removal_effects_solved,
    };

    /// 150 channels, more than three blocks of pivots, with loops back to earlier channels.
    #[test]
    fn blocks_of_pivots_give_the_removal_effects_of_one_solve_per_channel() {
        let names: Vec<String> = (0..150).map(|i| format!("c{i}")).collect();
        let mut b = PathSetBuilder::new();
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        for i in 0..2_000 {
            let len = 1 + next(6) as usize;
            let touches: Vec<(&str, Option<u32>)> = (0..len)
                .map(|_| (names[next(150) as usize].as_str(), None))
                .collect();
            let conversions = next(3);
            let value = Decimal::new(i64::try_from(conversions * 1_000).unwrap_or(0), 0);
            b.push(
                touches,
                conversions,
                value,
                next(4) + u64::from(conversions == 0),
                i,
            )
            .unwrap();
        }
        let set = b.finish().unwrap();
        let chain = Chain::build(&set, 1);
        assert!(chain.len() > 3 * super::BLOCK);
        let channels = set.channels().len();
        let fast = removal_effects_of(&chain, channels, 1).unwrap();
        let solved = removal_effects_solved(&chain, channels, 1).unwrap();
        assert!(solved.removal_effects.iter().filter(|&&e| e > 1e-3).count() > 100);
        for (x, y) in fast.removal_effects.iter().zip(&solved.removal_effects) {
            assert!((x - y).abs() <= 1e-12, "{x} vs {y}");
        }
        for (x, y) in fast
            .value_removal_effects
            .iter()
            .zip(&solved.value_removal_effects)
        {
            assert!((x - y).abs() <= 1e-12, "{x} vs {y}");
        }
    }
}
