//! A row's key as one number: a 128-bit hash of its key columns with the row's index in its file,
//! so that sorting a file's keys puts repeated ids together, the first row first.

use std::collections::HashSet;
use std::hash::Hasher;

/// A row's key as two independent 64-bit hashes.
pub(super) type KeyHash = (u64, u64);

/// Bits of a [`key_and_index`] given to the row's index in its file.
pub(super) const INDEX_BITS: u32 = 40;

/// A row's key hash and its index in one number: 88 bits of hash above 40 bits of index, so
/// that sorting puts equal keys together, first row first. A false duplicate needs 88 bits to
/// collide: among 50 million keys, about one chance in 10^11.
pub(super) fn key_and_index((high, low): KeyHash, index: u64) -> Option<u128> {
    (index < 1 << INDEX_BITS).then(|| {
        (u128::from(high) << 64) | (u128::from(low >> INDEX_BITS) << INDEX_BITS) | u128::from(index)
    })
}

/// The indexes of the rows whose key an earlier row has.
pub(super) fn repeated_rows(keys: &mut [u128]) -> HashSet<u64> {
    keys.sort_unstable();
    keys.windows(2)
        .filter(|pair| pair[0] >> INDEX_BITS == pair[1] >> INDEX_BITS)
        .map(|pair| (pair[1] & ((1 << INDEX_BITS) - 1)) as u64)
        .collect()
}

/// FNV-1a: cheap, and unrelated to SipHash, which gives the key's other half.
pub(super) struct Fnv(pub(super) u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_after_the_first_with_a_key_is_repeated() {
        let (a, b) = ((1, 2 << INDEX_BITS), (1, 3 << INDEX_BITS));
        let mut keys: Vec<u128> = [(b, 9), (a, 4), (a, 7), (b, 2), (a, 1), ((5, 0), 3)]
            .into_iter()
            .map(|(hash, index)| key_and_index(hash, index).expect("a small index"))
            .collect();
        let mut repeated: Vec<u64> = repeated_rows(&mut keys).into_iter().collect();
        repeated.sort_unstable();
        assert_eq!(repeated, [4, 7, 9]);
    }

    #[test]
    fn an_index_beyond_its_bits_is_refused() {
        assert!(key_and_index((1, 1), 1 << INDEX_BITS).is_none());
        assert!(key_and_index((1, 1), (1 << INDEX_BITS) - 1).is_some());
    }
}
