//! quiver's JSON Lines: one object per node, then one per relationship,
//! each written as docs/command-line.md ("Values in JSON") encodes entities and values:
//!
//! ```text
//! {"~":"node","id":0,"labels":["Company"],"properties":{"name":"OpenAI"}}
//! {"~":"relationship","id":0,"type":"stake","start":1,"end":0,"properties":{"percent":27.0}}
//! ```
//!
//! A database with a commit history first has one line per commit, oldest
//! first, and each entity the metadata of the commits that asserted it
//! (`sources(x)`, with `commit` and `time`) in `sources`:
//!
//! ```text
//! {"~":"commit","commit":1,"time":{"~":"datetime","value":"2026-12-02T10:00:00Z"},"meta":{"source":"PCMag"}}
//! {"~":"node","id":0,"labels":["Company"],"properties":{"name":"OpenAI"},"sources":[{"commit":1,...}]}
//! ```
//!
//! Reading it back creates new nodes (ids are the database's to choose) and
//! joins the relationships by the ids in the file. Integers stay integers
//! and floats floats (`3.0` has a `.`), so types survive the round trip.
//! Commit lines and `sources` are skipped: an import is one new commit.

use super::csv_import::ImportReport;
use super::sink::Sink;
use crate::db::Database;
use crate::error::Detail;
use crate::error::{Error, Result};
use crate::history::Entity;
use crate::result::QueryResult;
use crate::value::json::{
    JsonError, json_to_value, node_json, parse_text, relationship_json, to_text, value_to_json,
};
use crate::value::{DateTime, Value};
use serde_json::{Value as Json, json};
use std::collections::{BTreeMap, HashMap};
use std::io::{self, BufRead, Write};

/// Writes the commits of `db`, oldest first, then every node and
/// relationship, one line each, in id order (nodes first), each with its
/// `sources` when it has some.
pub fn write_jsonl(db: &Database, w: &mut dyn Write) -> io::Result<()> {
    let empty = QueryResult::default();
    let failed = |e: Error| io::Error::other(format!("cannot read the history: {}", e.message));
    let history = db.last_commit() > 0;
    if history {
        for commit in db.log(None).map_err(failed)?.into_iter().rev() {
            let time = DateTime::new(commit.time, jiff::tz::TimeZone::UTC);
            let object = json!({
                "~": "commit",
                "commit": commit.number,
                "time": value_to_json(&empty, &Value::DateTime(time)),
                "meta": value_to_json(&empty, &Value::Map(commit.meta)),
            });
            writeln!(w, "{}", to_text(&object))?;
        }
    }
    let sourced = |mut object: Json, entity: Entity| -> io::Result<Json> {
        let sources = match history {
            true => db.sources(entity).map_err(failed)?,
            false => Vec::new(),
        };
        if let (false, Json::Object(map)) = (sources.is_empty(), &mut object) {
            let list = Value::List(sources.into_iter().map(Value::Map).collect());
            map.insert("sources".into(), value_to_json(&empty, &list));
        }
        Ok(object)
    };
    let props = |p: BTreeMap<String, Value>| -> Json {
        Json::Object(
            p.into_iter()
                .map(|(k, v)| (k, value_to_json(&empty, &v)))
                .collect(),
        )
    };
    for (id, node) in db.nodes() {
        let object = node_json(id, &node.labels, props(node.properties));
        let object = sourced(object, Entity::Node(id))?;
        writeln!(w, "{}", to_text(&object))?;
    }
    for (id, rel) in db.relationships() {
        let object = relationship_json(
            id,
            &rel.rel_type,
            (rel.start, rel.end),
            props(rel.properties),
        );
        let object = sourced(object, Entity::Relationship(id))?;
        writeln!(w, "{}", to_text(&object))?;
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
            Error::argument(Detail::BadImportData, format!("{name}:{number}: {message}"))
        };
        let object = parse_text(&line).map_err(|e| match e {
            JsonError::Syntax(e) => at(format!("not JSON: {e}")),
            e => at(format!("column {}: {}", e.position().1, e.message())),
        })?;
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
            // The history of the exported database: the import is a
            // commit of its own.
            Some("commit") => {}
            _ => {
                return Err(at(
                    "expected an object with \"~\": \"node\", \"relationship\" or \"commit\""
                        .into(),
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

fn properties(object: &Json) -> std::result::Result<BTreeMap<String, Value>, String> {
    match object.get("properties") {
        None | Some(Json::Null) => Ok(BTreeMap::new()),
        Some(Json::Object(map)) => map
            .iter()
            .map(|(k, v)| {
                Ok((
                    k.clone(),
                    json_to_value(v).map_err(|e| format!("property `{k}`: {e}"))?,
                ))
            })
            .collect(),
        Some(_) => Err("`properties` is not an object".to_string()),
    }
}
