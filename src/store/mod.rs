//! The property graph store (the only module that names petgraph).

mod codec;
mod graph;
mod index;
mod load;
mod persist;
mod txn;

pub use graph::{Dir, Graph, Properties};
pub use index::{IndexKey, PropertyIndex};
pub use persist::Disk;
pub use txn::Changes;
