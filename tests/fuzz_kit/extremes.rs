//! The systematic side of the fuzzer: every number of a file swapped, one at a time, for each
//! of a few values at the ends of what the loaders accept. Random mutation finds such a value
//! in one field of a hundred only by luck; a quotient over a base of 1e-28 overflowed that way.

/// Every copy of `text` with one number (a bare `key = 12.5` or a quoted `key = "12.5"`)
/// replaced by one of `values`, labelled `LINE:VALUE`.
pub fn each_number_swapped(text: &str, values: &[&str]) -> Vec<(String, Vec<u8>)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut inputs = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((key, value)) = line.split_once(" = ") else {
            continue;
        };
        let value = value.trim();
        let quoted = value.len() > 2 && value.starts_with('"') && value.ends_with('"');
        let digits = if quoted {
            &value[1..value.len() - 1]
        } else {
            value
        };
        let numeric = !digits.is_empty()
            && digits.bytes().any(|b| b.is_ascii_digit())
            && digits
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
        if !numeric {
            continue;
        }
        for swapped in values {
            let new = if quoted {
                format!("{key} = \"{swapped}\"")
            } else {
                format!("{key} = {swapped}")
            };
            let mut copy = lines.clone();
            copy[i] = &new;
            inputs.push((
                format!("line-{}-{swapped}", i + 1),
                copy.join("\n").into_bytes(),
            ));
        }
    }
    inputs
}
