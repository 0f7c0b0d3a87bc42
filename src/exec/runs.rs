//! `AggregateRuns`: an aggregation with `DISTINCT` aggregates whose groups
//! the input rows decide, one group at a time (see [`Op::AggregateRuns`]).

use super::aggregate::{State, Weight, add_to};
use super::guard::Reservation;
use super::row::Row;
use super::{BoxOp, Ctx, Operator, build, eval};
use crate::error::Result;
use crate::plan::logical::{AggCall, AggFunc, Expr, Op};
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

/// The input rows, the group of each, and each group's key values.
type Groups = (Vec<Row>, Vec<usize>, Vec<Vec<Value>>);

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
    /// first appearance), with each group's key.
    fn groups(&mut self, kept: &mut Reservation, ctx: &mut Ctx<'_>) -> Result<Groups> {
        let mut index: foldhash::HashMap<Vec<GroupKey>, usize> = foldhash::HashMap::default();
        let (mut rows, mut group_of, mut keys) = (Vec::new(), Vec::new(), Vec::new());
        while let Some(row) = self.input.next(ctx)? {
            let mut key = Vec::with_capacity(self.keys.len());
            for k in self.keys {
                key.push(GroupKey(eval(k, &row, ctx)?));
            }
            let next = keys.len();
            let g = *index.entry(key).or_insert(next);
            if g == next {
                let values: Vec<Value> = self.keys.iter().map(|_| Value::Null).collect();
                keys.push(values);
            }
            kept.grow_row(&row)?;
            rows.push(row);
            group_of.push(g);
        }
        // The keys' values, taken back from the index.
        for (key, g) in index {
            kept.grow_row(&keys[g])?;
            keys[g] = key.into_iter().map(|k| k.0).collect();
        }
        Ok((rows, group_of, keys))
    }

    fn run(&mut self, ctx: &mut Ctx<'_>) -> Result<Vec<Row>> {
        let mut kept = Reservation::new();
        let (rows, group_of, mut keys) = self.groups(&mut kept, ctx)?;
        // The rows of each group together, in input order.
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by_key(|&i| group_of[i]);
        let nodes = ctx.graph.read_index().map_or(0, ReadIndex::bound);
        let mut seen: Vec<Seen> = Vec::new();
        for a in self.aggs {
            if a.distinct {
                kept.grow(nodes * 4)?;
            }
            seen.push(Seen::new(if a.distinct { nodes } else { 0 }));
        }
        let shapes: Vec<_> = (self.aggs.iter())
            .map(|a| (a.func, a.distinct, a.args.as_slice()))
            .collect();
        let mut per_row: Option<BoxOp<'p>> = None;
        // Each group that has rows: the first input row that made one,
        // and the group's output row.
        let mut out: Vec<(usize, Row)> = Vec::new();
        let mut at = 0;
        while at < order.len() {
            let g = group_of[order[at]];
            let mut states: Vec<State> = self.aggs.iter().map(plain_state).collect();
            seen.iter_mut().for_each(Seen::clear);
            let mut first = None;
            while at < order.len() && group_of[order[at]] == g {
                let i = order[at];
                at += 1;
                let rearmed = per_row.as_mut().is_some_and(|op| op.rearm(&rows[i]));
                let op = match &mut per_row {
                    Some(op) if rearmed => op,
                    _ => per_row.insert(build(self.per_row, &rows[i])),
                };
                // `count(DISTINCT x)` alone, of the nodes in `x`: no rows.
                if let [(AggFunc::Count, true, [Expr::Slot(x)])] = shapes.as_slice()
                    && let (Some(state), Some(seen)) = (states.first_mut(), seen.first_mut())
                    && op.for_each_node(ctx, *x, &mut |n| {
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
                let mut row = std::mem::take(&mut keys[g]);
                for (call, state) in self.aggs.iter().zip(states) {
                    row.push(state.finish(call.func));
                }
                out.push((first, row));
            }
        }
        // In order of the first row of each group, as `Aggregate` has them.
        out.sort_unstable_by_key(|(first, _)| *first);
        Ok(out.into_iter().map(|(_, row)| row).collect())
    }
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
