//! Duplicate ids, found in two steps: every accepted row's key is hashed to 64 bits and the
//! hashes sorted, which finds the hashes that repeat at the cost of a sort; only when one does
//! is the file read again, comparing the keys themselves of the rows with those hashes. A
//! duplicate is never reported on a hash alone, and a file without one is read once.

use std::collections::HashSet;
use std::hash::{BuildHasher, Hash, Hasher};

use super::values::Value;

/// A row's key hashed.
pub(super) type KeyHash = u64;

/// The seed of the key hashes: any fixed number, so that a run finds what the last one did.
const SEED: u64 = 0x6562_725f_6b65_7973;

/// The hash of a row's key from its key columns' checked values: a text value by its text
/// (given beside it), any other by the value itself, so that a key is the same whether it was
/// read from text or from a typed file.
pub(super) fn hash_key<'t>(columns: impl Iterator<Item = (Value, &'t str)>) -> KeyHash {
    let mut hasher = foldhash::quality::FixedState::with_seed(SEED).build_hasher();
    for (value, text) in columns {
        match value {
            Value::Text => {
                hasher.write(text.as_bytes());
                hasher.write_u8(0xff);
            }
            value => value.hash(&mut hasher),
        }
    }
    hasher.finish()
}

/// A row's key itself, compared when its hash repeats: each key column's checked value, with
/// its text for a text value.
pub(super) type Key = Vec<(Value, Box<str>)>;

/// The key of a row from its key columns, as [`hash_key`] reads them.
pub(super) fn key<'t>(columns: impl Iterator<Item = (Value, &'t str)>) -> Key {
    columns
        .map(|(value, text)| match value {
            Value::Text => (value, text.into()),
            value => (value, "".into()),
        })
        .collect()
}

/// The hashes found more than once among `hashes` (which it sorts).
pub(super) fn repeated_hashes(hashes: &mut [KeyHash]) -> HashSet<KeyHash> {
    hashes.sort_unstable();
    hashes
        .windows(2)
        .filter(|pair| pair[0] == pair[1])
        .map(|pair| pair[0])
        .collect()
}

/// The second reading of a file whose key hashes repeat: the keys of the rows with those
/// hashes, compared as they come.
#[derive(Debug, Default)]
pub(super) struct Repeats {
    hashes: HashSet<KeyHash>,
    seen: HashSet<Key>,
}

impl Repeats {
    /// Looks out for the keys hashed to `hashes`.
    pub(super) fn of(hashes: HashSet<KeyHash>) -> Repeats {
        Repeats {
            hashes,
            seen: HashSet::new(),
        }
    }

    /// Whether this is a second reading.
    pub(super) fn is_looking(&self) -> bool {
        !self.hashes.is_empty()
    }

    /// Whether an accepted row before this one had its key (`key` is asked for only when
    /// `hash` is one of the repeated hashes); this row's key counts as seen from now on.
    pub(super) fn seen_before(&mut self, hash: KeyHash, key: impl FnOnce() -> Key) -> bool {
        self.hashes.contains(&hash) && !self.seen.insert(key())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_key(text: &str) -> KeyHash {
        hash_key([(Value::Text, text)].into_iter())
    }

    #[test]
    fn only_hashes_found_twice_or_more_repeat() {
        let (a, b, c) = (text_key("L1"), text_key("L2"), text_key("L3"));
        let mut hashes = vec![b, a, a, c, b, a];
        assert_eq!(repeated_hashes(&mut hashes), HashSet::from([a, b]));
    }

    #[test]
    fn a_key_is_its_values_and_texts_whatever_the_other_columns() {
        let with_text = |text| [(Value::Text, text), (Value::Count(2), "02")];
        assert_eq!(
            hash_key(with_text("J1").into_iter()),
            hash_key([(Value::Text, "J1"), (Value::Count(2), "2")].into_iter())
        );
        assert_ne!(
            hash_key(with_text("J1").into_iter()),
            hash_key(with_text("J2").into_iter())
        );
        // The text ends where the next column begins.
        assert_ne!(
            hash_key([(Value::Text, "ab"), (Value::Text, "c")].into_iter()),
            hash_key([(Value::Text, "a"), (Value::Text, "bc")].into_iter())
        );
    }

    #[test]
    fn a_repeated_hash_alone_is_no_duplicate() {
        let shared = text_key("L1");
        let mut repeats = Repeats::of(HashSet::from([shared]));
        // Two different keys that (say) share a hash: neither is a duplicate.
        assert!(!repeats.seen_before(shared, || key([(Value::Text, "L1")].into_iter())));
        assert!(!repeats.seen_before(shared, || key([(Value::Text, "L9")].into_iter())));
        // The same key again is.
        assert!(repeats.seen_before(shared, || key([(Value::Text, "L1")].into_iter())));
        // A hash that does not repeat is never looked up.
        assert!(!repeats.seen_before(text_key("L2"), || unreachable!("not a repeated hash")));
    }
}
