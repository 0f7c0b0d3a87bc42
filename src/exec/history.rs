//! What a running statement knows of the commit history: where it is
//! kept, which commit the graph shows, and the metadata
//! `tx.setMetaData` gave; and the functions `history(x)` and
//! `sources(x[, key])`.

use super::live;
use crate::error::{Detail, Error, ErrorKind, Result};
use crate::history::{self, History, HistoryTables, Key, MemTables, Metadata};
use crate::store::{Disk, Graph};
use crate::value::Value;

/// Where the history is kept.
#[derive(Clone, Copy)]
pub(crate) enum HistorySource<'a> {
    /// In memory (a database without a file).
    Memory(&'a MemTables),
    /// In the database file.
    Disk(&'a Disk),
}

/// The history as a statement sees it.
#[derive(Default)]
pub(crate) struct HistoryCtx<'a> {
    /// Where it is kept (`None`: nowhere, as in tests of operators).
    pub source: Option<HistorySource<'a>>,
    /// The graph after the last commit, when the statement reads an
    /// earlier state (`--as-of`); `None` when it reads the present.
    pub present: Option<&'a Graph>,
    /// The commit whose state the statement reads.
    pub at: u64,
    /// The metadata `tx.setMetaData` gave in this statement.
    pub meta: Option<Metadata>,
}

impl HistoryCtx<'_> {
    /// The same history, for a part of the statement run on another thread.
    pub(crate) fn reader(&self) -> HistoryCtx<'_> {
        HistoryCtx {
            source: match self.source {
                Some(HistorySource::Memory(m)) => Some(HistorySource::Memory(m)),
                Some(HistorySource::Disk(d)) => Some(HistorySource::Disk(d)),
                None => None,
            },
            present: self.present,
            at: self.at,
            meta: self.meta.clone(),
        }
    }

    /// Runs `f` on the history tables.
    pub(crate) fn with<T>(&self, f: impl FnOnce(&History<'_>) -> Result<T>) -> Result<T> {
        match self.source {
            Some(HistorySource::Memory(m)) => f(&History { tables: m }),
            Some(HistorySource::Disk(d)) => {
                let tables = d.history()?;
                f(&History {
                    tables: &tables as &dyn HistoryTables,
                })
            }
            None => f(&History {
                tables: &MemTables::default(),
            }),
        }
    }
}

/// The entity `v` names, for `func`.
fn key_of(func: &str, v: &Value, graph: &Graph) -> Result<Key> {
    match v {
        Value::Node(id) => live::node(graph, *id).map(Key::node),
        Value::Relationship(id) => live::rel(graph, *id).map(Key::rel),
        other => Err(Error::type_error(format!(
            "{func}() needs a Node or Relationship, got {}",
            other.type_name()
        ))),
    }
}

/// `history(x)`: the versions of a node or relationship, oldest first.
pub(crate) fn history_fn(args: &[Value], graph: &Graph, h: &HistoryCtx<'_>) -> Result<Value> {
    let key = key_of("history", &args[0], graph)?;
    let present = h.present.unwrap_or(graph);
    h.with(|hist| history::history_of(hist, present, key, h.at))
}

/// `sources(x)` and `sources(x, key)`: the metadata of the commits that
/// asserted a node or relationship, or the current value of its property.
pub(crate) fn sources_fn(args: &[Value], graph: &Graph, h: &HistoryCtx<'_>) -> Result<Value> {
    let key = key_of("sources", &args[0], graph)?;
    let property = match args.get(1) {
        None => None,
        Some(Value::String(s)) => Some(s.to_string()),
        Some(other) => {
            return Err(Error::type_error(format!(
                "sources() needs a property name as its second argument, got {}",
                other.type_name()
            )));
        }
    };
    let present = h.present.unwrap_or(graph);
    h.with(|hist| history::sources_of(hist, present, key, h.at, property.as_deref()))
}

/// Checks metadata for `tx.setMetaData`: a map of values a property could
/// hold (no nodes, relationships or paths).
pub(crate) fn check_metadata(v: &Value) -> Result<Metadata> {
    fn storable(v: &Value) -> bool {
        match v {
            Value::Node(_) | Value::Relationship(_) | Value::Path(_) => false,
            Value::List(items) => items.iter().all(storable),
            Value::Map(m) => m.values().all(storable),
            _ => true,
        }
    }
    match v {
        Value::Map(m) if storable(v) => Ok(m.clone()),
        Value::Null => Ok(Metadata::new()),
        _ => Err(Error::runtime(
            ErrorKind::TypeError,
            Detail::InvalidArgumentType,
            format!(
                "tx.setMetaData() needs a map of values (no nodes, relationships or paths), got {}",
                v.type_name()
            ),
        )),
    }
}
