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

    /// The column cast to `to`, so any integer width or decimal precision reads the same way.
    fn column(&self, name: &str, to: &DataType) -> Result<ArrayRef, FrameError> {
        let array = self
            .batch
            .column_by_name(name)
            .ok_or_else(|| self.error(name, "missing from the result"))?;
        if array.data_type() == to {
            return Ok(Arc::clone(array));
        }
        cast(array, to).map_err(|e| self.error(name, format!("not readable as {to}: {e}")))
    }

    /// A text value, `None` when NULL.
    pub fn opt_text(&self, name: &str) -> Result<Option<String>, FrameError> {
        let array = self.column(name, &DataType::Utf8)?;
        if array.is_null(self.index) {
            return Ok(None);
        }
        let strings: &StringArray = array.as_string();
        Ok(Some(strings.value(self.index).to_owned()))
    }

    /// A required text value.
    pub fn text(&self, name: &str) -> Result<String, FrameError> {
        self.opt_text(name)?
            .ok_or_else(|| self.error(name, "empty"))
    }

    /// A count; NULL (no row to count) reads as 0.
    pub fn count(&self, name: &str) -> Result<u64, FrameError> {
        let array = self.column(name, &DataType::Int64)?;
        if array.is_null(self.index) {
            return Ok(0);
        }
        let ints: &Int64Array = array.as_primitive();
        let value = ints.value(self.index);
        u64::try_from(value).map_err(|_| self.error(name, format!("{value} is negative")))
    }

    /// An amount; NULL (nothing booked) reads as 0.
    pub fn money(&self, name: &str) -> Result<Money, FrameError> {
        let array = self.column(name, &DataType::Decimal128(38, READ_SCALE))?;
        if array.is_null(self.index) {
            return Ok(Money::default());
        }
        let decimals: &Decimal128Array = array.as_primitive();
        let mantissa = decimals.value(self.index);
        Decimal::try_from_i128_with_scale(mantissa, READ_SCALE as u32)
            .map(|d| Money(d.normalize()))
            .map_err(|e| self.error(name, format!("out of range: {e}")))
    }

    /// A date, `None` when NULL.
    pub fn opt_date(&self, name: &str) -> Result<Option<NaiveDate>, FrameError> {
        let array = self.column(name, &DataType::Date32)?;
        if array.is_null(self.index) {
            return Ok(None);
        }
        let dates: &Date32Array = array.as_primitive();
        dates
            .value_as_date(self.index)
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
        let array = self.column(name, &DataType::Boolean)?;
        let flags: &BooleanArray = array.as_boolean();
        Ok(!flags.is_null(self.index) && flags.value(self.index))
    }

    /// A list of texts (an `array_agg` of ids).
    pub fn text_list(&self, name: &str) -> Result<Vec<String>, FrameError> {
        let item = Arc::new(Field::new_list_field(DataType::Utf8, true));
        let array = self.column(name, &DataType::List(item))?;
        let lists: &ListArray = array.as_list();
        let values = lists.value(self.index);
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
