//! `cargo fuzz run execute`: statements against a small graph must never
//! panic, and a failed statement changes nothing (see `checks/execute.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| quiverdb_fuzz::execute(data));
