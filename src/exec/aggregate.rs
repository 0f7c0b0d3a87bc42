//! Grouping and aggregate functions: reads all input rows, yields one row
//! per group (`keys ++ aggregates`), groups in order of first appearance.

use super::guard::{self, Reservation};
use super::row::{self, Row};
use super::{BoxOp, Ctx, Operator, eval, ops, parallel};
use crate::error::Detail;
use crate::error::{Error, Result};
use crate::plan::logical::{AggCall, AggFunc, Expr, Op, Slot};
use crate::store::{Column, ColumnSlot};
use crate::value::temporal::arith as temporal;
use crate::value::{GroupKey, Value};
use std::collections::HashSet;
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;

/// The running state of one aggregate in one group: a count inline (all
/// `count` needs, and a group is created per key, so it stays small: a
/// grouping by a key of 300,000 values holds 300,000 of them), the rest
/// behind a box that only the other aggregates take.
#[derive(Debug)]
pub(super) struct State {
    pub(super) count: i64,
    more: Option<Box<More>>,
}

/// What aggregates other than a plain `count` keep.
#[derive(Debug)]
struct More {
    seen: Option<HashSet<GroupKey>>,
    sum: Value,
    values: Vec<Value>,
    best: Option<Value>,
    percentile: Option<f64>,
}

impl State {
    pub(super) fn new(call: &AggCall) -> State {
        let plain = matches!(call.func, AggFunc::Count | AggFunc::CountStar) && !call.distinct;
        State {
            count: 0,
            more: (!plain).then(|| {
                Box::new(More {
                    seen: call.distinct.then(HashSet::new),
                    ..More::new()
                })
            }),
        }
    }

    /// Whether the aggregate keeps the values it is given apart (`DISTINCT`).
    fn distinct(&self) -> bool {
        self.more.as_ref().is_some_and(|m| m.seen.is_some())
    }

    pub(super) fn add(&mut self, func: AggFunc, v: Value, extra: Option<Value>) -> Result<()> {
        if func == AggFunc::CountStar {
            self.count += 1;
            return Ok(());
        }
        if v.is_null() {
            return Ok(());
        }
        let count = &mut self.count;
        let Some(m) = self.more.as_deref_mut() else {
            // A plain `count(x)`.
            *count += 1;
            return Ok(());
        };
        if let Some(seen) = &mut m.seen
            && !seen.insert(GroupKey(v.clone()))
        {
            return Ok(());
        }
        m.add(func, count, v, extra)
    }

    /// Whether two states of `call` found by parts of the input merge
    /// into the state of the whole ([`State::merge`]).
    fn merges(call: &AggCall) -> bool {
        !call.distinct
            && matches!(
                call.func,
                AggFunc::Count
                    | AggFunc::CountStar
                    | AggFunc::Min
                    | AggFunc::Max
                    | AggFunc::Collect
            )
    }

    /// Takes in the state of the rows after this one's (see
    /// [`State::merges`]): as if those rows had been added here.
    fn merge(&mut self, func: AggFunc, later: State) -> Result<()> {
        self.count += later.count;
        let Some(m) = later.more else {
            return Ok(());
        };
        match func {
            AggFunc::Min | AggFunc::Max => match m.best {
                Some(best) => self.add(func, best, None),
                None => Ok(()),
            },
            AggFunc::Collect => {
                if let Some(mine) = self.more.as_deref_mut() {
                    mine.values.extend(m.values);
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// The bytes the values it keeps hold (what a merge takes in).
    fn size(&self) -> usize {
        self.more.as_ref().map_or(0, |m| {
            m.values.iter().map(guard::value_size).sum::<usize>()
                + m.best.as_ref().map_or(0, guard::value_size)
        })
    }

    pub(super) fn finish(self, func: AggFunc) -> Value {
        match func {
            AggFunc::CountStar | AggFunc::Count => Value::Int(self.count),
            _ => self
                .more
                .map_or_else(More::new, |m| *m)
                .finish(func, self.count),
        }
    }
}

impl More {
    fn new() -> More {
        More {
            seen: None,
            sum: Value::Int(0),
            values: Vec::new(),
            best: None,
            percentile: None,
        }
    }

    fn add(
        &mut self,
        func: AggFunc,
        count: &mut i64,
        v: Value,
        extra: Option<Value>,
    ) -> Result<()> {
        match func {
            AggFunc::CountStar | AggFunc::Count => *count += 1,
            AggFunc::Sum => {
                // Numbers, or durations (Neo4j sums those too), never both.
                let first = *count == 0;
                *count += 1;
                self.sum = match (&self.sum, &v) {
                    (_, Value::Duration(_)) if first => v,
                    (Value::Duration(_), Value::Duration(_)) => ops::add(&self.sum, &v)?,
                    (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => {
                        ops::add(&self.sum, &v)?
                    }
                    _ => return Err(not_summable("sum()", &self.sum, &v)),
                };
            }
            AggFunc::Avg if matches!(v, Value::Duration(_)) || self.sum.is_temporal() => {
                let first = *count == 0;
                *count += 1;
                self.sum = match (&self.sum, &v) {
                    (_, Value::Duration(_)) if first && self.values.is_empty() => v,
                    (Value::Duration(_), Value::Duration(_)) => ops::add(&self.sum, &v)?,
                    _ => return Err(not_summable("avg()", &self.values_or_sum(), &v)),
                };
            }
            AggFunc::Avg | AggFunc::StDev | AggFunc::StDevP => {
                if !matches!(v, Value::Int(_) | Value::Float(_)) || *count > 0 {
                    return Err(Error::type_error(format!(
                        "{func:?} needs numbers, got {}",
                        v.type_name()
                    )));
                }
                self.values.push(v);
            }
            AggFunc::Min => {
                if self.best.as_ref().is_none_or(|b| v.order_cmp(b).is_lt()) {
                    self.best = Some(v);
                }
            }
            AggFunc::Max => {
                if self.best.as_ref().is_none_or(|b| v.order_cmp(b).is_gt()) {
                    self.best = Some(v);
                }
            }
            AggFunc::Collect => self.values.push(v),
            AggFunc::PercentileDisc | AggFunc::PercentileCont => {
                if !matches!(v, Value::Int(_) | Value::Float(_)) {
                    return Err(Error::type_error(format!(
                        "percentiles need numbers, got {}",
                        v.type_name()
                    )));
                }
                let p = match extra {
                    Some(Value::Int(i)) => i as f64,
                    Some(Value::Float(f)) => f,
                    other => {
                        return Err(Error::type_error(format!(
                            "the percentile must be a number, got {}",
                            other.map_or("nothing", |o| o.type_name())
                        )));
                    }
                };
                if !(0.0..=1.0).contains(&p) {
                    return Err(Error::argument(
                        Detail::NumberOutOfRange,
                        format!("the percentile must be between 0.0 and 1.0, got {p}"),
                    ));
                }
                self.percentile = Some(p);
                self.values.push(v);
            }
        }
        Ok(())
    }

    /// What `avg` has taken so far, for an error: its sum of durations,
    /// or a number.
    fn values_or_sum(&self) -> Value {
        self.values
            .first()
            .cloned()
            .unwrap_or_else(|| self.sum.clone())
    }

    fn finish(self, func: AggFunc, count: i64) -> Value {
        let floats = |values: &[Value]| -> Vec<f64> {
            values
                .iter()
                .map(|v| match v {
                    Value::Int(i) => *i as f64,
                    Value::Float(f) => *f,
                    _ => 0.0,
                })
                .collect()
        };
        match func {
            AggFunc::CountStar | AggFunc::Count => Value::Int(count),
            AggFunc::Sum => self.sum,
            AggFunc::Avg => {
                if let Value::Duration(total) = &self.sum {
                    // Dividing by a count of one or more cannot overflow.
                    return temporal::div(total, count as f64).map_or(Value::Null, Value::Duration);
                }
                if self.values.is_empty() {
                    return Value::Null;
                }
                let xs = floats(&self.values);
                Value::Float(xs.iter().sum::<f64>() / xs.len() as f64)
            }
            AggFunc::StDev | AggFunc::StDevP => {
                let xs = floats(&self.values);
                let n = xs.len() as f64;
                let denom = if func == AggFunc::StDev { n - 1.0 } else { n };
                if denom <= 0.0 {
                    return Value::Float(0.0);
                }
                let mean = xs.iter().sum::<f64>() / n;
                let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / denom;
                Value::Float(var.sqrt())
            }
            AggFunc::Min | AggFunc::Max => self.best.unwrap_or(Value::Null),
            AggFunc::Collect => Value::List(self.values),
            AggFunc::PercentileDisc | AggFunc::PercentileCont => {
                let Some(p) = self.percentile else {
                    return Value::Null;
                };
                let mut values = self.values;
                values.sort_by(|a, b| a.order_cmp(b));
                let n = values.len();
                if func == AggFunc::PercentileDisc {
                    let idx = if p == 0.0 {
                        0
                    } else {
                        ((p * n as f64).ceil() as usize).saturating_sub(1)
                    };
                    values.get(idx.min(n - 1)).cloned().unwrap_or(Value::Null)
                } else {
                    let xs = floats(&values);
                    let pos = p * (n - 1) as f64;
                    let lo = pos.floor() as usize;
                    let hi = pos.ceil() as usize;
                    let frac = pos - lo as f64;
                    Value::Float(xs[lo] + (xs[hi] - xs[lo]) * frac)
                }
            }
        }
    }
}

/// The `TypeError` of summing `v` onto `sum`: numbers and durations do
/// not mix, and nothing else sums.
fn not_summable(func: &str, sum: &Value, v: &Value) -> Error {
    let got = if matches!(v, Value::Int(_) | Value::Float(_) | Value::Duration(_)) {
        format!("{} after {}", v.type_name(), sum.type_name())
    } else {
        v.type_name().to_string()
    };
    Error::type_error(format!("{func} needs numbers or durations, got {got}"))
}

/// `Aggregate`: groups by keys, computes aggregates.
pub(crate) struct Aggregate<'p> {
    input: BoxOp<'p>,
    /// The input's plan and argument, to run it in parts (see
    /// [`parallel`]).
    plan: &'p Op,
    arg: Row,
    keys: &'p [Expr],
    aggs: &'p [AggCall],
    output: Option<std::vec::IntoIter<Row>>,
}

impl<'p> Aggregate<'p> {
    /// An aggregation of `input`, built from `plan` with `arg`.
    pub(crate) fn new(
        input: BoxOp<'p>,
        plan: &'p Op,
        arg: &Row,
        keys: &'p [Expr],
        aggs: &'p [AggCall],
    ) -> Aggregate<'p> {
        Aggregate {
            input,
            plan,
            arg: arg.clone(),
            keys,
            aggs,
            output: None,
        }
    }

    fn run(&mut self, ctx: &mut Ctx<'_>) -> Result<Vec<Row>> {
        // `count(*)` alone: count the input without building its rows.
        if self.keys.is_empty()
            && matches!(
                self.aggs,
                [AggCall {
                    func: AggFunc::CountStar,
                    ..
                }]
            )
        {
            let n = match parallel::run_parts(self.plan, &self.arg, ctx, &|_, op, ctx| {
                op.count(ctx)
            })? {
                Some(counts) => counts.iter().sum(),
                None => self.input.count(ctx)?,
            };
            return Ok(vec![vec![Value::Int(n as i64)]]);
        }
        // `count(DISTINCT x)` alone, of nodes the input can count itself.
        if self.keys.is_empty()
            && let [
                AggCall {
                    func: AggFunc::Count,
                    distinct: true,
                    args,
                },
            ] = self.aggs
            && let [Expr::Slot(x)] = args.as_slice()
            && let Some(n) = self.input.count_distinct_nodes(*x, ctx)?
        {
            return Ok(vec![vec![Value::Int(n as i64)]]);
        }
        let grouping = match self.in_parts(ctx)? {
            Some(grouping) => grouping,
            None => {
                let mut grouping = Grouping::new(self.keys, self.aggs);
                grouping.fill(&mut *self.input, ctx)?;
                grouping
            }
        };
        let Grouping {
            mut groups,
            mut states,
            ..
        } = grouping;
        if groups.is_empty() && self.keys.is_empty() {
            groups.push(Vec::new());
            states.extend(self.aggs.iter().map(State::new));
        }
        let mut states = states.into_iter();
        Ok(groups
            .into_iter()
            .map(|mut key| {
                // `aggs` first: zip stops without taking a state too many.
                for (call, state) in self.aggs.iter().zip(states.by_ref()) {
                    key.push(state.finish(call.func));
                }
                key
            })
            .collect())
    }

    /// The groups, found by running the input in parts on threads of
    /// their own and merging the parts' groups in part order (which gives
    /// the groups and the values of `collect` in the order of a whole
    /// run); `None` when the aggregates do not merge or the input does not
    /// split.
    fn in_parts(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Grouping<'p>>> {
        if !self.aggs.iter().all(State::merges) {
            return Ok(None);
        }
        let (keys, aggs) = (self.keys, self.aggs);
        // One hasher for all parts: a group's hash is the same in each.
        let hasher = foldhash::fast::RandomState::default();
        let parts = parallel::run_parts(self.plan, &self.arg, ctx, &|part, op, ctx| {
            let mut grouping = Grouping::with_hasher(keys, aggs, hasher.clone());
            grouping.fill(op, ctx)?;
            if part > 0 {
                // Its memory is counted again by the grouping it joins,
                // on this statement's thread.
                grouping.kept.clear();
            }
            Ok(grouping)
        })?;
        let parts = parts.unwrap_or_default();
        let threads = parts.len();
        merge::merge(parts, threads)
    }
}

/// The slots of the `count(x)`s (with `x` a variable) when every aggregate
/// is one of those or a `count(*)`.
fn counted_slots(aggs: &[AggCall]) -> Option<Vec<Slot>> {
    let mut slots = Vec::new();
    for a in aggs {
        match (a.func, a.distinct, a.args.as_slice()) {
            (AggFunc::CountStar, ..) => {}
            (AggFunc::Count, false, [Expr::Slot(s)]) => slots.push(*s),
            _ => return None,
        }
    }
    Some(slots)
}

/// What one call of [`Grouping::add`] stands for.
#[derive(Clone, Copy)]
pub(super) enum Weight {
    /// The row itself.
    Row,
    /// `n` rows like it, `m` of which hold a value in every slot a
    /// `count(x)` counts (see [`counted_slots`]).
    Counted(u64, u64),
}

/// The groups found so far, in order of first appearance.
pub(super) struct Grouping<'p, S = foldhash::fast::RandomState> {
    keys: &'p [Expr],
    aggs: &'p [AggCall],
    /// Each group's key values, with room for its aggregates' values.
    groups: Vec<Vec<Value>>,
    /// Each group's aggregates, one run of `aggs.len()` per group (one
    /// vector for all: a group costs no allocation of its own).
    states: Vec<State>,
    /// The first group with each key hash, and for each group the next one
    /// with its hash (`NONE` ends the chain): keys are compared in place,
    /// not copied into a map.
    index: foldhash::HashMap<u64, usize>,
    same_hash: Vec<usize>,
    hasher: S,
    /// The key of the row at hand.
    key: Vec<Value>,
    /// The slots the keys read, when they are variables or their properties.
    sources: Option<Vec<Slot>>,
    /// The previous row's group, and its entities in `sources` when they
    /// were read from an unchanged graph.
    last: Option<usize>,
    last_entities: Vec<Value>,
    /// Per key that is a node's property (`c.id`), the slot of that
    /// property's column, found at the first row (see [`Grouping::key`]).
    columns: Vec<Option<Arc<ColumnSlot>>>,
    /// The groups found by node, while the keys name their node (see
    /// [`by_node`]).
    by_node: Option<by_node::ByNode>,
    /// The memory the groups and the values they keep hold.
    kept: Reservation,
}

impl<'p> Grouping<'p> {
    pub(super) fn new(keys: &'p [Expr], aggs: &'p [AggCall]) -> Grouping<'p> {
        Grouping::with_hasher(keys, aggs, foldhash::fast::RandomState::default())
    }
}

impl<'p, S: BuildHasher> Grouping<'p, S> {
    fn with_hasher(keys: &'p [Expr], aggs: &'p [AggCall], hasher: S) -> Grouping<'p, S> {
        Grouping {
            keys,
            aggs,
            groups: Vec::new(),
            states: Vec::new(),
            index: foldhash::HashMap::default(),
            same_hash: Vec::new(),
            hasher,
            key: Vec::with_capacity(keys.len() + aggs.len()),
            sources: key_sources(keys),
            columns: vec![None; keys.len()],
            by_node: by_node::ByNode::for_keys(keys),
            last: None,
            last_entities: Vec::new(),
            kept: Reservation::new(),
        }
    }

    /// Adds every row of `input`.
    fn fill(&mut self, input: &mut dyn Operator, ctx: &mut Ctx<'_>) -> Result<()> {
        // Only `count(*)`s and `count(x)`s, of groups the input row decides:
        // the input counts the rows of each of its own input rows.
        let counted = match (&self.sources, counted_slots(self.aggs)) {
            (Some(reads), Some(counted)) => {
                let reads = reads.clone();
                input.for_each_input_count(ctx, &reads, &counted, &mut |row, n, m, ctx| {
                    self.add(row, Weight::Counted(n, m), ctx)
                })?
            }
            _ => false,
        };
        if !counted {
            // Rows are lent, not copied: each is read once, here.
            input.for_each_row(ctx, &mut |row, ctx| {
                self.add(row, Weight::Row, ctx)?;
                Ok(true)
            })?;
        }
        Ok(())
    }

    /// Adds a row to its group, which it may start.
    ///
    /// When the keys name their node, the group is found by node (see
    /// [`by_node`]). Otherwise rows often come in runs of one group (a hop's rows come per start
    /// node), so the previous row's group is tried first, which costs less
    /// than hashing the key: when the keys are properties of the row's
    /// entities, the same entities in an unchanged graph are enough; else
    /// the key is evaluated and compared.
    fn add(&mut self, row: &Row, weight: Weight, ctx: &mut Ctx<'_>) -> Result<()> {
        let g = self.group_of_row(row, ctx)?;
        self.add_to_group(g, row, weight, ctx)
    }

    /// The group of `row`, which it may start (see [`Grouping::add`]).
    pub(super) fn group_of_row(&mut self, row: &Row, ctx: &mut Ctx<'_>) -> Result<usize> {
        if let Some(g) = self.group_by_node(row, ctx)? {
            return Ok(g);
        }
        let unchanged = !ctx.graph.has_uncommitted_changes();
        if let (Some(g), Some(slots)) = (self.last, &self.sources)
            && unchanged
            && same_entities(slots, &self.last_entities, row)
        {
            return Ok(g);
        }
        self.key.clear();
        // With room for the aggregates' values, which the group's row gets.
        self.key.reserve(self.keys.len() + self.aggs.len());
        for i in 0..self.keys.len() {
            let v = self.key(i, row, ctx)?;
            self.key.push(v);
        }
        let g = match self.last {
            Some(g) if self.same_key(g) => g,
            _ => self.group_of_key()?,
        };
        self.last = Some(g);
        self.last_entities.clear();
        if let Some(slots) = &self.sources
            && unchanged
        {
            self.last_entities
                .extend(slots.iter().map(|s| row::get(row, *s).clone()));
        }
        Ok(g)
    }

    /// How many groups there are.
    pub(super) fn len(&self) -> usize {
        self.groups.len()
    }

    /// The key of group `g`, taken out (the group's key is then empty).
    pub(super) fn take_key(&mut self, g: usize) -> Vec<Value> {
        self.groups
            .get_mut(g)
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// The value of key `i` for `row`. A node's property is read from the
    /// property's column when the graph has one (and counts towards
    /// building it, see [`ColumnSlot::column`]): a grouping of many nodes
    /// reads the key once a node, which from the node's property block
    /// costs a search of the block and a decode.
    fn key(&mut self, i: usize, row: &Row, ctx: &mut Ctx<'_>) -> Result<Value> {
        if let Value::Node(id) = *self.key_base(i, row)
            && let Some(column) = self.column(i, ctx)
            && let Some(v) = column.cell(id).value()
        {
            return Ok(v);
        }
        eval(&self.keys[i], row, ctx)
    }

    /// The value in `row` of the variable whose property key `i` is.
    fn key_base<'r>(&self, i: usize, row: &'r Row) -> &'r Value {
        match &self.keys[i] {
            Expr::Property(base, _) if let Expr::Slot(s) = **base => row::get(row, s),
            _ => &Value::Null,
        }
    }

    /// The column of key `i` when it is a property of a variable and the
    /// graph has (or now builds) one.
    fn column(&mut self, i: usize, ctx: &Ctx<'_>) -> Option<&Column> {
        let Expr::Property(_, name) = &self.keys[i] else {
            return None;
        };
        if !ctx.graph.columns_usable() {
            return None;
        }
        let slot = self.columns[i].get_or_insert_with(|| ctx.graph.node_column(name));
        slot.column(&ctx.graph)
    }

    /// Whether group `g` has the key at hand.
    fn same_key(&self, g: usize) -> bool {
        self.groups[g]
            .iter()
            .zip(&self.key)
            .all(|(a, b)| a.equivalent(b))
    }

    /// The hash of a group's key.
    fn hash_key(&self, key: &[Value]) -> u64 {
        let mut h = self.hasher.build_hasher();
        for v in key {
            v.hash_grouping(&mut h);
        }
        h.finish()
    }

    /// The group of the key at hand, which it starts if there is none
    /// (taking the key).
    fn group_of_key(&mut self) -> Result<usize> {
        let h = self.hash_key(&self.key);
        let mut at = self.index.get(&h).copied().unwrap_or(NONE);
        while at != NONE && !self.same_key(at) {
            at = self.same_hash[at];
        }
        if at == NONE {
            // A new group takes the key; the next row gets a new vector.
            let key = std::mem::take(&mut self.key);
            at = self.start_group(key)?;
            self.same_hash[at] = self.index.insert(h, at).unwrap_or(NONE);
        }
        Ok(at)
    }

    /// Starts a group with `key`, in no index yet.
    fn start_group(&mut self, key: Vec<Value>) -> Result<usize> {
        self.kept.grow_row(&key)?;
        self.kept
            .grow(self.aggs.len() * std::mem::size_of::<State>())?;
        self.states.extend(self.aggs.iter().map(State::new));
        self.groups.push(key);
        self.same_hash.push(NONE);
        self.note_new_group();
        Ok(self.groups.len() - 1)
    }

    /// Adds a row to the aggregates of group `g`.
    fn add_to_group(
        &mut self,
        g: usize,
        row: &Row,
        weight: Weight,
        ctx: &mut Ctx<'_>,
    ) -> Result<()> {
        let n = self.aggs.len();
        let states = &mut self.states[g * n..(g + 1) * n];
        add_to(self.aggs, states, &mut self.kept, row, weight, ctx)
    }
}

/// The end of a chain of groups with one hash.
const NONE: usize = usize::MAX;

/// Adds a row to a group's aggregates, or the counts a [`Weight`] stands
/// for (only `count(*)` and `count(x)` are ever added more than once).
pub(super) fn add_to(
    aggs: &[AggCall],
    states: &mut [State],
    kept: &mut Reservation,
    row: &Row,
    weight: Weight,
    ctx: &mut Ctx<'_>,
) -> Result<()> {
    for (state, call) in states.iter_mut().zip(aggs) {
        match (call.func, weight) {
            (AggFunc::CountStar, Weight::Row) => state.count += 1,
            (AggFunc::CountStar, Weight::Counted(n, _)) => state.count += n as i64,
            (_, Weight::Counted(_, m)) => state.count += m as i64,
            _ => {}
        }
        if call.func == AggFunc::CountStar || matches!(weight, Weight::Counted(..)) {
            continue;
        }
        let v = match call.args.first() {
            Some(a) => eval(a, row, ctx)?,
            None => Value::Null,
        };
        let extra = match call.args.get(1) {
            Some(a) => Some(eval(a, row, ctx)?),
            None => None,
        };
        let keeps = state.distinct()
            || matches!(
                call.func,
                AggFunc::Collect
                    | AggFunc::Avg
                    | AggFunc::StDev
                    | AggFunc::StDevP
                    | AggFunc::PercentileDisc
                    | AggFunc::PercentileCont
            );
        if keeps && !v.is_null() {
            kept.grow(guard::value_size(&v))?;
        }
        state.add(call.func, v, extra)?;
    }
    Ok(())
}

/// The slots the grouping keys read, when each key is a variable or a
/// property of one (`n`, `n.name`).
fn key_sources(keys: &[Expr]) -> Option<Vec<Slot>> {
    keys.iter()
        .map(|k| match k {
            Expr::Slot(s) => Some(*s),
            Expr::Property(base, _) => match **base {
                Expr::Slot(s) => Some(s),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// Whether the row holds the same nodes and relationships in `slots` as
/// `before` (then, in an unchanged graph, keys read from them are the same).
fn same_entities(slots: &[Slot], before: &[Value], row: &Row) -> bool {
    slots.len() == before.len()
        && slots
            .iter()
            .zip(before)
            .all(|(s, b)| match (row::get(row, *s), b) {
                (Value::Node(x), Value::Node(y))
                | (Value::Relationship(x), Value::Relationship(y)) => x == y,
                _ => false,
            })
}

impl Operator for Aggregate<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        if self.output.is_none() {
            let rows = self.run(ctx)?;
            self.output = Some(rows.into_iter());
        }
        Ok(self.output.as_mut().and_then(Iterator::next))
    }
}

#[path = "aggregate_by_node.rs"]
mod by_node;
#[path = "aggregate_merge.rs"]
pub(super) mod merge;

#[cfg(test)]
#[path = "aggregate_tests.rs"]
mod tests;
