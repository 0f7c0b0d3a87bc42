//! The property index: for node property keys, the nodes holding each
//! scalar value, so that `{name: 'OpenAI'}` is a lookup and not a scan.

use crate::value::{NodeId, Value};
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, PoisonError, RwLock};

/// A property value as the index sees it: numbers that are equal by Cypher
/// `=` get the same key (`1` and `1.0`). Lists, maps and NaN are not indexed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum IndexKey {
    /// A boolean.
    Bool(bool),
    /// An integer, or a float with an integral value that fits.
    Int(i64),
    /// A non-integral float, by its bits.
    Float(u64),
    /// A string.
    Str(Arc<str>),
}

impl IndexKey {
    /// The key of a value, or `None` when the value is not indexed.
    pub(crate) fn of(value: &Value) -> Option<IndexKey> {
        match value {
            Value::Bool(b) => Some(IndexKey::Bool(*b)),
            Value::Int(i) => Some(IndexKey::Int(*i)),
            Value::Float(f) if f.is_nan() => None,
            Value::Float(f) => {
                if f.fract() == 0.0 && f.abs() < 9.0e15 {
                    Some(IndexKey::Int(*f as i64))
                } else {
                    Some(IndexKey::Float(f.to_bits()))
                }
            }
            Value::String(s) => Some(IndexKey::Str(s.clone())),
            _ => None,
        }
    }
}

/// The nodes holding one value: most values (ids, names) are held by one
/// node, which needs no set of its own (and a boxed set keeps the entry
/// for one node at 16 bytes).
#[derive(Debug)]
#[allow(clippy::box_collection)] // The box is the point: one word, not three.
enum Holders {
    One(NodeId),
    Many(Box<BTreeSet<NodeId>>),
}

impl Holders {
    fn insert(&mut self, node: NodeId) {
        match self {
            Holders::One(n) if *n == node => {}
            Holders::One(n) => *self = Holders::Many(Box::new(BTreeSet::from([*n, node]))),
            Holders::Many(set) => {
                set.insert(node);
            }
        }
    }

    /// Forgets `node`; whether none is left. (A set is never left with
    /// fewer than two: at one it becomes `One`.)
    fn remove(&mut self, node: NodeId) -> bool {
        match self {
            Holders::One(n) => *n == node,
            Holders::Many(set) => {
                set.remove(&node);
                if set.len() == 1
                    && let Some(&only) = set.first()
                {
                    *self = Holders::One(only);
                }
                false
            }
        }
    }

    /// The nodes, in id order.
    fn ids(&self) -> Vec<NodeId> {
        match self {
            Holders::One(n) => vec![*n],
            Holders::Many(set) => set.iter().copied().collect(),
        }
    }
}

/// One key's values and the nodes holding each.
type Values = HashMap<IndexKey, Holders>;

/// Records that `node` holds `k`.
fn hold(values: &mut Values, k: IndexKey, node: NodeId) {
    match values.get_mut(&k) {
        Some(h) => h.insert(node),
        None => {
            values.insert(k, Holders::One(node));
        }
    }
}

/// key → value → nodes, for the keys asked about so far: a key's part is
/// built from the graph the first time a lookup needs it (opening a
/// database builds none), and kept up to date from then on.
#[derive(Debug, Default)]
pub(crate) struct PropertyIndex {
    by_key: RwLock<HashMap<String, Values>>,
}

impl PropertyIndex {
    fn built(&mut self) -> &mut HashMap<String, Values> {
        self.by_key
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Records that `node` has `key: value` (if the key's part is built).
    pub(crate) fn insert(&mut self, key: &str, value: &Value, node: NodeId) {
        // Most keys have no index: look that up before making a key.
        if let Some(values) = self.built().get_mut(key)
            && let Some(k) = IndexKey::of(value)
        {
            hold(values, k, node);
        }
    }

    /// Forgets that `node` has `key: value`.
    pub(crate) fn remove(&mut self, key: &str, value: &Value, node: NodeId) {
        if let Some(k) = IndexKey::of(value)
            && let Some(values) = self.built().get_mut(key)
            && let Some(holders) = values.get_mut(&k)
            && holders.remove(node)
        {
            values.remove(&k);
        }
    }

    /// Runs `f` on the part for `key`, building it first from `holders`
    /// (every live node with its value for the key) if need be.
    fn with_key<R>(
        &self,
        key: &str,
        holders: impl FnOnce(&mut dyn FnMut(NodeId, &Value)),
        f: impl FnOnce(&Values) -> R,
    ) -> R {
        if let Some(values) = self
            .by_key
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(key)
        {
            return f(values);
        }
        let mut values = Values::new();
        holders(&mut |node, value| {
            if let Some(k) = IndexKey::of(value) {
                hold(&mut values, k, node);
            }
        });
        let mut built = self.by_key.write().unwrap_or_else(PoisonError::into_inner);
        f(built.entry(key.to_string()).or_insert(values))
    }

    /// The distinct string values indexed under `key`.
    pub(crate) fn string_values(
        &self,
        key: &str,
        holders: impl FnOnce(&mut dyn FnMut(NodeId, &Value)),
    ) -> Vec<Arc<str>> {
        self.with_key(key, holders, |values| {
            values
                .keys()
                .filter_map(|k| match k {
                    IndexKey::Str(s) => Some(s.clone()),
                    _ => None,
                })
                .collect()
        })
    }

    /// The nodes with `key` equal to the value of `k`, in id order.
    pub(crate) fn lookup(
        &self,
        key: &str,
        k: &IndexKey,
        holders: impl FnOnce(&mut dyn FnMut(NodeId, &Value)),
    ) -> Vec<NodeId> {
        self.with_key(key, holders, |values| {
            values.get(k).map(Holders::ids).unwrap_or_default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holders_of_a_value_come_and_go() {
        let mut values = Values::new();
        let k = || IndexKey::Int(1);
        hold(&mut values, k(), 5);
        hold(&mut values, k(), 5);
        assert_eq!(values[&k()].ids(), [5]);
        hold(&mut values, k(), 2);
        hold(&mut values, k(), 9);
        assert_eq!(values[&k()].ids(), [2, 5, 9]);
        let gone = |values: &mut Values, n| values.get_mut(&k()).is_some_and(|h| h.remove(n));
        assert!(!gone(&mut values, 5));
        assert!(!gone(&mut values, 7));
        assert!(!gone(&mut values, 2));
        assert!(matches!(values[&k()], Holders::One(9)));
        assert!(!gone(&mut values, 3));
        assert!(gone(&mut values, 9));
    }
}
