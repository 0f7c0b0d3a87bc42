//! Binary operators in expressions: `a op b` and chains `a op b op c ...`,
//! evaluated left to right. The operators on values are in
//! [`crate::exec::ops`]; here is what needs the expressions: comparing two
//! entities of the row without copying them, short-circuiting `AND`/`OR`,
//! and growing a string or list in place along a chain of `+`.

use super::eval;
use crate::error::Result;
use crate::exec::Ctx;
use crate::exec::ops::{self, CmpOp};
use crate::exec::row::{self, Row};
use crate::plan::logical::{BinaryOp, Expr};
use crate::value::Value;

/// `a op b`.
pub(super) fn binary(
    op: BinaryOp,
    a: &Expr,
    b: &Expr,
    row: &Row,
    ctx: &mut Ctx<'_>,
) -> Result<Value> {
    // Two entities compared for (in)equality, as in `WHERE x <> n`: by id,
    // without copying them out of the row.
    if let (BinaryOp::Eq | BinaryOp::Ne, Expr::Slot(x), Expr::Slot(y)) = (op, a, b) {
        let same = match (row::get(row, *x), row::get(row, *y)) {
            (Value::Node(p), Value::Node(q)) => Some(p == q),
            (Value::Relationship(p), Value::Relationship(q)) => Some(p == q),
            _ => None,
        };
        if let Some(same) = same {
            return Ok(Value::Bool(same == (op == BinaryOp::Eq)));
        }
    }
    let a = eval(a, row, ctx)?;
    apply(op, a, b, row, ctx)
}

/// `first op x op y ...`, left to right, in a loop. A string built by `+`
/// grows in place, and so does a list (`add_owned`), so a long chain of
/// `+` takes linear time.
pub(super) fn chain(
    first: &Expr,
    rest: &[(BinaryOp, Expr)],
    row: &Row,
    ctx: &mut Ctx<'_>,
) -> Result<Value> {
    let mut acc = eval(first, row, ctx)?;
    // The string `acc` stands for while `+` appends to it.
    let mut text: Option<String> = None;
    for (op, x) in rest {
        if *op == BinaryOp::Add {
            if let Value::String(s) = &acc {
                text = Some(s.to_string());
                acc = Value::Null;
            }
            if let Some(t) = &mut text {
                let b = eval(x, row, ctx)?;
                if ops::push_text(t, &b)? {
                    continue;
                }
                acc = ops::add(&Value::from(std::mem::take(t)), &b)?;
                text = None;
                continue;
            }
        }
        if let Some(t) = text.take() {
            acc = Value::from(t);
        }
        acc = apply(*op, acc, x, row, ctx)?;
    }
    Ok(match text {
        Some(t) => Value::from(t),
        None => acc,
    })
}

/// `a op b`, with `a` already evaluated.
fn apply(op: BinaryOp, a: Value, b: &Expr, row: &Row, ctx: &mut Ctx<'_>) -> Result<Value> {
    // Short-circuit where the answer is already known and the other side
    // cannot change it (errors on the right side are still Cypher errors,
    // but a false AND must not evaluate a pattern subquery needlessly).
    match (op, &a) {
        (BinaryOp::And, Value::Bool(false)) => {
            let b = eval(b, row, ctx)?;
            return ops::and(&a, &b);
        }
        (BinaryOp::Or, Value::Bool(true)) => {
            let b = eval(b, row, ctx)?;
            return ops::or(&a, &b);
        }
        _ => {}
    }
    let b = eval(b, row, ctx)?;
    Ok(match op {
        BinaryOp::Or => ops::or(&a, &b)?,
        BinaryOp::Xor => ops::xor(&a, &b)?,
        BinaryOp::And => ops::and(&a, &b)?,
        BinaryOp::Eq => ops::compare(CmpOp::Eq, &a, &b),
        BinaryOp::Ne => ops::compare(CmpOp::Ne, &a, &b),
        BinaryOp::Lt => ops::compare(CmpOp::Lt, &a, &b),
        BinaryOp::Le => ops::compare(CmpOp::Le, &a, &b),
        BinaryOp::Gt => ops::compare(CmpOp::Gt, &a, &b),
        BinaryOp::Ge => ops::compare(CmpOp::Ge, &a, &b),
        BinaryOp::Add => ops::add_owned(a, b)?,
        BinaryOp::Sub => ops::sub(&a, &b)?,
        BinaryOp::Mul => ops::mul(&a, &b)?,
        BinaryOp::Div => ops::div(&a, &b)?,
        BinaryOp::Mod => ops::rem(&a, &b)?,
        BinaryOp::Pow => ops::pow(&a, &b)?,
        BinaryOp::In => ops::in_list(&a, &b)?,
        BinaryOp::StartsWith => ops::starts_with(&a, &b),
        BinaryOp::EndsWith => ops::ends_with(&a, &b),
        BinaryOp::Contains => ops::contains(&a, &b),
        BinaryOp::Regex => ops::regex_match(&a, &b)?,
    })
}
