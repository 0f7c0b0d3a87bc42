//! Functions on nodes, relationships and paths: `id`, `labels`, `type`,
//! `properties`, `keys`, `startNode`, `endNode`, `nodes`, `relationships`,
//! `length`, `exists`.
//!
//! An entity deleted in the running statement still gives its id, type
//! and endpoints (the graph keeps its record until commit); its labels and
//! properties are read through [`live`], which refuses them.

use super::{strings, wrong_type, wrong_value};
use crate::error::Result;
use crate::exec::live;
use crate::store::Graph;
use crate::value::Value;

/// `id(x)`: the id of a node or relationship.
pub(super) fn id(args: &[Value], _: &Graph) -> Result<Value> {
    match &args[0] {
        Value::Node(id) | Value::Relationship(id) => Ok(Value::Int(*id as i64)),
        v => Err(wrong_type("id", "a Node or Relationship", v)),
    }
}

/// `elementId(x)`: the id as a string.
pub(super) fn element_id(args: &[Value], _: &Graph) -> Result<Value> {
    match &args[0] {
        Value::Node(id) | Value::Relationship(id) => Ok(Value::from(id.to_string())),
        v => Err(wrong_type("elementId", "a Node or Relationship", v)),
    }
}

/// `labels(n)`: a node's labels, sorted.
pub(super) fn labels(args: &[Value], graph: &Graph) -> Result<Value> {
    match &args[0] {
        Value::Node(id) => Ok(strings(graph.node_labels(live::node(graph, *id)?).iter())),
        v => Err(wrong_type("labels", "a Node", v)),
    }
}

/// `type(r)`: a relationship's type.
pub(super) fn rel_type(args: &[Value], graph: &Graph) -> Result<Value> {
    match &args[0] {
        Value::Relationship(id) => Ok(Value::string(graph.rel_type(*id))),
        v => Err(wrong_value("type", "a Relationship", v)),
    }
}

/// `properties(x)`: the properties of a node or relationship, or a map
/// itself.
pub(super) fn properties(args: &[Value], graph: &Graph) -> Result<Value> {
    if let Value::Map(map) = &args[0] {
        return Ok(Value::Map(map.clone()));
    }
    match live::entity(graph, &args[0])? {
        Some(e) => Ok(Value::Map(
            e.properties(graph).map(|p| p.to_map()).unwrap_or_default(),
        )),
        None => Err(wrong_type(
            "properties",
            "a Node, Relationship or Map",
            &args[0],
        )),
    }
}

/// `keys(x)`: the property keys of a node or relationship, or a map's keys
/// (also those whose value is `null`).
pub(super) fn keys(args: &[Value], graph: &Graph) -> Result<Value> {
    if let Value::Map(map) = &args[0] {
        return Ok(strings(map.keys()));
    }
    match live::entity(graph, &args[0])? {
        Some(e) => Ok(strings(
            e.properties(graph).into_iter().flat_map(|p| p.keys()),
        )),
        None => Err(wrong_type("keys", "a Node, Relationship or Map", &args[0])),
    }
}

fn endpoint(func: &str, v: &Value, graph: &Graph, start: bool) -> Result<Value> {
    match v {
        Value::Relationship(id) => Ok(graph
            .rel_endpoints(*id)
            .map_or(Value::Null, |(a, b)| Value::Node(if start { a } else { b }))),
        _ => Err(wrong_type(func, "a Relationship", v)),
    }
}

/// `startNode(r)`: the node a relationship starts at.
pub(super) fn start_node(args: &[Value], graph: &Graph) -> Result<Value> {
    endpoint("startNode", &args[0], graph, true)
}

/// `endNode(r)`: the node a relationship ends at.
pub(super) fn end_node(args: &[Value], graph: &Graph) -> Result<Value> {
    endpoint("endNode", &args[0], graph, false)
}

/// `nodes(p)`: a path's nodes in walk order.
pub(super) fn nodes(args: &[Value], _: &Graph) -> Result<Value> {
    match &args[0] {
        Value::Path(p) => Ok(Value::List(
            p.nodes.iter().map(|&n| Value::Node(n)).collect(),
        )),
        v => Err(wrong_type("nodes", "a Path", v)),
    }
}

/// `relationships(p)`: a path's relationships in walk order.
pub(super) fn relationships(args: &[Value], _: &Graph) -> Result<Value> {
    match &args[0] {
        Value::Path(p) => Ok(Value::List(
            p.rels.iter().map(|&r| Value::Relationship(r)).collect(),
        )),
        v => Err(wrong_type("relationships", "a Path", v)),
    }
}

/// `length(p)`: the number of relationships in a path; for a string or
/// list (an old form) the same as `size`.
pub(super) fn length(args: &[Value], _: &Graph) -> Result<Value> {
    match &args[0] {
        Value::Path(p) => Ok(Value::Int(p.rels.len() as i64)),
        Value::String(s) => Ok(Value::Int(s.chars().count() as i64)),
        Value::List(items) => Ok(Value::Int(items.len() as i64)),
        v => Err(wrong_type("length", "a Path", v)),
    }
}

/// `exists(x)`: whether the value is not `null` (`exists(n.prop)`).
pub(super) fn exists(args: &[Value], _: &Graph) -> Result<Value> {
    Ok(Value::Bool(!args[0].is_null()))
}
