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

/// The compact copy. Types and labels are few: they are found by a scan
/// comparing interned pointers, which beats hashing the name.
#[derive(Debug, Default)]
pub struct ReadIndex {
    /// One more than the highest node id.
    bound: usize,
    by_type: Vec<(Arc<str>, Csr)>,
    labels: Vec<(Arc<str>, Vec<u64>)>,
}

/// The entry for an interned name (by pointer; by text for a name that
/// was not interned by this graph).
fn find<'a, T>(entries: &'a [(Arc<str>, T)], name: &Arc<str>) -> Option<&'a T> {
    entries
        .iter()
        .find(|(n, _)| Arc::ptr_eq(n, name))
        .or_else(|| entries.iter().find(|(n, _)| **n == **name))
        .map(|(_, t)| t)
}

/// A relationship as the copy is built from it: ids and the position of
/// its type in the list of types.
#[derive(Debug, Clone, Copy)]
pub struct Edge {
    /// The relationship.
    pub id: u32,
    /// Its start node.
    pub start: u32,
    /// Its end node.
    pub end: u32,
    /// Its type, as a position in the types handed to [`ReadIndex::build`].
    pub rel_type: u32,
}

/// Whether bit `id` is set in a bitset of node ids (false past its end).
#[inline]
pub fn has_bit(bits: &[u64], id: NodeId) -> bool {
    bits.get((id / 64) as usize)
        .is_some_and(|w| w & (1 << (id % 64)) != 0)
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
    pub fn build(graph: &Graph, bound: usize, edges: &[Edge], types: Vec<Arc<str>>) -> ReadIndex {
        let mut counts = vec![(vec![0u32; bound], vec![0u32; bound]); types.len()];
        for e in edges {
            let c = &mut counts[e.rel_type as usize];
            c.0[e.start as usize] += 1;
            c.1[e.end as usize] += 1;
        }
        let mut csrs: Vec<Csr> = counts
            .iter()
            .map(|(o, i)| Csr {
                out: vec![(0, 0); o.iter().map(|&x| x as usize).sum()],
                incoming: vec![(0, 0); i.iter().map(|&x| x as usize).sum()],
                out_offsets: offsets(o),
                in_offsets: offsets(i),
            })
            .collect();
        // The counts become fill positions.
        for ((o, i), csr) in counts.iter_mut().zip(&csrs) {
            o.copy_from_slice(&csr.out_offsets[..bound]);
            i.copy_from_slice(&csr.in_offsets[..bound]);
        }
        for e in edges {
            let t = e.rel_type as usize;
            let (o, i) = &mut counts[t];
            let csr = &mut csrs[t];
            let at = &mut o[e.start as usize];
            csr.out[*at as usize] = (e.id, e.end);
            *at += 1;
            let at = &mut i[e.end as usize];
            csr.incoming[*at as usize] = (e.id, e.start);
            *at += 1;
        }
        let by_type = types.into_iter().zip(csrs).collect();
        let mut labels: Vec<(Arc<str>, Vec<u64>)> = Vec::new();
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
            labels.push((name, bits));
        }
        ReadIndex {
            bound,
            by_type,
            labels,
        }
    }

    /// The relationships of one type at a node, in one direction
    /// (`outgoing`), as `(relationship, other node)`.
    pub fn typed(
        &self,
        rel_type: &Arc<str>,
        node: NodeId,
        outgoing: bool,
    ) -> impl Iterator<Item = (RelId, NodeId)> + '_ {
        self.typed_slice(rel_type, node, outgoing)
            .iter()
            .map(|&(r, o)| (r as RelId, o as NodeId))
    }

    /// [`ReadIndex::typed`] as the stored `(relationship, other node)` pairs.
    pub fn typed_slice(&self, rel_type: &Arc<str>, node: NodeId, outgoing: bool) -> &[(u32, u32)] {
        match find(&self.by_type, rel_type) {
            Some(csr) if outgoing => Csr::slice(&csr.out_offsets, &csr.out, node),
            Some(csr) => Csr::slice(&csr.in_offsets, &csr.incoming, node),
            None => &[],
        }
    }

    /// One more than the highest node id.
    pub fn bound(&self) -> usize {
        self.bound
    }

    /// The bitset of a label's nodes (empty for a label no node has).
    pub fn label_bits(&self, label: &Arc<str>) -> &[u64] {
        find(&self.labels, label).map_or(&[], Vec::as_slice)
    }

    /// Whether the node has the (interned) label.
    pub fn has_label(&self, label: &Arc<str>, node: NodeId) -> bool {
        find(&self.labels, label).is_some_and(|bits| has_bit(bits, node))
    }
}
