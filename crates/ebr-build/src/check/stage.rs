//! The accepted rows of one raw export, typed as the catalogue says, written to an Arrow IPC file
//! that the SQL then reads: the checks have parsed every field already, so the engine neither
//! parses the text again nor meets a rejected row. Only the columns some query reads are
//! written (every column is checked all the same).

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use datafusion::arrow::array::{
    ArrayBuilder, ArrayRef, BooleanBuilder, Date32Builder, Decimal128Builder, Int64Builder,
    RecordBatch, StringBuilder, TimestampSecondBuilder,
};
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::error::ArrowError;
use datafusion::arrow::ipc::writer::FileWriter;

use super::typed::days_since_epoch;
use super::values::Value;
use crate::tables::{Kind, MONEY_PRECISION, MONEY_SCALE, Table};

/// Rows gathered before they are written as one batch.
pub(super) const BATCH_ROWS: usize = 64 * 1024;

/// The extension of staged files, as the engine is told to read them.
pub const EXTENSION: &str = ".arrow";

/// A table's staged file: its path and its columns.
#[derive(Clone, Debug)]
pub struct Staged {
    /// The Arrow IPC file, or the raw Parquet file itself when every row of it was accepted
    /// as it is typed.
    pub path: PathBuf,
    /// Which of the two.
    pub format: StagedFormat,
    /// The columns the engine reads: those of the catalogue's that a query reads.
    pub schema: SchemaRef,
}

/// What a staged file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StagedFormat {
    /// The accepted rows, written by the checks.
    ArrowIpc,
    /// A raw Parquet file of the catalogue's types whose rows were all accepted: the engine
    /// reads it where it is, as it would have read the same rows written again.
    Parquet,
}

/// One column being gathered.
enum Builder {
    Text(StringBuilder),
    Count(Int64Builder),
    Money(Decimal128Builder),
    Timestamp(TimestampSecondBuilder),
    Date(Date32Builder),
    Flag(BooleanBuilder),
}

impl Builder {
    fn new(kind: Kind) -> Builder {
        match kind {
            Kind::Text => Builder::Text(StringBuilder::new()),
            Kind::Count => Builder::Count(Int64Builder::new()),
            Kind::Money => {
                Builder::Money(Decimal128Builder::new().with_data_type(Kind::Money.data_type()))
            }
            Kind::Timestamp => Builder::Timestamp(TimestampSecondBuilder::new()),
            Kind::Date => Builder::Date(Date32Builder::new()),
            Kind::Flag => Builder::Flag(BooleanBuilder::new()),
        }
    }

    /// Appends a checked value; `text` is the field as read, for text columns.
    fn push(&mut self, value: Value, text: &str) {
        match (self, value) {
            (Builder::Text(b), Value::Empty) => b.append_null(),
            (Builder::Text(b), _) => b.append_value(text),
            (Builder::Count(b), Value::Count(n)) => b.append_value(n),
            (Builder::Money(b), Value::Money(units)) => b.append_value(units),
            (Builder::Timestamp(b), Value::Stamp(t)) => b.append_value(t.and_utc().timestamp()),
            // chrono's days, ±262,143 years, fit Arrow's 32-bit days.
            (Builder::Date(b), Value::Date(d)) => b.append_value(days_since_epoch(d) as i32),
            (Builder::Flag(b), Value::Flag(f)) => b.append_value(f),
            (Builder::Count(b), _) => b.append_null(),
            (Builder::Money(b), _) => b.append_null(),
            (Builder::Timestamp(b), _) => b.append_null(),
            (Builder::Date(b), _) => b.append_null(),
            (Builder::Flag(b), _) => b.append_null(),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Text(b) => Arc::new(b.finish()),
            Builder::Count(b) => Arc::new(b.finish()),
            Builder::Money(b) => Arc::new(b.finish()),
            Builder::Timestamp(b) => Arc::new(b.finish()),
            Builder::Date(b) => Arc::new(b.finish()),
            Builder::Flag(b) => Arc::new(b.finish()),
        }
    }

    fn len(&self) -> usize {
        match self {
            Builder::Text(b) => b.len(),
            Builder::Count(b) => b.len(),
            Builder::Money(b) => b.len(),
            Builder::Timestamp(b) => b.len(),
            Builder::Date(b) => b.len(),
            Builder::Flag(b) => b.len(),
        }
    }
}

/// The accepted rows of one table on their way to `path`.
pub(crate) struct Stage {
    path: PathBuf,
    schema: SchemaRef,
    /// The catalogue's index of each column written, and its values so far.
    columns: Vec<(usize, Builder)>,
    /// Where the rows are written; none when the raw file is kept as it is.
    writer: Option<FileWriter<BufWriter<File>>>,
}

impl Stage {
    /// Starts the staged file of `table` at `path`, of the table's columns at the indexes
    /// `kept` (in increasing order).
    pub(crate) fn create(table: &Table, kept: &[usize], path: &Path) -> Result<Stage, String> {
        debug_assert_eq!(
            Kind::Money.data_type(),
            datafusion::arrow::datatypes::DataType::Decimal128(MONEY_PRECISION, MONEY_SCALE)
        );
        let schema = Arc::new(table.schema().project(kept).map_err(|e| e.to_string())?);
        let file = File::create(path).map_err(|e| e.to_string())?;
        let writer = FileWriter::try_new_buffered(file, &schema).map_err(|e| e.to_string())?;
        Ok(Stage {
            path: path.to_owned(),
            columns: kept
                .iter()
                .map(|&i| (i, Builder::new(table.columns[i].kind)))
                .collect(),
            schema,
            writer: Some(writer),
        })
    }

    /// Stages the raw Parquet file `raw` of `table` as it is, of the table's columns at the
    /// indexes `kept`: nothing is written, and the rows must all be accepted (a file with a
    /// rejected row is staged again with [`Stage::create`]).
    pub(crate) fn keep_parquet(table: &Table, kept: &[usize], raw: &Path) -> Result<Stage, String> {
        let schema = Arc::new(table.schema().project(kept).map_err(|e| e.to_string())?);
        Ok(Stage {
            path: raw.to_owned(),
            schema,
            columns: Vec::new(),
            writer: None,
        })
    }

    /// Whether rows are written (not when the raw file is kept as it is).
    pub(crate) fn writes(&self) -> bool {
        self.writer.is_some()
    }

    /// Adds one accepted row: its checked values and the text of each field.
    pub(crate) fn push<'a>(
        &mut self,
        values: &[Value],
        text: impl Fn(usize) -> &'a str,
    ) -> Result<(), String> {
        if self.writer.is_none() {
            return Ok(());
        }
        for (i, column) in &mut self.columns {
            let text = if matches!(column, Builder::Text(_)) {
                text(*i)
            } else {
                ""
            };
            column.push(values[*i], text);
        }
        if self
            .columns
            .first()
            .is_some_and(|(_, c)| c.len() >= BATCH_ROWS)
        {
            self.flush().map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    /// Adds a batch of accepted rows typed as the catalogue says (every column of the table),
    /// after the rows pushed so far.
    pub(crate) fn write_batch(&mut self, batch: &RecordBatch) -> Result<(), String> {
        if self.writer.is_none() {
            return Ok(());
        }
        self.flush().map_err(|e| e.to_string())?;
        let kept = self
            .columns
            .iter()
            .map(|(i, _)| Arc::clone(batch.column(*i)))
            .collect();
        let batch =
            RecordBatch::try_new(Arc::clone(&self.schema), kept).map_err(|e| e.to_string())?;
        if let Some(writer) = self.writer.as_mut()
            && batch.num_rows() > 0
        {
            writer.write(&batch).map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), ArrowError> {
        let Some(writer) = self.writer.as_mut() else {
            return Ok(());
        };
        let columns = self.columns.iter_mut().map(|(_, c)| c.finish()).collect();
        let batch = RecordBatch::try_new(Arc::clone(&self.schema), columns)?;
        if batch.num_rows() > 0 {
            writer.write(&batch)?;
        }
        Ok(())
    }

    /// Writes what is left and closes the file, giving where it is and what it holds.
    pub(crate) fn finish(mut self) -> Result<Staged, String> {
        self.flush().map_err(|e| e.to_string())?;
        let format = match self.writer.as_mut() {
            Some(writer) => {
                writer.finish().map_err(|e| e.to_string())?;
                StagedFormat::ArrowIpc
            }
            None => StagedFormat::Parquet,
        };
        Ok(Staged {
            path: self.path,
            format,
            schema: self.schema,
        })
    }
}
