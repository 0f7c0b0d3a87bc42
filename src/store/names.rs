//! Every label, relationship type and property key a graph has used, each
//! once in memory (compare them by pointer) and with a number that never
//! changes: stored records name keys, labels and types by that number.

use std::sync::Arc;

/// A name's number.
pub(crate) type NameId = u32;

/// The names, by number and by text.
#[derive(Debug, Default)]
pub(crate) struct Names {
    by_id: Vec<Arc<str>>,
    ids: foldhash::HashMap<Arc<str>, NameId>,
}

impl Names {
    /// The number and shared text of `name`, added if new.
    pub(crate) fn intern(&mut self, name: &str) -> (NameId, Arc<str>) {
        if let Some((n, &id)) = self.ids.get_key_value(name) {
            return (id, n.clone());
        }
        let n: Arc<str> = Arc::from(name);
        let id = self.by_id.len() as NameId;
        self.by_id.push(n.clone());
        self.ids.insert(n.clone(), id);
        (id, n)
    }

    /// Adds the next stored name: it must not be there yet.
    pub(crate) fn push(&mut self, name: &str) -> Result<(), String> {
        if self.ids.contains_key(name) {
            return Err(format!("the name {name:?} is stored twice"));
        }
        self.intern(name);
        Ok(())
    }

    /// The number of a name in use.
    pub(crate) fn id(&self, name: &str) -> Option<NameId> {
        self.ids.get(name).copied()
    }

    /// The shared text of a name in use.
    pub(crate) fn get(&self, name: &str) -> Option<&Arc<str>> {
        self.ids.get_key_value(name).map(|(n, _)| n)
    }

    /// The name with a number.
    pub(crate) fn name(&self, id: NameId) -> Option<&Arc<str>> {
        self.by_id.get(id as usize)
    }

    /// How many names there are (the next number).
    pub(crate) fn len(&self) -> usize {
        self.by_id.len()
    }
}

/// The number of a set of labels (see [`LabelSets`]).
pub(crate) type LabelSetId = u32;

/// The distinct sets of labels nodes have, each stored once and numbered
/// (0 is the empty set): a node holds four bytes instead of a vector.
#[derive(Debug)]
pub(crate) struct LabelSets {
    sets: Vec<Box<[Arc<str>]>>,
    ids: foldhash::HashMap<Box<[Arc<str>]>, LabelSetId>,
}

impl Default for LabelSets {
    fn default() -> LabelSets {
        let empty: Box<[Arc<str>]> = Box::new([]);
        let mut ids = foldhash::HashMap::default();
        ids.insert(empty.clone(), 0);
        LabelSets {
            sets: vec![empty],
            ids,
        }
    }
}

impl LabelSets {
    /// The number of a set of labels (sorted and without repeats here).
    pub(crate) fn intern(&mut self, mut labels: Vec<Arc<str>>) -> LabelSetId {
        labels.sort();
        labels.dedup();
        if let Some(&id) = self.ids.get(labels.as_slice()) {
            return id;
        }
        let set: Box<[Arc<str>]> = labels.into_boxed_slice();
        let id = self.sets.len() as LabelSetId;
        self.sets.push(set.clone());
        self.ids.insert(set, id);
        id
    }

    /// The labels of a set, sorted (empty for an unknown number).
    pub(crate) fn get(&self, id: LabelSetId) -> &[Arc<str>] {
        self.sets.get(id as usize).map_or(&[], |s| &s[..])
    }

    /// Every set, by number.
    pub(crate) fn all(&self) -> &[Box<[Arc<str>]>] {
        &self.sets
    }

    /// The set with `label` added.
    pub(crate) fn with(&mut self, id: LabelSetId, label: &Arc<str>) -> LabelSetId {
        let mut labels = self.get(id).to_vec();
        labels.push(label.clone());
        self.intern(labels)
    }

    /// The set with `label` taken out.
    pub(crate) fn without(&mut self, id: LabelSetId, label: &str) -> LabelSetId {
        let labels = self
            .get(id)
            .iter()
            .filter(|l| &***l != label)
            .cloned()
            .collect();
        self.intern(labels)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_sets_are_stored_once() {
        let mut sets = LabelSets::default();
        let (a, b): (Arc<str>, Arc<str>) = (Arc::from("A"), Arc::from("B"));
        assert_eq!(sets.intern(vec![]), 0);
        let ab = sets.intern(vec![b.clone(), a.clone(), b.clone()]);
        assert_eq!(sets.get(ab), [a.clone(), b.clone()]);
        let only_a = sets.intern(vec![a.clone()]);
        assert_eq!(sets.with(only_a, &b), ab);
        assert_eq!(sets.with(ab, &a), ab);
        assert_eq!(sets.without(ab, "B"), only_a);
        assert_eq!(sets.without(only_a, "A"), 0);
        assert_eq!(sets.get(99), &[] as &[Arc<str>]);
    }

    #[test]
    fn names_keep_their_numbers() {
        let mut n = Names::default();
        let (a, a1) = n.intern("name");
        let (b, _) = n.intern("since");
        let (a2, a3) = n.intern("name");
        assert_eq!((a, b, a2), (0, 1, 0));
        assert!(Arc::ptr_eq(&a1, &a3));
        assert_eq!(n.id("since"), Some(1));
        assert_eq!(n.name(1).map(|s| &**s), Some("since"));
        assert_eq!(n.name(2), None);
        assert!(n.push("since").is_err());
        assert_eq!(n.push("year"), Ok(()));
        assert_eq!(n.len(), 3);
    }
}
