//! Where an export comes from: the ecosystem, the periods, the place in the dashboard (tab,
//! drill path, filter, sort, model), the data files with their sha256 and the dates the data
//! was current, and the ebr version.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use schemars::JsonSchema;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::app::App;
use crate::model::{PeriodId, Snapshot};

/// Everything needed to tell what an export shows and to reproduce it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The ecosystem's name.
    pub ecosystem: String,
    /// The currency of every money value (ISO 4217), what the unit `money` means.
    pub currency: String,
    /// The tab, e.g. `Dealers`.
    pub tab: String,
    /// The period under review, e.g. `2026-10`.
    pub period: String,
    /// The compared period, if any.
    pub compared: Option<String>,
    /// The periods as the header says them, e.g. `Oct 2026 vs Sep 2026 (MoM)`.
    pub periods: String,
    /// The drill path from the ecosystem down, by name.
    pub drill: Vec<String>,
    /// The filter on the main table's names (empty: none).
    pub filter: String,
    /// The sort of the main table, e.g. `leads descending` (`None`: as built).
    pub sort: Option<String>,
    /// The attribution model in use.
    pub model: String,
    /// The snapshots on screen (the period under review, then the compared one).
    pub snapshots: Vec<SnapshotInfo>,
    /// The data files loaded (empty for the sample bundled in ebr).
    pub files: Vec<DataFile>,
    /// The ebr version that wrote the export.
    pub ebr_version: String,
}

/// One snapshot on screen: when it was made and how fresh its sources were.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SnapshotInfo {
    /// Its period.
    pub period: String,
    /// When it was generated (RFC 3339).
    pub generated_at: String,
    /// Each source system and the date its data is as of.
    pub as_of: Vec<SourceAsOf>,
}

/// A source system and the date its data is as of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceAsOf {
    /// The source's name, e.g. `CRM`.
    pub source: String,
    /// The date, `YYYY-MM-DD`.
    pub as_of: String,
}

/// A data file and the digest of the bytes that were read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataFile {
    /// The path as given.
    pub path: String,
    /// The period of the snapshot it holds.
    pub period: Option<String>,
    /// SHA-256 of its bytes, lowercase hex.
    pub sha256: String,
}

impl DataFile {
    /// The file at `path` whose bytes are `bytes`, holding the snapshot of `period`.
    pub fn new(path: &Path, bytes: &[u8], period: Option<PeriodId>) -> DataFile {
        let mut sha256 = String::with_capacity(64);
        for byte in Sha256::digest(bytes) {
            // Writing into a String cannot fail.
            let _ = write!(sha256, "{byte:02x}");
        }
        DataFile {
            path: path.display().to_string(),
            period: period.map(|p| p.to_string()),
            sha256,
        }
    }

    /// Each file with the SHA-256 of its bytes as they are now; an unreadable file is an
    /// error naming it (the first in `files` when several are). The files are read and hashed
    /// side by side: `ebr view` does this before its first frame, for files of 60 MB and more.
    pub fn read_all(files: &[(PathBuf, PeriodId)]) -> Result<Vec<DataFile>, String> {
        let read: Vec<Result<DataFile, String>> = files
            .par_iter()
            .map(|(path, period)| {
                std::fs::read(path)
                    .map(|bytes| DataFile::new(path, &bytes, Some(*period)))
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))
            })
            .collect();
        read.into_iter().collect()
    }
}

impl SnapshotInfo {
    fn of(snapshot: &Snapshot) -> SnapshotInfo {
        SnapshotInfo {
            period: snapshot.period.id.to_string(),
            generated_at: snapshot.provenance.generated_at.to_rfc3339(),
            as_of: snapshot
                .provenance
                .sources
                .iter()
                .map(|s| SourceAsOf {
                    source: s.name.clone(),
                    as_of: s.as_of.format("%Y-%m-%d").to_string(),
                })
                .collect(),
        }
    }
}

impl Provenance {
    /// The provenance of what `app` shows, read from the data `files`.
    pub fn of(app: &App, files: Vec<DataFile>) -> Provenance {
        let snapshot = app.snapshot();
        let mut snapshots = vec![SnapshotInfo::of(snapshot)];
        if let Some(compared) = app.compared() {
            snapshots.push(SnapshotInfo::of(compared.snapshot()));
        }
        let sort = app.sort().map(|s| {
            let title = app
                .table()
                .and_then(|t| t.columns.iter().find(|c| c.key == s.column))
                .map_or(s.column.as_str(), |c| c.title.as_str());
            let direction = if s.descending {
                "descending"
            } else {
                "ascending"
            };
            format!("{title} {direction}")
        });
        Provenance {
            ecosystem: snapshot.ecosystem.name.clone(),
            currency: snapshot.ecosystem.currency.clone(),
            tab: app.tab().title().to_owned(),
            period: app.period().to_string(),
            compared: app.periods().compared.map(|p| p.to_string()),
            periods: app.period_label(),
            drill: app.breadcrumb(),
            filter: app.nav().filter.clone(),
            sort,
            model: app.model().label().to_owned(),
            snapshots,
            files,
            ebr_version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }

    /// Each fact as `(name, value)`, in the order every format writes them.
    pub fn lines(&self) -> Vec<(&'static str, String)> {
        let mut lines = vec![
            ("ecosystem", self.ecosystem.clone()),
            ("tab", self.tab.clone()),
            ("period", self.period.clone()),
            (
                "compared",
                self.compared.clone().unwrap_or_else(|| "none".to_owned()),
            ),
            ("drill", self.drill.join(" > ")),
            ("filter", self.filter.clone()),
            (
                "sort",
                self.sort.clone().unwrap_or_else(|| "as built".to_owned()),
            ),
            ("model", self.model.clone()),
            ("currency", self.currency.clone()),
        ];
        for s in &self.snapshots {
            let as_of: Vec<String> = s
                .as_of
                .iter()
                .map(|a| format!("{} as of {}", a.source, a.as_of))
                .collect();
            lines.push((
                "snapshot",
                format!(
                    "{} generated {}; {}",
                    s.period,
                    s.generated_at,
                    as_of.join(", ")
                ),
            ));
        }
        if self.files.is_empty() {
            lines.push(("data", "the sample bundled in ebr".to_owned()));
        }
        for f in &self.files {
            let period = f.period.as_deref().unwrap_or("?");
            lines.push(("file", format!("{} ({period}) sha256 {}", f.path, f.sha256)));
        }
        lines.push(("ebr", self.ebr_version.clone()));
        lines
    }
}
