//! Reading into a value: `x.key`, `x[i]`, `x[a..b]`, `n:Label` and map
//! projections `x {.key, k: e, .*}`. A node's or relationship's data is
//! read through [`live`], so a deleted one is an error everywhere alike.

use super::{eval, eval_opt};
use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use crate::exec::Ctx;
use crate::exec::live;
use crate::exec::row::Row;
use crate::plan::logical::{Expr, MapItem};
use crate::store::{Graph, Properties};
use crate::value::Value;
use crate::value::temporal::fields;
use std::collections::BTreeMap;

/// `base.key` for a node, relationship, map, temporal value or null.
#[inline]
pub(super) fn property(base: &Value, key: &str, graph: &Graph) -> Result<Value> {
    Ok(match base {
        Value::Null => Value::Null,
        Value::Node(id) => graph
            .node_property(live::node(graph, *id)?, key)
            .unwrap_or(Value::Null),
        Value::Relationship(id) => graph
            .rel_property(live::rel(graph, *id)?, key)
            .unwrap_or(Value::Null),
        Value::Map(m) => m.get(key).cloned().unwrap_or(Value::Null),
        other if other.is_temporal() => match fields::field(other, key) {
            Some(found) => found?,
            None => Value::Null,
        },
        other => {
            return Err(Error::type_error(format!(
                "cannot read property `{key}` of {}",
                other.type_name()
            )));
        }
    })
}

/// `base[index]`: a list element (negative counts from the end, `null`
/// outside), a map entry or an entity property by a string key.
pub(super) fn index(base: &Expr, index: &Expr, row: &Row, ctx: &mut Ctx<'_>) -> Result<Value> {
    let base = eval(base, row, ctx)?;
    let index = eval(index, row, ctx)?;
    Ok(match (&base, &index) {
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
            property(&base, k, &ctx.graph)?
        }
        (Value::Map(_) | Value::Node(_) | Value::Relationship(_), other) => {
            return Err(Error::runtime(
                ErrorKind::TypeError,
                Detail::MapElementAccessByNonString,
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

/// `base[from..to]`: a bound left out is the list's start or end; negative
/// bounds count from the end; bounds outside the list are clamped; a
/// `null` bound gives `null`.
pub(super) fn slice(
    base: &Expr,
    from: &Option<Box<Expr>>,
    to: &Option<Box<Expr>>,
    row: &Row,
    ctx: &mut Ctx<'_>,
) -> Result<Value> {
    let base = eval(base, row, ctx)?;
    let from = eval_opt(from, row, ctx)?;
    let to = eval_opt(to, row, ctx)?;
    let items = match &base {
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

/// `node:A:B`: whether the node has every label.
pub(super) fn has_labels(v: &Value, labels: &[String], graph: &Graph) -> Result<Value> {
    match v {
        Value::Null => Ok(Value::Null),
        Value::Node(id) => {
            let id = live::node(graph, *id)?;
            Ok(Value::Bool(
                labels.iter().all(|l| graph.node_has_label(id, l)),
            ))
        }
        other => Err(Error::type_error(format!(
            "label predicates need a node, got {}",
            other.type_name()
        ))),
    }
}

/// `base {.key, key: e, .*}` for a map, node or relationship.
pub(super) fn map_projection(
    base: &Expr,
    items: &[MapItem],
    row: &Row,
    ctx: &mut Ctx<'_>,
) -> Result<Value> {
    let base = eval(base, row, ctx)?;
    let props: Properties = match (&base, live::entity(&ctx.graph, &base)?) {
        (Value::Null, _) => return Ok(Value::Null),
        (Value::Map(m), _) => m.clone(),
        (_, Some(entity)) => entity
            .properties(&ctx.graph)
            .map(|p| p.to_map())
            .unwrap_or_default(),
        (other, None) => {
            return Err(Error::type_error(format!(
                "a map projection needs a map, node or relationship, got {}",
                other.type_name()
            )));
        }
    };
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
    Ok(Value::Map(out))
}
