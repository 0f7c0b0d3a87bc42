//! A set of node ids: a bitmap when the ids are dense and bounded (the
//! compact copy of the graph says how far they go), a hash set otherwise.

use crate::value::NodeId;
use fixedbitset::FixedBitSet;

/// A set of node ids.
pub(crate) enum NodeSet {
    /// One bit per possible id, and how many are set.
    Bits(FixedBitSet, usize),
    /// Any ids.
    Hash(foldhash::HashSet<NodeId>),
}

impl NodeSet {
    /// An empty set for ids below `bound` when it is known (others still fit).
    pub(crate) fn new(bound: Option<usize>) -> NodeSet {
        match bound {
            Some(b) => NodeSet::Bits(FixedBitSet::with_capacity(b), 0),
            None => NodeSet::Hash(foldhash::HashSet::default()),
        }
    }

    /// Adds `id`; whether it was not there yet.
    pub(crate) fn insert(&mut self, id: NodeId) -> bool {
        match self {
            NodeSet::Bits(bits, len) => {
                let id = id as usize;
                bits.grow(id + 1);
                let fresh = !bits.put(id);
                *len += usize::from(fresh);
                fresh
            }
            NodeSet::Hash(set) => set.insert(id),
        }
    }

    /// Whether `id` is in the set.
    pub(crate) fn contains(&self, id: NodeId) -> bool {
        match self {
            NodeSet::Bits(bits, _) => crate::store::has_bit(bits, id),
            NodeSet::Hash(set) => set.contains(&id),
        }
    }

    /// How many ids are in the set.
    pub(crate) fn len(&self) -> usize {
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
