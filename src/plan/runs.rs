//! The optimizer pass behind [`Op::AggregateRuns`].

use super::logical::{Op, Slot};
use super::optimize::{map_children, movable, reads};

/// An aggregation with a `DISTINCT` aggregate and keys, whose keys read
/// only slots bound under a chain of hops (and filters) right under it,
/// becomes [`Op::AggregateRuns`]: the chain runs per row of what is under
/// it, for one group's rows after another's. Not when anything under it
/// writes (its input is read whole before the chain runs).
pub(crate) fn aggregate_runs(op: Op) -> Op {
    let op = map_children(op, &aggregate_runs);
    let Op::Aggregate { input, keys, aggs } = op else {
        return op;
    };
    let mut read: Vec<Slot> = Vec::new();
    let readable = keys.iter().all(|k| reads(k, &mut read).is_some());
    let depth = chain_depth(&input, &read);
    if keys.is_empty()
        || !readable
        || !aggs.iter().any(|a| a.distinct)
        || depth == 0
        || input.has_updates()
    {
        return Op::Aggregate { input, keys, aggs };
    }
    let mut per_row = *input;
    match cut(&mut per_row, depth) {
        Some(base) => Op::AggregateRuns {
            input: Box::new(base),
            per_row: Box::new(per_row),
            keys,
            aggs,
        },
        // (Every operator of the chain has an input.)
        None => Op::Aggregate {
            input: Box::new(per_row),
            keys,
            aggs,
        },
    }
}

/// How many operators from `op` down make a chain of hops, optional
/// matches and filters that binds none of `keys` (0 when it has no hop).
fn chain_depth(mut op: &Op, keys: &[Slot]) -> usize {
    let (mut depth, mut chain) = (0, 0);
    loop {
        let in_chain = match op {
            Op::Expand { .. } | Op::Filter { .. } | Op::CheckNode { .. } => movable(op, keys),
            Op::Optional { slots, .. } => !slots.iter().any(|s| keys.contains(s)),
            _ => false,
        };
        if !in_chain {
            break;
        }
        depth += 1;
        if matches!(op, Op::Expand { .. } | Op::Optional { .. }) {
            chain = depth;
        }
        let Some(below) = op.children().into_iter().next() else {
            break;
        };
        op = below;
    }
    chain
}

/// Replaces the operator `depth` inputs below `op` with [`Op::Argument`]
/// and returns it.
fn cut(op: &mut Op, depth: usize) -> Option<Op> {
    let child = op.children_mut().into_iter().next()?;
    if depth <= 1 {
        return Some(std::mem::replace(child, Op::Argument));
    }
    cut(child, depth - 1)
}

#[cfg(test)]
mod tests {
    use crate::parse::parse_statement;
    use crate::plan::catalog::NoCatalog;
    use crate::plan::plan;

    fn tree(query: &str) -> String {
        parse_statement(query)
            .and_then(|s| plan(&s, &NoCatalog))
            .map(|p| p.root.to_string())
            .unwrap_or_else(|e| e.message)
    }

    #[test]
    fn grouped_distinct_counts_run_the_hops_per_group() {
        assert_eq!(
            tree("MATCH (a:P)-[:K]->()-[:K]->(c) RETURN a.id, count(DISTINCT c)"),
            "Project 2 columns\n└─ AggregateRuns 1 keys, 1 aggregates\n   ├─ NodeByLabelScan :P → #0 labels P\n   │  └─ Argument\n   └─ Expand (#2)-[#3:K]->(#4)\n      └─ Expand (#0)-[#1:K]->(#2)\n         └─ Argument\n",
        );
        // Not without DISTINCT, nor when a key reads what a hop binds.
        for query in [
            "MATCH (a:P)-[:K]->()-[:K]->(c) RETURN a.id, count(c)",
            "MATCH (a:P)-[:K]->(b)-[:K]->(c) RETURN c.id, count(DISTINCT a)",
        ] {
            assert!(!tree(query).contains("AggregateRuns"), "{query}");
        }
    }
}
