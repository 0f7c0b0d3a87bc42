//! Live entities: the one check that a node or relationship was not deleted
//! in the running transaction before its data is read or written.
//!
//! The graph keeps a deleted entity's record until commit (a rollback
//! restores the same ids), so a row may still hold it. Its identity stays
//! readable (`id`, `type`, `startNode`, `endNode`, the paths it is part
//! of, as the TCK's `RETURN type(r)` after `DELETE r` expects); its data
//! (properties, labels, keys, label predicates, map projections) and any
//! change to it are the TCK's `EntityNotFound: DeletedEntityAccess`.
//! Everything that reads or writes an entity's data goes through
//! [`node`], [`rel`] or [`entity`].

use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use crate::store::{Graph, Props};
use crate::value::{NodeId, RelId, Value};

/// The error for reading or changing an entity deleted in this transaction.
fn deleted_access() -> Error {
    Error::runtime(
        ErrorKind::EntityNotFound,
        Detail::DeletedEntityAccess,
        "the entity was deleted in this transaction",
    )
}

/// The node `id`, or [`deleted_access`] when it was deleted.
#[inline]
pub(crate) fn node(graph: &Graph, id: NodeId) -> Result<NodeId> {
    if graph.is_node_deleted(id) {
        return Err(deleted_access());
    }
    Ok(id)
}

/// The relationship `id`, or [`deleted_access`] when it was deleted.
#[inline]
pub(crate) fn rel(graph: &Graph, id: RelId) -> Result<RelId> {
    if graph.is_rel_deleted(id) {
        return Err(deleted_access());
    }
    Ok(id)
}

/// A node or relationship the running transaction has not deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Entity {
    /// A live node.
    Node(NodeId),
    /// A live relationship.
    Rel(RelId),
}

/// `v` as a live entity: `None` when `v` is no node or relationship,
/// [`deleted_access`] when it was deleted.
#[inline]
pub(crate) fn entity(graph: &Graph, v: &Value) -> Result<Option<Entity>> {
    Ok(match v {
        Value::Node(id) => Some(Entity::Node(node(graph, *id)?)),
        Value::Relationship(id) => Some(Entity::Rel(rel(graph, *id)?)),
        _ => None,
    })
}

impl Entity {
    /// All its properties (`None` for an id the graph never had).
    pub(crate) fn properties(self, graph: &Graph) -> Option<Props<'_>> {
        match self {
            Entity::Node(id) => graph.node_properties(id),
            Entity::Rel(id) => graph.rel_properties(id),
        }
    }
}
