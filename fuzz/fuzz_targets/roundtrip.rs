//! `cargo fuzz run roundtrip`: whatever parses must print as
//! Cypher that parses back to the same tree.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| quiverdb_fuzz::round_trip(data));
