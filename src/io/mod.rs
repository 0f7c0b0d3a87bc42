//! Graphs in and out of the formats people already have: Neo4j bulk-importer
//! CSV, quiver's JSON Lines, GraphML. Imports write through a [`Sink`], one
//! transaction for the whole import; exports read the database's entities
//! one at a time ([`crate::Database::nodes`], [`crate::Database::node`]),
//! never the store.

pub(crate) mod atomic;
pub(crate) mod csv_export;
pub(crate) mod csv_header;
pub(crate) mod csv_import;
pub(crate) mod jsonl;
mod rows;
pub(crate) mod sink;
pub(crate) mod snapshot;

pub use csv_export::{CsvExport, write_csv_dir};
pub use csv_import::{CsvImport, FileSpec, IdType, ImportReport, import_csv};
pub use jsonl::{import_jsonl, write_jsonl};
pub use sink::{DatabaseSink, Sink};
pub use snapshot::whole_graph;
