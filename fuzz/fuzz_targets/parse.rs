//! `cargo fuzz run parse`: arbitrary text through the splitter
//! and the parser must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| quiverdb_fuzz::parse(data));
