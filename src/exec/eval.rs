//! Evaluates planned expressions against a row.

use super::row::{self, Row};
use super::{Ctx, build, functions, guard, ops};
use crate::error::{Error, ErrorKind, Result};
use crate::plan::Slot;
use crate::plan::logical::{BinaryOp, Expr, MapItem, PathPart, Quantifier};
use crate::store::{Graph, Properties};
use crate::value::{Path, Value};
use std::collections::BTreeMap;

/// The value of `e` for `row`.
pub fn eval(e: &Expr, row: &Row, ctx: &mut Ctx<'_>) -> Result<Value> {
    Ok(match e {
        Expr::Const(v) => v.clone(),
        Expr::Param(name) => match ctx.params.get(name) {
            Some(v) => v.clone(),
            None => {
                return Err(Error::runtime(
                    ErrorKind::ParameterMissing,
                    "MissingParameter",
                    format!("Expected parameter: ${name}"),
                ));
            }
        },
        Expr::Slot(s) => row::get(row, *s).clone(),
        Expr::List(items) => {
            let mut out = Vec::with_capacity(items.len());
            for i in items {
                out.push(eval(i, row, ctx)?);
            }
            Value::List(out)
        }
        Expr::Map(entries) => {
            let mut out = BTreeMap::new();
            for (k, v) in entries {
                out.insert(k.clone(), eval(v, row, ctx)?);
            }
            Value::Map(out)
        }
        // A variable's property is read in place: a map is not copied.
        Expr::Property(base, key) => match &**base {
            Expr::Slot(s) => property(row::get(row, *s), key, ctx.graph)?,
            _ => property(&eval(base, row, ctx)?, key, ctx.graph)?,
        },
        Expr::Index(base, index) => {
            let base = eval(base, row, ctx)?;
            let index = eval(index, row, ctx)?;
            index_value(&base, &index, ctx.graph)?
        }
        Expr::Slice(base, from, to) => {
            let base = eval(base, row, ctx)?;
            let from = match from {
                Some(f) => Some(eval(f, row, ctx)?),
                None => None,
            };
            let to = match to {
                Some(t) => Some(eval(t, row, ctx)?),
                None => None,
            };
            slice(&base, from, to)?
        }
        Expr::Not(a) => ops::not(&eval(a, row, ctx)?)?,
        Expr::Neg(a) => ops::neg(&eval(a, row, ctx)?)?,
        Expr::Binary(op, a, b) => binary(*op, a, b, row, ctx)?,
        Expr::IsNull(a, not) => Value::Bool(eval(a, row, ctx)?.is_null() != *not),
        Expr::HasLabels(a, labels) => match eval(a, row, ctx)? {
            Value::Null => Value::Null,
            Value::Node(id) => Value::Bool(labels.iter().all(|l| ctx.graph.node_has_label(id, l))),
            other => {
                return Err(Error::type_error(format!(
                    "label predicates need a node, got {}",
                    other.type_name()
                )));
            }
        },
        Expr::Function(name, args) => {
            if name == "+" {
                let v = eval(&args[0], row, ctx)?;
                return match v {
                    Value::Int(_) | Value::Float(_) | Value::Null => Ok(v),
                    other => Err(Error::type_error(format!(
                        "cannot apply unary + to {}",
                        other.type_name()
                    ))),
                };
            }
            let mut values = Vec::with_capacity(args.len());
            for a in args {
                values.push(eval(a, row, ctx)?);
            }
            functions::call(name, &values, ctx.graph)?
        }
        Expr::Case {
            operand,
            whens,
            else_,
        } => {
            let subject = match operand {
                Some(o) => Some(eval(o, row, ctx)?),
                None => None,
            };
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
            match else_ {
                Some(e) => eval(e, row, ctx)?,
                None => Value::Null,
            }
        }
        Expr::ListComprehension {
            slot,
            list,
            filter,
            map,
        } => {
            let items = match eval(list, row, ctx)? {
                Value::Null => return Ok(Value::Null),
                Value::List(items) => items,
                other => return Err(not_a_list(&other)),
            };
            let mut scratch = row.clone();
            let mut out = Vec::with_capacity(items.len());
            let mut size = 0usize;
            for item in items {
                guard::tick()?;
                row::set(&mut scratch, *slot, item);
                if let Some(f) = filter
                    && !matches!(eval(f, &scratch, ctx)?, Value::Bool(true))
                {
                    continue;
                }
                let v = match map {
                    Some(m) => eval(m, &scratch, ctx)?,
                    None => row::get(&scratch, *slot).clone(),
                };
                size = size.saturating_add(guard::value_size(&v));
                guard::ensure(size)?;
                out.push(v);
            }
            Value::List(out)
        }
        Expr::Quantifier {
            kind,
            slot,
            list,
            predicate,
        } => {
            let items = match eval(list, row, ctx)? {
                Value::Null => return Ok(Value::Null),
                Value::List(items) => items,
                other => return Err(not_a_list(&other)),
            };
            let mut scratch = row.clone();
            let (mut trues, mut nulls) = (0usize, 0usize);
            let n = items.len();
            for item in items {
                guard::tick()?;
                row::set(&mut scratch, *slot, item);
                match eval(predicate, &scratch, ctx)? {
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
            match kind {
                Quantifier::All => settle(falses > 0, false),
                Quantifier::Any => settle(trues > 0, true),
                Quantifier::None => settle(trues > 0, false),
                Quantifier::Single if trues > 1 => Value::Bool(false),
                Quantifier::Single => settle(false, trues != 1),
            }
        }
        Expr::Reduce {
            acc,
            init,
            slot,
            list,
            expr,
        } => reduce(*acc, init, *slot, list, expr, row, ctx)?,
        Expr::Subquery { plan, collect } => {
            let mut op = build(plan, row);
            match collect {
                None => Value::Bool(op.next(ctx)?.is_some()),
                Some(map) => {
                    let mut out = Vec::new();
                    let mut kept = guard::Reservation::new();
                    while let Some(r) = op.next(ctx)? {
                        let v = eval(map, &r, ctx)?;
                        kept.grow(guard::value_size(&v))?;
                        out.push(v);
                    }
                    Value::List(out)
                }
            }
        }
        Expr::Path(parts) => build_path(parts, row, ctx.graph)?,
        Expr::MapProjection(base, items) => {
            let base = eval(base, row, ctx)?;
            let props: Option<Properties> = match &base {
                Value::Null => return Ok(Value::Null),
                Value::Node(id) => ctx.graph.node_properties(*id).map(|p| p.to_map()),
                Value::Relationship(id) => ctx.graph.rel_properties(*id).map(|p| p.to_map()),
                Value::Map(m) => Some(m.clone()),
                other => {
                    return Err(Error::type_error(format!(
                        "a map projection needs a map, node or relationship, got {}",
                        other.type_name()
                    )));
                }
            };
            let props = props.unwrap_or_default();
            let mut out = BTreeMap::new();
            for item in items {
                match item {
                    MapItem::Property(k) => {
                        out.insert(k.clone(), props.get(k).cloned().unwrap_or(Value::Null));
                    }
                    MapItem::Entry(k, e) => {
                        out.insert(k.clone(), eval(e, row, ctx)?);
                    }
                    MapItem::All => {
                        for (k, v) in &props {
                            out.insert(k.clone(), v.clone());
                        }
                    }
                }
            }
            Value::Map(out)
        }
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
fn reduce(
    acc: Slot,
    init: &Expr,
    slot: Slot,
    list: &Expr,
    expr: &Expr,
    row: &Row,
    ctx: &mut Ctx<'_>,
) -> Result<Value> {
    let mut scratch = row.clone();
    let init = eval(init, row, ctx)?;
    row::set(&mut scratch, acc, init);
    let items = match eval(list, row, ctx)? {
        Value::Null => return Ok(Value::Null),
        Value::List(items) => items,
        other => return Err(not_a_list(&other)),
    };
    let moves = slot_reads(expr, acc) == 1;
    let mut nests = false;
    for (i, item) in items.into_iter().enumerate() {
        guard::tick()?;
        row::set(&mut scratch, slot, item);
        let next = if moves {
            eval_moving(expr, &mut scratch, acc, ctx)?
        } else {
            eval(expr, &scratch, ctx)?
        };
        // Nesting shows at the ends of a list (`[acc, x]`, `acc + [[x]]`).
        let nested = |v: Option<&Value>| matches!(v, Some(Value::List(_) | Value::Map(_)));
        nests |= match &next {
            Value::List(l) => nested(l.first()) || nested(l.last()),
            Value::Map(_) => true,
            _ => false,
        };
        let old = std::mem::replace(&mut scratch[acc], next);
        crate::value::drop_deep(old);
        if nests && i % 4096 == 4095 {
            check_nesting(&scratch[acc])?;
        }
    }
    let out = std::mem::replace(&mut scratch[acc], Value::Null);
    if nests {
        check_nesting(&out)?;
        guard::ensure(guard::value_size(&out))?;
    }
    Ok(out)
}

fn check_nesting(v: &Value) -> Result<()> {
    if crate::value::nesting_depth(v) > MAX_NESTING {
        return Err(Error::argument(
            "ValueTooLarge",
            format!("reduce() built lists nested more than {MAX_NESTING} deep"),
        ));
    }
    Ok(())
}

/// [`eval`] of an `expr` that reads `acc` once: the accumulator is taken
/// out of the row where the expression keeps it whole, else read as usual.
fn eval_moving(e: &Expr, scratch: &mut Row, acc: Slot, ctx: &mut Ctx<'_>) -> Result<Value> {
    if !reads_slot(e, acc) {
        return eval(e, scratch, ctx);
    }
    match e {
        Expr::Slot(s) if *s == acc => Ok(std::mem::replace(&mut scratch[acc], Value::Null)),
        Expr::List(items) => {
            let mut out = Vec::with_capacity(items.len());
            for i in items {
                out.push(eval_moving(i, scratch, acc, ctx)?);
            }
            Ok(Value::List(out))
        }
        Expr::Map(entries) => {
            let mut out = BTreeMap::new();
            for (k, v) in entries {
                out.insert(k.clone(), eval_moving(v, scratch, acc, ctx)?);
            }
            Ok(Value::Map(out))
        }
        Expr::Binary(BinaryOp::Add, a, b) => {
            let a = eval_moving(a, scratch, acc, ctx)?;
            let b = eval_moving(b, scratch, acc, ctx)?;
            ops::add_owned(a, b)
        }
        _ => eval(e, scratch, ctx),
    }
}

fn not_a_list(v: &Value) -> Error {
    Error::type_error(format!("expected a list, got {}", v.type_name()))
}

fn binary(op: BinaryOp, a: &Expr, b: &Expr, row: &Row, ctx: &mut Ctx<'_>) -> Result<Value> {
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
    use ops::CmpOp;
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
        BinaryOp::Add => ops::add(&a, &b)?,
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

/// `base.key` for a node, relationship, map or null.
pub fn property(base: &Value, key: &str, graph: &Graph) -> Result<Value> {
    Ok(match base {
        Value::Null => Value::Null,
        Value::Node(id) => {
            if graph.is_node_deleted(*id) {
                return Err(deleted_access());
            }
            graph.node_property(*id, key).unwrap_or(Value::Null)
        }
        Value::Relationship(id) => {
            if graph.is_rel_deleted(*id) {
                return Err(deleted_access());
            }
            graph.rel_property(*id, key).unwrap_or(Value::Null)
        }
        Value::Map(m) => m.get(key).cloned().unwrap_or(Value::Null),
        other => {
            return Err(Error::type_error(format!(
                "cannot read property `{key}` of {}",
                other.type_name()
            )));
        }
    })
}

/// The error for reading a deleted entity.
pub fn deleted_access() -> Error {
    Error::runtime(
        ErrorKind::EntityNotFound,
        "DeletedEntityAccess",
        "the entity was deleted in this transaction",
    )
}

fn index_value(base: &Value, index: &Value, graph: &Graph) -> Result<Value> {
    Ok(match (base, index) {
        (Value::Null, _) | (_, Value::Null) => Value::Null,
        (Value::List(items), Value::Int(i)) => {
            let n = items.len() as i64;
            let i = if *i < 0 { n + i } else { *i };
            if i < 0 || i >= n {
                Value::Null
            } else {
                items[i as usize].clone()
            }
        }
        (Value::List(_), other) => {
            return Err(Error::type_error(format!(
                "a list index must be an integer, got {}",
                other.type_name()
            )));
        }
        (Value::Map(_) | Value::Node(_) | Value::Relationship(_), Value::String(k)) => {
            property(base, k, graph)?
        }
        (Value::Map(_) | Value::Node(_) | Value::Relationship(_), other) => {
            return Err(Error::runtime(
                ErrorKind::TypeError,
                "MapElementAccessByNonString",
                format!("a map key must be a string, got {}", other.type_name()),
            ));
        }
        (other, _) => {
            return Err(Error::type_error(format!(
                "cannot index into {}",
                other.type_name()
            )));
        }
    })
}

fn slice(base: &Value, from: Option<Value>, to: Option<Value>) -> Result<Value> {
    let items = match base {
        Value::Null => return Ok(Value::Null),
        Value::List(items) => items,
        other => {
            return Err(Error::type_error(format!(
                "cannot slice {}",
                other.type_name()
            )));
        }
    };
    let n = items.len() as i64;
    let bound = |v: Option<Value>, default: i64| -> Result<Option<i64>> {
        match v {
            None => Ok(Some(default)),
            Some(Value::Null) => Ok(None),
            Some(Value::Int(i)) => Ok(Some(if i < 0 { (n + i).max(0) } else { i.min(n) })),
            Some(other) => Err(Error::type_error(format!(
                "a slice bound must be an integer, got {}",
                other.type_name()
            ))),
        }
    };
    let (Some(a), Some(b)) = (bound(from, 0)?, bound(to, n)?) else {
        return Ok(Value::Null);
    };
    if a >= b {
        return Ok(Value::List(vec![]));
    }
    Ok(Value::List(items[a as usize..b as usize].to_vec()))
}

/// Builds a path from the slots of a matched or created pattern.
pub fn build_path(parts: &[PathPart], row: &Row, graph: &Graph) -> Result<Value> {
    let mut nodes = Vec::new();
    let mut rels = Vec::new();
    for part in parts {
        match part {
            PathPart::Node(s) => match row::get(row, *s) {
                Value::Node(id) => {
                    if nodes.len() == rels.len() {
                        nodes.push(*id);
                    }
                }
                Value::Null => return Ok(Value::Null),
                other => {
                    return Err(Error::type_error(format!(
                        "a path needs nodes, got {}",
                        other.type_name()
                    )));
                }
            },
            PathPart::Rel(s) => {
                let list: Vec<u64> = match row::get(row, *s) {
                    Value::Relationship(id) => vec![*id],
                    Value::List(items) => items
                        .iter()
                        .filter_map(|v| {
                            if let Value::Relationship(id) = v {
                                Some(*id)
                            } else {
                                None
                            }
                        })
                        .collect(),
                    Value::Null => return Ok(Value::Null),
                    other => {
                        return Err(Error::type_error(format!(
                            "a path needs relationships, got {}",
                            other.type_name()
                        )));
                    }
                };
                for r in list {
                    let Some(&last) = nodes.last() else { break };
                    let Some((s, e)) = graph.rel_endpoints(r) else {
                        continue;
                    };
                    let next = if s == last { e } else { s };
                    rels.push(r);
                    nodes.push(next);
                }
            }
        }
    }
    Ok(Value::Path(Box::new(Path { nodes, rels })))
}
