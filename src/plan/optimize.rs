//! Optimizations: an ordered list of small passes over the plan. Each
//! keeps the plan's meaning; none reorders clauses or changes which rows a
//! query returns.
//!
//! 1. [`push_filters`]: splits `WHERE` predicates into their `AND`ed parts
//!    and moves each down a chain of scans and expansions to just above the
//!    operator that binds the last variable it reads. It never moves a
//!    predicate through an optional match, a projection, an aggregation, a
//!    sort, a limit or a write, and it leaves predicates with subqueries
//!    where they are.
//! 2. [`index_seeks`]: a scan directly under `n.key = value` (where `value`
//!    does not read `n`) becomes a property-index seek; failing that, one
//!    under `n.key < value` (`<=`, `>`, `>=`, `STARTS WITH`) a range seek.
//! 3. [`distinct_ends`]: `count(DISTINCT x)` over the last hop of a chain
//!    (and a filter on `x`) finds each `x` once from the distinct near nodes
//!    instead of once per path. Only when the hop's property filters are
//!    constants or parameters and the filter reads no subquery.
//! 4. [`super::runs::aggregate_runs`]: an aggregation with a `DISTINCT`
//!    aggregate, grouped by what the rows under a chain of hops hold, runs
//!    the hops for one group's rows after another's
//!    ([`super::logical::Op::AggregateRuns`]).
//! 5. [`fuse_scan_filters`]: a filter right above a node scan or a single
//!    hop is checked by it, before it builds a row for a match that fails.
//! 6. [`property_tests`]: the parts of a fused predicate that compare one of
//!    the node's own properties (or, on a hop, its relationship's) with a
//!    constant or parameter become [`PropertyTest`]s, which the scan or hop
//!    checks without building a row (and from a columnar copy of the
//!    property, on a big committed graph). The rest of the predicate stays
//!    as it is.

use super::logical::{
    BinaryOp, Expr, MapItem, Op, PathPart, PropertyTest, ScanKind, Seek, Slot, TestOp,
};

/// Runs every pass, in order.
pub(crate) fn optimize(op: Op) -> Op {
    let op = distinct_ends(index_seeks(push_filters(op)));
    property_tests(fuse_scan_filters(super::runs::aggregate_runs(op)))
}

/// Applies `f` to every child operator of `op`.
pub(super) fn map_children(mut op: Op, f: &dyn Fn(Op) -> Op) -> Op {
    for child in op.children_mut() {
        let taken = std::mem::replace(child, Op::Empty);
        *child = f(taken);
    }
    op
}

/// The slots an operator writes (not those of its inputs), if a filter
/// may move below it; `None` for operators filters never cross (every
/// operator it names has exactly one input).
fn binds(op: &Op) -> Option<Vec<Slot>> {
    Some(match op {
        Op::NodeScan { slot, .. } => vec![*slot],
        Op::CheckNode { .. } | Op::Filter { .. } => vec![],
        Op::Expand {
            rel,
            rel_bound,
            to,
            to_bound,
            also,
            ..
        } => {
            let mut v = Vec::new();
            if !rel_bound {
                v.push(*rel);
            }
            if !to_bound {
                v.push(*to);
            }
            v.extend(also.iter().map(|l| l.rel));
            v
        }
        Op::ShortestPath { rel, path, .. } => std::iter::once(*rel).chain(*path).collect(),
        Op::Extend { items, .. } => items.iter().map(|(s, _)| *s).collect(),
        Op::Unwind { slot, .. } => vec![*slot],
        _ => return None,
    })
}

/// The slots an expression reads; `None` if it runs a subquery (whose
/// reads are not tracked).
pub(super) fn reads(e: &Expr, out: &mut Vec<Slot>) -> Option<()> {
    match e {
        Expr::Const(_) | Expr::Param(_) => {}
        Expr::Slot(s) => out.push(*s),
        Expr::List(items) | Expr::Function(_, items) => {
            for i in items {
                reads(i, out)?;
            }
        }
        Expr::Map(entries) => {
            for (_, v) in entries {
                reads(v, out)?;
            }
        }
        Expr::Property(a, _)
        | Expr::Not(a)
        | Expr::Neg(a)
        | Expr::IsNull(a, _)
        | Expr::HasLabels(a, _) => reads(a, out)?,
        Expr::Index(a, b) | Expr::Binary(_, a, b) => {
            reads(a, out)?;
            reads(b, out)?;
        }
        Expr::Chain(first, rest) => {
            reads(first, out)?;
            for (_, x) in rest {
                reads(x, out)?;
            }
        }
        Expr::Slice(a, b, c) => {
            reads(a, out)?;
            for x in [b, c].into_iter().flatten() {
                reads(x, out)?;
            }
        }
        Expr::Case {
            operand,
            whens,
            else_,
        } => {
            for x in operand.iter().chain(else_.iter()) {
                reads(x, out)?;
            }
            for (w, t) in whens {
                reads(w, out)?;
                reads(t, out)?;
            }
        }
        Expr::ListComprehension {
            list, filter, map, ..
        } => {
            reads(list, out)?;
            for x in filter.iter().chain(map.iter()) {
                reads(x, out)?;
            }
        }
        Expr::Quantifier {
            list, predicate, ..
        } => {
            reads(list, out)?;
            reads(predicate, out)?;
        }
        Expr::Reduce {
            init, list, expr, ..
        } => {
            reads(init, out)?;
            reads(list, out)?;
            reads(expr, out)?;
        }
        Expr::Subquery { .. } => return None,
        Expr::Path(parts) => {
            for p in parts {
                match p {
                    PathPart::Node(s) | PathPart::Rel(s) => out.push(*s),
                }
            }
        }
        Expr::MapProjection(base, items) => {
            reads(base, out)?;
            for item in items {
                if let MapItem::Entry(_, v) = item {
                    reads(v, out)?;
                }
            }
        }
    }
    Some(())
}

/// Whether `e` is a chain of `AND`s.
fn is_and_chain(rest: &[(BinaryOp, Expr)]) -> bool {
    matches!(rest.first(), Some((BinaryOp::And, _)))
}

/// The `AND`ed parts of `e`, in order (without recursion: a generated
/// `WHERE` may have thousands).
fn conjuncts(e: Expr, out: &mut Vec<Expr>) {
    let mut stack = vec![e];
    while let Some(e) = stack.pop() {
        match e {
            Expr::Binary(BinaryOp::And, a, b) => {
                stack.push(*b);
                stack.push(*a);
            }
            Expr::Chain(first, rest) if is_and_chain(&rest) => {
                stack.extend(rest.into_iter().rev().map(|(_, x)| x));
                stack.push(*first);
            }
            other => out.push(other),
        }
    }
}

/// `a AND b`, joining the chain of `AND`s `a` may be: thousands of parts
/// make one shallow chain, not a deep tree.
fn and(a: Expr, b: Expr) -> Expr {
    match a {
        Expr::Chain(first, mut rest) if is_and_chain(&rest) => {
            rest.push((BinaryOp::And, b));
            Expr::Chain(first, rest)
        }
        Expr::Binary(BinaryOp::And, x, y) => {
            Expr::Chain(x, vec![(BinaryOp::And, *y), (BinaryOp::And, b)])
        }
        a => Expr::Binary(BinaryOp::And, Box::new(a), Box::new(b)),
    }
}

fn and_all(parts: Vec<Expr>) -> Option<Expr> {
    let mut parts = parts.into_iter();
    let first = parts.next()?;
    Some(parts.fold(first, and))
}

/// Whether a predicate that reads `read` may move below `op`.
pub(super) fn movable(op: &Op, read: &[Slot]) -> bool {
    binds(op).is_some_and(|b| !b.iter().any(|s| read.contains(s)))
}

/// Puts `predicate` as low in the chain under `op` as its reads allow. A
/// filter already there takes it in, so that many parts make one filter
/// rather than a tower of them.
fn place(mut op: Op, predicate: Expr, read: &[Slot]) -> Op {
    if let Op::Filter {
        input,
        predicate: here,
    } = &mut op
        && !movable(input, read)
    {
        let taken = std::mem::replace(here, Expr::Const(crate::value::Value::Null));
        *here = and(taken, predicate);
        return op;
    }
    // Only operators with one input bind slots a filter may cross.
    if movable(&op, read)
        && let [input] = op.children_mut().as_mut_slice()
    {
        let below = std::mem::replace(&mut **input, Op::Empty);
        **input = place(below, predicate, read);
        return op;
    }
    Op::Filter {
        input: Box::new(op),
        predicate,
    }
}

/// Pass 1: moves each part of each filter down to where its variables are bound.
pub(crate) fn push_filters(op: Op) -> Op {
    let op = map_children(op, &push_filters);
    let Op::Filter { input, predicate } = op else {
        return op;
    };
    let mut parts = Vec::new();
    conjuncts(predicate, &mut parts);
    let mut op = *input;
    let mut stay = Vec::new();
    for part in parts {
        let mut read = Vec::new();
        match reads(&part, &mut read) {
            Some(()) => op = place(op, part, &read),
            None => stay.push(part),
        }
    }
    match and_all(stay) {
        Some(predicate) => Op::Filter {
            input: Box::new(op),
            predicate,
        },
        None => op,
    }
}

/// `n.key = value` or `value = n.key` with `value` not reading `n`: the key and value.
fn equality_on(slot: Slot, e: &Expr) -> Option<(String, Expr)> {
    let Expr::Binary(BinaryOp::Eq, a, b) = e else {
        return None;
    };
    for (p, v) in [(a, b), (b, a)] {
        if let Expr::Property(base, key) = p.as_ref()
            && matches!(base.as_ref(), Expr::Slot(s) if *s == slot)
        {
            let mut read = Vec::new();
            if reads(v, &mut read).is_some() && !read.contains(&slot) {
                return Some((key.clone(), (**v).clone()));
            }
        }
    }
    None
}

/// A bound or prefix a predicate sets on one property of the scanned node.
enum Part {
    /// `key > v` (`false`) or `key >= v` (`true`).
    Lower(Expr, bool),
    /// `key < v` (`false`) or `key <= v` (`true`).
    Upper(Expr, bool),
    /// `key STARTS WITH v`
    Prefix(Expr),
}

/// `n.key op value` or `value op n.key`, with `op` one of `< <= > >=` or
/// (with `n.key` first) `STARTS WITH`, and `value` not reading `n`: the key
/// and what it says of the key's value.
fn range_on(slot: Slot, e: &Expr) -> Option<(String, Part)> {
    let Expr::Binary(op, a, b) = e else {
        return None;
    };
    let own_key = |e: &Expr| match e {
        Expr::Property(base, key) if matches!(**base, Expr::Slot(s) if s == slot) => {
            Some(key.clone())
        }
        _ => None,
    };
    let apart = |v: &Expr| {
        let mut read = Vec::new();
        reads(v, &mut read).is_some() && !read.contains(&slot)
    };
    // With the property on the right, the operator turned around.
    let (key, op, v) = match (own_key(a), own_key(b)) {
        (Some(key), _) if apart(b) => (key, *op, b),
        (_, Some(key)) if apart(a) => {
            let op = match op {
                BinaryOp::Lt => BinaryOp::Gt,
                BinaryOp::Le => BinaryOp::Ge,
                BinaryOp::Gt => BinaryOp::Lt,
                BinaryOp::Ge => BinaryOp::Le,
                _ => return None,
            };
            (key, op, a)
        }
        _ => return None,
    };
    let v = (**v).clone();
    let part = match op {
        BinaryOp::Lt => Part::Upper(v, false),
        BinaryOp::Le => Part::Upper(v, true),
        BinaryOp::Gt => Part::Lower(v, false),
        BinaryOp::Ge => Part::Lower(v, true),
        BinaryOp::StartsWith => Part::Prefix(v),
        _ => return None,
    };
    Some((key, part))
}

/// The range seek the `AND`ed `parts` allow: on the key of the first part
/// that bounds one, with that key's first lower and first upper bound (or
/// its prefix, if the first part was a `STARTS WITH`).
fn range_seek(slot: Slot, parts: &[Expr]) -> Option<ScanKind> {
    let mut found = parts.iter().filter_map(|p| range_on(slot, p));
    let (key, first) = found.next()?;
    let (mut lower, mut upper) = (None, None);
    match first {
        Part::Prefix(p) => return Some(ScanKind::Range(key, Box::new(Seek::Prefix(p)))),
        Part::Lower(v, inclusive) => lower = Some((v, inclusive)),
        Part::Upper(v, inclusive) => upper = Some((v, inclusive)),
    }
    for (k, part) in found {
        match part {
            Part::Lower(v, i) if k == key && lower.is_none() => lower = Some((v, i)),
            Part::Upper(v, i) if k == key && upper.is_none() => upper = Some((v, i)),
            _ => {}
        }
    }
    Some(ScanKind::Range(key, Box::new(Seek::Between(lower, upper))))
}

/// Pass 2: scans under an equality on one of their node's properties seek
/// the property index instead; failing that, scans under a range of one
/// of its properties (`<`, `<=`, `>`, `>=`, `STARTS WITH`) walk that range
/// of the index. A range seek leaves its predicates in the filter (they
/// decide; the seek only narrows the candidates), and falls back to the
/// scan at run time for a bound the index does not hold (a list).
pub(crate) fn index_seeks(op: Op) -> Op {
    let op = map_children(op, &index_seeks);
    let Op::Filter { input, predicate } = op else {
        return op;
    };
    let slot = match input.as_ref() {
        Op::NodeScan {
            slot,
            scan: ScanKind::All | ScanKind::Label(_),
            ..
        } => *slot,
        _ => return Op::Filter { input, predicate },
    };
    let mut parts = Vec::new();
    conjuncts(predicate, &mut parts);
    let equality = parts
        .iter()
        .enumerate()
        .find_map(|(i, p)| Some((i, equality_on(slot, p)?)));
    let (scan, property) = match equality {
        Some((i, (key, value))) => {
            parts.remove(i);
            (
                ScanKind::Property(key.clone(), value.clone()),
                Some((key, value)),
            )
        }
        None => match range_seek(slot, &parts) {
            Some(scan) => (scan, None),
            None => {
                let predicate =
                    and_all(parts).unwrap_or(Expr::Const(crate::value::Value::Bool(true)));
                return Op::Filter { input, predicate };
            }
        },
    };
    let Op::NodeScan {
        input: scan_input,
        mut filter,
        est,
        ..
    } = *input
    else {
        return Op::Empty;
    };
    filter.properties.extend(property);
    let scan = Op::NodeScan {
        input: scan_input,
        slot,
        scan,
        filter,
        est,
    };
    match and_all(parts) {
        Some(predicate) => Op::Filter {
            input: Box::new(scan),
            predicate,
        },
        None => scan,
    }
}

/// Whether an expression is the same for every row (constants, parameters).
pub(crate) fn row_independent(e: &Expr) -> bool {
    let mut read = Vec::new();
    reads(e, &mut read).is_some() && read.is_empty()
}

/// Pass 3: `count(DISTINCT x)` of the far end of a single hop becomes
/// [`Op::DistinctEnds`].
pub(crate) fn distinct_ends(op: Op) -> Op {
    use super::logical::{AggCall, AggFunc};
    let op = map_children(op, &distinct_ends);
    let Op::Aggregate { input, keys, aggs } = op else {
        return op;
    };
    let far = match aggs.as_slice() {
        [
            AggCall {
                func: AggFunc::Count,
                distinct: true,
                args,
            },
        ] if keys.is_empty() => match args.as_slice() {
            [Expr::Slot(x)] => Some(*x),
            _ => None,
        },
        _ => None,
    };
    let Some(x) = far else {
        return Op::Aggregate { input, keys, aggs };
    };
    let (predicate, hop) = match *input {
        Op::Filter {
            input: below,
            predicate,
        } => (Some(predicate), *below),
        other => (None, other),
    };
    let group = match &predicate {
        None => Some(Vec::new()),
        Some(p) => {
            let mut read = Vec::new();
            reads(p, &mut read).map(|()| {
                read.retain(|s| *s != x);
                read.sort_unstable();
                read.dedup();
                read
            })
        }
    };
    // The predicate may read the far node and what the rows bring, but not
    // the hop's relationship: each far node is decided once per group.
    let fits = |hop: &Op, group: &[Slot]| match hop {
        Op::Expand {
            to,
            rel,
            to_bound: false,
            rel_bound: false,
            var_length: None,
            rel_filter,
            to_filter,
            also,
            ..
        } => {
            also.is_empty()
                && *to == x
                && !group.contains(rel)
                && rel_filter
                    .properties
                    .iter()
                    .all(|(_, e)| row_independent(e))
                && rel_filter.property_map.as_ref().is_none_or(row_independent)
                && to_filter.properties.iter().all(|(_, e)| row_independent(e))
                && to_filter.property_map.as_ref().is_none_or(row_independent)
        }
        _ => false,
    };
    match group {
        Some(group) if fits(&hop, &group) => {
            // The hop keeps everything but its input, which DistinctEnds takes.
            let mut expand = hop;
            let input = match &mut expand {
                Op::Expand { input, .. } => std::mem::replace(input, Box::new(Op::Empty)),
                _ => Box::new(Op::Empty),
            };
            let ends = Op::DistinctEnds {
                input,
                expand: Box::new(expand),
                predicate,
                group,
            };
            Op::Aggregate {
                input: Box::new(ends),
                keys,
                aggs,
            }
        }
        _ => {
            let input = match predicate {
                Some(predicate) => Op::Filter {
                    input: Box::new(hop),
                    predicate,
                },
                None => hop,
            };
            Op::Aggregate {
                input: Box::new(input),
                keys,
                aggs,
            }
        }
    }
}

/// Pass 4: a filter directly above a node scan or a single hop moves into it.
pub(crate) fn fuse_scan_filters(op: Op) -> Op {
    let op = map_children(op, &fuse_scan_filters);
    let Op::Filter {
        mut input,
        predicate,
    } = op
    else {
        return op;
    };
    let mut read = Vec::new();
    if reads(&predicate, &mut read).is_none() {
        return Op::Filter { input, predicate };
    }
    let target = match input.as_mut() {
        Op::NodeScan { filter, .. } => &mut filter.predicate,
        Op::Expand {
            to_filter,
            var_length: None,
            ..
        } => &mut to_filter.predicate,
        _ => return Op::Filter { input, predicate },
    };
    *target = Some(match target.take() {
        Some(p) => and(p, predicate),
        None => predicate,
    });
    *input
}

/// `slot.key op value` (or `value op slot.key`, turned around) with `value`
/// a constant or parameter, or `slot.key IS [NOT] NULL`, as a test.
fn property_test(slot: Slot, e: &Expr) -> Option<PropertyTest> {
    let own_key = |e: &Expr| match e {
        Expr::Property(base, key) if matches!(**base, Expr::Slot(s) if s == slot) => {
            Some(key.clone())
        }
        _ => None,
    };
    let fixed = |e: &Expr| matches!(e, Expr::Const(_) | Expr::Param(_));
    match e {
        Expr::IsNull(a, not) => Some(PropertyTest {
            key: own_key(a)?,
            op: TestOp::IsNull(*not),
        }),
        Expr::Binary(op, a, b) => {
            use BinaryOp::*;
            // The operator with its operands swapped, where there is one.
            let swapped = match op {
                Eq | Ne => Some(*op),
                Lt => Some(Gt),
                Le => Some(Ge),
                Gt => Some(Lt),
                Ge => Some(Le),
                StartsWith | EndsWith | Contains => None,
                _ => return None,
            };
            if let Some(key) = own_key(a)
                && fixed(b)
            {
                return Some(PropertyTest {
                    key,
                    op: TestOp::Binary(*op, (**b).clone()),
                });
            }
            let (key, op) = (own_key(b)?, swapped?);
            fixed(a).then(|| PropertyTest {
                key,
                op: TestOp::Binary(op, (**a).clone()),
            })
        }
        _ => None,
    }
}

/// Pass 5: simple tests of a scanned or expanded-to node's own properties
/// move out of its fused predicate into its tests; on a single hop, those
/// of its relationship's own properties into the relationship's tests.
pub(crate) fn property_tests(op: Op) -> Op {
    let mut op = map_children(op, &property_tests);
    let (slot, filter, mut rel) = match &mut op {
        Op::NodeScan { slot, filter, .. } => (*slot, filter, None),
        Op::Expand {
            to,
            to_filter,
            rel,
            rel_filter,
            var_length: None,
            ..
        } => (*to, to_filter, Some((*rel, rel_filter))),
        _ => return op,
    };
    let Some(predicate) = filter.predicate.take() else {
        return op;
    };
    let mut parts = Vec::new();
    conjuncts(predicate, &mut parts);
    let mut rest = Vec::new();
    for part in parts {
        if let Some(test) = property_test(slot, &part) {
            filter.tests.push(test);
            continue;
        }
        match &mut rel {
            Some((r, rel_filter)) if let Some(test) = property_test(*r, &part) => {
                rel_filter.tests.push(test);
            }
            _ => rest.push(part),
        }
    }
    filter.predicate = and_all(rest);
    op
}

#[cfg(test)]
mod tests {
    use crate::parse::parse_statement;
    use crate::plan::catalog::NoCatalog;
    use crate::plan::plan;

    fn check(query: &str, expected: &str) {
        let tree = parse_statement(query)
            .and_then(|s| plan(&s, &NoCatalog))
            .map(|p| p.root.to_string())
            .unwrap_or_else(|e| e.message);
        assert_eq!(tree, expected, "{query}");
    }

    #[test]
    fn equality_on_a_scanned_node_seeks_the_index() {
        check(
            "MATCH (n:Company) WHERE n.name = $x RETURN n",
            "Project 1 columns\n└─ Extend #1\n   └─ NodeIndexSeek {name} → #0 labels Company\n      └─ Argument\n",
        );
    }

    #[test]
    fn ranges_on_a_scanned_node_seek_the_index_in_order() {
        let seek = |query: &str, seek: &str| {
            check(
                query,
                &format!(
                    "Project 1 columns\n└─ Extend #1\n   └─ {seek} → #0 labels Company where …\n      └─ Argument\n"
                ),
            );
        };
        seek(
            "MATCH (c:Company) WHERE c.founded >= 2015 RETURN c",
            "NodeIndexRangeSeek {founded >= 2015}",
        );
        seek(
            "MATCH (c:Company) WHERE 2010 <= c.founded < 2020 RETURN c",
            "NodeIndexRangeSeek {2010 <= founded < 2020}",
        );
        seek(
            "MATCH (c:Company) WHERE c.founded < $max AND c.founded > $min RETURN c",
            "NodeIndexRangeSeek {$min < founded < $max}",
        );
        seek(
            "MATCH (c:Company) WHERE $x > c.founded RETURN c",
            "NodeIndexRangeSeek {founded < $x}",
        );
        seek(
            "MATCH (c:Company) WHERE c.name STARTS WITH 'Op' AND c.name < 'P' RETURN c",
            "NodeIndexRangeSeek {name STARTS WITH 'Op'}",
        );
        // An equality wins over a range; a bound that reads the node is no bound.
        seek(
            "MATCH (c:Company) WHERE c.founded > 2000 AND c.name = 'OpenAI' RETURN c",
            "NodeIndexSeek {name}",
        );
        seek(
            "MATCH (c:Company) WHERE c.founded > c.ipo RETURN c",
            "NodeByLabelScan :Company",
        );
        seek(
            "MATCH (c:Company) WHERE 'OpenAI' STARTS WITH c.name RETURN c",
            "NodeByLabelScan :Company",
        );
    }

    #[test]
    fn predicates_move_down_to_where_their_variables_are_bound() {
        check(
            "MATCH (a)-[r]->(b) WHERE b.x > 1 AND a.y = 2 AND (a)--() RETURN b",
            "Project 1 columns\n└─ Extend #5\n   └─ Filter\n      └─ Expand (#0)-[#1]->(#2) where …\n         └─ NodeIndexSeek {y} → #0\n            └─ Argument\n",
        );
    }

    #[test]
    fn predicates_do_not_cross_an_optional_match_or_a_projection() {
        check(
            "MATCH (a) OPTIONAL MATCH (a)-->(b) WITH a, b WHERE b.x = 1 RETURN a",
            "Project 1 columns\n└─ Extend #2\n   └─ Project 2 columns\n      └─ Filter\n         └─ Extend #3, #4\n            └─ Optional\n               ├─ AllNodesScan → #0\n               │  └─ Argument\n               └─ Expand (#0)-[#1]->(#2)\n                  └─ Argument\n",
        );
    }

    #[test]
    fn distinct_far_ends_skip_the_paths() {
        check(
            "MATCH (n:P {id: 1})-[:K]-()-[:K]-(x) WHERE x <> n RETURN count(DISTINCT x)",
            "Project 1 columns\n└─ Aggregate 0 keys, 1 aggregates\n   └─ DistinctEnds of Expand (#2)-[#3:K]-(#4)\n      └─ Expand (#0)-[#1:K]-(#2)\n         └─ NodeIndexSeek {id} → #0 labels P\n            └─ Argument\n",
        );
        // Not when the far end is bound, or something else is aggregated.
        check(
            "MATCH (n:P)-[:K]-(x) RETURN count(DISTINCT x), count(*)",
            "Project 2 columns\n└─ Aggregate 0 keys, 2 aggregates\n   └─ Expand (#0)-[#1:K]-(#2)\n      └─ NodeByLabelScan :P → #0 labels P\n         └─ Argument\n",
        );
        // Nor when the filter reads the last relationship: which one reaches
        // a far node first must not decide whether it counts.
        check(
            "MATCH (n:P)-[r:K]-(x) WHERE r.w > 1 RETURN count(DISTINCT x)",
            "Project 1 columns\n└─ Aggregate 0 keys, 1 aggregates\n   └─ Expand (#0)-[#1:K]-(#2) where …\n      └─ NodeByLabelScan :P → #0 labels P\n         └─ Argument\n",
        );
    }
}
