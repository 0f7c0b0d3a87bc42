//! Integration tests that run the real `quiver` binary.

mod disk_full;
mod doc_examples;
mod dot;
mod dump;
mod durability;
mod embed;
mod export;
mod fuzz_findings;
mod graph;
mod import;
mod json_codec;
mod limits;
mod load_csv_safety;
mod range_seek;
mod repl;
mod repl_tour;
mod safety;
mod safety_inputs;
mod schema;
mod script_safety;
mod scripting;
mod snapshots;
mod storage_safety;
mod temporal_io;
mod usage;
mod util;
