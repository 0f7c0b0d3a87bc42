//! Integration tests that run the real `quiver` binary.

mod disk_full;
mod dot;
mod dump;
mod durability;
mod export;
mod graph;
mod import;
mod repl;
mod repl_tour;
mod schema;
mod scripting;
mod snapshots;
mod storage_safety;
mod usage;
mod util;
