//! The property graph store (the only module that names petgraph).

mod backend;
mod changes;
mod chunks;
mod codec;
mod columns;
mod commit;
mod deferred;
mod edit;
mod frozen;
mod graph;
mod group;
mod history_tables;
mod holder;
mod index;
mod journal;
mod load;
mod mapped;
mod names;
mod open;
mod persist;
mod props;
mod read_index;
mod reader;
mod snapshot;
mod stats;
mod txn;

#[cfg(feature = "cli")]
pub(crate) use backend::DiskFullHook;
pub(crate) use codec::{Cursor, put_value, put_var};
pub(crate) use columns::{BitmapKey, Cell, Column, ColumnSlot};
pub(crate) use graph::{Dir, Graph, Properties};
#[cfg(test)]
pub(crate) use journal::CHECKPOINT_COMMITS;
pub use open::OpenOptions;
pub(crate) use persist::{Checkpoint, Disk, read_only_error};
pub(crate) use props::Props;
pub(crate) use read_index::{ReadIndex, has_bit};
#[cfg(test)]
pub(crate) use snapshot::snapshot_path;
