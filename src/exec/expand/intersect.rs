//! `Expand(Intersect)`: a node reached by several hops at once, each from
//! a node already bound, as the third corner of a triangle
//! (`(a)-->(b)-->(c), (a)-->(c)`: `c` among `b`'s and `a`'s neighbours).
//! Each row walks only the shortest of the hops' relationship lists and
//! looks each far node up among the others' neighbours, kept in maps by
//! start node for the rest of the statement (while the graph has no
//! uncommitted change; otherwise built for the row). This is a
//! worst-case-optimal join: a hub's relationships are read once, not once
//! per path through it.
//!
//! The rows are those of expanding the first hop and checking the others
//! between two bound nodes: every combination of relationships (several
//! between one pair give several rows), each relationship used once in the
//! match, the far node's filter and predicate.

use super::*;
use crate::plan::logical::NodeFilter;

/// One hop into the far node.
struct Leg<'p> {
    from: Slot,
    rel: Slot,
    dir: Dir,
    filter: &'p RelFilter,
}

/// The relationships of one leg at one start node, as `(far node,
/// relationship)` sorted by far node: a far node's are a binary search away.
type Neighbours = Vec<(NodeId, RelId)>;

/// The relationships to `w` among `n`.
fn to_node(n: &Neighbours, w: NodeId) -> &[(NodeId, RelId)] {
    let lo = n.partition_point(|&(o, _)| o < w);
    let hi = lo + n[lo..].partition_point(|&(o, _)| o == w);
    &n[lo..hi]
}

/// Past this many relationships in the maps, they are dropped and rebuilt
/// as needed (a bound on memory; the work stays linear).
const MAPS_LIMIT: usize = 8 << 20;

/// `Expand(Intersect)`, see the module.
pub(crate) struct Intersect<'p> {
    input: BoxOp<'p>,
    legs: Vec<Leg<'p>>,
    to: Slot,
    to_filter: &'p NodeFilter,
    distinct_from: &'p [Slot],
    /// Per leg, the neighbours of the start nodes met so far.
    maps: Vec<foldhash::HashMap<NodeId, Neighbours>>,
    /// The filters resolved for the previous row, when they read no row.
    resolved: Option<(Vec<ResolvedRel>, ResolvedFilter)>,
    /// The filters read no row.
    fixed: bool,
    /// How many relationships the maps hold.
    mapped: usize,
    /// The rows left of the current input row.
    out: std::collections::VecDeque<Row>,
    list: Vec<(RelId, NodeId)>,
    found: Vec<(Vec<RelId>, NodeId)>,
    /// Only count the matches (into `counted`), without listing them.
    counting: bool,
    counted: u64,
    /// The start nodes of the previous row.
    last_froms: Vec<NodeId>,
    /// For the leg and start node `dense_for`, by far node: the stamp of
    /// its build and the position of its first relationship in the
    /// neighbour list. A leg whose start stays the same row after row (the
    /// outer corner of a triangle) is then looked up directly.
    dense: Vec<(u32, u32)>,
    dense_for: Option<(usize, NodeId)>,
    stamp: u32,
}

impl<'p> Intersect<'p> {
    /// The intersection of the hops of an [`Op::Expand`] with `also` legs.
    pub(crate) fn new(input: BoxOp<'p>, op: &'p Op) -> Intersect<'p> {
        let Op::Expand {
            from,
            rel,
            to,
            dir,
            rel_filter,
            to_filter,
            distinct_from,
            also,
            ..
        } = op
        else {
            unreachable!("Intersect is only built from Op::Expand")
        };
        let mut legs = vec![Leg {
            from: *from,
            rel: *rel,
            dir: store_dir(*dir),
            filter: rel_filter,
        }];
        legs.extend(also.iter().map(|l| Leg {
            from: l.from,
            rel: l.rel,
            dir: store_dir(l.dir),
            filter: &l.rel_filter,
        }));
        let maps = legs.iter().map(|_| foldhash::HashMap::default()).collect();
        let fixed = to_filter.row_independent() && legs.iter().all(|l| l.filter.row_independent());
        Intersect {
            resolved: None,
            fixed,
            input,
            legs,
            to: *to,
            to_filter,
            distinct_from,
            maps,
            mapped: 0,
            out: std::collections::VecDeque::new(),
            list: Vec::new(),
            found: Vec::new(),
            counting: false,
            counted: 0,
            last_froms: Vec::new(),
            dense: Vec::new(),
            dense_for: None,
            stamp: 0,
        }
    }
}

/// The relationships of `dir` at `node` of one of `types` (any when empty).
fn list(
    graph: &Graph,
    copy: Option<&ReadIndex>,
    types: &[std::sync::Arc<str>],
    dir: Dir,
    node: NodeId,
    out: &mut Vec<(RelId, NodeId)>,
) {
    out.clear();
    if !types.is_empty()
        && let Some(ix) = copy
    {
        for t in types {
            if matches!(dir, Dir::Outgoing | Dir::Both) {
                out.extend(ix.typed(t, node, true));
            }
            if matches!(dir, Dir::Incoming | Dir::Both) {
                // A self-loop is walked once.
                out.extend(
                    ix.typed(t, node, false)
                        .filter(|(_, o)| !(dir == Dir::Both && *o == node)),
                );
            }
        }
        return;
    }
    graph.relationships_into(node, dir, out);
    if !types.is_empty() {
        out.retain(|(r, _)| types.iter().any(|t| graph.rel_has_type(*r, t)));
    }
}

/// How many relationships [`list`] finds, without listing them when the
/// compact copy can tell.
fn list_len(
    graph: &Graph,
    copy: Option<&ReadIndex>,
    types: &[std::sync::Arc<str>],
    dir: Dir,
    node: NodeId,
) -> usize {
    match copy {
        Some(ix) if !types.is_empty() => types
            .iter()
            .map(|t| {
                let out = ix.typed_slice(t, node, true).len();
                let inc = ix.typed_slice(t, node, false).len();
                match dir {
                    Dir::Outgoing => out,
                    Dir::Incoming => inc,
                    Dir::Both => out + inc,
                }
            })
            .sum(),
        _ => {
            let mut out = Vec::new();
            list(graph, copy, types, dir, node, &mut out);
            out.len()
        }
    }
}

impl Intersect<'_> {
    /// The matches for `row` into `self.found`, the far end's predicate
    /// not yet checked: the relationships (one per leg) and the far node.
    fn find(&mut self, row: &Row, ctx: &mut Ctx<'_>) -> Result<()> {
        self.found.clear();
        let mut froms = [0; 8];
        if self.legs.len() > froms.len() {
            return Ok(());
        }
        for (i, leg) in self.legs.iter().enumerate() {
            let Value::Node(f) = *row::get(row, leg.from) else {
                return Ok(());
            };
            froms[i] = f;
        }
        let froms = &froms[..self.legs.len()];
        // Filters that read no row are resolved once, while the graph
        // stays as it was.
        let unchanged = !ctx.graph.has_uncommitted_changes();
        let (rels, to) = match self.resolved.take().filter(|_| self.fixed && unchanged) {
            Some(r) => r,
            None => {
                let mut rels = Vec::with_capacity(self.legs.len());
                for leg in &self.legs {
                    rels.push(ResolvedRel::resolve(leg.filter, row, ctx)?);
                }
                (rels, ResolvedFilter::resolve(self.to_filter, row, ctx)?)
            }
        };
        let outcome = self.find_resolved(row, froms, &rels, &to, ctx);
        self.resolved = Some((rels, to));
        outcome
    }

    fn find_resolved(
        &mut self,
        row: &Row,
        froms: &[NodeId],
        rels: &[ResolvedRel],
        to: &ResolvedFilter,
        ctx: &mut Ctx<'_>,
    ) -> Result<()> {
        if rels.iter().any(|r| r.impossible) {
            return Ok(());
        }
        let graph = &*ctx.graph;
        // A statement that writes never builds the compact copy (see `Expand`).
        let copy = match ctx.writes {
            true => graph.read_index_if_built(),
            false => graph.read_index(),
        };
        if copy.is_none() || self.mapped > MAPS_LIMIT {
            self.maps.iter_mut().for_each(|m| m.clear());
            self.mapped = 0;
        }
        let driver = (0..self.legs.len())
            .min_by_key(|&i| list_len(graph, copy, &rels[i].types, self.legs[i].dir, froms[i]))
            .unwrap_or(0);
        for (j, leg) in self.legs.iter().enumerate() {
            if j == driver || self.maps[j].contains_key(&froms[j]) {
                continue;
            }
            list(
                graph,
                copy,
                &rels[j].types,
                leg.dir,
                froms[j],
                &mut self.list,
            );
            let mut n: Neighbours = self.list.iter().map(|&(r, o)| (o, r)).collect();
            n.sort_unstable();
            self.mapped += n.len();
            self.maps[j].insert(froms[j], n);
        }
        let empty = Vec::new();
        let others: Vec<&Neighbours> = (0..self.legs.len())
            .map(|j| match j == driver {
                true => &empty,
                false => self.maps[j].get(&froms[j]).unwrap_or(&empty),
            })
            .collect();
        // A leg whose start is the previous row's too is looked up directly.
        let mut dense_leg = None;
        if let Some(bound) = copy.map(|ix| ix.bound()) {
            for j in (0..self.legs.len()).filter(|&j| j != driver) {
                if self.last_froms.get(j) != Some(&froms[j]) || others[j].len() < 8 {
                    continue;
                }
                if self.dense_for != Some((j, froms[j])) {
                    if self.stamp == u32::MAX {
                        self.dense.iter_mut().for_each(|d| *d = (0, 0));
                        self.stamp = 0;
                    }
                    self.stamp += 1;
                    if self.dense.len() < bound {
                        self.dense.resize(bound, (0, 0));
                    }
                    for (i, &(w, _)) in others[j].iter().enumerate().rev() {
                        if let Some(d) = self.dense.get_mut(w as usize) {
                            *d = (self.stamp, i as u32);
                        }
                    }
                    self.dense_for = Some((j, froms[j]));
                }
                dense_leg = Some(j);
                break;
            }
        }
        self.last_froms.clear();
        self.last_froms.extend_from_slice(froms);
        list(
            graph,
            copy,
            &rels[driver].types,
            self.legs[driver].dir,
            froms[driver],
            &mut self.list,
        );
        guard::tick_by(self.list.len() as u64)?;
        let mut choice: Vec<&[(NodeId, RelId)]> = vec![&[]; self.legs.len()];
        let mut at = vec![0usize; self.legs.len()];
        let mut combo: Vec<RelId> = vec![0; self.legs.len()];
        for &(r, w) in &self.list {
            let mut all = true;
            for (j, c) in choice.iter_mut().enumerate() {
                if j == driver {
                    continue;
                }
                *c = match dense_leg == Some(j) {
                    true => match self.dense.get(w as usize) {
                        Some(&(stamp, i)) if stamp == self.stamp => {
                            let n = &others[j][i as usize..];
                            &n[..n.partition_point(|&(o, _)| o == w)]
                        }
                        _ => &[],
                    },
                    false => to_node(others[j], w),
                };
                all &= !c.is_empty();
            }
            if !all || graph.is_node_deleted(w) || !to.matches(graph, w) {
                continue;
            }
            // Every combination of one relationship per leg.
            at.iter_mut().for_each(|a| *a = 0);
            'combos: loop {
                for (i, c) in combo.iter_mut().enumerate() {
                    *c = if i == driver { r } else { choice[i][at[i]].1 };
                }
                let fresh = combo.iter().enumerate().all(|(i, r)| {
                    !combo[..i].contains(r)
                        && rels[i].matches_candidate(graph, *r, true)
                        && !used(row, self.distinct_from, *r)
                });
                if fresh && self.counting {
                    self.counted += 1;
                } else if fresh {
                    self.found.push((combo.clone(), w));
                }
                for k in (0..at.len()).filter(|&k| k != driver) {
                    at[k] += 1;
                    if at[k] < choice[k].len() {
                        continue 'combos;
                    }
                    at[k] = 0;
                }
                break;
            }
        }
        Ok(())
    }

    /// The row of one match, if the far end's predicate holds there.
    fn row_of(
        &self,
        row: &Row,
        rels: &[RelId],
        w: NodeId,
        ctx: &mut Ctx<'_>,
    ) -> Result<Option<Row>> {
        let mut out = row.clone();
        for (leg, r) in self.legs.iter().zip(rels) {
            row::set(&mut out, leg.rel, Value::Relationship(*r));
        }
        row::set(&mut out, self.to, Value::Node(w));
        if let Some(p) = &self.to_filter.predicate {
            return match super::super::eval(p, &out, ctx)? {
                Value::Bool(true) => Ok(Some(out)),
                Value::Bool(false) | Value::Null => Ok(None),
                v => Err(crate::error::Error::type_error(format!(
                    "WHERE needs a boolean, got {}",
                    v.type_name()
                ))),
            };
        }
        Ok(Some(out))
    }
}

impl Operator for Intersect<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        loop {
            if let Some(row) = self.out.pop_front() {
                guard::tick()?;
                return Ok(Some(row));
            }
            let Some(row) = self.input.next(ctx)? else {
                return Ok(None);
            };
            self.find(&row, ctx)?;
            let found = std::mem::take(&mut self.found);
            for (rels, w) in &found {
                if let Some(r) = self.row_of(&row, rels, *w, ctx)? {
                    self.out.push_back(r);
                }
            }
            self.found = found;
        }
    }

    fn count(&mut self, ctx: &mut Ctx<'_>) -> Result<u64> {
        let mut total = self.out.len() as u64;
        self.out.clear();
        if self.to_filter.predicate.is_some() {
            while self.next(ctx)?.is_some() {
                total += 1;
            }
            return Ok(total);
        }
        self.counting = true;
        while let Some(row) = self.input.next(ctx)? {
            self.counted = 0;
            self.find(&row, ctx)?;
            guard::tick_by(self.counted)?;
            total += self.counted;
        }
        self.counting = false;
        Ok(total)
    }

    fn for_each_input_count(
        &mut self,
        ctx: &mut Ctx<'_>,
        reads: &[Slot],
        counted: &[Slot],
        f: &mut super::super::CountSink<'_>,
    ) -> Result<bool> {
        // Every match fills the far node and each leg's relationship.
        let fills = |s: &Slot| *s == self.to || self.legs.iter().any(|l| l.rel == *s);
        if reads.contains(&self.to)
            || self.legs.iter().any(|l| reads.contains(&l.rel))
            || !counted.iter().all(fills)
            || !self.out.is_empty()
        {
            return Ok(false);
        }
        self.counting = self.to_filter.predicate.is_none();
        while let Some(row) = self.input.next(ctx)? {
            self.counted = 0;
            self.find(&row, ctx)?;
            let n = match self.to_filter.predicate {
                None => self.counted,
                Some(_) => {
                    let found = std::mem::take(&mut self.found);
                    let mut n = 0;
                    for (rels, w) in &found {
                        n += u64::from(self.row_of(&row, rels, *w, ctx)?.is_some());
                    }
                    self.found = found;
                    n
                }
            };
            if n > 0 {
                guard::tick_by(n)?;
                f(&row, n, n, ctx)?;
            }
        }
        self.counting = false;
        Ok(true)
    }
}
