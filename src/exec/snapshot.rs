//! Fills a result with the data of every entity its rows mention, so that
//! printing it needs no database.

use crate::result::{NodeData, QueryResult, RelData};
use crate::store::Graph;
use crate::value::Value;

/// Records the labels, types, endpoints and properties of the entities in `result.rows`.
pub fn fill(result: &mut QueryResult, graph: &Graph) {
    let mut nodes = Vec::new();
    let mut rels = Vec::new();
    for row in &result.rows {
        for v in row {
            collect(v, &mut nodes, &mut rels);
        }
    }
    for r in rels {
        if let (Some((start, end)), Some(props)) = (graph.rel_endpoints(r), graph.rel_properties(r))
        {
            nodes.push(start);
            nodes.push(end);
            result.relationships.entry(r).or_insert_with(|| RelData {
                rel_type: graph.rel_type(r).to_string(),
                start,
                end,
                properties: props.to_map(),
            });
        }
    }
    for n in nodes {
        if let Some(props) = graph.node_properties(n) {
            result.nodes.entry(n).or_insert_with(|| NodeData {
                labels: graph.node_labels(n).iter().map(|l| l.to_string()).collect(),
                properties: props.to_map(),
            });
        }
    }
}

fn collect(v: &Value, nodes: &mut Vec<u64>, rels: &mut Vec<u64>) {
    match v {
        Value::Node(id) => nodes.push(*id),
        Value::Relationship(id) => rels.push(*id),
        Value::Path(p) => {
            nodes.extend(&p.nodes);
            rels.extend(&p.rels);
        }
        Value::List(items) => items.iter().for_each(|i| collect(i, nodes, rels)),
        Value::Map(m) => m.values().for_each(|i| collect(i, nodes, rels)),
        _ => {}
    }
}
