//! Integration tests that run the real `quiver` binary.

mod dot;
mod dump;
mod durability;
mod graph;
mod repl;
mod schema;
mod usage;
mod util;
