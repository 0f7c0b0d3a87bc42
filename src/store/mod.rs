//! The property graph store (the only module that names petgraph).

mod backend;
mod chunks;
mod codec;
mod columns;
mod edit;
mod graph;
mod holder;
mod index;
mod load;
mod names;
mod open;
mod persist;
mod props;
mod read_index;
mod reader;
mod txn;

pub use backend::DiskFullHook;
pub use columns::{BitmapKey, Cell, Column, ColumnSlot};
pub use graph::{Dir, Graph, Properties};
pub use open::OpenOptions;
pub use persist::{Disk, read_only_error};
pub use props::Props;
pub use read_index::{ReadIndex, has_bit};
