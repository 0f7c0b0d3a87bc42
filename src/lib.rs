//! quiver: an embedded knowledge-graph database with an openCypher subset.
//!
//! ```
//! use quiverdb::{Database, Params, Value};
//!
//! let mut db = Database::in_memory();
//! let params = Params::from([("name".to_string(), Value::string("Ada"))]);
//! db.execute("CREATE (:Person {name: $name})", &params)?;
//! let result = db.execute("MATCH (p:Person) RETURN p.name AS name", &Params::new())?;
//! assert_eq!(result.columns, ["name"]);
//! assert_eq!(result.rows, [[Value::string("Ada")]]);
//! # Ok::<(), quiverdb::Error>(())
//! ```
//!
//! The public API is what this page lists: [`Database`] and how it opens,
//! the [`QueryResult`] a statement returns with its [`Value`]s, the
//! [`Error`] it fails with, the writers of results ([`write_result`]), and
//! the import and export of whole graphs. Everything else is private.
//!
//! The life of a statement, inside:
//!
//! 1. The `quiver` program (module `cli`, behind the `cli` feature) reads
//!    text from a REPL, a script or `-e`, and splits it into statements
//!    with `parse::split_statements`.
//! 2. [`Database::execute`] takes one statement and its parameters.
//! 3. `parse::parse_statement` turns the text into a typed
//!    `parse::ast::Statement` (pest stays inside `parse`); syntax errors
//!    carry their span.
//! 4. `plan::plan` resolves variables into row slots and builds a
//!    `plan::Plan`: a tree of logical operators. Every compile-time error
//!    (undefined variables, aggregation misuse...) is found here.
//! 5. `exec::execute` turns the plan into pull-based operators over the
//!    `store::Graph` and pulls rows. Writes go through the graph's
//!    transaction, which keeps an undo log.
//! 6. On success the transaction commits and the rows become a
//!    [`QueryResult`], which carries the data of every entity it mentions;
//!    on error it rolls back, so a failed statement changes nothing.
//! 7. `output` writes the result as a table, JSON, CSV, TSV or DOT
//!    ([`write_result`]).
//!
//! # Features
//!
//! - `cli` (on by default): the `quiver` program and its terminal
//!   dependencies (clap, rustyline, ctrlc, indicatif, terminal_size). Embed with
//!   `default-features = false` to get the engine alone.
//! - `fuzzing`: what the fuzz targets reach beyond this API; not an API.

#![warn(missing_docs)]
#![deny(unsafe_code)]

#[cfg(feature = "cli")]
mod cli;
mod csv_quote;
mod db;
mod error;
mod exec;
mod history;
mod io;
mod output;
mod parse;
mod plan;
mod result;
mod span;
mod store;
mod text;
mod value;

pub use db::{Compacted, Database, Definition, DefinitionKind, OpenOptions, Schema};
pub use error::{Detail, Error, ErrorKind, Phase, Result};
pub use exec::FileAccess;
pub use exec::guard::Interrupter;
pub use history::{AsOf, ChangeCounts, Commit, DiffEntry, Entity, Metadata};
pub use io::{
    CsvExport, CsvImport, DatabaseSink, FileSpec, IdType, ImportReport, Sink, import_csv,
    import_jsonl, whole_graph, write_csv_dir, write_jsonl,
};
pub use output::{Format, dot_document, graphml_document, write_result};
pub use plan::{ProcType, ProcedureSignature};
pub use result::{NodeData, QueryResult, RelData, Stats};
pub use span::Span;
pub use value::{
    Date, DateTime, Duration, LocalDateTime, LocalTime, NodeId, Params, Path, RelId, Time, Value,
    quote_name,
};

/// Runs the `quiver` program on its arguments and returns its exit status
/// (for `src/main.rs`; not an API).
#[cfg(feature = "cli")]
#[doc(hidden)]
pub fn run_cli(args: Vec<std::ffi::OsString>) -> i32 {
    cli::run(args)
}

/// What the fuzz targets (`fuzz/`) and the tests reach beyond the public
/// API: the parser, the statement splitter, the `import` command and the
/// table at a given width. Not an API: it changes with the code.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing {
    pub use crate::cli::args::ImportArgs;
    pub use crate::cli::import::run_import;
    pub use crate::output::{TableStyle, write_table_styled};
    pub use crate::parse::ast::{Statement, StatementKind};
    pub use crate::parse::{parse_statement, split_statements};
}
