//! Parquet files for the checks' tests.

use datafusion::arrow::array::RecordBatch;
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::file::properties::WriterProperties;

/// A temporary Parquet file of `batch`, written as `properties` say.
pub(super) fn written(
    batch: &RecordBatch,
    properties: WriterProperties,
) -> tempfile::NamedTempFile {
    let file = tempfile::Builder::new()
        .suffix(".parquet")
        .tempfile()
        .expect("a temporary file");
    let mut writer = ArrowWriter::try_new(
        file.reopen().expect("the file"),
        batch.schema(),
        Some(properties),
    )
    .expect("a writer");
    writer.write(batch).expect("written");
    writer.close().expect("closed");
    file
}
