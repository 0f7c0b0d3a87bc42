//! The whole graph as one [`QueryResult`], so that the writers of query
//! results (DOT, SVG, GraphML) draw a database the way they draw a result.

use crate::result::{NodeData, QueryResult, RelData};
use crate::store::Graph;
use crate::value::Value;

/// Every node (a row each, in id order) then every relationship, in one
/// column `entity`, with their data.
pub fn whole_graph(graph: &Graph) -> QueryResult {
    let mut result = QueryResult {
        columns: vec!["entity".to_string()],
        ..QueryResult::default()
    };
    for id in graph.node_ids() {
        let mut labels: Vec<String> = graph
            .node_labels(id)
            .iter()
            .map(|l| l.to_string())
            .collect();
        labels.sort();
        let properties = graph
            .node_properties(id)
            .map(|p| p.to_map())
            .unwrap_or_default();
        result.nodes.insert(id, NodeData { labels, properties });
        result.rows.push(vec![Value::Node(id)]);
    }
    for id in graph.rel_ids() {
        let Some((start, end)) = graph.rel_endpoints(id) else {
            continue;
        };
        let data = RelData {
            rel_type: graph.rel_type(id).to_string(),
            start,
            end,
            properties: graph
                .rel_properties(id)
                .map(|p| p.to_map())
                .unwrap_or_default(),
        };
        result.relationships.insert(id, data);
        result.rows.push(vec![Value::Relationship(id)]);
    }
    result
}
