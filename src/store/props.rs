//! A node's or relationship's properties, stored compactly: one sorted
//! vector of (interned key, value) pairs instead of a tree per entity.

use crate::value::Value;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The properties of one entity, sorted by key.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PropMap {
    entries: Vec<(Arc<str>, Value)>,
}

impl PropMap {
    /// No properties.
    pub fn new() -> PropMap {
        PropMap::default()
    }

    /// From pairs whose keys are already interned (any order; a later
    /// duplicate key wins).
    pub fn from_pairs(pairs: impl IntoIterator<Item = (Arc<str>, Value)>) -> PropMap {
        let mut entries: Vec<(Arc<str>, Value)> = pairs.into_iter().collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries.dedup_by(|later, earlier| {
            if later.0 == earlier.0 {
                std::mem::swap(&mut earlier.1, &mut later.1);
                true
            } else {
                false
            }
        });
        entries.shrink_to_fit();
        PropMap { entries }
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| (**k).cmp(key))
    }

    /// The value of a key. Entities have few properties: a linear scan
    /// that compares lengths first beats a binary search of string
    /// comparisons.
    pub fn get(&self, key: &str) -> Option<&Value> {
        if self.entries.len() <= 8 {
            return self
                .entries
                .iter()
                .find(|(k, _)| k.len() == key.len() && **k == *key)
                .map(|(_, v)| v);
        }
        self.find(key).ok().map(|i| &self.entries[i].1)
    }

    /// Whether the key is there.
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets a key; returns the old value.
    pub fn insert(&mut self, key: Arc<str>, value: Value) -> Option<Value> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    /// Removes a key; returns its value.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        self.find(key).ok().map(|i| self.entries.remove(i).1)
    }

    /// The pairs, sorted by key.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.entries.iter().map(|(k, v)| (&**k, v))
    }

    /// The keys, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(k, _)| &**k)
    }

    /// How many properties.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// As an ordinary map (for results and exports).
    pub fn to_map(&self) -> BTreeMap<String, Value> {
        self.entries
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sorted_map_in_a_vector() {
        let k = |s: &str| Arc::<str>::from(s);
        let mut m = PropMap::from_pairs([
            (k("b"), Value::Int(2)),
            (k("a"), Value::Int(1)),
            (k("b"), Value::Int(3)),
        ]);
        assert_eq!(m.keys().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(m.get("b"), Some(&Value::Int(3)));
        assert_eq!(m.insert(k("c"), Value::Null), None);
        assert_eq!(m.insert(k("a"), Value::Int(9)), Some(Value::Int(1)));
        assert_eq!(m.remove("b"), Some(Value::Int(3)));
        assert_eq!(m.remove("zz"), None);
        assert_eq!(m.len(), 2);
        assert_eq!(
            m.to_map().into_iter().collect::<Vec<_>>(),
            [
                ("a".to_string(), Value::Int(9)),
                ("c".to_string(), Value::Null)
            ]
        );
    }
}
