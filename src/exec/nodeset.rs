//! A set of node ids: a bitmap when the ids are dense and bounded (the
//! compact copy of the graph says how far they go), a hash set otherwise.

use crate::value::NodeId;

/// A set of node ids.
pub enum NodeSet {
    /// One bit per possible id, and how many are set.
    Bits(Vec<u64>, usize),
    /// Any ids.
    Hash(foldhash::HashSet<NodeId>),
}

impl NodeSet {
    /// An empty set for ids below `bound` when it is known (others still fit).
    pub fn new(bound: Option<usize>) -> NodeSet {
        match bound {
            Some(b) => NodeSet::Bits(vec![0; b.div_ceil(64)], 0),
            None => NodeSet::Hash(foldhash::HashSet::default()),
        }
    }

    /// Adds `id`; whether it was not there yet.
    pub fn insert(&mut self, id: NodeId) -> bool {
        match self {
            NodeSet::Bits(words, len) => {
                let (w, bit) = ((id / 64) as usize, 1u64 << (id % 64));
                if w >= words.len() {
                    words.resize(w + 1, 0);
                }
                let fresh = words[w] & bit == 0;
                words[w] |= bit;
                *len += usize::from(fresh);
                fresh
            }
            NodeSet::Hash(set) => set.insert(id),
        }
    }

    /// Whether `id` is in the set.
    pub fn contains(&self, id: NodeId) -> bool {
        match self {
            NodeSet::Bits(words, _) => crate::store::has_bit(words, id),
            NodeSet::Hash(set) => set.contains(&id),
        }
    }

    /// How many ids are in the set.
    pub fn len(&self) -> usize {
        match self {
            NodeSet::Bits(_, len) => *len,
            NodeSet::Hash(set) => set.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_behave_alike() {
        for mut set in [NodeSet::new(Some(100)), NodeSet::new(None)] {
            assert!(set.insert(3));
            assert!(set.insert(99));
            assert!(!set.insert(3));
            // Past the bound: the bitmap grows.
            assert!(set.insert(1000));
            assert!(set.contains(3) && set.contains(99) && set.contains(1000));
            assert!(!set.contains(4) && !set.contains(5000));
            assert_eq!(set.len(), 3);
        }
    }
}
