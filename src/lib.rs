//! quiver: an embedded knowledge-graph database with an openCypher subset.
//!
//! The life of a statement:
//!
//! 1. [`cli`] reads text from a REPL, a script or `-e`, and splits it into
//!    statements with [`parse::split_statements`].
//! 2. [`Database::execute`] takes one statement and its parameters.
//! 3. [`parse::parse_statement`] turns the text into a typed
//!    [`parse::ast::Statement`] (pest stays inside [`parse`]); syntax errors
//!    carry their span.
//! 4. [`plan::plan`] resolves variables into row slots and builds a
//!    [`plan::Plan`]: a tree of logical operators. Every compile-time error
//!    (undefined variables, aggregation misuse...) is found here.
//! 5. [`exec::execute`] turns the plan into pull-based operators over the
//!    [`store::Graph`] and pulls rows. Writes go through the graph's
//!    transaction, which keeps an undo log.
//! 6. On success the transaction commits and the rows become a
//!    [`QueryResult`], which carries the data of every entity it mentions;
//!    on error it rolls back, so a failed statement changes nothing.
//! 7. [`output`] writes the result as a table, JSON, CSV, TSV or DOT.

pub mod cli;
pub mod db;
pub mod error;
pub mod exec;
pub mod io;
pub mod output;
pub mod parse;
pub mod plan;
pub mod result;
pub mod span;
pub mod store;
pub mod text;
pub mod value;

pub use db::Database;
pub use error::{Error, ErrorKind, Phase, Result};
pub use exec::guard::Interrupter;
pub use result::{NodeData, QueryResult, RelData, Stats};
pub use span::Span;
pub use value::{NodeId, Path, RelId, Value};
