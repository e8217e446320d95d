//! The deterministic sample-ecosystem generator behind `data/` and the benchmarks.
