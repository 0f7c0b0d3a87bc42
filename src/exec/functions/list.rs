//! Functions on lists (and the ones shared with strings): `size`, `head`,
//! `last`, `tail`, `range`, `reverse`, `isEmpty`, `coalesce`.

use super::{int_arg, out_of_range, wrong_type};
use crate::error::Result;
use crate::store::Graph;
use crate::value::Value;

/// The longest list `range` builds; beyond it the query is surely a mistake
/// and would exhaust memory.
const MAX_RANGE: i128 = 10_000_000;

/// `size(x)`: the number of elements of a list or characters of a string.
pub(super) fn size(args: &[Value], _: &Graph) -> Result<Value> {
    match &args[0] {
        Value::String(s) => Ok(Value::Int(s.chars().count() as i64)),
        Value::List(items) => Ok(Value::Int(items.len() as i64)),
        v => Err(wrong_type("size", "a String or List", v)),
    }
}

fn list_arg<'a>(func: &str, v: &'a Value) -> Result<&'a [Value]> {
    match v {
        Value::List(items) => Ok(items),
        _ => Err(wrong_type(func, "a List", v)),
    }
}

/// `head(l)`: the first element, `null` for an empty list.
pub(super) fn head(args: &[Value], _: &Graph) -> Result<Value> {
    let items = list_arg("head", &args[0])?;
    Ok(items.first().cloned().unwrap_or(Value::Null))
}

/// `last(l)`: the last element, `null` for an empty list.
pub(super) fn last(args: &[Value], _: &Graph) -> Result<Value> {
    let items = list_arg("last", &args[0])?;
    Ok(items.last().cloned().unwrap_or(Value::Null))
}

/// `tail(l)`: all but the first element.
pub(super) fn tail(args: &[Value], _: &Graph) -> Result<Value> {
    let items = list_arg("tail", &args[0])?;
    Ok(Value::List(items.iter().skip(1).cloned().collect()))
}

/// `range(start, end[, step])`: the integers from `start` to `end`
/// inclusive, `step` apart.
pub(super) fn range(args: &[Value], _: &Graph) -> Result<Value> {
    let start = int_arg("range", &args[0])?;
    let end = int_arg("range", &args[1])?;
    let step = match args.get(2) {
        Some(v) => int_arg("range", v)?,
        None => 1,
    };
    if step == 0 {
        return Err(out_of_range("range() needs a step other than 0".into()));
    }
    let (start, end, step) = (i128::from(start), i128::from(end), i128::from(step));
    let count = if (step > 0 && end < start) || (step < 0 && end > start) {
        0
    } else {
        (end - start) / step + 1
    };
    if count > MAX_RANGE {
        return Err(out_of_range(format!(
            "range() would make {count} elements; at most {MAX_RANGE} are allowed"
        )));
    }
    crate::exec::ops::too_large(count as usize, crate::exec::ops::SLOT)?;
    // Each element lies between start and end, so it fits in an i64.
    Ok(Value::List(
        (0..count)
            .map(|i| Value::Int((start + i * step) as i64))
            .collect(),
    ))
}

/// `reverse(x)`: a list or string back to front.
pub(super) fn reverse(args: &[Value], _: &Graph) -> Result<Value> {
    match &args[0] {
        Value::String(s) => Ok(Value::from(s.chars().rev().collect::<String>())),
        Value::List(items) => Ok(Value::List(items.iter().rev().cloned().collect())),
        v => Err(wrong_type("reverse", "a String or List", v)),
    }
}

/// `isEmpty(x)`: whether a string, list or map has nothing in it.
pub(super) fn is_empty(args: &[Value], _: &Graph) -> Result<Value> {
    match &args[0] {
        Value::String(s) => Ok(Value::Bool(s.is_empty())),
        Value::List(items) => Ok(Value::Bool(items.is_empty())),
        Value::Map(map) => Ok(Value::Bool(map.is_empty())),
        v => Err(wrong_type("isEmpty", "a String, List or Map", v)),
    }
}

/// `coalesce(a, b, ...)`: the first argument that is not `null`.
pub(super) fn coalesce(args: &[Value], _: &Graph) -> Result<Value> {
    Ok(args
        .iter()
        .find(|v| !v.is_null())
        .cloned()
        .unwrap_or(Value::Null))
}
