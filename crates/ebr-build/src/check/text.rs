//! A text column of a batch as the Parquet reader gives it: one string per row, or, for a
//! column the file holds dictionary-encoded (ids of dealers, journeys, channels; codes), its
//! distinct strings and one key per row. A dictionary's strings are checked once per batch
//! instead of once per row, and are never copied out row by row.

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Int32Array, StringArray};
use datafusion::arrow::datatypes::{DataType, Int32Type};

/// The type a dictionary-encoded text column is read as.
pub(super) fn dictionary_type() -> DataType {
    DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
}

/// A text column: plain strings or a dictionary.
pub(super) enum TextColumn<'a> {
    Plain(&'a StringArray),
    Dictionary {
        keys: &'a Int32Array,
        values: &'a StringArray,
    },
}

impl<'a> TextColumn<'a> {
    /// `array` as text, if it is text: UTF-8 strings, or a dictionary of them with 32-bit keys.
    pub(super) fn of(array: &'a ArrayRef) -> Option<TextColumn<'a>> {
        if let Some(plain) = array.as_string_opt::<i32>() {
            return Some(TextColumn::Plain(plain));
        }
        let dictionary = array.as_dictionary_opt::<Int32Type>()?;
        Some(TextColumn::Dictionary {
            keys: dictionary.keys(),
            values: dictionary.values().as_string_opt::<i32>()?,
        })
    }

    /// The value at `row`; `None` for a null.
    pub(super) fn value(&self, row: usize) -> Option<&'a str> {
        match self {
            TextColumn::Plain(text) => text.is_valid(row).then(|| text.value(row)),
            TextColumn::Dictionary { keys, values } => {
                let at = usize::try_from(keys.is_valid(row).then(|| keys.value(row))?).ok()?;
                values.is_valid(at).then(|| values.value(at))
            }
        }
    }

    /// Clears `ok` for each row that is null or empty, reading only the strings' lengths.
    pub(super) fn retain_non_empty(&self, ok: &mut [bool]) {
        match self {
            TextColumn::Plain(text) => {
                let lengths = text.offsets().lengths();
                match text.nulls() {
                    None => {
                        for (ok, length) in ok.iter_mut().zip(lengths) {
                            *ok &= length > 0;
                        }
                    }
                    Some(nulls) => {
                        for ((ok, length), present) in ok.iter_mut().zip(lengths).zip(nulls) {
                            *ok &= present && length > 0;
                        }
                    }
                }
            }
            TextColumn::Dictionary { .. } => self.retain(ok, false, |value| !value.is_empty()),
        }
    }

    /// Clears `ok` for each row whose value `valid` refuses; a null passes if `null_passes`.
    /// A dictionary's values are each asked once.
    pub(super) fn retain(
        &self,
        ok: &mut [bool],
        null_passes: bool,
        mut valid: impl FnMut(&str) -> bool,
    ) {
        match self {
            TextColumn::Plain(text) => {
                for (row, ok) in ok.iter_mut().enumerate() {
                    if *ok {
                        *ok = if text.is_valid(row) {
                            valid(text.value(row))
                        } else {
                            null_passes
                        };
                    }
                }
            }
            TextColumn::Dictionary { keys, values } => {
                let passes: Vec<bool> = (0..values.len())
                    .map(|at| {
                        if values.is_valid(at) {
                            valid(values.value(at))
                        } else {
                            null_passes
                        }
                    })
                    .collect();
                for (row, ok) in ok.iter_mut().enumerate() {
                    if *ok {
                        *ok = if keys.is_valid(row) {
                            usize::try_from(keys.value(row))
                                .ok()
                                .and_then(|at| passes.get(at).copied())
                                .unwrap_or(false)
                        } else {
                            null_passes
                        };
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use datafusion::arrow::array::DictionaryArray;

    use super::*;

    fn values(column: &TextColumn, rows: usize) -> Vec<Option<String>> {
        (0..rows)
            .map(|row| column.value(row).map(str::to_owned))
            .collect()
    }

    proptest::proptest! {
        // A dictionary-encoded column reads, and is checked, as the same strings plainly
        // stored: whichever way the file holds a column, its rows meet the same checks.
        #[test]
        fn a_dictionary_is_read_and_checked_as_its_plain_strings(
            cells in proptest::collection::vec(
                proptest::option::of(proptest::sample::select(vec!["D1", "D2", "", "won", "x"])),
                0..60,
            ),
            ok_before in proptest::collection::vec(proptest::bool::ANY, 60),
            null_passes in proptest::bool::ANY,
        ) {
            let plain: ArrayRef = Arc::new(StringArray::from(cells.clone()));
            let dictionary: ArrayRef =
                Arc::new(cells.iter().copied().collect::<DictionaryArray<Int32Type>>());
            let (plain, dictionary) = (
                TextColumn::of(&plain).expect("text"),
                TextColumn::of(&dictionary).expect("text"),
            );
            let expected: Vec<Option<String>> =
                cells.iter().map(|c| c.map(str::to_owned)).collect();
            proptest::prop_assert_eq!(values(&plain, cells.len()), expected.clone());
            proptest::prop_assert_eq!(values(&dictionary, cells.len()), expected);

            let known = |value: &str| value.starts_with('D') || value.is_empty();
            let mut by_plain = ok_before[..cells.len()].to_vec();
            let mut by_dictionary = by_plain.clone();
            plain.retain(&mut by_plain, null_passes, known);
            dictionary.retain(&mut by_dictionary, null_passes, known);
            let present: Vec<bool> = cells
                .iter()
                .zip(&ok_before)
                .map(|(cell, ok)| *ok && cell.is_some_and(|c| !c.is_empty()))
                .collect();
            for column in [&plain, &dictionary] {
                let mut kept = ok_before[..cells.len()].to_vec();
                column.retain_non_empty(&mut kept);
                proptest::prop_assert_eq!(&kept, &present);
            }
            // Computed here row by row from the cells themselves.
            let by_rows: Vec<bool> = cells
                .iter()
                .zip(&ok_before)
                .map(|(cell, ok)| *ok && cell.map_or(null_passes, known))
                .collect();
            proptest::prop_assert_eq!(&by_plain, &by_rows);
            proptest::prop_assert_eq!(&by_dictionary, &by_rows);
        }
    }

    #[test]
    fn other_arrays_are_not_text() {
        let counts: ArrayRef = Arc::new(Int32Array::from(vec![1, 2]));
        assert!(TextColumn::of(&counts).is_none());
    }
}
