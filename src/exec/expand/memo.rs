//! The number of matches of a hop at each start node, kept for the rest of
//! the statement when it depends on nothing else: `(p)-->(c)-[:OWNS]->(x)`
//! counted per `p` visits each company's products once, not once per
//! employee.

use crate::value::NodeId;

/// Past this many start nodes, the counts are dropped (a bound on memory).
const LIMIT: usize = 1 << 20;

/// After this many lookups, counts are kept only while at least one
/// lookup in eight finds its start node.
const TRIAL: u64 = 1024;

/// Counts by start node, see the module.
#[derive(Default)]
pub(super) struct CountMemo {
    counts: foldhash::HashMap<NodeId, u64>,
    lookups: u64,
    hits: u64,
    off: bool,
}

impl CountMemo {
    /// The count kept for `from`.
    pub(super) fn get(&mut self, from: NodeId) -> Option<u64> {
        if self.off {
            return None;
        }
        self.lookups += 1;
        let found = self.counts.get(&from).copied();
        self.hits += u64::from(found.is_some());
        if self.lookups >= TRIAL && self.hits * 8 < self.lookups {
            // Start nodes seldom come back: keeping counts only costs.
            self.off = true;
            self.counts = foldhash::HashMap::default();
        }
        found
    }

    /// Keeps the count of `from`.
    pub(super) fn put(&mut self, from: NodeId, n: u64) {
        if self.off {
            return;
        }
        if self.counts.len() >= LIMIT {
            self.counts.clear();
        }
        self.counts.insert(from, n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_kept_while_start_nodes_come_back() {
        let mut memo = CountMemo::default();
        assert_eq!(memo.get(7), None);
        memo.put(7, 3);
        assert_eq!(memo.get(7), Some(3));
        // Each start node once: after the trial, nothing is kept.
        for n in 100..100 + TRIAL {
            assert_eq!(memo.get(n), None);
            memo.put(n, 1);
        }
        assert!(memo.off);
        assert_eq!(memo.get(7), None);
    }
}
