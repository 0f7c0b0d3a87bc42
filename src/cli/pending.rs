//! TODO(merge): stand-ins for functions other branches are writing
//! (`output::{Format, write_result, write_json_error, dot_document}` and
//! `parse::is_blank`). Delete this file at merge and import
//! `crate::output` and `crate::parse::is_blank` instead.

/// TODO(merge): use `crate::output`.
pub mod output {
    use crate::error::Error;
    use crate::result::QueryResult;
    use std::io::{self, Write};
    use std::str::FromStr;
    use std::time::Duration;

    /// How results are written.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Format {
        /// A table for people.
        Table,
        /// JSON Lines.
        Json,
        /// Comma-separated values.
        Csv,
        /// Tab-separated values.
        Tsv,
        /// Graphviz.
        Dot,
    }

    impl FromStr for Format {
        type Err = String;

        fn from_str(s: &str) -> Result<Format, String> {
            match s {
                "table" => Ok(Format::Table),
                "json" => Ok(Format::Json),
                "csv" => Ok(Format::Csv),
                "tsv" => Ok(Format::Tsv),
                "dot" => Ok(Format::Dot),
                other => Err(format!("unknown format {other}")),
            }
        }
    }

    /// Writes a result: here only its columns and rows, tab-separated.
    pub fn write_result(
        w: &mut dyn Write,
        result: &QueryResult,
        _elapsed: Duration,
        _format: Format,
    ) -> io::Result<()> {
        writeln!(w, "{}", result.columns.join("\t"))?;
        for row in &result.rows {
            let cells: Vec<String> = row.iter().map(|v| v.to_string()).collect();
            writeln!(w, "{}", cells.join("\t"))?;
        }
        Ok(())
    }

    /// Writes an error as one JSON line.
    pub fn write_json_error(w: &mut dyn Write, error: &Error, source: &str) -> io::Result<()> {
        let mut body = serde_json::Map::new();
        body.insert("kind".into(), error.kind.name().into());
        body.insert("detail".into(), error.detail.clone().into());
        body.insert("phase".into(), error.phase.name().into());
        body.insert("message".into(), error.message.clone().into());
        if let Some(span) = error.span {
            let (line, column) = span.line_col(source);
            body.insert("line".into(), line.into());
            body.insert("column".into(), column.into());
        }
        writeln!(w, "{}", serde_json::json!({ "error": body }))
    }

    /// A DOT document: here always empty.
    pub fn dot_document(_results: &[&QueryResult]) -> String {
        "digraph quiver {\n}\n".to_string()
    }
}

/// TODO(merge): use `crate::parse::is_blank` (which also skips comments).
pub fn is_blank(text: &str) -> bool {
    text.trim().is_empty()
}
