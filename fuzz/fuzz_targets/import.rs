//! `cargo fuzz run import`: arbitrary bytes as CSV files for `quiver import`
//! and `LOAD CSV` (see `checks/import.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| quiverdb_fuzz::import(data));
