//! JSON Lines output and JSON errors, exactly as docs/command-line.md ("JSON output") specifies.
//!
//! Objects keep their keys in the order written here (serde_json's
//! `preserve_order`): a success line is
//! `{"columns":[..],"rows":[[..]],"plan":"..","notices":[..],"stats":{..},"elapsed_us":N}`
//! where `plan` appears only for `EXPLAIN`/`PROFILE` results and `notices`
//! only when there are some (both beyond the contract, which allows extras).

#[cfg(feature = "cli")]
use crate::error::Error;
use crate::result::QueryResult;
use crate::value::json::{to_text, value_to_json};
use serde_json::{Map, Value as Json, json};
use std::io::{self, Write};
use std::time::Duration;

/// Writes one success line (see the module docs for the key order).
pub(super) fn write_json(
    w: &mut dyn Write,
    result: &QueryResult,
    elapsed: Duration,
) -> io::Result<()> {
    // Rows are written one at a time, so a big result needs no second,
    // bigger copy of itself as JSON values; the bytes are the same.
    let mut head = String::from("{\"columns\":");
    head.push_str(&to_text(&json!(result.columns)));
    head.push_str(",\"rows\":[");
    w.write_all(head.as_bytes())?;
    for (i, row) in result.rows.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        let row = Json::Array(row.iter().map(|v| value_to_json(result, v)).collect());
        w.write_all(to_text(&row).as_bytes())?;
    }
    w.write_all(b"]")?;
    let mut object = Map::new();
    if let Some(plan) = &result.plan {
        object.insert("plan".into(), json!(plan));
    }
    if !result.notices.is_empty() {
        object.insert("notices".into(), json!(result.notices));
    }
    let stats: Map<String, Json> = result
        .stats
        .fields()
        .into_iter()
        .map(|(name, count)| (name.to_string(), json!(count)))
        .collect();
    object.insert("stats".into(), Json::Object(stats));
    let micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
    object.insert("elapsed_us".into(), json!(micros));
    // The rest of the object: its text without the opening brace.
    let rest = to_text(&Json::Object(object));
    w.write_all(b",")?;
    w.write_all(rest.get(1..).unwrap_or("}").as_bytes())?;
    w.write_all(b"\n")
}

/// Writes `{"error":{"kind":..,"detail":..,"phase":..,"message":..,"line":..,"column":..}}`
/// on one line; `line`/`column` are 1-based positions of the error's span in
/// `source` (the text the span's offsets refer to), left out when the error
/// has no span.
#[cfg(feature = "cli")]
pub(crate) fn write_json_error(w: &mut dyn Write, error: &Error, source: &str) -> io::Result<()> {
    let mut object = Map::new();
    object.insert("kind".into(), json!(error.kind.name()));
    object.insert("detail".into(), json!(error.detail));
    object.insert("phase".into(), json!(error.phase.name()));
    object.insert("message".into(), json!(error.message));
    if let Some(span) = error.span {
        let (line, column) = span.line_col(source);
        object.insert("line".into(), json!(line));
        object.insert("column".into(), json!(column));
    }
    write_line(w, &json!({"error": object}))
}

#[cfg(feature = "cli")]
fn write_line(w: &mut dyn Write, value: &Json) -> io::Result<()> {
    let mut line = to_text(value);
    line.push('\n');
    w.write_all(line.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Detail;
    use crate::error::ErrorKind;
    use crate::output::fixtures::{map, sample, with_rows};
    use crate::result::Stats;
    use crate::span::Span;
    use crate::value::{Path, Value};

    fn check(value: Value, expected: &str) {
        assert_eq!(to_text(&value_to_json(&sample(), &value)), expected);
    }

    fn line(result: &QueryResult, micros: u64) -> String {
        let mut out = Vec::new();
        write_json(&mut out, result, Duration::from_micros(micros)).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn integers_have_no_point_and_floats_always_do() {
        check(Value::Int(3), "3");
        check(Value::Int(i64::MIN), "-9223372036854775808");
        check(Value::Float(1.0), "1.0");
        check(Value::Float(0.1), "0.1");
        check(Value::Float(1e300), "1e300");
        check(Value::Float(-0.0), "-0.0");
        check(Value::Float(1e16), "1e16");
        check(Value::Float(1.5e-7), "1.5e-7");
        check(Value::Float(123456.0), "123456.0");
    }

    #[test]
    fn non_finite_floats_are_tagged() {
        check(Value::Float(f64::NAN), r#"{"~":"float","value":"NaN"}"#);
        check(
            Value::Float(f64::INFINITY),
            r#"{"~":"float","value":"Infinity"}"#,
        );
        check(
            Value::Float(f64::NEG_INFINITY),
            r#"{"~":"float","value":"-Infinity"}"#,
        );
    }

    #[test]
    fn plain_values() {
        check(Value::Null, "null");
        check(Value::Bool(false), "false");
        check(Value::string("a\"b\n"), r#""a\"b\n""#);
        check(
            Value::List(vec![Value::Int(1), Value::Null, Value::List(vec![])]),
            "[1,null,[]]",
        );
        check(
            map(&[("z", Value::Int(1)), ("a", Value::Float(2.0))]),
            r#"{"a":2.0,"z":1}"#,
        );
    }

    #[test]
    fn entities_are_tagged_objects() {
        check(
            Value::Node(1),
            r#"{"~":"node","id":1,"labels":["Company"],"properties":{"name":"OpenAI"}}"#,
        );
        check(
            Value::Node(4),
            r#"{"~":"node","id":4,"labels":[],"properties":{}}"#,
        );
        check(
            Value::Relationship(10),
            r#"{"~":"relationship","id":10,"type":"stake","start":2,"end":1,"properties":{"percent":27}}"#,
        );
        check(Value::Node(99), r#"{"~":"node","id":99}"#);
        check(Value::Relationship(98), r#"{"~":"relationship","id":98}"#);
        check(
            Value::Path(Box::new(Path {
                nodes: vec![3, 1],
                rels: vec![11],
            })),
            concat!(
                r#"{"~":"path","nodes":["#,
                r#"{"~":"node","id":3,"labels":["A","B"],"properties":{}},"#,
                r#"{"~":"node","id":1,"labels":["Company"],"properties":{"name":"OpenAI"}}],"#,
                r#""relationships":[{"~":"relationship","id":11,"type":"odd type","start":3,"end":1,"properties":{}}]}"#
            ),
        );
    }

    #[test]
    fn a_success_line_keeps_the_contract_key_order() {
        let mut result = with_rows(&["n", "count"], vec![vec![Value::Node(5), Value::Int(2)]]);
        result.stats = Stats {
            nodes_created: 1,
            labels_removed: 2,
            ..Stats::default()
        };
        assert_eq!(
            line(&result, 123),
            concat!(
                r#"{"columns":["n","count"],"rows":[[{"~":"node","id":5,"labels":[],"properties":{"x":1}},2]],"#,
                r#""stats":{"nodes_created":1,"nodes_deleted":0,"relationships_created":0,"#,
                r#""relationships_deleted":0,"properties_set":0,"properties_removed":0,"#,
                r#""labels_added":0,"labels_removed":2},"elapsed_us":123}"#,
                "\n"
            )
        );
    }

    #[test]
    fn an_empty_result_with_a_plan_and_notices() {
        let result = QueryResult {
            plan: Some("Projection\n└─ Argument".to_string()),
            notices: vec!["did you mean `name`?".to_string()],
            ..QueryResult::default()
        };
        assert_eq!(
            line(&result, 0),
            concat!(
                r#"{"columns":[],"rows":[],"plan":"Projection\n└─ Argument","#,
                r#""notices":["did you mean `name`?"],"#,
                r#""stats":{"nodes_created":0,"nodes_deleted":0,"relationships_created":0,"#,
                r#""relationships_deleted":0,"properties_set":0,"properties_removed":0,"#,
                r#""labels_added":0,"labels_removed":0},"elapsed_us":0}"#,
                "\n"
            )
        );
    }

    fn error_line(error: &Error, source: &str) -> String {
        let mut out = Vec::new();
        write_json_error(&mut out, error, source).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn errors_carry_a_one_based_position() {
        let source = "MATCH (n)\nRETURN é, x";
        let error = Error::compile(
            ErrorKind::SyntaxError,
            Detail::UndefinedVariable,
            "Variable `x` not defined",
            Some(Span::new(21, 22)),
        );
        assert_eq!(
            error_line(&error, source),
            concat!(
                r#"{"error":{"kind":"SyntaxError","detail":"UndefinedVariable","phase":"compile","#,
                r#""message":"Variable `x` not defined","line":2,"column":11}}"#,
                "\n"
            )
        );
    }

    #[test]
    fn errors_without_a_span_have_no_position() {
        let error = Error::runtime(
            ErrorKind::EntityNotFound,
            Detail::DeletedEntityAccess,
            "Node 3 was \"deleted\"",
        );
        assert_eq!(
            error_line(&error, ""),
            concat!(
                r#"{"error":{"kind":"EntityNotFound","detail":"DeletedEntityAccess","#,
                r#""phase":"runtime","message":"Node 3 was \"deleted\""}}"#,
                "\n"
            )
        );
    }
}
