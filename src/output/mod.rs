//! QueryResult → bytes: table, JSON, CSV, TSV, DOT. Pure: no store, no exec.

mod csv;
mod dot;
mod format;
mod graphml;
#[cfg(feature = "cli")]
mod history;
mod json;
mod literal;
mod provenance;
mod table;

#[cfg(test)]
mod fixtures;

pub use dot::dot_document;
#[cfg(feature = "cli")]
pub(crate) use dot::{DotStyle, dot_styled};
pub use format::{Format, write_result};
pub use graphml::graphml_document;
#[cfg(feature = "cli")]
pub(crate) use graphml::graphml_with_sources;
#[cfg(feature = "cli")]
pub(crate) use history::{write_diff_cypher, write_diff_json, write_log_json, write_log_table};
#[cfg(feature = "cli")]
pub(crate) use json::write_json_error;
#[cfg(feature = "cli")]
pub(crate) use provenance::Provenance;
#[cfg(feature = "cli")]
pub(crate) use table::format_duration;
#[cfg(feature = "cli")]
pub use table::{TableStyle, write_table_styled};
