//! The property index: for every node property key, the nodes holding each
//! scalar value, so that `{name: 'OpenAI'}` is a lookup and not a scan.

use crate::value::{NodeId, Value};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// A property value as the index sees it: numbers that are equal by Cypher
/// `=` get the same key (`1` and `1.0`). Lists, maps and NaN are not indexed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum IndexKey {
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
    pub fn of(value: &Value) -> Option<IndexKey> {
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

/// key → value → nodes.
#[derive(Debug, Default)]
pub struct PropertyIndex {
    by_key: HashMap<String, HashMap<IndexKey, BTreeSet<NodeId>>>,
}

impl PropertyIndex {
    /// Records that `node` has `key: value`.
    pub fn insert(&mut self, key: &str, value: &Value, node: NodeId) {
        if let Some(k) = IndexKey::of(value) {
            let values = match self.by_key.get_mut(key) {
                Some(v) => v,
                None => self.by_key.entry(key.to_string()).or_default(),
            };
            values.entry(k).or_default().insert(node);
        }
    }

    /// Forgets that `node` has `key: value`.
    pub fn remove(&mut self, key: &str, value: &Value, node: NodeId) {
        if let Some(k) = IndexKey::of(value)
            && let Some(values) = self.by_key.get_mut(key)
            && let Some(set) = values.get_mut(&k)
        {
            set.remove(&node);
            if set.is_empty() {
                values.remove(&k);
            }
        }
    }

    /// The distinct string values indexed under `key`.
    pub fn string_values(&self, key: &str) -> Vec<Arc<str>> {
        self.by_key
            .get(key)
            .map(|values| {
                values
                    .keys()
                    .filter_map(|k| {
                        if let IndexKey::Str(s) = k {
                            Some(s.clone())
                        } else {
                            None
                        }
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The nodes with `key` equal to the value of `k`, in id order.
    pub fn lookup(&self, key: &str, k: &IndexKey) -> Vec<NodeId> {
        self.by_key
            .get(key)
            .and_then(|values| values.get(k))
            .map(|set| set.iter().copied().collect())
            .unwrap_or_default()
    }
}
