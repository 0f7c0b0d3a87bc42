//! Paths built from the slots of a matched or created pattern.

use crate::error::{Error, Result};
use crate::exec::row::{self, Row};
use crate::plan::logical::PathPart;
use crate::store::Graph;
use crate::value::{Path, Value};

/// Builds a path from the slots of a matched or created pattern: `null`
/// when a slot is `null` (an unmatched `OPTIONAL MATCH`).
pub(crate) fn build_path(parts: &[PathPart], row: &Row, graph: &Graph) -> Result<Value> {
    let mut nodes = Vec::new();
    let mut rels = Vec::new();
    for part in parts {
        match part {
            PathPart::Node(s) => match row::get(row, *s) {
                Value::Node(id) => {
                    if nodes.len() == rels.len() {
                        nodes.push(*id);
                    }
                }
                Value::Null => return Ok(Value::Null),
                other => {
                    return Err(Error::type_error(format!(
                        "a path needs nodes, got {}",
                        other.type_name()
                    )));
                }
            },
            PathPart::Rel(s) => {
                let list: Vec<u64> = match row::get(row, *s) {
                    Value::Relationship(id) => vec![*id],
                    Value::List(items) => items
                        .iter()
                        .filter_map(|v| {
                            if let Value::Relationship(id) = v {
                                Some(*id)
                            } else {
                                None
                            }
                        })
                        .collect(),
                    Value::Null => return Ok(Value::Null),
                    other => {
                        return Err(Error::type_error(format!(
                            "a path needs relationships, got {}",
                            other.type_name()
                        )));
                    }
                };
                for r in list {
                    let Some(&last) = nodes.last() else { break };
                    let Some((s, e)) = graph.rel_endpoints(r) else {
                        continue;
                    };
                    let next = if s == last { e } else { s };
                    rels.push(r);
                    nodes.push(next);
                }
            }
        }
    }
    Ok(Value::Path(Box::new(Path { nodes, rels })))
}
