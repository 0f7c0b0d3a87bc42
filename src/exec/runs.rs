//! `AggregateRuns`: an aggregation with `DISTINCT` aggregates whose groups
//! the input rows decide, one group at a time (see [`Op::AggregateRuns`]).

use super::aggregate::{Grouping, State, Weight, add_to, merge};
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
    /// The input's plan, and the argument row it was built with.
    plan: &'p Op,
    arg: Row,
    per_row: &'p Op,
    keys: &'p [Expr],
    aggs: &'p [AggCall],
    output: Option<std::vec::IntoIter<Row>>,
}

impl<'p> AggregateRuns<'p> {
    /// The aggregation of what `per_row` makes of each row of `input`.
    pub(crate) fn new(
        (input, plan, arg): (BoxOp<'p>, &'p Op, &Row),
        per_row: &'p Op,
        keys: &'p [Expr],
        aggs: &'p [AggCall],
    ) -> AggregateRuns<'p> {
        AggregateRuns {
            input,
            plan,
            arg: arg.clone(),
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
        if let Some(x) = distinct_count_alone(self.aggs)
            && let Some(out) = self.distinct_nodes_by_pairs(x, ctx)?
        {
            return Ok(out);
        }
        let mut kept = Reservation::new();
        let (rows, group_of, mut keys) = self.groups(&mut kept, ctx)?;
        let order = by_group(&group_of, keys.len());
        let runs = Runs {
            per_row: self.per_row,
            aggs: self.aggs,
            rows: &rows,
            group_of: &group_of,
        };
        let done = match runs.in_parts(&order, ctx)? {
            Some(done) => done,
            None => runs.run(&order, ctx)?,
        };
        Ok(in_first_order(done.into_iter().map(
            |(first, g, values)| {
                let mut row = keys.take_key(g);
                row.extend(values);
                (first, row)
            },
        )))
    }

    /// `count(DISTINCT x)` alone, of the nodes in `x`: each input row's
    /// group, and the nodes the per-row plan gives for it, as (group, node)
    /// pairs. The input rows are streamed (none is kept), in parts on
    /// threads of their own when the input splits; the parts' groups are
    /// merged, their pairs renumbered and counted per group. `None`, having
    /// used nothing of `self.input`, when the statement writes or a part
    /// gives up (see [`pairs_of_part`]): then the groups are run one after
    /// another.
    fn distinct_nodes_by_pairs(&mut self, x: Slot, ctx: &mut Ctx<'_>) -> Result<Option<Vec<Row>>> {
        if ctx.writes {
            return Ok(None);
        }
        // One hasher for all parts: a group's hash is the same in each.
        let hasher = foldhash::fast::RandomState::default();
        let (keys, per_row) = (self.keys, self.per_row);
        let part = |index: usize, op: &mut dyn Operator, ctx: &mut Ctx<'_>| {
            let grouping = Grouping::of_part(keys, hasher.clone());
            let mut found = pairs_of_part(op, grouping, per_row, x, ctx)?;
            if let Some(found) = found.as_mut().filter(|_| index > 0) {
                found.grouping.forget_kept();
            }
            Ok(found)
        };
        let parts = match parallel::run_parts(self.plan, &self.arg, ctx, &part)? {
            Some(parts) => parts,
            None => vec![part(0, &mut *build(self.plan, &self.arg), ctx)?],
        };
        let Some(parts) = parts.into_iter().collect::<Option<Vec<_>>>() else {
            return Ok(None);
        };
        let mut kept = Reservation::new();
        kept.grow(parts.iter().map(|p| p.pairs.len()).sum::<usize>() * 8)?;
        let (mut groupings, mut firsts, mut all) = (Vec::new(), Vec::new(), Vec::new());
        for p in parts {
            groupings.push(p.grouping);
            firsts.push(p.first);
            all.push(p.pairs);
        }
        let threads = groupings.len();
        let Some((mut whole, went)) = merge::merge_mapped(groupings, threads)? else {
            return Ok(None);
        };
        if u32::try_from(whole.len()).is_err() {
            return Ok(None);
        }
        // Each group's first row that gave a node: the earliest part's.
        let mut first = vec![None; whole.len()];
        for (p, (mine, went)) in firsts.iter().zip(&went).enumerate() {
            for (&row, &g) in mine.iter().zip(went) {
                if row != usize::MAX && first[g].is_none() {
                    first[g] = Some((p, row));
                }
            }
        }
        let mut pairs = Vec::with_capacity(all.iter().map(Vec::len).sum());
        for (part, went) in all.into_iter().zip(&went) {
            pairs.extend(part.into_iter().map(|p| {
                let g = went[(p >> 32) as usize] as u64;
                (g << 32) | (p & u64::from(u32::MAX))
            }));
        }
        let counts = distinct_per_group(&pairs, whole.len(), &mut kept)?;
        drop(pairs);
        let groups = first.into_iter().zip(counts).enumerate();
        Ok(Some(in_first_order(groups.filter_map(
            |(g, (first, n))| {
                let mut row = whole.take_key(g);
                row.push(Value::Int(n));
                Some((first?, row))
            },
        ))))
    }
}

/// Rows in order of the first input row of their group, as `Aggregate`
/// has them.
fn in_first_order<K: Ord>(rows: impl Iterator<Item = (K, Row)>) -> Vec<Row> {
    let mut rows: Vec<(K, Row)> = rows.collect();
    rows.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    rows.into_iter().map(|(_, row)| row).collect()
}

/// The number of distinct nodes of each of `groups` groups in `pairs`
/// (group, node): the nodes placed group by group (a counting sort), then
/// counted once each per group by stamping them with the group.
fn distinct_per_group(pairs: &[u64], groups: usize, kept: &mut Reservation) -> Result<Vec<i64>> {
    let low = |p: u64| (p & u64::from(u32::MAX)) as u32;
    let nodes = pairs
        .iter()
        .map(|&p| low(p) as usize + 1)
        .max()
        .unwrap_or(0);
    kept.grow((groups + 1) * 8 + pairs.len() * 4 + nodes * 4)?;
    let mut start = vec![0usize; groups + 1];
    for &p in pairs {
        start[(p >> 32) as usize + 1] += 1;
    }
    for g in 0..groups {
        start[g + 1] += start[g];
    }
    let mut placed = vec![0u32; pairs.len()];
    let mut at = start.clone();
    for &p in pairs {
        let g = (p >> 32) as usize;
        placed[at[g]] = low(p);
        at[g] += 1;
    }
    // Stamp `g + 1` marks a node counted for group `g`.
    let mut stamps = vec![0u32; nodes];
    let mut counts = vec![0i64; groups];
    for (g, count) in counts.iter_mut().enumerate() {
        let stamp = g as u32 + 1;
        for &n in &placed[start[g]..start[g + 1]] {
            let s = &mut stamps[n as usize];
            *count += i64::from(*s != stamp);
            *s = stamp;
        }
    }
    Ok(counts)
}

/// What a part of the input found (see [`pairs_of_part`]).
struct PartPairs<'p> {
    grouping: Grouping<'p>,
    /// (group, node) pairs, in the order the rows gave them.
    pairs: Vec<u64>,
    /// Per group, the part's first row that gave a node (`usize::MAX`:
    /// none did).
    first: Vec<usize>,
}

/// The groups of the rows of `input` and the (group, node) pairs of the
/// nodes in `x` that `per_row` gives for each; `None` when the per-row
/// plan does not give nodes, an id does not fit in 32 bits, or the rows
/// give many nodes each (then the pairs take more memory than running the
/// groups one after another, one bitmap at a time): more than [`PAIRS_PER_ROW`] a row on
/// average, past an allowance for the first [`PAIRS_TRIAL`] rows, or more
/// than [`PAIRS`] in all.
fn pairs_of_part<'p>(
    input: &mut dyn Operator,
    mut grouping: Grouping<'p>,
    per_row: &'p Op,
    x: Slot,
    ctx: &mut Ctx<'_>,
) -> Result<Option<PartPairs<'p>>> {
    let mut kept = Reservation::new();
    let (mut pairs, mut first) = (Vec::<u64>::new(), Vec::<usize>::new());
    let mut op: Option<BoxOp<'p>> = None;
    let (mut i, mut gave_up) = (0, false);
    input.for_each_row(ctx, &mut |row, ctx| {
        let g = grouping.group_of_row(row, ctx)?;
        if g >= first.len() {
            first.resize(g + 1, usize::MAX);
        }
        let (before, mut fits) = ((pairs.len(), pairs.capacity()), true);
        let streamed = nodes_of(&mut op, per_row, row, x, ctx, &mut |n| {
            fits &= n <= u64::from(u32::MAX);
            pairs.push(((g as u64) << 32) | n);
        })?;
        if pairs.len() > before.0 && first[g] == usize::MAX {
            first[g] = i;
        }
        i += 1;
        let allowed = i.max(PAIRS_TRIAL) * PAIRS_PER_ROW;
        gave_up =
            !streamed || !fits || u32::try_from(g).is_err() || pairs.len() > allowed.min(PAIRS);
        kept.grow((pairs.capacity() - before.1) * 8)?;
        Ok(!gave_up)
    })?;
    if gave_up {
        return Ok(None);
    }
    Ok(Some(PartPairs {
        grouping,
        pairs,
        first,
    }))
}

/// What the groups' runs read: the subplan run per row, the aggregates,
/// the input rows and the group of each.
struct Runs<'a, 'p> {
    per_row: &'p Op,
    aggs: &'p [AggCall],
    rows: &'a [Row],
    group_of: &'a [usize],
}

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
                // `count(DISTINCT x)` alone, of the nodes in `x`: no rows.
                if let Some(x) = nodes_alone
                    && let (Some(state), Some(seen)) = (states.first_mut(), seen.first_mut())
                    && nodes_of(&mut per_row, self.per_row, &rows[i], x, ctx, &mut |n| {
                        first.get_or_insert(i);
                        state.count += i64::from(seen.insert(&Value::Node(n)));
                    })?
                {
                    continue;
                }
                let aggs = self.aggs;
                let op = armed(&mut per_row, self.per_row, &rows[i]);
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

/// Hands `f` the nodes in `x` of the rows the per-row plan makes of `row`:
/// read from `row` alone when the plan built before can (see
/// [`Operator::nodes_at`]), else from the plan rearmed; false when it
/// cannot give nodes (then it has handed none).
fn nodes_of<'p>(
    per_row: &mut Option<BoxOp<'p>>,
    plan: &'p Op,
    row: &Row,
    x: Slot,
    ctx: &mut Ctx<'_>,
    f: &mut super::NodeSink<'_>,
) -> Result<bool> {
    if let Some(op) = per_row.as_mut()
        && op.nodes_at(row, ctx, x, f)?
    {
        return Ok(true);
    }
    armed(per_row, plan, row).for_each_node(ctx, x, f)
}

/// Rows whose nodes [`pairs_of_part`] takes, however many each gives, up to
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
