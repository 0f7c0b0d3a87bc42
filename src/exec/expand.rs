//! Following relationships: single hops, variable-length trails (a lazy
//! depth-first walk), and shortest paths (breadth-first).

use super::row::{self, Row};
use super::scan::{ResolvedFilter, resolve_properties};
use super::{BoxOp, Ctx, Operator};
use crate::error::Result;
use crate::plan::logical::{ExpandDir, Op, RelFilter, Slot};
use crate::store::{Dir, Graph};
use crate::value::{NodeId, Path, RelId, Value};
use std::collections::{HashMap, VecDeque};

fn store_dir(d: ExpandDir) -> Dir {
    match d {
        ExpandDir::Out => Dir::Outgoing,
        ExpandDir::In => Dir::Incoming,
        ExpandDir::Both => Dir::Both,
    }
}

/// A relationship filter with its property values evaluated for one row.
struct ResolvedRel {
    /// The type alternatives, interned (compared by pointer); empty = any.
    types: Vec<std::sync::Arc<str>>,
    properties: Vec<(String, Value)>,
    impossible: bool,
}

impl ResolvedRel {
    fn resolve(filter: &RelFilter, row: &Row, ctx: &mut Ctx<'_>) -> Result<ResolvedRel> {
        let (properties, mut impossible) =
            resolve_properties(&filter.properties, &filter.property_map, row, ctx)?;
        let types: Vec<_> = filter
            .types
            .iter()
            .filter_map(|t| ctx.graph.interned(t))
            .collect();
        // Types the graph has never seen: no relationship can match.
        impossible |= !filter.types.is_empty() && types.is_empty();
        Ok(ResolvedRel {
            types,
            properties,
            impossible,
        })
    }

    /// The relationships at `node` in `dir` that may match, and whether they
    /// are known to be of the one type asked for (they come from the
    /// compact per-type copy of the graph when it may be used).
    fn candidates(&self, graph: &Graph, node: NodeId, dir: Dir) -> (Vec<(RelId, NodeId)>, bool) {
        if let [t] = self.types.as_slice()
            && let Some(found) = graph.typed_relationships(node, t, dir)
        {
            return (found, true);
        }
        (graph.relationships(node, dir), false)
    }

    /// [`ResolvedRel::matches`], skipping the type check for `typed` candidates.
    fn matches_candidate(&self, graph: &Graph, r: RelId, typed: bool) -> bool {
        if typed {
            return !self.impossible
                && self.properties.iter().all(|(k, v)| {
                    graph.rel_property(r, k).and_then(|x| x.cypher_eq(v)) == Some(true)
                });
        }
        self.matches(graph, r)
    }

    fn matches(&self, graph: &Graph, r: RelId) -> bool {
        !self.impossible
            && (self.types.is_empty() || self.types.iter().any(|t| graph.rel_has_type(r, t)))
            && self
                .properties
                .iter()
                .all(|(k, v)| graph.rel_property(r, k).and_then(|x| x.cypher_eq(v)) == Some(true))
    }
}

/// Whether `r` is one of the relationships already used in the row.
fn used(row: &Row, slots: &[Slot], r: RelId) -> bool {
    slots.iter().any(|s| match row::get(row, *s) {
        Value::Relationship(x) => *x == r,
        Value::List(items) => items
            .iter()
            .any(|v| matches!(v, Value::Relationship(x) if *x == r)),
        _ => false,
    })
}

struct ExpandSpec<'p> {
    from: Slot,
    rel: Slot,
    rel_bound: bool,
    to: Slot,
    to_bound: bool,
    dir: Dir,
    rel_filter: &'p RelFilter,
    to_filter: &'p crate::plan::logical::NodeFilter,
    var_length: Option<(u64, Option<u64>)>,
    distinct_from: &'p [Slot],
    reversed: bool,
}

fn spec(op: &Op) -> ExpandSpec<'_> {
    match op {
        Op::Expand {
            from,
            rel,
            rel_bound,
            to,
            to_bound,
            dir,
            rel_filter,
            to_filter,
            var_length,
            distinct_from,
            reversed,
            ..
        } => ExpandSpec {
            from: *from,
            rel: *rel,
            rel_bound: *rel_bound,
            to: *to,
            to_bound: *to_bound,
            dir: store_dir(*dir),
            rel_filter,
            to_filter,
            var_length: *var_length,
            distinct_from,
            reversed: *reversed,
        },
        _ => unreachable!("spec() is only built from Op::Expand"),
    }
}

struct Current {
    row: Row,
    rel: ResolvedRel,
    to: ResolvedFilter,
}

impl ExpandSpec<'_> {
    /// Whether the far node `other` is acceptable for `row`.
    fn to_ok(&self, cur: &Current, graph: &Graph, other: NodeId) -> bool {
        if graph.is_node_deleted(other) {
            return false;
        }
        if self.to_bound {
            return matches!(row::get(&cur.row, self.to), Value::Node(x) if *x == other)
                && cur.to.matches(graph, other);
        }
        cur.to.matches(graph, other)
    }
}

/// One hop: `(a)-[r]->(b)`.
pub struct Expand<'p> {
    input: BoxOp<'p>,
    spec: ExpandSpec<'p>,
    current: Option<Current>,
    candidates: Vec<(RelId, NodeId)>,
    /// The candidates are known to be of the type asked for.
    typed: bool,
    pos: usize,
}

impl<'p> Expand<'p> {
    /// An expansion of the rows of `input`.
    pub fn new(input: BoxOp<'p>, op: &'p Op) -> Expand<'p> {
        Expand {
            input,
            spec: spec(op),
            current: None,
            candidates: Vec::new(),
            typed: false,
            pos: 0,
        }
    }
}

impl Operator for Expand<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        loop {
            if let Some(cur) = &mut self.current {
                while self.pos < self.candidates.len() {
                    let (r, other) = self.candidates[self.pos];
                    self.pos += 1;
                    if !cur.rel.matches_candidate(ctx.graph, r, self.typed)
                        || used(&cur.row, self.spec.distinct_from, r)
                        || !self.spec.to_ok(cur, ctx.graph, other)
                    {
                        continue;
                    }
                    // The input row is reused: a match that fails the
                    // predicate costs no new row. (A bound end already holds
                    // `other`.)
                    row::set(&mut cur.row, self.spec.rel, Value::Relationship(r));
                    if !self.spec.to_bound {
                        row::set(&mut cur.row, self.spec.to, Value::Node(other));
                    }
                    if let Some(p) = &self.spec.to_filter.predicate {
                        match super::eval(p, &cur.row, ctx)? {
                            Value::Bool(true) => {}
                            Value::Bool(false) | Value::Null => continue,
                            v => {
                                return Err(crate::error::Error::type_error(format!(
                                    "WHERE needs a boolean, got {}",
                                    v.type_name()
                                )));
                            }
                        }
                    }
                    return Ok(Some(cur.row.clone()));
                }
            }
            let Some(row) = self.input.next(ctx)? else {
                return Ok(None);
            };
            let Value::Node(from) = *row::get(&row, self.spec.from) else {
                continue;
            };
            let rel = ResolvedRel::resolve(self.spec.rel_filter, &row, ctx)?;
            (self.candidates, self.typed) = rel.candidates(ctx.graph, from, self.spec.dir);
            if self.spec.rel_bound {
                match row::get(&row, self.spec.rel) {
                    Value::Relationship(r) => {
                        let r = *r;
                        self.candidates.retain(|(x, _)| *x == r);
                    }
                    _ => self.candidates.clear(),
                }
            }
            self.pos = 0;
            let to = ResolvedFilter::resolve(self.spec.to_filter, &row, ctx)?;
            self.current = Some(Current { row, rel, to });
        }
    }
}

/// One level of the depth-first walk: a node's relationships and how far we got.
struct Frame {
    candidates: Vec<(RelId, NodeId)>,
    pos: usize,
    /// The candidates are known to be of the type asked for.
    typed: bool,
}

/// Variable length: `(a)-[r*min..max]->(b)`, every trail (no relationship twice).
pub struct VarExpand<'p> {
    input: BoxOp<'p>,
    spec: ExpandSpec<'p>,
    min: u64,
    max: Option<u64>,
    current: Option<Current>,
    stack: Vec<Frame>,
    trail: Vec<RelId>,
    pending_zero: Option<NodeId>,
    /// Only counting: rows need not be built.
    counting: bool,
}

impl<'p> VarExpand<'p> {
    /// A variable-length expansion of the rows of `input`.
    pub fn new(input: BoxOp<'p>, op: &'p Op) -> VarExpand<'p> {
        let spec = spec(op);
        let (min, max) = spec.var_length.unwrap_or((1, None));
        VarExpand {
            input,
            spec,
            min,
            max,
            current: None,
            stack: Vec::new(),
            trail: Vec::new(),
            pending_zero: None,
            counting: false,
        }
    }

    fn emit(&self, cur: &Current, end: NodeId) -> Row {
        if self.counting {
            return Row::new();
        }
        let mut rels: Vec<Value> = self.trail.iter().map(|r| Value::Relationship(*r)).collect();
        if self.spec.reversed {
            rels.reverse();
        }
        let mut out = cur.row.clone();
        row::set(&mut out, self.spec.rel, Value::List(rels));
        row::set(&mut out, self.spec.to, Value::Node(end));
        out
    }
}

impl Operator for VarExpand<'_> {
    fn count(&mut self, ctx: &mut Ctx<'_>) -> Result<u64> {
        self.counting = true;
        let mut n = 0;
        while self.next(ctx)?.is_some() {
            n += 1;
        }
        Ok(n)
    }

    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        loop {
            if let Some(cur) = &self.current {
                if let Some(start) = self.pending_zero.take()
                    && self.spec.to_ok(cur, ctx.graph, start)
                {
                    return Ok(Some(self.emit(cur, start)));
                }
                while let Some(frame) = self.stack.last_mut() {
                    if frame.pos >= frame.candidates.len() {
                        self.stack.pop();
                        if !self.stack.is_empty() {
                            self.trail.pop();
                        }
                        continue;
                    }
                    let (r, other) = frame.candidates[frame.pos];
                    let typed = frame.typed;
                    frame.pos += 1;
                    if self.trail.contains(&r)
                        || !cur.rel.matches_candidate(ctx.graph, r, typed)
                        || used(&cur.row, self.spec.distinct_from, r)
                        || ctx.graph.is_node_deleted(other)
                    {
                        continue;
                    }
                    self.trail.push(r);
                    let depth = self.trail.len() as u64;
                    let deeper = self.max.is_none_or(|m| depth < m);
                    let (candidates, typed) = if deeper {
                        cur.rel.candidates(ctx.graph, other, self.spec.dir)
                    } else {
                        (Vec::new(), false)
                    };
                    self.stack.push(Frame {
                        candidates,
                        pos: 0,
                        typed,
                    });
                    if depth >= self.min && self.spec.to_ok(cur, ctx.graph, other) {
                        return Ok(Some(self.emit(cur, other)));
                    }
                }
            }
            let Some(row) = self.input.next(ctx)? else {
                return Ok(None);
            };
            let Value::Node(from) = *row::get(&row, self.spec.from) else {
                continue;
            };
            let rel = ResolvedRel::resolve(self.spec.rel_filter, &row, ctx)?;
            let to = ResolvedFilter::resolve(self.spec.to_filter, &row, ctx)?;
            self.trail.clear();
            self.stack.clear();
            if self.max != Some(0) {
                let (candidates, typed) = rel.candidates(ctx.graph, from, self.spec.dir);
                self.stack.push(Frame {
                    candidates,
                    pos: 0,
                    typed,
                });
            }
            self.pending_zero = (self.min == 0).then_some(from);
            self.current = Some(Current { row, rel, to });
        }
    }
}

/// `shortestPath` / `allShortestPaths` between two bound nodes.
pub struct ShortestPath<'p> {
    input: BoxOp<'p>,
    op: &'p Op,
    pending: VecDeque<Row>,
}

impl<'p> ShortestPath<'p> {
    /// Shortest paths for each row of `input`.
    pub fn new(input: BoxOp<'p>, op: &'p Op) -> ShortestPath<'p> {
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
            for trail in shortest(ctx.graph, a, b, store_dir(*dir), &filter, *length, *all) {
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
) -> Vec<Vec<RelId>> {
    if a == b {
        return if min == 0 { vec![vec![]] } else { vec![] };
    }
    // depth of each reached node, and every (parent, rel) at the shortest depth
    let mut depth: HashMap<NodeId, u64> = HashMap::from([(a, 0)]);
    let mut parents: HashMap<NodeId, Vec<(NodeId, RelId)>> = HashMap::new();
    let mut frontier = vec![a];
    let mut d = 0;
    let mut found = false;
    while !frontier.is_empty() && !found && max.is_none_or(|m| d < m) {
        d += 1;
        let mut next = Vec::new();
        for &n in &frontier {
            let (candidates, typed) = filter.candidates(graph, n, dir);
            for (r, other) in candidates {
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
        return vec![];
    }
    // Walk the parent links back from b.
    let mut out = Vec::new();
    let mut stack: Vec<(NodeId, Vec<RelId>)> = vec![(b, vec![])];
    while let Some((n, suffix)) = stack.pop() {
        if n == a {
            let mut trail = suffix;
            trail.reverse();
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
    out
}

/// A near node and the values of the group slots.
type NearKey = (NodeId, Vec<crate::value::GroupKey>);

/// `DistinctEnds`: the far ends of the last hop, each once per group, from
/// the distinct near nodes (see [`Op::DistinctEnds`]).
pub struct DistinctEnds<'p> {
    input: BoxOp<'p>,
    spec: ExpandSpec<'p>,
    predicate: Option<&'p crate::plan::logical::Expr>,
    group: &'p [Slot],
    out: Option<std::vec::IntoIter<Row>>,
}

impl<'p> DistinctEnds<'p> {
    /// The distinct ends of `expand` over the rows of `input`.
    pub fn new(
        input: BoxOp<'p>,
        expand: &'p Op,
        predicate: Option<&'p crate::plan::logical::Expr>,
        group: &'p [Slot],
    ) -> DistinctEnds<'p> {
        DistinctEnds {
            input,
            spec: spec(expand),
            predicate,
            group,
            out: None,
        }
    }

    fn run(&mut self, ctx: &mut Ctx<'_>) -> Result<Vec<Row>> {
        use crate::value::GroupKey;
        // For each (near node, group values): a row standing for all of
        // them, and the relationships every one of their paths has used.
        let mut near: HashMap<NearKey, (Row, Option<Vec<RelId>>)> = HashMap::new();
        let mut order = Vec::new();
        while let Some(row) = self.input.next(ctx)? {
            let Value::Node(from) = *row::get(&row, self.spec.from) else {
                continue;
            };
            let key: Vec<GroupKey> = self
                .group
                .iter()
                .map(|s| GroupKey(row::get(&row, *s).clone()))
                .collect();
            let mut used_here: Vec<RelId> = Vec::new();
            for s in self.spec.distinct_from {
                match row::get(&row, *s) {
                    Value::Relationship(r) => used_here.push(*r),
                    Value::List(items) => used_here.extend(items.iter().filter_map(|v| match v {
                        Value::Relationship(r) => Some(*r),
                        _ => None,
                    })),
                    _ => {}
                }
            }
            match near.get_mut(&(from, key.clone())) {
                Some((_, Some(common))) => common.retain(|r| used_here.contains(r)),
                Some((_, None)) => {}
                None => {
                    order.push((from, key.clone()));
                    near.insert((from, key), (row, Some(used_here)));
                }
            }
        }
        let mut out = Vec::new();
        // A far node is decided once per group: the predicate reads nothing else.
        let mut decided: HashMap<Vec<crate::value::GroupKey>, std::collections::HashSet<NodeId>> =
            HashMap::new();
        for k in order {
            let Some((row, common)) = near.remove(&k) else {
                continue;
            };
            let common = common.unwrap_or_default();
            let rel = ResolvedRel::resolve(self.spec.rel_filter, &row, ctx)?;
            let to = ResolvedFilter::resolve(self.spec.to_filter, &row, ctx)?;
            let cur = Current { row, rel, to };
            let (candidates, typed) = cur.rel.candidates(ctx.graph, k.0, self.spec.dir);
            let decided = decided.entry(k.1).or_default();
            for (r, other) in candidates {
                if common.contains(&r)
                    || decided.contains(&other)
                    || !cur.rel.matches_candidate(ctx.graph, r, typed)
                    || !self.spec.to_ok(&cur, ctx.graph, other)
                {
                    continue;
                }
                decided.insert(other);
                let mut candidate = cur.row.clone();
                row::set(&mut candidate, self.spec.rel, Value::Relationship(r));
                row::set(&mut candidate, self.spec.to, Value::Node(other));
                if let Some(p) = self.predicate
                    && !matches!(super::eval(p, &candidate, ctx)?, Value::Bool(true))
                {
                    continue;
                }
                out.push(candidate);
            }
        }
        Ok(out)
    }
}

impl Operator for DistinctEnds<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        if self.out.is_none() {
            let rows = self.run(ctx)?;
            self.out = Some(rows.into_iter());
        }
        Ok(self.out.as_mut().and_then(Iterator::next))
    }
}
