//! The property graph store (the only module that names petgraph).

mod graph;
mod index;

pub use graph::{Changes, Dir, Graph, Properties};
pub use index::{IndexKey, PropertyIndex};
