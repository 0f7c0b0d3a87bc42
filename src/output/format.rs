//! The output formats by name, and the one entry point that writes a result
//! in any of them.

use crate::result::QueryResult;
use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;
use std::time::Duration;

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// A box-drawn table for people, values in Cypher literal notation (the REPL's default).
    #[default]
    Table,
    /// One JSON object per statement, one line each, as docs/command-line.md ("JSON output") says.
    Json,
    /// RFC 4180 comma-separated values with a header line.
    Csv,
    /// Tab-separated values with a header line, specials backslash-escaped.
    Tsv,
    /// A Graphviz `digraph` of the nodes, relationships and paths in the rows.
    Dot,
}

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: [Format; 5] = [
        Format::Table,
        Format::Json,
        Format::Csv,
        Format::Tsv,
        Format::Dot,
    ];

    /// The name the command line uses: `table`, `json`, `csv`, `tsv`, `dot`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Dot => "dot",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    /// Parses a format name, exactly as [`Format::name`] writes it.
    fn from_str(s: &str) -> Result<Format, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| format!("unknown format `{s}`: expected table, json, csv, tsv or dot"))
    }
}

/// Writes one statement's result in `format`.
///
/// `elapsed` (time spent executing, not printing) goes into JSON's
/// `elapsed_us`; the other formats leave printing time to the caller.
/// [`Format::Dot`] writes this one result as a whole digraph; to draw several
/// results as one graph use [`crate::output::dot_document`].
pub fn write_result(
    w: &mut dyn Write,
    result: &QueryResult,
    elapsed: Duration,
    format: Format,
) -> io::Result<()> {
    match format {
        Format::Table => super::table::write_table(w, result),
        Format::Json => super::json::write_json(w, result, elapsed),
        Format::Csv => super::csv::write_csv(w, result),
        Format::Tsv => super::csv::write_tsv(w, result),
        Format::Dot => w.write_all(super::dot::dot_document(&[result]).as_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for format in Format::ALL {
            assert_eq!(format.name().parse::<Format>(), Ok(format));
        }
        assert_eq!(
            "xml".parse::<Format>(),
            Err("unknown format `xml`: expected table, json, csv, tsv or dot".to_string())
        );
        assert_eq!(Format::default(), Format::Table);
    }

    #[test]
    fn write_result_dispatches_on_the_format() {
        let result = QueryResult {
            columns: vec!["x".to_string()],
            rows: vec![vec![crate::value::Value::Int(1)]],
            ..QueryResult::default()
        };
        let written = |format| {
            let mut out = Vec::new();
            write_result(&mut out, &result, Duration::from_micros(7), format).unwrap();
            String::from_utf8(out).unwrap()
        };
        assert_eq!(
            written(Format::Table),
            "┌───┐\n│ x │\n├───┤\n│ 1 │\n└───┘\n1 row\n"
        );
        assert!(written(Format::Json).starts_with(r#"{"columns":["x"],"rows":[[1]],"stats":{"#));
        assert!(written(Format::Json).ends_with("\"elapsed_us\":7}\n"));
        assert_eq!(written(Format::Csv), "x\n1\n");
        assert_eq!(written(Format::Tsv), "x\n1\n");
        assert!(written(Format::Dot).starts_with("digraph quiver {\n"));
    }
}
