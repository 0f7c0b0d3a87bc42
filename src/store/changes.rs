//! What a transaction changed, entity by entity, for the commit history
//! (see [`crate::history`]): read from the undo log and the graph before
//! the commit removes what the transaction deleted.

use super::graph::{Graph, Undo};
use crate::history::{Change, EntityState, Key};
use crate::value::Value;
use std::collections::{BTreeMap, BTreeSet};

impl Graph {
    /// Records that a `MERGE` matched the entity, and the properties its
    /// pattern named (the commit asserted them again, as a `SET` of the
    /// same value would; see [`crate::history`]).
    pub(crate) fn assert_entity(&mut self, key: Key, properties: &[String]) {
        self.undo.push(Undo::Asserted(key));
        if !properties.is_empty() {
            // Taking a property step back writes the graph.
            self.thaw();
        }
        for name in properties {
            let name = self.intern(name);
            let (id, value) = match key.is_rel() {
                true => (key.id(), self.rel_property(key.id(), &name)),
                false => (key.id(), self.node_property(key.id(), &name)),
            };
            self.undo.push(match key.is_rel() {
                true => Undo::RelProperty(id, name, value),
                false => Undo::NodeProperty(id, name, value),
            });
        }
    }

    /// The entity as it is now (also one deleted in the open transaction).
    pub(crate) fn entity_state(&self, key: Key) -> Option<EntityState> {
        let id = key.id();
        if key.is_rel() {
            let props = self.rel_properties(id)?.to_map();
            let (start, end) = self.rel_endpoints(id)?;
            Some(EntityState {
                labels: Vec::new(),
                rel: Some((self.rel_type(id).to_string(), start, end)),
                props,
            })
        } else {
            let props = self.node_properties(id)?.to_map();
            let mut labels: Vec<String> =
                self.node_labels(id).iter().map(|l| l.to_string()).collect();
            labels.sort();
            Some(EntityState {
                labels,
                rel: None,
                props,
            })
        }
    }

    /// The entity as the last commit left it: the open transaction's
    /// changes to it taken back (`None` when the transaction created it).
    pub(crate) fn committed_state(&self, key: Key) -> Option<EntityState> {
        let mut state = self.entity_state(key);
        for step in self.undo.iter().rev() {
            match step {
                Undo::CreatedNodes(ids) if !key.is_rel() && ids.contains(&key.id()) => state = None,
                Undo::CreatedRels(ids) if key.is_rel() && ids.contains(&key.id()) => state = None,
                Undo::NodeProperty(id, k, old) if Key::node(*id) == key => {
                    state = revert_property(state, k, old);
                }
                Undo::RelProperty(id, k, old) if Key::rel(*id) == key => {
                    state = revert_property(state, k, old);
                }
                Undo::AddedLabel(id, l) if Key::node(*id) == key => {
                    if let Some(s) = state.as_mut() {
                        s.labels.retain(|x| **x != **l);
                    }
                }
                Undo::RemovedLabel(id, l) if Key::node(*id) == key => {
                    if let Some(s) = state.as_mut() {
                        s.labels.push(l.to_string());
                        s.labels.sort();
                    }
                }
                _ => {}
            }
        }
        state
    }

    /// The net changes since `savepoint`, sorted by entity: creations as
    /// runs of ids, deletions with what the entity was before the
    /// transaction, labels and properties that differ (and properties
    /// written with the value they had), and entities a `MERGE` matched.
    pub(crate) fn change_list_since(&self, savepoint: usize) -> Vec<Change> {
        let log = self.undo.get(savepoint..).unwrap_or(&[]);
        if log.is_empty() {
            return Vec::new();
        }
        // Creations come as runs of ids (an import creates millions).
        let mut runs: Vec<(bool, std::ops::Range<u64>)> = Vec::new();
        let mut deleted: BTreeSet<Key> = BTreeSet::new();
        let mut asserted: BTreeSet<Key> = BTreeSet::new();
        // The first undo step of each property and label is its value
        // before the transaction.
        let mut props: BTreeMap<(Key, &str), &Option<Value>> = BTreeMap::new();
        let mut labels: BTreeMap<(Key, &str), bool> = BTreeMap::new();
        for step in log {
            match step {
                Undo::CreatedNodes(ids) => runs.push((false, ids.clone())),
                Undo::CreatedRels(ids) => runs.push((true, ids.clone())),
                Undo::DeletedNode(id) => {
                    deleted.insert(Key::node(*id));
                }
                Undo::DeletedRel(id) => {
                    deleted.insert(Key::rel(*id));
                }
                Undo::NodeProperty(id, k, old) => {
                    props.entry((Key::node(*id), &**k)).or_insert(old);
                }
                Undo::RelProperty(id, k, old) => {
                    props.entry((Key::rel(*id), &**k)).or_insert(old);
                }
                Undo::AddedLabel(id, l) => {
                    labels.entry((Key::node(*id), &**l)).or_insert(false);
                }
                Undo::RemovedLabel(id, l) => {
                    labels.entry((Key::node(*id), &**l)).or_insert(true);
                }
                Undo::Asserted(k) => {
                    asserted.insert(*k);
                }
            }
        }
        runs.sort_by_key(|(rel, r)| (*rel, r.start));
        let created = |k: &Key| {
            let i = runs.partition_point(|(rel, r)| (*rel, r.start) <= (k.is_rel(), k.id()));
            i > 0 && runs[i - 1].0 == k.is_rel() && runs[i - 1].1.contains(&k.id())
        };
        // Creations, as runs of consecutive ids of one kind, without the
        // entities deleted again.
        let mut out: Vec<Change> = Vec::new();
        for (rel, r) in &runs {
            let key = |id| if *rel { Key::rel(id) } else { Key::node(id) };
            let mut start = r.start;
            let gone = deleted
                .range(key(r.start)..key(r.end))
                .filter(|k| k.is_rel() == *rel);
            for k in gone.map(|k| k.id()).chain([r.end]) {
                if start < k {
                    match out.last_mut() {
                        Some(Change::Created { start: s, end })
                            if s.is_rel() == *rel && *end == key(start) =>
                        {
                            *end = key(k);
                        }
                        _ => out.push(Change::Created {
                            start: key(start),
                            end: key(k),
                        }),
                    }
                }
                start = k + 1;
            }
        }
        out.sort_by_key(Change::key);
        let mut rest: Vec<Change> = Vec::new();
        for k in deleted.iter().filter(|k| !created(k)) {
            if let Some(mut before) = self.entity_state(*k) {
                for ((_, name), old) in props.range((*k, "")..).take_while(|((e, _), _)| e == k) {
                    match old {
                        Some(v) => before.props.insert(name.to_string(), v.clone()),
                        None => before.props.remove(*name),
                    };
                }
                for ((_, l), had) in labels.range((*k, "")..).take_while(|((e, _), _)| e == k) {
                    before.labels.retain(|x| x != l);
                    if *had {
                        before.labels.push(l.to_string());
                    }
                }
                before.labels.sort();
                rest.push(Change::Deleted(*k, before));
            }
        }
        let unchanged = |k: &Key| !created(k) && !deleted.contains(k);
        let mut now: BTreeMap<Key, BTreeMap<String, Value>> = BTreeMap::new();
        for ((k, name), old) in props.iter().filter(|((k, _), _)| unchanged(k)) {
            let current = now
                .entry(*k)
                .or_insert_with(|| self.entity_state(*k).map(|s| s.props).unwrap_or_default());
            rest.push(Change::Property {
                key: *k,
                name: name.to_string(),
                old: (*old).clone(),
                new: current.get(*name).cloned(),
            });
        }
        for ((k, l), had) in labels.iter().filter(|((k, _), _)| unchanged(k)) {
            let has = self.node_has_label(k.id(), l);
            if has != *had {
                rest.push(Change::Label {
                    key: *k,
                    label: l.to_string(),
                    added: has,
                });
            }
        }
        rest.extend(asserted.into_iter().filter(unchanged).map(Change::Asserted));
        // Sorted by entity; within one, in the order above.
        rest.sort_by_key(Change::key);
        merge_sorted(out, rest)
    }
}

fn revert_property(
    state: Option<EntityState>,
    key: &str,
    old: &Option<Value>,
) -> Option<EntityState> {
    state.map(|mut s| {
        match old {
            Some(v) => s.props.insert(key.to_string(), v.clone()),
            None => s.props.remove(key),
        };
        s
    })
}

/// The creations and the other changes, in one list sorted by entity.
fn merge_sorted(created: Vec<Change>, rest: Vec<Change>) -> Vec<Change> {
    let mut out = Vec::with_capacity(created.len() + rest.len());
    let mut rest = rest.into_iter().peekable();
    for c in created {
        while rest.peek().is_some_and(|r| r.key() < c.key()) {
            out.extend(rest.next());
        }
        out.push(c);
    }
    out.extend(rest);
    out
}

impl Graph {
    /// A graph of the given entities, each keeping its id (nodes and
    /// relationships in increasing id order; a relationship's ends among
    /// the nodes). For the state as of an earlier commit.
    pub(crate) fn from_states(
        nodes: impl Iterator<Item = (u64, EntityState)>,
        rels: impl Iterator<Item = (u64, EntityState)>,
    ) -> Result<Graph, String> {
        use super::codec::encode_block;
        use super::load::GraphBuilder;
        use super::props::PropStore;
        let mut b = GraphBuilder::new();
        let (mut node_props, mut rel_props) = (PropStore::default(), PropStore::default());
        let block = |b: &mut GraphBuilder, props: BTreeMap<String, Value>| {
            let entries: Vec<_> = props
                .into_iter()
                .map(|(k, v)| (b.names().intern(&k).0, v))
                .collect();
            match entries.is_empty() {
                true => Vec::new(),
                false => encode_block(entries, b.names()),
            }
        };
        for (id, state) in nodes {
            let labels: Vec<_> = state.labels.iter().map(|l| b.names().intern(l).0).collect();
            b.add_node(id, &labels)?;
            let bytes = block(&mut b, state.props);
            node_props.set(id, &bytes);
        }
        for (id, state) in rels {
            let Some((rel_type, start, end)) = &state.rel else {
                return Err(format!("relationship {id} has no type"));
            };
            let t = b.names().intern(rel_type).0;
            b.add_rel(id, t, *start, *end)?;
            let bytes = block(&mut b, state.props);
            rel_props.set(id, &bytes);
        }
        b.set_props(node_props, rel_props);
        Ok(b.finish())
    }
}
