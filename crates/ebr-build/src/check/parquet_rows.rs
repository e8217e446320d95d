//! Parquet exports through the same row checks as CSV: each column is read back as text (Arrow's
//! cast to UTF-8: ISO dates and times, plain decimals, `true`/`false`, a null as empty), so a
//! warehouse's Parquet meets exactly the rules a CRM's CSV meets, and a rejected row is named by
//! its row group and its row within the group.

use std::collections::HashSet;
use std::fs::File;
use std::path::Path;

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, RecordBatch, RecordBatchReader, StringArray,
};
use datafusion::arrow::compute::{cast, filter_record_batch};
use datafusion::arrow::datatypes::DataType;
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use super::rows::{Fields, RowChecks};
use super::{CheckError, Place};
use crate::tables::Found;

/// One row of a batch whose columns were cast to text.
struct Row<'a> {
    columns: &'a [&'a StringArray],
    row: usize,
}

impl Fields for Row<'_> {
    fn count(&self) -> usize {
        self.columns.len()
    }
    fn field(&self, i: usize) -> &str {
        let column = self.columns[i];
        if column.is_null(self.row) {
            ""
        } else {
            column.value(self.row)
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

/// Reads every row of the Parquet file `file` through `rows`.
pub(super) fn read(file: &Found, rows: &mut RowChecks) -> Result<(), CheckError> {
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
    let reader = builder.build().map_err(|e| rows.fail(e.to_string()))?;
    let mut index = 0;
    for batch in reader {
        let batch = batch.map_err(|e| rows.fail(e.to_string()))?;
        let texts = as_text(&batch).map_err(|e| rows.fail(e))?;
        let columns: Vec<&StringArray> = texts.iter().map(|a| a.as_string::<i32>()).collect();
        for row in 0..batch.num_rows() {
            rows.row(
                groups.place(index),
                &Row {
                    columns: &columns,
                    row,
                },
            );
            index += 1;
        }
    }
    Ok(())
}

/// Every column of `batch` as UTF-8 text.
fn as_text(batch: &RecordBatch) -> Result<Vec<ArrayRef>, String> {
    batch
        .columns()
        .iter()
        .zip(batch.schema().fields())
        .map(|(column, field)| {
            cast(column, &DataType::Utf8).map_err(|e| {
                format!(
                    "column {}: its type {} cannot be read as text: {e}",
                    field.name(),
                    field.data_type()
                )
            })
        })
        .collect()
}

/// Copies the Parquet file `file` without its rejected rows (by index in the file) to `copy`.
pub(super) fn write_accepted(
    file: &Found,
    copy: &Path,
    rejected: &HashSet<u64>,
) -> Result<(), CheckError> {
    let fail = |e: &dyn std::fmt::Display| CheckError::File {
        file: copy.to_owned(),
        message: e.to_string(),
    };
    let opened = File::open(&file.path).map_err(|e| fail(&e))?;
    let reader = ParquetRecordBatchReaderBuilder::try_new(opened)
        .and_then(|b| b.build())
        .map_err(|e| fail(&e))?;
    let out = File::create(copy).map_err(|e| fail(&e))?;
    let mut writer = ArrowWriter::try_new(out, reader.schema(), None).map_err(|e| fail(&e))?;
    let mut first = 0_u64;
    for batch in reader {
        let batch = batch.map_err(|e| fail(&e))?;
        let keep: BooleanArray = (first..first + batch.num_rows() as u64)
            .map(|index| Some(!rejected.contains(&index)))
            .collect();
        first += batch.num_rows() as u64;
        let kept = filter_record_batch(&batch, &keep).map_err(|e| fail(&e))?;
        writer.write(&kept).map_err(|e| fail(&e))?;
    }
    writer.close().map(drop).map_err(|e| fail(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

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
