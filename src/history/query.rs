//! What users ask of the history: an entity's versions (`history(x)`),
//! the commits that asserted it (`sources(x)`), and what changed between
//! two commits (`diff`).

use super::past::{Then, check_reach, revert, revert_commit, state_in};
use super::{Change, Commit, EntityState, History, Key};
use crate::error::Result;
use crate::store::Graph;
use crate::value::{DateTime, NodeId, RelId, Value};
use std::collections::{BTreeMap, BTreeSet};

/// What a commit did to one entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Created,
    Updated,
    Deleted,
    /// Written or matched again, unchanged.
    Asserted,
}

/// One version: the commit, what it did, and the entity after it
/// (before it, for a deletion).
struct Version {
    number: u64,
    kind: Kind,
    state: Option<EntityState>,
    changes: Vec<Change>,
}

/// The versions of the entity alive (or last alive) right after commit
/// `at`, oldest first, from its latest creation; `now` is what it is after
/// the last commit.
fn versions(
    history: &History<'_>,
    key: Key,
    now: Option<EntityState>,
    at: u64,
) -> Result<Vec<Version>> {
    let mut state = now;
    let mut out = Vec::new();
    for (number, changes) in history.versions(key, u64::MAX)?.into_iter().rev() {
        let after = state.clone();
        let (kind, changes) = match changes {
            None => (Kind::Created, Vec::new()),
            Some(c) => {
                let kind = if c.iter().any(|c| matches!(c, Change::Deleted(..))) {
                    Kind::Deleted
                } else if c.iter().any(|c| match c {
                    Change::Label { .. } => true,
                    Change::Property { old, new, .. } => old != new,
                    _ => false,
                }) {
                    Kind::Updated
                } else {
                    Kind::Asserted
                };
                (kind, c)
            }
        };
        state = match kind {
            Kind::Created => None,
            _ => changes.iter().rev().fold(state, revert),
        };
        if number <= at {
            let shown = match kind {
                Kind::Deleted => state.clone(),
                _ => after,
            };
            out.push(Version {
                number,
                kind,
                state: shown,
                changes,
            });
            if kind == Kind::Created {
                break;
            }
        }
    }
    out.reverse();
    // From the latest creation on (an id a deleted entity had may be taken
    // by a new one).
    if let Some(i) = out.iter().rposition(|v| v.kind == Kind::Created) {
        out.drain(..i);
    }
    Ok(out)
}

fn commit_map(commit: Option<Commit>, number: u64) -> BTreeMap<String, Value> {
    let mut m = BTreeMap::new();
    m.insert("commit".to_string(), Value::Int(number as i64));
    if let Some(c) = commit {
        m.insert(
            "time".to_string(),
            Value::DateTime(DateTime::new(c.time, jiff::tz::TimeZone::UTC)),
        );
        m.insert("meta".to_string(), Value::Map(c.meta));
    }
    m
}

/// `history(x)`: the versions of `key`, oldest first, each a map
/// `{commit, time, meta, change, labels|type, properties}`.
pub(crate) fn history_of(history: &History<'_>, graph: &Graph, key: Key, at: u64) -> Result<Value> {
    let now = graph.committed_state(key);
    let mut out = Vec::new();
    for v in versions(history, key, now, at)? {
        let change = match v.kind {
            Kind::Created => "created",
            Kind::Updated => "updated",
            Kind::Deleted => "deleted",
            Kind::Asserted => continue,
        };
        let mut m = commit_map(history.commit(v.number)?, v.number);
        m.insert("change".to_string(), Value::string(change));
        let state = v.state.unwrap_or_default();
        match &state.rel {
            Some((t, _, _)) => m.insert("type".to_string(), Value::string(t)),
            None => m.insert(
                "labels".to_string(),
                Value::List(state.labels.iter().map(Value::string).collect()),
            ),
        };
        m.insert("properties".to_string(), Value::Map(state.props));
        out.push(Value::Map(m));
    }
    Ok(Value::List(out))
}

/// `sources(x)` (`property` `None`) or `sources(x, property)`: the
/// metadata of the commits that asserted the entity (or the current value
/// of its property), oldest first, with `commit` and `time` added.
pub(crate) fn sources_of(
    history: &History<'_>,
    graph: &Graph,
    key: Key,
    at: u64,
    property: Option<&str>,
) -> Result<Value> {
    let now = graph.committed_state(key);
    let versions = versions(history, key, now, at)?;
    let numbers: Vec<u64> = match property {
        None => versions.iter().map(|v| v.number).collect(),
        Some(name) => {
            let current = versions
                .last()
                .and_then(|v| v.state.as_ref())
                .and_then(|s| s.props.get(name));
            let mut found = Vec::new();
            if current.is_some() {
                for v in versions.iter().rev() {
                    if v.kind == Kind::Created {
                        found.push(v.number);
                        break;
                    }
                    let set = v.changes.iter().find_map(|c| match c {
                        Change::Property {
                            name: n, old, new, ..
                        } if n == name => Some(old == new),
                        _ => None,
                    });
                    if let Some(same) = set {
                        found.push(v.number);
                        if !same {
                            break;
                        }
                    }
                }
            }
            found.reverse();
            found
        }
    };
    let mut out = Vec::new();
    for n in numbers {
        let commit = history.commit(n)?;
        let mut m = commit.as_ref().map(|c| c.meta.clone()).unwrap_or_default();
        m.extend(
            commit_map(commit, n)
                .into_iter()
                .filter(|(k, _)| k != "meta"),
        );
        out.push(Value::Map(m));
    }
    Ok(Value::List(out))
}

/// A node or relationship, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Entity {
    /// A node.
    Node(NodeId),
    /// A relationship.
    Relationship(RelId),
}

/// One difference between two states of the graph.
#[derive(Debug, Clone, PartialEq)]
pub enum DiffEntry {
    /// A node that exists in the second state only.
    NodeCreated {
        /// Its id.
        id: NodeId,
        /// Its labels.
        labels: Vec<String>,
        /// Its properties.
        properties: BTreeMap<String, Value>,
    },
    /// A node that exists in the first state only, as it was there.
    NodeDeleted {
        /// Its id.
        id: NodeId,
        /// Its labels.
        labels: Vec<String>,
        /// Its properties.
        properties: BTreeMap<String, Value>,
    },
    /// A relationship in the second state only.
    RelationshipCreated {
        /// Its id.
        id: RelId,
        /// Its type.
        rel_type: String,
        /// Its start node.
        start: NodeId,
        /// Its end node.
        end: NodeId,
        /// Its properties.
        properties: BTreeMap<String, Value>,
    },
    /// A relationship in the first state only, as it was there.
    RelationshipDeleted {
        /// Its id.
        id: RelId,
        /// Its type.
        rel_type: String,
        /// Its start node.
        start: NodeId,
        /// Its end node.
        end: NodeId,
        /// Its properties.
        properties: BTreeMap<String, Value>,
    },
    /// A label a node has in the second state, not in the first.
    LabelAdded {
        /// The node.
        node: NodeId,
        /// The label.
        label: String,
    },
    /// A label a node has in the first state, not in the second.
    LabelRemoved {
        /// The node.
        node: NodeId,
        /// The label.
        label: String,
    },
    /// A property with a value in the second state, another or none in
    /// the first.
    PropertySet {
        /// Whose.
        entity: Entity,
        /// The key.
        key: String,
        /// The value before (`None`: absent).
        old: Option<Value>,
        /// The value after.
        new: Value,
    },
    /// A property in the first state, absent in the second.
    PropertyRemoved {
        /// Whose.
        entity: Entity,
        /// The key.
        key: String,
        /// The value before.
        old: Value,
    },
}

/// What changed from right after commit `from` to right after commit
/// `to`, entity by entity (nodes, then relationships, by id).
pub(crate) fn diff(
    history: &History<'_>,
    graph: &Graph,
    from: u64,
    to: u64,
) -> Result<Vec<DiffEntry>> {
    check_reach(history, from.min(to))?;
    let last = history.tables.last()?;
    let mut then = Then::new();
    for number in (to + 1..=last).rev() {
        revert_commit(history, graph, &mut then, number, &mut |_, _| {})?;
    }
    // `deleted`: the keys a commit deleted (an id taken again later is
    // another entity, not an update of the first).
    let mut deleted = BTreeSet::new();
    let mut touched = BTreeSet::new();
    let mut at_to: BTreeMap<Key, Option<EntityState>> = BTreeMap::new();
    let mut before = then.clone();
    for number in (from + 1..=to).rev() {
        revert_commit(history, graph, &mut before, number, &mut |key, change| {
            if let Change::Deleted(..) = change {
                deleted.insert(key);
            }
            if touched.insert(key) {
                at_to.insert(key, state_in(&then, graph, key));
            }
        })?;
    }
    // Nodes first, then relationships.
    let mut keys: Vec<Key> = touched.into_iter().collect();
    keys.sort_by_key(|k| (k.is_rel(), k.id()));
    let mut out = Vec::new();
    for key in keys {
        let a = state_in(&before, graph, key);
        let b = at_to.remove(&key).flatten();
        if a.is_some() && b.is_some() && deleted.contains(&key) {
            // Deleted, and its id taken by a new entity.
            entity_diff(key, a, None, &mut out);
            entity_diff(key, None, b, &mut out);
        } else {
            entity_diff(key, a, b, &mut out);
        }
    }
    Ok(out)
}

fn entity_diff(key: Key, a: Option<EntityState>, b: Option<EntityState>, out: &mut Vec<DiffEntry>) {
    let id = key.id();
    let entity = match key.is_rel() {
        true => Entity::Relationship(id),
        false => Entity::Node(id),
    };
    match (a, b) {
        (None, None) => {}
        (None, Some(s)) => out.push(match s.rel {
            Some((rel_type, start, end)) => DiffEntry::RelationshipCreated {
                id,
                rel_type,
                start,
                end,
                properties: s.props,
            },
            None => DiffEntry::NodeCreated {
                id,
                labels: s.labels,
                properties: s.props,
            },
        }),
        (Some(s), None) => out.push(match s.rel {
            Some((rel_type, start, end)) => DiffEntry::RelationshipDeleted {
                id,
                rel_type,
                start,
                end,
                properties: s.props,
            },
            None => DiffEntry::NodeDeleted {
                id,
                labels: s.labels,
                properties: s.props,
            },
        }),
        (Some(a), Some(b)) => {
            for l in b.labels.iter().filter(|l| !a.labels.contains(l)) {
                out.push(DiffEntry::LabelAdded {
                    node: id,
                    label: l.clone(),
                });
            }
            for l in a.labels.iter().filter(|l| !b.labels.contains(l)) {
                out.push(DiffEntry::LabelRemoved {
                    node: id,
                    label: l.clone(),
                });
            }
            let keys: BTreeSet<&String> = a.props.keys().chain(b.props.keys()).collect();
            for k in keys {
                match (a.props.get(k), b.props.get(k)) {
                    (old, Some(new)) if old != Some(new) => out.push(DiffEntry::PropertySet {
                        entity,
                        key: k.clone(),
                        old: old.cloned(),
                        new: new.clone(),
                    }),
                    (Some(old), None) => out.push(DiffEntry::PropertyRemoved {
                        entity,
                        key: k.clone(),
                        old: old.clone(),
                    }),
                    _ => {}
                }
            }
        }
    }
}
