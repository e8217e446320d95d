//! Absorption probabilities of the chain: the solution of `x = Q x + b` over the transient
//! states that are not removed (removed states stay at zero: their visits end in null).
//!
//! Two right-hand sides are solved together: `b = P(convert next)` gives the probability of
//! converting from each state, `b = expected value of the next step` gives the expected value.
//! Gauss-Seidel sweeps over the sparse rows run until a sweep changes no entry by more than a
//! few units in the last place; the chain of a path set loses a tenth or so of its journeys at
//! every step, so that takes a few hundred sweeps. A chain that converges too slowly is solved
//! by Gaussian elimination with partial pivoting instead, so the answer is always exact to
//! machine precision and never a simulation.

use super::chain::Chain;

/// Gauss-Seidel gives up after this many sweeps and eliminates instead.
pub const MAX_SWEEPS: usize = 5_000;
/// Largest system solved by dense elimination (memory grows with its square).
pub const DENSE_LIMIT: usize = 4_000;
/// A sweep that changes every entry by less than this, relative to the largest, has converged.
const TOLERANCE: f64 = 4.0 * f64::EPSILON;

/// How a system was solved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "method")]
pub enum Method {
    /// Gauss-Seidel iteration, with the number of sweeps.
    GaussSeidel {
        /// Sweeps until convergence.
        sweeps: usize,
    },
    /// Gaussian elimination with partial pivoting.
    Elimination,
}

/// Solves the chain with the states flagged in `removed` held at zero, starting from `warm`
/// (any non-negative guess, e.g. the solution without removal) when given. `None` when the
/// system is too slow to iterate and too large to eliminate.
pub fn solve(
    chain: &Chain,
    removed: &[bool],
    warm: Option<&[[f64; 2]]>,
) -> Option<(Vec<[f64; 2]>, Method)> {
    let mut x: Vec<[f64; 2]> = warm.map_or_else(|| chain.exit.clone(), <[_]>::to_vec);
    for (s, &gone) in removed.iter().enumerate() {
        if gone {
            x[s] = [0.0; 2];
        }
    }
    for sweep in 1..=MAX_SWEEPS {
        let mut change = [0.0f64; 2];
        let mut size = [0.0f64; 2];
        for s in 0..chain.len() {
            if removed[s] {
                continue;
            }
            let mut next = chain.exit[s];
            let row = chain.row_start[s]..chain.row_start[s + 1];
            for (&t, &p) in chain.col[row.clone()].iter().zip(&chain.prob[row]) {
                let xt = x[t as usize];
                next[0] += p * xt[0];
                next[1] += p * xt[1];
            }
            for j in 0..2 {
                change[j] = change[j].max((next[j] - x[s][j]).abs());
                size[j] = size[j].max(next[j].abs());
            }
            x[s] = next;
        }
        if (0..2).all(|j| change[j] <= TOLERANCE * size[j]) {
            return Some((x, Method::GaussSeidel { sweeps: sweep }));
        }
    }
    eliminate(chain, removed).map(|x| (x, Method::Elimination))
}

/// Solves `(I - Q) x = b` over the states kept, by Gaussian elimination with partial pivoting.
pub fn eliminate(chain: &Chain, removed: &[bool]) -> Option<Vec<[f64; 2]>> {
    let kept: Vec<usize> = (0..chain.len()).filter(|&s| !removed[s]).collect();
    let m = kept.len();
    if m > DENSE_LIMIT {
        return None;
    }
    let mut position = vec![usize::MAX; chain.len()];
    for (i, &s) in kept.iter().enumerate() {
        position[s] = i;
    }
    let mut a = vec![0.0f64; m * m];
    let mut rhs = vec![[0.0f64; 2]; m];
    for (i, &s) in kept.iter().enumerate() {
        a[i * m + i] += 1.0;
        for k in chain.row_start[s]..chain.row_start[s + 1] {
            let j = position[chain.col[k] as usize];
            if j != usize::MAX {
                a[i * m + j] -= chain.prob[k];
            }
        }
        rhs[i] = chain.exit[s];
    }
    for pivot in 0..m {
        let best = (pivot..m)
            .max_by(|&r, &q| a[r * m + pivot].abs().total_cmp(&a[q * m + pivot].abs()))?;
        if a[best * m + pivot] == 0.0 {
            // Singular: some state never leaves, which counts from real paths cannot produce.
            return None;
        }
        if best != pivot {
            for c in 0..m {
                a.swap(pivot * m + c, best * m + c);
            }
            rhs.swap(pivot, best);
        }
        let (upper, lower) = a.split_at_mut((pivot + 1) * m);
        let pivot_row = &upper[pivot * m..];
        for r in 0..m - pivot - 1 {
            let row = &mut lower[r * m..(r + 1) * m];
            let factor = row[pivot] / pivot_row[pivot];
            if factor == 0.0 {
                continue;
            }
            for c in pivot..m {
                row[c] -= factor * pivot_row[c];
            }
            let r = r + pivot + 1;
            rhs[r][0] -= factor * rhs[pivot][0];
            rhs[r][1] -= factor * rhs[pivot][1];
        }
    }
    let mut solution = vec![[0.0f64; 2]; m];
    for i in (0..m).rev() {
        let mut acc = rhs[i];
        for c in i + 1..m {
            acc[0] -= a[i * m + c] * solution[c][0];
            acc[1] -= a[i * m + c] * solution[c][1];
        }
        let d = a[i * m + i];
        solution[i] = [acc[0] / d, acc[1] / d];
    }
    let mut x = vec![[0.0f64; 2]; chain.len()];
    for (i, &s) in kept.iter().enumerate() {
        x[s] = solution[i];
    }
    Some(x)
}

/// The value of `x` seen from the start state: `Σ P(start → s) x[s]`.
pub fn from_start(chain: &Chain, x: &[[f64; 2]]) -> [f64; 2] {
    chain.start.iter().fold([0.0; 2], |acc, &(s, p)| {
        let xs = x[s as usize];
        [acc[0] + p * xs[0], acc[1] + p * xs[1]]
    })
}
