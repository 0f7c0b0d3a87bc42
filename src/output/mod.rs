//! QueryResult → bytes: table, JSON, CSV, TSV, DOT. Pure: no store, no exec.

mod csv;
mod dot;
mod format;
mod graphml;
mod json;
mod literal;
mod table;

#[cfg(test)]
mod fixtures;

pub use dot::{DotStyle, dot_document, dot_styled};
pub use format::{Format, write_result};
pub use graphml::graphml_document;
pub use json::write_json_error;
pub use table::{TableStyle, format_duration, write_table_styled};
