//! Setting and removing properties of one entity: one key, or many in one
//! decoding of its block (a wide `SET n = map` stays linear), with the
//! property index and the undo log kept up to date.

use super::codec;
use super::graph::{Graph, Undo, eix, nix};
use super::names::{NameId, Names};
use super::props::{PropStore, Props};
use crate::value::{NodeId, RelId, Value};
use std::collections::HashMap;
use std::sync::Arc;

impl Graph {
    /// Sets (`Some`) or removes (`None`) one key in the block of `id` in
    /// `store`; returns the old value.
    pub(super) fn edit_props(
        store: &mut PropStore,
        names: &Names,
        id: u64,
        key: NameId,
        value: Option<Value>,
    ) -> Option<Value> {
        Graph::edit_props_many(store, names, id, vec![(key, value)])
            .pop()
            .flatten()
    }

    /// Sets or removes several keys in the block of `id` in `store`, in
    /// order (a later edit of a key wins), decoding and encoding the block
    /// once; returns each edit's old value.
    pub(super) fn edit_props_many(
        store: &mut PropStore,
        names: &Names,
        id: u64,
        edits: Vec<(NameId, Option<Value>)>,
    ) -> Vec<Option<Value>> {
        let mut entries: Vec<Option<(NameId, Value)>> = Props::new(store.get(id), names)
            .entries()
            .map(Some)
            .collect();
        let mut at: HashMap<NameId, usize> = entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| e.as_ref().map(|(k, _)| (*k, i)))
            .collect();
        let mut olds = Vec::with_capacity(edits.len());
        let mut changed = false;
        for (key, value) in edits {
            let old = at
                .remove(&key)
                .and_then(|i| entries[i].take())
                .map(|(_, v)| v);
            changed |= old.is_some() || value.is_some();
            if let Some(v) = value {
                at.insert(key, entries.len());
                entries.push(Some((key, v)));
            }
            olds.push(old);
        }
        if changed {
            store.set(
                id,
                &codec::encode_block(entries.into_iter().flatten().collect(), names),
            );
        }
        olds
    }

    /// Sets (`Some`) or removes (`None`) a node property; returns the old value.
    pub(crate) fn set_node_property(
        &mut self,
        id: NodeId,
        key: &str,
        value: Option<Value>,
    ) -> Option<Value> {
        self.thaw();
        if !self.g.contains_node(nix(id)) {
            return None;
        }
        let (key_id, key) = self.names.intern(key);
        let old = Graph::edit_props(&mut self.node_props, &self.names, id, key_id, value.clone());
        if let Some(o) = &old {
            self.index.remove(&key, o, id);
        }
        if let Some(v) = &value {
            self.index.insert(&key, v, id);
        }
        self.undo.push(Undo::NodeProperty(id, key, old.clone()));
        old
    }

    /// Sets (`Some`) or removes (`None`) several properties of a node at
    /// once, in order, in time linear in the node's properties and the
    /// edits (`SET n = map`, `SET n += map`). False when there is no such node.
    pub(crate) fn set_node_properties(
        &mut self,
        id: NodeId,
        edits: Vec<(&str, Option<Value>)>,
    ) -> bool {
        self.thaw();
        if !self.g.contains_node(nix(id)) {
            return false;
        }
        let (keys, edits) = self.intern_edits(edits);
        let olds = Graph::edit_props_many(&mut self.node_props, &self.names, id, edits.clone());
        for ((key, (_, new)), old) in keys.into_iter().zip(edits).zip(olds) {
            if let Some(o) = &old {
                self.index.remove(&key, o, id);
            }
            if let Some(v) = &new {
                self.index.insert(&key, v, id);
            }
            self.undo.push(Undo::NodeProperty(id, key, old));
        }
        true
    }

    /// [`Graph::set_node_properties`] for a relationship.
    pub(crate) fn set_rel_properties(
        &mut self,
        id: RelId,
        edits: Vec<(&str, Option<Value>)>,
    ) -> bool {
        self.thaw();
        if self.g.edge_weight(eix(id)).is_none() {
            return false;
        }
        let (keys, edits) = self.intern_edits(edits);
        let olds = Graph::edit_props_many(&mut self.rel_props, &self.names, id, edits);
        for (key, old) in keys.into_iter().zip(olds) {
            self.undo.push(Undo::RelProperty(id, key, old));
        }
        true
    }

    #[allow(clippy::type_complexity)]
    fn intern_edits(
        &mut self,
        edits: Vec<(&str, Option<Value>)>,
    ) -> (Vec<Arc<str>>, Vec<(NameId, Option<Value>)>) {
        edits
            .into_iter()
            .map(|(k, v)| {
                let (id, key) = self.names.intern(k);
                (key, (id, v))
            })
            .unzip()
    }

    /// Sets (`Some`) or removes (`None`) a relationship property; returns the old value.
    pub(crate) fn set_rel_property(
        &mut self,
        id: RelId,
        key: &str,
        value: Option<Value>,
    ) -> Option<Value> {
        self.thaw();
        self.g.edge_weight(eix(id))?;
        let (key_id, key) = self.names.intern(key);
        let old = Graph::edit_props(&mut self.rel_props, &self.names, id, key_id, value);
        self.undo.push(Undo::RelProperty(id, key, old.clone()));
        old
    }
}
