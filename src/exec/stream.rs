//! Row-at-a-time operators: filter, extend, project, optional, distinct,
//! skip, limit, unwind, discard, union, procedure calls.

use super::guard::{self, Reservation};
use super::parallel::{Part, Split};
use super::row::{self, Row};
use super::{BoxOp, Ctx, Operator, build, eval};
use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use crate::plan::logical::{Expr, Op, Slot};
use crate::store::Graph;
use crate::value::{GroupKey, Value};
use std::collections::HashSet;

/// Keeps rows whose predicate is `true`.
pub(crate) struct Filter<'p> {
    input: BoxOp<'p>,
    predicate: &'p Expr,
}

impl<'p> Filter<'p> {
    /// A filter over `input`.
    pub(crate) fn new(input: BoxOp<'p>, predicate: &'p Expr) -> Filter<'p> {
        Filter { input, predicate }
    }
}

impl Operator for Filter<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        while let Some(row) = self.input.next(ctx)? {
            match eval(self.predicate, &row, ctx)? {
                Value::Bool(true) => return Ok(Some(row)),
                Value::Bool(false) | Value::Null => {}
                other => {
                    return Err(Error::type_error(format!(
                        "WHERE needs a boolean, got {}",
                        other.type_name()
                    )));
                }
            }
        }
        Ok(None)
    }

    fn rearm(&mut self, arg: &Row) -> bool {
        self.input.rearm(arg)
    }

    fn split(&mut self, part: Part, graph: &Graph) -> Split {
        self.input.split(part, graph).passed_on()
    }
}

/// Writes computed values into slots.
pub(crate) struct Extend<'p> {
    input: BoxOp<'p>,
    items: &'p [(Slot, Expr)],
}

impl<'p> Extend<'p> {
    /// An extension of `input`'s rows.
    pub(crate) fn new(input: BoxOp<'p>, items: &'p [(Slot, Expr)]) -> Extend<'p> {
        Extend { input, items }
    }
}

impl Operator for Extend<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        let Some(mut row) = self.input.next(ctx)? else {
            return Ok(None);
        };
        for (slot, e) in self.items {
            let v = eval(e, &row, ctx)?;
            row::set(&mut row, *slot, v);
        }
        Ok(Some(row))
    }

    fn rearm(&mut self, arg: &Row) -> bool {
        self.input.rearm(arg)
    }

    fn split(&mut self, part: Part, graph: &Graph) -> Split {
        self.input.split(part, graph).passed_on()
    }
}

/// Makes a new row of expressions.
pub(crate) struct Project<'p> {
    input: BoxOp<'p>,
    exprs: &'p [Expr],
    /// The expressions are the first slots in order: the input row, cut
    /// to length, is the new row (a row an aggregation yields, mostly).
    leading: bool,
}

impl<'p> Project<'p> {
    /// A projection of `input`'s rows.
    pub(crate) fn new(input: BoxOp<'p>, exprs: &'p [Expr]) -> Project<'p> {
        let leading = exprs
            .iter()
            .enumerate()
            .all(|(i, e)| matches!(e, Expr::Slot(s) if *s == i));
        Project {
            input,
            exprs,
            leading,
        }
    }
}

impl Operator for Project<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        let Some(mut row) = self.input.next(ctx)? else {
            return Ok(None);
        };
        if self.leading {
            row.resize(self.exprs.len(), Value::Null);
            return Ok(Some(row));
        }
        let mut out = Vec::with_capacity(self.exprs.len());
        for e in self.exprs {
            out.push(eval(e, &row, ctx)?);
        }
        Ok(Some(out))
    }

    fn split(&mut self, part: Part, graph: &Graph) -> Split {
        self.input.split(part, graph).passed_on()
    }
}

/// `OPTIONAL MATCH`: the inner rows, or the input row with nulls. The
/// inner plan is built once and rearmed with each input row (built again
/// only when one of its operators cannot be rearmed).
pub(crate) struct Optional<'p> {
    input: BoxOp<'p>,
    inner_plan: &'p Op,
    slots: &'p [Slot],
    /// The inner operators, the input row they run for, and whether they
    /// yielded a row for it.
    inner: Option<(BoxOp<'p>, Row, bool)>,
    /// Done with the current input row (the inner operators are kept).
    done: bool,
}

impl<'p> Optional<'p> {
    /// An optional match over `input`'s rows.
    pub(crate) fn new(input: BoxOp<'p>, inner_plan: &'p Op, slots: &'p [Slot]) -> Optional<'p> {
        Optional {
            input,
            inner_plan,
            slots,
            inner: None,
            done: true,
        }
    }

    /// Makes `row` the current input row: the inner plan, rearmed or
    /// built, runs for it.
    fn start(&mut self, row: Row) {
        let rearmed = (self.inner.as_mut()).is_some_and(|(inner, ..)| inner.rearm(&row));
        match &mut self.inner {
            Some((_, current, any)) if rearmed => {
                *current = row;
                *any = false;
            }
            _ => self.inner = Some((build(self.inner_plan, &row), row, false)),
        }
        self.done = false;
    }

    /// The current input row with the optional slots null.
    fn nulls(&self, row: &Row) -> Row {
        let mut row = row.clone();
        for s in self.slots {
            row::set(&mut row, *s, Value::Null);
        }
        row
    }
}

impl Operator for Optional<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        loop {
            if !self.done
                && let Some((inner, row, any)) = &mut self.inner
            {
                if let Some(r) = inner.next(ctx)? {
                    *any = true;
                    return Ok(Some(r));
                }
                self.done = true;
                if !*any {
                    let row = row.clone();
                    return Ok(Some(self.nulls(&row)));
                }
            }
            let Some(row) = self.input.next(ctx)? else {
                return Ok(None);
            };
            self.start(row);
        }
    }

    /// Per input row, the inner plan's rows are counted (not built), or
    /// the one row of nulls is counted (as one row in which the counted
    /// slots hold nothing): for `count(*)` and `count(x)` grouped by what
    /// the input rows hold.
    fn for_each_input_count(
        &mut self,
        ctx: &mut Ctx<'_>,
        reads: &[Slot],
        counted: &[Slot],
        f: &mut super::CountSink<'_>,
    ) -> Result<bool> {
        // The optional slots are pattern variables: every inner row fills
        // them.
        if reads.iter().any(|s| self.slots.contains(s))
            || !counted.iter().all(|s| self.slots.contains(s))
            || !self.done
        {
            return Ok(false);
        }
        // Input rows are lent: the inner plan's argument takes a copy.
        let (plan, inner) = (self.inner_plan, &mut self.inner);
        self.input.for_each_row(ctx, &mut |row, ctx| {
            let counted = match inner {
                Some((op, ..)) => op.count_at(row, ctx)?,
                None => None,
            };
            let n = match counted {
                Some(n) => n,
                None => {
                    let rearmed = (inner.as_mut()).is_some_and(|(op, ..)| op.rearm(row));
                    let op = match inner {
                        Some((op, ..)) if rearmed => op,
                        _ => &mut inner.insert((build(plan, row), Row::new(), false)).0,
                    };
                    op.count(ctx)?
                }
            };
            // The one row of nulls: the caller reads none of the optional
            // slots, so the input row stands for it.
            match n {
                0 => f(row, 1, 0, ctx)?,
                n => f(row, n, n, ctx)?,
            }
            Ok(true)
        })?;
        Ok(true)
    }

    fn rearm(&mut self, arg: &Row) -> bool {
        self.done = true;
        self.input.rearm(arg)
    }

    fn split(&mut self, part: Part, graph: &Graph) -> Split {
        self.input.split(part, graph).passed_on()
    }
}

/// Drops rows equal (by grouping equivalence) to an earlier one.
pub(crate) struct Distinct<'p> {
    input: BoxOp<'p>,
    width: usize,
    seen: HashSet<Vec<GroupKey>>,
    kept: Reservation,
}

impl<'p> Distinct<'p> {
    /// Distinct rows of `input` by their first `width` slots.
    pub(crate) fn new(input: BoxOp<'p>, width: usize) -> Distinct<'p> {
        Distinct {
            input,
            width,
            seen: HashSet::new(),
            kept: Reservation::new(),
        }
    }
}

impl Operator for Distinct<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        while let Some(row) = self.input.next(ctx)? {
            let key: Vec<GroupKey> = (0..self.width)
                .map(|i| GroupKey(row::get(&row, i).clone()))
                .collect();
            let size = key.iter().map(|k| guard::value_size(&k.0)).sum();
            if self.seen.insert(key) {
                self.kept.grow(size)?;
                return Ok(Some(row));
            }
        }
        Ok(None)
    }
}

/// Evaluates a `SKIP`/`LIMIT` count.
fn count(e: &Expr, what: &str, ctx: &mut Ctx<'_>) -> Result<usize> {
    match eval(e, &Row::new(), ctx)? {
        Value::Int(i) if i >= 0 => Ok(i as usize),
        Value::Int(_) => Err(Error::runtime(
            ErrorKind::SyntaxError,
            Detail::NegativeIntegerArgument,
            format!("{what} must not be negative"),
        )),
        other => Err(Error::runtime(
            ErrorKind::SyntaxError,
            Detail::InvalidArgumentType,
            format!("{what} must be an integer, got {}", other.type_name()),
        )),
    }
}

/// `SKIP n`
pub(crate) struct Skip<'p> {
    input: BoxOp<'p>,
    count: &'p Expr,
    skipped: bool,
}

impl<'p> Skip<'p> {
    /// Skips the first rows of `input`.
    pub(crate) fn new(input: BoxOp<'p>, count: &'p Expr) -> Skip<'p> {
        Skip {
            input,
            count,
            skipped: false,
        }
    }
}

impl Operator for Skip<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        if !self.skipped {
            self.skipped = true;
            let n = count(self.count, "SKIP", ctx)?;
            for _ in 0..n {
                if self.input.next(ctx)?.is_none() {
                    return Ok(None);
                }
            }
        }
        self.input.next(ctx)
    }
}

/// `LIMIT n`
pub(crate) struct Limit<'p> {
    input: BoxOp<'p>,
    count: &'p Expr,
    left: Option<usize>,
    /// The input writes: run it to the end even when no more rows are
    /// wanted, because a limit cuts the result, not the side effects.
    drain: bool,
}

impl<'p> Limit<'p> {
    /// The first rows of `input`.
    pub(crate) fn new(input: BoxOp<'p>, count: &'p Expr, drain: bool) -> Limit<'p> {
        Limit {
            input,
            count,
            left: None,
            drain,
        }
    }
}

impl Operator for Limit<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        let left = match self.left {
            Some(l) => l,
            None => count(self.count, "LIMIT", ctx)?,
        };
        if left == 0 {
            if self.drain {
                self.drain = false;
                while self.input.next(ctx)?.is_some() {}
            }
            self.left = Some(0);
            return Ok(None);
        }
        self.left = Some(left - 1);
        self.input.next(ctx)
    }
}

/// `UNWIND list AS x`
pub(crate) struct Unwind<'p> {
    input: BoxOp<'p>,
    list: &'p Expr,
    slot: Slot,
    current: Option<(Row, std::vec::IntoIter<Value>)>,
}

impl<'p> Unwind<'p> {
    /// Unwinds a list for each row of `input`.
    pub(crate) fn new(input: BoxOp<'p>, list: &'p Expr, slot: Slot) -> Unwind<'p> {
        Unwind {
            input,
            list,
            slot,
            current: None,
        }
    }
}

impl Operator for Unwind<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        loop {
            if let Some((row, items)) = &mut self.current {
                if let Some(v) = items.next() {
                    guard::tick()?;
                    let mut out = row.clone();
                    row::set(&mut out, self.slot, v);
                    return Ok(Some(out));
                }
                self.current = None;
            }
            let Some(row) = self.input.next(ctx)? else {
                return Ok(None);
            };
            let items = match eval(self.list, &row, ctx)? {
                Value::List(items) => items,
                Value::Null => Vec::new(),
                other => vec![other],
            };
            self.current = Some((row, items.into_iter()));
        }
    }

    fn split(&mut self, part: Part, graph: &Graph) -> Split {
        self.input.split(part, graph).passed_on()
    }
}

/// Runs its input to the end; yields nothing.
pub(crate) struct Discard<'p> {
    input: BoxOp<'p>,
}

impl<'p> Discard<'p> {
    /// Drains `input`.
    pub(crate) fn new(input: BoxOp<'p>) -> Discard<'p> {
        Discard { input }
    }
}

impl Operator for Discard<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        while self.input.next(ctx)?.is_some() {}
        Ok(None)
    }
}

/// `UNION [ALL]`
pub(crate) struct Union<'p> {
    parts: Vec<BoxOp<'p>>,
    all: bool,
    width: usize,
    pos: usize,
    seen: HashSet<Vec<GroupKey>>,
}

impl<'p> Union<'p> {
    /// The rows of each part in turn.
    pub(crate) fn new(parts: Vec<BoxOp<'p>>, all: bool, width: usize) -> Union<'p> {
        Union {
            parts,
            all,
            width,
            pos: 0,
            seen: HashSet::new(),
        }
    }
}

impl Operator for Union<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        while self.pos < self.parts.len() {
            match self.parts[self.pos].next(ctx)? {
                Some(row) => {
                    if !self.all {
                        let key: Vec<GroupKey> = (0..self.width)
                            .map(|i| GroupKey(row::get(&row, i).clone()))
                            .collect();
                        if !self.seen.insert(key) {
                            continue;
                        }
                    }
                    return Ok(Some(row));
                }
                None => self.pos += 1,
            }
        }
        Ok(None)
    }
}
