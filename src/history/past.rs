//! The past, computed backwards from the present: an entity, or the whole
//! graph, as it was right after an earlier commit.

use super::{Change, History, Key};
use crate::error::{Detail, Error, ErrorKind, Result};
use crate::store::Graph;
use crate::value::{NodeId, Value};
use std::collections::BTreeMap;

/// A node or relationship at one moment: labels (sorted) for a node;
/// type, start and end for a relationship; properties.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct EntityState {
    pub labels: Vec<String>,
    pub rel: Option<(String, NodeId, NodeId)>,
    pub props: BTreeMap<String, Value>,
}

/// Takes back one change: the entity after it → before it.
pub(crate) fn revert(state: Option<EntityState>, change: &Change) -> Option<EntityState> {
    match change {
        Change::Created { .. } => None,
        Change::Deleted(_, before) => Some(before.clone()),
        Change::Label { label, added, .. } => state.map(|mut s| {
            s.labels.retain(|l| l != label);
            if !added {
                s.labels.push(label.clone());
                s.labels.sort();
            }
            s
        }),
        Change::Property { name, old, .. } => state.map(|mut s| {
            match old {
                Some(v) => s.props.insert(name.clone(), v.clone()),
                None => s.props.remove(name),
            };
            s
        }),
        Change::Asserted(_) => state,
    }
}

/// The error for a commit the history does not reach.
pub(crate) fn out_of_reach(at: u64, first: u64, last: u64) -> Error {
    let why = if at > last {
        format!("the last commit is {last}")
    } else {
        format!("the history before commit {first} was compacted away")
    };
    Error::runtime(
        ErrorKind::ArgumentError,
        Detail::InvalidArgumentValue,
        format!("cannot go back to commit {at}: {why}"),
    )
}

/// Checks that the state after commit `at` can be computed.
pub(crate) fn check_reach(history: &History<'_>, at: u64) -> Result<()> {
    let last = history.tables.last()?;
    let first = history.tables.first()?;
    let reachable = at == last || (at < last && first > 0 && at + 1 >= first);
    match reachable {
        true => Ok(()),
        false => Err(out_of_reach(at, first, last)),
    }
}

/// Entities as an earlier commit left them; those not here are as the
/// graph after the last commit has them (see [`state_in`]).
pub(crate) type Then = BTreeMap<Key, Option<EntityState>>;

/// An entity in `then`, else as `graph` has it.
pub(crate) fn state_in(then: &Then, graph: &Graph, key: Key) -> Option<EntityState> {
    match then.get(&key) {
        Some(s) => s.clone(),
        None => graph.committed_state(key),
    }
}

/// Takes back commit `number`: `then`, the state right after it, becomes
/// the state right before it. `seen` gets each change, newest first, with
/// each key it is about.
pub(crate) fn revert_commit(
    history: &History<'_>,
    graph: &Graph,
    then: &mut Then,
    number: u64,
    seen: &mut dyn FnMut(Key, &Change),
) -> Result<()> {
    for change in history.changes(number)?.iter().rev() {
        for key in change.keys() {
            seen(key, change);
            let now = match then.remove(&key) {
                Some(s) => s,
                None => graph.committed_state(key),
            };
            then.insert(key, revert(now, change));
        }
    }
    Ok(())
}

/// The whole graph right after commit `at`, from `graph` (the state after
/// the last commit).
pub(crate) fn past_graph(history: &History<'_>, graph: &Graph, at: u64) -> Result<Graph> {
    check_reach(history, at)?;
    let last = history.tables.last()?;
    let mut then = Then::new();
    for number in (at + 1..=last).rev() {
        revert_commit(history, graph, &mut then, number, &mut |_, _| {})?;
    }
    let ids = |rels: bool, current: Vec<u64>| {
        let mut ids = current;
        ids.extend(then.keys().filter(|k| k.is_rel() == rels).map(|k| k.id()));
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let state = |key: Key| state_in(&then, graph, key);
    let nodes = ids(false, graph.node_ids());
    let rels = ids(true, graph.rel_ids());
    let built = Graph::from_states(
        nodes
            .into_iter()
            .filter_map(|id| state(Key::node(id)).map(|s| (id, s))),
        rels.into_iter()
            .filter_map(|id| state(Key::rel(id)).map(|s| (id, s))),
    );
    built.map_err(|e| {
        Error::runtime(
            ErrorKind::IoError,
            Detail::StorageFailure,
            format!("the commit history does not add up: {e}"),
        )
    })
}
