//! What a Parquet file's footer proves before any of its pages is read: for a column, that every
//! value of every row group passes the column's checks (the row group's least and greatest
//! values within the column's range, no null where a value is required, every string of a
//! dictionary-encoded column a valid code or a known id); for the dating column, that every row
//! group lies inside one of the periods built. The checks then decode only the other columns:
//! the keys always (a repeated id is found in the ids themselves), and the columns of rules that
//! compare two fields of a row.
//!
//! A proof is cautious, never lenient: a missing statistic, a dictionary that some page does
//! not use, or a bound outside the range leaves the column to be read, and the rows then meet
//! the same checks as without statistics.

use std::collections::HashSet;
use std::fs::File;
use std::path::Path;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, UInt64Array};
use datafusion::arrow::datatypes::{Date32Type, Schema, TimestampSecondType};
use datafusion::parquet::arrow::arrow_reader::statistics::StatisticsConverter;
use datafusion::parquet::basic::Encoding;
use datafusion::parquet::column::page::Page;
use datafusion::parquet::file::metadata::ParquetMetaData;
use datafusion::parquet::file::reader::{FileReader, SerializedFileReader};

use super::page_keys::each_plain;
use super::rules::{Rules, SECONDS_PER_DAY};
use super::typed::in_range;
use crate::tables::{Kind, Table};

/// What the checks of one file ask of its columns besides their kinds.
pub(super) struct Asked<'a> {
    pub table: &'a Table,
    /// The key's columns: never proven, their values are compared with each other.
    pub key_columns: &'a [usize],
    /// The column that dates a row, if the table has one.
    pub when: Option<usize>,
    /// The periods built, as first and last day since 1970-01-01.
    pub periods: &'a [(i64, i64)],
    /// Coded columns and the codes they may take.
    pub codes: &'a [(usize, &'static [&'static str])],
    /// Columns pointing into a reference table, and its ids.
    pub refs: &'a [(usize, &'a HashSet<String>)],
    pub rules: &'a Rules,
}

/// What a file's footer proves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Proof {
    /// Per column of the catalogue, whether every one of its values passes its checks.
    pub valid: Vec<bool>,
    /// Whether every row group's rows are dated inside one of the periods built.
    pub dated_inside: bool,
}

impl Proof {
    /// The columns the checks must still decode, in increasing order: those not proven valid,
    /// and the dating column unless every row is proven inside the periods.
    pub(super) fn to_decode(&self, when: Option<usize>) -> Vec<usize> {
        (0..self.valid.len())
            .filter(|&i| !self.valid[i] || (Some(i) == when && !self.dated_inside))
            .collect()
    }
}

/// A column's statistics per row group: least and greatest values (typed as the file's Arrow
/// schema says), and nulls.
struct Bounds {
    mins: ArrayRef,
    maxes: ArrayRef,
    nulls: UInt64Array,
}

impl Bounds {
    fn of(name: &str, schema: &Schema, metadata: &ParquetMetaData) -> Option<Bounds> {
        let groups = metadata.row_groups();
        // A null count the file does not give is unknown, not zero.
        let converter =
            StatisticsConverter::try_new(name, schema, metadata.file_metadata().schema_descr())
                .ok()?
                .with_missing_null_counts_as_zero(false);
        Some(Bounds {
            mins: converter.row_group_mins(groups).ok()?,
            maxes: converter.row_group_maxes(groups).ok()?,
            nulls: converter.row_group_null_counts(groups).ok()?,
        })
    }

    /// Whether every row group has both a least and a greatest value.
    fn complete(&self) -> bool {
        self.mins.null_count() == 0 && self.maxes.null_count() == 0
    }
}

/// What the footer of the Parquet file at `path` (`metadata`, its columns typed by `schema`,
/// the catalogue's types) proves of the checks `asked`.
pub(super) fn prove(
    path: &Path,
    metadata: &ParquetMetaData,
    schema: &Schema,
    asked: &Asked,
) -> Proof {
    let columns = asked.table.columns;
    let groups = metadata.row_groups().len();
    let mut pages: Option<Option<SerializedFileReader<File>>> = None;
    let valid = columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            if groups == 0 || asked.key_columns.contains(&i) {
                return false;
            }
            let Some(bounds) = Bounds::of(column.name, schema, metadata) else {
                return false;
            };
            let nulls_valid = bounds.nulls.null_count() == 0
                && (column.optional || bounds.nulls.values().iter().all(|&n| n == 0));
            // An optional text or flag takes any value, or none; a required flag any value.
            let values_valid = match (column.kind, column.optional) {
                (Kind::Text | Kind::Flag, true) | (Kind::Flag, false) => true,
                _ => {
                    let mut ok = vec![true; groups];
                    bounds.complete() && {
                        in_range(column, &bounds.mins, &mut ok);
                        in_range(column, &bounds.maxes, &mut ok);
                        ok.iter().all(|&ok| ok)
                    }
                }
            };
            let rules_keep = asked.rules.kept_within(i, &bounds.mins, &bounds.maxes);
            let mut dictionary_passes = |passes: &dyn Fn(&str) -> bool| {
                let reader = pages
                    .get_or_insert_with(|| {
                        File::open(path)
                            .ok()
                            .and_then(|f| SerializedFileReader::new(f).ok())
                    })
                    .as_ref();
                reader.is_some_and(|reader| every_dictionary_value(reader, metadata, i, passes))
            };
            // A missing value (null or empty) is no code and no reference: the kind decides.
            let codes_valid = match asked.codes.iter().find(|(at, _)| *at == i) {
                Some((_, codes)) => {
                    dictionary_passes(&|value| value.is_empty() || codes.contains(&value))
                }
                None => true,
            };
            let refs_valid = match asked.refs.iter().find(|(at, _)| *at == i) {
                Some((_, known)) => {
                    dictionary_passes(&|value| value.is_empty() || known.contains(value))
                }
                None => true,
            };
            nulls_valid && values_valid && rules_keep && codes_valid && refs_valid
        })
        .collect();
    let dated_inside = asked.when.is_some_and(|when| {
        Bounds::of(columns[when].name, schema, metadata).is_some_and(|bounds| {
            let (Some(firsts), Some(lasts)) = (days(&bounds.mins), days(&bounds.maxes)) else {
                return false;
            };
            bounds.complete()
                && firsts.iter().zip(&lasts).all(|(&first, &last)| {
                    asked
                        .periods
                        .iter()
                        .any(|&(start, end)| start <= first && last <= end)
                })
        })
    });
    Proof {
        valid,
        dated_inside,
    }
}

/// The day (since 1970-01-01) of each value of a column of times or dates.
fn days(array: &ArrayRef) -> Option<Vec<i64>> {
    if let Some(stamps) = array.as_primitive_opt::<TimestampSecondType>() {
        return Some(
            stamps
                .values()
                .iter()
                .map(|s| s.div_euclid(SECONDS_PER_DAY))
                .collect(),
        );
    }
    let dates = array.as_primitive_opt::<Date32Type>()?;
    Some(dates.values().iter().map(|&d| i64::from(d)).collect())
}

/// Whether every data page of column `column`, in every row group, is dictionary-encoded: each
/// of its values is then one of its row group's dictionary's strings.
pub(super) fn dictionary_encoded(metadata: &ParquetMetaData, column: usize) -> bool {
    let groups = metadata.row_groups();
    !groups.is_empty()
        && groups.iter().all(|group| {
            group.columns().get(column).is_some_and(|chunk| {
                chunk.dictionary_page_offset().is_some()
                    && chunk.page_encoding_stats_mask().is_some_and(|mask| {
                        mask.is_only(Encoding::RLE_DICTIONARY)
                            || mask.is_only(Encoding::PLAIN_DICTIONARY)
                    })
            })
        })
}

/// Whether column `column` is dictionary-encoded throughout and every string of every row
/// group's dictionary `passes` (a dictionary may hold strings no row uses: it is cautious).
fn every_dictionary_value(
    reader: &SerializedFileReader<File>,
    metadata: &ParquetMetaData,
    column: usize,
    passes: &dyn Fn(&str) -> bool,
) -> bool {
    dictionary_encoded(metadata, column)
        && (0..metadata.num_row_groups()).all(|group| {
            let page = reader
                .get_row_group(group)
                .and_then(|group| group.get_column_page_reader(column))
                .and_then(|mut pages| pages.get_next_page());
            match page {
                Ok(Some(Page::DictionaryPage {
                    buf,
                    num_values,
                    encoding: Encoding::PLAIN | Encoding::PLAIN_DICTIONARY,
                    ..
                })) => plain_strings(&buf, num_values as usize)
                    .is_some_and(|strings| strings.into_iter().all(passes)),
                _ => false,
            }
        })
}

/// `count` strings in Parquet's plain encoding; `None` if the bytes are not that or not UTF-8.
fn plain_strings(bytes: &[u8], count: usize) -> Option<Vec<&str>> {
    let mut strings = Vec::with_capacity(count.min(bytes.len() / 4));
    each_plain(bytes, count, |string| {
        strings.push(std::str::from_utf8(string).ok()?);
        Some(())
    })?;
    Some(strings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::codes::{allowed, referenced_table};
    use crate::check::{FileCounts, Rejection, Staging, check_rows};
    use crate::tables::{FileFormat, Found, TABLES, schema_ref};
    use datafusion::arrow::array::{
        BooleanArray, Date32Array, Decimal128Array, Int64Array, RecordBatch, StringArray,
        TimestampSecondArray,
    };
    use datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use datafusion::parquet::file::properties::WriterProperties;
    use ebr::model::PeriodId;
    use proptest::prelude::*;
    use std::collections::HashMap;
    use std::sync::Arc;

    /// 2026-10-01 00:00 UTC, in seconds and in days since 1970-01-01.
    const OCTOBER_FIRST: i64 = 1_790_812_800;
    const OCTOBER_FIRST_DAY: i64 = 20_727;

    /// One cell: a text, or a number in the column's own unit (seconds, days, 10^-4 units,
    /// 0 and 1 for flags); `None` is a null.
    #[derive(Clone, Debug)]
    enum Cell {
        Text(Option<String>),
        Number(Option<i128>),
    }

    fn table(name: &str) -> &'static Table {
        TABLES.iter().find(|t| t.name == name).expect("a table")
    }

    /// A valid value of column `i` of `table` in row `row` (`pick` varies it): unique where
    /// the column is a key's, a known id or a code where it must be one, dated in October 2026
    /// in increasing order along the row, so that every rule holds.
    fn valid(table: &Table, i: usize, row: usize, pick: u8) -> Cell {
        let column = &table.columns[i];
        let is_key = table.key.contains(&column.name);
        let number = |n: i64| Cell::Number(Some(i128::from(n)));
        let text = |t: String| Cell::Text(Some(t));
        match column.kind {
            Kind::Text => match (
                allowed(table.name, column.name),
                referenced_table(table.name, column.name),
            ) {
                (Some(codes), _) => text(codes[usize::from(pick) % codes.len()].to_owned()),
                (None, Some(_)) => text(["D1", "D2"][usize::from(pick) % 2].to_owned()),
                (None, None) if is_key => text(format!("K{row}")),
                (None, None) => text(format!("t{pick}")),
            },
            Kind::Count if is_key => number(row as i64 + 1),
            Kind::Count => number(1 + i64::from(pick % 50)),
            Kind::Money => number(i64::from(pick) * 10_000),
            Kind::Timestamp => number(OCTOBER_FIRST + row as i64 * 3_600 + i as i64 * 60),
            Kind::Date if is_key => number(OCTOBER_FIRST_DAY + row as i64),
            Kind::Date => number(OCTOBER_FIRST_DAY),
            Kind::Flag => number(i64::from(pick % 2)),
        }
    }

    fn array(kind: Kind, cells: &[Cell]) -> ArrayRef {
        let texts = || {
            cells.iter().map(|c| match c {
                Cell::Text(t) => t.clone(),
                Cell::Number(n) => n.map(|n| n.to_string()),
            })
        };
        let numbers = || {
            cells.iter().map(|c| match c {
                Cell::Number(n) => *n,
                Cell::Text(t) => t.as_ref().map(|_| 0),
            })
        };
        match kind {
            Kind::Text => Arc::new(StringArray::from_iter(texts())),
            Kind::Count => Arc::new(Int64Array::from_iter(
                numbers().map(|n| n.map(|n| n as i64)),
            )),
            Kind::Money => Arc::new(
                Decimal128Array::from_iter(numbers()).with_data_type(Kind::Money.data_type()),
            ),
            Kind::Timestamp => Arc::new(TimestampSecondArray::from_iter(
                numbers().map(|n| n.map(|n| n as i64)),
            )),
            Kind::Date => Arc::new(Date32Array::from_iter(
                numbers().map(|n| n.map(|n| n as i32)),
            )),
            Kind::Flag => Arc::new(BooleanArray::from_iter(
                numbers().map(|n| n.map(|n| n == 1)),
            )),
        }
    }

    /// A Parquet file of `table`'s rows (`rows[row][column]`), in row groups of `group_rows`,
    /// its text dictionary-encoded or not.
    fn written(
        table: &'static Table,
        rows: &[Vec<Cell>],
        group_rows: usize,
        dictionaries: bool,
    ) -> tempfile::NamedTempFile {
        let columns: Vec<ArrayRef> = table
            .columns
            .iter()
            .enumerate()
            .map(|(i, column)| {
                let cells: Vec<Cell> = rows.iter().map(|row| row[i].clone()).collect();
                array(column.kind, &cells)
            })
            .collect();
        let batch = RecordBatch::try_new(schema_ref(table), columns).expect("a batch");
        let properties = WriterProperties::builder()
            .set_dictionary_enabled(dictionaries)
            .set_max_row_group_row_count(Some(group_rows))
            .build();
        crate::check::test_parquet::written(&batch, properties)
    }

    fn valid_rows(table: &Table, count: usize) -> Vec<Vec<Cell>> {
        (0..count)
            .map(|row| {
                (0..table.columns.len())
                    .map(|i| valid(table, i, row, (row * 7 + i) as u8))
                    .collect()
            })
            .collect()
    }

    /// The reference tables' ids a file may point to.
    fn known_ids() -> HashMap<&'static str, HashSet<String>> {
        let known: HashSet<String> = ["D1", "D2"].map(str::to_owned).into();
        TABLES.iter().map(|t| (t.name, known.clone())).collect()
    }

    fn october() -> Vec<PeriodId> {
        vec![PeriodId::month(2026, 10).expect("a month")]
    }

    /// What the footer of `file` (of `table`) proves for October 2026.
    fn proof_of(table: &'static Table, file: &tempfile::NamedTempFile) -> Proof {
        let builder = ParquetRecordBatchReaderBuilder::try_new(file.reopen().expect("file"))
            .expect("a reader");
        let ids = known_ids();
        let names: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
        let at = |name: &str| names.iter().position(|n| *n == name);
        let key_columns: Vec<usize> = table.key.iter().filter_map(|k| at(k)).collect();
        let refs: Vec<(usize, &HashSet<String>)> = names
            .iter()
            .enumerate()
            .filter_map(|(i, n)| Some((i, ids.get(referenced_table(table.name, n)?)?)))
            .collect();
        let codes: Vec<(usize, &'static [&'static str])> = names
            .iter()
            .enumerate()
            .filter_map(|(i, n)| Some((i, allowed(table.name, n)?)))
            .collect();
        let rules = Rules::of(table);
        let october = (OCTOBER_FIRST_DAY, OCTOBER_FIRST_DAY + 30);
        let asked = Asked {
            table,
            key_columns: &key_columns,
            when: table.when.and_then(at),
            periods: &[october],
            codes: &codes,
            refs: &refs,
            rules: &rules,
        };
        prove(file.path(), builder.metadata(), builder.schema(), &asked)
    }

    // journey_enrollments: enrollment_id (key), journey_id (a reference), enrolled_at (its
    // date), furthest_stage (from 1).
    #[test]
    fn a_valid_file_proves_every_column_but_its_key() {
        let table = table("journey_enrollments");
        let file = written(table, &valid_rows(table, 25), 10, true);
        assert_eq!(
            proof_of(table, &file),
            Proof {
                valid: vec![false, true, true, true],
                dated_inside: true,
            }
        );
        assert_eq!(proof_of(table, &file).to_decode(Some(2)), [0]);
    }

    #[test]
    fn a_bound_outside_the_range_in_one_row_group_proves_nothing_of_its_column() {
        let table = table("journey_enrollments");
        let mut rows = valid_rows(table, 25);
        // Row 23 is in the third row group of ten rows.
        rows[23][3] = Cell::Number(Some(0));
        rows[12][2] = Cell::Number(Some(i128::from(OCTOBER_FIRST - 1)));
        let proof = proof_of(table, &written(table, &rows, 10, true));
        assert_eq!(proof.valid, [false, true, true, false]);
        assert!(!proof.dated_inside, "a time on 30 September");
        assert_eq!(proof.to_decode(Some(2)), [0, 2, 3]);
    }

    #[test]
    fn a_dictionary_holding_an_unknown_id_or_plain_pages_prove_no_reference() {
        let table = table("journey_enrollments");
        let mut rows = valid_rows(table, 25);
        rows[5][1] = Cell::Text(Some("D9".to_owned()));
        assert_eq!(
            proof_of(table, &written(table, &rows, 10, true)).valid,
            [false, false, true, true]
        );
        let plain = written(table, &valid_rows(table, 25), 10, false);
        assert_eq!(proof_of(table, &plain).valid, [false, false, true, true]);
    }

    #[test]
    fn a_null_proves_a_required_column_not_an_optional_one() {
        // crm_leads: channel_id and first_response_at are optional; sla_due_at is required.
        let table = table("crm_leads");
        let mut rows = valid_rows(table, 25);
        rows[3][3] = Cell::Text(None);
        rows[4][6] = Cell::Number(None);
        let proof = proof_of(table, &written(table, &rows, 10, true));
        // lead_id is the key; created_at and first_response_at are compared row by row.
        assert_eq!(proof.valid, [false, true, true, true, false, false, false]);
    }

    /// Counts and rejections of checking `file` as a build does, with or without statistics.
    fn checked(
        table: &'static Table,
        file: &tempfile::NamedTempFile,
        use_statistics: bool,
    ) -> (FileCounts, Vec<(Place, String, String)>) {
        let found = Found {
            table,
            path: file.path().to_owned(),
            format: FileFormat::Parquet,
        };
        let scratch = tempfile::tempdir().expect("a folder");
        let kept = HashMap::new();
        let staging = Staging {
            dir: scratch.path(),
            kept: &kept,
        };
        let told = std::sync::atomic::AtomicU64::new(0);
        let on_rows = |rows| {
            told.fetch_add(rows, std::sync::atomic::Ordering::Relaxed);
        };
        let done = check_rows(
            &found,
            &october(),
            &known_ids(),
            &staging,
            &on_rows,
            use_statistics,
        )
        .expect("checked");
        // Progress hears of each row once, however many times the file is read.
        assert_eq!(
            told.into_inner(),
            done.counts.read,
            "progress told of every row once"
        );
        let rejections = done
            .rejections
            .into_iter()
            .map(
                |Rejection {
                     at, column, reason, ..
                 }| (at, column, reason),
            )
            .collect();
        (done.counts, rejections)
    }

    use crate::check::Place;

    /// A table other than a reference table (those are read row by row), valid rows with up
    /// to three cells replaced by values at the edges of their kinds, a row group size, and
    /// whether text is dictionary-encoded.
    fn files() -> impl Strategy<Value = (&'static Table, Vec<Vec<Cell>>, usize, bool)> {
        let tables: Vec<&'static Table> = TABLES
            .iter()
            .filter(|t| !crate::check::rows::is_reference(t))
            .collect();
        (
            proptest::sample::select(tables),
            1..30_usize,
            proptest::collection::vec(
                (
                    any::<prop::sample::Index>(),
                    any::<prop::sample::Index>(),
                    edge(),
                ),
                0..3,
            ),
            1..12_usize,
            any::<bool>(),
        )
            .prop_map(|(table, count, changes, group_rows, dictionaries)| {
                let mut rows = valid_rows(table, count);
                for (row, column, cell) in changes {
                    let (row, column) = (row.index(count), column.index(table.columns.len()));
                    rows[row][column] = cell.of(table.columns[column].kind);
                }
                (table, rows, group_rows, dictionaries)
            })
    }

    /// A value at an edge of some kind, made a cell of whichever column it lands in.
    #[derive(Clone, Debug)]
    struct Edge(Option<i128>, &'static str);

    impl Edge {
        fn of(&self, kind: Kind) -> Cell {
            match kind {
                Kind::Text => Cell::Text(self.0.map(|_| self.1.to_owned())),
                _ => Cell::Number(self.0),
            }
        }
    }

    fn edge() -> impl Strategy<Value = Edge> {
        let numbers = proptest::sample::select(vec![
            None,
            Some(-1),
            Some(0),
            Some(101),
            Some(i128::from(OCTOBER_FIRST - 1)),
            Some(i128::from(OCTOBER_FIRST_DAY + 31)),
            Some(10_i128.pow(20)),
            Some(i128::from(i64::MAX)),
        ]);
        let texts = proptest::sample::select(vec!["", "D3", "won", "bogus", "K0", "c\u{7}"]);
        (numbers, texts).prop_map(|(n, t)| Edge(n, t))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        // Statistics only spare the reading of columns: a file checked with them finds the
        // same counts and the same rejections, at the same places, as checked without.
        #[test]
        fn checking_with_statistics_finds_what_checking_without_them_finds(
            (table, rows, group_rows, dictionaries) in files()
        ) {
            let file = written(table, &rows, group_rows, dictionaries);
            prop_assert_eq!(checked(table, &file, true), checked(table, &file, false));
        }
    }
}
