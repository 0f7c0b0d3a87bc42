//! Every label, relationship type and property key a graph has used, each
//! once in memory (compare them by pointer) and with a number that never
//! changes: stored records name keys, labels and types by that number.

use std::sync::Arc;

/// A name's number.
pub type NameId = u32;

/// The names, by number and by text.
#[derive(Debug, Default)]
pub struct Names {
    by_id: Vec<Arc<str>>,
    ids: foldhash::HashMap<Arc<str>, NameId>,
}

impl Names {
    /// The number and shared text of `name`, added if new.
    pub fn intern(&mut self, name: &str) -> (NameId, Arc<str>) {
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
    pub fn push(&mut self, name: &str) -> Result<(), String> {
        if self.ids.contains_key(name) {
            return Err(format!("the name {name:?} is stored twice"));
        }
        self.intern(name);
        Ok(())
    }

    /// The number of a name in use.
    pub fn id(&self, name: &str) -> Option<NameId> {
        self.ids.get(name).copied()
    }

    /// The shared text of a name in use.
    pub fn get(&self, name: &str) -> Option<&Arc<str>> {
        self.ids.get_key_value(name).map(|(n, _)| n)
    }

    /// The name with a number.
    pub fn name(&self, id: NameId) -> Option<&Arc<str>> {
        self.by_id.get(id as usize)
    }

    /// How many names there are (the next number).
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
