//! `Expand(Intersect)`: a node reached by several hops at once, each from
//! a node already bound, as the third corner of a triangle
//! (`(a)-->(b)-->(c), (a)-->(c)`: `c` among `b`'s and `a`'s neighbours).
//! Each row walks only the shortest of the hops' relationship lists and
//! looks each far node up among the others' neighbours, kept in maps by
//! start node for the rest of the statement (while the graph has no
//! uncommitted change; otherwise built for the row), or, for a leg whose
//! start nodes seldom come back (each row's own node, as in
//! `(a)-[:X]->(b), (a)-[:Y]->(b)`), sorted for the row alone. This is a
//! worst-case-optimal join: a hub's relationships are read once, not once
//! per path through it.
//!
//! The rows are those of expanding the first hop and checking the others
//! between two bound nodes: every combination of relationships (several
//! between one pair give several rows), each relationship used once in the
//! match, the far node's filter and predicate.

use super::neighbours::{MARKED_BOUND, Marked, Neighbours, Probe, for_each_marked, has_bit};
use super::*;
use crate::exec::scan::Argument;
use crate::plan::logical::NodeFilter;

/// One hop into the far node.
struct Leg<'p> {
    from: Slot,
    rel: Slot,
    dir: Dir,
    filter: &'p RelFilter,
}

/// What a probe into a list that is not in the processor's cache costs,
/// against one that is.
const MISS: u64 = 8;

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
    /// Per leg, how often its start node was looked up in its map, and
    /// found there: a leg whose start nodes seldom come back (each row's
    /// own node, as in `(a)-[:X]->(b), (a)-[:Y]->(b)`) is not mapped.
    lookups: [u64; 8],
    hits: [u64; 8],
    /// Per leg, its list for the current row when it is not mapped.
    scratch: Vec<Vec<(NodeId, RelId)>>,
    /// The rows left of the current input row.
    out: std::collections::VecDeque<Row>,
    list: Vec<(RelId, NodeId)>,
    found: Vec<(Vec<RelId>, NodeId)>,
    /// Only count the matches (into `counted`), without listing them.
    counting: bool,
    counted: u64,
    /// The start nodes of the previous row.
    last_froms: Vec<NodeId>,
    /// The leg whose start node the previous rows kept, marked.
    marked: Option<Marked>,
    /// The rows seen with a marked leg, and how often it was marked anew.
    rows: u64,
    marks: u64,
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
        let scratch = legs.iter().map(|_| Vec::new()).collect();
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
            scratch,
            mapped: 0,
            lookups: [0; 8],
            hits: [0; 8],
            out: std::collections::VecDeque::new(),
            list: Vec::new(),
            found: Vec::new(),
            counting: false,
            counted: 0,
            last_froms: Vec::new(),
            marked: None,
            rows: 0,
            marks: 0,
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
                // Only the directions asked for: each is a cache miss.
                let len = |outgoing: bool| ix.typed_slice(t, node, outgoing).len();
                match dir {
                    Dir::Outgoing => len(true),
                    Dir::Incoming => len(false),
                    Dir::Both => len(true) + len(false),
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
    /// The leg whose start node is the previous row's, with its neighbours
    /// marked (see [`Marked`]), if there is one and the compact copy lists
    /// its relationships.
    fn mark(
        &mut self,
        graph: &Graph,
        copy: Option<&ReadIndex>,
        froms: &[NodeId],
        rels: &[ResolvedRel],
    ) -> Option<usize> {
        let Some(copy) = copy.filter(|c| c.bound() <= MARKED_BOUND && !self.unsteady()) else {
            self.marked = None;
            return None;
        };
        self.rows += 1;
        // A copy built anew (over more nodes) needs a bitset as long.
        if self
            .marked
            .as_ref()
            .is_some_and(|m| m.bits.len() < copy.bound().div_ceil(64))
        {
            self.marked = None;
        }
        // The leg marked before is the one whose start node stays, row
        // after row: it is marked again when it moves on.
        let j = match &self.marked {
            Some(m) if froms[m.leg] == m.from => return Some(m.leg),
            Some(m) => m.leg,
            None => (0..froms.len()).find(|&j| self.last_froms.get(j) == Some(&froms[j]))?,
        };
        self.marks += 1;
        list(
            graph,
            Some(copy),
            &rels[j].types,
            self.legs[j].dir,
            froms[j],
            &mut self.list,
        );
        let list = self.list.iter().map(|&(r, o)| (o, r)).collect();
        self.marked
            .get_or_insert_with(|| Marked::new(copy.bound()))
            .mark(j, froms[j], list);
        Some(j)
    }

    /// Whether the marked leg moves on too often to be worth marking: its
    /// start node changes on more than half the rows.
    fn unsteady(&self) -> bool {
        self.marks * 2 > self.rows + 64
    }

    /// The leg whose relationships are walked: the one that costs least,
    /// counting for each other leg a probe per far node. A probe into the
    /// neighbours of the previous row's start node (the outer corner of a
    /// triangle, row after row) finds them in the processor's cache; one
    /// into another's is a cache miss, and costs several.
    fn driver(
        &self,
        graph: &Graph,
        copy: Option<&ReadIndex>,
        froms: &[NodeId],
        rels: &[ResolvedRel],
    ) -> usize {
        let mut lens = [0u64; 8];
        for (i, l) in lens.iter_mut().enumerate().take(self.legs.len()) {
            *l = list_len(graph, copy, &rels[i].types, self.legs[i].dir, froms[i]) as u64;
        }
        let log = |j: usize| u64::from(u64::BITS - lens[j].leading_zeros());
        let probe = |j: usize| match self.last_froms.get(j) == Some(&froms[j]) {
            true => 1,
            false => MISS * log(j).min(2),
        };
        (0..self.legs.len())
            .min_by_key(|&i| {
                let probes: u64 = (0..self.legs.len()).filter(|&j| j != i).map(probe).sum();
                lens[i] * probes
            })
            .unwrap_or(0)
    }

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
        if let Some(ix) = copy
            && self.pair_at_one_node(row, froms, rels, to, ix, graph)?
        {
            return Ok(());
        }
        let marked = self.mark(graph, copy, froms, rels);
        let driver = self.driver(graph, copy, froms, rels);
        self.last_froms.clear();
        self.last_froms.extend_from_slice(froms);
        let mut mapped = [false; 8];
        for (j, leg) in self.legs.iter().enumerate() {
            if j == driver || Some(j) == marked {
                continue;
            }
            self.lookups[j] += 1;
            if self.maps[j].contains_key(&froms[j]) {
                self.hits[j] += 1;
                mapped[j] = true;
                continue;
            }
            let scratch = &mut self.scratch[j];
            list(graph, copy, &rels[j].types, leg.dir, froms[j], scratch);
            scratch.iter_mut().for_each(|p| *p = (p.1, p.0));
            // Mapped while a start node comes back often enough to pay
            // for its map: one row in four, once there are enough rows to
            // tell.
            if self.lookups[j] < 1024 || self.hits[j] * 4 >= self.lookups[j] {
                let n = Neighbours::new(scratch.clone());
                self.mapped += n.size();
                self.maps[j].insert(froms[j], n);
                mapped[j] = true;
            } else {
                scratch.sort_unstable();
            }
        }
        let n = self.legs.len();
        let mut others = [Probe::None; 8];
        for (j, o) in others
            .iter_mut()
            .enumerate()
            .take(n)
            .filter(|(j, _)| *j != driver)
        {
            *o = match (&self.marked, marked == Some(j), mapped[j]) {
                (Some(m), true, _) => Probe::Marked(m),
                (_, _, true) => self.maps[j].get(&froms[j]).map_or(Probe::None, Probe::Map),
                _ => Probe::Sorted(&self.scratch[j]),
            };
        }
        // The driver's relationships, straight from the compact copy when
        // they are one slice of it.
        let d = &self.legs[driver];
        let single = match (copy, &rels[driver].types[..], d.dir) {
            (Some(ix), [t], Dir::Outgoing | Dir::Incoming) => {
                Some(ix.typed_slice(t, froms[driver], d.dir == Dir::Outgoing))
            }
            _ => None,
        };
        let mut driven = std::mem::take(&mut self.list);
        if single.is_none() {
            list(
                graph,
                copy,
                &rels[driver].types,
                d.dir,
                froms[driver],
                &mut driven,
            );
        }
        guard::tick_by(single.map_or(driven.len(), <[_]>::len) as u64)?;
        let mut found = std::mem::take(&mut self.found);
        let mut counted = 0;
        let mut choice: [&[(NodeId, RelId)]; 8] = [&[]; 8];
        let mut at = [0usize; 8];
        let mut combo: [RelId; 8] = [0; 8];
        // The far end's labels and tests as bitsets, when they decide it.
        let far_bits = copy.and_then(|ix| to.bitsets(ix, graph));
        // The marked leg's bit, when it is not the driver, or else another
        // leg's bits over its span, rule out most far nodes before anything
        // else about them is read: `(first node, bits)`.
        let sieve = match (&self.marked, marked) {
            (Some(m), Some(j)) if j != driver => Some((0, &m.bits[..])),
            _ => others[..n].iter().find_map(|o| match o {
                Probe::Map(m) => m.bits.as_ref().map(|(lo, words)| (*lo, &words[..])),
                _ => None,
            }),
        };
        // Legs whose relationships pass once they are of the type.
        let mut plain = [false; 8];
        for (p, r) in plain.iter_mut().zip(rels) {
            *p = r.properties.is_empty() && r.tests.is_empty();
        }
        // A combination of one relationship per leg into `w` is a match
        // when no relationship is used twice: counted, or kept.
        let counting = self.counting;
        let mut keep = |combo: &[RelId], w: NodeId| {
            let fresh = combo.iter().enumerate().all(|(i, r)| {
                !combo[..i].contains(r)
                    && (plain[i] || rels[i].matches_candidate(graph, *r, true))
                    && !used(row, self.distinct_from, *r)
            });
            match (fresh, counting) {
                (true, true) => counted += 1,
                (true, false) => found.push((combo.to_vec(), w)),
                (false, _) => {}
            }
        };
        let far_passes = |w: NodeId| {
            let far = match &far_bits {
                Some(bits) => bits.all_have(w),
                None => to.matches(graph, w),
            };
            far && !graph.is_node_deleted(w)
        };
        let mut visit = |r: RelId, w: NodeId| {
            // Two legs (a triangle, a square's diagonal): one probe.
            if n == 2 {
                let other = others[1 - driver].to(w);
                if other.is_empty() || !far_passes(w) {
                    return;
                }
                for &(_, o) in other {
                    keep(&if driver == 0 { [r, o] } else { [o, r] }, w);
                }
                return;
            }
            let mut one = true;
            for j in (0..n).filter(|&j| j != driver) {
                choice[j] = others[j].to(w);
                if choice[j].is_empty() {
                    return;
                }
                one &= choice[j].len() == 1;
            }
            if !far_passes(w) {
                return;
            }
            // Every combination of one relationship per leg (most often,
            // one relationship a leg: one combination).
            at.iter_mut().take(n).for_each(|a| *a = 0);
            'combos: loop {
                for (i, c) in combo.iter_mut().enumerate().take(n) {
                    *c = if i == driver { r } else { choice[i][at[i]].1 };
                }
                keep(&combo[..n], w);
                if one {
                    break;
                }
                for k in (0..n).filter(|&k| k != driver) {
                    at[k] += 1;
                    if at[k] < choice[k].len() {
                        continue 'combos;
                    }
                    at[k] = 0;
                }
                break;
            }
        };
        // A loop for each case, so that a row without a sieve does not ask
        // for one at every probe (this is the statement's innermost loop).
        match (single, sieve) {
            (Some(slice), Some((lo, bits))) => for_each_marked(slice, lo, bits, |r, w| {
                visit(RelId::from(r), NodeId::from(w))
            }),
            (Some(slice), None) => slice
                .iter()
                .for_each(|&[r, w]| visit(RelId::from(r), NodeId::from(w))),
            (None, Some((lo, bits))) => driven
                .iter()
                .filter(|&&(_, w)| has_bit(bits, w.wrapping_sub(lo)))
                .for_each(|&(r, w)| visit(r, w)),
            (None, None) => driven.iter().for_each(|&(r, w)| visit(r, w)),
        }
        self.counted += counted;
        self.found = found;
        self.list = driven;
        Ok(())
    }

    /// Two legs from one node to the far node, each one short list of the
    /// compact copy (`(a)-[:X]->(b), (a)-[:Y]->(b)`, `(a)-[:X]->(b)-[:X]->(a)`):
    /// the pairs of relationships with one far node, found by comparing the
    /// two lists, with no map and no sort. False when the row is not such.
    fn pair_at_one_node(
        &mut self,
        row: &Row,
        froms: &[NodeId],
        rels: &[ResolvedRel],
        to: &ResolvedFilter,
        ix: &ReadIndex,
        graph: &Graph,
    ) -> Result<bool> {
        /// Past this many relationships in either list, the general way.
        const SHORT: usize = 32;
        let ([l0, l1], [f0, f1], [r0, r1]) = (&self.legs[..], froms, rels) else {
            return Ok(false);
        };
        let (([t0], [t1]), true) = ((&r0.types[..], &r1.types[..]), f0 == f1) else {
            return Ok(false);
        };
        let slice = |t, leg: &Leg<'_>| match leg.dir {
            Dir::Outgoing => Some(ix.typed_slice(t, *f0, true)),
            Dir::Incoming => Some(ix.typed_slice(t, *f0, false)),
            Dir::Both => None,
        };
        let (Some(s0), Some(s1)) = (slice(t0, l0), slice(t1, l1)) else {
            return Ok(false);
        };
        if s0.len() > SHORT || s1.len() > SHORT {
            return Ok(false);
        }
        // The far end's bitsets, looked up at the first pair (most rows
        // have none).
        let mut far_bits = None;
        let plain = [r0, r1].map(|r| r.properties.is_empty() && r.tests.is_empty());
        let passes = |i: usize, r: RelId| {
            (plain[i] || rels[i].matches_candidate(graph, r, true))
                && !used(row, self.distinct_from, r)
        };
        let mut counted = 0;
        for &[a, w] in s0 {
            for &[b, _] in s1.iter().filter(|[_, x]| *x == w) {
                let (a, b, w) = (RelId::from(a), RelId::from(b), NodeId::from(w));
                let far = match far_bits.get_or_insert_with(|| to.bitsets(ix, graph)) {
                    Some(bits) => bits.all_have(w),
                    None => to.matches(graph, w),
                };
                if a == b || !far || graph.is_node_deleted(w) || !passes(0, a) || !passes(1, b) {
                    continue;
                }
                match self.counting {
                    true => counted += 1,
                    false => self.found.push((vec![a, b], w)),
                }
            }
        }
        self.counted += counted;
        self.last_froms.clear();
        self.last_froms.extend_from_slice(froms);
        Ok(true)
    }

    /// Runs `f` on each input row, lent by the input rather than copied
    /// (an `Expand` below would otherwise clone every row it makes).
    fn each_input(
        &mut self,
        ctx: &mut Ctx<'_>,
        mut f: impl FnMut(&mut Self, &Row, &mut Ctx<'_>) -> Result<()>,
    ) -> Result<()> {
        let mut input = std::mem::replace(&mut self.input, Box::new(Argument::empty()));
        let outcome = input.for_each_row(ctx, &mut |row, ctx| {
            f(self, row, ctx)?;
            Ok(true)
        });
        self.input = input;
        outcome
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
        self.each_input(ctx, |me, row, ctx| {
            me.counted = 0;
            me.find(row, ctx)?;
            guard::tick_by(me.counted)?;
            total += me.counted;
            Ok(())
        })?;
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
        self.each_input(ctx, |me, row, ctx| {
            me.counted = 0;
            me.find(row, ctx)?;
            let n = match me.to_filter.predicate {
                None => me.counted,
                Some(_) => {
                    let found = std::mem::take(&mut me.found);
                    let mut n = 0;
                    for (rels, w) in &found {
                        n += u64::from(me.row_of(row, rels, *w, ctx)?.is_some());
                    }
                    me.found = found;
                    n
                }
            };
            if n > 0 {
                guard::tick_by(n)?;
                f(row, n, n, ctx)?;
            }
            Ok(())
        })?;
        self.counting = false;
        Ok(true)
    }

    fn split(&mut self, part: Part, graph: &Graph) -> Split {
        self.input.split(part, graph).passed_on()
    }
}
