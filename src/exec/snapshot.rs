//! Fills a result with the data of every entity its rows mention, so that
//! printing it needs no database.

use crate::result::{NodeData, QueryResult, RelData};
use crate::store::Graph;
use crate::value::{NodeId, RelId, Value};

/// Records the labels, types, endpoints and properties of the entities in `result.rows`.
pub(crate) fn fill(result: &mut QueryResult, graph: &Graph) {
    let mut nodes = Vec::new();
    let mut rels = Vec::new();
    for row in &result.rows {
        for v in row {
            collect(v, &mut nodes, &mut rels);
        }
    }
    for r in rels {
        if let Some((start, end)) = graph.rel_endpoints(r) {
            nodes.push(start);
            nodes.push(end);
            if !result.relationships.contains_key(&r)
                && let Some(data) = rel_data(graph, r)
            {
                result.relationships.insert(r, data);
            }
        }
    }
    for n in nodes {
        if !result.nodes.contains_key(&n)
            && let Some(data) = node_data(graph, n)
        {
            result.nodes.insert(n, data);
        }
    }
}

/// The labels and properties of node `id`, if there is one (a node deleted
/// by the running statement still has them).
pub(crate) fn node_data(graph: &Graph, id: NodeId) -> Option<NodeData> {
    let props = graph.node_properties(id)?;
    Some(NodeData {
        labels: graph
            .node_labels(id)
            .iter()
            .map(|l| l.to_string())
            .collect(),
        properties: props.to_map(),
    })
}

/// The type, ends and properties of relationship `id`, if there is one.
pub(crate) fn rel_data(graph: &Graph, id: RelId) -> Option<RelData> {
    let (start, end) = graph.rel_endpoints(id)?;
    let props = graph.rel_properties(id)?;
    Some(RelData {
        rel_type: graph.rel_type(id).to_string(),
        start,
        end,
        properties: props.to_map(),
    })
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
