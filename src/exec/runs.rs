//! `AggregateRuns`: an aggregation with `DISTINCT` aggregates whose groups
//! the input rows decide, one group at a time (see [`Op::AggregateRuns`]).

use super::aggregate::{Grouping, State, Weight, add_to};
use super::guard::Reservation;
use super::row::Row;
use super::{BoxOp, Ctx, Operator, build, eval, parallel};
use crate::error::Result;
use crate::plan::logical::{AggCall, AggFunc, Expr, Op, Slot};
use crate::store::ReadIndex;
use crate::value::{GroupKey, Value};

/// The distinct values one aggregate has taken in the group at hand:
/// nodes in a stamp array (a node is in when its stamp is the group's), the
/// other values in a set emptied per group.
struct Seen {
    stamps: Vec<u32>,
    stamp: u32,
    others: foldhash::HashSet<GroupKey>,
}

impl Seen {
    fn new(nodes: usize) -> Seen {
        Seen {
            stamps: vec![0; nodes],
            stamp: 1,
            others: foldhash::HashSet::default(),
        }
    }

    /// Takes `v` in: true when the group had not taken it yet.
    fn insert(&mut self, v: &Value) -> bool {
        if let Value::Node(n) = v
            && let Some(s) = self.stamps.get_mut(*n as usize)
        {
            let new = *s != self.stamp;
            *s = self.stamp;
            return new;
        }
        self.others.insert(GroupKey(v.clone()))
    }

    /// Empties it for the next group.
    fn clear(&mut self) {
        self.others.clear();
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.stamps.fill(0);
            self.stamp = 1;
        }
    }
}

/// The input rows, the group of each, and the grouping that found them.
type Groups<'p> = (Vec<Row>, Vec<usize>, Grouping<'p>);

/// [`Op::AggregateRuns`]
pub(crate) struct AggregateRuns<'p> {
    input: BoxOp<'p>,
    per_row: &'p Op,
    keys: &'p [Expr],
    aggs: &'p [AggCall],
    output: Option<std::vec::IntoIter<Row>>,
}

impl<'p> AggregateRuns<'p> {
    /// The aggregation of what `per_row` makes of each row of `input`.
    pub(crate) fn new(
        input: BoxOp<'p>,
        per_row: &'p Op,
        keys: &'p [Expr],
        aggs: &'p [AggCall],
    ) -> AggregateRuns<'p> {
        AggregateRuns {
            input,
            per_row,
            keys,
            aggs,
            output: None,
        }
    }

    /// The input rows, and for each its group (numbered in order of
    /// first appearance), found as `Aggregate` finds them (by node when the
    /// keys name their node).
    fn groups(&mut self, kept: &mut Reservation, ctx: &mut Ctx<'_>) -> Result<Groups<'p>> {
        let mut grouping = Grouping::new(self.keys, &[]);
        let (mut rows, mut group_of) = (Vec::new(), Vec::new());
        while let Some(row) = self.input.next(ctx)? {
            group_of.push(grouping.group_of_row(&row, ctx)?);
            kept.grow_row(&row)?;
            rows.push(row);
        }
        Ok((rows, group_of, grouping))
    }

    fn run(&mut self, ctx: &mut Ctx<'_>) -> Result<Vec<Row>> {
        let mut kept = Reservation::new();
        let (rows, group_of, mut keys) = self.groups(&mut kept, ctx)?;
        let order = by_group(&group_of, keys.len());
        let runs = Runs {
            per_row: self.per_row,
            aggs: self.aggs,
            rows: &rows,
            group_of: &group_of,
        };
        let pairs = match distinct_count_alone(self.aggs) {
            Some(x) => runs.distinct_nodes_by_pairs(x, keys.len(), ctx)?,
            None => None,
        };
        let done = match pairs {
            Some(done) => done,
            None => match runs.in_parts(&order, ctx)? {
                Some(done) => done,
                None => runs.run(&order, ctx)?,
            },
        };
        // In order of the first row of each group, as `Aggregate` has them.
        let mut out: Vec<(usize, Row)> = done
            .into_iter()
            .map(|(first, g, values)| {
                let mut row = keys.take_key(g);
                row.extend(values);
                (first, row)
            })
            .collect();
        out.sort_unstable_by_key(|(first, _)| *first);
        Ok(out.into_iter().map(|(_, row)| row).collect())
    }
}

/// What the groups' runs read: the subplan run per row, the aggregates,
/// the input rows and the group of each.
struct Runs<'a, 'p> {
    per_row: &'p Op,
    aggs: &'p [AggCall],
    rows: &'a [Row],
    group_of: &'a [usize],
}

/// (group, node) pairs, and per group its first row that gave a node.
type Pairs = (Vec<u64>, Vec<usize>);

/// A group's result: its first input row, the group, the aggregates'
/// values.
type Done = (usize, usize, Vec<Value>);

impl Runs<'_, '_> {
    /// The groups run in parts, whole groups to a part (so each group's
    /// values are those of one run), on threads of their own; `None` when
    /// the statement writes, the rows are too few or a part failed.
    fn in_parts(&self, order: &[usize], ctx: &mut Ctx<'_>) -> Result<Option<Vec<Done>>> {
        let of = parallel::parts();
        if ctx.writes || of < 2 || order.len() < 2 * parallel::min_per_part() {
            return Ok(None);
        }
        // Part `p` ends at the first group boundary after `p + 1` shares.
        let mut ends = Vec::with_capacity(of);
        for p in 1..of {
            let mut at = (order.len() * p / of).max(ends.last().copied().unwrap_or(0));
            while at > 0
                && at < order.len()
                && self.group_of[order[at]] == self.group_of[order[at - 1]]
            {
                at += 1;
            }
            ends.push(at);
        }
        ends.push(order.len());
        let part = |p: usize| {
            let start = if p == 0 { 0 } else { ends[p - 1] };
            &order[start..ends[p]]
        };
        let parts = parallel::in_threads(of, ctx, &mut |ctx| self.run(part(0), ctx), &|p, ctx| {
            self.run(part(p), ctx)
        })?;
        Ok(parts.map(|parts| parts.concat()))
    }

    /// `count(DISTINCT x)` alone, of the nodes in `x`: every row's nodes
    /// as (group, node) pairs, rows in input order (so the graph is read in
    /// the order the input met it, not group after group, each group's rows
    /// far apart), in parts on threads of their own, then sorted and
    /// counted. `None` (and the groups are run one after another) when the
    /// statement writes, a part failed, or [`Runs::pairs`] gives up.
    fn distinct_nodes_by_pairs(
        &self,
        x: Slot,
        groups: usize,
        ctx: &mut Ctx<'_>,
    ) -> Result<Option<Vec<Done>>> {
        if ctx.writes || u32::try_from(groups).is_err() {
            return Ok(None);
        }
        let n = self.rows.len();
        let of = if n >= 2 * parallel::min_per_part() {
            parallel::parts()
        } else {
            1
        };
        let part =
            |p: usize, ctx: &mut Ctx<'_>| self.pairs(n * p / of..n * (p + 1) / of, x, groups, ctx);
        let parts = if of < 2 {
            vec![part(0, ctx)?]
        } else {
            match parallel::in_threads(of, ctx, &mut |ctx| part(0, ctx), &|p, ctx| part(p, ctx))? {
                Some(parts) => parts,
                None => return Ok(None),
            }
        };
        let Some(parts) = parts.into_iter().collect::<Option<Vec<_>>>() else {
            return Ok(None);
        };
        let mut kept = Reservation::new();
        let (mut pairs, mut first) = (Vec::new(), vec![usize::MAX; groups]);
        kept.grow(parts.iter().map(|(p, _)| p.len()).sum::<usize>() * 8)?;
        for (part, firsts) in parts {
            pairs.extend(part);
            first
                .iter_mut()
                .zip(firsts)
                .for_each(|(f, g)| *f = g.min(*f));
        }
        // Each part is sorted: a stable sort merges the runs.
        pairs.sort();
        pairs.dedup();
        let mut counts = vec![0i64; groups];
        for &p in &pairs {
            counts[(p >> 32) as usize] += 1;
        }
        Ok(Some(
            (first.into_iter().zip(counts).enumerate())
                .filter(|(_, (first, _))| *first != usize::MAX)
                .map(|(g, (first, n))| (first, g, vec![Value::Int(n)]))
                .collect(),
        ))
    }

    /// The (group, node) pairs of the rows in `range`, sorted, and per
    /// group the first of those rows that gave a node; `None` when
    /// the rows do not give nodes, an id does not fit in 32 bits, or the
    /// rows give many nodes each (then sorting the pairs costs more than
    /// reading the rows out of order): more than [`PAIRS_PER_ROW`] a row on
    /// average, past an allowance for the first [`PAIRS_TRIAL`] rows, or
    /// more than [`PAIRS`] in all.
    fn pairs(
        &self,
        range: std::ops::Range<usize>,
        x: Slot,
        groups: usize,
        ctx: &mut Ctx<'_>,
    ) -> Result<Option<Pairs>> {
        let mut kept = Reservation::new();
        let (mut pairs, mut first) = (Vec::<u64>::new(), vec![usize::MAX; groups]);
        let start = range.start;
        let mut per_row: Option<BoxOp<'_>> = None;
        let (rows, group_of) = (&self.rows[range.clone()], &self.group_of[range]);
        for (i, (row, &g)) in rows.iter().zip(group_of).enumerate() {
            let op = armed(&mut per_row, self.per_row, row);
            let (before, mut fits) = (pairs.capacity(), true);
            let streamed = op.for_each_node(ctx, x, &mut |n| {
                fits &= n <= u64::from(u32::MAX);
                pairs.push(((g as u64) << 32) | n);
                first[g] = first[g].min(start + i);
            })?;
            let allowed = (i + 1).max(PAIRS_TRIAL) * PAIRS_PER_ROW;
            let many = pairs.len() > allowed.min(PAIRS);
            if !streamed || !fits || many {
                return Ok(None);
            }
            kept.grow((pairs.capacity() - before) * 8)?;
        }
        pairs.sort_unstable();
        pairs.dedup();
        Ok(Some((pairs, first)))
    }

    /// Runs the groups whose rows `order` lists, group after group.
    fn run(&self, order: &[usize], ctx: &mut Ctx<'_>) -> Result<Vec<Done>> {
        let (rows, group_of) = (self.rows, self.group_of);
        let mut kept = Reservation::new();
        let nodes = ctx.graph.read_index().map_or(0, ReadIndex::bound);
        let mut seen: Vec<Seen> = Vec::new();
        for a in self.aggs {
            if a.distinct {
                kept.grow(nodes * 4)?;
            }
            seen.push(Seen::new(if a.distinct { nodes } else { 0 }));
        }
        let nodes_alone = distinct_count_alone(self.aggs);
        let mut per_row: Option<BoxOp<'_>> = None;
        let mut out: Vec<Done> = Vec::new();
        let mut at = 0;
        while at < order.len() {
            let g = group_of[order[at]];
            let mut states: Vec<State> = self.aggs.iter().map(plain_state).collect();
            seen.iter_mut().for_each(Seen::clear);
            let mut first = None;
            while at < order.len() && group_of[order[at]] == g {
                let i = order[at];
                at += 1;
                let op = armed(&mut per_row, self.per_row, &rows[i]);
                // `count(DISTINCT x)` alone, of the nodes in `x`: no rows.
                if let Some(x) = nodes_alone
                    && let (Some(state), Some(seen)) = (states.first_mut(), seen.first_mut())
                    && op.for_each_node(ctx, x, &mut |n| {
                        first.get_or_insert(i);
                        state.count += i64::from(seen.insert(&Value::Node(n)));
                    })?
                {
                    continue;
                }
                let aggs = self.aggs;
                op.for_each_row(ctx, &mut |row, ctx| {
                    first.get_or_insert(i);
                    add(aggs, &mut states, &mut seen, &mut kept, row, ctx)?;
                    Ok(true)
                })?;
            }
            if let Some(first) = first {
                let values = (self.aggs.iter().zip(states))
                    .map(|(call, state)| state.finish(call.func))
                    .collect();
                out.push((first, g, values));
            }
        }
        Ok(out)
    }
}

/// The slot `x` when the aggregates are `count(DISTINCT x)` alone.
fn distinct_count_alone(aggs: &[AggCall]) -> Option<Slot> {
    match aggs {
        [
            AggCall {
                func: AggFunc::Count,
                distinct: true,
                args,
            },
        ] => match args.as_slice() {
            [Expr::Slot(x)] => Some(*x),
            _ => None,
        },
        _ => None,
    }
}

/// The per-row plan set to start from `row`: the one built before,
/// rearmed when it can be, else a new one.
fn armed<'o, 'p>(per_row: &'o mut Option<BoxOp<'p>>, plan: &'p Op, row: &Row) -> &'o mut BoxOp<'p> {
    let rearmed = per_row.as_mut().is_some_and(|op| op.rearm(row));
    if !rearmed {
        *per_row = Some(build(plan, row));
    }
    per_row.get_or_insert_with(|| build(plan, row))
}

/// Rows whose nodes `Runs::pairs` takes, however many each gives, up to
/// [`PAIRS_PER_ROW`] on average.
const PAIRS_TRIAL: usize = 1024;
/// Nodes per row on average beyond which the pairs are not worth sorting.
const PAIRS_PER_ROW: usize = 16;
/// The most pairs sorted (128 MiB).
const PAIRS: usize = 1 << 24;

/// The rows of each group together, groups in order, rows in input order
/// (a counting sort: one pass to count, one to place).
fn by_group(group_of: &[usize], groups: usize) -> Vec<usize> {
    let mut start = vec![0; groups + 1];
    for &g in group_of {
        start[g + 1] += 1;
    }
    for g in 0..groups {
        start[g + 1] += start[g];
    }
    let mut order = vec![0; group_of.len()];
    for (i, &g) in group_of.iter().enumerate() {
        order[start[g]] = i;
        start[g] += 1;
    }
    order
}

/// A state that takes every value it is given (distinct values are sorted
/// out before, by [`Seen`]).
fn plain_state(call: &AggCall) -> State {
    State::new(&AggCall {
        func: call.func,
        distinct: false,
        args: Vec::new(),
    })
}

/// Adds a row to the group at hand.
fn add(
    aggs: &[AggCall],
    states: &mut [State],
    seen: &mut [Seen],
    kept: &mut Reservation,
    row: &Row,
    ctx: &mut Ctx<'_>,
) -> Result<()> {
    for (i, call) in aggs.iter().enumerate() {
        if call.distinct {
            let v = match call.args.first() {
                Some(a) => eval(a, row, ctx)?,
                None => Value::Null,
            };
            if v.is_null() || !seen[i].insert(&v) {
                continue;
            }
            let extra = match call.args.get(1) {
                Some(a) => Some(eval(a, row, ctx)?),
                None => None,
            };
            if !matches!(v, Value::Node(_)) {
                kept.grow(super::guard::value_size(&v))?;
            }
            states[i].add(call.func, v, extra)?;
        } else {
            let one = std::slice::from_ref(call);
            add_to(one, &mut states[i..=i], kept, row, Weight::Row, ctx)?;
        }
    }
    Ok(())
}

impl Operator for AggregateRuns<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        if self.output.is_none() {
            let rows = self.run(ctx)?;
            self.output = Some(rows.into_iter());
        }
        Ok(self.output.as_mut().and_then(Iterator::next))
    }
}
