//! Type conversions: `toString`, `toInteger`, `toFloat`, `toBoolean`, and
//! their `...OrNull` forms, which give `null` where the plain form fails.
//!
//! A string that does not parse converts to `null`; a value of a type that
//! cannot convert at all is a `TypeError` (`InvalidArgumentValue`), as the
//! TCK's TypeConversion features expect.

use super::{out_of_range, wrong_value};
use crate::error::Result;
use crate::store::Graph;
use crate::value::{Value, format_float};

/// `toString(x)`: a number, boolean or string as a string; a temporal
/// value in its ISO 8601 form (`'2015-07-21'`, `'P1DT2H'`).
pub(super) fn to_string(args: &[Value], _: &Graph) -> Result<Value> {
    match &args[0] {
        Value::String(s) => Ok(Value::String(s.clone())),
        Value::Int(i) => Ok(Value::from(i.to_string())),
        Value::Float(f) => Ok(Value::from(format_float(*f))),
        Value::Bool(b) => Ok(Value::from(b.to_string())),
        v => match v.temporal_text() {
            Some((_, text)) => Ok(Value::from(text)),
            None => Err(wrong_value(
                "toString",
                "a String, Integer, Float, Boolean or temporal value",
                v,
            )),
        },
    }
}

/// A float truncated toward zero, if it fits in an integer.
fn truncate(f: f64) -> Option<i64> {
    let t = f.trunc();
    // 2^63 is exactly representable; every float below it fits.
    let limit = -(i64::MIN as f64);
    (t.is_finite() && (-limit..limit).contains(&t)).then_some(t as i64)
}

/// `toInteger(x)`: floats truncate toward zero; strings parse as an
/// integer or else as a float (`'4.7'` → 4); `true` is 1, `false` 0.
pub(super) fn to_integer(args: &[Value], _: &Graph) -> Result<Value> {
    match &args[0] {
        Value::Int(i) => Ok(Value::Int(*i)),
        Value::Float(f) => truncate(*f).map(Value::Int).ok_or_else(|| {
            out_of_range(format!(
                "toInteger(): {} does not fit in an Integer",
                format_float(*f)
            ))
        }),
        Value::String(s) => {
            let s = s.trim();
            let parsed = s
                .parse::<i64>()
                .ok()
                .or_else(|| s.parse::<f64>().ok().and_then(truncate));
            Ok(parsed.map_or(Value::Null, Value::Int))
        }
        Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
        v => Err(wrong_value(
            "toInteger",
            "a String, Integer, Float or Boolean",
            v,
        )),
    }
}

/// `toFloat(x)`: integers widen; strings parse (`null` if they do not).
pub(super) fn to_float(args: &[Value], _: &Graph) -> Result<Value> {
    match &args[0] {
        Value::Float(f) => Ok(Value::Float(*f)),
        Value::Int(i) => Ok(Value::Float(*i as f64)),
        Value::String(s) => Ok(s.trim().parse::<f64>().map_or(Value::Null, Value::Float)),
        v => Err(wrong_value("toFloat", "a String, Integer or Float", v)),
    }
}

/// `toBoolean(x)`: `'true'`/`'false'` in any letter case (other strings
/// give `null`); an integer is `true` unless 0.
pub(super) fn to_boolean(args: &[Value], _: &Graph) -> Result<Value> {
    match &args[0] {
        Value::Bool(b) => Ok(Value::Bool(*b)),
        Value::String(s) => {
            let s = s.trim();
            Ok(if s.eq_ignore_ascii_case("true") {
                Value::Bool(true)
            } else if s.eq_ignore_ascii_case("false") {
                Value::Bool(false)
            } else {
                Value::Null
            })
        }
        Value::Int(i) => Ok(Value::Bool(*i != 0)),
        v => Err(wrong_value("toBoolean", "a String, Boolean or Integer", v)),
    }
}

fn or_null(result: Result<Value>) -> Result<Value> {
    Ok(result.unwrap_or(Value::Null))
}

/// `toStringOrNull(x)`
pub(super) fn to_string_or_null(args: &[Value], graph: &Graph) -> Result<Value> {
    or_null(to_string(args, graph))
}

/// `toIntegerOrNull(x)`
pub(super) fn to_integer_or_null(args: &[Value], graph: &Graph) -> Result<Value> {
    or_null(to_integer(args, graph))
}

/// `toFloatOrNull(x)`
pub(super) fn to_float_or_null(args: &[Value], graph: &Graph) -> Result<Value> {
    or_null(to_float(args, graph))
}

/// `toBooleanOrNull(x)`
pub(super) fn to_boolean_or_null(args: &[Value], graph: &Graph) -> Result<Value> {
    or_null(to_boolean(args, graph))
}

/// Converts each element of a list with `convert`, `null` for an element
/// it cannot convert (Neo4j's `toIntegerList` and the like).
fn each(func: &str, args: &[Value], graph: &Graph, convert: super::GraphBody) -> Result<Value> {
    match &args[0] {
        Value::List(items) => Ok(Value::List(
            items
                .iter()
                .map(|v| match v {
                    Value::Null => Value::Null,
                    v => convert(std::slice::from_ref(v), graph).unwrap_or(Value::Null),
                })
                .collect(),
        )),
        v => Err(super::wrong_type(func, "a List", v)),
    }
}

/// `toStringList(list)`
pub(super) fn to_string_list(args: &[Value], graph: &Graph) -> Result<Value> {
    each("toStringList", args, graph, to_string)
}

/// `toIntegerList(list)`
pub(super) fn to_integer_list(args: &[Value], graph: &Graph) -> Result<Value> {
    each("toIntegerList", args, graph, to_integer)
}

/// `toFloatList(list)`
pub(super) fn to_float_list(args: &[Value], graph: &Graph) -> Result<Value> {
    each("toFloatList", args, graph, to_float)
}

/// `toBooleanList(list)`
pub(super) fn to_boolean_list(args: &[Value], graph: &Graph) -> Result<Value> {
    each("toBooleanList", args, graph, to_boolean)
}
