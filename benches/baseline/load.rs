//! Loading the generated graph through the public API, in parameterised
//! batches, timing only the `execute` calls.

use crate::generate::{Graph, LABELS, rel_type_names};
use quiverdb::{Database, Params, Value};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// Rows per `UNWIND` batch.
pub const BATCH: usize = 10_000;

/// What the load did and how long it took.
pub struct Loaded {
    /// Nodes created.
    pub nodes: u64,
    /// Relationships created.
    pub rels: u64,
    /// Time spent in `execute` for the node batches.
    pub node_time: Duration,
    /// Time spent in `execute` for the relationship batches.
    pub rel_time: Duration,
}

/// Creates every node (`UNWIND $rows AS r CREATE (:Label {id: r.id, name: r.name})`)
/// then every relationship (`UNWIND $rels AS r MATCH (a {id: r.a}), (b {id: r.b})
/// CREATE (a)-[:type]->(b)`, an index lookup per end), checking each batch's
/// counters.
pub fn load(db: &mut Database, graph: &Graph) -> Result<Loaded, String> {
    let mut loaded = Loaded {
        nodes: 0,
        rels: 0,
        node_time: Duration::ZERO,
        rel_time: Duration::ZERO,
    };
    for (label, (name, _)) in LABELS.iter().enumerate() {
        let query = format!("UNWIND $rows AS r CREATE (:{name} {{id: r.id, name: r.name}})");
        let rows: Vec<Value> = graph
            .nodes
            .iter()
            .filter(|n| n.label == label)
            .map(|n| map(&[("id", Value::Int(n.id)), ("name", Value::string(&n.name))]))
            .collect();
        for batch in rows.chunks(BATCH) {
            let (time, created) = run(db, &query, "rows", batch, |s| s.nodes_created)?;
            loaded.node_time += time;
            loaded.nodes += created;
        }
    }
    for (kind, name) in rel_type_names().iter().enumerate() {
        let query = format!(
            "UNWIND $rels AS r MATCH (a {{id: r.a}}), (b {{id: r.b}}) CREATE (a)-[:{name}]->(b)"
        );
        let rels: Vec<Value> = graph
            .rels
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| map(&[("a", Value::Int(r.a)), ("b", Value::Int(r.b))]))
            .collect();
        for batch in rels.chunks(BATCH) {
            let (time, created) = run(db, &query, "rels", batch, |s| s.relationships_created)?;
            loaded.rel_time += time;
            loaded.rels += created;
        }
    }
    Ok(loaded)
}

/// A map value from `(key, value)` pairs.
fn map(pairs: &[(&str, Value)]) -> Value {
    Value::Map(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect::<BTreeMap<_, _>>(),
    )
}

/// Runs one batch, checks that it created one entity per row, and returns
/// the time `execute` took and how many it created.
fn run(
    db: &mut Database,
    query: &str,
    param: &str,
    batch: &[Value],
    created: impl Fn(&quiverdb::Stats) -> u64,
) -> Result<(Duration, u64), String> {
    let params: Params = [(param.to_string(), Value::List(batch.to_vec()))].into();
    let start = Instant::now();
    let result = db
        .execute(query, &params)
        .map_err(|e| format!("{query}: {e}"))?;
    let time = start.elapsed();
    let count = created(&result.stats);
    if count != batch.len() as u64 {
        return Err(format!(
            "{query}: created {count} for a batch of {} rows",
            batch.len()
        ));
    }
    Ok((time, count))
}
