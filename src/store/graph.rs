//! The property graph: a petgraph `StableDiGraph` of node and relationship
//! records, a label index and a property index, and the open transaction's
//! undo log.
//!
//! Deletes inside a transaction only mark the entity (a tombstone); the
//! record is removed at commit. That way a rollback can bring it back under
//! the same id, which petgraph could not promise for a re-added node.

use super::index::{IndexKey, PropertyIndex};
use crate::value::{NodeId, RelId, Value};
use petgraph::Direction as PgDirection;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeIndexable, EdgeRef, NodeIndexable};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

/// Property maps, by key.
pub type Properties = BTreeMap<String, Value>;

/// Which relationships of a node to walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// Relationships that start at the node.
    Outgoing,
    /// Relationships that end at the node.
    Incoming,
    /// Both; a self-loop is walked once.
    Both,
}

#[derive(Debug, Clone)]
struct NodeRec {
    labels: Vec<Arc<str>>,
    props: Properties,
}

#[derive(Debug, Clone)]
struct RelRec {
    rel_type: Arc<str>,
    props: Properties,
}

/// One step of the undo log: how to take back one change.
#[derive(Debug)]
enum Undo {
    CreatedNode(NodeId),
    CreatedRel(RelId),
    DeletedNode(NodeId),
    DeletedRel(RelId),
    NodeProperty(NodeId, String, Option<Value>),
    RelProperty(RelId, String, Option<Value>),
    AddedLabel(NodeId, Arc<str>),
    RemovedLabel(NodeId, Arc<str>),
}

/// The net changes of a transaction (see [`Graph::changes_since`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes {
    /// Nodes that exist now and did not before.
    pub nodes_created: u64,
    /// Nodes that existed before and do not now.
    pub nodes_deleted: u64,
    /// Relationships that exist now and did not before.
    pub rels_created: u64,
    /// Relationships that existed before and do not now.
    pub rels_deleted: u64,
    /// Property triples that exist now and did not before.
    pub properties_set: u64,
    /// Property triples that existed before and do not now.
    pub properties_removed: u64,
}

/// The property graph with its indexes and its open transaction.
#[derive(Debug, Default)]
pub struct Graph {
    g: StableDiGraph<NodeRec, RelRec>,
    labels: HashMap<Arc<str>, BTreeSet<NodeId>>,
    rel_types: HashMap<Arc<str>, u64>,
    names: HashSet<Arc<str>>,
    index: PropertyIndex,
    deleted_nodes: HashSet<NodeId>,
    deleted_rels: HashSet<RelId>,
    undo: Vec<Undo>,
}

fn nix(id: NodeId) -> NodeIndex {
    NodeIndex::new(id as usize)
}

fn eix(id: RelId) -> EdgeIndex {
    EdgeIndex::new(id as usize)
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Graph {
        Graph::default()
    }

    fn intern(&mut self, name: &str) -> Arc<str> {
        if let Some(n) = self.names.get(name) {
            return n.clone();
        }
        let n: Arc<str> = Arc::from(name);
        self.names.insert(n.clone());
        n
    }

    // ----- reading -------------------------------------------------------

    /// The number of live nodes.
    pub fn node_count(&self) -> usize {
        self.g.node_count() - self.deleted_nodes.len()
    }

    /// The number of live relationships.
    pub fn rel_count(&self) -> usize {
        self.g.edge_count() - self.deleted_rels.len()
    }

    /// Whether the node exists and is not deleted.
    pub fn contains_node(&self, id: NodeId) -> bool {
        self.g.contains_node(nix(id)) && !self.deleted_nodes.contains(&id)
    }

    /// Whether the relationship exists and is not deleted.
    pub fn contains_rel(&self, id: RelId) -> bool {
        self.g.edge_weight(eix(id)).is_some() && !self.deleted_rels.contains(&id)
    }

    /// Whether the node was deleted in the open transaction.
    pub fn is_node_deleted(&self, id: NodeId) -> bool {
        self.deleted_nodes.contains(&id)
    }

    /// Whether the relationship was deleted in the open transaction.
    pub fn is_rel_deleted(&self, id: RelId) -> bool {
        self.deleted_rels.contains(&id)
    }

    /// Every live node, in id order.
    pub fn node_ids(&self) -> Vec<NodeId> {
        self.g
            .node_indices()
            .map(|i| i.index() as NodeId)
            .filter(|id| !self.deleted_nodes.contains(id))
            .collect()
    }

    /// Every live relationship, in id order.
    pub fn rel_ids(&self) -> Vec<RelId> {
        self.g
            .edge_indices()
            .map(|i| i.index() as RelId)
            .filter(|id| !self.deleted_rels.contains(id))
            .collect()
    }

    /// The live nodes with a label, in id order.
    pub fn nodes_with_label(&self, label: &str) -> Vec<NodeId> {
        self.labels
            .get(label)
            .map(|set| set.iter().copied().collect())
            .unwrap_or_default()
    }

    /// How many live nodes have the label.
    pub fn label_count(&self, label: &str) -> usize {
        self.labels.get(label).map_or(0, BTreeSet::len)
    }

    /// The live nodes whose property `key` equals `value` (by Cypher `=`),
    /// in id order. `value` must not be null.
    pub fn nodes_with_property(&self, key: &str, value: &Value) -> Vec<NodeId> {
        match IndexKey::of(value) {
            Some(k) => self.index.lookup(key, &k),
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
    pub fn string_values(&self, key: &str) -> Vec<Arc<str>> {
        self.index.string_values(key)
    }

    /// Every label in use, with its node count, sorted by name.
    pub fn label_counts(&self) -> Vec<(String, usize)> {
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
    pub fn rel_type_counts(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for e in self.g.edge_indices() {
            if !self.deleted_rels.contains(&(e.index() as RelId)) {
                *counts.entry(self.g[e].rel_type.to_string()).or_default() += 1;
            }
        }
        counts.into_iter().collect()
    }

    /// Every property key in use on nodes or relationships, with the number
    /// of entities that have it, sorted by name.
    pub fn property_key_counts(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for id in self.node_ids() {
            for k in self.g[nix(id)].props.keys() {
                *counts.entry(k.clone()).or_default() += 1;
            }
        }
        for id in self.rel_ids() {
            for k in self.g[eix(id)].props.keys() {
                *counts.entry(k.clone()).or_default() += 1;
            }
        }
        counts.into_iter().collect()
    }

    /// Whether any relationship of this type was ever created (for
    /// "did you mean" and planning).
    pub fn has_rel_type(&self, rel_type: &str) -> bool {
        self.rel_types.get(rel_type).is_some_and(|&n| n > 0)
    }

    /// A node's labels, sorted. Empty for a missing node.
    pub fn node_labels(&self, id: NodeId) -> &[Arc<str>] {
        self.g.node_weight(nix(id)).map_or(&[], |n| &n.labels)
    }

    /// Whether the node has the label.
    pub fn node_has_label(&self, id: NodeId, label: &str) -> bool {
        self.node_labels(id).iter().any(|l| &**l == label)
    }

    /// A node's properties (also of a node deleted in this transaction).
    pub fn node_properties(&self, id: NodeId) -> Option<&Properties> {
        self.g.node_weight(nix(id)).map(|n| &n.props)
    }

    /// One property of a node.
    pub fn node_property(&self, id: NodeId, key: &str) -> Option<&Value> {
        self.node_properties(id).and_then(|p| p.get(key))
    }

    /// A relationship's type (empty for a missing relationship).
    pub fn rel_type(&self, id: RelId) -> &str {
        self.g.edge_weight(eix(id)).map_or("", |r| &r.rel_type)
    }

    /// A relationship's start and end nodes.
    pub fn rel_endpoints(&self, id: RelId) -> Option<(NodeId, NodeId)> {
        self.g
            .edge_endpoints(eix(id))
            .map(|(a, b)| (a.index() as NodeId, b.index() as NodeId))
    }

    /// A relationship's properties.
    pub fn rel_properties(&self, id: RelId) -> Option<&Properties> {
        self.g.edge_weight(eix(id)).map(|r| &r.props)
    }

    /// One property of a relationship.
    pub fn rel_property(&self, id: RelId, key: &str) -> Option<&Value> {
        self.rel_properties(id).and_then(|p| p.get(key))
    }

    /// The live relationships of a node in a direction, each with the node
    /// at its other end, in a stable order.
    pub fn relationships(&self, node: NodeId, dir: Dir) -> Vec<(RelId, NodeId)> {
        let mut out = Vec::new();
        if !self.g.contains_node(nix(node)) {
            return out;
        }
        if matches!(dir, Dir::Outgoing | Dir::Both) {
            for e in self.g.edges_directed(nix(node), PgDirection::Outgoing) {
                let id = e.id().index() as RelId;
                if !self.deleted_rels.contains(&id) {
                    out.push((id, e.target().index() as NodeId));
                }
            }
        }
        if matches!(dir, Dir::Incoming | Dir::Both) {
            for e in self.g.edges_directed(nix(node), PgDirection::Incoming) {
                let id = e.id().index() as RelId;
                let other = e.source().index() as NodeId;
                if dir == Dir::Both && other == node {
                    continue;
                }
                if !self.deleted_rels.contains(&id) {
                    out.push((id, other));
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// The number of live relationships of a node in a direction.
    pub fn degree(&self, node: NodeId, dir: Dir) -> usize {
        self.relationships(node, dir).len()
    }

    // ----- writing (each change is logged for rollback) -------------------

    /// Creates a node.
    pub fn create_node(&mut self, labels: &[String], props: Properties) -> NodeId {
        let mut ls: Vec<Arc<str>> = labels.iter().map(|l| self.intern(l)).collect();
        ls.sort();
        ls.dedup();
        let id = self
            .g
            .add_node(NodeRec {
                labels: ls.clone(),
                props,
            })
            .index() as NodeId;
        for l in ls {
            self.labels.entry(l).or_default().insert(id);
        }
        let props = self.g[nix(id)].props.clone();
        for (k, v) in &props {
            self.index.insert(k, v, id);
        }
        self.undo.push(Undo::CreatedNode(id));
        id
    }

    /// Creates a relationship. Both ends must be live nodes.
    pub fn create_rel(
        &mut self,
        rel_type: &str,
        start: NodeId,
        end: NodeId,
        props: Properties,
    ) -> RelId {
        let rel_type = self.intern(rel_type);
        *self.rel_types.entry(rel_type.clone()).or_default() += 1;
        let id = self
            .g
            .add_edge(nix(start), nix(end), RelRec { rel_type, props })
            .index() as RelId;
        self.undo.push(Undo::CreatedRel(id));
        id
    }

    /// Sets (`Some`) or removes (`None`) a node property; returns the old value.
    pub fn set_node_property(
        &mut self,
        id: NodeId,
        key: &str,
        value: Option<Value>,
    ) -> Option<Value> {
        let rec = self.g.node_weight_mut(nix(id))?;
        let old = match &value {
            Some(v) => rec.props.insert(key.to_string(), v.clone()),
            None => rec.props.remove(key),
        };
        if let Some(o) = &old {
            self.index.remove(key, o, id);
        }
        if let Some(v) = &value {
            self.index.insert(key, v, id);
        }
        self.undo
            .push(Undo::NodeProperty(id, key.to_string(), old.clone()));
        old
    }

    /// Sets (`Some`) or removes (`None`) a relationship property; returns the old value.
    pub fn set_rel_property(
        &mut self,
        id: RelId,
        key: &str,
        value: Option<Value>,
    ) -> Option<Value> {
        let rec = self.g.edge_weight_mut(eix(id))?;
        let old = match value {
            Some(v) => rec.props.insert(key.to_string(), v),
            None => rec.props.remove(key),
        };
        self.undo
            .push(Undo::RelProperty(id, key.to_string(), old.clone()));
        old
    }

    /// Adds a label; returns whether the node did not have it.
    pub fn add_label(&mut self, id: NodeId, label: &str) -> bool {
        let label = self.intern(label);
        let Some(rec) = self.g.node_weight_mut(nix(id)) else {
            return false;
        };
        match rec.labels.binary_search(&label) {
            Ok(_) => false,
            Err(pos) => {
                rec.labels.insert(pos, label.clone());
                self.labels.entry(label.clone()).or_default().insert(id);
                self.undo.push(Undo::AddedLabel(id, label));
                true
            }
        }
    }

    /// Removes a label; returns whether the node had it.
    pub fn remove_label(&mut self, id: NodeId, label: &str) -> bool {
        let Some(rec) = self.g.node_weight_mut(nix(id)) else {
            return false;
        };
        match rec.labels.iter().position(|l| &**l == label) {
            Some(pos) => {
                let l = rec.labels.remove(pos);
                if let Some(set) = self.labels.get_mut(&l) {
                    set.remove(&id);
                }
                self.undo.push(Undo::RemovedLabel(id, l));
                true
            }
            None => false,
        }
    }

    /// Deletes a relationship (a tombstone until commit). Returns whether it was live.
    pub fn delete_rel(&mut self, id: RelId) -> bool {
        if !self.contains_rel(id) {
            return false;
        }
        self.deleted_rels.insert(id);
        if let Some(rec) = self.g.edge_weight(eix(id))
            && let Some(n) = self.rel_types.get_mut(&rec.rel_type)
        {
            *n = n.saturating_sub(1);
        }
        self.undo.push(Undo::DeletedRel(id));
        true
    }

    /// Deletes a node that has no live relationships (a tombstone until
    /// commit). Returns whether it was live.
    pub fn delete_node(&mut self, id: NodeId) -> bool {
        if !self.contains_node(id) {
            return false;
        }
        self.deleted_nodes.insert(id);
        self.unindex_node(id);
        self.undo.push(Undo::DeletedNode(id));
        true
    }

    fn unindex_node(&mut self, id: NodeId) {
        let rec = &self.g[nix(id)];
        for l in &rec.labels {
            if let Some(set) = self.labels.get_mut(l) {
                set.remove(&id);
            }
        }
        for (k, v) in &rec.props {
            self.index.remove(k, v, id);
        }
    }

    fn reindex_node(&mut self, id: NodeId) {
        let rec = &self.g[nix(id)];
        for l in &rec.labels {
            self.labels.entry(l.clone()).or_default().insert(id);
        }
        for (k, v) in &rec.props {
            self.index.insert(k, v, id);
        }
    }

    // ----- loading and saving ----------------------------------------------

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
                    props: Properties::new(),
                }));
            }
            if g.g.node_bound() as u64 != id {
                return Err(format!("node {id} is stored twice"));
            }
            let mut ls: Vec<Arc<str>> = labels.iter().map(|l| g.intern(l)).collect();
            ls.sort();
            ls.dedup();
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
                        props: Properties::new(),
                    },
                ));
            }
            if g.g.edge_bound() as u64 != id {
                return Err(format!("relationship {id} is stored twice"));
            }
            let rel_type = g.intern(&rel_type);
            *g.rel_types.entry(rel_type.clone()).or_default() += 1;
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

    /// The nodes and relationships changed since `savepoint` (created,
    /// deleted, or with new labels or properties).
    pub fn touched_since(&self, savepoint: usize) -> (BTreeSet<NodeId>, BTreeSet<RelId>) {
        let mut nodes = BTreeSet::new();
        let mut rels = BTreeSet::new();
        for step in self.undo.get(savepoint..).unwrap_or(&[]) {
            match step {
                Undo::CreatedNode(id)
                | Undo::DeletedNode(id)
                | Undo::NodeProperty(id, ..)
                | Undo::AddedLabel(id, _)
                | Undo::RemovedLabel(id, _) => {
                    nodes.insert(*id);
                }
                Undo::CreatedRel(id) | Undo::DeletedRel(id) | Undo::RelProperty(id, ..) => {
                    rels.insert(*id);
                }
            }
        }
        (nodes, rels)
    }

    // ----- what changed ----------------------------------------------------

    /// The label names some live node has.
    pub fn label_names(&self) -> BTreeSet<Arc<str>> {
        self.labels
            .iter()
            .filter(|(_, s)| !s.is_empty())
            .map(|(l, _)| l.clone())
            .collect()
    }

    /// The net effect of the changes since `savepoint`, as a difference of
    /// graph states (what the openCypher TCK counts): entities created and
    /// deleted, and `(entity, key, value)` property triples added and removed.
    /// A node created and deleted again counts for nothing.
    pub fn changes_since(&self, savepoint: usize) -> Changes {
        #[derive(PartialEq, Eq, Hash, Clone, Copy, PartialOrd, Ord)]
        enum Ent {
            N(NodeId),
            R(RelId),
        }
        let log = self.undo.get(savepoint..).unwrap_or(&[]);
        let mut created: HashSet<Ent> = HashSet::new();
        let mut deleted: HashSet<Ent> = HashSet::new();
        let mut originals: HashMap<(Ent, &str), &Option<Value>> = HashMap::new();
        for step in log {
            match step {
                Undo::CreatedNode(id) => {
                    created.insert(Ent::N(*id));
                }
                Undo::CreatedRel(id) => {
                    created.insert(Ent::R(*id));
                }
                Undo::DeletedNode(id) => {
                    deleted.insert(Ent::N(*id));
                }
                Undo::DeletedRel(id) => {
                    deleted.insert(Ent::R(*id));
                }
                Undo::NodeProperty(id, k, old) => {
                    originals.entry((Ent::N(*id), k.as_str())).or_insert(old);
                }
                Undo::RelProperty(id, k, old) => {
                    originals.entry((Ent::R(*id), k.as_str())).or_insert(old);
                }
                Undo::AddedLabel(..) | Undo::RemovedLabel(..) => {}
            }
        }
        let props = |e: Ent| match e {
            Ent::N(id) => self.node_properties(id),
            Ent::R(id) => self.rel_properties(id),
        };
        let mut c = Changes::default();
        for e in created.difference(&deleted) {
            match e {
                Ent::N(_) => c.nodes_created += 1,
                Ent::R(_) => c.rels_created += 1,
            }
            c.properties_set += props(*e).map_or(0, |p| p.len()) as u64;
        }
        for e in deleted.difference(&created) {
            match e {
                Ent::N(_) => c.nodes_deleted += 1,
                Ent::R(_) => c.rels_deleted += 1,
            }
            // The properties it had before the statement.
            let now = props(*e).cloned().unwrap_or_default();
            let mut keys: BTreeSet<&str> = now.keys().map(String::as_str).collect();
            keys.extend(originals.keys().filter(|(x, _)| x == e).map(|(_, k)| *k));
            for k in keys {
                let before = match originals.get(&(*e, k)) {
                    Some(old) => old.is_some(),
                    None => now.contains_key(k),
                };
                c.properties_removed += u64::from(before);
            }
        }
        for ((e, k), old) in &originals {
            if created.contains(e) || deleted.contains(e) {
                continue;
            }
            let new = props(*e).and_then(|p| p.get(*k));
            match (old, new) {
                (None, Some(_)) => c.properties_set += 1,
                (Some(_), None) => c.properties_removed += 1,
                (Some(a), Some(b)) if a != b => {
                    c.properties_set += 1;
                    c.properties_removed += 1;
                }
                _ => {}
            }
        }
        c
    }

    // ----- transactions ----------------------------------------------------

    /// A mark in the undo log; [`Graph::rollback_to`] undoes everything after it.
    pub fn savepoint(&self) -> usize {
        self.undo.len()
    }

    /// Makes every change final: removes tombstoned records, forgets the undo log.
    pub fn commit(&mut self) {
        for id in std::mem::take(&mut self.deleted_rels) {
            self.g.remove_edge(eix(id));
        }
        for id in std::mem::take(&mut self.deleted_nodes) {
            self.g.remove_node(nix(id));
        }
        self.undo.clear();
    }

    /// Takes back every change since the savepoint, newest first.
    pub fn rollback_to(&mut self, savepoint: usize) {
        while self.undo.len() > savepoint {
            let Some(step) = self.undo.pop() else { break };
            match step {
                Undo::CreatedNode(id) => {
                    self.unindex_node(id);
                    self.g.remove_node(nix(id));
                }
                Undo::CreatedRel(id) => {
                    if let Some(rec) = self.g.remove_edge(eix(id))
                        && let Some(n) = self.rel_types.get_mut(&rec.rel_type)
                    {
                        *n = n.saturating_sub(1);
                    }
                }
                Undo::DeletedNode(id) => {
                    self.deleted_nodes.remove(&id);
                    self.reindex_node(id);
                }
                Undo::DeletedRel(id) => {
                    self.deleted_rels.remove(&id);
                    if let Some(rec) = self.g.edge_weight(eix(id)) {
                        *self.rel_types.entry(rec.rel_type.clone()).or_default() += 1;
                    }
                }
                Undo::NodeProperty(id, key, old) => {
                    if let Some(rec) = self.g.node_weight_mut(nix(id)) {
                        let cur = match old.clone() {
                            Some(v) => rec.props.insert(key.clone(), v),
                            None => rec.props.remove(&key),
                        };
                        if let Some(c) = cur {
                            self.index.remove(&key, &c, id);
                        }
                        if let Some(o) = &old {
                            self.index.insert(&key, o, id);
                        }
                    }
                }
                Undo::RelProperty(id, key, old) => {
                    if let Some(rec) = self.g.edge_weight_mut(eix(id)) {
                        match old {
                            Some(v) => rec.props.insert(key, v),
                            None => rec.props.remove(&key),
                        };
                    }
                }
                Undo::AddedLabel(id, label) => {
                    if let Some(rec) = self.g.node_weight_mut(nix(id)) {
                        rec.labels.retain(|l| *l != label);
                    }
                    if let Some(set) = self.labels.get_mut(&label) {
                        set.remove(&id);
                    }
                }
                Undo::RemovedLabel(id, label) => {
                    if let Some(rec) = self.g.node_weight_mut(nix(id))
                        && let Err(pos) = rec.labels.binary_search(&label)
                    {
                        rec.labels.insert(pos, label.clone());
                    }
                    self.labels.entry(label).or_default().insert(id);
                }
            }
        }
    }

    /// Takes back every uncommitted change.
    pub fn rollback(&mut self) {
        self.rollback_to(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props(pairs: &[(&str, Value)]) -> Properties {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    #[test]
    fn rollback_restores_everything_under_the_same_ids() {
        let mut g = Graph::new();
        let a = g.create_node(&["A".into()], props(&[("name", "a".into())]));
        let b = g.create_node(&[], Properties::new());
        let r = g.create_rel("T", a, b, Properties::new());
        g.commit();

        let sp = g.savepoint();
        g.set_node_property(a, "name", Some("z".into()));
        g.add_label(a, "B");
        g.delete_rel(r);
        g.delete_node(b);
        let c = g.create_node(&["A".into()], Properties::new());
        assert_eq!(g.node_count(), 2);
        assert_eq!(g.nodes_with_label("A"), vec![a, c]);
        g.rollback_to(sp);

        assert_eq!(g.node_ids(), vec![a, b]);
        assert_eq!(g.rel_ids(), vec![r]);
        assert_eq!(
            g.node_property(a, "name").map(|v| v.to_string()),
            Some("'a'".into())
        );
        assert_eq!(g.nodes_with_property("name", &"a".into()), vec![a]);
        assert!(g.nodes_with_property("name", &"z".into()).is_empty());
        assert_eq!(g.nodes_with_label("A"), vec![a]);
        assert_eq!(g.nodes_with_label("B"), Vec::<NodeId>::new());
        assert_eq!(g.relationships(a, Dir::Outgoing), vec![(r, b)]);
    }

    #[test]
    fn deletes_are_final_at_commit() {
        let mut g = Graph::new();
        let a = g.create_node(&[], Properties::new());
        let r = g.create_rel("T", a, a, Properties::new());
        assert_eq!(g.relationships(a, Dir::Both), vec![(r, a)]);
        g.delete_rel(r);
        g.delete_node(a);
        g.commit();
        assert_eq!(g.node_count(), 0);
        assert_eq!(g.rel_count(), 0);
        assert!(!g.contains_node(a));
    }

    #[test]
    fn property_index_matches_integers_and_equal_floats() {
        let mut g = Graph::new();
        let a = g.create_node(&[], props(&[("n", Value::Int(1))]));
        let b = g.create_node(&[], props(&[("n", Value::Float(1.0))]));
        g.create_node(&[], props(&[("n", Value::Float(1.5))]));
        assert_eq!(g.nodes_with_property("n", &Value::Int(1)), vec![a, b]);
        assert_eq!(g.nodes_with_property("n", &Value::Float(1.0)), vec![a, b]);
    }
}
