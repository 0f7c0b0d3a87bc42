//! Building a graph from stored records, one at a time, keeping every id.

use super::graph::{Graph, NodeRec, RelRec, nix};
use super::props::PropMap;
use crate::value::{NodeId, RelId, Value};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::{EdgeIndexable, NodeIndexable};
use std::sync::Arc;

/// Adds stored nodes (in id order), then stored relationships (in id
/// order), to a new graph. Gaps in the ids (deleted entities) are filled
/// with placeholders removed at the end, so every entity keeps its id.
pub struct GraphBuilder {
    g: Graph,
    node_placeholders: Vec<NodeIndex>,
    rel_placeholders: Vec<EdgeIndex>,
    /// `true` for the node ids that are placeholders.
    placeholder: Vec<bool>,
}

impl Default for GraphBuilder {
    fn default() -> GraphBuilder {
        GraphBuilder::new()
    }
}

impl GraphBuilder {
    /// An empty builder.
    pub fn new() -> GraphBuilder {
        GraphBuilder::with_capacity(0, 0)
    }

    /// An empty builder with room for `nodes` and `rels` (so that the
    /// graph's arrays are not copied as they grow).
    pub fn with_capacity(nodes: usize, rels: usize) -> GraphBuilder {
        let mut g = Graph::new();
        g.g = petgraph::stable_graph::StableDiGraph::with_capacity(nodes, rels);
        GraphBuilder {
            g,
            node_placeholders: Vec::new(),
            rel_placeholders: Vec::new(),
            placeholder: Vec::new(),
        }
    }

    /// Adds a node; ids must come in increasing order.
    pub fn add_node(
        &mut self,
        id: NodeId,
        labels: &[impl AsRef<str>],
        props: impl IntoIterator<Item = (impl AsRef<str>, Value)>,
    ) -> Result<(), String> {
        let g = &mut self.g;
        while (g.g.node_bound() as u64) < id {
            self.node_placeholders.push(g.g.add_node(NodeRec {
                labels: Vec::new(),
                props: PropMap::new(),
            }));
            self.placeholder.push(true);
        }
        if g.g.node_bound() as u64 != id {
            return Err(format!("node {id} is stored twice or out of order"));
        }
        let mut ls: Vec<Arc<str>> = labels.iter().map(|l| g.intern(l.as_ref())).collect();
        ls.sort();
        ls.dedup();
        let props = g.intern_props(props);
        g.g.add_node(NodeRec { labels: ls, props });
        g.reindex_node(id);
        self.placeholder.push(false);
        Ok(())
    }

    fn is_live(&self, id: NodeId) -> bool {
        self.placeholder.get(id as usize).is_some_and(|p| !p)
    }

    /// Adds a relationship between nodes already added; ids must come in
    /// increasing order.
    pub fn add_rel(
        &mut self,
        id: RelId,
        rel_type: &str,
        start: NodeId,
        end: NodeId,
        props: impl IntoIterator<Item = (impl AsRef<str>, Value)>,
    ) -> Result<(), String> {
        if !self.is_live(start) || !self.is_live(end) {
            return Err(format!("relationship {id} joins a node that is not stored"));
        }
        let g = &mut self.g;
        while (g.g.edge_bound() as u64) < id {
            let filler = RelRec {
                rel_type: Arc::from(""),
                props: PropMap::new(),
            };
            self.rel_placeholders
                .push(g.g.add_edge(nix(start), nix(start), filler));
        }
        if g.g.edge_bound() as u64 != id {
            return Err(format!("relationship {id} is stored twice or out of order"));
        }
        let rel_type = g.intern(rel_type);
        *g.rel_types.entry(rel_type.clone()).or_default() += 1;
        let props = g.intern_props(props);
        g.g.add_edge(nix(start), nix(end), RelRec { rel_type, props });
        Ok(())
    }

    /// The graph, placeholders removed.
    pub fn finish(mut self) -> Graph {
        for e in self.rel_placeholders.into_iter().rev() {
            self.g.g.remove_edge(e);
        }
        for n in self.node_placeholders.into_iter().rev() {
            self.g.g.remove_node(n);
        }
        self.g
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Dir;

    #[test]
    fn ids_with_gaps_are_kept() {
        let mut b = GraphBuilder::new();
        let none: Vec<(&str, Value)> = Vec::new();
        assert_eq!(b.add_node(0, &["A"], none.clone()), Ok(()));
        assert_eq!(b.add_node(3, &[] as &[&str], none.clone()), Ok(()));
        assert_eq!(b.add_rel(2, "T", 0, 3, none.clone()), Ok(()));
        assert!(b.add_rel(4, "T", 0, 1, none.clone()).is_err());
        assert!(b.add_node(3, &[] as &[&str], none).is_err());
        let g = b.finish();
        assert_eq!(g.node_ids(), vec![0, 3]);
        assert_eq!(g.rel_ids(), vec![2]);
        assert_eq!(g.relationships(0, Dir::Outgoing), vec![(2, 3)]);
        assert_eq!(g.nodes_with_label("A"), vec![0]);
    }
}
