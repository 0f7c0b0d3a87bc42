//! Grouping by node instead of by hashing the key, when the key names its
//! node: every key is the same node variable `n` or one of its properties
//! that has a column, and one is `n` itself or a property whose column
//! holds distinct values (an imported id, a unique name; see
//! [`Column::distinct`](crate::store::Column::distinct)). Two rows with the same node are then in one group
//! and rows with different nodes are not, so a group is found by indexing
//! an array by node id: no hashing, no key to compare, and a scan meets the
//! array in order (`RETURN c.id, count(p)` over 300,000 companies spent
//! most of its grouping time on cache misses in the hash index).
//!
//! A key that holds a null (no node, or a node without the property) cannot
//! equal a key found by node, whose values are never null: such rows go
//! through the hash index as before. When a row cannot be grouped by node
//! (the variable holds a map or a relationship; the graph has uncommitted
//! changes, so a property may have changed; no column; an id past the
//! array's bound), the grouping hashes the groups found by node and goes on
//! by hashing only.

use super::{Grouping, NONE};
use crate::error::Result;
use crate::exec::{Ctx, eval, row};
use crate::plan::logical::{Expr, Slot};
use crate::store::Cell;
use crate::value::{NodeId, Value};
use std::hash::BuildHasher;

/// The groups found by node.
pub(super) struct ByNode {
    /// The node variable every key reads.
    slot: Slot,
    /// Whether a key is a property (else every key is the node itself).
    properties: bool,
    /// Per node id, its group plus one (0: none yet).
    group: Vec<u32>,
    /// Per group, the node it was found by (`NO_NODE` for a group found by
    /// hashing).
    node: Vec<NodeId>,
}

/// The node of a group found by hashing.
const NO_NODE: NodeId = NodeId::MAX;

/// Node ids the array starts with room for.
const FIRST_BOUND: usize = 1 << 10;

impl ByNode {
    /// A grouping by node for `keys`, when each is the same node variable
    /// or a property of it.
    pub(super) fn for_keys(keys: &[Expr]) -> Option<ByNode> {
        let mut slot = None;
        let mut properties = false;
        for k in keys {
            let s = match k {
                Expr::Slot(s) => *s,
                Expr::Property(base, _) => match **base {
                    Expr::Slot(s) => {
                        properties = true;
                        s
                    }
                    _ => return None,
                },
                _ => return None,
            };
            if slot.is_some_and(|first| first != s) {
                return None;
            }
            slot = Some(s);
        }
        Some(ByNode {
            slot: slot?,
            properties,
            group: Vec::new(),
            node: Vec::new(),
        })
    }

    /// The group found by node `id`.
    fn group_of(&self, id: NodeId) -> Option<usize> {
        let i = usize::try_from(id).ok()?;
        match self.group.get(i) {
            Some(&g) if g > 0 => Some(g as usize - 1),
            _ => None,
        }
    }
}

impl<S: BuildHasher> Grouping<'_, S> {
    /// The group of `row` found by its node, which it may start; `None`
    /// when the row is to be grouped by hashing its key.
    pub(super) fn group_by_node(
        &mut self,
        row: &row::Row,
        ctx: &mut Ctx<'_>,
    ) -> Result<Option<usize>> {
        let Some(by) = &self.by_node else {
            return Ok(None);
        };
        let id = match row::get(row, by.slot) {
            Value::Node(id) => *id,
            // No node: the key holds nulls.
            Value::Null => return Ok(None),
            // A map's or a relationship's key could equal a node's.
            _ => {
                self.leave_by_node();
                return Ok(None);
            }
        };
        if by.properties && !ctx.graph.columns_usable() {
            self.leave_by_node();
            return Ok(None);
        }
        if let Some(g) = by.group_of(id) {
            return Ok(Some(g));
        }
        // A node met first: its key, read from the columns. One key that
        // names the node (the node, or a value of a distinct column) is
        // enough; without one, the row's key holds a null where it would.
        let mut key = Vec::with_capacity(self.keys.len() + self.aggs.len());
        let mut named = false;
        let mut can_name = false;
        for i in 0..self.keys.len() {
            if !matches!(self.keys[i], Expr::Property(..)) {
                (named, can_name) = (true, true);
                key.push(Value::Node(id));
                continue;
            }
            let Some(column) = self.column(i, ctx) else {
                self.leave_by_node();
                return Ok(None);
            };
            let (distinct, cell) = (column.distinct(), column.cell(id));
            can_name |= distinct;
            named |= distinct && cell != Cell::Missing;
            match cell.value() {
                Some(v) => key.push(v),
                None => key.push(eval(&self.keys[i], row, ctx)?),
            }
        }
        if !can_name {
            self.leave_by_node();
        }
        if !named {
            return Ok(None);
        }
        let bound = ctx.graph.node_count().saturating_mul(2).max(FIRST_BOUND);
        let (Some(i), Ok(next)) = (
            usize::try_from(id).ok().filter(|i| *i < bound),
            u32::try_from(self.groups.len() + 1),
        ) else {
            self.leave_by_node();
            return Ok(None);
        };
        if let Some(by) = &mut self.by_node
            && i >= by.group.len()
        {
            let len = (i + 1).max(by.group.len() * 2).clamp(FIRST_BOUND, bound);
            self.kept.grow((len - by.group.len()) * 4)?;
            by.group.resize(len, 0);
        }
        let g = self.start_group(key)?;
        if let Some(by) = &mut self.by_node {
            by.group[i] = next;
            by.node[g] = id;
        }
        Ok(Some(g))
    }

    /// Records a new group, found by hashing until [`ByNode`] says
    /// otherwise.
    pub(super) fn note_new_group(&mut self) {
        if let Some(by) = &mut self.by_node {
            by.node.push(NO_NODE);
        }
    }

    /// Goes on by hashing only: the groups found by node join the index.
    pub(super) fn leave_by_node(&mut self) {
        let Some(by) = self.by_node.take() else {
            return;
        };
        for (g, &node) in by.node.iter().enumerate() {
            if node != NO_NODE {
                let h = self.hash_key(&self.groups[g]);
                self.same_hash[g] = self.index.insert(h, g).unwrap_or(NONE);
            }
        }
    }

    /// The node group `g` was found by, if it was.
    pub(super) fn node_of_group(&self, g: usize) -> Option<NodeId> {
        let by = self.by_node.as_ref()?;
        by.node.get(g).copied().filter(|n| *n != NO_NODE)
    }

    /// The group found by node `id`, in a grouping by node.
    pub(super) fn group_of_node(&self, id: NodeId) -> Option<usize> {
        self.by_node.as_ref()?.group_of(id)
    }
}
