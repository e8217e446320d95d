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

/// The hash of a key of one text column, from its UTF-8 bytes: [`hash_key`] of that text.
pub(super) fn hash_text_key(text: &[u8]) -> KeyHash {
    let mut hasher = foldhash::quality::FixedState::with_seed(SEED).build_hasher();
    hasher.write(text);
    hasher.write_u8(0xff);
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

/// Every accepted row's key hash, gathered in 256 lists by the hash's top byte, so that each
/// list's table of hashes (see [`repeats_by_table`]) fits in a core's cache: finding the
/// repeats of 27 M random hashes so took under a fifth of the time of sorting them all.
#[derive(Debug)]
pub(super) struct KeyHashes {
    by_top_byte: Vec<Vec<KeyHash>>,
}

impl Default for KeyHashes {
    fn default() -> Self {
        KeyHashes {
            by_top_byte: vec![Vec::new(); 256],
        }
    }
}

impl KeyHashes {
    /// Makes room for the hashes of about `rows` more rows at once.
    pub(super) fn reserve(&mut self, rows: usize) {
        // Hashes spread evenly over the top bytes; an eighth more absorbs the unevenness.
        let each = rows / 256 + rows / 2048;
        for list in &mut self.by_top_byte {
            list.reserve(each);
        }
    }

    pub(super) fn push(&mut self, hash: KeyHash) {
        self.by_top_byte[(hash >> 56) as usize].push(hash);
    }

    /// The hashes pushed more than once.
    pub(super) fn repeated(&mut self) -> HashSet<KeyHash> {
        let mut repeated = HashSet::new();
        let mut slots = Vec::new();
        for list in &mut self.by_top_byte {
            if !repeats_by_table(list, &mut slots, &mut repeated) {
                list.sort_unstable();
                repeated.extend(
                    list.windows(2)
                        .filter(|pair| pair[0] == pair[1])
                        .map(|pair| pair[0]),
                );
            }
        }
        repeated
    }
}

/// Adds the hashes found more than once in `list` to `repeated`, in one pass through a table
/// of twice as many slots (`slots`, reused from list to list), 0 marking an empty slot; `false`
/// if it gave up because the hashes crowd a few slots. Only ids chosen to collide crowd them:
/// the caller then sorts the list instead, whose cost does not depend on the ids.
fn repeats_by_table(
    list: &[KeyHash],
    slots: &mut Vec<KeyHash>,
    repeated: &mut HashSet<KeyHash>,
) -> bool {
    let size = (list.len() * 2).next_power_of_two().max(16);
    slots.clear();
    slots.resize(size, 0);
    let mask = size - 1;
    let mut steps_left = list.len() * 4 + 64;
    let mut zero_seen = false;
    for &hash in list {
        if hash == 0 {
            if zero_seen {
                repeated.insert(0);
            }
            zero_seen = true;
            continue;
        }
        // The low bits: the top byte is the list's own.
        let mut at = hash as usize & mask;
        loop {
            match slots[at] {
                0 => {
                    slots[at] = hash;
                    break;
                }
                found if found == hash => {
                    repeated.insert(hash);
                    break;
                }
                _ => {}
            }
            steps_left = match steps_left.checked_sub(1) {
                Some(left) => left,
                None => return false,
            };
            at = (at + 1) & mask;
        }
    }
    true
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
        let mut hashes = KeyHashes::default();
        for hash in [b, a, a, c, b, a] {
            hashes.push(hash);
        }
        assert_eq!(hashes.repeated(), HashSet::from([a, b]));
    }

    #[test]
    fn hashes_crowding_one_slot_still_repeat_exactly() {
        // Equal low bits put every hash in the same slot: the table gives up, the sort finds
        // them.
        let crowded: Vec<KeyHash> = (1..2_000_u64).map(|k| k << 40).collect();
        let mut hashes = KeyHashes::default();
        for &hash in crowded.iter().chain(&crowded[..5]) {
            hashes.push(hash);
        }
        assert_eq!(hashes.repeated(), crowded[..5].iter().copied().collect());
    }

    proptest::proptest! {
        // Hashes drawn from a few top bytes and few values, so that lists fill and repeat.
        #[test]
        fn the_repeated_hashes_are_those_pushed_twice_or_more(
            drawn in proptest::collection::vec((0_u64..4, 0_u64..40), 0..300)
        ) {
            let pushed: Vec<KeyHash> = drawn.iter().map(|(top, low)| top << 56 | low).collect();
            let mut times: std::collections::HashMap<KeyHash, usize> = Default::default();
            for hash in &pushed {
                *times.entry(*hash).or_default() += 1;
            }
            let mut hashes = KeyHashes::default();
            hashes.reserve(pushed.len());
            for &hash in &pushed {
                hashes.push(hash);
            }
            let twice: HashSet<KeyHash> =
                times.into_iter().filter(|(_, n)| *n > 1).map(|(hash, _)| hash).collect();
            proptest::prop_assert_eq!(hashes.repeated(), twice);
        }
    }

    proptest::proptest! {
        #[test]
        fn a_text_key_hashed_from_its_bytes_is_hashed_as_its_text(text in ".{0,40}") {
            proptest::prop_assert_eq!(hash_text_key(text.as_bytes()), text_key(&text));
        }
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
