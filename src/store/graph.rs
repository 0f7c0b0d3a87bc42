//! The property graph: a petgraph `StableDiGraph` whose nodes hold the
//! number of their label set and whose relationships hold the number of
//! their type; the properties of each kind in a [`PropStore`]; a label
//! index and a property index; and the open transaction's undo log.
//!
//! Deletes inside a transaction only mark the entity (a tombstone); the
//! record is removed at commit. That way a rollback can bring it back under
//! the same id, which petgraph could not promise for a re-added node.

use super::codec;
use super::columns::Columns;
use super::frozen::Frozen;
use super::index::{IndexKey, PropertyIndex};
use super::names::{LabelSetId, LabelSets, NameId, Names};
use super::props::{PropStore, Props};
use super::read_index::ReadIndex;
use crate::value::{NodeId, RelId, Value};
use petgraph::Direction as PgDirection;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

/// Property maps, by key.
pub(crate) type Properties = BTreeMap<String, Value>;

/// Which relationships of a node to walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    /// Relationships that start at the node.
    Outgoing,
    /// Relationships that end at the node.
    Incoming,
    /// Both; a self-loop is walked once.
    Both,
}

/// A node in petgraph: the number of its set of labels (its properties
/// are in a [`PropStore`]). Four bytes keep the node array small enough
/// for the cache while a million relationships are linked in.
#[derive(Debug, Clone, Copy)]
pub(super) struct NodeRec {
    pub(super) labels: LabelSetId,
}

/// A relationship in petgraph: the number of its type's name.
#[derive(Debug, Clone, Copy)]
pub(super) struct RelRec {
    pub(super) rel_type: NameId,
}

/// One step of the undo log: how to take back one change. Entities
/// created one after the other are one step (a bulk import creates
/// millions: one step each would be most of its memory).
#[derive(Debug)]
pub(super) enum Undo {
    CreatedNodes(std::ops::Range<NodeId>),
    CreatedRels(std::ops::Range<RelId>),
    DeletedNode(NodeId),
    DeletedRel(RelId),
    NodeProperty(NodeId, Arc<str>, Option<Value>),
    RelProperty(RelId, Arc<str>, Option<Value>),
    AddedLabel(NodeId, Arc<str>),
    RemovedLabel(NodeId, Arc<str>),
    /// A `MERGE` matched the entity: nothing to take back, but the commit
    /// records it (see [`crate::history`]).
    Asserted(crate::history::Key),
}

/// The property graph with its indexes and its open transaction.
#[derive(Debug, Default)]
pub(crate) struct Graph {
    pub(super) g: StableDiGraph<NodeRec, RelRec>,
    pub(super) labels: HashMap<Arc<str>, BTreeSet<NodeId>>,
    pub(super) rel_types: HashMap<Arc<str>, u64>,
    pub(super) names: Names,
    pub(super) label_sets: LabelSets,
    pub(super) node_props: PropStore,
    pub(super) rel_props: PropStore,
    pub(super) index: PropertyIndex,
    pub(super) deleted_nodes: HashSet<NodeId>,
    pub(super) deleted_rels: HashSet<RelId>,
    pub(super) undo: Vec<Undo>,
    /// The undo log's length at the last savepoint: a step before it is
    /// never extended (rolling back to the savepoint pops whole steps).
    pub(super) savepoint_floor: std::sync::atomic::AtomicUsize,
    /// The compact copy for traversals, built on demand (see `read_index`).
    pub(super) read_index: std::sync::OnceLock<ReadIndex>,
    /// Columnar copies of node properties, built on demand (see `columns`).
    pub(super) columns: Columns,
    /// The snapshot the graph is read from, until its first change
    /// (see `frozen`); then petgraph and the fields above hold it.
    pub(super) frozen: Option<Box<Frozen>>,
}

/// Below this many nodes and relationships, the compact copy is not
/// worth building: traversals read petgraph.
const WORTH_IT: usize = 10_000;

pub(super) fn nix(id: NodeId) -> NodeIndex {
    NodeIndex::new(id as usize)
}

pub(super) fn eix(id: RelId) -> EdgeIndex {
    EdgeIndex::new(id as usize)
}

impl Graph {
    /// An empty graph.
    pub(crate) fn new() -> Graph {
        Graph::default()
    }

    pub(super) fn intern(&mut self, name: &str) -> Arc<str> {
        self.names.intern(name).1
    }

    /// The number of a name (for stored records).
    pub(super) fn name_id(&self, name: &str) -> Option<NameId> {
        self.names.id(name)
    }

    // ----- reading -------------------------------------------------------

    /// The number of live nodes.
    pub(crate) fn node_count(&self) -> usize {
        if let Some(f) = &self.frozen {
            return f.node_count();
        }
        self.g.node_count() - self.deleted_nodes.len()
    }

    /// The number of live relationships.
    pub(crate) fn rel_count(&self) -> usize {
        if let Some(f) = &self.frozen {
            return f.rel_count();
        }
        self.g.edge_count() - self.deleted_rels.len()
    }

    /// Whether the node exists and is not deleted.
    pub(crate) fn contains_node(&self, id: NodeId) -> bool {
        if let Some(f) = &self.frozen {
            return f.label_set(id).is_some();
        }
        self.g.contains_node(nix(id)) && !self.deleted_nodes.contains(&id)
    }

    /// Whether the relationship exists and is not deleted.
    pub(crate) fn contains_rel(&self, id: RelId) -> bool {
        if let Some(f) = &self.frozen {
            return f.rel(id).is_some();
        }
        self.g.edge_weight(eix(id)).is_some() && !self.deleted_rels.contains(&id)
    }

    /// Whether the node was deleted in the open transaction.
    pub(crate) fn is_node_deleted(&self, id: NodeId) -> bool {
        !self.deleted_nodes.is_empty() && self.deleted_nodes.contains(&id)
    }

    /// Whether the relationship was deleted in the open transaction.
    pub(crate) fn is_rel_deleted(&self, id: RelId) -> bool {
        !self.deleted_rels.is_empty() && self.deleted_rels.contains(&id)
    }

    /// Every live node, in id order.
    pub(crate) fn node_ids(&self) -> Vec<NodeId> {
        if let Some(f) = &self.frozen {
            return f.node_ids();
        }
        self.g
            .node_indices()
            .map(|i| i.index() as NodeId)
            .filter(|id| !self.deleted_nodes.contains(id))
            .collect()
    }

    /// Every live relationship, in id order.
    pub(crate) fn rel_ids(&self) -> Vec<RelId> {
        if let Some(f) = &self.frozen {
            return f.rel_ids();
        }
        self.g
            .edge_indices()
            .map(|i| i.index() as RelId)
            .filter(|id| !self.deleted_rels.contains(id))
            .collect()
    }

    /// How many live nodes have a label.
    pub(crate) fn label_size(&self, label: &str) -> usize {
        if let Some(f) = &self.frozen {
            return f.label_nodes(label).len();
        }
        self.labels.get(label).map_or(0, BTreeSet::len)
    }

    /// The live nodes with a label, in id order.
    pub(crate) fn nodes_with_label(&self, label: &str) -> Vec<NodeId> {
        if let Some(f) = &self.frozen {
            return f.label_nodes(label).iter().map(|&n| n.into()).collect();
        }
        self.labels
            .get(label)
            .map(|set| set.iter().copied().collect())
            .unwrap_or_default()
    }

    /// The live nodes whose property `key` equals `value` (by Cypher `=`),
    /// in id order. `value` must not be null.
    pub(crate) fn nodes_with_property(&self, key: &str, value: &Value) -> Vec<NodeId> {
        let lookup = |k: &IndexKey| match &self.frozen {
            Some(f) => f.lookup(self, key, k),
            None => self.index.lookup(key, k, |f| self.property_holders(key, f)),
        };
        match IndexKey::of(value) {
            Some(k) if k.exact() => lookup(&k),
            Some(k) => {
                let mut ids = lookup(&k);
                ids.retain(|&id| {
                    self.node_property(id, key).and_then(|v| v.cypher_eq(value)) == Some(true)
                });
                ids
            }
            None => self
                .node_ids()
                .into_iter()
                .filter(|&id| {
                    self.node_property(id, key).and_then(|v| v.cypher_eq(value)) == Some(true)
                })
                .collect(),
        }
    }

    /// The distinct string values some node has for `key` (for "did you mean").
    pub(crate) fn string_values(&self, key: &str) -> Vec<Arc<str>> {
        if let Some(f) = &self.frozen {
            return f.string_values(self, key);
        }
        self.index
            .string_values(key, |f| self.property_holders(key, f))
    }

    /// Hands every live node with a value for `key` to `f`.
    pub(super) fn property_holders(&self, key: &str, f: &mut dyn FnMut(NodeId, &Value)) {
        let Some(key) = self.names.id(key) else {
            return;
        };
        for id in self.node_ids() {
            if !self.is_node_deleted(id)
                && let Some(v) = self.node_props_of(id).get_id(key)
            {
                f(id, &v);
            }
        }
    }

    /// A node's properties, present or not (empty for a missing node).
    pub(super) fn node_props_of(&self, id: NodeId) -> Props<'_> {
        Props::new(self.node_props.get(id), &self.names)
    }

    pub(super) fn rel_props_of(&self, id: RelId) -> Props<'_> {
        Props::new(self.rel_props.get(id), &self.names)
    }

    /// Every label in use, with its node count, sorted by name.
    pub(crate) fn label_counts(&self) -> Vec<(String, usize)> {
        if let Some(f) = &self.frozen {
            return f.label_counts();
        }
        let mut out: Vec<_> = self
            .labels
            .iter()
            .filter(|(_, s)| !s.is_empty())
            .map(|(l, s)| (l.to_string(), s.len()))
            .collect();
        out.sort();
        out
    }

    /// Every relationship type in use, with its count, sorted by name.
    pub(crate) fn rel_type_counts(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        if self.frozen.is_some() {
            for (t, n) in &self.rel_types {
                counts.insert(t.to_string(), *n as usize);
            }
        }
        for e in self.g.edge_indices() {
            if !self.deleted_rels.contains(&(e.index() as RelId)) {
                *counts
                    .entry(self.rel_type(e.index() as RelId).to_string())
                    .or_default() += 1;
            }
        }
        counts.into_iter().collect()
    }

    /// Every property key in use on nodes or relationships, with the number
    /// of entities that have it, sorted by name.
    pub(crate) fn property_key_counts(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        if let Some(f) = &self.frozen {
            for &(k, n) in f.key_counts() {
                if let Some(name) = self.names.name(k) {
                    counts.insert(name.to_string(), n as usize);
                }
            }
            return counts.into_iter().collect();
        }
        for id in self.node_ids() {
            for k in self.node_props_of(id).keys() {
                *counts.entry(k.to_string()).or_default() += 1;
            }
        }
        for id in self.rel_ids() {
            for k in self.rel_props_of(id).keys() {
                *counts.entry(k.to_string()).or_default() += 1;
            }
        }
        counts.into_iter().collect()
    }

    /// A node's labels, sorted. Empty for a missing node.
    pub(crate) fn node_labels(&self, id: NodeId) -> &[Arc<str>] {
        if let Some(f) = &self.frozen {
            return f.label_set(id).map_or(&[], |s| self.label_sets.get(s));
        }
        self.g
            .node_weight(nix(id))
            .map_or(&[], |n| self.label_sets.get(n.labels))
    }

    /// Whether the node has the label.
    pub(crate) fn node_has_label(&self, id: NodeId, label: &str) -> bool {
        self.node_labels(id).iter().any(|l| &**l == label)
    }

    /// The interned name equal to `name`, if the graph has ever used it (a
    /// label, type or key): compare it by pointer with [`Graph::node_has_name`]
    /// and [`Graph::rel_has_type`].
    pub(crate) fn interned(&self, name: &str) -> Option<Arc<str>> {
        self.names.get(name).cloned()
    }

    /// The interned name with a number.
    pub(super) fn name_of(&self, id: NameId) -> Option<&Arc<str>> {
        self.names.name(id)
    }

    /// How many names are interned (the next number).
    pub(super) fn name_count(&self) -> usize {
        self.names.len()
    }

    /// Whether the node has the interned label `label`.
    pub(crate) fn node_has_name(&self, id: NodeId, label: &Arc<str>) -> bool {
        self.node_labels(id).iter().any(|l| Arc::ptr_eq(l, label))
    }

    /// Whether the relationship's type is the interned `rel_type`.
    pub(crate) fn rel_has_type(&self, id: RelId, rel_type: &Arc<str>) -> bool {
        self.rel_type_id(id)
            .and_then(|t| self.names.name(t))
            .is_some_and(|n| Arc::ptr_eq(n, rel_type))
    }

    /// A node's properties (also of a node deleted in this transaction).
    pub(crate) fn node_properties(&self, id: NodeId) -> Option<Props<'_>> {
        let present = match &self.frozen {
            Some(f) => f.label_set(id).is_some(),
            None => self.g.contains_node(nix(id)),
        };
        present.then(|| self.node_props_of(id))
    }

    /// One property of a node.
    pub(crate) fn node_property(&self, id: NodeId, key: &str) -> Option<Value> {
        self.node_props_of(id).get(key)
    }

    /// A relationship's type (empty for a missing relationship).
    pub(crate) fn rel_type(&self, id: RelId) -> &str {
        self.rel_type_id(id)
            .and_then(|t| self.names.name(t))
            .map_or("", |n| &**n)
    }

    /// The number of a relationship's type.
    fn rel_type_id(&self, id: RelId) -> Option<NameId> {
        match &self.frozen {
            Some(f) => f.rel(id).map(|[_, _, t]| t),
            None => self.g.edge_weight(eix(id)).map(|r| r.rel_type),
        }
    }

    /// A relationship's start and end nodes.
    pub(crate) fn rel_endpoints(&self, id: RelId) -> Option<(NodeId, NodeId)> {
        if let Some(f) = &self.frozen {
            return f.rel(id).map(|[s, e, _]| (s.into(), e.into()));
        }
        self.g
            .edge_endpoints(eix(id))
            .map(|(a, b)| (a.index() as NodeId, b.index() as NodeId))
    }

    /// A relationship's properties.
    pub(crate) fn rel_properties(&self, id: RelId) -> Option<Props<'_>> {
        self.rel_type_id(id).map(|_| self.rel_props_of(id))
    }

    /// One property of a relationship.
    pub(crate) fn rel_property(&self, id: RelId, key: &str) -> Option<Value> {
        self.rel_props_of(id).get(key)
    }

    /// The live relationships of a node in a direction, each with the node
    /// at its other end, in a stable order.
    pub(crate) fn relationships(&self, node: NodeId, dir: Dir) -> Vec<(RelId, NodeId)> {
        let mut out = Vec::new();
        self.relationships_into(node, dir, &mut out);
        out
    }

    /// [`Graph::relationships`] into `out` (cleared first), reusing its memory.
    pub(crate) fn relationships_into(
        &self,
        node: NodeId,
        dir: Dir,
        out: &mut Vec<(RelId, NodeId)>,
    ) {
        out.clear();
        if let Some(f) = &self.frozen {
            if let Some(ix) = self.read_index.get() {
                f.relationships_into(ix, node, dir, out);
            }
            return;
        }
        if !self.g.contains_node(nix(node)) {
            return;
        }
        // Deletes are rare: check the tombstones only when there are some.
        let live = |id: &RelId| self.deleted_rels.is_empty() || !self.deleted_rels.contains(id);
        if matches!(dir, Dir::Outgoing | Dir::Both) {
            out.extend(
                self.g
                    .edges_directed(nix(node), PgDirection::Outgoing)
                    .map(|e| (e.id().index() as RelId, e.target().index() as NodeId))
                    .filter(|(id, _)| live(id)),
            );
        }
        if matches!(dir, Dir::Incoming | Dir::Both) {
            out.extend(
                self.g
                    .edges_directed(nix(node), PgDirection::Incoming)
                    .map(|e| (e.id().index() as RelId, e.source().index() as NodeId))
                    .filter(|(id, other)| live(id) && !(dir == Dir::Both && *other == node)),
            );
        }
    }

    /// The compact copy of the graph's shape, when it may be used: the
    /// graph has no uncommitted changes, and is big enough to gain from it.
    pub(crate) fn read_index(&self) -> Option<&ReadIndex> {
        if self.has_uncommitted_changes() || self.rel_count() + self.node_count() < WORTH_IT {
            return None;
        }
        Some(self.read_index.get_or_init(|| self.build_read_index()))
    }

    /// The compact copy if it may be used and is already built (never builds it).
    pub(crate) fn read_index_if_built(&self) -> Option<&ReadIndex> {
        // A snapshot's copy is there whatever the graph's size: a small
        // graph reads petgraph's order, frozen or not.
        let small = self.frozen.is_some() && self.rel_count() + self.node_count() < WORTH_IT;
        if self.has_uncommitted_changes() || small {
            return None;
        }
        self.read_index.get()
    }

    /// The relationships of one (interned) type at a node, from the compact
    /// copy, into `out` (cleared first); false when the copy may not be
    /// used, or is not built and `build` is false (then ask
    /// [`Graph::relationships`]).
    pub(crate) fn typed_relationships(
        &self,
        node: NodeId,
        rel_type: &Arc<str>,
        dir: Dir,
        build: bool,
        out: &mut Vec<(RelId, NodeId)>,
    ) -> bool {
        let copy = match build {
            true => self.read_index(),
            false => self.read_index_if_built(),
        };
        let Some(ix) = copy else {
            return false;
        };
        out.clear();
        if matches!(dir, Dir::Outgoing | Dir::Both) {
            out.extend(ix.typed(rel_type, node, true));
        }
        if matches!(dir, Dir::Incoming | Dir::Both) {
            out.extend(
                ix.typed(rel_type, node, false)
                    .filter(|(_, o)| !(dir == Dir::Both && *o == node)),
            );
        }
        true
    }

    /// The number of live relationships of a node in a direction.
    pub(crate) fn degree(&self, node: NodeId, dir: Dir) -> usize {
        self.relationships(node, dir).len()
    }

    // ----- writing (each change is logged for rollback) -------------------

    /// The (key number, value) pairs of a property map, its keys interned.
    fn intern_entries<K: AsRef<str>>(
        &mut self,
        props: impl IntoIterator<Item = (K, Value)>,
    ) -> Vec<(NameId, Value)> {
        props
            .into_iter()
            .map(|(k, v)| (self.names.intern(k.as_ref()).0, v))
            .collect()
    }

    /// The block of interned entries (see [`codec::encode_block`]).
    fn block_of(&self, entries: Vec<(NameId, Value)>) -> Vec<u8> {
        if entries.is_empty() {
            return Vec::new();
        }
        codec::encode_block(entries, &self.names)
    }

    /// Creates a node (a later repeat of a key replaces an earlier one).
    pub(crate) fn create_node<K: AsRef<str>>(
        &mut self,
        labels: &[impl AsRef<str>],
        props: impl IntoIterator<Item = (K, Value)>,
    ) -> NodeId {
        self.thaw();
        let ls: Vec<Arc<str>> = labels.iter().map(|l| self.intern(l.as_ref())).collect();
        let set = self.label_sets.intern(ls);
        let mut entries = self.intern_entries(props);
        // A later repeat of a key replaces an earlier one, in the index too.
        entries.reverse();
        entries.sort_by_key(|(k, _)| *k);
        entries.dedup_by_key(|(k, _)| *k);
        let id = self.g.add_node(NodeRec { labels: set }).index() as NodeId;
        for l in self.label_sets.get(set) {
            self.labels.entry(l.clone()).or_default().insert(id);
        }
        for (k, v) in &entries {
            if let Some(k) = self.names.name(*k) {
                self.index.insert(k, v, id);
            }
        }
        let block = self.block_of(entries);
        self.node_props.set(id, &block);
        self.log_created(id, true);
        id
    }

    /// Creates a relationship. Both ends must be live nodes.
    pub(crate) fn create_rel<K: AsRef<str>>(
        &mut self,
        rel_type: &str,
        start: NodeId,
        end: NodeId,
        props: impl IntoIterator<Item = (K, Value)>,
    ) -> RelId {
        self.thaw();
        let (type_id, rel_type) = self.names.intern(rel_type);
        let entries = self.intern_entries(props);
        let block = self.block_of(entries);
        *self.rel_types.entry(rel_type).or_default() += 1;
        let id = self
            .g
            .add_edge(nix(start), nix(end), RelRec { rel_type: type_id })
            .index() as RelId;
        self.rel_props.set(id, &block);
        self.log_created(id, false);
        id
    }

    /// Logs the creation of a node (`node`) or relationship: the last step
    /// grows when it created the one before and no savepoint was taken since.
    fn log_created(&mut self, id: u64, node: bool) {
        use std::sync::atomic::Ordering::Relaxed;
        if self.undo.len() > self.savepoint_floor.load(Relaxed) {
            match self.undo.last_mut() {
                Some(Undo::CreatedNodes(r)) if node && r.end == id => {
                    r.end += 1;
                    return;
                }
                Some(Undo::CreatedRels(r)) if !node && r.end == id => {
                    r.end += 1;
                    return;
                }
                _ => {}
            }
        }
        let run = id..id + 1;
        self.undo.push(if node {
            Undo::CreatedNodes(run)
        } else {
            Undo::CreatedRels(run)
        });
    }

    /// Adds a label; returns whether the node did not have it.
    pub(crate) fn add_label(&mut self, id: NodeId, label: &str) -> bool {
        self.thaw();
        let label = self.intern(label);
        let Some(rec) = self.g.node_weight_mut(nix(id)) else {
            return false;
        };
        if self.label_sets.get(rec.labels).contains(&label) {
            return false;
        }
        rec.labels = self.label_sets.with(rec.labels, &label);
        self.labels.entry(label.clone()).or_default().insert(id);
        self.undo.push(Undo::AddedLabel(id, label));
        true
    }

    /// Removes a label; returns whether the node had it.
    pub(crate) fn remove_label(&mut self, id: NodeId, label: &str) -> bool {
        self.thaw();
        let Some(rec) = self.g.node_weight_mut(nix(id)) else {
            return false;
        };
        let Some(l) = self
            .label_sets
            .get(rec.labels)
            .iter()
            .find(|l| &***l == label)
            .cloned()
        else {
            return false;
        };
        rec.labels = self.label_sets.without(rec.labels, label);
        if let Some(set) = self.labels.get_mut(&l) {
            set.remove(&id);
        }
        self.undo.push(Undo::RemovedLabel(id, l));
        true
    }

    /// Deletes a relationship (a tombstone until commit). Returns whether it was live.
    pub(crate) fn delete_rel(&mut self, id: RelId) -> bool {
        self.thaw();
        if !self.contains_rel(id) {
            return false;
        }
        self.deleted_rels.insert(id);
        if let Some(rec) = self.g.edge_weight(eix(id))
            && let Some(name) = self.names.name(rec.rel_type)
            && let Some(n) = self.rel_types.get_mut(name)
        {
            *n = n.saturating_sub(1);
        }
        self.undo.push(Undo::DeletedRel(id));
        true
    }

    /// Deletes a node that has no live relationships (a tombstone until
    /// commit). Returns whether it was live.
    pub(crate) fn delete_node(&mut self, id: NodeId) -> bool {
        self.thaw();
        if !self.contains_node(id) {
            return false;
        }
        self.deleted_nodes.insert(id);
        self.unindex_node(id);
        self.undo.push(Undo::DeletedNode(id));
        true
    }

    pub(super) fn unindex_node(&mut self, id: NodeId) {
        let Some(rec) = self.g.node_weight(nix(id)) else {
            return;
        };
        for l in self.label_sets.get(rec.labels) {
            if let Some(set) = self.labels.get_mut(l) {
                set.remove(&id);
            }
        }
        let props = Props::new(self.node_props.get(id), &self.names);
        for (k, v) in props.iter() {
            self.index.remove(k, &v, id);
        }
    }

    pub(super) fn reindex_node(&mut self, id: NodeId) {
        let Some(rec) = self.g.node_weight(nix(id)) else {
            return;
        };
        for l in self.label_sets.get(rec.labels) {
            self.labels.entry(l.clone()).or_default().insert(id);
        }
        let props = Props::new(self.node_props.get(id), &self.names);
        for (k, v) in props.iter() {
            self.index.insert(k, &v, id);
        }
    }
}

#[cfg(test)]
#[path = "graph_tests.rs"]
mod tests;
