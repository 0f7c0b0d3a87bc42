//! Commit history: every commit's number, time, metadata and net changes,
//! kept apart from the current state, and what is computed from them
//! (the state as of an earlier commit, `history(x)`, `sources(x)`, diffs).
//!
//! A commit's changes are stored per entity (see [`Change`]): what a node
//! or relationship was before the commit when the commit deleted it, each
//! property's old and new value, labels added and removed, and the
//! entities a `MERGE` matched (they were asserted again). Creations store
//! only ids: what was created is what a later state holds, with the later
//! changes taken back. The past is computed backwards from the current
//! state, so dropping old commits (`compact`) never loses the present.

mod codec;
mod log;
mod past;
mod query;
#[cfg(test)]
mod tests;

pub(crate) use log::{HEADER, History, HistoryTables, HistoryWrite, MemTables, write_commit};
pub(crate) use past::{EntityState, past_graph};
pub use query::{DiffEntry, Entity};
pub(crate) use query::{diff, history_of, sources_of};

use crate::error::{Error, ErrorKind, Result};
use crate::value::{NodeId, RelId, Value};
use std::collections::BTreeMap;

/// Metadata of a commit: the map `tx.setMetaData` (or `--tx-meta`) gave.
pub type Metadata = BTreeMap<String, Value>;

/// One commit: its number (1, 2, ...), when it happened, the metadata it
/// carries, and how much it changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Commit {
    /// The commit's number: the first commit of a database is 1.
    pub number: u64,
    /// When it was made (UTC).
    pub time: jiff::Timestamp,
    /// The metadata it was given.
    pub meta: Metadata,
    /// How much it changed.
    pub changes: ChangeCounts,
}

/// How much a commit changed (net, as a difference of states).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChangeCounts {
    /// Nodes that exist after the commit and did not before.
    pub nodes_created: u64,
    /// Nodes that existed before the commit and do not after.
    pub nodes_deleted: u64,
    /// Relationships created.
    pub relationships_created: u64,
    /// Relationships deleted.
    pub relationships_deleted: u64,
    /// Labels added to nodes that existed before.
    pub labels_added: u64,
    /// Labels removed from nodes that still exist.
    pub labels_removed: u64,
    /// Properties given a value (new, or other than before).
    pub properties_set: u64,
    /// Properties removed.
    pub properties_removed: u64,
    /// Entities asserted again without a change (`MERGE` matched them, or
    /// `SET` wrote the value they had).
    pub asserted: u64,
}

/// A point in the history: right after a commit, or the last commit at
/// or before a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsOf {
    /// Right after the commit of this number (0: before the first).
    Commit(u64),
    /// After the last commit made at or before this time.
    Time(jiff::Timestamp),
}

impl std::str::FromStr for AsOf {
    type Err = Error;

    /// A commit number (`12`) or an RFC 3339 time (`2026-12-01T10:00:00Z`;
    /// a date alone means its start, UTC).
    fn from_str(text: &str) -> Result<AsOf> {
        let text = text.trim();
        if let Ok(n) = text.parse::<u64>() {
            return Ok(AsOf::Commit(n));
        }
        if let Ok(t) = text.parse::<jiff::Timestamp>() {
            return Ok(AsOf::Time(t));
        }
        if text.parse::<jiff::civil::Date>().is_ok()
            && let Ok(t) = format!("{text}T00:00:00Z").parse::<jiff::Timestamp>()
        {
            return Ok(AsOf::Time(t));
        }
        Err(Error::runtime(
            ErrorKind::ArgumentError,
            crate::error::Detail::InvalidArgumentValue,
            format!(
                "not a commit number or a time: '{text}' (give a number such as 12, or a time such as 2026-12-01T10:00:00Z)"
            ),
        ))
    }
}

/// A node or relationship, as history keys it: the id shifted left once,
/// the low bit set for relationships.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Key(pub u64);

impl Key {
    pub(crate) fn node(id: NodeId) -> Key {
        Key(id << 1)
    }

    pub(crate) fn rel(id: RelId) -> Key {
        Key((id << 1) | 1)
    }

    pub(crate) fn is_rel(self) -> bool {
        self.0 & 1 == 1
    }

    pub(crate) fn id(self) -> u64 {
        self.0 >> 1
    }
}

/// One net change of one entity in one commit.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Change {
    /// Entities `start..end` of one kind were created (keys of the same
    /// kind: both even or both odd).
    Created { start: Key, end: Key },
    /// The entity was deleted; it was as `before` says.
    Deleted(Key, EntityState),
    /// A label was added to (`added`) or removed from a node.
    Label {
        key: Key,
        label: String,
        added: bool,
    },
    /// A property went from `old` to `new` (`None`: absent). Equal values
    /// mean the commit wrote the value the property had: it asserted it.
    Property {
        key: Key,
        name: String,
        old: Option<Value>,
        new: Option<Value>,
    },
    /// A `MERGE` matched the entity.
    Asserted(Key),
}

impl Change {
    /// The entity it is about (the first, for a creation).
    pub(crate) fn key(&self) -> Key {
        match self {
            Change::Created { start, .. } => *start,
            Change::Deleted(k, _)
            | Change::Label { key: k, .. }
            | Change::Property { key: k, .. }
            | Change::Asserted(k) => *k,
        }
    }

    /// Whether it is about `key`.
    pub(crate) fn is_about(&self, key: Key) -> bool {
        match self {
            Change::Created { start, end } => {
                start.is_rel() == key.is_rel() && *start <= key && key < *end
            }
            other => other.key() == key,
        }
    }

    /// The keys it is about, in order.
    pub(crate) fn keys(&self) -> impl Iterator<Item = Key> + '_ {
        let (first, end) = match self {
            Change::Created { start, end } => (start.0, end.0),
            other => (other.key().0, other.key().0 + 1),
        };
        (first..end).step_by(2).map(Key)
    }
}

/// What a commit changed, sorted by entity.
pub(crate) fn count(changes: &[Change]) -> ChangeCounts {
    let mut c = ChangeCounts::default();
    let mut asserted = std::collections::BTreeSet::new();
    for change in changes {
        match change {
            Change::Created { start, end } => {
                let n = (end.0 - start.0) / 2;
                match start.is_rel() {
                    true => c.relationships_created += n,
                    false => c.nodes_created += n,
                }
            }
            Change::Deleted(k, _) => match k.is_rel() {
                true => c.relationships_deleted += 1,
                false => c.nodes_deleted += 1,
            },
            Change::Label { added: true, .. } => c.labels_added += 1,
            Change::Label { added: false, .. } => c.labels_removed += 1,
            Change::Property { old, new, key, .. } => match (old, new) {
                (o, n) if o == n => {
                    asserted.insert(*key);
                }
                (_, Some(_)) => c.properties_set += 1,
                (_, None) => c.properties_removed += 1,
            },
            Change::Asserted(k) => {
                asserted.insert(*k);
            }
        }
    }
    c.asserted = asserted.len() as u64;
    c
}
