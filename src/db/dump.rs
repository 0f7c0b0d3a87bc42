//! The whole database as a Cypher script: the schema first, then the nodes
//! and relationships, in statements that quiver's `--load`, Neo4j 5 and
//! Memgraph all run.
//!
//! Nodes are created in batches with `UNWIND`, grouped by label set, each
//! with a temporary `__quiver_id` property that the relationship batches
//! match on; the last statement removes it.

use super::Database;
use crate::value::{Value, quote_name};
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;

/// Rows per `UNWIND` batch.
const BATCH: usize = 500;

/// The temporary property that carries a node's id while loading (made
/// longer when some node already has a property of that name).
pub(crate) const ID_KEY: &str = "__quiver_id";

/// A value as a Cypher literal that reads back to the same value (NaN and
/// the infinities, which have no literal, as divisions).
pub(crate) fn literal(v: &Value) -> String {
    match v {
        Value::Float(f) if f.is_nan() => "(0.0 / 0.0)".to_string(),
        Value::Float(f) if f.is_infinite() && *f > 0.0 => "(1.0 / 0.0)".to_string(),
        Value::Float(f) if f.is_infinite() => "(-1.0 / 0.0)".to_string(),
        Value::List(items) => {
            let items: Vec<String> = items.iter().map(literal).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Map(m) => map_literal(m),
        other => other.to_string(),
    }
}

pub(crate) fn map_literal(props: &BTreeMap<String, Value>) -> String {
    let entries: Vec<String> = props
        .iter()
        .map(|(k, v)| format!("{}: {}", quote_name(k), literal(v)))
        .collect();
    format!("{{{}}}", entries.join(", "))
}

/// Writes the script for `db` and `schema` (each a `CREATE INDEX` /
/// `CREATE CONSTRAINT` statement), reading the entities one at a time.
pub(crate) fn write(w: &mut dyn Write, db: &Database, schema: &[String]) -> io::Result<()> {
    let (node_count, rel_count) = db.counts();
    writeln!(
        w,
        "// quiver dump: {node_count} nodes, {rel_count} relationships"
    )?;
    for s in schema {
        writeln!(w, "{s};")?;
    }
    let used: Vec<String> = db
        .schema()
        .property_keys
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    let mut id_key = ID_KEY.to_string();
    while used.contains(&id_key) {
        id_key.push('_');
    }
    let id_key = quote_name(&id_key);
    // Nodes, grouped by label set.
    let mut by_labels: BTreeMap<&[Arc<str>], Vec<u64>> = BTreeMap::new();
    for (id, labels) in db.node_labels() {
        by_labels.entry(labels).or_default().push(id);
    }
    for (labels, ids) in &by_labels {
        let label_text: String = labels
            .iter()
            .map(|l| format!(":{}", quote_name(l)))
            .collect();
        for chunk in ids.chunks(BATCH) {
            let rows: Vec<String> = chunk
                .iter()
                .filter_map(|&id| {
                    let node = db.node(id)?;
                    Some(format!(
                        "{{id: {id}, props: {}}}",
                        map_literal(&node.properties)
                    ))
                })
                .collect();
            writeln!(
                w,
                "UNWIND [{}] AS row CREATE (n{label_text}) SET n = row.props, n.{id_key} = row.id;",
                rows.join(", ")
            )?;
        }
    }
    // Relationships, grouped by type.
    let mut by_type: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
    for (id, rel_type) in db.rel_types() {
        by_type.entry(rel_type).or_default().push(id);
    }
    for (rel_type, ids) in &by_type {
        for chunk in ids.chunks(BATCH) {
            let rows: Vec<String> = chunk
                .iter()
                .filter_map(|&id| {
                    let rel = db.relationship(id)?;
                    Some(format!(
                        "{{s: {}, e: {}, props: {}}}",
                        rel.start,
                        rel.end,
                        map_literal(&rel.properties)
                    ))
                })
                .collect();
            writeln!(
                w,
                "UNWIND [{}] AS row MATCH (a {{{id_key}: row.s}}), (b {{{id_key}: row.e}}) CREATE (a)-[r:{}]->(b) SET r = row.props;",
                rows.join(", "),
                quote_name(rel_type)
            )?;
        }
    }
    if node_count > 0 {
        writeln!(
            w,
            "MATCH (n) WHERE n.{id_key} IS NOT NULL REMOVE n.{id_key};"
        )?;
    }
    Ok(())
}
