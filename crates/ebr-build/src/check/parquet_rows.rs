//! Parquet exports through the same row checks as CSV. A column of the catalogue's own type is
//! read as it is; any other column is read back as text (Arrow's cast to UTF-8: ISO dates and
//! times, plain decimals, `true`/`false`, a null as empty) and parsed like a CSV field, so a
//! warehouse's Parquet meets exactly the rules a CRM's CSV meets. A rejected row is named by its
//! row group and its row within the group.

use std::fs::File;
use std::sync::Arc;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, NullArray, RecordBatch, TimestampSecondArray,
};
use datafusion::arrow::compute::{cast, filter_record_batch};
use datafusion::arrow::datatypes::{DataType, Int64Type, TimeUnit};
use datafusion::arrow::datatypes::{Field, Fields, Schema, SchemaRef};
use datafusion::arrow::util::display::array_value_to_string;
use datafusion::parquet::arrow::ProjectionMask;
use datafusion::parquet::arrow::arrow_reader::{
    ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReaderBuilder,
};
use datafusion::parquet::errors::ParquetError;

use super::page_keys::hash_text_keys;
use super::rows::RowChecks;
use super::statistics::{dictionary_encoded, prove};
use super::text::{TextColumn, dictionary_type};
use super::typed::value_at;
use super::values::{Value, parse};
use super::{CheckError, Place};
use crate::tables::{Column, Found, Kind, Table, schema_ref};

/// One column of a batch: of the catalogue's type, or text (a text column as the file holds
/// it, plain or as a dictionary; any other column cast to plain text), or not read at all, its
/// values proven valid by the file's statistics (an array of nulls stands in for it).
enum Source {
    Typed(ArrayRef),
    Text(ArrayRef),
    Proven(ArrayRef),
}

/// How a reading of a file ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Reading {
    /// Every row was checked.
    Whole,
    /// The reading relied on the file's statistics and a row might fail a check on a column
    /// it did not read: the file must be read again, every column of it.
    NeedsEveryColumn,
}

/// One row of a batch.
struct Row<'a> {
    columns: &'a [Source],
    row: usize,
}

impl super::rows::Fields for Row<'_> {
    fn count(&self) -> usize {
        self.columns.len()
    }

    fn text(&self, i: usize) -> &str {
        match &self.columns[i] {
            Source::Text(column) => TextColumn::of(column)
                .and_then(|text| text.value(self.row))
                .unwrap_or(""),
            // Text columns are always read as text: a typed column is never asked for its text;
            // nor is a column not read: a row is checked alone only when every column is read.
            Source::Typed(_) | Source::Proven(_) => "",
        }
    }

    fn value(&self, i: usize, column: &Column) -> Result<Value, String> {
        match &self.columns[i] {
            Source::Text(_) => parse(column, self.text(i)),
            Source::Typed(array) => match value_at(array, self.row, column) {
                Some(value) => Ok(value),
                // Out of range: the text gives the value and the reason, as in a CSV.
                None => parse(column, &self.shown(i)),
            },
            Source::Proven(_) => Err("not read (proven by the file's statistics)".to_owned()),
        }
    }

    fn shown(&self, i: usize) -> String {
        match &self.columns[i] {
            Source::Text(_) => self.text(i).to_owned(),
            Source::Typed(array) if array.is_valid(self.row) => {
                array_value_to_string(array, self.row).unwrap_or_default()
            }
            Source::Typed(_) | Source::Proven(_) => String::new(),
        }
    }
}

/// Which row group each row of the file is in: the groups' row counts, walked in order.
struct Groups {
    sizes: Vec<u64>,
    group: usize,
    first_of_group: u64,
}

impl Groups {
    /// The place of the row at `index` (rows are asked for in increasing order).
    fn place(&mut self, index: u64) -> Place {
        while self.group + 1 < self.sizes.len()
            && index >= self.first_of_group + self.sizes[self.group]
        {
            self.first_of_group += self.sizes[self.group];
            self.group += 1;
        }
        Place::Row {
            group: self.group,
            row: index - self.first_of_group,
            index,
        }
    }
}

/// Whether the Parquet file `file` holds the catalogue's columns, in order, each of the
/// catalogue's own type: the engine can then read it as it is. `false` when it cannot be read.
pub(super) fn holds_catalogue_types(file: &Found) -> bool {
    let Ok(builder) = File::open(&file.path)
        .map_err(|e| e.to_string())
        .and_then(|f| ParquetRecordBatchReaderBuilder::try_new(f).map_err(|e| e.to_string()))
    else {
        return false;
    };
    let fields = builder.schema().fields();
    fields.len() == file.table.columns.len()
        && fields
            .iter()
            .zip(file.table.columns)
            .all(|(field, column)| {
                field.name() == column.name && *field.data_type() == column.kind.data_type()
            })
}

/// Reads every row of the Parquet file `file` through `rows`; with `use_statistics`, the
/// columns the file's statistics prove valid are not read at all (see [`super::statistics`]).
pub(super) fn read(
    file: &Found,
    rows: &mut RowChecks,
    use_statistics: bool,
) -> Result<Reading, CheckError> {
    let opened = File::open(&file.path).map_err(|e| rows.fail(e.to_string()))?;
    let builder =
        ParquetRecordBatchReaderBuilder::try_new(opened).map_err(|e| rows.fail(e.to_string()))?;
    let found: Vec<String> = builder
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    let expected = rows.expected_columns();
    if found != expected {
        return Err(rows.fail(format!(
            "the columns are `{}`, expected `{}` (these columns, in this order)",
            found
                .iter()
                .map(|name| name.escape_debug().to_string())
                .collect::<Vec<_>>()
                .join(","),
            expected.join(",")
        )));
    }
    let mut groups = Groups {
        sizes: builder
            .metadata()
            .row_groups()
            .iter()
            .map(|g| u64::try_from(g.num_rows()).unwrap_or(0))
            .collect(),
        group: 0,
        first_of_group: 0,
    };
    let total_rows = groups.sizes.iter().sum::<u64>();
    rows.expect_rows(total_rows as usize);
    let proof = rows
        .asked()
        .filter(|_| use_statistics)
        .map(|asked| prove(&file.path, builder.metadata(), builder.schema(), &asked));
    let builder = match as_dictionaries(&builder, file.table) {
        Some(schema) => {
            // The footer already read, its text columns typed as dictionaries.
            let options = ArrowReaderOptions::new().with_schema(schema);
            ArrowReaderMetadata::try_new(Arc::clone(builder.metadata()), options)
                .and_then(|metadata| {
                    let opened = File::open(&file.path).map_err(ParquetError::from)?;
                    Ok(ParquetRecordBatchReaderBuilder::new_with_metadata(
                        opened, metadata,
                    ))
                })
                .map_err(|e| rows.fail(e.to_string()))?
        }
        None => builder,
    };
    let schema = Arc::clone(builder.schema());
    let decoded = proof
        .as_ref()
        .map(|proof| proof.to_decode(rows.dating_column()))
        .filter(|decoded| decoded.len() < file.table.columns.len());
    // Nothing left to read but a one-column text key: its ids are hashed from the pages.
    if let Some([only]) = decoded.as_deref()
        && rows.single_text_key() == Some(*only)
    {
        let hashed = hash_text_keys(&file.path, builder.metadata(), *only, &mut |page| {
            rows.accept_proven(page);
        });
        if hashed == Some(total_rows) {
            return Ok(Reading::Whole);
        }
        rows.abandon(total_rows);
        return Ok(Reading::NeedsEveryColumn);
    }
    let builder = match (&decoded, proof) {
        (Some(decoded), Some(proof)) => {
            rows.rely_on(proof);
            let mask = ProjectionMask::roots(builder.parquet_schema(), decoded.iter().copied());
            builder.with_projection(mask)
        }
        _ => builder,
    };
    // Batches as large as the staged file's: the engine reads them as they are written.
    let reader = builder
        .with_batch_size(super::stage::BATCH_ROWS)
        .build()
        .map_err(|e| rows.fail(e.to_string()))?;
    let mut index = 0;
    for batch in reader {
        let batch = batch.map_err(|e| rows.fail(e.to_string()))?;
        let read = match &decoded {
            Some(decoded) => widened(&batch, decoded, file.table.columns.len()),
            None => batch.columns().to_vec(),
        };
        let columns = sources(
            &read,
            schema.fields(),
            file.table.columns,
            decoded.as_deref(),
        )
        .map_err(|e| rows.fail(e))?;
        match as_catalogue_types(&columns, file.table.columns) {
            // Every column already holds the catalogue's type: the accepted rows are staged
            // as they are, a batch at a time.
            Some(typed) => {
                let Some(accepted) = rows.check_typed(
                    &typed,
                    |index| groups.place(index),
                    |row| Row {
                        columns: &columns,
                        row,
                    },
                )?
                else {
                    rows.abandon(total_rows);
                    return Ok(Reading::NeedsEveryColumn);
                };
                index += batch.num_rows() as u64;
                if rows.writes_stage() {
                    let typed = typed
                        .iter()
                        .map(|column| match column.data_type() {
                            DataType::Dictionary(..) => cast(column, &DataType::Utf8),
                            _ => Ok(Arc::clone(column)),
                        })
                        .collect::<Result<Vec<_>, _>>()
                        .and_then(|typed| RecordBatch::try_new(schema_ref(file.table), typed))
                        .and_then(|b| filter_record_batch(&b, &BooleanArray::from(accepted)))
                        .map_err(|e| rows.fail(e.to_string()))?;
                    rows.stage_batch(&typed)?;
                }
            }
            None => {
                for row in 0..batch.num_rows() {
                    let place = groups.place(index);
                    rows.row(
                        place,
                        &Row {
                            columns: &columns,
                            row,
                        },
                    )?;
                    index += 1;
                }
            }
        }
    }
    Ok(Reading::Whole)
}

/// A batch of the columns `decoded` (of `width` in all) as one of every column, an array of
/// nulls (which holds no buffer) standing in for each column not read.
fn widened(batch: &RecordBatch, decoded: &[usize], width: usize) -> Vec<ArrayRef> {
    let mut read = batch.columns().iter();
    (0..width)
        .map(|i| {
            match decoded.contains(&i) {
                true => read.next().map(Arc::clone),
                false => None,
            }
            .unwrap_or_else(|| Arc::new(NullArray::new(batch.num_rows())))
        })
        .collect()
}

/// The file's schema with its dictionary-encoded text columns read as dictionaries, if it has
/// any: those of the catalogue's text columns, other than the key's, whose every data page in
/// every row group is dictionary-encoded (a column whose writer fell back to plain pages would
/// have its dictionary built again row by row).
fn as_dictionaries(
    builder: &ParquetRecordBatchReaderBuilder<File>,
    table: &Table,
) -> Option<SchemaRef> {
    let schema = builder.schema();
    let mut any = false;
    let fields: Vec<Field> = schema
        .fields()
        .iter()
        .enumerate()
        .map(|(i, field)| {
            let encoded = table
                .columns
                .get(i)
                .is_some_and(|c| c.kind == Kind::Text && !table.key.contains(&c.name))
                && *field.data_type() == DataType::Utf8
                && dictionary_encoded(builder.metadata(), i);
            any |= encoded;
            if encoded {
                field.as_ref().clone().with_data_type(dictionary_type())
            } else {
                field.as_ref().clone()
            }
        })
        .collect();
    any.then(|| Arc::new(Schema::new_with_metadata(fields, schema.metadata().clone())))
}

/// The columns as arrays of the catalogue's types, if they all are (text columns are).
fn as_catalogue_types(columns: &[Source], catalogue: &[Column]) -> Option<Vec<ArrayRef>> {
    columns
        .iter()
        .zip(catalogue)
        .map(|(source, column)| match source {
            Source::Typed(array) => Some(Arc::clone(array)),
            Source::Text(text) if column.kind == Kind::Text => Some(Arc::clone(text)),
            Source::Text(_) => None,
            Source::Proven(placeholder) => Some(Arc::clone(placeholder)),
        })
        .collect()
}

/// A warehouse's timestamps (milli-, micro- or nanoseconds, without a time zone or in UTC) as
/// the catalogue's seconds, when every one of them is a whole second; `None` otherwise, and the
/// column is read as text, where a fraction of a second or another zone is rejected row by row.
fn utc_whole_seconds(array: &ArrayRef) -> Option<ArrayRef> {
    let DataType::Timestamp(unit, zone) = array.data_type() else {
        return None;
    };
    if zone.as_deref().is_some_and(|z| !is_utc(z)) {
        return None;
    }
    let per_second: i64 = match unit {
        TimeUnit::Second => 1,
        TimeUnit::Millisecond => 1_000,
        TimeUnit::Microsecond => 1_000_000,
        TimeUnit::Nanosecond => 1_000_000_000,
    };
    let ticks = cast(array, &DataType::Int64).ok()?;
    let ticks = ticks.as_primitive::<Int64Type>();
    if ticks.iter().flatten().any(|t| t % per_second != 0) {
        return None;
    }
    let seconds: TimestampSecondArray = ticks.unary(|t| t / per_second);
    Some(Arc::new(seconds))
}

fn is_utc(zone: &str) -> bool {
    matches!(zone, "UTC" | "Etc/UTC" | "Z" | "+00:00" | "+00")
}

/// Every column of a batch (`arrays`, typed as `fields` say), of the catalogue's type or as
/// text; those not in `decoded` (when some are not) were not read.
fn sources(
    arrays: &[ArrayRef],
    fields: &Fields,
    columns: &[Column],
    decoded: Option<&[usize]>,
) -> Result<Vec<Source>, String> {
    arrays
        .iter()
        .zip(fields)
        .zip(columns)
        .enumerate()
        .map(|(i, ((array, field), column))| {
            if decoded.is_some_and(|decoded| !decoded.contains(&i)) {
                return Ok(Source::Proven(array.clone()));
            }
            if column.kind != Kind::Text && *field.data_type() == column.kind.data_type() {
                return Ok(Source::Typed(array.clone()));
            }
            if column.kind == Kind::Text && *field.data_type() == dictionary_type() {
                return Ok(Source::Text(array.clone()));
            }
            if column.kind == Kind::Timestamp
                && let Some(seconds) = utc_whole_seconds(array)
            {
                return Ok(Source::Typed(seconds));
            }
            // A UTC zone is no reason to reject a time: its text is written without it.
            let array = match array.data_type() {
                DataType::Timestamp(unit, Some(zone)) if is_utc(zone) => {
                    cast(array, &DataType::Timestamp(*unit, None)).unwrap_or(array.clone())
                }
                _ => array.clone(),
            };
            cast(&array, &DataType::Utf8)
                .map(Source::Text)
                .map_err(|e| {
                    format!(
                        "column {}: its type {} cannot be read as text: {e}",
                        field.name(),
                        field.data_type()
                    )
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rows::Finished;
    use crate::check::stage::Stage;
    use crate::check::{FileCounts, Rejection};
    use crate::tables::{FileFormat, TABLES, Table};
    use datafusion::arrow::array::{
        BooleanArray, Date32Array, Decimal128Array, Int64Array, StringArray, TimestampSecondArray,
    };
    use ebr::model::PeriodId;
    use proptest::prelude::*;
    use std::collections::{HashMap, HashSet};
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Values at the edges of what each kind accepts, and beyond them; `None` is a null.
    fn cell(kind: Kind) -> BoxedStrategy<Option<i128>> {
        let edges: Vec<i128> = match kind {
            // Indexes into the texts below.
            Kind::Text => (0..TEXTS.len() as i128).collect(),
            Kind::Count => vec![-1, 0, 1, 100, 101, i64::MAX.into(), i64::MIN.into()],
            Kind::Money => vec![-1, 0, 1, 10_i128.pow(20) - 1, 10_i128.pow(20), i128::MAX],
            Kind::Timestamp => {
                let last = chrono::NaiveDateTime::MAX.and_utc().timestamp();
                let first = chrono::NaiveDateTime::MIN.and_utc().timestamp();
                // 2026-09-30, 2026-10-01 and 2026-10-31 at noon, and the chrono limits.
                vec![
                    1_790_769_600,
                    1_790_856_000,
                    1_793_448_000,
                    -1,
                    last.into(),
                    (last + 1).into(),
                    first.into(),
                    (first - 1).into(),
                    i64::MIN.into(),
                ]
            }
            Kind::Date => {
                let days = |d: chrono::NaiveDate| (d - chrono::NaiveDate::default()).num_days();
                let (first, last) = (days(chrono::NaiveDate::MIN), days(chrono::NaiveDate::MAX));
                vec![
                    20_726,
                    20_727,
                    20_757,
                    -1,
                    last.into(),
                    (last + 1).into(),
                    first.into(),
                    (first - 1).into(),
                    i32::MAX.into(),
                ]
            }
            Kind::Flag => vec![0, 1],
        };
        prop_oneof![
            1 => Just(None),
            6 => proptest::sample::select(edges).prop_map(Some),
        ]
        .boxed()
    }

    /// Ids the reference tables hold, codes, unknown values, empty text.
    const TEXTS: &[&str] = &[
        "D1", "D2", "D3", "", "won", "opened", "lost", "sourced", "none", "oem", "dealer",
        "partner", "c\u{7}",
    ];

    fn array(kind: Kind, cells: &[Option<i128>]) -> ArrayRef {
        match kind {
            Kind::Text => Arc::new(StringArray::from_iter(
                cells.iter().map(|c| c.map(|i| TEXTS[i as usize])),
            )),
            Kind::Count => Arc::new(Int64Array::from_iter(
                cells.iter().map(|c| c.map(|v| v as i64)),
            )),
            Kind::Money => Arc::new(
                Decimal128Array::from_iter(cells.iter().copied())
                    .with_data_type(Kind::Money.data_type()),
            ),
            Kind::Timestamp => Arc::new(TimestampSecondArray::from_iter(
                cells.iter().map(|c| c.map(|v| v as i64)),
            )),
            Kind::Date => Arc::new(Date32Array::from_iter(
                cells.iter().map(|c| c.map(|v| v as i32)),
            )),
            Kind::Flag => Arc::new(BooleanArray::from_iter(
                cells.iter().map(|c| c.map(|v| v == 1)),
            )),
        }
    }

    /// A table, and rows of cells for its columns.
    fn batch() -> impl Strategy<Value = (&'static Table, Vec<Vec<Option<i128>>>)> {
        proptest::sample::select(TABLES.iter().collect::<Vec<_>>()).prop_flat_map(|table| {
            let row: Vec<_> = table.columns.iter().map(|c| cell(c.kind)).collect();
            (Just(table), proptest::collection::vec(row, 0..40))
        })
    }

    /// What checking the batch found, as a build checks a file: read again while keys repeat.
    fn checked(
        table: &'static Table,
        columns: &[ArrayRef],
        by_columns: bool,
    ) -> (FileCounts, Vec<Rejection>) {
        static RUNS: AtomicUsize = AtomicUsize::new(0);
        let staged = std::env::temp_dir().join(format!(
            "ebr-typed-{}-{}.arrow",
            std::process::id(),
            RUNS.fetch_add(1, Ordering::Relaxed)
        ));
        let file = Found {
            table,
            path: format!("raw/{}.parquet", table.name).into(),
            format: FileFormat::Parquet,
        };
        let periods = [PeriodId::month(2026, 10).expect("a month")];
        let known: HashSet<String> = ["D1", "D2"].map(str::to_owned).into();
        let ids: HashMap<&'static str, HashSet<String>> =
            TABLES.iter().map(|t| (t.name, known.clone())).collect();
        let every: Vec<usize> = (0..table.columns.len()).collect();
        let sources: Vec<Source> = columns
            .iter()
            .zip(table.columns)
            .map(|(array, column)| match column.kind {
                Kind::Text => Source::Text(Arc::clone(array)),
                _ => Source::Typed(Arc::clone(array)),
            })
            .collect();
        let row = |row| Row {
            columns: &sources,
            row,
        };
        let place = |index| Place::Row {
            group: 0,
            row: index,
            index,
        };
        let count = columns.first().map_or(0, |c| c.len());
        let mut repeated = HashSet::new();
        loop {
            let stage = Stage::create(table, &every, &staged).expect("a staged file");
            let mut rows = RowChecks::new(&file, &periods, &ids, stage, repeated, &|_| ());
            if by_columns {
                rows.check_typed(columns, place, row).expect("checked");
            } else {
                for at in 0..count {
                    rows.check(place(at as u64), &row(at)).expect("checked");
                }
            }
            match rows.finish().expect("finished") {
                Finished::Checked(done) => {
                    let _ = std::fs::remove_file(&staged);
                    return (done.counts, done.rejections);
                }
                Finished::Repeated(hashes) => repeated = hashes,
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        // Checking a typed batch column by column is a shortcut only: it must find the same
        // counts, rejections and repeated keys as checking its rows one at a time.
        #[test]
        fn a_typed_batch_checked_by_columns_is_checked_as_row_by_row((table, rows) in batch()) {
            let columns: Vec<ArrayRef> = table
                .columns
                .iter()
                .enumerate()
                .map(|(i, column)| {
                    let cells: Vec<Option<i128>> = rows.iter().map(|row| row[i]).collect();
                    array(column.kind, &cells)
                })
                .collect();
            let by_rows = checked(table, &columns, false);
            prop_assert_eq!(checked(table, &columns, true), by_rows.clone());
            // Text columns the file holds dictionary-encoded are checked as the same strings.
            let with_dictionaries: Vec<ArrayRef> = columns
                .iter()
                .map(|array| match array.data_type() {
                    DataType::Utf8 => cast(array, &dictionary_type()).expect("a dictionary"),
                    _ => Arc::clone(array),
                })
                .collect();
            prop_assert_eq!(checked(table, &with_dictionaries, true), by_rows);
        }
    }

    /// A file of `table`'s columns, 3 row groups of 40 rows of repeated values, written with
    /// or without dictionaries.
    fn written(table: &'static Table, dictionaries: bool) -> tempfile::NamedTempFile {
        use datafusion::parquet::file::properties::WriterProperties;
        let columns: Vec<ArrayRef> = table
            .columns
            .iter()
            .map(|column| array(column.kind, &[Some(0), Some(1)].repeat(60)))
            .collect();
        let batch = RecordBatch::try_new(schema_ref(table), columns).expect("a batch");
        let properties = WriterProperties::builder()
            .set_dictionary_enabled(dictionaries)
            .set_max_row_group_row_count(Some(40))
            .build();
        crate::check::test_parquet::written(&batch, properties)
    }

    #[test]
    fn dictionary_encoded_text_columns_other_than_the_key_are_read_as_dictionaries() {
        let table = TABLES
            .iter()
            .find(|t| t.name == "crm_leads")
            .expect("leads");
        let file = written(table, true);
        let builder = ParquetRecordBatchReaderBuilder::try_new(file.reopen().expect("file"))
            .expect("a reader");
        let schema = as_dictionaries(&builder, table).expect("dictionary-encoded columns");
        for (field, column) in schema.fields().iter().zip(table.columns) {
            let expected = match column.kind {
                Kind::Text if table.key.contains(&column.name) => DataType::Utf8,
                Kind::Text => dictionary_type(),
                kind => kind.data_type(),
            };
            assert_eq!(field.data_type(), &expected, "{}", column.name);
        }

        let plain = written(table, false);
        let builder = ParquetRecordBatchReaderBuilder::try_new(plain.reopen().expect("file"))
            .expect("a reader");
        assert!(
            as_dictionaries(&builder, table).is_none(),
            "plain pages are read as text"
        );
    }

    #[test]
    fn a_row_is_placed_in_its_group_counting_from_0() {
        let mut groups = Groups {
            sizes: vec![3, 2, 4],
            group: 0,
            first_of_group: 0,
        };
        let places: Vec<(usize, u64)> = (0..9)
            .map(|i| match groups.place(i) {
                Place::Row { group, row, index } => {
                    assert_eq!(index, i);
                    (group, row)
                }
                Place::Line(_) => unreachable!("a Parquet row"),
            })
            .collect();
        assert_eq!(
            places,
            [
                (0, 0),
                (0, 1),
                (0, 2),
                (1, 0),
                (1, 1),
                (2, 0),
                (2, 1),
                (2, 2),
                (2, 3)
            ]
        );
    }
}
