//! CSV raw exports to Parquet, through the engine (`COPY ... TO ... STORED AS PARQUET`), for
//! `ebr sample --raw --parquet` and for anyone moving their exports to Parquet.

use std::fs;
use std::path::Path;

use datafusion::prelude::SessionContext;

use crate::review;
use crate::tables::{self, FileFormat};

/// Converts every CSV export of `raw` to Parquet in `out` (an empty or new folder), and copies
/// `review.toml`.
pub async fn convert(raw: &Path, out: &Path) -> Result<(), String> {
    let found = tables::find(raw).map_err(|e| e.to_string())?;
    if out.exists()
        && fs::read_dir(out)
            .map_err(|e| format!("{}: {e}", out.display()))?
            .next()
            .is_some()
    {
        return Err(format!(
            "{}: not empty; give a new or empty folder",
            out.display()
        ));
    }
    fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let ctx = SessionContext::new();
    tables::register(&ctx, &found)
        .await
        .map_err(|e| e.to_string())?;
    for file in &found {
        let target = out.join(format!("{}.parquet", file.table.name));
        if file.format == FileFormat::Parquet {
            fs::copy(&file.path, &target).map_err(|e| format!("{}: {e}", target.display()))?;
            continue;
        }
        ctx.table(file.table.name)
            .await
            .map_err(|e| e.to_string())?
            .write_parquet(
                &target.to_string_lossy(),
                datafusion::dataframe::DataFrameWriteOptions::new().with_single_file_output(true),
                None,
            )
            .await
            .map_err(|e| format!("{}: {e}", target.display()))?;
    }
    let review = review::FILE_NAME;
    fs::copy(raw.join(review), out.join(review)).map_err(|e| format!("{review}: {e}"))?;
    Ok(())
}
