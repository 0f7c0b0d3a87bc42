//! Building a graph from stored records, keeping every id.

use super::graph::{Graph, NodeRec, Properties, RelRec, nix};
use super::props::PropMap;
use crate::value::{NodeId, RelId};
use petgraph::visit::{EdgeIndexable, NodeIndexable};
use std::collections::HashSet;
use std::sync::Arc;

impl Graph {
    /// Builds a graph from stored records, keeping every id. Fails when a
    /// relationship names a node that is not there, or an id repeats.
    pub fn from_records(
        nodes: Vec<(NodeId, Vec<String>, Properties)>,
        rels: Vec<(RelId, String, NodeId, NodeId, Properties)>,
    ) -> Result<Graph, String> {
        let mut g = Graph::new();
        let mut nodes = nodes;
        nodes.sort_by_key(|n| n.0);
        let mut placeholders = Vec::new();
        let mut live: HashSet<NodeId> = HashSet::new();
        for (id, labels, props) in nodes {
            while (g.g.node_bound() as u64) < id {
                placeholders.push(g.g.add_node(NodeRec {
                    labels: Vec::new(),
                    props: PropMap::new(),
                }));
            }
            if g.g.node_bound() as u64 != id {
                return Err(format!("node {id} is stored twice"));
            }
            let mut ls: Vec<Arc<str>> = labels.iter().map(|l| g.intern(l)).collect();
            ls.sort();
            ls.dedup();
            let props = g.intern_props(props);
            g.g.add_node(NodeRec { labels: ls, props });
            g.reindex_node(id);
            live.insert(id);
        }
        let mut rels = rels;
        rels.sort_by_key(|r| r.0);
        let mut rel_placeholders = Vec::new();
        for (id, rel_type, start, end, props) in rels {
            if !live.contains(&start) || !live.contains(&end) {
                return Err(format!("relationship {id} joins a node that is not stored"));
            }
            while (g.g.edge_bound() as u64) < id {
                rel_placeholders.push(g.g.add_edge(
                    nix(start),
                    nix(start),
                    RelRec {
                        rel_type: Arc::from(""),
                        props: PropMap::new(),
                    },
                ));
            }
            if g.g.edge_bound() as u64 != id {
                return Err(format!("relationship {id} is stored twice"));
            }
            let rel_type = g.intern(&rel_type);
            *g.rel_types.entry(rel_type.clone()).or_default() += 1;
            let props = g.intern_props(props);
            g.g.add_edge(nix(start), nix(end), RelRec { rel_type, props });
        }
        for e in rel_placeholders.into_iter().rev() {
            g.g.remove_edge(e);
        }
        for n in placeholders.into_iter().rev() {
            g.g.remove_node(n);
        }
        Ok(g)
    }
}
