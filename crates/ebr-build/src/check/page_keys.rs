//! The ids of a Parquet file hashed straight from its pages, when they are all the checks still
//! need to read (see [`super::statistics`]): each id's bytes are hashed where the decompressed
//! page holds them, without building a column of strings first. Only the encodings writers use
//! for text are read this way (plain, and dictionary-encoded pages with their dictionary);
//! anything else, and any null, empty or non-UTF-8 id, gives up, and the file is read through
//! the Arrow reader, where every such row meets the checks of one row.

use std::fs::File;
use std::path::Path;

use datafusion::parquet::basic::Encoding;
use datafusion::parquet::column::page::Page;
use datafusion::parquet::file::metadata::ParquetMetaData;
use datafusion::parquet::file::reader::{FileReader, SerializedFileReader};

use super::keys::{KeyHash, hash_text_key};

/// Hashes every id of the text column `column` of the Parquet file at `path` (`metadata`, its
/// footer) as [`hash_key`] hashes a one-column key, handing `each` the hashes of one page at a
/// time, in the file's order; the number of ids, or `None` if it gave up (`each` may have been
/// handed some pages' hashes by then).
pub(super) fn hash_text_keys(
    path: &Path,
    metadata: &ParquetMetaData,
    column: usize,
    each: &mut dyn FnMut(&[KeyHash]),
) -> Option<u64> {
    let descriptor = metadata.file_metadata().schema_descr().column(column);
    if descriptor.max_rep_level() != 0 || descriptor.max_def_level() > 1 {
        return None;
    }
    let nullable = descriptor.max_def_level() == 1;
    let reader = SerializedFileReader::new(File::open(path).ok()?).ok()?;
    let mut hashes = Vec::new();
    let mut ids = 0_u64;
    for group in 0..metadata.num_row_groups() {
        // The levels of a nullable column are skipped, never read: it must hold no null.
        let no_nulls = metadata
            .row_group(group)
            .column(column)
            .statistics()
            .and_then(|s| s.null_count_opt())
            == Some(0);
        if nullable && !no_nulls {
            return None;
        }
        let mut pages = reader
            .get_row_group(group)
            .ok()?
            .get_column_page_reader(column)
            .ok()?;
        let mut dictionary: Vec<KeyHash> = Vec::new();
        while let Some(page) = pages.get_next_page().ok()? {
            hashes.clear();
            let (values, count, encoding) = match &page {
                Page::DictionaryPage {
                    buf,
                    num_values,
                    encoding: Encoding::PLAIN | Encoding::PLAIN_DICTIONARY,
                    ..
                } => {
                    dictionary.clear();
                    each_plain(buf, *num_values as usize, |id| {
                        dictionary.push(hash_id(id)?);
                        Some(())
                    })?;
                    continue;
                }
                Page::DataPage {
                    buf,
                    num_values,
                    encoding,
                    def_level_encoding,
                    ..
                } => {
                    let values = if nullable {
                        // Levels in a v1 page: their length in 4 little-endian bytes, then them.
                        if *def_level_encoding != Encoding::RLE {
                            return None;
                        }
                        let (length, rest) = buf.split_first_chunk::<4>()?;
                        rest.get(usize::try_from(u32::from_le_bytes(*length)).ok()?..)?
                    } else {
                        &buf[..]
                    };
                    (values, *num_values as usize, *encoding)
                }
                Page::DataPageV2 {
                    buf,
                    num_values,
                    num_nulls,
                    encoding,
                    def_levels_byte_len,
                    rep_levels_byte_len,
                    ..
                } => {
                    if *num_nulls != 0 {
                        return None;
                    }
                    let levels = (*def_levels_byte_len + *rep_levels_byte_len) as usize;
                    (buf.get(levels..)?, *num_values as usize, *encoding)
                }
                Page::DictionaryPage { .. } => return None,
            };
            match encoding {
                Encoding::PLAIN => each_plain(values, count, |id| {
                    hashes.push(hash_id(id)?);
                    Some(())
                })?,
                Encoding::RLE_DICTIONARY | Encoding::PLAIN_DICTIONARY => {
                    let (&bit_width, indexes) = values.split_first()?;
                    each_index(indexes, bit_width, count, |at| {
                        hashes.push(*dictionary.get(at as usize)?);
                        Some(())
                    })?;
                }
                _ => return None,
            }
            ids += hashes.len() as u64;
            each(&hashes);
        }
    }
    Some(ids)
}

/// An id's hash, if it is a valid id: UTF-8, not empty.
fn hash_id(bytes: &[u8]) -> Option<KeyHash> {
    // Most ids are ASCII, which is told a word at a time: the full UTF-8 check costs several
    // times more on ids this short.
    let utf8 = bytes.is_ascii() || std::str::from_utf8(bytes).is_ok();
    (utf8 && !bytes.is_empty()).then(|| hash_text_key(bytes))
}

/// Hands `each` the `count` strings of Parquet's plain encoding in `bytes` (each its length in
/// 4 little-endian bytes, then its bytes); `None` if the bytes are not that, or `each` gave up.
pub(super) fn each_plain<'a>(
    bytes: &'a [u8],
    count: usize,
    mut each: impl FnMut(&'a [u8]) -> Option<()>,
) -> Option<()> {
    let mut rest = bytes;
    for _ in 0..count {
        let (length, after) = rest.split_first_chunk::<4>()?;
        let length = usize::try_from(u32::from_le_bytes(*length)).ok()?;
        if after.len() < length {
            return None;
        }
        let (string, after) = after.split_at(length);
        each(string)?;
        rest = after;
    }
    Some(())
}

/// Hands `each` the `count` dictionary indexes of `bytes`, in Parquet's hybrid of run lengths
/// and bit-packing, `bit_width` bits each; `None` if the bytes are not that, or `each` gave up.
fn each_index(
    bytes: &[u8],
    bit_width: u8,
    count: usize,
    mut each: impl FnMut(u32) -> Option<()>,
) -> Option<()> {
    if bit_width > 32 {
        return None;
    }
    let width = usize::from(bit_width);
    let mut rest = bytes;
    let mut left = count;
    while left > 0 {
        let header = uleb128(&mut rest)?;
        if header & 1 == 1 {
            // Bit-packed: groups of 8 values, least significant bit first.
            let values = usize::try_from(header >> 1).ok()?.checked_mul(8)?;
            let length = values.checked_mul(width)?.div_ceil(8);
            let packed = rest.get(..length)?;
            for i in 0..values.min(left) {
                let mut value = 0_u32;
                for bit in 0..width {
                    let at = i * width + bit;
                    value |= u32::from((packed[at / 8] >> (at % 8)) & 1) << bit;
                }
                each(value)?;
            }
            left -= values.min(left);
            rest = &rest[length..];
        } else {
            // A run: one value, in as few whole bytes as its width needs, repeated.
            let run = usize::try_from(header >> 1).ok()?;
            let length = width.div_ceil(8);
            let mut value = 0_u32;
            for (i, &byte) in rest.get(..length)?.iter().enumerate() {
                value |= u32::from(byte) << (8 * i);
            }
            rest = &rest[length..];
            if run == 0 {
                return None;
            }
            for _ in 0..run.min(left) {
                each(value)?;
            }
            left -= run.min(left);
        }
    }
    Some(())
}

/// An unsigned LEB128 number from the start of `bytes`, which then start after it.
fn uleb128(bytes: &mut &[u8]) -> Option<u64> {
    let mut value = 0_u64;
    for shift in (0..64).step_by(7) {
        let (&byte, rest) = bytes.split_first()?;
        *bytes = rest;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::keys::hash_key;
    use crate::check::values::Value;
    use datafusion::arrow::array::{Array, AsArray, RecordBatch, StringArray};
    use datafusion::arrow::datatypes::{DataType, Field, Schema};
    use datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use datafusion::parquet::file::properties::{WriterProperties, WriterVersion};
    use proptest::prelude::*;
    use std::sync::Arc;

    /// A file of one text column `id` holding `ids`, written as `properties` say.
    fn written(ids: &[Option<String>], properties: WriterProperties) -> tempfile::NamedTempFile {
        let schema = Arc::new(Schema::new(vec![Field::new("id", DataType::Utf8, true)]));
        let batch = RecordBatch::try_new(
            Arc::clone(&schema),
            vec![Arc::new(StringArray::from_iter(ids.iter().cloned()))],
        )
        .expect("a batch");
        crate::check::test_parquet::written(&batch, properties)
    }

    /// The ids as the Arrow reader gives them.
    fn read_back(file: &tempfile::NamedTempFile) -> Vec<Option<String>> {
        let reader = ParquetRecordBatchReaderBuilder::try_new(file.reopen().expect("file"))
            .expect("a reader")
            .build()
            .expect("a reader");
        reader
            .flat_map(|batch| {
                let batch = batch.expect("a batch");
                let ids = batch.column(0).as_string::<i32>();
                (0..ids.len())
                    .map(|i| ids.is_valid(i).then(|| ids.value(i).to_owned()))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    fn ids() -> impl Strategy<Value = Vec<Option<String>>> {
        // Few distinct ids (dictionaries, runs) or many (plain pages), of all lengths.
        let id = prop_oneof![
            4 => (0..20_u32).prop_map(|n| Some(format!("E{n}"))),
            4 => "[a-z0-9é-]{1,40}".prop_map(Some),
            1 => Just(Some(String::new())),
            1 => Just(None),
        ];
        proptest::collection::vec(id, 0..400)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(150))]

        // The hashes read from the pages are those of the ids the Arrow reader reads, in
        // order; a null or an empty id makes it give up instead.
        #[test]
        fn ids_hashed_from_pages_are_the_ids_the_arrow_reader_reads(
            ids in ids(),
            dictionary in any::<bool>(),
            v2 in any::<bool>(),
            page_rows in 1..50_usize,
            group_rows in 1..300_usize,
            dictionary_bytes in 16..400_usize,
        ) {
            let properties = WriterProperties::builder()
                .set_dictionary_enabled(dictionary)
                .set_writer_version(if v2 { WriterVersion::PARQUET_2_0 } else { WriterVersion::PARQUET_1_0 })
                .set_data_page_row_count_limit(page_rows)
                .set_write_batch_size(page_rows)
                .set_dictionary_page_size_limit(dictionary_bytes)
                .set_max_row_group_row_count(Some(group_rows))
                .build();
            let file = written(&ids, properties);
            let metadata = ParquetRecordBatchReaderBuilder::try_new(file.reopen().expect("file"))
                .expect("a reader")
                .metadata()
                .clone();
            let mut hashed = Vec::new();
            let count = hash_text_keys(file.path(), &metadata, 0, &mut |page| {
                hashed.extend_from_slice(page)
            });
            let read = read_back(&file);
            let valid = read.iter().all(|id| id.as_ref().is_some_and(|id| !id.is_empty()));
            // Plain and dictionary pages are read; other encodings (the delta encodings of
            // version 2 pages) may make it give up.
            let readable = metadata.row_groups().iter().all(|group| {
                group.column(0).encodings().all(|encoding| {
                    matches!(
                        encoding,
                        Encoding::PLAIN
                            | Encoding::RLE
                            | Encoding::RLE_DICTIONARY
                            | Encoding::PLAIN_DICTIONARY
                    )
                })
            });
            if !readable && count.is_none() {
                return Ok(());
            }
            if valid {
                let expected: Vec<KeyHash> = read
                    .iter()
                    .flatten()
                    .map(|id| hash_key(std::iter::once((Value::Text, id.as_str()))))
                    .collect();
                prop_assert_eq!(count, Some(expected.len() as u64));
                prop_assert_eq!(hashed, expected);
            } else {
                prop_assert_eq!(count, None);
            }
        }
    }

    #[test]
    fn indexes_are_read_from_runs_and_from_bit_packed_groups() {
        // A run of 3 fives (header 3 << 1), then one group of 8 values of 3 bits
        // (header 1 << 1 | 1): 0..8 packed least significant bit first.
        let packed: u32 = (0..8).map(|v: u32| v << (3 * v)).sum();
        let mut bytes = vec![6, 5, 3];
        bytes.extend_from_slice(&packed.to_le_bytes()[..3]);
        let mut read = Vec::new();
        each_index(&bytes, 3, 10, |v| {
            read.push(v);
            Some(())
        })
        .expect("read");
        assert_eq!(read, [5, 5, 5, 0, 1, 2, 3, 4, 5, 6]);
    }
}
