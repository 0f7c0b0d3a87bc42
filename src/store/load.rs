//! Building a graph from stored records, one at a time, keeping every id.

use super::graph::{Graph, NodeRec, RelRec, nix};
use super::names::{LabelSetId, LabelSets, NameId, Names};
use super::props::PropStore;
use crate::value::{NodeId, RelId};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::{EdgeIndexable, NodeIndexable};
use std::sync::Arc;

/// Adds stored names, then nodes (in id order), then relationships (in id
/// order), to a new graph. Gaps in the ids (deleted entities) are filled
/// with placeholders removed at the end, so every entity keeps its id.
/// Properties come whole, as stores of blocks (see [`super::props`]).
pub(crate) struct GraphBuilder {
    g: Graph,
    node_placeholders: Vec<NodeIndex>,
    rel_placeholders: Vec<EdgeIndex>,
    /// `true` for the node ids that are placeholders.
    placeholder: Vec<bool>,
    /// Relationships per type name number.
    type_counts: Vec<u64>,
}

impl Default for GraphBuilder {
    fn default() -> GraphBuilder {
        GraphBuilder::new()
    }
}

impl GraphBuilder {
    /// An empty builder.
    pub(crate) fn new() -> GraphBuilder {
        GraphBuilder::with_capacity(0, 0)
    }

    /// An empty builder with room for `nodes` and `rels` (so that the
    /// graph's arrays are not copied as they grow).
    pub(crate) fn with_capacity(nodes: usize, rels: usize) -> GraphBuilder {
        let mut g = Graph::new();
        g.g = petgraph::stable_graph::StableDiGraph::with_capacity(nodes, rels);
        GraphBuilder {
            g,
            node_placeholders: Vec::new(),
            rel_placeholders: Vec::new(),
            placeholder: Vec::new(),
            type_counts: Vec::new(),
        }
    }

    /// A builder that keeps `names` and `sets` (with their numbers and
    /// shared texts), with room for `nodes` and `rels`.
    pub(crate) fn with_names(
        names: Names,
        sets: LabelSets,
        nodes: usize,
        rels: usize,
    ) -> GraphBuilder {
        let mut b = GraphBuilder::with_capacity(nodes, rels);
        b.g.names = names;
        b.g.label_sets = sets;
        b
    }

    /// The names so far (stored names are added first, in number order).
    pub(crate) fn names(&mut self) -> &mut Names {
        &mut self.g.names
    }

    fn name(&self, id: NameId) -> Result<Arc<str>, String> {
        self.g
            .names
            .name(id)
            .cloned()
            .ok_or_else(|| format!("name number {id} is not stored"))
    }

    /// Adds a node; ids must come in increasing order.
    pub(crate) fn add_node(&mut self, id: NodeId, labels: &[NameId]) -> Result<(), String> {
        let ls = labels
            .iter()
            .map(|&l| self.name(l))
            .collect::<Result<Vec<_>, _>>()?;
        let set = self.g.label_sets.intern(ls);
        self.add_node_in_set(id, set)
    }

    /// Adds a node with a label set the graph has; ids must come in
    /// increasing order.
    pub(crate) fn add_node_in_set(&mut self, id: NodeId, set: LabelSetId) -> Result<(), String> {
        let g = &mut self.g;
        while (g.g.node_bound() as u64) < id {
            self.node_placeholders
                .push(g.g.add_node(NodeRec { labels: 0 }));
            self.placeholder.push(true);
        }
        if g.g.node_bound() as u64 != id {
            return Err(format!("node {id} is stored twice or out of order"));
        }
        for l in g.label_sets.get(set) {
            g.labels.entry(l.clone()).or_default().insert(id);
        }
        g.g.add_node(NodeRec { labels: set });
        self.placeholder.push(false);
        Ok(())
    }

    fn is_live(&self, id: NodeId) -> bool {
        self.placeholder.get(id as usize).is_some_and(|p| !p)
    }

    /// Adds a relationship between nodes already added; ids must come in
    /// increasing order.
    pub(crate) fn add_rel(
        &mut self,
        id: RelId,
        rel_type: NameId,
        start: NodeId,
        end: NodeId,
    ) -> Result<(), String> {
        if !self.is_live(start) || !self.is_live(end) {
            return Err(format!("relationship {id} joins a node that is not stored"));
        }
        self.name(rel_type)?;
        let g = &mut self.g;
        while (g.g.edge_bound() as u64) < id {
            let filler = RelRec { rel_type };
            self.rel_placeholders
                .push(g.g.add_edge(nix(start), nix(start), filler));
        }
        if g.g.edge_bound() as u64 != id {
            return Err(format!("relationship {id} is stored twice or out of order"));
        }
        let t = rel_type as usize;
        if self.type_counts.len() <= t {
            self.type_counts.resize(t + 1, 0);
        }
        self.type_counts[t] += 1;
        g.g.add_edge(nix(start), nix(end), RelRec { rel_type });
        Ok(())
    }

    /// Every node's and relationship's properties.
    pub(crate) fn set_props(&mut self, nodes: PropStore, rels: PropStore) {
        self.g.node_props = nodes;
        self.g.rel_props = rels;
    }

    /// The graph, placeholders removed.
    pub(crate) fn finish(mut self) -> Graph {
        for (t, &n) in self.type_counts.iter().enumerate() {
            if let Some(name) = self.g.names.name(t as NameId).filter(|_| n > 0) {
                self.g.rel_types.insert(name.clone(), n);
            }
        }
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
    use crate::value::Value;

    #[test]
    fn ids_with_gaps_are_kept() {
        let mut b = GraphBuilder::new();
        let a = b.names().intern("A").0;
        let t = b.names().intern("T").0;
        let k = b.names().intern("k").0;
        assert_eq!(b.add_node(0, &[a]), Ok(()));
        assert_eq!(b.add_node(3, &[]), Ok(()));
        assert_eq!(b.add_rel(2, t, 0, 3), Ok(()));
        assert!(b.add_rel(4, t, 0, 1).is_err());
        assert!(b.add_rel(5, 99, 0, 3).is_err());
        assert!(b.add_node(3, &[]).is_err());
        let block = crate::store::codec::encode_block(vec![(k, Value::Int(7))], b.names());
        let mut props = PropStore::default();
        props.set(3, &block);
        b.set_props(props, PropStore::default());
        let g = b.finish();
        assert_eq!(g.node_ids(), vec![0, 3]);
        assert_eq!(g.rel_ids(), vec![2]);
        assert_eq!(g.relationships(0, Dir::Outgoing), vec![(2, 3)]);
        assert_eq!(g.nodes_with_label("A"), vec![0]);
        assert_eq!(g.node_property(3, "k"), Some(Value::Int(7)));
        assert_eq!(g.node_property(0, "k"), None);
    }
}
