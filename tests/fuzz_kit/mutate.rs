//! Making one input: a valid file mutated one to four times (byte flips, insertions,
//! deletions, truncation, duplicated or spliced chunks, lines moved, and extreme numbers,
//! hostile strings or deep nesting swapped into a value), or random bytes, or a soup of the
//! format's own words.

use super::Rng;

/// Numbers at the edges of every type a loader converts into (u16/u32/u64/i64, f64,
/// `Decimal`'s 28 digits and 28 decimals) and things that only look like numbers.
const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "-1",
    "1",
    "0.5",
    "1.5",
    "65535",
    "65536",
    "4294967295",
    "4294967296",
    "2147483647",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "79228162514264337593543950335",
    "79228162514264337593543950336",
    "-79228162514264337593543950335",
    "0.0000000000000000000000000001",
    "0.00000000000000000000000000000000001",
    "7922816251426433759354395033.5",
    "123456789012345678901234567890.123456789",
    "99999999999999999999999999999999999999999",
    "1e308",
    "1e-308",
    "-1e308",
    "1e400",
    "5e-324",
    "1E28",
    "nan",
    "inf",
    "-inf",
    "+1",
    "1_000",
    "0x10",
];

/// Strings a hostile or careless file holds: terminal controls (written as `\u` escapes, which
/// TOML and JSON strings both read), bidi overrides, noncharacters, wide and joined glyphs, the
/// separators of the formats and of ebr's own syntax, dates and periods at the edges of the
/// calendar, and words the loaders give meaning to.
const STRINGS: &[&str] = &[
    "",
    " ",
    "\\u001B[2J",
    "\\u001B]52;c;aGk=\\u0007",
    "\\u009B31m",
    "\\u202E",
    "\\uFFFE",
    "\\u0000",
    "\\uD800",
    "👨\u{200d}👩\u{200d}👧",
    "❤\u{fe0f}",
    "東京オートモール",
    "a > b",
    ">",
    ";",
    "\\\"",
    "\\\\",
    "/",
    "..",
    "central/g08/d040",
    "2026-10",
    "2026-Q4",
    "2026-Q5",
    "2026-13",
    "9999-12",
    "0000-01",
    "-2026-10",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "2026-10-01T00:00:00Z",
    "-1",
    "NaN",
    "overview",
    "attribution",
    "markov",
    "markov3",
    "time-decay",
    "previous",
    "yoy",
    "none",
    "latest-month",
    "latest-quarter",
    "ctrl-alt-f12",
    "revenue desc",
    "USD",
    "XXX",
];

/// Bytes that mean something to one of the formats.
const SPECIAL_BYTES: &[u8] = b"\0\xff\x80\xc3\"'\n\r\t[]{}=,:;>#\\.-+eE0 ";

/// One input: usually a mutated seed, sometimes random bytes or a soup of words.
pub fn input(rng: &mut Rng, seeds: &[Vec<u8>], words: &[&str]) -> Vec<u8> {
    match rng.below(100) {
        0..=6 => random_bytes(rng),
        7..=11 => soup(rng, words),
        // One value swapped and the structure kept: most of these still load, so what
        // comes after loading sees extreme and hostile values.
        12..=39 => {
            let mut bytes = rng.pick(seeds).clone();
            let kind = match rng.below(3) {
                0 => Value::Number,
                _ => Value::String,
            };
            swap_value(rng, &mut bytes, kind);
            bytes
        }
        _ => {
            let mut bytes = rng.pick(seeds).clone();
            for _ in 0..1 + rng.below(4) {
                mutate(rng, &mut bytes, seeds, words);
            }
            bytes
        }
    }
}

fn random_bytes(rng: &mut Rng) -> Vec<u8> {
    let len = rng.below(600);
    if rng.chance(50) {
        (0..len).map(|_| rng.next() as u8).collect()
    } else {
        // Printable ASCII and line breaks get further into a parser than arbitrary bytes.
        (0..len)
            .map(|_| match rng.below(20) {
                0 => b'\n',
                _ => 0x20 + rng.below(95) as u8,
            })
            .collect()
    }
}

fn soup(rng: &mut Rng, words: &[&str]) -> Vec<u8> {
    let mut out = String::new();
    for _ in 0..rng.below(80) {
        match rng.below(4) {
            0 => out.push_str(rng.pick::<&str>(NUMBERS)),
            1 => out.push_str(rng.pick::<&str>(STRINGS)),
            _ => out.push_str(rng.pick::<&str>(words)),
        }
        out.push(char::from(*rng.pick(b" \n=:;,>\"[]{}")));
    }
    out.into_bytes()
}

/// One mutation, in place.
pub fn mutate(rng: &mut Rng, bytes: &mut Vec<u8>, seeds: &[Vec<u8>], words: &[&str]) {
    let len = bytes.len();
    match rng.below(15) {
        0 if len > 0 => {
            let at = rng.below(len);
            bytes[at] ^= 1 << rng.below(8);
        }
        1 if len > 0 => {
            let at = rng.below(len);
            bytes[at] = *rng.pick(SPECIAL_BYTES);
        }
        2 => {
            let at = rng.below(len + 1);
            let add: Vec<u8> = (0..1 + rng.below(16)).map(|_| rng.next() as u8).collect();
            bytes.splice(at..at, add);
        }
        3 if len > 0 => {
            let at = rng.below(len);
            let end = (at + 1 + rng.below(64)).min(len);
            bytes.drain(at..end);
        }
        4 => bytes.truncate(rng.below(len + 1)),
        5 if len > 0 => {
            // A chunk repeated elsewhere: tables, rows, keys twice.
            let at = rng.below(len);
            let end = (at + 1 + rng.below(512)).min(len);
            let chunk = bytes[at..end].to_vec();
            let to = rng.below(len + 1);
            bytes.splice(to..to, chunk);
        }
        6 => {
            // Spliced with another valid file: the head of one, the tail of the other.
            let other = rng.pick(seeds);
            let cut = rng.below(len + 1);
            let from = rng.below(other.len() + 1);
            bytes.truncate(cut);
            bytes.extend_from_slice(&other[from..]);
        }
        7 | 8 => swap_value(rng, bytes, Value::Number),
        9 | 10 => swap_value(rng, bytes, Value::String),
        11 => swap_value(rng, bytes, Value::Nested),
        12 => lines(rng, bytes),
        13 => {
            let at = rng.below(len + 1);
            let word = rng.pick(words).as_bytes().to_vec();
            bytes.splice(at..at, word);
        }
        _ => {
            // A value repeated many times: long strings, long lines, many rows.
            let at = rng.below(len + 1);
            let unit = rng.pick(STRINGS).as_bytes().to_vec();
            let times = 1 + rng.below(2_000);
            let long: Vec<u8> = unit
                .iter()
                .copied()
                .cycle()
                .take(unit.len() * times)
                .collect();
            bytes.splice(at..at, long);
        }
    }
}

enum Value {
    Number,
    String,
    Nested,
}

/// Swaps one number (a run of digits and what belongs to it), one string's content, or a
/// value after `=` or `:` for something extreme, keeping the structure around it.
fn swap_value(rng: &mut Rng, bytes: &mut Vec<u8>, kind: Value) {
    match kind {
        Value::Number => {
            let Some(start) = nth_match(rng, bytes, |b| b.is_ascii_digit()) else {
                return;
            };
            let start = bytes[..start]
                .iter()
                .rposition(|b| !is_number_byte(*b))
                .map_or(0, |i| i + 1);
            let end = start
                + bytes[start..]
                    .iter()
                    .position(|b| !is_number_byte(*b))
                    .unwrap_or(bytes.len() - start);
            bytes.splice(start..end, rng.pick(NUMBERS).bytes());
        }
        Value::String => {
            let Some(open) = nth_match(rng, bytes, |b| b == b'"') else {
                return;
            };
            let Some(close) = bytes[open + 1..].iter().position(|&b| b == b'"') else {
                return;
            };
            bytes.splice(open + 1..open + 1 + close, rng.pick(STRINGS).bytes());
        }
        Value::Nested => {
            let Some(sep) = nth_match(rng, bytes, |b| b == b'=' || b == b':') else {
                return;
            };
            let start = sep + 1;
            let end = start
                + bytes[start..]
                    .iter()
                    .position(|b| matches!(b, b'\n' | b',' | b'}' | b']'))
                    .unwrap_or(bytes.len() - start);
            let depth = *rng.pick(&[8, 64, 129, 300, 2_000, 50_000]);
            let (open, close): (&[u8], &[u8]) = match rng.below(3) {
                0 => (b"[", b"]"),
                1 => (b"{\"a\":", b"}"),
                _ => (b"{a=", b"}"),
            };
            let mut nested = Vec::with_capacity(depth * (open.len() + close.len()) + 2);
            nested.push(b' ');
            for _ in 0..depth {
                nested.extend_from_slice(open);
            }
            nested.push(b'1');
            for _ in 0..depth {
                nested.extend_from_slice(close);
            }
            bytes.splice(start..end, nested);
        }
    }
}

fn is_number_byte(b: u8) -> bool {
    b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E' | b'_')
}

/// The position of a randomly chosen byte that `wanted` accepts.
fn nth_match(rng: &mut Rng, bytes: &[u8], wanted: impl Fn(u8) -> bool) -> Option<usize> {
    let count = bytes.iter().filter(|&&b| wanted(b)).count();
    if count == 0 {
        return None;
    }
    let n = rng.below(count);
    bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| wanted(b))
        .nth(n)
        .map(|(i, _)| i)
}

/// A whole line duplicated, deleted or moved: rows, keys and table headers out of place.
fn lines(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let mut lines: Vec<Vec<u8>> = bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    let n = lines.len();
    let a = rng.below(n);
    match rng.below(3) {
        0 => {
            let copy = lines[a].clone();
            lines.insert(rng.below(n + 1), copy);
        }
        1 => {
            lines.remove(a);
        }
        _ => lines.swap(a, rng.below(n)),
    }
    *bytes = lines.join(&b'\n');
}
