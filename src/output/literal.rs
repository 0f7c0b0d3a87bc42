//! Cypher literal notation with entities in full: `(:Company {name: 'OpenAI'})`,
//! `[:stake {percent: 27}]`, `<(:A)-[:T]->(:B)>`.
//!
//! [`Value`]'s own `Display` prints entities by id only (`#node(7)`), because a
//! value does not own graph data; here the [`QueryResult`] supplies their
//! labels, types and properties. An entity the result does not describe prints
//! with what is known: `(#7)`, `[#3]`.

use crate::result::{NodeData, QueryResult, RelData};
use crate::value::{
    NodeId, Path, RelId, Value, format_float, quote_label, quote_name, quote_string,
};
use std::collections::BTreeMap;
use std::fmt::Write;

/// A value in Cypher literal notation, nodes, relationships and paths in full.
pub(crate) fn literal(result: &QueryResult, value: &Value) -> String {
    let mut out = String::new();
    write_literal(&mut out, result, value);
    out
}

/// Appends `value` in literal notation to `out`.
fn write_literal(out: &mut String, result: &QueryResult, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Float(f) => out.push_str(&format_float(*f)),
        Value::String(s) => out.push_str(&quote_string(s)),
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_literal(out, result, item);
            }
            out.push(']');
        }
        Value::Map(map) => write_map(out, result, map),
        Value::Node(id) => write_node(out, result, *id),
        Value::Relationship(id) => write_relationship(out, result, *id),
        Value::Path(path) => write_path(out, result, path),
        temporal => {
            let _ = write!(out, "{temporal}");
        }
    }
}

/// `{k: v, ...}`, keys bare or in backticks.
fn write_map(out: &mut String, result: &QueryResult, map: &BTreeMap<String, Value>) {
    out.push('{');
    for (i, (key, value)) in map.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&quote_name(key));
        out.push_str(": ");
        write_literal(out, result, value);
    }
    out.push('}');
}

/// ` {k: v}` after labels or a type, or nothing when there are no properties.
fn write_properties(out: &mut String, result: &QueryResult, props: &BTreeMap<String, Value>) {
    if !props.is_empty() {
        out.push(' ');
        write_map(out, result, props);
    }
}

/// `(:A:B {k: v})`, `()`, or `(#7)` when the result does not describe the node.
fn write_node(out: &mut String, result: &QueryResult, id: NodeId) {
    out.push('(');
    match result.node(id) {
        Some(NodeData { labels, properties }) => {
            for label in labels {
                out.push(':');
                out.push_str(&quote_label(label));
            }
            if labels.is_empty() {
                // `( {k: 1})` would look odd: no space before the map.
                if !properties.is_empty() {
                    write_map(out, result, properties);
                }
            } else {
                write_properties(out, result, properties);
            }
        }
        None => {
            let _ = write!(out, "#{id}");
        }
    }
    out.push(')');
}

/// `[:T {k: v}]`, or `[#3]` when the result does not describe it.
fn write_relationship(out: &mut String, result: &QueryResult, id: RelId) {
    out.push('[');
    match result.relationship(id) {
        Some(RelData {
            rel_type,
            properties,
            ..
        }) => {
            out.push(':');
            out.push_str(&quote_label(rel_type));
            write_properties(out, result, properties);
        }
        None => {
            let _ = write!(out, "#{id}");
        }
    }
    out.push(']');
}

/// `<(:A)-[:T]->(:B)<-[:U]-(:C)>`: each arrow points the way its
/// relationship does relative to the walk; undirected (`-[#3]-`) when the
/// relationship is unknown.
fn write_path(out: &mut String, result: &QueryResult, path: &Path) {
    out.push('<');
    if let Some(first) = path.nodes.first() {
        write_node(out, result, *first);
    }
    for (i, rel) in path.rels.iter().enumerate() {
        let from = path.nodes.get(i).copied();
        let to = path.nodes.get(i + 1).copied();
        let (left, right) = match result.relationship(*rel) {
            // A self loop starts where the walk is: `->`.
            Some(data) if Some(data.start) == from => ("-", "->"),
            Some(data) if Some(data.end) == from => ("<-", "-"),
            // Unknown, or endpoints that do not match the walk (a bug elsewhere).
            _ => ("-", "-"),
        };
        out.push_str(left);
        write_relationship(out, result, *rel);
        out.push_str(right);
        if let Some(to) = to {
            write_node(out, result, to);
        }
    }
    out.push('>');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::fixtures::{map, sample};

    fn check(value: Value, expected: &str) {
        assert_eq!(literal(&sample(), &value), expected);
    }

    #[test]
    fn scalars_are_cypher_literals() {
        check(Value::Null, "null");
        check(Value::Bool(true), "true");
        check(Value::Int(-3), "-3");
        check(Value::Float(1.0), "1.0");
        check(Value::Float(f64::NEG_INFINITY), "-Infinity");
        check(Value::string("it's\n"), "'it\\'s\\n'");
    }

    #[test]
    fn lists_and_maps_nest() {
        check(
            Value::List(vec![Value::Int(1), Value::List(vec![]), Value::Null]),
            "[1, [], null]",
        );
        check(
            map(&[("k", Value::Int(1)), ("a b", Value::Node(1))]),
            "{`a b`: (:Company {name: 'OpenAI'}), k: 1}",
        );
        check(map(&[]), "{}");
    }

    #[test]
    fn nodes_show_labels_then_properties() {
        check(Value::Node(1), "(:Company {name: 'OpenAI'})");
        check(Value::Node(3), "(:A:B)");
        check(Value::Node(4), "()");
        check(Value::Node(5), "({x: 1})");
        check(Value::Node(99), "(#99)");
    }

    #[test]
    fn relationships_show_type_then_properties() {
        check(Value::Relationship(10), "[:stake {percent: 27}]");
        check(Value::Relationship(11), "[:`odd type`]");
        check(Value::Relationship(99), "[#99]");
    }

    #[test]
    fn path_arrows_follow_each_relationship() {
        check(
            Value::Path(Box::new(Path {
                nodes: vec![2, 1, 3],
                rels: vec![10, 11],
            })),
            "<(:Company {name: 'Microsoft'})-[:stake {percent: 27}]->\
             (:Company {name: 'OpenAI'})<-[:`odd type`]-(:A:B)>",
        );
        check(
            Value::Path(Box::new(Path {
                nodes: vec![4],
                rels: vec![],
            })),
            "<()>",
        );
        check(
            Value::Path(Box::new(Path {
                nodes: vec![4, 98],
                rels: vec![99],
            })),
            "<()-[#99]-(#98)>",
        );
    }
}
