//! `count(DISTINCT x)` over a chain of hops: the distinct far ends, counted
//! without building rows.

use super::*;

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
pub(crate) struct DistinctEnds<'p> {
    input: BoxOp<'p>,
    spec: ExpandSpec<'p>,
    predicate: Option<&'p Expr>,
    group: &'p [Slot],
    out: Option<std::vec::IntoIter<Row>>,
}

impl<'p> DistinctEnds<'p> {
    /// The distinct ends of `expand` over the rows of `input`.
    pub(crate) fn new(
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
            if self.pull_hits(&cur, &ctx.graph, &near, &mut hits) {
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
                &ctx.graph,
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
            Some(p) => matches!(crate::exec::eval(p, row, ctx)?, Value::Bool(true)),
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
        // Where each (node, group) is in `near.nodes`: a hash map, and for
        // the first group, once it has many near nodes and node ids are
        // bounded, a dense array (an array the size of the graph made for
        // a few near nodes would cost more than the walk).
        let bound = ctx.graph.read_index_if_built().map(ReadIndex::bound);
        // (Position + 1, so that the array starts as zeroed memory.)
        let mut first_group: Vec<u32> = Vec::new();
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
                    if near.nodes.len() == DENSE_AFTER
                        && let Some(bound) = bound
                    {
                        first_group = dense_first_group(&near.nodes, bound);
                    }
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
            cur.rel.any_of_type(),
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
            if !labels.all_have(far as NodeId) || !graph.contains_node(far as NodeId) {
                continue;
            }
            let reached = backward.iter().any(|&o| {
                ix.typed_slice(t, far as NodeId, o).iter().any(|&[r, m]| {
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
        let any_rel = typed && cur.rel.any_of_type();
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
                Some(bits) => bits.all_have(other),
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

/// How many near nodes are looked up in the hash map before the first
/// group's go to a dense array.
const DENSE_AFTER: usize = 4096;

/// The dense array of the first group's near nodes in `nodes` (each at
/// its position + 1), for node ids below `bound`.
fn dense_first_group(nodes: &[Near], bound: usize) -> Vec<u32> {
    let mut dense = vec![0u32; bound];
    for (i, n) in nodes.iter().enumerate() {
        if n.group == 0
            && let Some(at) = dense.get_mut(n.node as usize)
        {
            *at = i as u32 + 1;
        }
    }
    dense
}
