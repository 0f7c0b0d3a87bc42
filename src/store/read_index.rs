//! A compact, read-only copy of the graph's shape for fast traversals:
//! each relationship type's adjacency in CSR form (one contiguous array of
//! `(relationship, other node)` per direction, indexed by node offsets),
//! and each label's nodes as a bitset.
//!
//! It is built on demand from the committed graph and thrown away when the
//! graph changes; while a statement or transaction has uncommitted changes
//! it is not used at all, so what it says is always the current truth.

use super::graph::Graph;
use crate::value::{NodeId, RelId};
use std::collections::HashMap;
use std::sync::Arc;

/// One relationship type's adjacency, both directions.
#[derive(Debug, Default)]
struct Csr {
    out_offsets: Vec<u32>,
    out: Vec<(u32, u32)>,
    in_offsets: Vec<u32>,
    incoming: Vec<(u32, u32)>,
}

impl Csr {
    fn slice<'a>(offsets: &[u32], entries: &'a [(u32, u32)], node: NodeId) -> &'a [(u32, u32)] {
        let i = node as usize;
        match (offsets.get(i), offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => &entries[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// The compact copy.
#[derive(Debug, Default)]
pub struct ReadIndex {
    by_type: HashMap<Arc<str>, Csr>,
    labels: HashMap<Arc<str>, Vec<u64>>,
}

/// Prefix sums of per-node counts: the offsets of a CSR.
fn offsets(counts: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(counts.len() + 1);
    let mut total = 0u32;
    out.push(0);
    for c in counts {
        total += c;
        out.push(total);
    }
    out
}

impl ReadIndex {
    /// Builds the copy of `graph` (which must have no uncommitted changes).
    pub fn build(
        graph: &Graph,
        bound: usize,
        edges: &[(RelId, NodeId, NodeId, Arc<str>)],
    ) -> ReadIndex {
        let mut counts: HashMap<Arc<str>, (Vec<u32>, Vec<u32>)> = HashMap::new();
        for (_, s, e, t) in edges {
            let c = counts
                .entry(t.clone())
                .or_insert_with(|| (vec![0; bound], vec![0; bound]));
            c.0[*s as usize] += 1;
            c.1[*e as usize] += 1;
        }
        let mut by_type: HashMap<Arc<str>, Csr> = counts
            .into_iter()
            .map(|(t, (o, i))| {
                let csr = Csr {
                    out: vec![(0, 0); o.iter().map(|&x| x as usize).sum()],
                    incoming: vec![(0, 0); i.iter().map(|&x| x as usize).sum()],
                    out_offsets: offsets(&o),
                    in_offsets: offsets(&i),
                };
                (t, csr)
            })
            .collect();
        let mut fill: HashMap<Arc<str>, (Vec<u32>, Vec<u32>)> = HashMap::new();
        for (r, s, e, t) in edges {
            let Some(csr) = by_type.get_mut(t) else {
                continue;
            };
            let f = fill
                .entry(t.clone())
                .or_insert_with(|| (vec![0; bound], vec![0; bound]));
            let at = csr.out_offsets[*s as usize] + f.0[*s as usize];
            csr.out[at as usize] = (*r as u32, *e as u32);
            f.0[*s as usize] += 1;
            let at = csr.in_offsets[*e as usize] + f.1[*e as usize];
            csr.incoming[at as usize] = (*r as u32, *s as u32);
            f.1[*e as usize] += 1;
        }
        let mut labels: HashMap<Arc<str>, Vec<u64>> = HashMap::new();
        for (label, _) in graph.label_counts() {
            let Some(name) = graph.interned(&label) else {
                continue;
            };
            let mut bits = vec![0u64; bound.div_ceil(64)];
            for id in graph.nodes_with_label(&label) {
                if let Some(w) = bits.get_mut(id as usize / 64) {
                    *w |= 1 << (id % 64);
                }
            }
            labels.insert(name, bits);
        }
        ReadIndex { by_type, labels }
    }

    /// The relationships of one type at a node, in one direction
    /// (`outgoing`), as `(relationship, other node)`.
    pub fn typed(
        &self,
        rel_type: &Arc<str>,
        node: NodeId,
        outgoing: bool,
    ) -> impl Iterator<Item = (RelId, NodeId)> + '_ {
        let slice = match self.by_type.get(rel_type) {
            Some(csr) if outgoing => Csr::slice(&csr.out_offsets, &csr.out, node),
            Some(csr) => Csr::slice(&csr.in_offsets, &csr.incoming, node),
            None => &[],
        };
        slice.iter().map(|&(r, o)| (r as RelId, o as NodeId))
    }

    /// Whether the node has the (interned) label.
    pub fn has_label(&self, label: &Arc<str>, node: NodeId) -> bool {
        self.labels
            .get(label)
            .and_then(|bits| bits.get(node as usize / 64))
            .is_some_and(|w| w & (1 << (node % 64)) != 0)
    }
}
