//! Evaluates planned expressions against a row.
//!
//! [`eval`] is the inner loop of every query. It answers constants,
//! variables and a variable's property in its own `match` and hands every
//! other construct to a function of its own, by kind:
//!
//! - this file: parameters, list and map literals, function calls, `CASE`
//!   and subqueries (`exists`, pattern comprehensions);
//! - `access.rs`: `x.key`, `x[i]`, `x[a..b]`, `n:Label` and map projections,
//!   which read an entity through [`crate::exec::live`];
//! - `operators.rs`: binary operators and chains of them, short-circuiting
//!   `AND`/`OR` and appending in place for `+`; the operators themselves
//!   are in [`crate::exec::ops`];
//! - `lists.rs`: list comprehensions, quantifiers and `reduce`;
//! - `path.rs`: paths built from the slots of a pattern.

mod access;
mod lists;
mod operators;
mod path;
#[cfg(test)]
mod tests;

pub(crate) use path::build_path;

use super::row::{self, Row};
use super::{Ctx, build, functions, guard, ops};
use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use crate::plan::Op;
use crate::plan::logical::{Expr, SubqueryAnswer};
use crate::value::Value;
use std::collections::BTreeMap;

/// The value of `e` for `row`.
pub(crate) fn eval(e: &Expr, row: &Row, ctx: &mut Ctx<'_>) -> Result<Value> {
    Ok(match e {
        Expr::Const(v) => v.clone(),
        Expr::Param(name) => param(name, ctx)?,
        Expr::Slot(s) => row::get(row, *s).clone(),
        Expr::List(items) => Value::List(eval_all(items, row, ctx)?),
        Expr::Map(entries) => {
            let mut out = BTreeMap::new();
            for (k, v) in entries {
                out.insert(k.clone(), eval(v, row, ctx)?);
            }
            Value::Map(out)
        }
        // A variable's property is read in place: a map is not copied.
        Expr::Property(base, key) => match &**base {
            Expr::Slot(s) => access::property(row::get(row, *s), key, &ctx.graph)?,
            _ => access::property(&eval(base, row, ctx)?, key, &ctx.graph)?,
        },
        Expr::Index(base, index) => access::index(base, index, row, ctx)?,
        Expr::Slice(base, from, to) => access::slice(base, from, to, row, ctx)?,
        Expr::HasLabels(a, labels) => access::has_labels(&eval(a, row, ctx)?, labels, &ctx.graph)?,
        Expr::MapProjection(base, items) => access::map_projection(base, items, row, ctx)?,
        Expr::Not(a) => ops::not(&eval(a, row, ctx)?)?,
        Expr::Neg(a) => ops::neg(&eval(a, row, ctx)?)?,
        Expr::Binary(op, a, b) => operators::binary(*op, a, b, row, ctx)?,
        Expr::Chain(first, rest) => operators::chain(first, rest, row, ctx)?,
        Expr::IsNull(a, not) => Value::Bool(eval(a, row, ctx)?.is_null() != *not),
        Expr::Function(name, args) => function(name, args, row, ctx)?,
        Expr::Case {
            operand,
            whens,
            else_,
        } => case(operand, whens, else_, row, ctx)?,
        Expr::ListComprehension {
            slot,
            list,
            filter,
            map,
        } => lists::comprehension(*slot, list, filter, map, row, ctx)?,
        Expr::Quantifier {
            kind,
            slot,
            list,
            predicate,
        } => lists::quantifier(*kind, *slot, list, predicate, row, ctx)?,
        Expr::Reduce {
            acc,
            init,
            slot,
            list,
            expr,
        } => lists::reduce(*acc, init, *slot, list, expr, row, ctx)?,
        Expr::Subquery { plan, answer } => subquery(plan, answer, row, ctx)?,
        Expr::Path(parts) => build_path(parts, row, &ctx.graph)?,
    })
}

/// The values of `items`, in order.
fn eval_all(items: &[Expr], row: &Row, ctx: &mut Ctx<'_>) -> Result<Vec<Value>> {
    let mut out = Vec::with_capacity(items.len());
    for i in items {
        out.push(eval(i, row, ctx)?);
    }
    Ok(out)
}

/// The value of an optional expression: `None` when it is left out.
fn eval_opt(e: &Option<Box<Expr>>, row: &Row, ctx: &mut Ctx<'_>) -> Result<Option<Value>> {
    match e {
        Some(e) => eval(e, row, ctx).map(Some),
        None => Ok(None),
    }
}

/// `$name`
fn param(name: &str, ctx: &Ctx<'_>) -> Result<Value> {
    match ctx.params.get(name) {
        Some(v) => Ok(v.clone()),
        None => Err(Error::runtime(
            ErrorKind::ParameterMissing,
            Detail::MissingParameter,
            format!("Expected parameter: ${name}"),
        )),
    }
}

/// `name(args)`: unary `+` (planned as the function `+`) or a scalar
/// function of [`functions`].
fn function(name: &str, args: &[Expr], row: &Row, ctx: &mut Ctx<'_>) -> Result<Value> {
    if name == "+" {
        return match eval(&args[0], row, ctx)? {
            v @ (Value::Int(_) | Value::Float(_) | Value::Null) => Ok(v),
            other => Err(Error::type_error(format!(
                "cannot apply unary + to {}",
                other.type_name()
            ))),
        };
    }
    let values = eval_all(args, row, ctx)?;
    functions::call(name, &values, &ctx.graph, &ctx.clock, &ctx.history)
}

/// `CASE [operand] WHEN w THEN t ... [ELSE e] END`: the first `THEN` whose
/// `WHEN` equals the operand (or, without one, is true).
fn case(
    operand: &Option<Box<Expr>>,
    whens: &[(Expr, Expr)],
    else_: &Option<Box<Expr>>,
    row: &Row,
    ctx: &mut Ctx<'_>,
) -> Result<Value> {
    let subject = eval_opt(operand, row, ctx)?;
    for (w, t) in whens {
        let w = eval(w, row, ctx)?;
        let hit = match &subject {
            Some(s) => s.cypher_eq(&w) == Some(true),
            None => matches!(w, Value::Bool(true)),
        };
        if hit {
            return eval(t, row, ctx);
        }
    }
    Ok(eval_opt(else_, row, ctx)?.unwrap_or(Value::Null))
}

/// A subquery run for `row`: whether it has a row (`EXISTS`, a pattern
/// predicate), or the list of `collect` over its rows (a pattern
/// comprehension).
fn subquery(plan: &Op, answer: &SubqueryAnswer, row: &Row, ctx: &mut Ctx<'_>) -> Result<Value> {
    let mut op = build(plan, row);
    let map = match answer {
        SubqueryAnswer::Exists => return Ok(Value::Bool(op.next(ctx)?.is_some())),
        SubqueryAnswer::Count => {
            let mut n = 0i64;
            while op.next(ctx)?.is_some() {
                n += 1;
            }
            return Ok(Value::Int(n));
        }
        SubqueryAnswer::Collect(map) => map,
    };
    let mut out = Vec::new();
    let mut kept = guard::Reservation::new();
    while let Some(r) = op.next(ctx)? {
        let v = eval(map, &r, ctx)?;
        kept.grow(guard::value_size(&v))?;
        out.push(v);
    }
    Ok(Value::List(out))
}
