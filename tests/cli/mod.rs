//! Integration tests that run the real `quiver` binary.

mod dot;
mod graph;
mod repl;
mod repl_tour;
mod scripting;
mod snapshots;
mod usage;
mod util;
