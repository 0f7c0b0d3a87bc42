//! Following relationships: single hops, variable-length trails (a lazy
//! depth-first walk), and shortest paths (breadth-first).

use super::nodeset::NodeSet;
use super::row::{self, Row};
use super::scan::{ResolvedFilter, resolve_properties};
use super::{BoxOp, Ctx, Operator, guard};
use crate::error::Result;
use crate::plan::logical::{ExpandDir, Expr, Op, RelFilter, Slot};
use crate::store::{Dir, Graph, ReadIndex, has_bit};
use crate::value::{NodeId, Path, RelId, Value};
use std::collections::VecDeque;

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

    /// The relationships at `node` in `dir` that may match, into `out`,
    /// and whether they are known to be of the one type asked for (they
    /// come from the compact per-type copy of the graph when it may be used).
    fn candidates(
        &self,
        graph: &Graph,
        node: NodeId,
        dir: Dir,
        out: &mut Vec<(RelId, NodeId)>,
    ) -> bool {
        if let [t] = self.types.as_slice()
            && graph.typed_relationships(node, t, dir, out)
        {
            return true;
        }
        graph.relationships_into(node, dir, out);
        false
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
    /// Makes room in `row` for the slots a match writes, so that copies of
    /// it need not grow.
    fn widen(&self, row: &mut Row) {
        let width = self.rel.max(self.to) + 1;
        if row.len() < width {
            row.resize(width, Value::Null);
        }
    }

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
    /// The filters read no row: one resolution serves every row.
    fixed: bool,
}

impl<'p> Expand<'p> {
    /// An expansion of the rows of `input`.
    pub fn new(input: BoxOp<'p>, op: &'p Op) -> Expand<'p> {
        let spec = spec(op);
        let fixed = spec.rel_filter.row_independent() && spec.to_filter.row_independent();
        Expand {
            input,
            spec,
            current: None,
            candidates: Vec::new(),
            typed: false,
            pos: 0,
            fixed,
        }
    }
}

impl Expand<'_> {
    /// Moves to the next match, which the current row then holds; false
    /// when there are no more.
    fn advance(&mut self, ctx: &mut Ctx<'_>) -> Result<bool> {
        loop {
            if let Some(cur) = &mut self.current {
                while self.pos < self.candidates.len() {
                    let (r, other) = self.candidates[self.pos];
                    self.pos += 1;
                    if self.spec.accept(cur, self.typed, r, other, ctx)? {
                        guard::tick()?;
                        return Ok(true);
                    }
                }
            }
            let Some(row) = self.input.next(ctx)? else {
                return Ok(false);
            };
            guard::tick()?;
            self.start(row, ctx)?;
        }
    }

    /// Makes `row` the current input row, with its candidates (none when
    /// its start is not a node).
    fn start(&mut self, row: Row, ctx: &mut Ctx<'_>) -> Result<()> {
        self.pos = 0;
        self.candidates.clear();
        let Value::Node(from) = *row::get(&row, self.spec.from) else {
            return Ok(());
        };
        let bound = match row::get(&row, self.spec.rel) {
            Value::Relationship(r) if self.spec.rel_bound => Some(*r),
            _ => None,
        };
        self.begin(row, ctx)?;
        self.fetch_candidates(from, ctx.graph);
        if self.spec.rel_bound {
            match bound {
                Some(r) => self.candidates.retain(|(x, _)| *x == r),
                None => self.candidates.clear(),
            }
        }
        Ok(())
    }

    /// The current row's candidates at `from`.
    fn fetch_candidates(&mut self, from: NodeId, graph: &Graph) {
        if let Some(cur) = &self.current {
            self.typed = cur
                .rel
                .candidates(graph, from, self.spec.dir, &mut self.candidates);
        }
    }

    /// Makes `row` (whose start is a node) the current input row, its
    /// filters resolved, without its candidates.
    fn begin(&mut self, row: Row, ctx: &mut Ctx<'_>) -> Result<()> {
        self.pos = 0;
        self.candidates.clear();
        // Filters that read no row are resolved once, for the first row,
        // while the graph stays as it was (a write could add a label or
        // key they name).
        let unchanged = !ctx.graph.has_uncommitted_changes();
        let previous = self.current.take().filter(|_| self.fixed && unchanged);
        let (rel, to) = match previous {
            Some(Current { rel, to, .. }) => (rel, to),
            None => (
                ResolvedRel::resolve(self.spec.rel_filter, &row, ctx)?,
                ResolvedFilter::resolve(self.spec.to_filter, &row, ctx)?,
            ),
        };
        let mut row = row;
        self.spec.widen(&mut row);
        self.current = Some(Current { row, rel, to });
        Ok(())
    }
}

impl ExpandSpec<'_> {
    /// When a candidate's match is decided by bitsets alone (candidates of
    /// the one type asked for from the compact copy, no relationship
    /// properties, none used before, a free far end without a predicate,
    /// and a far-end filter bitsets decide): those bitsets.
    fn bit_checks<'a>(
        &self,
        cur: &'a Current,
        typed: bool,
        graph: &'a Graph,
    ) -> Option<super::scan::BitSets<'a>> {
        let plain = typed
            && cur.rel.properties.is_empty()
            && !cur.rel.impossible
            && self.distinct_from.is_empty()
            && !self.to_bound
            && self.to_filter.predicate.is_none();
        let ix = graph.read_index_if_built().filter(|_| plain)?;
        cur.to.bitsets(ix, graph)
    }

    /// The number of matches at `from` for the current row, counted in the
    /// compact copy's adjacency of the one type asked for when bitsets
    /// decide the far end (`None` otherwise).
    fn count_typed(&self, cur: &Current, from: NodeId, graph: &Graph) -> Option<u64> {
        let [t] = cur.rel.types.as_slice() else {
            return None;
        };
        let ix = graph.read_index()?;
        let bits = self.bit_checks(cur, true, graph)?;
        let count = |outgoing: bool, skip_loops: bool| {
            ix.typed_slice(t, from, outgoing)
                .iter()
                .filter(|&&(_, o)| {
                    let o = NodeId::from(o);
                    !(skip_loops && o == from) && bits.iter().all(|b| has_bit(b, o))
                })
                .count() as u64
        };
        Some(match self.dir {
            Dir::Outgoing => count(true, false),
            Dir::Incoming => count(false, false),
            // A self-loop is walked once.
            Dir::Both => count(true, false) + count(false, true),
        })
    }

    /// Whether the hop over `r` to `other` matches for the current row;
    /// if it does, the row holds it.
    fn accept(
        &self,
        cur: &mut Current,
        typed: bool,
        r: RelId,
        other: NodeId,
        ctx: &mut Ctx<'_>,
    ) -> Result<bool> {
        if !cur.rel.matches_candidate(ctx.graph, r, typed)
            || used(&cur.row, self.distinct_from, r)
            || !self.to_ok(cur, ctx.graph, other)
        {
            return Ok(false);
        }
        // The input row is reused: a match that fails the predicate costs
        // no new row. (A bound end already holds `other`.)
        row::set(&mut cur.row, self.rel, Value::Relationship(r));
        if !self.to_bound {
            row::set(&mut cur.row, self.to, Value::Node(other));
        }
        if let Some(p) = &self.to_filter.predicate {
            return match super::eval(p, &cur.row, ctx)? {
                Value::Bool(true) => Ok(true),
                Value::Bool(false) | Value::Null => Ok(false),
                v => Err(crate::error::Error::type_error(format!(
                    "WHERE needs a boolean, got {}",
                    v.type_name()
                ))),
            };
        }
        Ok(true)
    }
}

impl Operator for Expand<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        Ok(match self.advance(ctx)? {
            true => self.current.as_ref().map(|cur| cur.row.clone()),
            false => None,
        })
    }

    fn for_each_row(&mut self, ctx: &mut Ctx<'_>, f: &mut super::RowSink<'_>) -> Result<()> {
        while self.advance(ctx)? {
            if let Some(cur) = &self.current
                && !f(&cur.row, ctx)?
            {
                break;
            }
        }
        Ok(())
    }

    fn for_each_input_count(
        &mut self,
        ctx: &mut Ctx<'_>,
        reads: &[Slot],
        f: &mut super::CountSink<'_>,
    ) -> Result<bool> {
        if reads.contains(&self.spec.rel) || reads.contains(&self.spec.to) || self.current.is_some()
        {
            return Ok(false);
        }
        while let Some(row) = self.input.next(ctx)? {
            let Value::Node(from) = *row::get(&row, self.spec.from) else {
                continue;
            };
            // Counted straight from the compact copy when bitsets decide:
            // no candidate list, no row.
            if !self.spec.rel_bound {
                self.begin(row, ctx)?;
                let Some(cur) = &self.current else {
                    continue;
                };
                if let Some(n) = self.spec.count_typed(cur, from, ctx.graph) {
                    if n > 0 {
                        f(&cur.row, n, ctx)?;
                    }
                    continue;
                }
                self.fetch_candidates(from, ctx.graph);
            } else {
                self.start(row, ctx)?;
            }
            let Some(cur) = &mut self.current else {
                continue;
            };
            let n = match self.spec.bit_checks(cur, self.typed, ctx.graph) {
                // Bitsets decide: a few bit tests per candidate, no row.
                Some(bits) => self
                    .candidates
                    .iter()
                    .filter(|&&(_, o)| bits.iter().all(|b| has_bit(b, o)))
                    .count() as u64,
                None => {
                    let mut n = 0;
                    for &(r, other) in &self.candidates {
                        n += u64::from(self.spec.accept(cur, self.typed, r, other, ctx)?);
                    }
                    n
                }
            };
            if n > 0 {
                f(&cur.row, n, ctx)?;
            }
        }
        self.current = None;
        Ok(true)
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
    /// Candidate lists of popped frames, kept for their memory.
    spare: Vec<Vec<(RelId, NodeId)>>,
    trail: Vec<RelId>,
    pending_zero: Option<NodeId>,
}

/// Deeper than this, counting walks the trails one by one with `next`
/// (its stack is on the heap) instead of recursing.
const COUNT_DEPTH: u64 = 64;

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
            spare: Vec::new(),
            trail: Vec::new(),
            pending_zero: None,
        }
    }

    fn emit(&self, cur: &Current, end: NodeId) -> Row {
        let mut rels: Vec<Value> = self.trail.iter().map(|r| Value::Relationship(*r)).collect();
        if self.spec.reversed {
            rels.reverse();
        }
        let mut out = cur.row.clone();
        row::set(&mut out, self.spec.rel, Value::List(rels));
        row::set(&mut out, self.spec.to, Value::Node(end));
        out
    }

    /// A frame of the relationships at `node`, reusing a spare list.
    fn frame(&mut self, rel: &ResolvedRel, graph: &Graph, node: NodeId) -> Frame {
        let mut candidates = self.spare.pop().unwrap_or_default();
        let typed = rel.candidates(graph, node, self.spec.dir, &mut candidates);
        Frame {
            candidates,
            pos: 0,
            typed,
        }
    }

    /// The number of trails that continue from `node`, which the trail so
    /// far (`self.trail`, `depth` relationships) has reached. The last level
    /// is counted in one loop over the candidates, without descending.
    fn count_from(
        &mut self,
        cur: &Current,
        graph: &Graph,
        node: NodeId,
        depth: u64,
    ) -> Result<u64> {
        guard::tick()?;
        let mut candidates = self.spare.pop().unwrap_or_default();
        let typed = cur
            .rel
            .candidates(graph, node, self.spec.dir, &mut candidates);
        let next = depth + 1;
        let deeper = self.max.is_none_or(|m| next < m);
        let mut n = 0;
        for &(r, other) in &candidates {
            if self.trail.contains(&r)
                || !cur.rel.matches_candidate(graph, r, typed)
                || used(&cur.row, self.spec.distinct_from, r)
                || graph.is_node_deleted(other)
            {
                continue;
            }
            if next >= self.min && self.spec.to_ok(cur, graph, other) {
                n += 1;
            }
            if deeper {
                self.trail.push(r);
                let below = self.count_from(cur, graph, other, next);
                self.trail.pop();
                match below {
                    Ok(k) => n += k,
                    Err(e) => {
                        self.spare.push(candidates);
                        return Err(e);
                    }
                }
            }
        }
        self.spare.push(candidates);
        Ok(n)
    }
}

impl Operator for VarExpand<'_> {
    fn count(&mut self, ctx: &mut Ctx<'_>) -> Result<u64> {
        if self.max.is_none_or(|m| m > COUNT_DEPTH) || self.current.is_some() {
            let mut n = 0;
            while self.next(ctx)?.is_some() {
                n += 1;
            }
            return Ok(n);
        }
        let mut n = 0;
        while let Some(row) = self.input.next(ctx)? {
            let Value::Node(from) = *row::get(&row, self.spec.from) else {
                continue;
            };
            let rel = ResolvedRel::resolve(self.spec.rel_filter, &row, ctx)?;
            let to = ResolvedFilter::resolve(self.spec.to_filter, &row, ctx)?;
            let cur = Current { row, rel, to };
            if self.min == 0 && self.spec.to_ok(&cur, ctx.graph, from) {
                n += 1;
            }
            if self.max != Some(0) {
                self.trail.clear();
                n += self.count_from(&cur, ctx.graph, from, 0)?;
            }
        }
        Ok(n)
    }

    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        loop {
            if let Some(cur) = self.current.take() {
                if let Some(start) = self.pending_zero.take()
                    && self.spec.to_ok(&cur, ctx.graph, start)
                {
                    let out = self.emit(&cur, start);
                    self.current = Some(cur);
                    return Ok(Some(out));
                }
                while let Some(frame) = self.stack.last_mut() {
                    if frame.pos >= frame.candidates.len() {
                        if let Some(done) = self.stack.pop() {
                            self.spare.push(done.candidates);
                        }
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
                    guard::tick()?;
                    self.trail.push(r);
                    let depth = self.trail.len() as u64;
                    let frame = if self.max.is_none_or(|m| depth < m) {
                        self.frame(&cur.rel, ctx.graph, other)
                    } else {
                        Frame {
                            candidates: Vec::new(),
                            pos: 0,
                            typed: false,
                        }
                    };
                    self.stack.push(frame);
                    if depth >= self.min && self.spec.to_ok(&cur, ctx.graph, other) {
                        let out = self.emit(&cur, other);
                        self.current = Some(cur);
                        return Ok(Some(out));
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
            while let Some(done) = self.stack.pop() {
                self.spare.push(done.candidates);
            }
            if self.max != Some(0) {
                let frame = self.frame(&rel, ctx.graph, from);
                self.stack.push(frame);
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
            for trail in shortest(ctx.graph, a, b, store_dir(*dir), &filter, *length, *all)? {
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

/// A distinct near node of a group, for [`DistinctEnds`].
struct Near {
    node: NodeId,
    group: usize,
    /// Where, in [`NearSet::rels`], the relationships every path to the
    /// node has used are.
    common: std::ops::Range<usize>,
}

/// The distinct near nodes of [`DistinctEnds`], in the order they were met.
#[derive(Default)]
struct NearSet {
    nodes: Vec<Near>,
    /// The relationships of every node's `common` range, end to end.
    rels: Vec<RelId>,
    /// A row of each group, from any one of its paths.
    rows: Vec<Row>,
}

impl NearSet {
    fn common(&self, n: &Near) -> &[RelId] {
        &self.rels[n.common.clone()]
    }
}

/// `DistinctEnds`: the far ends of the last hop, each once per group, from
/// the distinct near nodes (see [`Op::DistinctEnds`]).
pub struct DistinctEnds<'p> {
    input: BoxOp<'p>,
    spec: ExpandSpec<'p>,
    predicate: Option<&'p Expr>,
    group: &'p [Slot],
    out: Option<std::vec::IntoIter<Row>>,
}

impl<'p> DistinctEnds<'p> {
    /// The distinct ends of `expand` over the rows of `input`.
    pub fn new(
        input: BoxOp<'p>,
        expand: &'p Op,
        predicate: Option<&'p Expr>,
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

    /// Finds the far ends, handing each (in a row holding the match) to
    /// `sink`. With `any_order`, the sink wants only the far nodes, in any
    /// order and with any of the matches that reach them.
    fn run(
        &mut self,
        ctx: &mut Ctx<'_>,
        any_order: bool,
        sink: &mut dyn FnMut(&Row, NodeId),
    ) -> Result<Option<u64>> {
        let near = self.near(ctx)?;
        // The hop's filters read no row (the optimizer makes sure): resolve
        // them once.
        let Some(first) = near.rows.first() else {
            return Ok(None);
        };
        let rel = ResolvedRel::resolve(self.spec.rel_filter, first, ctx)?;
        let to = ResolvedFilter::resolve(self.spec.to_filter, first, ctx)?;
        let mut cur = Current {
            row: Row::new(),
            rel,
            to,
        };
        // Only the far nodes wanted, of one group, and a predicate that at
        // most leaves out one node: count them, without rows.
        let counting = if any_order && near.rows.len() == 1 {
            self.excluded(first)
        } else {
            None
        };
        if any_order && near.rows.len() == 1 {
            let mut hits = Vec::new();
            if self.pull_hits(&cur, ctx.graph, &near, &mut hits) {
                if let Some(excluded) = counting {
                    let out = excluded.is_some_and(|x| hits.contains(&x));
                    return Ok(Some(hits.len() as u64 - u64::from(out)));
                }
                cur.row = first.clone();
                self.spec.widen(&mut cur.row);
                for other in hits {
                    row::set(&mut cur.row, self.spec.to, Value::Node(other));
                    if self.passes(&cur.row, ctx)? {
                        sink(&cur.row, other);
                    }
                }
                return Ok(None);
            }
        }
        // A far node is decided once per group: the predicate reads nothing
        // else.
        let bound = ctx.graph.read_index_if_built().map(ReadIndex::bound);
        let mut decided: Vec<NodeSet> = (0..near.rows.len())
            // Bitmaps for the first groups; for many, they would take too much room.
            .map(|g| NodeSet::new(bound.filter(|_| g < 16)))
            .collect();
        let mut candidates = Vec::new();
        let mut hits = Vec::new();
        let mut group = None;
        for n in &near.nodes {
            if group != Some(n.group) {
                group = Some(n.group);
                cur.row = near.rows[n.group].clone();
                self.spec.widen(&mut cur.row);
            }
            self.far_hits(
                &cur,
                ctx.graph,
                n.node,
                near.common(n),
                &mut decided[n.group],
                &mut candidates,
                &mut hits,
            );
            if counting.is_some() {
                continue;
            }
            for &(r, other) in &hits {
                // The group's row holds each match in turn.
                row::set(&mut cur.row, self.spec.rel, Value::Relationship(r));
                row::set(&mut cur.row, self.spec.to, Value::Node(other));
                if self.passes(&cur.row, ctx)? {
                    sink(&cur.row, other);
                }
            }
        }
        // Counting: every far node found, once, but the one left out.
        Ok(counting.map(|excluded| {
            let found = decided.first().map_or(0, NodeSet::len) as u64;
            let out = excluded.is_some_and(|x| decided.first().is_some_and(|d| d.contains(x)));
            found - u64::from(out)
        }))
    }

    /// When the predicate at most leaves out one far node (there is none,
    /// or it is `x <> n` with `n` a node in `row`): that node.
    fn excluded(&self, row: &Row) -> Option<Option<NodeId>> {
        use crate::plan::logical::BinaryOp;
        let Some(p) = self.predicate else {
            return Some(None);
        };
        let Expr::Binary(BinaryOp::Ne, a, b) = p else {
            return None;
        };
        let other = match (&**a, &**b) {
            (Expr::Slot(x), Expr::Slot(s)) | (Expr::Slot(s), Expr::Slot(x))
                if *x == self.spec.to =>
            {
                *s
            }
            _ => return None,
        };
        match row::get(row, other) {
            Value::Node(n) if other != self.spec.to => Some(Some(*n)),
            _ => None,
        }
    }

    /// Whether a match passes the predicate.
    fn passes(&self, row: &Row, ctx: &mut Ctx<'_>) -> Result<bool> {
        Ok(match self.predicate {
            Some(p) => matches!(super::eval(p, row, ctx)?, Value::Bool(true)),
            None => true,
        })
    }

    /// The distinct near nodes per group (numbered in the order they are
    /// met), each with the relationships every one of its paths has used.
    fn near(&mut self, ctx: &mut Ctx<'_>) -> Result<NearSet> {
        use crate::value::GroupKey;
        let mut groups: foldhash::HashMap<Vec<GroupKey>, usize> = foldhash::HashMap::default();
        // The group of the last row: rows mostly share one.
        let mut last: Option<(Vec<GroupKey>, usize)> = None;
        // Where each (node, group) is in `near.nodes`: a dense array for
        // the first group when node ids are bounded, a hash map otherwise.
        let bound = ctx.graph.read_index_if_built().map(ReadIndex::bound);
        // (Position + 1, so that the array starts as zeroed memory, which
        // costs nothing until touched.)
        let mut first_group = vec![0u32; bound.unwrap_or(0)];
        let mut index: foldhash::HashMap<(NodeId, usize), usize> = foldhash::HashMap::default();
        let mut near = NearSet::default();
        let mut used_here: Vec<RelId> = Vec::new();
        let (group_slots, spec) = (self.group, &self.spec);
        self.input.for_each_row(ctx, &mut |row, _| {
            let Value::Node(node) = *row::get(row, spec.from) else {
                return Ok(true);
            };
            let same = last.as_ref().is_some_and(|(key, _)| {
                group_slots
                    .iter()
                    .zip(key)
                    .all(|(s, k)| GroupKey(row::get(row, *s).clone()) == *k)
            });
            if !same {
                let key: Vec<GroupKey> = group_slots
                    .iter()
                    .map(|s| GroupKey(row::get(row, *s).clone()))
                    .collect();
                let next = groups.len();
                let g = *groups.entry(key.clone()).or_insert_with(|| {
                    near.rows.push(row.clone());
                    next
                });
                last = Some((key, g));
            }
            let group = last.as_ref().map_or(0, |(_, g)| *g);
            used_here.clear();
            for s in spec.distinct_from {
                match row::get(row, *s) {
                    Value::Relationship(r) => used_here.push(*r),
                    Value::List(items) => used_here.extend(items.iter().filter_map(|v| match v {
                        Value::Relationship(r) => Some(*r),
                        _ => None,
                    })),
                    _ => {}
                }
            }
            let dense = first_group.get_mut(node as usize).filter(|_| group == 0);
            let found = match dense {
                Some(at) if *at != 0 => Some(*at as usize - 1),
                Some(at) => {
                    *at = near.nodes.len() as u32 + 1;
                    None
                }
                None => {
                    let at = index.entry((node, group)).or_insert(near.nodes.len());
                    (*at != near.nodes.len()).then_some(*at)
                }
            };
            match found {
                Some(i) => {
                    // Keep what this path has used too.
                    let range = near.nodes[i].common.clone();
                    let mut keep = range.start;
                    for j in range.clone() {
                        if used_here.contains(&near.rels[j]) {
                            near.rels[keep] = near.rels[j];
                            keep += 1;
                        }
                    }
                    near.nodes[i].common = range.start..keep;
                }
                None => {
                    let start = near.rels.len();
                    near.rels.extend_from_slice(&used_here);
                    near.nodes.push(Near {
                        node,
                        group,
                        common: start..near.rels.len(),
                    });
                }
            }
            Ok(true)
        })?;
        Ok(near)
    }

    /// The far nodes of one group found the other way round: each node
    /// that may be a far end looks for a near node among its own
    /// relationships and stops at the first. Pays when the near nodes'
    /// relationships outnumber the possible far nodes. Only on the compact
    /// copy with a plain hop (one type, no relationship properties, labels
    /// only on the far end); false, with nothing found, otherwise.
    fn pull_hits(
        &self,
        cur: &Current,
        graph: &Graph,
        near: &NearSet,
        hits: &mut Vec<NodeId>,
    ) -> bool {
        let Some(ix) = graph.read_index_if_built() else {
            return false;
        };
        let ([t], true, false) = (
            cur.rel.types.as_slice(),
            cur.rel.properties.is_empty() && !cur.rel.impossible,
            self.spec.to_bound,
        ) else {
            return false;
        };
        let Some(labels) = cur.to.bitsets(ix, graph) else {
            return false;
        };
        let (forward, backward) = match self.spec.dir {
            Dir::Outgoing => (&[true][..], &[false][..]),
            Dir::Incoming => (&[false][..], &[true][..]),
            Dir::Both => (&[true, false][..], &[true, false][..]),
        };
        let bound = ix.bound();
        let pushed: usize = near
            .nodes
            .iter()
            .map(|n| {
                forward
                    .iter()
                    .map(|&o| ix.typed_slice(t, n.node, o).len())
                    .sum::<usize>()
            })
            .sum();
        // Pulling reads the relationships of every possible far node in no
        // useful order; pushing reads the near nodes' in order. Measured on
        // synthetic-S and -L, pulling pays from about four times as many
        // pushed relationships as nodes.
        if pushed <= 4 * bound {
            return false;
        }
        // Each near node's position + 1, to find what its paths have used.
        let mut at = vec![0u32; bound];
        for (i, n) in near.nodes.iter().enumerate() {
            if let Some(slot) = at.get_mut(n.node as usize) {
                *slot = i as u32 + 1;
            }
        }
        for far in 0..bound {
            if !labels.iter().all(|b| has_bit(b, far as NodeId))
                || !graph.contains_node(far as NodeId)
            {
                continue;
            }
            let reached = backward.iter().any(|&o| {
                ix.typed_slice(t, far as NodeId, o).iter().any(|&(r, m)| {
                    at.get(m as usize).is_some_and(|&i| {
                        i != 0
                            && !near
                                .common(&near.nodes[i as usize - 1])
                                .contains(&(r as RelId))
                    })
                })
            });
            if reached {
                hits.push(far as NodeId);
            }
        }
        true
    }

    /// The hops from `node` to far nodes not yet `decided` that pass the
    /// hop's filters, into `hits`; they become decided. `common` are the
    /// relationships every path to `node` has used.
    #[allow(clippy::too_many_arguments)]
    fn far_hits(
        &self,
        cur: &Current,
        graph: &Graph,
        node: NodeId,
        common: &[RelId],
        decided: &mut NodeSet,
        candidates: &mut Vec<(RelId, NodeId)>,
        hits: &mut Vec<(RelId, NodeId)>,
    ) {
        hits.clear();
        let typed = cur.rel.candidates(graph, node, self.spec.dir, candidates);
        let any_rel = typed && cur.rel.properties.is_empty() && !cur.rel.impossible;
        // Labels only, on the compact copy (which means nothing is deleted):
        // a few bit tests per far node.
        let label_bits = graph
            .read_index_if_built()
            .filter(|_| !self.spec.to_bound)
            .and_then(|ix| cur.to.bitsets(ix, graph));
        for &(r, other) in candidates.iter() {
            if common.contains(&r) || decided.contains(other) {
                continue;
            }
            let rel_ok = any_rel || cur.rel.matches_candidate(graph, r, typed);
            let to_ok = match &label_bits {
                Some(bits) => bits.iter().all(|b| has_bit(b, other)),
                None => self.spec.to_ok(cur, graph, other),
            };
            if rel_ok && to_ok {
                decided.insert(other);
                hits.push((r, other));
            }
        }
    }
}

impl Operator for DistinctEnds<'_> {
    fn count_distinct_nodes(&mut self, slot: Slot, ctx: &mut Ctx<'_>) -> Result<Option<u64>> {
        if slot != self.spec.to || self.out.is_some() {
            return Ok(None);
        }
        let mut seen = NodeSet::new(ctx.graph.read_index_if_built().map(ReadIndex::bound));
        let counted = self.run(ctx, true, &mut |_, other| {
            seen.insert(other);
        })?;
        self.out = Some(Vec::new().into_iter());
        Ok(Some(counted.unwrap_or(seen.len() as u64)))
    }

    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        if self.out.is_none() {
            let mut rows = Vec::new();
            self.run(ctx, false, &mut |row, _| rows.push(row.clone()))?;
            self.out = Some(rows.into_iter());
        }
        Ok(self.out.as_mut().and_then(Iterator::next))
    }
}
