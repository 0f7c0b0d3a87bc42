//! `cargo fuzz run open`: arbitrary bytes as a database file are refused
//! whole or opened without losing data (see `checks/open.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| quiverdb_fuzz::open(data));
