//! `MATCH (a)-[rs*]->(b)` where `rs` is already bound to a list of
//! relationships: the pattern matches exactly that sequence, walked from
//! `a` in the pattern's direction, within its length bounds and filters.

use super::*;

impl ExpandSpec<'_> {
    /// The far end of the walk of the bound list in `cur`'s row from
    /// `from`, when the list matches the pattern; `None` otherwise.
    pub(super) fn walk_bound(
        &self,
        cur: &Current,
        graph: &Graph,
        from: NodeId,
        (min, max): (u64, Option<u64>),
    ) -> Option<NodeId> {
        let Value::List(items) = row::get(&cur.row, self.rel) else {
            return None;
        };
        let len = items.len() as u64;
        if len < min || max.is_some_and(|m| len > m) {
            return None;
        }
        // The list is in pattern order; a pattern planned right to left
        // walks it from its end.
        let ordered: Box<dyn Iterator<Item = &Value>> = if self.reversed {
            Box::new(items.iter().rev())
        } else {
            Box::new(items.iter())
        };
        let mut seen: Vec<RelId> = Vec::with_capacity(items.len());
        let mut node = from;
        for item in ordered {
            let Value::Relationship(r) = item else {
                return None;
            };
            if seen.contains(r)
                || !cur.rel.matches_candidate(graph, *r, false)
                || used(&cur.row, self.distinct_from, *r)
            {
                return None;
            }
            let (start, end) = graph.rel_endpoints(*r)?;
            node = match self.dir {
                Dir::Outgoing if start == node => end,
                Dir::Incoming if end == node => start,
                Dir::Both if start == node => end,
                Dir::Both if end == node => start,
                _ => return None,
            };
            if graph.is_node_deleted(node) {
                return None;
            }
            seen.push(*r);
        }
        self.to_ok(cur, graph, node).then_some(node)
    }
}
