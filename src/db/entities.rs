//! The entities of a database, for reading them all (exports, snapshots)
//! without the store: each node and relationship as the public
//! [`NodeData`] and [`RelData`] a query result carries, built one at a
//! time.

use super::Database;
use crate::exec::{node_data, rel_data};
use crate::result::{NodeData, RelData};
use crate::value::{NodeId, RelId};
use std::sync::Arc;

impl Database {
    /// Every node, in id order, with its labels and properties. Each is
    /// read when the iterator reaches it (only the ids are taken at once),
    /// so a graph of any size is read in the memory of one node.
    pub fn nodes(&self) -> impl Iterator<Item = (NodeId, NodeData)> + '_ {
        self.graph
            .node_ids()
            .into_iter()
            .filter_map(|id| Some((id, node_data(&self.graph, id)?)))
    }

    /// Every relationship, in id order, with its type, ends and properties,
    /// read one at a time as [`Database::nodes`] reads nodes.
    pub fn relationships(&self) -> impl Iterator<Item = (RelId, RelData)> + '_ {
        self.graph
            .rel_ids()
            .into_iter()
            .filter_map(|id| Some((id, rel_data(&self.graph, id)?)))
    }

    /// Every node's labels, in id order, its properties left unread: how
    /// exports group nodes before reading them one at a time.
    pub(crate) fn node_labels(&self) -> impl Iterator<Item = (NodeId, &[Arc<str>])> + '_ {
        let graph = &self.graph;
        graph
            .node_ids()
            .into_iter()
            .map(move |id| (id, graph.node_labels(id)))
    }

    /// Every relationship's type, in id order, its properties left unread.
    pub(crate) fn rel_types(&self) -> impl Iterator<Item = (RelId, &str)> + '_ {
        let graph = &self.graph;
        graph
            .rel_ids()
            .into_iter()
            .map(move |id| (id, graph.rel_type(id)))
    }

    /// The labels and properties of node `id`, if the database has it.
    pub fn node(&self, id: NodeId) -> Option<NodeData> {
        match self.graph.contains_node(id) {
            true => node_data(&self.graph, id),
            false => None,
        }
    }

    /// The type, ends and properties of relationship `id`, if the database
    /// has it.
    pub fn relationship(&self, id: RelId) -> Option<RelData> {
        match self.graph.contains_rel(id) {
            true => rel_data(&self.graph, id),
            false => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{Params, Value};
    use std::collections::BTreeMap;

    #[test]
    fn entities_are_read_with_their_data() {
        let mut db = Database::in_memory();
        db.execute(
            "CREATE (:B:A {x: 1})-[:T {w: 2.5}]->(), (:C)",
            &Params::new(),
        )
        .unwrap();
        db.execute("MATCH (c:C) DELETE c", &Params::new()).unwrap();
        let nodes: Vec<(NodeId, NodeData)> = db.nodes().collect();
        assert_eq!(
            nodes,
            vec![
                (
                    0,
                    NodeData {
                        labels: vec!["A".to_string(), "B".to_string()],
                        properties: BTreeMap::from([("x".to_string(), Value::Int(1))]),
                    }
                ),
                (
                    1,
                    NodeData {
                        labels: vec![],
                        properties: BTreeMap::new(),
                    }
                ),
            ]
        );
        let rel = RelData {
            rel_type: "T".to_string(),
            start: 0,
            end: 1,
            properties: BTreeMap::from([("w".to_string(), Value::Float(2.5))]),
        };
        assert_eq!(
            db.relationships().collect::<Vec<_>>(),
            vec![(0, rel.clone())]
        );
        assert_eq!(db.node(0), Some(nodes[0].1.clone()));
        assert_eq!(db.node(2), None, "deleted");
        assert_eq!(db.node(7), None);
        assert_eq!(db.relationship(0), Some(rel));
        assert_eq!(db.relationship(1), None);
    }
}
