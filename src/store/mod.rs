//! The property graph store (the only module that names petgraph).

mod codec;
mod graph;
mod index;
mod persist;

pub use graph::{Changes, Dir, Graph, Properties};
pub use index::{IndexKey, PropertyIndex};
pub use persist::Disk;
