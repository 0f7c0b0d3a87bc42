//! `-[*min..max]->`: variable-length expansion, trail by trail.

use super::*;

/// One level of the depth-first walk: a node's relationships and how far we got.
struct Frame {
    candidates: Vec<(RelId, NodeId)>,
    pos: usize,
    /// The candidates are known to be of the type asked for.
    typed: bool,
}

/// Variable length: `(a)-[r*min..max]->(b)`, every trail (no relationship twice).
pub(crate) struct VarExpand<'p> {
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
    pub(crate) fn new(input: BoxOp<'p>, op: &'p Op) -> VarExpand<'p> {
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
    fn split(&mut self, part: Part, graph: &Graph) -> Split {
        self.input.split(part, graph).passed_on()
    }

    fn count(&mut self, ctx: &mut Ctx<'_>) -> Result<u64> {
        if self.max.is_none_or(|m| m > COUNT_DEPTH) || self.current.is_some() || self.spec.rel_bound
        {
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
            if self.min == 0 && self.spec.to_ok(&cur, &ctx.graph, from) {
                n += 1;
            }
            if self.max != Some(0) {
                self.trail.clear();
                n += self.count_from(&cur, &ctx.graph, from, 0)?;
            }
        }
        Ok(n)
    }

    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        loop {
            if let Some(cur) = self.current.take() {
                if let Some(start) = self.pending_zero.take()
                    && self.spec.to_ok(&cur, &ctx.graph, start)
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
                        || !cur.rel.matches_candidate(&ctx.graph, r, typed)
                        || used(&cur.row, self.spec.distinct_from, r)
                        || ctx.graph.is_node_deleted(other)
                    {
                        continue;
                    }
                    guard::tick()?;
                    self.trail.push(r);
                    let depth = self.trail.len() as u64;
                    let frame = if self.max.is_none_or(|m| depth < m) {
                        self.frame(&cur.rel, &ctx.graph, other)
                    } else {
                        Frame {
                            candidates: Vec::new(),
                            pos: 0,
                            typed: false,
                        }
                    };
                    self.stack.push(frame);
                    if depth >= self.min && self.spec.to_ok(&cur, &ctx.graph, other) {
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
            if self.spec.rel_bound {
                // A bound list matches at most once: exactly its sequence.
                let mut cur = Current { row, rel, to };
                self.spec.widen(&mut cur.row);
                guard::tick()?;
                if let Some(end) =
                    self.spec
                        .walk_bound(&cur, &ctx.graph, from, (self.min, self.max))
                {
                    row::set(&mut cur.row, self.spec.to, Value::Node(end));
                    return Ok(Some(cur.row));
                }
                continue;
            }
            self.trail.clear();
            while let Some(done) = self.stack.pop() {
                self.spare.push(done.candidates);
            }
            if self.max != Some(0) {
                let frame = self.frame(&rel, &ctx.graph, from);
                self.stack.push(frame);
            }
            self.pending_zero = (self.min == 0).then_some(from);
            self.current = Some(Current { row, rel, to });
        }
    }
}
