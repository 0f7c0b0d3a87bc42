//! Arithmetic and string/list operators on values (temporary stub until the functions branch lands).

use crate::error::{Error, Result};
use crate::value::Value;
use std::cmp::Ordering;

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `=`
    Eq,
    /// `<>`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

/// `a op b` for comparisons.
pub fn compare(op: CmpOp, a: &Value, b: &Value) -> Value {
    match op {
        CmpOp::Eq => a.cypher_eq(b).map_or(Value::Null, Value::Bool),
        CmpOp::Ne => a.cypher_eq(b).map_or(Value::Null, |x| Value::Bool(!x)),
        _ => match a.cypher_cmp(b) {
            None => Value::Null,
            Some(o) => Value::Bool(match op {
                CmpOp::Lt => o == Ordering::Less,
                CmpOp::Le => o != Ordering::Greater,
                CmpOp::Gt => o == Ordering::Greater,
                _ => o != Ordering::Less,
            }),
        },
    }
}

fn num(a: &Value, b: &Value, i: fn(i64, i64) -> Option<i64>, f: fn(f64, f64) -> f64) -> Result<Value> {
    Ok(match (a, b) {
        (Value::Null, _) | (_, Value::Null) => Value::Null,
        (Value::Int(x), Value::Int(y)) => Value::Int(i(*x, *y).ok_or_else(|| Error::argument("IntegerOverflow", "integer overflow"))?),
        (Value::Int(x), Value::Float(y)) => Value::Float(f(*x as f64, *y)),
        (Value::Float(x), Value::Int(y)) => Value::Float(f(*x, *y as f64)),
        (Value::Float(x), Value::Float(y)) => Value::Float(f(*x, *y)),
        _ => return Err(Error::type_error(format!("cannot combine {} and {}", a.type_name(), b.type_name()))),
    })
}

/// `a + b`
pub fn add(a: &Value, b: &Value) -> Result<Value> {
    match (a, b) {
        (Value::String(x), Value::String(y)) => Ok(Value::string(format!("{x}{y}"))),
        (Value::List(x), Value::List(y)) => Ok(Value::List(x.iter().chain(y).cloned().collect())),
        _ => num(a, b, i64::checked_add, |x, y| x + y),
    }
}
/// `a - b`
pub fn sub(a: &Value, b: &Value) -> Result<Value> {
    num(a, b, i64::checked_sub, |x, y| x - y)
}
/// `a * b`
pub fn mul(a: &Value, b: &Value) -> Result<Value> {
    num(a, b, i64::checked_mul, |x, y| x * y)
}
/// `a / b`
pub fn div(a: &Value, b: &Value) -> Result<Value> {
    num(a, b, i64::checked_div, |x, y| x / y)
}
/// `a % b`
pub fn rem(a: &Value, b: &Value) -> Result<Value> {
    num(a, b, i64::checked_rem, |x, y| x % y)
}
/// `a ^ b`
pub fn pow(a: &Value, b: &Value) -> Result<Value> {
    num(a, b, |x, y| Some((x as f64).powf(y as f64) as i64), f64::powf)
}
/// `-a`
pub fn neg(a: &Value) -> Result<Value> {
    sub(&Value::Int(0), a)
}
fn truth(v: &Value) -> Result<Option<bool>> {
    match v {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(*b)),
        _ => Err(Error::type_error("expected a boolean")),
    }
}
fn tv(x: Option<bool>) -> Value {
    x.map_or(Value::Null, Value::Bool)
}
/// `a AND b`
pub fn and(a: &Value, b: &Value) -> Result<Value> {
    Ok(tv(match (truth(a)?, truth(b)?) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }))
}
/// `a OR b`
pub fn or(a: &Value, b: &Value) -> Result<Value> {
    Ok(tv(match (truth(a)?, truth(b)?) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }))
}
/// `a XOR b`
pub fn xor(a: &Value, b: &Value) -> Result<Value> {
    Ok(tv(match (truth(a)?, truth(b)?) {
        (Some(x), Some(y)) => Some(x != y),
        _ => None,
    }))
}
/// `NOT a`
pub fn not(a: &Value) -> Result<Value> {
    Ok(tv(truth(a)?.map(|x| !x)))
}
/// `x IN list`
pub fn in_list(x: &Value, list: &Value) -> Result<Value> {
    match list {
        Value::Null => Ok(Value::Null),
        Value::List(items) => {
            let mut null = false;
            for i in items {
                match x.cypher_eq(i) {
                    Some(true) => return Ok(Value::Bool(true)),
                    None => null = true,
                    _ => {}
                }
            }
            Ok(if null { Value::Null } else { Value::Bool(false) })
        }
        _ => Err(Error::type_error("IN needs a list")),
    }
}
fn strs(a: &Value, b: &Value, f: fn(&str, &str) -> bool) -> Value {
    match (a, b) {
        (Value::String(x), Value::String(y)) => Value::Bool(f(x, y)),
        _ => Value::Null,
    }
}
/// `a STARTS WITH b`
pub fn starts_with(a: &Value, b: &Value) -> Value {
    strs(a, b, |x, y| x.starts_with(y))
}
/// `a ENDS WITH b`
pub fn ends_with(a: &Value, b: &Value) -> Value {
    strs(a, b, |x, y| x.ends_with(y))
}
/// `a CONTAINS b`
pub fn contains(a: &Value, b: &Value) -> Value {
    strs(a, b, |x, y| x.contains(y))
}
/// `a =~ b`
pub fn regex_match(a: &Value, b: &Value) -> Result<Value> {
    match (a, b) {
        (Value::String(x), Value::String(y)) => {
            let re = regex::Regex::new(&format!("^(?:{y})$")).map_err(|e| Error::argument("InvalidArgumentValue", e.to_string()))?;
            Ok(Value::Bool(re.is_match(x)))
        }
        _ => Ok(Value::Null),
    }
}
