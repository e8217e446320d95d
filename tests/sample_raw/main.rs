//! `ebr sample --raw`: the raw exports of a small sample, read back with the csv crate and
//! aggregated as docs/raw-exports.md says, give back the generator's snapshots, months and
//! quarters alike; every file keeps the contract (headers, keys, references).

mod contract;
mod dealers;
mod ecosystem;
mod support;
