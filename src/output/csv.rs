//! CSV (RFC 4180) and TSV: a header line of column names, then one line per
//! row.
//!
//! Strings are written raw (their content, unquoted in the Cypher sense),
//! `null` as an empty field, anything else in Cypher literal notation.
//! Lines end in `\n` (not RFC 4180's `\r\n`: Unix tools expect `\n`, CSV
//! readers take either). A result without columns writes nothing.
//!
//! - CSV quotes a field that holds `,`, `"`, CR or LF, doubling its quotes;
//!   an empty string is written `""` so that it differs from `null`.
//! - TSV writes `\t`, `\n`, `\r` and `\` as `\t`, `\n`, `\r`, `\\`.

use super::literal::literal;
use crate::result::QueryResult;
use crate::value::Value;
use std::io::{self, Write};

/// Writes `result` as CSV.
pub(super) fn write_csv(w: &mut dyn Write, result: &QueryResult) -> io::Result<()> {
    write_separated(w, result, ',', |field, is_string| {
        if is_string && field.is_empty() {
            "\"\"".to_string()
        } else if field.contains([',', '"', '\r', '\n']) {
            format!("\"{}\"", field.replace('"', "\"\""))
        } else {
            field.to_string()
        }
    })
}

/// Writes `result` as TSV.
pub(super) fn write_tsv(w: &mut dyn Write, result: &QueryResult) -> io::Result<()> {
    write_separated(w, result, '\t', |field, _| {
        let mut out = String::with_capacity(field.len());
        for c in field.chars() {
            match c {
                '\t' => out.push_str("\\t"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\\' => out.push_str("\\\\"),
                c => out.push(c),
            }
        }
        out
    })
}

/// The shared shape: `escape(text, is_string)` makes one field safe.
fn write_separated(
    w: &mut dyn Write,
    result: &QueryResult,
    separator: char,
    escape: impl Fn(&str, bool) -> String,
) -> io::Result<()> {
    if result.columns.is_empty() {
        return Ok(());
    }
    let join = |fields: Vec<String>| fields.join(&separator.to_string());
    let header = result.columns.iter().map(|c| escape(c, true)).collect();
    writeln!(w, "{}", join(header))?;
    for row in &result.rows {
        let fields = row
            .iter()
            .map(|value| match value {
                Value::Null => String::new(),
                Value::String(s) => escape(s, true),
                other => escape(&literal(result, other), false),
            })
            .collect();
        writeln!(w, "{}", join(fields))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::fixtures::with_rows;
    use crate::value::Path;

    fn csv(result: &QueryResult) -> String {
        let mut out = Vec::new();
        write_csv(&mut out, result).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn tsv(result: &QueryResult) -> String {
        let mut out = Vec::new();
        write_tsv(&mut out, result).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn tricky() -> QueryResult {
        with_rows(
            &["a,b", "c"],
            vec![
                vec![Value::string("plain"), Value::string("say \"hi\"")],
                vec![Value::string("x,y"), Value::string("line\r\nbreak")],
                vec![Value::string(""), Value::Null],
                vec![Value::string("tab\there"), Value::string("back\\slash")],
                vec![
                    Value::List(vec![Value::string("a'"), Value::Float(1.0)]),
                    Value::Bool(false),
                ],
            ],
        )
    }

    #[test]
    fn temporal_values_are_cypher_literals() {
        let result = with_rows(
            &["d", "t"],
            vec![vec![
                crate::output::fixtures::date(2025, 4, 1),
                Value::List(vec![crate::output::fixtures::duration(14, 0, 0)]),
            ]],
        );
        assert_eq!(
            csv(&result),
            "d,t\ndate('2025-04-01'),[duration('P1Y2M')]\n"
        );
        assert_eq!(
            tsv(&result),
            "d\tt\ndate('2025-04-01')\t[duration('P1Y2M')]\n"
        );
    }

    #[test]
    fn csv_quotes_only_what_needs_it() {
        assert_eq!(
            csv(&tricky()),
            "\"a,b\",c\n\
             plain,\"say \"\"hi\"\"\"\n\
             \"x,y\",\"line\r\nbreak\"\n\
             \"\",\n\
             tab\there,back\\slash\n\
             \"['a\\'', 1.0]\",false\n"
        );
    }

    #[test]
    fn tsv_escapes_with_backslashes() {
        assert_eq!(
            tsv(&tricky()),
            "a,b\tc\n\
             plain\tsay \"hi\"\n\
             x,y\tline\\r\\nbreak\n\
             \t\n\
             tab\\there\tback\\\\slash\n\
             ['a\\\\'', 1.0]\tfalse\n"
        );
    }

    #[test]
    fn entities_in_literal_notation() {
        let result = with_rows(
            &["n", "r", "p"],
            vec![vec![
                Value::Node(1),
                Value::Relationship(10),
                Value::Path(Box::new(Path {
                    nodes: vec![2, 1],
                    rels: vec![10],
                })),
            ]],
        );
        assert_eq!(
            csv(&result),
            "n,r,p\n\
             (:Company {name: 'OpenAI'}),[:stake {percent: 27}],\
             <(:Company {name: 'Microsoft'})-[:stake {percent: 27}]->(:Company {name: 'OpenAI'})>\n"
        );
        assert_eq!(
            tsv(&result),
            "n\tr\tp\n\
             (:Company {name: 'OpenAI'})\t[:stake {percent: 27}]\t\
             <(:Company {name: 'Microsoft'})-[:stake {percent: 27}]->(:Company {name: 'OpenAI'})>\n"
        );
    }

    #[test]
    fn empty_results() {
        let result = with_rows(&["x"], vec![]);
        assert_eq!(csv(&result), "x\n");
        assert_eq!(tsv(&result), "x\n");
        let result = with_rows(&[], vec![]);
        assert_eq!(csv(&result), "");
        assert_eq!(tsv(&result), "");
    }
}
