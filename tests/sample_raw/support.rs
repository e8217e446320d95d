//! The raw exports of one small sample, written once and read back with the csv crate.

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;
use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;

use ebr::model::{Granularity, PeriodId, Snapshot};
use ebr::sample::raw::{RawFile, write_raw};
use ebr::sample::{self, Format, SampleSpec};

/// 8 dealers over June to September 2026: four months and one whole quarter.
pub fn spec() -> SampleSpec {
    SampleSpec {
        dealers: 8,
        months: 4,
        seed: 7,
        end: PeriodId::month(2026, 9).unwrap(),
        format: Format::Mixed,
    }
}

/// One CSV file, read back.
pub struct Table {
    pub header: Vec<String>,
    pub records: Vec<csv::StringRecord>,
}

impl Table {
    fn read(path: &Path) -> Table {
        let mut reader = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{e}"));
        let header = reader
            .headers()
            .unwrap_or_else(|e| panic!("{e}"))
            .iter()
            .map(str::to_owned)
            .collect();
        let records = reader
            .records()
            .map(|r| r.unwrap_or_else(|e| panic!("{}: {e}", path.display())))
            .collect();
        Table { header, records }
    }

    pub fn column(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {:?}", self.header))
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.records.iter().map(|record| Row {
            table: self,
            record,
        })
    }

    /// The rows whose `when` column (a date or a timestamp) falls in `s`'s period.
    pub fn rows_in<'a>(&'a self, when: &str, s: &Snapshot) -> impl Iterator<Item = Row<'a>> {
        let column = self.column(when);
        let (start, end) = (s.period.start.to_string(), s.period.end.to_string());
        self.rows().filter(move |r| {
            let day = r.record[column].get(..10).unwrap_or_default();
            start.as_str() <= day && day <= end.as_str()
        })
    }
}

/// One row of a [`Table`], read by column name.
pub struct Row<'a> {
    table: &'a Table,
    record: &'a csv::StringRecord,
}

impl<'a> Row<'a> {
    pub fn get(&self, name: &str) -> &'a str {
        &self.record[self.table.column(name)]
    }

    pub fn num(&self, name: &str) -> u64 {
        self.get(name)
            .parse()
            .unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    pub fn money(&self, name: &str) -> Decimal {
        money(self.get(name))
    }

    pub fn flag(&self, name: &str) -> bool {
        match self.get(name) {
            "true" => true,
            "false" => false,
            other => panic!("{name}: `{other}` is not a boolean"),
        }
    }

    pub fn time(&self, name: &str) -> Option<NaiveDateTime> {
        let text = self.get(name);
        (!text.is_empty()).then(|| {
            NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S")
                .unwrap_or_else(|e| panic!("{name} `{text}`: {e}"))
        })
    }

    pub fn date(&self, name: &str) -> Option<NaiveDate> {
        let text = self.get(name);
        (!text.is_empty())
            .then(|| NaiveDate::from_str(text).unwrap_or_else(|e| panic!("{name} `{text}`: {e}")))
    }
}

pub fn money(text: &str) -> Decimal {
    let amount = Decimal::from_str_exact(text).unwrap_or_else(|e| panic!("`{text}`: {e}"));
    assert!(amount.scale() <= 4, "`{text}` has more than 4 decimals");
    amount
}

/// A written raw sample, read back, beside the snapshots it was made from.
pub struct Export {
    pub snapshots: Vec<Snapshot>,
    pub files: Vec<RawFile>,
    pub tables: BTreeMap<String, Table>,
    pub review: toml::Table,
}

impl Export {
    pub fn table(&self, name: &str) -> &Table {
        self.tables
            .get(name)
            .unwrap_or_else(|| panic!("no {name}.csv"))
    }
}

/// Writes `spec`'s raw exports into a temporary folder and reads every file back.
fn write(spec: &SampleSpec) -> Export {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let files = write_raw(spec, dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let mut tables = BTreeMap::new();
    for entry in std::fs::read_dir(dir.path()).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if let Some(stem) = name.strip_suffix(".csv") {
            tables.insert(stem.to_owned(), Table::read(&path));
        }
    }
    let review =
        std::fs::read_to_string(dir.path().join("review.toml")).unwrap_or_else(|e| panic!("{e}"));
    Export {
        snapshots: sample::generate(spec),
        files,
        tables,
        review: toml::from_str(&review).unwrap_or_else(|e| panic!("{e}")),
    }
}

/// The small sample's export, written once for all tests.
pub fn fixture() -> &'static Export {
    static EXPORT: OnceLock<Export> = OnceLock::new();
    EXPORT.get_or_init(|| write(&spec()))
}

/// Runs `check` on every snapshot of the fixture, months and quarters.
pub fn each_period(check: impl Fn(&Export, &Snapshot)) {
    let x = fixture();
    let quarters = x
        .snapshots
        .iter()
        .filter(|s| s.period.id.granularity() == Granularity::Quarter)
        .count();
    assert!(quarters >= 1, "the spec must cover a whole quarter");
    for s in &x.snapshots {
        check(x, s);
    }
}
