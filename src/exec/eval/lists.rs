//! Expressions that evaluate another expression once per element of a
//! list: list comprehensions `[x IN l WHERE f | m]`, quantifiers
//! `all/any/none/single(x IN l WHERE p)` and `reduce(acc = i, x IN l | e)`.
//! Each step calls `guard::tick`, and what they build counts against the
//! statement's memory budget.

use super::eval;
use crate::error::Detail;
use crate::error::{Error, Result};
use crate::exec::row::{self, Row};
use crate::exec::{Ctx, guard, ops};
use crate::plan::Slot;
use crate::plan::logical::{BinaryOp, Expr, Quantifier};
use crate::value::Value;
use std::collections::BTreeMap;

/// The elements of a list, each bound in turn to the element slot in a
/// copy of the row.
struct Elements {
    items: std::vec::IntoIter<Value>,
    scratch: Row,
    slot: Slot,
}

impl Elements {
    /// The elements of `list` for `row`, to be bound to `slot`: `None` when
    /// the list is `null`.
    fn of(slot: Slot, list: &Expr, row: &Row, ctx: &mut Ctx<'_>) -> Result<Option<Elements>> {
        let items = match eval(list, row, ctx)? {
            Value::Null => return Ok(None),
            Value::List(items) => items,
            other => {
                return Err(Error::type_error(format!(
                    "expected a list, got {}",
                    other.type_name()
                )));
            }
        };
        Ok(Some(Elements {
            items: items.into_iter(),
            scratch: row.clone(),
            slot,
        }))
    }

    /// How many elements are left.
    fn len(&self) -> usize {
        self.items.len()
    }

    /// The row with the next element bound (`None` after the last), after
    /// `guard::tick`.
    fn next(&mut self) -> Result<Option<&mut Row>> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        guard::tick()?;
        row::set(&mut self.scratch, self.slot, item);
        Ok(Some(&mut self.scratch))
    }
}

/// `[x IN list WHERE filter | map]`, with `x` in `slot`.
pub(super) fn comprehension(
    slot: Slot,
    list: &Expr,
    filter: &Option<Box<Expr>>,
    map: &Option<Box<Expr>>,
    row: &Row,
    ctx: &mut Ctx<'_>,
) -> Result<Value> {
    let Some(mut elements) = Elements::of(slot, list, row, ctx)? else {
        return Ok(Value::Null);
    };
    let mut out = Vec::with_capacity(elements.len());
    let mut size = 0usize;
    while let Some(scratch) = elements.next()? {
        if let Some(f) = filter
            && !matches!(eval(f, scratch, ctx)?, Value::Bool(true))
        {
            continue;
        }
        let v = match map {
            Some(m) => eval(m, scratch, ctx)?,
            None => row::get(scratch, slot).clone(),
        };
        size = size.saturating_add(guard::value_size(&v));
        guard::ensure(size)?;
        out.push(v);
    }
    Ok(Value::List(out))
}

/// `all/any/none/single(x IN list WHERE predicate)`, with `x` in `slot`,
/// three-valued: an element that settles the answer settles it, else a
/// `null` predicate makes it `null`.
pub(super) fn quantifier(
    kind: Quantifier,
    slot: Slot,
    list: &Expr,
    predicate: &Expr,
    row: &Row,
    ctx: &mut Ctx<'_>,
) -> Result<Value> {
    let Some(mut elements) = Elements::of(slot, list, row, ctx)? else {
        return Ok(Value::Null);
    };
    let n = elements.len();
    let (mut trues, mut nulls) = (0usize, 0usize);
    while let Some(scratch) = elements.next()? {
        match eval(predicate, scratch, ctx)? {
            Value::Bool(true) => trues += 1,
            Value::Bool(false) => {}
            Value::Null => nulls += 1,
            other => {
                return Err(Error::type_error(format!(
                    "a quantifier predicate must be a boolean, got {}",
                    other.type_name()
                )));
            }
        }
    }
    let falses = n - trues - nulls;
    // A decisive element settles it; else a null makes it unknown.
    let settle = |decisive: bool, value: bool| {
        if decisive {
            Value::Bool(value)
        } else if nulls > 0 {
            Value::Null
        } else {
            Value::Bool(!value)
        }
    };
    Ok(match kind {
        Quantifier::All => settle(falses > 0, false),
        Quantifier::Any => settle(trues > 0, true),
        Quantifier::None => settle(trues > 0, false),
        Quantifier::Single if trues > 1 => Value::Bool(false),
        Quantifier::Single => settle(false, trues != 1),
    })
}

/// Whether `e` reads `slot` (conservatively: a subquery might).
fn reads_slot(e: &Expr, slot: Slot) -> bool {
    slot_reads(e, slot) > 0
}

/// How many times evaluating `e` once reads `slot`: exact for the shapes
/// listed, "many" for the others (which may read it once per element).
fn slot_reads(e: &Expr, slot: Slot) -> usize {
    const MANY: usize = usize::MAX / 4;
    let sum = |items: &mut dyn Iterator<Item = &Expr>| {
        items.fold(0usize, |n, i| n.saturating_add(slot_reads(i, slot)))
    };
    match e {
        Expr::Const(_) | Expr::Param(_) => 0,
        Expr::Slot(s) => usize::from(*s == slot),
        Expr::Property(a, _)
        | Expr::Not(a)
        | Expr::Neg(a)
        | Expr::IsNull(a, _)
        | Expr::HasLabels(a, _) => slot_reads(a, slot),
        Expr::Binary(_, a, b) | Expr::Index(a, b) => sum(&mut [&**a, &**b].into_iter()),
        Expr::Chain(first, rest) => {
            sum(&mut std::iter::once(&**first).chain(rest.iter().map(|(_, x)| x)))
        }
        Expr::List(items) | Expr::Function(_, items) => sum(&mut items.iter()),
        Expr::Map(entries) => sum(&mut entries.iter().map(|(_, v)| v)),
        _ => MANY,
    }
}

/// Lists nested deeper than this in a `reduce` accumulator are refused:
/// deeper, printing or dropping them could exhaust the stack.
const MAX_NESTING: usize = 100_000;

/// `reduce(acc = init, x IN list | expr)`. When `expr` reads the
/// accumulator once, where its value is kept whole (`acc + [x]`,
/// `[acc, x]`, `{k: acc}`), the accumulator is moved into the next step
/// instead of copied: each step costs what it adds, not what it holds.
/// What the accumulator holds counts against the memory budget, and how
/// deep it nests is checked at steps 1, 2, 4, 8, ... (linear in all).
pub(super) fn reduce(
    acc: Slot,
    init: &Expr,
    slot: Slot,
    list: &Expr,
    expr: &Expr,
    row: &Row,
    ctx: &mut Ctx<'_>,
) -> Result<Value> {
    let init = eval(init, row, ctx)?;
    let mut kept = guard::Reservation::new();
    kept.grow(guard::value_size(&init))?;
    let Some(mut elements) = Elements::of(slot, list, row, ctx)? else {
        return Ok(Value::Null);
    };
    row::set(&mut elements.scratch, acc, init);
    let moves = slot_reads(expr, acc) == 1;
    let stepped = reduce_steps(acc, &mut elements, expr, moves, &mut kept, ctx);
    let out = std::mem::replace(&mut elements.scratch[acc], Value::Null);
    match stepped.and_then(|()| check_nesting(&out)) {
        Ok(()) => Ok(out),
        Err(e) => {
            crate::value::drop_deep(out);
            Err(e)
        }
    }
}

/// The steps of [`reduce`], leaving the accumulator in the scratch row's
/// `acc`.
fn reduce_steps(
    acc: Slot,
    elements: &mut Elements,
    expr: &Expr,
    moves: bool,
    kept: &mut guard::Reservation,
    ctx: &mut Ctx<'_>,
) -> Result<()> {
    let mut steps = 0usize;
    while let Some(scratch) = elements.next()? {
        let next = if moves {
            let mut added = 0;
            let next = eval_moving(expr, scratch, acc, &mut added, ctx)?;
            kept.grow(added)?;
            next
        } else {
            let next = eval(expr, scratch, ctx)?;
            kept.clear();
            kept.grow(guard::value_size(&next))?;
            next
        };
        let old = std::mem::replace(&mut scratch[acc], next);
        crate::value::drop_deep(old);
        steps += 1;
        if steps.is_power_of_two() {
            check_nesting(&scratch[acc])?;
        }
    }
    Ok(())
}

fn check_nesting(v: &Value) -> Result<()> {
    if crate::value::nesting_depth(v) > MAX_NESTING {
        return Err(Error::argument(
            Detail::ValueTooLarge,
            format!("reduce() built lists nested more than {MAX_NESTING} deep"),
        ));
    }
    Ok(())
}

/// [`eval`] of an `expr` that reads `acc` once: the accumulator is taken
/// out of the row where the expression keeps it whole, else read as usual.
/// `added` grows by the size of what the expression adds to it.
fn eval_moving(
    e: &Expr,
    scratch: &mut Row,
    acc: Slot,
    added: &mut usize,
    ctx: &mut Ctx<'_>,
) -> Result<Value> {
    let fresh = |v: Value, added: &mut usize| {
        *added = added.saturating_add(guard::value_size(&v));
        v
    };
    if !reads_slot(e, acc) {
        return Ok(fresh(eval(e, scratch, ctx)?, added));
    }
    match e {
        Expr::Slot(s) if *s == acc => Ok(std::mem::replace(&mut scratch[acc], Value::Null)),
        Expr::List(items) => {
            let mut out = Vec::with_capacity(items.len());
            for i in items {
                out.push(eval_moving(i, scratch, acc, added, ctx)?);
            }
            *added = added.saturating_add(ops::SLOT);
            Ok(Value::List(out))
        }
        Expr::Map(entries) => {
            let mut out = BTreeMap::new();
            for (k, v) in entries {
                out.insert(k.clone(), eval_moving(v, scratch, acc, added, ctx)?);
                *added = added.saturating_add(k.len() + 48);
            }
            *added = added.saturating_add(ops::SLOT);
            Ok(Value::Map(out))
        }
        Expr::Binary(BinaryOp::Add, a, b) => {
            let a = eval_moving(a, scratch, acc, added, ctx)?;
            let b = eval_moving(b, scratch, acc, added, ctx)?;
            ops::add_owned(a, b)
        }
        // `acc + x + y`: the same additions, left to right.
        Expr::Chain(first, rest) if rest.iter().all(|(op, _)| *op == BinaryOp::Add) => {
            let mut sum = eval_moving(first, scratch, acc, added, ctx)?;
            for (_, x) in rest {
                let x = eval_moving(x, scratch, acc, added, ctx)?;
                sum = ops::add_owned(sum, x)?;
            }
            Ok(sum)
        }
        // Read in place, not kept whole (`size(acc) + 1`): a new value.
        _ => Ok(fresh(eval(e, scratch, ctx)?, added)),
    }
}
