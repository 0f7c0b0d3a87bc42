//! quiver's JSON Lines: one object per node, then one per relationship,
//! each written as CLI-CONTRACT.md encodes entities and values:
//!
//! ```text
//! {"~":"node","id":0,"labels":["Company"],"properties":{"name":"OpenAI"}}
//! {"~":"relationship","id":0,"type":"stake","start":1,"end":0,"properties":{"percent":27.0}}
//! ```
//!
//! Reading it back creates new nodes (ids are the database's to choose) and
//! joins the relationships by the ids in the file. Integers stay integers
//! and floats floats (`3.0` has a `.`), so types survive the round trip.

use super::csv_import::ImportReport;
use super::sink::Sink;
use crate::db::Database;
use crate::error::{Error, Result};
use crate::output::{json_text, to_json};
use crate::result::QueryResult;
use crate::store::Properties;
use crate::value::Value;
use serde_json::{Map, Value as Json, json};
use std::collections::{BTreeMap, HashMap};
use std::io::{self, BufRead, Write};

/// Writes every node and relationship of `db`, one line each, in id
/// order (nodes first).
pub fn write_jsonl(db: &Database, w: &mut dyn Write) -> io::Result<()> {
    let empty = QueryResult::default();
    let props = |p: BTreeMap<String, Value>| -> Json {
        Json::Object(
            p.into_iter()
                .map(|(k, v)| (k, to_json(&empty, &v)))
                .collect(),
        )
    };
    for (id, node) in db.nodes() {
        let mut object = Map::new();
        object.insert("~".into(), json!("node"));
        object.insert("id".into(), json!(id));
        object.insert("labels".into(), json!(node.labels));
        object.insert("properties".into(), props(node.properties));
        writeln!(w, "{}", json_text(&Json::Object(object)))?;
    }
    for (id, rel) in db.relationships() {
        let mut object = Map::new();
        object.insert("~".into(), json!("relationship"));
        object.insert("id".into(), json!(id));
        object.insert("type".into(), json!(rel.rel_type));
        object.insert("start".into(), json!(rel.start));
        object.insert("end".into(), json!(rel.end));
        object.insert("properties".into(), props(rel.properties));
        writeln!(w, "{}", json_text(&Json::Object(object)))?;
    }
    Ok(())
}

/// Reads JSON Lines written by [`write_jsonl`] from `input` (called `name`
/// in messages) into `sink`. A relationship must come after its nodes.
pub fn import_jsonl(
    input: &mut dyn BufRead,
    name: &str,
    sink: &mut dyn Sink,
) -> Result<ImportReport> {
    let mut ids: HashMap<u64, u64> = HashMap::new();
    let mut report = ImportReport::default();
    let mut line = String::new();
    let mut number = 0u64;
    loop {
        line.clear();
        let read = input
            .read_line(&mut line)
            .map_err(|e| Error::io(format!("cannot read {name}: {e}")))?;
        if read == 0 {
            break;
        }
        number += 1;
        if line.trim().is_empty() {
            continue;
        }
        let at = |message: String| {
            Error::argument("BadImportData", format!("{name}:{number}: {message}"))
        };
        let object: Json = serde_json::from_str(&line).map_err(|e| at(format!("not JSON: {e}")))?;
        super::json_text::check_integers(&line)
            .map_err(|e| at(format!("column {}: {}", e.column, e.message)))?;
        match object.get("~").and_then(Json::as_str) {
            Some("node") => {
                let id = field_id(&object, "id").map_err(at)?;
                let labels = match object.get("labels") {
                    None => Vec::new(),
                    Some(Json::Array(items)) => items
                        .iter()
                        .map(|l| {
                            l.as_str()
                                .map(String::from)
                                .ok_or_else(|| at("a label is not a string".into()))
                        })
                        .collect::<Result<Vec<_>>>()?,
                    Some(_) => return Err(at("`labels` is not a list".into())),
                };
                let props = properties(&object).map_err(at)?;
                if ids.insert(id, report.nodes).is_some() {
                    return Err(at(format!("node {id} appears twice")));
                }
                let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
                sink.node(
                    &labels,
                    &mut props.iter().map(|(k, v)| (k.as_str(), v.clone())),
                )?;
                report.nodes += 1;
            }
            Some("relationship") => {
                let rel_type = object
                    .get("type")
                    .and_then(Json::as_str)
                    .ok_or_else(|| at("a relationship needs a string `type`".into()))?;
                let end_of = |key: &str| -> Result<u64> {
                    let id = field_id(&object, key).map_err(at)?;
                    ids.get(&id)
                        .copied()
                        .ok_or_else(|| at(format!("no node {id} before this line (`{key}`)")))
                };
                let (start, end) = (end_of("start")?, end_of("end")?);
                let props = properties(&object).map_err(at)?;
                sink.relationship(
                    rel_type,
                    start,
                    end,
                    &mut props.iter().map(|(k, v)| (k.as_str(), v.clone())),
                )?;
                report.relationships += 1;
            }
            _ => {
                return Err(at(
                    "expected an object with \"~\": \"node\" or \"relationship\"".into(),
                ));
            }
        }
    }
    sink.finish()?;
    Ok(report)
}

fn field_id(object: &Json, key: &str) -> std::result::Result<u64, String> {
    object
        .get(key)
        .and_then(Json::as_u64)
        .ok_or_else(|| format!("`{key}` is not a non-negative integer"))
}

fn properties(object: &Json) -> std::result::Result<Properties, String> {
    match object.get("properties") {
        None | Some(Json::Null) => Ok(Properties::new()),
        Some(Json::Object(map)) => map
            .iter()
            .map(|(k, v)| {
                Ok((
                    k.clone(),
                    from_json(v).map_err(|e| format!("property `{k}`: {e}"))?,
                ))
            })
            .collect(),
        Some(_) => Err("`properties` is not an object".to_string()),
    }
}

/// A JSON value as the contract encodes a Cypher value, decoded.
pub fn from_json(json: &Json) -> std::result::Result<Value, String> {
    Ok(match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None if n.is_u64() => return Err(format!("{n} does not fit in a 64-bit integer")),
            None => Value::Float(n.as_f64().ok_or_else(|| format!("{n} is not a number"))?),
        },
        Json::String(s) => Value::string(s),
        Json::Array(items) => Value::List(
            items
                .iter()
                .map(from_json)
                .collect::<std::result::Result<_, _>>()?,
        ),
        Json::Object(map) if map.get("~").and_then(Json::as_str) == Some("float") => {
            match map.get("value").and_then(Json::as_str) {
                Some("NaN") => Value::Float(f64::NAN),
                Some("Infinity") => Value::Float(f64::INFINITY),
                Some("-Infinity") => Value::Float(f64::NEG_INFINITY),
                _ => {
                    return Err(
                        "a tagged float needs a value NaN, Infinity or -Infinity".to_string()
                    );
                }
            }
        }
        Json::Object(map) if map.contains_key("~") => {
            return Err("entities cannot be property values".to_string());
        }
        Json::Object(map) => Value::Map(
            map.iter()
                .map(|(k, v)| Ok((k.clone(), from_json(v)?)))
                .collect::<std::result::Result<_, String>>()?,
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_decode_with_their_types() {
        let decode = |text: &str| from_json(&serde_json::from_str(text).unwrap());
        assert_eq!(decode("3"), Ok(Value::Int(3)));
        assert_eq!(decode("3.0"), Ok(Value::Float(3.0)));
        assert_eq!(
            decode("[1, \"a\", true]"),
            Ok(Value::List(vec![
                Value::Int(1),
                Value::string("a"),
                Value::Bool(true)
            ]))
        );
        assert_eq!(
            decode(r#"{"~":"float","value":"-Infinity"}"#),
            Ok(Value::Float(f64::NEG_INFINITY))
        );
        assert_eq!(
            decode("18446744073709551615"),
            Err("18446744073709551615 does not fit in a 64-bit integer".into())
        );
    }
}
