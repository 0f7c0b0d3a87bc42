//! The one JSON codec for values, as docs/command-line.md ("Values in
//! JSON") encodes them: results (`output`), JSON Lines export and import (`io::jsonl`) and `--param` /
//! `--params-file` (`cli::args`) all write and read values here, so what
//! one writes the others read back as the same value.
//!
//! | value | JSON |
//! | --- | --- |
//! | integer | a number without `.` or exponent: `3` |
//! | float | a number with `.` or exponent (`3.0`, `1e300`, `-0.0`); NaN and the infinities tagged: `{"~":"float","value":"NaN"}` |
//! | date, localtime, time, localdatetime, datetime, duration | tagged, the value as `toString` writes it: `{"~":"date","value":"2025-04-01"}` |
//! | node, relationship, path | tagged objects, `{"~":"node","id":7,...}` |
//! | null, boolean, string, list, map | themselves |
//!
//! Reading is strict where serde_json is lenient: an integer literal must
//! fit in 64 bits ([`parse_text`]), and entities are refused (their ids
//! belong to the database that wrote them). An object whose `"~"` is not
//! one of the tags above is a map.

use super::{NodeId, Path, RelId, Value, format_float};
use crate::result::QueryResult;
use serde::Serialize;
use serde_json::{Map, Number, Value as Json, json};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// `value` as JSON. Entities take their labels, type, ends and properties
/// from `result`; one the result does not describe is written with its id
/// only (`{"~":"node","id":7}`).
pub(crate) fn value_to_json(result: &QueryResult, value: &Value) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::from(*i),
        Value::Float(f) => float(*f),
        Value::String(s) => Json::String(s.to_string()),
        Value::List(items) => Json::Array(items.iter().map(|v| value_to_json(result, v)).collect()),
        Value::Map(map) => properties_json(result, map),
        Value::Node(id) => match result.node(*id) {
            Some(data) => node_json(*id, &data.labels, properties_json(result, &data.properties)),
            None => Json::Object(tagged("node", *id)),
        },
        Value::Relationship(id) => match result.relationship(*id) {
            Some(data) => relationship_json(
                *id,
                &data.rel_type,
                (data.start, data.end),
                properties_json(result, &data.properties),
            ),
            None => Json::Object(tagged("relationship", *id)),
        },
        Value::Path(path) => path_json(result, path),
        // `{"~":"date","value":"2025-04-01"}`: the tag and the value as
        // `toString` writes it.
        Value::Date(_)
        | Value::LocalTime(_)
        | Value::Time(_)
        | Value::LocalDateTime(_)
        | Value::DateTime(_)
        | Value::Duration(_) => match value.temporal_text() {
            Some((tag, text)) => json!({"~": tag, "value": text}),
            None => Json::Null,
        },
    }
}

/// A finite float as a JSON number (written by [`to_text`] as
/// [`format_float`] does: `1.0`, `1e300`, `-0.0`); NaN and the infinities as
/// `{"~":"float","value":"NaN"}`.
fn float(f: f64) -> Json {
    match Number::from_f64(f) {
        Some(n) => Json::Number(n),
        None => json!({"~": "float", "value": format_float(f)}),
    }
}

/// `{"~":"node","id":7,"labels":[..],"properties":{..}}`.
pub(crate) fn node_json(id: NodeId, labels: &[impl AsRef<str>], properties: Json) -> Json {
    let mut object = tagged("node", id);
    let labels = labels.iter().map(|l| json!(l.as_ref())).collect();
    object.insert("labels".into(), Json::Array(labels));
    object.insert("properties".into(), properties);
    Json::Object(object)
}

/// `{"~":"relationship","id":3,"type":"stake","start":7,"end":9,"properties":{..}}`.
pub(crate) fn relationship_json(
    id: RelId,
    rel_type: &str,
    (start, end): (NodeId, NodeId),
    properties: Json,
) -> Json {
    let mut object = tagged("relationship", id);
    object.insert("type".into(), json!(rel_type));
    object.insert("start".into(), json!(start));
    object.insert("end".into(), json!(end));
    object.insert("properties".into(), properties);
    Json::Object(object)
}

/// `{"~":"path","nodes":[<node>..],"relationships":[<relationship>..]}`.
fn path_json(result: &QueryResult, path: &Path) -> Json {
    let nodes: Vec<Json> = path
        .nodes
        .iter()
        .map(|id| value_to_json(result, &Value::Node(*id)))
        .collect();
    let rels: Vec<Json> = path
        .rels
        .iter()
        .map(|id| value_to_json(result, &Value::Relationship(*id)))
        .collect();
    json!({"~": "path", "nodes": nodes, "relationships": rels})
}

fn tagged(tag: &str, id: u64) -> Map<String, Json> {
    let mut object = Map::new();
    object.insert("~".into(), json!(tag));
    object.insert("id".into(), json!(id));
    object
}

fn properties_json(result: &QueryResult, map: &BTreeMap<String, Value>) -> Json {
    Json::Object(
        map.iter()
            .map(|(k, v)| (k.clone(), value_to_json(result, v)))
            .collect(),
    )
}

/// The value `json` encodes (as [`value_to_json`] writes it): integers
/// stay integers, other numbers are floats, `{"~":"float",..}` is NaN or an
/// infinity, `{"~":"date","value":..}` and the other temporal tags are
/// read as `date(value)` would, other objects are maps. Entities are
/// refused.
pub(crate) fn json_to_value(json: &Json) -> Result<Value, String> {
    Ok(match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None if n.is_u64() => return Err(format!("{n} does not fit in a 64-bit integer")),
            None => Value::Float(n.as_f64().ok_or_else(|| format!("{n} is not a number"))?),
        },
        Json::String(s) => Value::string(s),
        Json::Array(items) => {
            Value::List(items.iter().map(json_to_value).collect::<Result<_, _>>()?)
        }
        Json::Object(map) => match map.get("~").and_then(Json::as_str) {
            Some("float") => match map.get("value").and_then(Json::as_str) {
                Some("NaN") => Value::Float(f64::NAN),
                Some("Infinity") => Value::Float(f64::INFINITY),
                Some("-Infinity") => Value::Float(f64::NEG_INFINITY),
                _ => return Err("a tagged float needs a value NaN, Infinity or -Infinity".into()),
            },
            Some(
                tag @ ("date" | "localtime" | "time" | "localdatetime" | "datetime" | "duration"),
            ) if map.len() == 2 => match map.get("value").and_then(Json::as_str) {
                Some(text) => super::temporal::parse_value(tag, text).map_err(|e| e.message)?,
                None => return Err(format!("a tagged {tag} needs a string value")),
            },
            Some(tag @ ("node" | "relationship" | "path")) => {
                return Err(format!(
                    "a {tag} cannot be read back from JSON: only values can"
                ));
            }
            _ => Value::Map(
                map.iter()
                    .map(|(k, v)| Ok((k.clone(), json_to_value(v)?)))
                    .collect::<Result<_, String>>()?,
            ),
        },
    })
}

/// A JSON value as one line of text, floats as the contract writes them.
///
/// Use this rather than serde_json's `to_string`, which writes `1e300` as
/// `1e+300`.
pub(crate) fn to_text(value: &Json) -> String {
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, ContractFormatter);
    // Serializing a `serde_json::Value` into memory cannot fail: its keys are strings.
    if value.serialize(&mut serializer).is_err() {
        return String::new();
    }
    String::from_utf8(out).unwrap_or_default()
}

/// serde_json's compact formatter, but floats written by [`format_float`]
/// (`1e300`, not `1e+300`), so JSON and literal notation agree.
struct ContractFormatter;

impl serde_json::ser::Formatter for ContractFormatter {
    fn write_f64<W: ?Sized + Write>(&mut self, writer: &mut W, value: f64) -> io::Result<()> {
        writer.write_all(format_float(value).as_bytes())
    }

    fn write_f32<W: ?Sized + Write>(&mut self, writer: &mut W, value: f32) -> io::Result<()> {
        self.write_f64(writer, f64::from(value))
    }
}

/// Why JSON text was refused.
#[derive(Debug)]
pub(crate) enum JsonError {
    /// Not JSON: serde_json's error, which says where.
    Syntax(serde_json::Error),
    /// An integer literal that does not fit in 64 bits, at a 1-based line
    /// and column (counted in characters).
    TooBig {
        /// The literal as written.
        literal: String,
        /// Its line.
        line: usize,
        /// Its column.
        column: usize,
    },
}

impl JsonError {
    /// What is wrong, without the position.
    pub(crate) fn message(&self) -> String {
        match self {
            JsonError::Syntax(e) => {
                let text = e.to_string();
                match text.rfind(" at line ") {
                    Some(i) => text[..i].to_string(),
                    None => text,
                }
            }
            JsonError::TooBig { literal, .. } => {
                format!("{literal} does not fit in a 64-bit integer")
            }
        }
    }

    /// The 1-based line and column.
    pub(crate) fn position(&self) -> (usize, usize) {
        match self {
            JsonError::Syntax(e) => (e.line().max(1), e.column().max(1)),
            JsonError::TooBig { line, column, .. } => (*line, *column),
        }
    }
}

/// Parses `text` as one JSON value whose integer literals (numbers written
/// without `.` or exponent) all fit in 64 bits: serde_json would quietly
/// make a float of `-9223372036854775809`, which quiver refuses as it
/// refuses `9223372036854775808`. Likewise the integer `-0` is the integer
/// 0, where serde_json makes the float `-0.0` of it.
pub(crate) fn parse_text(text: &str) -> Result<Json, JsonError> {
    let json: Json = serde_json::from_str(text).map_err(JsonError::Syntax)?;
    let minus_zeros = check_integers(text)?;
    if minus_zeros.is_empty() {
        return Ok(json);
    }
    let mut plain = String::with_capacity(text.len());
    let mut from = 0;
    for at in minus_zeros {
        plain.push_str(&text[from..at]);
        from = at + 1; // the `-`
    }
    plain.push_str(&text[from..]);
    serde_json::from_str(&plain).map_err(JsonError::Syntax)
}

/// Refuses the first integer literal of `text` (valid JSON) that does not
/// fit in an `i64`; otherwise the offsets of the integer literals `-0`.
fn check_integers(text: &str) -> Result<Vec<usize>, JsonError> {
    let mut minus_zeros = Vec::new();
    let bytes = text.as_bytes();
    let (mut i, mut line, mut line_start) = (0, 1, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                line += 1;
                line_start = i + 1;
                i += 1;
            }
            b'"' => {
                // A string: skip to its closing quote (JSON strings hold
                // no raw line breaks).
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < bytes.len()
                    && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
                let literal = &text[start..i];
                let integer = !literal.contains(['.', 'e', 'E']);
                if integer && literal == "-0" {
                    minus_zeros.push(start);
                } else if integer && literal.parse::<i64>().is_err() {
                    return Err(JsonError::TooBig {
                        literal: literal.to_string(),
                        line,
                        column: text[line_start..start].chars().count() + 1,
                    });
                }
            }
            _ => i += 1,
        }
    }
    Ok(minus_zeros)
}

#[cfg(test)]
mod tests;
