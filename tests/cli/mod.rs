//! Integration tests that run the real `quiver` binary.

mod dot;
mod export;
mod graph;
mod import;
mod repl;
mod usage;
mod util;
