//! `shortestPath` and `allShortestPaths` between two bound nodes.

use super::*;
use crate::value::Path;
use std::collections::VecDeque;
/// `shortestPath` / `allShortestPaths` between two bound nodes.
pub(crate) struct ShortestPath<'p> {
    input: BoxOp<'p>,
    op: &'p Op,
    pending: VecDeque<Row>,
}

impl<'p> ShortestPath<'p> {
    /// Shortest paths for each row of `input`.
    pub(crate) fn new(input: BoxOp<'p>, op: &'p Op) -> ShortestPath<'p> {
        ShortestPath {
            input,
            op,
            pending: VecDeque::new(),
        }
    }
}

impl Operator for ShortestPath<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        let Op::ShortestPath {
            from,
            to,
            rel,
            path,
            dir,
            rel_filter,
            length,
            all,
            ..
        } = self.op
        else {
            return Ok(None);
        };
        loop {
            if let Some(r) = self.pending.pop_front() {
                return Ok(Some(r));
            }
            let Some(row) = self.input.next(ctx)? else {
                return Ok(None);
            };
            let (Value::Node(a), Value::Node(b)) =
                (row::get(&row, *from).clone(), row::get(&row, *to).clone())
            else {
                continue;
            };
            let filter = ResolvedRel::resolve(rel_filter, &row, ctx)?;
            for trail in shortest(&ctx.graph, a, b, store_dir(*dir), &filter, *length, *all)? {
                let mut out = row.clone();
                let mut nodes = vec![a];
                for r in &trail {
                    let Some((s, e)) = ctx.graph.rel_endpoints(*r) else {
                        continue;
                    };
                    let last = *nodes.last().unwrap_or(&a);
                    nodes.push(if s == last { e } else { s });
                }
                row::set(
                    &mut out,
                    *rel,
                    Value::List(trail.iter().map(|r| Value::Relationship(*r)).collect()),
                );
                if let Some(p) = path {
                    row::set(
                        &mut out,
                        *p,
                        Value::Path(Box::new(Path { nodes, rels: trail })),
                    );
                }
                self.pending.push_back(out);
            }
        }
    }
}

/// Breadth-first search from `a` to `b`: one shortest trail, or all of them.
fn shortest(
    graph: &Graph,
    a: NodeId,
    b: NodeId,
    dir: Dir,
    filter: &ResolvedRel,
    (min, max): (u64, Option<u64>),
    all: bool,
) -> Result<Vec<Vec<RelId>>> {
    if a == b {
        return Ok(if min == 0 { vec![vec![]] } else { vec![] });
    }
    if !all && min <= 1 {
        return Ok(shortest_one(graph, a, b, dir, filter, max)?
            .into_iter()
            .collect());
    }
    // depth of each reached node, and every (parent, rel) at the shortest depth
    let mut depth: foldhash::HashMap<NodeId, u64> = foldhash::HashMap::default();
    depth.insert(a, 0);
    let mut parents: foldhash::HashMap<NodeId, Vec<(NodeId, RelId)>> = foldhash::HashMap::default();
    let mut candidates = Vec::new();
    let mut frontier = vec![a];
    let mut d = 0;
    let mut found = false;
    while !frontier.is_empty() && !found && max.is_none_or(|m| d < m) {
        d += 1;
        let mut next = Vec::new();
        for &n in &frontier {
            guard::tick()?;
            let typed = filter.candidates(graph, n, dir, &mut candidates);
            for &(r, other) in &candidates {
                if !filter.matches_candidate(graph, r, typed) || graph.is_node_deleted(other) {
                    continue;
                }
                match depth.get(&other) {
                    None => {
                        depth.insert(other, d);
                        parents.insert(other, vec![(n, r)]);
                        next.push(other);
                    }
                    Some(&od) if od == d => parents.entry(other).or_default().push((n, r)),
                    _ => {}
                }
                if other == b {
                    found = true;
                }
            }
        }
        frontier = next;
    }
    if !found || d < min {
        return Ok(vec![]);
    }
    // Walk the parent links back from b (there may be very many trails).
    let mut out = Vec::new();
    let mut kept = guard::Reservation::new();
    let mut stack: Vec<(NodeId, Vec<RelId>)> = vec![(b, vec![])];
    while let Some((n, suffix)) = stack.pop() {
        guard::tick()?;
        if n == a {
            let mut trail = suffix;
            trail.reverse();
            kept.grow(8 * trail.len() + 24)?;
            out.push(trail);
            if !all {
                break;
            }
            continue;
        }
        for (p, r) in parents.get(&n).into_iter().flatten() {
            let mut s = suffix.clone();
            s.push(*r);
            stack.push((*p, s));
        }
    }
    Ok(out)
}

/// Where a breadth-first search reached each node from: the node one
/// step back towards where it started, and the relationship between them.
type Reached = foldhash::HashMap<NodeId, Option<(NodeId, RelId)>>;

/// One shortest trail from `a` to `b` (two different nodes) of at most `max`
/// relationships, searched from both ends at once: each step takes the
/// smaller frontier one level further, until the two searches meet. After
/// levels `la` and `lb` without meeting, no path is shorter than `la + lb + 1`,
/// so the first meeting found is a shortest path.
fn shortest_one(
    graph: &Graph,
    a: NodeId,
    b: NodeId,
    dir: Dir,
    filter: &ResolvedRel,
    max: Option<u64>,
) -> Result<Option<Vec<RelId>>> {
    let back = match dir {
        Dir::Outgoing => Dir::Incoming,
        Dir::Incoming => Dir::Outgoing,
        Dir::Both => Dir::Both,
    };
    let mut from_a: Reached = Reached::default();
    let mut from_b: Reached = Reached::default();
    from_a.insert(a, None);
    from_b.insert(b, None);
    let (mut frontier_a, mut frontier_b) = (vec![a], vec![b]);
    let mut candidates = Vec::new();
    let mut length = 0;
    while !frontier_a.is_empty() && !frontier_b.is_empty() && max.is_none_or(|m| length < m) {
        length += 1;
        let forward = frontier_a.len() <= frontier_b.len();
        let (frontier, reached, other, d) = if forward {
            (&mut frontier_a, &mut from_a, &from_b, dir)
        } else {
            (&mut frontier_b, &mut from_b, &from_a, back)
        };
        let mut next = Vec::new();
        for &n in frontier.iter() {
            guard::tick()?;
            let typed = filter.candidates(graph, n, d, &mut candidates);
            for &(r, o) in &candidates {
                if reached.contains_key(&o)
                    || !filter.matches_candidate(graph, r, typed)
                    || graph.is_node_deleted(o)
                {
                    continue;
                }
                reached.insert(o, Some((n, r)));
                if other.contains_key(&o) {
                    return Ok(Some(join(o, &from_a, &from_b)));
                }
                next.push(o);
            }
        }
        *frontier = next;
    }
    Ok(None)
}

/// The trail from where `from_a` started to where `from_b` started,
/// through `meet`, which both reached.
fn join(meet: NodeId, from_a: &Reached, from_b: &Reached) -> Vec<RelId> {
    let mut trail = Vec::new();
    let mut n = meet;
    while let Some(Some((back, r))) = from_a.get(&n) {
        trail.push(*r);
        n = *back;
    }
    trail.reverse();
    let mut n = meet;
    while let Some(Some((ahead, r))) = from_b.get(&n) {
        trail.push(*r);
        n = *ahead;
    }
    trail
}
