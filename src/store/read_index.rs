//! A compact, read-only copy of the graph's shape for fast traversals:
//! each relationship type's adjacency in CSR form (one contiguous array of
//! `(relationship, other node)` per direction, indexed by node offsets),
//! and each label's nodes as a bitset.
//!
//! It is built on demand from the committed graph and thrown away when the
//! graph changes; while a statement or transaction has uncommitted changes
//! it is not used at all, so what it says is always the current truth.

use super::graph::Graph;
use super::mapped::{Arr, Mapped};
use super::names::NameId;
use crate::value::{NodeId, RelId};
use fixedbitset::FixedBitSet;
use std::sync::{Arc, OnceLock};

/// A relationship at a node as the copy holds it: `[relationship, other node]`.
pub(crate) type Pair = [u32; 2];

/// One direction of one relationship type's adjacency: the entries of
/// the nodes from `base` on, node `base + i` owning
/// `entries[offsets[i]..offsets[i + 1]]`. Offsets cover only the span of
/// nodes the type touches (types usually join a few labels, and labels
/// hold neighbouring ids), not every node.
#[derive(Debug, Default)]
pub(super) struct Side {
    pub(super) base: u32,
    pub(super) offsets: Arr<u32>,
    pub(super) entries: Arr<Pair>,
}

/// A [`Side`] being built, in memory.
struct Building {
    base: u32,
    offsets: Vec<u32>,
    entries: Vec<Pair>,
}

impl Side {
    pub(super) fn slice(&self, node: NodeId) -> &[Pair] {
        let Some(i) = node.checked_sub(u64::from(self.base)) else {
            return &[];
        };
        let i = i as usize;
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => self.entries.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

impl Building {
    /// Room for the nodes `lo..=hi` (none when `lo > hi`).
    fn spanning(lo: u32, hi: u32) -> Building {
        let len = if lo > hi { 0 } else { (hi - lo) as usize + 2 };
        Building {
            base: lo.min(hi),
            offsets: vec![0; len],
            entries: Vec::new(),
        }
    }

    fn at(&self, node: u32) -> usize {
        (node - self.base) as usize
    }

    /// After counting into `offsets[at + 1]`: offsets become start
    /// positions (the fill cursors), and the entries get their room.
    fn counted(&mut self) {
        let mut total = 0u32;
        for o in &mut self.offsets {
            total += *o;
            *o = total;
        }
        self.entries = vec![[0, 0]; total as usize];
    }

    fn fill(&mut self, node: u32, entry: Pair) {
        let at = self.at(node);
        let pos = &mut self.offsets[at];
        self.entries[*pos as usize] = entry;
        *pos += 1;
    }

    /// After filling, each cursor stands at its node's end, which is the
    /// next node's start: shift them back by one.
    fn filled(&mut self) {
        if !self.offsets.is_empty() {
            self.offsets.rotate_right(1);
            self.offsets[0] = 0;
        }
    }

    fn done(self) -> Side {
        Side {
            base: self.base,
            offsets: Arr::Owned(self.offsets),
            entries: Arr::Owned(self.entries),
        }
    }
}

/// One relationship type's adjacency, both directions.
#[derive(Debug, Default)]
pub(super) struct Csr {
    pub(super) out: Side,
    pub(super) incoming: Side,
}

/// A label's nodes as a bitset: built at once, or on first use from the
/// sorted ids a snapshot holds.
#[derive(Debug)]
pub(super) struct LabelBits {
    bits: OnceLock<FixedBitSet>,
    ids: Option<Mapped<u32>>,
    bound: usize,
}

impl LabelBits {
    /// The bitset of the sorted node `ids`, made when first asked for.
    pub(super) fn lazy(ids: Mapped<u32>, bound: usize) -> LabelBits {
        LabelBits {
            bits: OnceLock::new(),
            ids: Some(ids),
            bound,
        }
    }

    fn get(&self) -> &FixedBitSet {
        self.bits.get_or_init(|| {
            let mut bits = FixedBitSet::with_capacity(self.bound);
            for &id in self.ids.as_deref().unwrap_or(&[]) {
                if (id as usize) < self.bound {
                    bits.insert(id as usize);
                }
            }
            bits
        })
    }
}

/// The compact copy. Types and labels are few: they are found by a scan
/// comparing interned pointers, which beats hashing the name.
#[derive(Debug, Default)]
pub(crate) struct ReadIndex {
    /// One more than the highest node id.
    bound: usize,
    by_type: Vec<(Arc<str>, Csr)>,
    labels: Vec<(Arc<str>, LabelBits)>,
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
pub(crate) struct Edge {
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
pub(crate) fn has_bit(bits: &FixedBitSet, id: NodeId) -> bool {
    // On the words, as before fixedbitset: `contains` measured 10% slower
    // on variable-length expansion (bits past the length are always zero).
    const BITS: NodeId = usize::BITS as NodeId;
    bits.as_slice()
        .get((id / BITS) as usize)
        .is_some_and(|w| w & (1 << (id % BITS)) != 0)
}

/// The bitset of a label no node has.
static NO_NODES: FixedBitSet = FixedBitSet::new();

impl ReadIndex {
    /// Builds the copy of `graph` (which must have no uncommitted changes)
    /// from its relationships, which `edges` lists (three times: for the
    /// span of nodes, for counts, and to fill), typed by position in `types`.
    pub(crate) fn build<I: Iterator<Item = Edge>>(
        graph: &Graph,
        bound: usize,
        types: Vec<Arc<str>>,
        edges: impl Fn() -> I,
    ) -> ReadIndex {
        let mut span = vec![[(u32::MAX, 0u32); 2]; types.len()];
        for e in edges() {
            let [out, inc] = &mut span[e.rel_type as usize];
            *out = (out.0.min(e.start), out.1.max(e.start));
            *inc = (inc.0.min(e.end), inc.1.max(e.end));
        }
        let mut csrs: Vec<[Building; 2]> = span
            .iter()
            .map(|[out, inc]| {
                [
                    Building::spanning(out.0, out.1),
                    Building::spanning(inc.0, inc.1),
                ]
            })
            .collect();
        for e in edges() {
            let [out, incoming] = &mut csrs[e.rel_type as usize];
            let at = out.at(e.start) + 1;
            out.offsets[at] += 1;
            let at = incoming.at(e.end) + 1;
            incoming.offsets[at] += 1;
        }
        for [out, incoming] in &mut csrs {
            out.counted();
            incoming.counted();
        }
        for e in edges() {
            let [out, incoming] = &mut csrs[e.rel_type as usize];
            out.fill(e.start, [e.id, e.end]);
            incoming.fill(e.end, [e.id, e.start]);
        }
        let by_type = types
            .into_iter()
            .zip(csrs)
            .map(|(t, [mut out, mut incoming])| {
                out.filled();
                incoming.filled();
                let csr = Csr {
                    out: out.done(),
                    incoming: incoming.done(),
                };
                (t, csr)
            })
            .collect();
        let mut labels: Vec<(Arc<str>, LabelBits)> = Vec::new();
        for (label, _) in graph.label_counts() {
            let Some(name) = graph.interned(&label) else {
                continue;
            };
            let mut bits = FixedBitSet::with_capacity(bound);
            for id in graph.nodes_with_label(&label) {
                if (id as usize) < bound {
                    bits.insert(id as usize);
                }
            }
            let built = LabelBits {
                bits: OnceLock::from(bits),
                ids: None,
                bound,
            };
            labels.push((name, built));
        }
        ReadIndex {
            bound,
            by_type,
            labels,
        }
    }

    /// A copy from its parts (as a snapshot holds them).
    pub(super) fn from_parts(
        bound: usize,
        by_type: Vec<(Arc<str>, Csr)>,
        labels: Vec<(Arc<str>, LabelBits)>,
    ) -> ReadIndex {
        ReadIndex {
            bound,
            by_type,
            labels,
        }
    }

    /// Each type's adjacency (for writing a snapshot).
    pub(super) fn types(&self) -> &[(Arc<str>, Csr)] {
        &self.by_type
    }

    /// The relationships of one type at a node, in one direction
    /// (`outgoing`), as `(relationship, other node)`.
    pub(crate) fn typed(
        &self,
        rel_type: &Arc<str>,
        node: NodeId,
        outgoing: bool,
    ) -> impl Iterator<Item = (RelId, NodeId)> + '_ {
        self.typed_slice(rel_type, node, outgoing)
            .iter()
            .map(|&[r, o]| (RelId::from(r), NodeId::from(o)))
    }

    /// [`ReadIndex::typed`] as the stored `[relationship, other node]` pairs.
    pub(crate) fn typed_slice(&self, rel_type: &Arc<str>, node: NodeId, outgoing: bool) -> &[Pair] {
        match find(&self.by_type, rel_type) {
            Some(csr) if outgoing => csr.out.slice(node),
            Some(csr) => csr.incoming.slice(node),
            None => &[],
        }
    }

    /// One more than the highest node id.
    pub(crate) fn bound(&self) -> usize {
        self.bound
    }

    /// The bitset of a label's nodes (empty for a label no node has).
    pub(crate) fn label_bits(&self, label: &Arc<str>) -> &FixedBitSet {
        find(&self.labels, label).map_or(&NO_NODES, LabelBits::get)
    }

    /// Whether the node has the (interned) label.
    pub(crate) fn has_label(&self, label: &Arc<str>, node: NodeId) -> bool {
        find(&self.labels, label).is_some_and(|bits| has_bit(bits.get(), node))
    }
}

/// Building the copy from a graph in memory.
impl Graph {
    /// The compact copy of the graph as it is now (whatever its size).
    pub(super) fn build_read_index(&self) -> ReadIndex {
        // Types by position: the position of each type's name number.
        let mut types: Vec<NameId> = Vec::new();
        let mut position = vec![u32::MAX; self.names.len()];
        for e in self.g.edge_weights() {
            let t = e.rel_type as usize;
            if position.get(t) == Some(&u32::MAX) {
                position[t] = types.len() as u32;
                types.push(e.rel_type);
            }
        }
        let edges = || {
            self.g.edge_indices().filter_map(|e| {
                let (s, t) = self.g.edge_endpoints(e)?;
                Some(Edge {
                    id: e.index() as u32,
                    start: s.index() as u32,
                    end: t.index() as u32,
                    rel_type: *position.get(self.g[e].rel_type as usize)?,
                })
            })
        };
        let bound = self
            .g
            .node_indices()
            .map(|n| n.index() + 1)
            .max()
            .unwrap_or(0);
        let types = types
            .iter()
            .map(|&t| self.names.name(t).cloned().unwrap_or_else(|| Arc::from("")))
            .collect();
        ReadIndex::build(self, bound, types, edges)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each type's adjacency, over the span of nodes it touches, lists what
    /// a scan of the relationships finds, in both directions.
    #[test]
    fn adjacency_matches_a_scan() {
        let list = [
            (0, 5, 7, 0),
            (1, 7, 5, 0),
            (2, 5, 5, 0),
            (3, 2, 9, 1),
            (4, 8, 6, 0),
        ];
        let edges = || {
            list.iter().map(|&(id, start, end, rel_type)| Edge {
                id,
                start,
                end,
                rel_type,
            })
        };
        let types: Vec<Arc<str>> = vec![Arc::from("A"), Arc::from("B"), Arc::from("C")];
        let ix = ReadIndex::build(&Graph::new(), 12, types.clone(), edges);
        for (t, name) in types.iter().enumerate() {
            for node in 0..14u32 {
                for outgoing in [true, false] {
                    let want: Vec<Pair> = edges()
                        .filter(|e| e.rel_type as usize == t)
                        .filter(|e| {
                            if outgoing {
                                e.start == node
                            } else {
                                e.end == node
                            }
                        })
                        .map(|e| [e.id, if outgoing { e.end } else { e.start }])
                        .collect();
                    let got = ix.typed_slice(name, u64::from(node), outgoing);
                    assert_eq!(got, want, "type {name} node {node} outgoing {outgoing}");
                }
            }
        }
    }
}
