//! The property graph store (the only module that names petgraph).

mod graph;
mod index;

pub use graph::{Dir, Graph, Properties};
pub use index::{IndexKey, PropertyIndex};
