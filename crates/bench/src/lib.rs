//! Benchmark helpers live in `src/bin`.
