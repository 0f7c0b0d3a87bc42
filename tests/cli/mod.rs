//! Integration tests that run the real `quiver` binary.

mod dot;
mod dump;
mod durability;
mod export;
mod graph;
mod import;
mod load_csv_safety;
mod repl;
mod repl_tour;
mod schema;
mod script_safety;
mod scripting;
mod snapshots;
mod usage;
mod util;
