//! Reading snapshot files: TOML or JSON into a validated [`crate::model::Snapshot`], with every
//! problem reported by file, line, column and field path.
