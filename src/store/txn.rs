//! The open transaction: the undo log, savepoints, commit and rollback,
//! and what changed since a savepoint (for the side-effect counters and
//! for the records to write to disk).

use super::graph::{Graph, Undo, eix, nix};
use crate::value::{NodeId, RelId, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

/// The net changes of a transaction (see [`Graph::changes_since`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Changes {
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

impl Graph {
    /// The label names some live node has.
    pub(crate) fn label_names(&self) -> BTreeSet<Arc<str>> {
        if self.frozen.is_some() {
            let names = self.label_counts().into_iter().map(|(l, _)| l);
            return names.filter_map(|l| self.interned(&l)).collect();
        }
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
    pub(crate) fn changes_since(&self, savepoint: usize) -> Changes {
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
                Undo::CreatedNodes(ids) => {
                    created.extend(ids.clone().map(Ent::N));
                }
                Undo::CreatedRels(ids) => {
                    created.extend(ids.clone().map(Ent::R));
                }
                Undo::DeletedNode(id) => {
                    deleted.insert(Ent::N(*id));
                }
                Undo::DeletedRel(id) => {
                    deleted.insert(Ent::R(*id));
                }
                Undo::NodeProperty(id, k, old) => {
                    originals.entry((Ent::N(*id), &**k)).or_insert(old);
                }
                Undo::RelProperty(id, k, old) => {
                    originals.entry((Ent::R(*id), &**k)).or_insert(old);
                }
                Undo::AddedLabel(..) | Undo::RemovedLabel(..) | Undo::Asserted(_) => {}
            }
        }
        let mut touched: HashMap<Ent, Vec<&str>> = HashMap::new();
        for (e, k) in originals.keys() {
            touched.entry(*e).or_default().push(k);
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
            let now: BTreeSet<String> = props(*e)
                .map(|p| p.keys().map(str::to_string).collect())
                .unwrap_or_default();
            let mut keys: BTreeSet<&str> = now.iter().map(String::as_str).collect();
            keys.extend(touched.get(e).into_iter().flatten().copied());
            for k in keys {
                let before = match originals.get(&(*e, k)) {
                    Some(old) => old.is_some(),
                    None => now.contains(k),
                };
                c.properties_removed += u64::from(before);
            }
        }
        // Each entity's properties now, decoded once (a wide `SET n = map`
        // changes thousands of keys of one entity).
        let mut now: HashMap<Ent, BTreeMap<String, Value>> = HashMap::new();
        for ((e, k), old) in &originals {
            if created.contains(e) || deleted.contains(e) {
                continue;
            }
            let current = now
                .entry(*e)
                .or_insert_with(|| props(*e).map(|p| p.to_map()).unwrap_or_default());
            let new = current.get(*k);
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

    /// Whether the open transaction has changed anything (then the compact
    /// copies are not used, and what was read before may be stale).
    pub(crate) fn has_uncommitted_changes(&self) -> bool {
        !self.undo.is_empty() || !self.deleted_nodes.is_empty() || !self.deleted_rels.is_empty()
    }

    /// A mark in the undo log; [`Graph::rollback_to`] undoes everything after it.
    pub(crate) fn savepoint(&self) -> usize {
        let at = self.undo.len();
        self.savepoint_floor
            .store(at, std::sync::atomic::Ordering::Relaxed);
        at
    }

    /// Makes every change final: removes tombstoned records, forgets the undo log.
    pub(crate) fn commit(&mut self) {
        if !self.undo.is_empty() {
            // The graph changed: the compact copies no longer match it.
            self.read_index = std::sync::OnceLock::new();
            self.columns.clear();
        }
        // Highest id first: the ids go on the graph's free lists (the last
        // freed is the next taken), so the lowest freed id is taken first,
        // as after a reopen, and the ids later creations get depend only on
        // what was deleted, not on a hash order (`dump --with-history`
        // predicts them).
        let mut rels: Vec<RelId> = std::mem::take(&mut self.deleted_rels).into_iter().collect();
        rels.sort_unstable_by(|a, b| b.cmp(a));
        for id in rels {
            self.g.remove_edge(eix(id));
            self.rel_props.set(id, &[]);
        }
        let mut nodes: Vec<NodeId> = std::mem::take(&mut self.deleted_nodes)
            .into_iter()
            .collect();
        nodes.sort_unstable_by(|a, b| b.cmp(a));
        for id in nodes {
            self.g.remove_node(nix(id));
            self.node_props.set(id, &[]);
        }
        self.undo.clear();
        self.savepoint_floor
            .store(0, std::sync::atomic::Ordering::Relaxed);
    }

    /// Takes back every change since the savepoint, newest first.
    pub(crate) fn rollback_to(&mut self, savepoint: usize) {
        if self.undo.len() > savepoint {
            self.read_index = std::sync::OnceLock::new();
            self.columns.clear();
        }
        while self.undo.len() > savepoint {
            let Some(step) = self.undo.pop() else { break };
            match step {
                Undo::CreatedNodes(ids) => {
                    for id in ids.rev() {
                        self.unindex_node(id);
                        self.g.remove_node(nix(id));
                        self.node_props.set(id, &[]);
                    }
                }
                Undo::CreatedRels(ids) => {
                    for id in ids.rev() {
                        self.rel_props.set(id, &[]);
                        if let Some(rec) = self.g.remove_edge(eix(id))
                            && let Some(name) = self.names.name(rec.rel_type)
                            && let Some(n) = self.rel_types.get_mut(name)
                        {
                            *n = n.saturating_sub(1);
                        }
                    }
                }
                Undo::DeletedNode(id) => {
                    self.deleted_nodes.remove(&id);
                    self.reindex_node(id);
                }
                Undo::DeletedRel(id) => {
                    self.deleted_rels.remove(&id);
                    if let Some(rec) = self.g.edge_weight(eix(id))
                        && let Some(name) = self.names.name(rec.rel_type)
                    {
                        *self.rel_types.entry(name.clone()).or_default() += 1;
                    }
                }
                Undo::NodeProperty(id, key, old) => {
                    // A run of edits of one node (`SET n = map`) is undone
                    // with one decoding of its block, not one per key.
                    let mut run = vec![(key, old)];
                    while self.undo.len() > savepoint
                        && let Some(Undo::NodeProperty(next, ..)) = self.undo.last()
                        && *next == id
                        && let Some(Undo::NodeProperty(_, key, old)) = self.undo.pop()
                    {
                        run.push((key, old));
                    }
                    if self.g.contains_node(nix(id)) {
                        let edits = run
                            .iter()
                            .map(|(k, o)| (self.names.intern(k).0, o.clone()))
                            .collect();
                        let current =
                            Graph::edit_props_many(&mut self.node_props, &self.names, id, edits);
                        for ((key, old), cur) in run.iter().zip(current) {
                            if let Some(c) = cur {
                                self.index.remove(key, &c, id);
                            }
                            if let Some(o) = old {
                                self.index.insert(key, o, id);
                            }
                        }
                    }
                }
                Undo::RelProperty(id, key, old) => {
                    let mut run = vec![(key, old)];
                    while self.undo.len() > savepoint
                        && let Some(Undo::RelProperty(next, ..)) = self.undo.last()
                        && *next == id
                        && let Some(Undo::RelProperty(_, key, old)) = self.undo.pop()
                    {
                        run.push((key, old));
                    }
                    if self.g.edge_weight(eix(id)).is_some() {
                        let edits = run
                            .into_iter()
                            .map(|(k, o)| (self.names.intern(&k).0, o))
                            .collect();
                        Graph::edit_props_many(&mut self.rel_props, &self.names, id, edits);
                    }
                }
                Undo::AddedLabel(id, label) => {
                    if let Some(rec) = self.g.node_weight_mut(nix(id)) {
                        rec.labels = self.label_sets.without(rec.labels, &label);
                    }
                    if let Some(set) = self.labels.get_mut(&label) {
                        set.remove(&id);
                    }
                }
                Undo::RemovedLabel(id, label) => {
                    if let Some(rec) = self.g.node_weight_mut(nix(id)) {
                        rec.labels = self.label_sets.with(rec.labels, &label);
                    }
                    self.labels.entry(label).or_default().insert(id);
                }
                Undo::Asserted(_) => {}
            }
        }
    }

    /// Takes back every uncommitted change.
    #[cfg(test)]
    pub fn rollback(&mut self) {
        self.rollback_to(0);
    }

    /// The nodes and relationships changed since `savepoint` (created,
    /// deleted, or with new labels or properties).
    pub(crate) fn touched_since(&self, savepoint: usize) -> (Vec<NodeId>, Vec<RelId>) {
        let mut nodes = Vec::new();
        let mut rels = Vec::new();
        for step in self.undo.get(savepoint..).unwrap_or(&[]) {
            match step {
                Undo::CreatedNodes(ids) => nodes.extend(ids.clone()),
                Undo::CreatedRels(ids) => rels.extend(ids.clone()),
                Undo::DeletedNode(id)
                | Undo::NodeProperty(id, ..)
                | Undo::AddedLabel(id, _)
                | Undo::RemovedLabel(id, _) => nodes.push(*id),
                Undo::DeletedRel(id) | Undo::RelProperty(id, ..) => rels.push(*id),
                Undo::Asserted(_) => {}
            }
        }
        // Sorted and without repeats (a sort beats a tree for a million ids).
        for ids in [&mut nodes, &mut rels] {
            ids.sort_unstable();
            ids.dedup();
        }
        (nodes, rels)
    }
}
