//! Graphs in and out of the formats people already have: Neo4j bulk-importer
//! CSV, quiver's JSON Lines, GraphML. Imports write through a [`Sink`], one
//! transaction for the whole import; exports read the [`crate::store::Graph`].

pub mod atomic;
pub mod csv_export;
pub mod csv_header;
pub mod csv_import;
pub mod jsonl;
mod rows;
pub mod sink;
pub mod snapshot;

pub use csv_import::{CsvImport, FileSpec, IdType, ImportReport, import_csv};
pub use sink::{DatabaseSink, Sink};
pub use snapshot::whole_graph;
