//! Following relationships, one operator a file: a single hop
//! (`Expand`, here, and between two bound nodes in `into.rs`), variable-length trails (`var.rs`, a lazy depth-first
//! walk; a bound list of relationships is followed as it is, in `bound.rs`),
//! `count(DISTINCT x)` over a chain of hops (`distinct.rs`, far ends
//! counted without rows) and shortest paths (`shortest.rs`, breadth-first,
//! from both ends).
//!
//! Every operator has one plain path, which works on any graph state: ask
//! petgraph for a node's relationships, test each against the relationship
//! filter (`ResolvedRel`) and the far end's filter, and write the match
//! into the row. The fast paths below do the same work with less, and each
//! must give exactly the rows or counts the plain path gives (the dense-graph
//! tests in `src/db/tests.rs` compare them):
//!
//! - **Typed candidates.** With one relationship type asked for, candidates
//!   come from the compact copy's CSR slice of that type
//!   (`ReadIndex::typed`), so the type test is skipped.
//! - **Row-independent filters** are resolved once, for the first row,
//!   instead of once per row.
//! - **Bitsets decide.** When the far end's filter is labels and simple
//!   property tests that have bitsets (label bitsets, test bitmaps), and
//!   nothing else can reject a candidate, a match is a few bit tests
//!   (`ExpandSpec::bit_checks`).
//! - **Counting without rows.** `count(*)` per input row
//!   (`for_each_input_count`) counts candidates straight from the CSR slice
//!   when bitsets decide (`ExpandSpec::count_typed`); no row is built.
//! - **Reused rows.** A candidate that fails is tested in the input row
//!   itself; a new row is made only for a match.
//!
//! Architecture Invariant: a fast path reads the compact copy, the columns
//! or a bitmap only while the graph has no uncommitted change
//! (`Graph::read_index` returns `None` otherwise), so inside a writing
//! statement or transaction every operator takes its plain path and sees
//! its own writes.

use super::nodeset::NodeSet;
use super::parallel::{Part, Split};
use super::property_test::ResolvedTest;
use super::row::{self, Row};
use super::scan::{BitSets, ResolvedFilter, resolve_properties};
use super::{BoxOp, Ctx, Operator, guard};
use crate::error::Result;
use crate::plan::logical::{ExpandDir, Expr, Op, RelFilter, Slot};
use crate::store::{Dir, Graph, ReadIndex};
use crate::value::{NodeId, RelId, Value};

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
    /// Tests of the relationship's own properties (by relationship id).
    tests: Vec<ResolvedTest>,
    impossible: bool,
    /// Whether the compact copy of the graph may be built for this
    /// statement (not when it writes: see `Plan::writes`).
    build_copy: bool,
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
        let mut tests = Vec::with_capacity(filter.tests.len());
        for t in &filter.tests {
            tests.push(ResolvedTest::resolve_rel(t, row, ctx)?);
        }
        Ok(ResolvedRel {
            types,
            properties,
            tests,
            impossible,
            build_copy: !ctx.writes,
        })
    }

    /// Whether every relationship of the type asked for matches.
    fn any_of_type(&self) -> bool {
        self.properties.is_empty() && self.tests.is_empty() && !self.impossible
    }

    /// When the relationship's property tests are all decided by bitmaps
    /// of relationship ids (none when there are no tests): those, with no
    /// other property to check.
    fn bitsets(&self, graph: &Graph) -> Option<BitSets<'_>> {
        if !self.properties.is_empty() || self.impossible {
            return None;
        }
        let mut out = BitSets::default();
        for t in &self.tests {
            out.push(t.bitmap(graph)?)?;
        }
        Some(out)
    }

    /// Whether relationship `r` passes the property tests.
    fn passes_tests(&self, graph: &Graph, r: RelId) -> bool {
        self.tests.iter().all(|t| t.passes(graph, r))
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
            && graph.typed_relationships(node, t, dir, self.build_copy, out)
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
                })
                && self.passes_tests(graph, r);
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
            && self.passes_tests(graph, r)
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

/// The bitsets that decide a hop's match (see [`ExpandSpec::bit_checks`]):
/// of relationship ids, and of far nodes.
struct Bits<'a> {
    rels: BitSets<'a>,
    far: BitSets<'a>,
}

impl Bits<'_> {
    /// Whether the hop over `r` to `o` matches.
    #[inline]
    fn pass(&self, r: RelId, o: NodeId) -> bool {
        self.rels.all_have(r) && self.far.all_have(o)
    }
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
pub(crate) struct Expand<'p> {
    input: BoxOp<'p>,
    spec: ExpandSpec<'p>,
    current: Option<Current>,
    candidates: Vec<(RelId, NodeId)>,
    /// The candidates are known to be of the type asked for.
    typed: bool,
    pos: usize,
    /// The filters read no row: one resolution serves every row.
    fixed: bool,
    /// The filters resolved before a [`Operator::rearm`], for the next row.
    resolved: Option<(ResolvedRel, ResolvedFilter)>,
    /// What a hop between two bound nodes keeps between rows.
    into: into::IntoState,
    /// Counts by start node, for [`Operator::for_each_input_count`].
    memo: memo::CountMemo,
}

impl<'p> Expand<'p> {
    /// An expansion of the rows of `input`.
    pub(crate) fn new(input: BoxOp<'p>, op: &'p Op) -> Expand<'p> {
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
            resolved: None,
            into: into::IntoState::default(),
            memo: memo::CountMemo::default(),
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
        self.fetch_candidates(from, &ctx.graph);
        if self.spec.rel_bound {
            match bound {
                Some(r) => self.candidates.retain(|(x, _)| *x == r),
                None => self.candidates.clear(),
            }
        }
        guard::tick_by(self.candidates.len() as u64)
    }

    /// The current row's candidates at `from`.
    fn fetch_candidates(&mut self, from: NodeId, graph: &Graph) {
        if self.spec.to_bound {
            self.typed = self.candidates_between(from, graph);
            return;
        }
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
        let (rel, to) = self.filters_for(&row, ctx)?;
        let mut row = row;
        self.spec.widen(&mut row);
        self.current = Some(Current { row, rel, to });
        Ok(())
    }

    /// The filters resolved for `row` (the current row's are taken).
    /// Filters that read no row are resolved once, for the first row, while
    /// the graph stays as it was (a write could add a label or key they
    /// name).
    fn filters_for(
        &mut self,
        row: &Row,
        ctx: &mut Ctx<'_>,
    ) -> Result<(ResolvedRel, ResolvedFilter)> {
        let unchanged = !ctx.graph.has_uncommitted_changes();
        let previous = (self.current.take())
            .map(|Current { rel, to, .. }| (rel, to))
            .or_else(|| self.resolved.take())
            .filter(|_| self.fixed && unchanged);
        Ok(match previous {
            Some(resolved) => resolved,
            None => (
                ResolvedRel::resolve(self.spec.rel_filter, row, ctx)?,
                ResolvedFilter::resolve(self.spec.to_filter, row, ctx)?,
            ),
        })
    }
}

impl ExpandSpec<'_> {
    /// When a candidate's match is decided by bitsets alone (candidates of
    /// the one type asked for from the compact copy, no relationship
    /// properties, none used before, a free far end without a predicate,
    /// and a far-end filter bitsets decide): those bitsets.
    fn bit_checks<'a>(
        &self,
        (rel, to): (&'a ResolvedRel, &'a ResolvedFilter),
        typed: bool,
        graph: &'a Graph,
    ) -> Option<Bits<'a>> {
        let plain = typed
            && self.distinct_from.is_empty()
            && !self.to_bound
            && self.to_filter.predicate.is_none();
        let ix = graph.read_index_if_built().filter(|_| plain)?;
        Some(Bits {
            rels: rel.bitsets(graph)?,
            far: to.bitsets(ix, graph)?,
        })
    }

    /// The number of matches at `from` for the current row, counted in the
    /// compact copy's adjacency of the one type asked for when bitsets
    /// decide the far end (`None` otherwise).
    fn count_typed(
        &self,
        filters: (&ResolvedRel, &ResolvedFilter),
        from: NodeId,
        graph: &Graph,
    ) -> Option<u64> {
        let mut n = 0;
        self.each_typed(filters, from, graph, |_| n += 1)?;
        Some(n)
    }

    /// The far ends of the matches at `from` for the current row, handed
    /// to `f` in the order of the compact copy's adjacency of the one type
    /// asked for, when bitsets decide the far end (`None`, and nothing
    /// handed, otherwise).
    fn each_typed<F: FnMut(NodeId)>(
        &self,
        (rel, to): (&ResolvedRel, &ResolvedFilter),
        from: NodeId,
        graph: &Graph,
        mut f: F,
    ) -> Option<()> {
        let [t] = rel.types.as_slice() else {
            return None;
        };
        let ix = match rel.build_copy {
            true => graph.read_index(),
            false => graph.read_index_if_built(),
        }?;
        let bits = self.bit_checks((rel, to), true, graph)?;
        let mut each = |outgoing: bool, skip_loops: bool| {
            for &[r, o] in ix.typed_slice(t, from, outgoing) {
                let o = NodeId::from(o);
                if !(skip_loops && o == from) && bits.pass(RelId::from(r), o) {
                    f(o);
                }
            }
        };
        match self.dir {
            Dir::Outgoing => each(true, false),
            Dir::Incoming => each(false, false),
            // A self-loop is walked once.
            Dir::Both => {
                each(true, false);
                each(false, true);
            }
        }
        Some(())
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
        if !cur.rel.matches_candidate(&ctx.graph, r, typed)
            || used(&cur.row, self.distinct_from, r)
            || !self.to_ok(cur, &ctx.graph, other)
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

    fn count(&mut self, ctx: &mut Ctx<'_>) -> Result<u64> {
        let mut n = 0;
        if self.for_each_input_count(ctx, &[], &[], &mut |_, k, _, _| {
            n += k;
            Ok(())
        })? {
            return Ok(n);
        }
        while self.advance(ctx)? {
            n += 1;
        }
        Ok(n)
    }

    fn for_each_node(
        &mut self,
        ctx: &mut Ctx<'_>,
        slot: Slot,
        f: &mut super::NodeSink<'_>,
    ) -> Result<bool> {
        let spec = &self.spec;
        if slot != spec.to || spec.to_bound || spec.rel_bound || self.current.is_some() {
            return Ok(false);
        }
        while let Some(row) = self.input.next(ctx)? {
            let Value::Node(from) = *row::get(&row, self.spec.from) else {
                continue;
            };
            self.begin(row, ctx)?;
            self.fetch_candidates(from, &ctx.graph);
            guard::tick_by(self.candidates.len() as u64)?;
            let Some(cur) = &mut self.current else {
                continue;
            };
            // Bitsets decide the far end; the relationships used before
            // are checked by id.
            let plain = self.typed && self.spec.to_filter.predicate.is_none();
            let graph = &*ctx.graph;
            let bits = (graph.read_index_if_built())
                .filter(|_| plain)
                .and_then(|ix| {
                    Some(Bits {
                        rels: cur.rel.bitsets(graph)?,
                        far: cur.to.bitsets(ix, graph)?,
                    })
                });
            match bits {
                Some(bits) => {
                    for &(r, o) in &self.candidates {
                        if bits.pass(r, o) && !used(&cur.row, self.spec.distinct_from, r) {
                            f(o);
                        }
                    }
                }
                None => {
                    for &(r, o) in &self.candidates {
                        if self.spec.accept(cur, self.typed, r, o, ctx)? {
                            f(o);
                        }
                    }
                }
            }
        }
        if let Some(Current { rel, to, .. }) = self.current.take() {
            self.resolved = Some((rel, to));
        }
        Ok(true)
    }

    fn rearm(&mut self, arg: &Row) -> bool {
        if let Some(Current { rel, to, .. }) = self.current.take() {
            self.resolved = Some((rel, to));
        }
        self.candidates.clear();
        self.pos = 0;
        self.input.rearm(arg)
    }

    fn split(&mut self, part: Part, graph: &Graph) -> Split {
        self.input.split(part, graph).passed_on()
    }

    /// A hop from the argument row, counted in the compact copy when
    /// bitsets decide (see [`ExpandSpec::count_typed`]): an optional match
    /// of one hop per outer row costs no row and no rearming.
    fn count_at(&mut self, arg: &Row, ctx: &mut Ctx<'_>) -> Result<Option<u64>> {
        if !self.input.yields_argument() || self.spec.rel_bound {
            return Ok(None);
        }
        let Value::Node(from) = *row::get(arg, self.spec.from) else {
            // No node to start from: no row.
            return Ok(Some(0));
        };
        let (rel, to) = self.filters_for(arg, ctx)?;
        let n = self.spec.count_typed((&rel, &to), from, &ctx.graph);
        self.resolved = Some((rel, to));
        Ok(n)
    }

    /// The far ends of a hop from the argument row, read from the compact
    /// copy when bitsets decide (see [`ExpandSpec::each_typed`]): no row,
    /// no rearming.
    fn nodes_at(
        &mut self,
        arg: &Row,
        ctx: &mut Ctx<'_>,
        slot: Slot,
        f: &mut super::NodeSink<'_>,
    ) -> Result<bool> {
        let spec = &self.spec;
        if !self.input.yields_argument()
            || slot != spec.to
            || spec.rel_bound
            || spec.to_bound
            || self.current.is_some()
        {
            return Ok(false);
        }
        let Value::Node(from) = *row::get(arg, spec.from) else {
            // No node to start from: no row.
            return Ok(true);
        };
        // Filters that read no row stay where they are, resolved.
        let reusable = self.fixed && !ctx.graph.has_uncommitted_changes();
        if !reusable || self.resolved.is_none() {
            self.resolved = Some(self.filters_for(arg, ctx)?);
        }
        let Some((rel, to)) = &self.resolved else {
            return Ok(false);
        };
        let mut walked = 0;
        let done = (self.spec).each_typed((rel, to), from, &ctx.graph, |o| {
            walked += 1;
            f(o);
        });
        guard::tick_by(walked)?;
        Ok(done.is_some())
    }

    fn for_each_input_count(
        &mut self,
        ctx: &mut Ctx<'_>,
        reads: &[Slot],
        counted: &[Slot],
        f: &mut super::CountSink<'_>,
    ) -> Result<bool> {
        // Every match fills the relationship and the far node it binds.
        let fills = |s: &Slot| {
            (*s == self.spec.rel && !self.spec.rel_bound)
                || (*s == self.spec.to && !self.spec.to_bound)
        };
        if reads.contains(&self.spec.rel)
            || reads.contains(&self.spec.to)
            || !counted.iter().all(fills)
            || self.current.is_some()
        {
            return Ok(false);
        }
        // The count at a start node depends on nothing else in the row.
        let spec = &self.spec;
        let memo = self.fixed
            && !ctx.graph.has_uncommitted_changes()
            && spec.distinct_from.is_empty()
            && !spec.rel_bound
            && !spec.to_bound
            && spec.var_length.is_none()
            && spec.to_filter.predicate.is_none();
        while let Some(row) = self.input.next(ctx)? {
            let Value::Node(from) = *row::get(&row, self.spec.from) else {
                continue;
            };
            if memo && let Some(n) = self.memo.get(from) {
                guard::tick()?;
                if n > 0 {
                    f(&row, n, n, ctx)?;
                }
                continue;
            }
            // Counted straight from the compact copy when bitsets decide:
            // no candidate list, no row.
            if !self.spec.rel_bound {
                self.begin(row, ctx)?;
                let Some(cur) = &self.current else {
                    continue;
                };
                if let Some(n) = self.spec.count_typed((&cur.rel, &cur.to), from, &ctx.graph) {
                    if memo {
                        self.memo.put(from, n);
                    }
                    if n > 0 {
                        f(&cur.row, n, n, ctx)?;
                    }
                    continue;
                }
                self.fetch_candidates(from, &ctx.graph);
            } else {
                self.start(row, ctx)?;
            }
            let Some(cur) = &mut self.current else {
                continue;
            };
            let n = match (self.spec).bit_checks((&cur.rel, &cur.to), self.typed, &ctx.graph) {
                // Bitsets decide: a few bit tests per candidate, no row.
                Some(bits) => (self.candidates.iter())
                    .filter(|&&(r, o)| bits.pass(r, o))
                    .count() as u64,
                None => {
                    let mut n = 0;
                    for &(r, other) in &self.candidates {
                        n += u64::from(self.spec.accept(cur, self.typed, r, other, ctx)?);
                    }
                    n
                }
            };
            if memo {
                self.memo.put(from, n);
            }
            if n > 0 {
                f(&cur.row, n, n, ctx)?;
            }
        }
        if let Some(Current { rel, to, .. }) = self.current.take() {
            self.resolved = Some((rel, to));
        }
        Ok(true)
    }
}

mod bound;
mod distinct;
mod intersect;
mod into;
mod memo;
mod neighbours;
mod shortest;
mod var;

pub(crate) use distinct::DistinctEnds;
pub(crate) use intersect::Intersect;
pub(crate) use shortest::ShortestPath;
pub(crate) use var::VarExpand;
