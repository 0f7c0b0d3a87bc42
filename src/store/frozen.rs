//! A graph read in place from a snapshot (see [`super::snapshot`]): what
//! petgraph and the label and property indexes answer for a graph in
//! memory, the snapshot's arrays answer here, without building anything.
//!
//! A frozen graph is only read. The first change *thaws* it
//! ([`Graph::thaw`]): petgraph is built from the arrays (in id order, as
//! opening the database file builds it, so that every order a query can
//! see is the same), property blocks stay in the snapshot until they are
//! changed, and from then on the graph is an ordinary one.

use super::graph::{Dir, Graph};
use super::index::{IndexKey, Range};
use super::load::GraphBuilder;
use super::mapped::Mapped;
use super::names::{LabelSetId, NameId};
use super::props::{MappedBlocks, PropStore, Props};
use super::read_index::{Csr, LabelBits, ReadIndex, Side};
use super::snapshot::{self, ABSENT, Kind, Snapshot};
use crate::value::{NodeId, RelId};
use std::cmp::Ordering;
use std::collections::HashMap;
use std::ops::Bound;
use std::sync::Arc;

/// What a frozen graph reads from its snapshot beyond what [`Graph`]'s
/// own fields hold (names, label sets, property blocks, the compact copy).
#[derive(Debug)]
pub(crate) struct Frozen {
    /// The generation of the database file the snapshot holds.
    pub(crate) generation: u64,
    /// Per node id, its label set (`ABSENT`: no node).
    node_labels: Mapped<u32>,
    /// Per relationship id, `[start, end, type]` (type `ABSENT`: none).
    rels: Mapped<[u32; 3]>,
    node_count: usize,
    rel_count: usize,
    /// Per label, its nodes in id order.
    label_nodes: HashMap<Arc<str>, Mapped<u32>>,
    /// Per node key, the nodes holding an indexable value, by value.
    key_index: HashMap<NameId, Mapped<u32>>,
    /// How many entities hold each key.
    key_counts: Vec<(NameId, u64)>,
}

impl Graph {
    /// The graph a snapshot holds, read in place.
    pub(crate) fn from_snapshot(snap: &Snapshot) -> Result<Graph, String> {
        let mut g = Graph::new();
        for name in snapshot::read_names(snap.bytes(snap.section(Kind::Names)?))? {
            g.names.push(name)?;
        }
        let sets = snapshot::read_lists(snap.bytes(snap.section(Kind::LabelSets)?))?;
        for (i, set) in sets.into_iter().enumerate().skip(1) {
            let labels = set
                .iter()
                .map(|&l| g.names.name(l).cloned())
                .collect::<Option<Vec<_>>>()
                .ok_or("the snapshot is damaged: a label set names no label")?;
            if g.label_sets.intern(labels) as usize != i {
                return Err("the snapshot is damaged: a label set is stored twice".into());
            }
        }
        let (node_bound, rel_bound) = (to_usize(snap.node_bound)?, to_usize(snap.rel_bound)?);
        let node_labels: Mapped<u32> = snap.array(snap.section(Kind::NodeLabels)?)?;
        let rels: Mapped<[u32; 3]> = snap.array(snap.section(Kind::Rels)?)?;
        if node_labels.len() != node_bound || rels.len() != rel_bound {
            return Err("the snapshot is damaged: its arrays disagree with its header".into());
        }
        let blocks = |ends, bytes| -> Result<PropStore, String> {
            Ok(PropStore::mapped(MappedBlocks {
                ends: snap.array(snap.section(ends)?)?,
                bytes: snap.array(snap.section(bytes)?)?,
            }))
        };
        g.node_props = blocks(Kind::NodePropEnds, Kind::NodePropBytes)?;
        g.rel_props = blocks(Kind::RelPropEnds, Kind::RelPropBytes)?;
        let mut label_nodes = HashMap::new();
        let mut label_bits = Vec::new();
        for s in snap.sections(Kind::LabelNodes) {
            let name = g
                .names
                .name(s.name)
                .cloned()
                .ok_or("a label without a name")?;
            let ids: Mapped<u32> = snap.array(s)?;
            label_bits.push((name.clone(), LabelBits::lazy(ids.clone(), node_bound)));
            label_nodes.insert(name, ids);
        }
        let by_type = adjacency(snap, &g)?;
        for (name, csr) in &by_type {
            g.rel_types
                .insert(name.clone(), csr.out.entries.len() as u64);
        }
        let ix = ReadIndex::from_parts(node_bound, by_type, label_bits);
        g.read_index = std::sync::OnceLock::from(ix);
        for (key, rels, column) in snapshot::read_columns(snap)? {
            let name = g
                .names
                .name(key)
                .cloned()
                .ok_or("a column without a name")?;
            g.columns.preset(name, rels, column);
        }
        let mut key_index = HashMap::new();
        for s in snap.sections(Kind::KeyIndex) {
            key_index.insert(s.name, snap.array(s)?);
        }
        g.frozen = Some(Box::new(Frozen {
            generation: snap.generation,
            node_labels,
            rels,
            node_count: to_usize(snap.node_count)?,
            rel_count: to_usize(snap.rel_count)?,
            label_nodes,
            key_index,
            key_counts: snapshot::read_counts(snap.bytes(snap.section(Kind::KeyCounts)?)),
        }));
        Ok(g)
    }

    /// Makes a frozen graph an ordinary one, before its first change:
    /// builds petgraph and the label index from the snapshot. The names,
    /// label sets, property blocks (still read in place until changed)
    /// and the compact copy carry over.
    pub(crate) fn thaw(&mut self) {
        let Some(f) = self.frozen.take() else {
            return;
        };
        let names = std::mem::take(&mut self.names);
        let sets = std::mem::take(&mut self.label_sets);
        let mut b = GraphBuilder::with_names(names, sets, f.node_count, f.rel_count);
        for (id, &set) in f.node_labels.iter().enumerate() {
            if set != ABSENT {
                // Ids come in order from a checked array: this cannot fail.
                let _ = b.add_node_in_set(id as NodeId, set);
            }
        }
        for (id, &[start, end, t]) in f.rels.iter().enumerate() {
            if t != ABSENT {
                let _ = b.add_rel(id as RelId, t, start.into(), end.into());
            }
        }
        b.set_props(
            std::mem::take(&mut self.node_props),
            std::mem::take(&mut self.rel_props),
        );
        let mut g = b.finish();
        g.read_index = std::mem::take(&mut self.read_index);
        g.columns = std::mem::take(&mut self.columns);
        // What the transaction recorded before its first change (a `MERGE`
        // that matched: see `changes.rs`) stays in its undo log.
        g.undo = std::mem::take(&mut self.undo);
        g.savepoint_floor = std::mem::take(&mut self.savepoint_floor);
        *self = g;
    }

    /// The generation of the snapshot the graph is read from, if it is.
    pub(crate) fn frozen_generation(&self) -> Option<u64> {
        self.frozen.as_ref().map(|f| f.generation)
    }
}

fn to_usize(n: u64) -> Result<usize, String> {
    usize::try_from(n).map_err(|_| "the snapshot is too big for this machine".to_string())
}

/// Each type's CSR, from its four sections.
fn adjacency(snap: &Snapshot, g: &Graph) -> Result<Vec<(Arc<str>, Csr)>, String> {
    let mut by_type: Vec<(Arc<str>, Csr)> = Vec::new();
    let kinds = [
        Kind::CsrOutOffsets,
        Kind::CsrOutEntries,
        Kind::CsrInOffsets,
        Kind::CsrInEntries,
    ];
    for s in snap.sections(Kind::CsrOutOffsets) {
        let name = g
            .names
            .name(s.name)
            .cloned()
            .ok_or("a type without a name")?;
        let part = |kind: Kind| {
            snap.sections(kind)
                .find(|x| x.name == s.name)
                .ok_or_else(|| format!("the snapshot is damaged: no {kind:?} for a type"))
        };
        let [oo, oe, io, ie] = kinds.map(part);
        let side = |offsets: &snapshot::Section, entries: &snapshot::Section| {
            Ok::<_, String>(Side {
                base: offsets.param,
                offsets: super::mapped::Arr::Mapped(snap.array(offsets)?),
                entries: super::mapped::Arr::Mapped(snap.array(entries)?),
            })
        };
        let csr = Csr {
            out: side(oo?, oe?)?,
            incoming: side(io?, ie?)?,
        };
        by_type.push((name, csr));
    }
    Ok(by_type)
}

impl Frozen {
    pub(crate) fn node_count(&self) -> usize {
        self.node_count
    }

    pub(crate) fn rel_count(&self) -> usize {
        self.rel_count
    }

    /// The label set of a node, if there is one.
    pub(crate) fn label_set(&self, id: NodeId) -> Option<LabelSetId> {
        let set = *self.node_labels.get(usize::try_from(id).ok()?)?;
        (set != ABSENT).then_some(set)
    }

    /// `[start, end, type]` of a relationship, if there is one.
    pub(crate) fn rel(&self, id: RelId) -> Option<[u32; 3]> {
        let r = *self.rels.get(usize::try_from(id).ok()?)?;
        (r[2] != ABSENT).then_some(r)
    }

    pub(crate) fn node_ids(&self) -> Vec<NodeId> {
        let ids = self.node_labels.iter().enumerate();
        ids.filter(|(_, s)| **s != ABSENT)
            .map(|(i, _)| i as NodeId)
            .collect()
    }

    pub(crate) fn rel_ids(&self) -> Vec<RelId> {
        let ids = self.rels.iter().enumerate();
        ids.filter(|(_, r)| r[2] != ABSENT)
            .map(|(i, _)| i as RelId)
            .collect()
    }

    /// The nodes of a label, in id order.
    pub(crate) fn label_nodes(&self, label: &str) -> &[u32] {
        self.label_nodes.get(label).map_or(&[], |m| m)
    }

    /// Every label with its node count, sorted by name.
    pub(crate) fn label_counts(&self) -> Vec<(String, usize)> {
        let mut out: Vec<_> = self
            .label_nodes
            .iter()
            .map(|(l, ids)| (l.to_string(), ids.len()))
            .collect();
        out.sort();
        out
    }

    /// Every key in use with the number of entities holding it.
    pub(crate) fn key_counts(&self) -> &[(NameId, u64)] {
        &self.key_counts
    }

    /// The live relationships of a node, as a node read from the database
    /// file lists them: newest (highest id) first, outgoing before
    /// incoming, a self-loop once for `Both`.
    pub(crate) fn relationships_into(
        &self,
        ix: &ReadIndex,
        node: NodeId,
        dir: Dir,
        out: &mut Vec<(RelId, NodeId)>,
    ) {
        out.clear();
        let mut side = |outgoing: bool| {
            let from = out.len();
            for (_, csr) in ix.types() {
                let s = if outgoing { &csr.out } else { &csr.incoming };
                let loops_seen = dir == Dir::Both && !outgoing;
                out.extend(
                    s.slice(node)
                        .iter()
                        .filter(|[_, o]| !(loops_seen && NodeId::from(*o) == node))
                        .map(|&[r, o]| (RelId::from(r), NodeId::from(o))),
                );
            }
            out[from..].sort_unstable_by_key(|e| std::cmp::Reverse(e.0));
        };
        if matches!(dir, Dir::Outgoing | Dir::Both) {
            side(true);
        }
        if matches!(dir, Dir::Incoming | Dir::Both) {
            side(false);
        }
    }

    /// The index's holders of `key` and a reader of each one's key.
    fn holders<'g>(
        &'g self,
        g: &'g Graph,
        key: &str,
    ) -> Option<(&'g [u32], impl Fn(u32) -> Option<IndexKey> + 'g)> {
        let key = g.names.id(key)?;
        let ids = self.key_index.get(&key)?;
        let read = move |n: u32| {
            let v = Props::new(g.node_props.get(n.into()), &g.names).get_id(key)?;
            IndexKey::of(&v)
        };
        Some((&ids[..], read))
    }

    /// The nodes whose `key` has the index key `k`, in id order.
    pub(crate) fn lookup(&self, g: &Graph, key: &str, k: &IndexKey) -> Vec<NodeId> {
        let Some((ids, read)) = self.holders(g, key) else {
            return Vec::new();
        };
        let lo = ids.partition_point(|&n| read(n).is_some_and(|x| x < *k));
        let hi = lo + ids[lo..].partition_point(|&n| read(n).is_some_and(|x| x <= *k));
        let mut out: Vec<NodeId> = ids[lo..hi].iter().map(|&n| n.into()).collect();
        out.sort_unstable();
        out
    }

    /// The nodes whose `key` lies in `range` (of one type), in id order;
    /// `None` past `cap`.
    pub(crate) fn range(
        &self,
        g: &Graph,
        key: &str,
        range: &Range,
        cap: usize,
    ) -> Option<Vec<NodeId>> {
        let Some((ids, read)) = self.holders(g, key) else {
            return Some(Vec::new());
        };
        let ty = match range {
            (Bound::Included(k) | Bound::Excluded(k), _) => k,
            (_, Bound::Included(k) | Bound::Excluded(k)) => k,
            _ => return Some(Vec::new()),
        };
        if let (Bound::Included(a) | Bound::Excluded(a), Bound::Included(b) | Bound::Excluded(b)) =
            range
            && by_type(a, b) != Ordering::Equal
        {
            return Some(Vec::new());
        }
        // How a position's key stands to the range's start and end.
        let before_start = |x: &IndexKey| match &range.0 {
            Bound::Included(k) => x < k,
            Bound::Excluded(k) => x <= k,
            Bound::Unbounded => by_type(x, ty) == Ordering::Less,
        };
        let before_end = |x: &IndexKey| match &range.1 {
            Bound::Included(k) => x <= k,
            Bound::Excluded(k) => x < k,
            Bound::Unbounded => by_type(x, ty) != Ordering::Greater,
        };
        let lo = ids.partition_point(|&n| read(n).is_some_and(|x| before_start(&x)));
        let hi = ids.partition_point(|&n| read(n).is_some_and(|x| before_end(&x)));
        collect(ids.get(lo..hi.max(lo)).unwrap_or(&[]), cap)
    }

    /// The nodes whose `key` is a string starting with `prefix`, in id
    /// order; `None` past `cap`.
    pub(crate) fn prefixed(
        &self,
        g: &Graph,
        key: &str,
        prefix: &str,
        cap: usize,
    ) -> Option<Vec<NodeId>> {
        let Some((ids, read)) = self.holders(g, key) else {
            return Some(Vec::new());
        };
        let from = IndexKey::Str(Arc::from(prefix));
        let lo = ids.partition_point(|&n| read(n).is_some_and(|x| x < from));
        let rest = &ids[lo..];
        let len = rest.partition_point(
            |&n| matches!(read(n), Some(IndexKey::Str(s)) if s.starts_with(prefix)),
        );
        collect(&rest[..len], cap)
    }

    /// The distinct strings nodes hold under `key`, in order.
    pub(crate) fn string_values(&self, g: &Graph, key: &str) -> Vec<Arc<str>> {
        let Some((ids, read)) = self.holders(g, key) else {
            return Vec::new();
        };
        let mut out: Vec<Arc<str>> = Vec::new();
        for &n in ids {
            if let Some(IndexKey::Str(s)) = read(n)
                && out.last() != Some(&s)
            {
                out.push(s);
            }
        }
        out
    }
}

/// Orders keys by their type only (numbers are one type).
fn by_type(a: &IndexKey, b: &IndexKey) -> Ordering {
    if std::mem::discriminant(a) == std::mem::discriminant(b) {
        Ordering::Equal
    } else {
        a.cmp(b)
    }
}

fn collect(ids: &[u32], cap: usize) -> Option<Vec<NodeId>> {
    if ids.len() > cap {
        return None;
    }
    let mut out: Vec<NodeId> = ids.iter().map(|&n| n.into()).collect();
    out.sort_unstable();
    Some(out)
}
