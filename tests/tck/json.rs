//! The values of quiver's JSON output contract (`--format json`,
//! `--params-file`) in the TCK's model, and back.
//!
//! Entities in the contract carry their labels, type and properties, so a
//! node, relationship or path converts without a database. Temporal
//! values (`{"~":"date","value":"2015-07-21"}`) become the string of their
//! `value`: the TCK writes expected temporals as strings, and the
//! in-process harness reads a temporal result as its text too.

use super::value::{Direction, TckNode, TckPath, TckRel, TckValue};
use serde_json::{Map, Number, Value as Json};
use std::collections::BTreeMap;

/// The tags of temporal values, compared by their text.
const TEMPORAL_TAGS: [&str; 6] = [
    "date",
    "localtime",
    "time",
    "localdatetime",
    "datetime",
    "duration",
];

/// Whether `"~": tag` marks a tagged value rather than a map's key.
fn is_tag(tag: &str) -> bool {
    ["float", "node", "relationship", "path"].contains(&tag) || TEMPORAL_TAGS.contains(&tag)
}

/// Reads one value of the contract into the TCK's model.
pub fn from_json(json: &Json) -> Result<TckValue, String> {
    Ok(match json {
        Json::Null => TckValue::Null,
        Json::Bool(b) => TckValue::Bool(*b),
        Json::Number(n) => number(n)?,
        Json::String(s) => TckValue::String(s.clone()),
        Json::Array(items) => {
            TckValue::List(items.iter().map(from_json).collect::<Result<_, _>>()?)
        }
        Json::Object(map) => match map.get("~").and_then(Json::as_str) {
            Some(tag) if is_tag(tag) => tagged(tag, map)?,
            // As the contract reads it: an object without a known tag is a map.
            _ => TckValue::Map(properties(map)?),
        },
    })
}

/// An integer (written without `.` or exponent) or a float.
fn number(n: &Number) -> Result<TckValue, String> {
    if n.is_f64() {
        n.as_f64()
            .map(TckValue::Float)
            .ok_or_else(|| format!("an unreadable float {n}"))
    } else {
        n.as_i64()
            .map(TckValue::Int)
            .ok_or_else(|| format!("an integer out of range: {n}"))
    }
}

fn properties(map: &Map<String, Json>) -> Result<BTreeMap<String, TckValue>, String> {
    map.iter()
        .map(|(k, v)| Ok((k.clone(), from_json(v)?)))
        .collect()
}

/// The field `name` of a tagged object.
fn field<'j>(map: &'j Map<String, Json>, tag: &str, name: &str) -> Result<&'j Json, String> {
    map.get(name).ok_or_else(|| {
        format!(
            "a {tag} without `{name}` (not in the result): {}",
            Json::Object(map.clone())
        )
    })
}

/// The value of a `{"~": tag, ...}` object.
fn tagged(tag: &str, map: &Map<String, Json>) -> Result<TckValue, String> {
    Ok(match tag {
        "float" => match field(map, tag, "value")?.as_str() {
            Some("NaN") => TckValue::Float(f64::NAN),
            Some("Infinity") => TckValue::Float(f64::INFINITY),
            Some("-Infinity") => TckValue::Float(f64::NEG_INFINITY),
            _ => return Err(format!("a float that is not NaN or infinite: {map:?}")),
        },
        "node" => TckValue::Node(node(map)?),
        "relationship" => TckValue::Rel(rel(map)?),
        "path" => TckValue::Path(path(map)?),
        _ if TEMPORAL_TAGS.contains(&tag) => match field(map, tag, "value")? {
            Json::String(text) => TckValue::String(text.clone()),
            other => return Err(format!("a {tag} whose value is not a string: {other}")),
        },
        _ => return Err(format!("an unknown tag {tag:?}")),
    })
}

fn object<'j>(json: &'j Json, what: &str) -> Result<&'j Map<String, Json>, String> {
    json.as_object()
        .ok_or_else(|| format!("{what} is not an object: {json}"))
}

fn node(map: &Map<String, Json>) -> Result<TckNode, String> {
    let labels = field(map, "node", "labels")?
        .as_array()
        .ok_or("node labels that are not a list")?
        .iter()
        .map(|l| {
            l.as_str()
                .map(str::to_string)
                .ok_or("a label that is not a string")
        })
        .collect::<Result<_, _>>()?;
    Ok(TckNode {
        labels,
        properties: properties(object(field(map, "node", "properties")?, "properties")?)?,
    })
}

fn rel(map: &Map<String, Json>) -> Result<TckRel, String> {
    let rel_type = field(map, "relationship", "type")?
        .as_str()
        .ok_or("a relationship type that is not a string")?;
    Ok(TckRel {
        rel_type: rel_type.to_string(),
        properties: properties(object(
            field(map, "relationship", "properties")?,
            "properties",
        )?)?,
    })
}

/// The `id` (or `start`, `end`) of an entity.
fn id(map: &Map<String, Json>, tag: &str, name: &str) -> Result<u64, String> {
    field(map, tag, name)?
        .as_u64()
        .ok_or_else(|| format!("a {tag} {name} that is not an id"))
}

/// A path: the direction of each relationship follows from its `start`
/// and `end` against the ids of the nodes it joins.
fn path(map: &Map<String, Json>) -> Result<TckPath, String> {
    let list = |name: &str| {
        field(map, "path", name)?
            .as_array()
            .ok_or_else(|| format!("path {name} that are not a list"))
    };
    let nodes = list("nodes")?
        .iter()
        .map(|n| object(n, "a path node"))
        .collect::<Result<Vec<_>, _>>()?;
    let rels = list("relationships")?;
    let Some((first, others)) = nodes.split_first() else {
        return Err("a path without nodes".to_string());
    };
    if others.len() != rels.len() {
        return Err(format!(
            "a path with {} nodes and {} relationships",
            nodes.len(),
            rels.len()
        ));
    }
    let mut steps = Vec::new();
    let mut before = id(first, "node", "id")?;
    for (r, after) in rels.iter().zip(others) {
        let r = object(r, "a path relationship")?;
        let (start, end) = (
            id(r, "relationship", "start")?,
            id(r, "relationship", "end")?,
        );
        let after_id = id(after, "node", "id")?;
        let direction = if (start, end) == (before, after_id) {
            Direction::Forward
        } else if (start, end) == (after_id, before) {
            Direction::Backward
        } else {
            return Err(format!(
                "path relationship {start}->{end} does not join nodes {before} and {after_id}"
            ));
        };
        steps.push((rel(r)?, direction, node(after)?));
        before = after_id;
    }
    Ok(TckPath {
        start: node(first)?,
        steps,
    })
}

/// A parameter of the TCK as the contract writes it (`--params-file`).
pub fn to_json(value: &TckValue) -> Result<Json, String> {
    Ok(match value {
        TckValue::Null => Json::Null,
        TckValue::Bool(b) => Json::Bool(*b),
        TckValue::Int(i) => Json::from(*i),
        TckValue::Float(f) => match Number::from_f64(*f) {
            Some(n) => Json::Number(n),
            None => {
                let text = if f.is_nan() {
                    "NaN"
                } else if *f > 0.0 {
                    "Infinity"
                } else {
                    "-Infinity"
                };
                serde_json::json!({"~": "float", "value": text})
            }
        },
        TckValue::String(s) => Json::String(s.clone()),
        TckValue::List(items) => Json::Array(items.iter().map(to_json).collect::<Result<_, _>>()?),
        TckValue::Map(map) => Json::Object(
            map.iter()
                .map(|(k, v)| Ok((k.clone(), to_json(v)?)))
                .collect::<Result<_, String>>()?,
        ),
        TckValue::Node(_) | TckValue::Rel(_) | TckValue::Path(_) => {
            return Err("an entity cannot be a parameter".to_string());
        }
    })
}

#[cfg(test)]
mod tests {
    use super::super::value::parse_value;
    use super::*;

    fn read(text: &str) -> Result<TckValue, String> {
        from_json(&serde_json::from_str(text).unwrap())
    }

    fn v(text: &str) -> TckValue {
        parse_value(text).unwrap()
    }

    #[test]
    fn scalars_keep_integers_apart_from_floats() {
        assert_eq!(read("3"), Ok(v("3")));
        assert_eq!(read("3.0"), Ok(v("3.0")));
        assert_eq!(read("1e300"), Ok(v("1e300")));
        assert_eq!(read(r#"[null, true, "a"]"#), Ok(v("[null, true, 'a']")));
        assert_eq!(
            read(r#"{"k": {"~": "float", "value": "-Infinity"}}"#),
            Ok(v("{k: -Inf}"))
        );
        assert!(
            matches!(read(r#"{"~":"float","value":"NaN"}"#), Ok(TckValue::Float(f)) if f.is_nan())
        );
        assert_eq!(
            read("18446744073709551615"),
            Err("an integer out of range: 18446744073709551615".into())
        );
    }

    #[test]
    fn temporals_read_as_their_text() {
        assert_eq!(
            read(r#"{"~":"date","value":"2015-07-21"}"#),
            Ok(v("'2015-07-21'"))
        );
        assert_eq!(
            read(r#"{"~":"duration","value":"P14DT16H12M"}"#),
            Ok(v("'P14DT16H12M'"))
        );
        assert_eq!(
            read(r#"{"~":"moment","value":"x"}"#),
            Ok(v("{`~`: 'moment', value: 'x'}"))
        );
    }

    #[test]
    fn entities_and_paths_carry_what_the_tck_compares() {
        let a = r#"{"~":"node","id":1,"labels":["A"],"properties":{"name":"a"}}"#;
        let b = r#"{"~":"node","id":2,"labels":[],"properties":{}}"#;
        let c = r#"{"~":"node","id":3,"labels":["C","D"],"properties":{}}"#;
        let t =
            r#"{"~":"relationship","id":10,"type":"T","start":1,"end":2,"properties":{"w":0.5}}"#;
        let u = r#"{"~":"relationship","id":11,"type":"U","start":3,"end":2,"properties":{}}"#;
        assert_eq!(read(&format!("[{c}, {u}]")), Ok(v("[(:C:D), [:U]]")));
        let path = format!(r#"{{"~":"path","nodes":[{a},{b},{c}],"relationships":[{t},{u}]}}"#);
        assert_eq!(
            read(&path),
            Ok(v("<(:A {name: 'a'})-[:T {w: 0.5}]->()<-[:U]-(:D:C)>"))
        );
        let crooked = format!(r#"{{"~":"path","nodes":[{a},{c}],"relationships":[{t}]}}"#);
        assert_eq!(
            read(&crooked),
            Err("path relationship 1->2 does not join nodes 1 and 3".into())
        );
        assert_eq!(
            read(r#"{"~":"node","id":9}"#),
            Err(r#"a node without `labels` (not in the result): {"~":"node","id":9}"#.into())
        );
    }

    #[test]
    fn parameters_are_written_as_the_contract_reads_them() {
        let json = |text: &str| to_json(&v(text)).map(|j| j.to_string());
        assert_eq!(
            json("[1, 1.0, 'a', null, {k: true}]"),
            Ok(r#"[1,1.0,"a",null,{"k":true}]"#.into())
        );
        assert_eq!(
            json("[NaN, -Inf]"),
            Ok(r#"[{"~":"float","value":"NaN"},{"~":"float","value":"-Infinity"}]"#.into())
        );
        assert_eq!(json("(:A)"), Err("an entity cannot be a parameter".into()));
    }
}
