//! Query results as typed rows: the assembler reads columns by name, and a column of an
//! unexpected type or a NULL where a value is required is an error naming the query and column,
//! never a panic.

use std::sync::Arc;

use chrono::NaiveDate;
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Date32Array, Decimal128Array, Int64Array, ListArray,
    StringArray,
};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Field};
use datafusion::arrow::record_batch::RecordBatch;
use ebr::model::Money;
use rust_decimal::Decimal;

/// A value the SQL should have produced and did not.
#[derive(Debug, thiserror::Error)]
#[error("query {query}: column {column}: {message}")]
pub struct FrameError {
    /// The SQL file.
    pub query: &'static str,
    /// The result column.
    pub column: String,
    /// What was wrong.
    pub message: String,
}

/// The result of one query.
pub struct Frame {
    query: &'static str,
    batches: Vec<RecordBatch>,
}

/// Decimals kept when reading money back (DataFusion widens precision, never the scale we cast to).
const READ_SCALE: i8 = 4;

impl Frame {
    /// Wraps the batches `query` returned.
    pub fn new(query: &'static str, batches: Vec<RecordBatch>) -> Frame {
        Frame { query, batches }
    }

    /// Every row, in the order the query returned them.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.batches.iter().flat_map(move |batch| {
            (0..batch.num_rows()).map(move |index| Row {
                query: self.query,
                batch,
                index,
            })
        })
    }

    /// Whether the query returned no row.
    pub fn is_empty(&self) -> bool {
        self.batches.iter().all(|b| b.num_rows() == 0)
    }
}

/// One row of a query result.
#[derive(Clone, Copy)]
pub struct Row<'a> {
    query: &'static str,
    batch: &'a RecordBatch,
    index: usize,
}

impl<'a> Row<'a> {
    fn error(&self, column: &str, message: impl Into<String>) -> FrameError {
        FrameError {
            query: self.query,
            column: column.to_owned(),
            message: message.into(),
        }
    }

    /// The row's value in column `name`, as an array of that one row cast to `to`, so any
    /// integer width, decimal precision or string layout reads the same way. Only the row is
    /// cast: casting the whole column for each row read made reading a frame quadratic.
    fn cell(&self, name: &str, to: &DataType) -> Result<ArrayRef, FrameError> {
        let array = self
            .batch
            .column_by_name(name)
            .ok_or_else(|| self.error(name, "missing from the result"))?;
        let cell = array.slice(self.index, 1);
        if cell.data_type() == to {
            return Ok(cell);
        }
        cast(&cell, to).map_err(|e| self.error(name, format!("not readable as {to}: {e}")))
    }

    /// A text value, `None` when NULL.
    pub fn opt_text(&self, name: &str) -> Result<Option<String>, FrameError> {
        let array = self.cell(name, &DataType::Utf8)?;
        if array.is_null(0) {
            return Ok(None);
        }
        let strings: &StringArray = array.as_string();
        Ok(Some(strings.value(0).to_owned()))
    }

    /// A required text value.
    pub fn text(&self, name: &str) -> Result<String, FrameError> {
        self.opt_text(name)?
            .ok_or_else(|| self.error(name, "empty"))
    }

    /// A count; NULL (no row to count) reads as 0.
    pub fn count(&self, name: &str) -> Result<u64, FrameError> {
        let array = self.cell(name, &DataType::Int64)?;
        if array.is_null(0) {
            return Ok(0);
        }
        let ints: &Int64Array = array.as_primitive();
        let value = ints.value(0);
        u64::try_from(value).map_err(|_| self.error(name, format!("{value} is negative")))
    }

    /// An amount; NULL (nothing booked) reads as 0.
    pub fn money(&self, name: &str) -> Result<Money, FrameError> {
        let array = self.cell(name, &DataType::Decimal128(38, READ_SCALE))?;
        if array.is_null(0) {
            return Ok(Money::default());
        }
        let decimals: &Decimal128Array = array.as_primitive();
        let mantissa = decimals.value(0);
        Decimal::try_from_i128_with_scale(mantissa, READ_SCALE as u32)
            .map(|d| Money(d.normalize()))
            .map_err(|e| self.error(name, format!("out of range: {e}")))
    }

    /// A date, `None` when NULL.
    pub fn opt_date(&self, name: &str) -> Result<Option<NaiveDate>, FrameError> {
        let array = self.cell(name, &DataType::Date32)?;
        if array.is_null(0) {
            return Ok(None);
        }
        let dates: &Date32Array = array.as_primitive();
        dates
            .value_as_date(0)
            .map(Some)
            .ok_or_else(|| self.error(name, "not a date"))
    }

    /// A required date.
    pub fn date(&self, name: &str) -> Result<NaiveDate, FrameError> {
        self.opt_date(name)?
            .ok_or_else(|| self.error(name, "empty"))
    }

    /// A flag; NULL reads as false.
    pub fn flag(&self, name: &str) -> Result<bool, FrameError> {
        let array = self.cell(name, &DataType::Boolean)?;
        let flags: &BooleanArray = array.as_boolean();
        Ok(!flags.is_null(0) && flags.value(0))
    }

    /// A list of texts (an `array_agg` of ids).
    pub fn text_list(&self, name: &str) -> Result<Vec<String>, FrameError> {
        let item = Arc::new(Field::new_list_field(DataType::Utf8, true));
        let array = self.cell(name, &DataType::List(item))?;
        let lists: &ListArray = array.as_list();
        let values = lists.value(0);
        let strings: &StringArray = values.as_string();
        (0..strings.len())
            .map(|i| {
                if strings.is_null(i) {
                    Err(self.error(name, "an empty item"))
                } else {
                    Ok(strings.value(i).to_owned())
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use datafusion::arrow::array::{
        Decimal128Array, Int32Array, ListBuilder, StringViewArray, StringViewBuilder,
    };
    use datafusion::arrow::datatypes::Schema;

    use super::*;

    proptest::proptest! {
        // Whatever layout the engine gives a column (string views from Parquet, narrower
        // integers, decimals of another precision and scale, lists of views), every row reads
        // back as the value that was put in it, at its own place in the batch.
        #[test]
        fn each_row_reads_its_own_values_whatever_the_columns_layout(
            rows in proptest::collection::vec(
                (
                    proptest::option::of("[a-z0-9-]{0,20}"),
                    0_i32..1_000_000,
                    0_i64..10_000_000_000,
                    proptest::collection::vec("[a-z]{1,14}", 0..4),
                ),
                1..40,
            ),
        ) {
            let ids: StringViewArray = rows.iter().map(|r| r.0.clone()).collect();
            let counts = Int32Array::from(rows.iter().map(|r| r.1).collect::<Vec<_>>());
            // Cents, as a DECIMAL(22, 2) of another query would hold them.
            let amounts = Decimal128Array::from(rows.iter().map(|r| i128::from(r.2)).collect::<Vec<_>>())
                .with_precision_and_scale(22, 2)
                .expect("a decimal type");
            let mut lists = ListBuilder::new(StringViewBuilder::new());
            for row in &rows {
                for item in &row.3 {
                    lists.values().append_value(item);
                }
                lists.append(true);
            }
            let lists = lists.finish();
            let columns: Vec<ArrayRef> =
                vec![Arc::new(ids), Arc::new(counts), Arc::new(amounts), Arc::new(lists)];
            let schema = Schema::new(
                ["id", "count", "amount", "items"]
                    .iter()
                    .zip(&columns)
                    .map(|(name, c)| Field::new(*name, c.data_type().clone(), true))
                    .collect::<Vec<_>>(),
            );
            let batch = RecordBatch::try_new(Arc::new(schema), columns).expect("a batch");
            let frame = Frame::new("test.sql", vec![batch]);
            let read: Vec<Row> = frame.rows().collect();
            proptest::prop_assert_eq!(read.len(), rows.len());
            for (row, (id, count, cents, items)) in read.iter().zip(&rows) {
                proptest::prop_assert_eq!(&row.opt_text("id").expect("text"), id);
                proptest::prop_assert_eq!(row.count("count").expect("a count"), *count as u64);
                let expected = Money(Decimal::new(*cents, 2).normalize());
                proptest::prop_assert_eq!(row.money("amount").expect("money"), expected);
                proptest::prop_assert_eq!(&row.text_list("items").expect("a list"), items);
            }
        }
    }
}
