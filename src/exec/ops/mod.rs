//! Operators on values: arithmetic (`+ - * / % ^`, unary `-`), comparison,
//! three-valued logic, `IN`, string predicates and `=~`. Element access
//! (`x.key`, `x[i]`, `x[a..b]`) needs the graph and is the evaluator's
//! (`eval/access.rs`).
//!
//! Every operator takes evaluated operands; the evaluator decides what to
//! evaluate (and may short-circuit `AND`/`OR` itself). `null` in gives `null`
//! out unless Cypher says otherwise; a wrong type is a `TypeError`
//! (`InvalidArgumentType`), integer overflow and integer division by zero
//! are `ArgumentError`s (`IntegerOverflow`, `DivisionByZero`).

use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use crate::value::temporal::arith;
use crate::value::{Value, format_float};
use regex::Regex;
use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::HashMap;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CmpOp {
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

fn overflow(a: &Value, op: &str, b: &Value) -> Error {
    Error::runtime(
        ErrorKind::ArgumentError,
        Detail::IntegerOverflow,
        format!("integer overflow: {a} {op} {b} does not fit in 64 bits"),
    )
}

fn division_by_zero(a: &Value, op: &str, b: &Value) -> Error {
    Error::runtime(
        ErrorKind::ArgumentError,
        Detail::DivisionByZero,
        format!("division by zero: {a} {op} {b}"),
    )
}

fn cannot(verb: &str, a: &Value, b: &Value) -> Error {
    Error::type_error(format!(
        "Cannot {verb} {} and {}",
        a.type_name(),
        b.type_name()
    ))
}

/// The operands as floats, when both are numbers and at least one is a float.
fn floats(a: &Value, b: &Value) -> Option<(f64, f64)> {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => Some((*x, *y)),
        (Value::Int(x), Value::Float(y)) => Some((*x as f64, *y)),
        (Value::Float(x), Value::Int(y)) => Some((*x, *y as f64)),
        _ => None,
    }
}

/// The text a scalar contributes to a string concatenation.
fn concat_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.to_string()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(format_float(*f)),
        _ => None,
    }
}

/// The most elements (or bytes, for a string) a value built by `+` may
/// have: beyond it the answer is an error, not an exhausted memory.
const MAX_VALUE_LEN: usize = 1 << 28;

/// Fails when a value of `len` elements (or bytes, for a string) of
/// `each` bytes is too large to build: longer than [`MAX_VALUE_LEN`], or
/// more than the statement's memory budget has left.
pub(crate) fn too_large(len: usize, each: usize) -> Result<()> {
    if len > MAX_VALUE_LEN {
        return Err(Error::argument(
            Detail::ValueTooLarge,
            format!("the result would have {len} elements; at most {MAX_VALUE_LEN} are allowed"),
        ));
    }
    super::guard::ensure(len.saturating_mul(each))
}

/// The bytes of one element of a list.
pub(crate) const SLOT: usize = std::mem::size_of::<Value>();

/// `a + b` for an `a` the caller gives up: a list or string grows in
/// place (amortised O(1) per step in `reduce`); everything else is [`add`].
pub(crate) fn add_owned(a: Value, b: Value) -> Result<Value> {
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => Ok(Value::Null),
        (Value::List(mut x), Value::List(y)) => {
            too_large(x.len() + y.len(), SLOT)?;
            x.extend(y);
            Ok(Value::List(x))
        }
        (Value::List(mut x), b) => {
            too_large(x.len() + 1, SLOT)?;
            x.push(b);
            Ok(Value::List(x))
        }
        (a, b) => add(&a, &b),
    }
}

/// `text + b` for a string `text`, growing it in place (a chain of `+`
/// builds its string in linear time); false, `text` untouched, when `b`
/// is not a string or a number.
pub(crate) fn push_text(text: &mut String, b: &Value) -> Result<bool> {
    let len = text.len();
    match b {
        Value::String(s) => {
            too_large(len + s.len(), 1)?;
            text.push_str(s);
        }
        Value::Int(i) => text.push_str(&i.to_string()),
        Value::Float(f) => text.push_str(&format_float(*f)),
        _ => return Ok(false),
    }
    too_large(text.len(), 1)?;
    Ok(true)
}

/// `a + b`: numbers add; a string and a string or number
/// concatenate (`'a' + 1` is `'a1'`); two lists concatenate; a list and
/// another value append or prepend it.
pub(crate) fn add(a: &Value, b: &Value) -> Result<Value> {
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => Ok(Value::Null),
        (Value::Int(x), Value::Int(y)) => x
            .checked_add(*y)
            .map(Value::Int)
            .ok_or_else(|| overflow(a, "+", b)),
        (Value::List(x), Value::List(y)) => {
            too_large(x.len() + y.len(), SLOT)?;
            Ok(Value::List(x.iter().chain(y).cloned().collect()))
        }
        (Value::List(x), _) => {
            too_large(x.len() + 1, SLOT)?;
            let mut out = x.clone();
            out.push(b.clone());
            Ok(Value::List(out))
        }
        (_, Value::List(y)) => {
            too_large(y.len() + 1, SLOT)?;
            let mut out = Vec::with_capacity(y.len() + 1);
            out.push(a.clone());
            out.extend(y.iter().cloned());
            Ok(Value::List(out))
        }
        (Value::Duration(_), _) | (_, Value::Duration(_)) => temporal_add(a, b, false),
        (Value::String(_), _) | (_, Value::String(_)) => match (concat_text(a), concat_text(b)) {
            (Some(x), Some(y)) => {
                too_large(x.len() + y.len(), 1)?;
                Ok(Value::from(x + &y))
            }
            _ => Err(cannot("add", a, b)),
        },
        _ => floats(a, b)
            .map(|(x, y)| Value::Float(x + y))
            .ok_or_else(|| cannot("add", a, b)),
    }
}

/// `a + b` (`negate`: `a - b`) where one side is a duration: an instant
/// or time of day moved by it (either order for `+`), or two durations
/// added or subtracted part by part.
fn temporal_add(a: &Value, b: &Value, negate: bool) -> Result<Value> {
    let verb = if negate { "subtract" } else { "add" };
    match (a, b) {
        (Value::Duration(x), Value::Duration(y)) => {
            Ok(Value::Duration(arith::add_durations(x, y, negate)?))
        }
        (t, Value::Duration(d)) => {
            arith::shift(t, d, negate).unwrap_or_else(|| Err(cannot(verb, a, b)))
        }
        (Value::Duration(d), t) if !negate => {
            arith::shift(t, d, false).unwrap_or_else(|| Err(cannot(verb, a, b)))
        }
        _ => Err(cannot(verb, a, b)),
    }
}

/// `a - b` on numbers, or a duration from an instant or another duration.
pub(crate) fn sub(a: &Value, b: &Value) -> Result<Value> {
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => Ok(Value::Null),
        (Value::Int(x), Value::Int(y)) => x
            .checked_sub(*y)
            .map(Value::Int)
            .ok_or_else(|| overflow(a, "-", b)),
        (_, Value::Duration(_)) => temporal_add(a, b, true),
        _ => floats(a, b)
            .map(|(x, y)| Value::Float(x - y))
            .ok_or_else(|| cannot("subtract", a, b)),
    }
}

/// `a * b` on numbers, or a duration times a number.
pub(crate) fn mul(a: &Value, b: &Value) -> Result<Value> {
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => Ok(Value::Null),
        (Value::Int(x), Value::Int(y)) => x
            .checked_mul(*y)
            .map(Value::Int)
            .ok_or_else(|| overflow(a, "*", b)),
        (Value::Duration(d), Value::Int(k)) | (Value::Int(k), Value::Duration(d)) => {
            Ok(Value::Duration(arith::mul_int(d, *k)?))
        }
        (Value::Duration(d), Value::Float(f)) | (Value::Float(f), Value::Duration(d)) => {
            Ok(Value::Duration(arith::mul_float(d, *f)?))
        }
        _ => floats(a, b)
            .map(|(x, y)| Value::Float(x * y))
            .ok_or_else(|| cannot("multiply", a, b)),
    }
}

/// `a / b` on numbers: integers divide truncating toward zero (dividing by
/// integer zero is an error); with a float the result is a float, and
/// dividing by zero gives an infinity or NaN. A duration divides by a
/// number.
pub(crate) fn div(a: &Value, b: &Value) -> Result<Value> {
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => Ok(Value::Null),
        (Value::Int(_), Value::Int(0)) => Err(division_by_zero(a, "/", b)),
        (Value::Int(x), Value::Int(y)) => x
            .checked_div(*y)
            .map(Value::Int)
            .ok_or_else(|| overflow(a, "/", b)),
        (Value::Duration(d), Value::Int(k)) => Ok(Value::Duration(arith::div(d, *k as f64)?)),
        (Value::Duration(d), Value::Float(f)) => Ok(Value::Duration(arith::div(d, *f)?)),
        _ => floats(a, b)
            .map(|(x, y)| Value::Float(x / y))
            .ok_or_else(|| cannot("divide", a, b)),
    }
}

/// `a % b` on numbers: the remainder takes the sign of `a`, as in Java.
pub(crate) fn rem(a: &Value, b: &Value) -> Result<Value> {
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => Ok(Value::Null),
        (Value::Int(_), Value::Int(0)) => Err(division_by_zero(a, "%", b)),
        // `i64::MIN % -1` overflows in Rust but is 0 in arithmetic.
        (Value::Int(_), Value::Int(-1)) => Ok(Value::Int(0)),
        (Value::Int(x), Value::Int(y)) => Ok(Value::Int(x % y)),
        _ => floats(a, b)
            .map(|(x, y)| Value::Float(x % y))
            .ok_or_else(|| cannot("take the remainder of", a, b)),
    }
}

/// `a ^ b` on numbers: always a float.
pub(crate) fn pow(a: &Value, b: &Value) -> Result<Value> {
    match (a, b) {
        (Value::Null, _) | (_, Value::Null) => Ok(Value::Null),
        (Value::Int(x), Value::Int(y)) => Ok(Value::Float((*x as f64).powf(*y as f64))),
        _ => floats(a, b)
            .map(|(x, y)| Value::Float(x.powf(y)))
            .ok_or_else(|| cannot("raise", a, b)),
    }
}

/// Unary `-a` on a number.
pub(crate) fn neg(a: &Value) -> Result<Value> {
    match a {
        Value::Null => Ok(Value::Null),
        Value::Int(x) => x.checked_neg().map(Value::Int).ok_or_else(|| {
            Error::runtime(
                ErrorKind::ArgumentError,
                Detail::IntegerOverflow,
                format!("integer overflow: -({x}) does not fit in 64 bits"),
            )
        }),
        Value::Float(x) => Ok(Value::Float(-x)),
        _ => Err(Error::type_error(format!(
            "Cannot negate {}",
            a.type_name()
        ))),
    }
}

fn is_nan(v: &Value) -> bool {
    matches!(v, Value::Float(f) if f.is_nan())
}

fn is_number(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Float(_))
}

/// `a = b`, `a <> b`, `a < b`, ...: `true`, `false` or `null`. Values of
/// types that do not compare give `null`; a NaN compared with a number
/// gives `false` (and `true` for `<>`).
pub(crate) fn compare(op: CmpOp, a: &Value, b: &Value) -> Value {
    let answer = match op {
        CmpOp::Eq => a.cypher_eq(b),
        CmpOp::Ne => a.cypher_eq(b).map(|eq| !eq),
        _ if (is_nan(a) || is_nan(b)) && is_number(a) && is_number(b) => Some(false),
        CmpOp::Lt => a.cypher_cmp(b).map(|o| o == Ordering::Less),
        CmpOp::Le => a.cypher_cmp(b).map(|o| o != Ordering::Greater),
        CmpOp::Gt => a.cypher_cmp(b).map(|o| o == Ordering::Greater),
        CmpOp::Ge => a.cypher_cmp(b).map(|o| o != Ordering::Less),
    };
    answer.map_or(Value::Null, Value::Bool)
}

/// A boolean operand: `Some(b)`, `None` for null, or a type error.
fn truth(op: &str, v: &Value) -> Result<Option<bool>> {
    match v {
        Value::Bool(b) => Ok(Some(*b)),
        Value::Null => Ok(None),
        _ => Err(Error::type_error(format!(
            "{op} expects Boolean operands, got {}",
            v.type_name()
        ))),
    }
}

fn from_truth(t: Option<bool>) -> Value {
    t.map_or(Value::Null, Value::Bool)
}

/// `a AND b`, three-valued: `false` wins over `null`.
pub(crate) fn and(a: &Value, b: &Value) -> Result<Value> {
    let (x, y) = (truth("AND", a)?, truth("AND", b)?);
    Ok(from_truth(match (x, y) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }))
}

/// `a OR b`, three-valued: `true` wins over `null`.
pub(crate) fn or(a: &Value, b: &Value) -> Result<Value> {
    let (x, y) = (truth("OR", a)?, truth("OR", b)?);
    Ok(from_truth(match (x, y) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }))
}

/// `a XOR b`, three-valued: `null` if either is `null`.
pub(crate) fn xor(a: &Value, b: &Value) -> Result<Value> {
    let (x, y) = (truth("XOR", a)?, truth("XOR", b)?);
    Ok(from_truth(x.zip(y).map(|(x, y)| x != y)))
}

/// `NOT a`, three-valued.
pub(crate) fn not(a: &Value) -> Result<Value> {
    Ok(from_truth(truth("NOT", a)?.map(|x| !x)))
}

/// `x IN list`: `true` if an element equals `x`; otherwise `null` if some
/// comparison was `null`, else `false`. `null` for a `null` list.
pub(crate) fn in_list(x: &Value, list: &Value) -> Result<Value> {
    let items = match list {
        Value::Null => return Ok(Value::Null),
        Value::List(items) => items,
        _ => {
            return Err(Error::type_error(format!(
                "IN expects a List on its right, got {}",
                list.type_name()
            )));
        }
    };
    let mut unknown = false;
    for item in items {
        match x.cypher_eq(item) {
            Some(true) => return Ok(Value::Bool(true)),
            Some(false) => {}
            None => unknown = true,
        }
    }
    Ok(if unknown {
        Value::Null
    } else {
        Value::Bool(false)
    })
}

fn string_test(a: &Value, b: &Value, test: fn(&str, &str) -> bool) -> Value {
    match (a, b) {
        (Value::String(x), Value::String(y)) => Value::Bool(test(x, y)),
        _ => Value::Null,
    }
}

/// `a STARTS WITH b`: `null` unless both are strings.
pub(crate) fn starts_with(a: &Value, b: &Value) -> Value {
    string_test(a, b, |x, y| x.starts_with(y))
}

/// `a ENDS WITH b`: `null` unless both are strings.
pub(crate) fn ends_with(a: &Value, b: &Value) -> Value {
    string_test(a, b, |x, y| x.ends_with(y))
}

/// `a CONTAINS b`: `null` unless both are strings.
pub(crate) fn contains(a: &Value, b: &Value) -> Value {
    string_test(a, b, |x, y| x.contains(y))
}

/// How many compiled patterns each thread keeps for `=~`.
const REGEX_CACHE_SIZE: usize = 64;

thread_local! {
    static REGEX_CACHE: RefCell<HashMap<String, Regex>> = RefCell::new(HashMap::new());
}

/// The pattern compiled to match a whole string, from the cache when it
/// was seen before.
fn compile_whole(pattern: &str) -> Result<Regex> {
    if let Some(re) = REGEX_CACHE.with(|c| c.borrow().get(pattern).cloned()) {
        return Ok(re);
    }
    let re = Regex::new(&format!(r"\A(?:{pattern})\z")).map_err(|e| {
        Error::argument(
            Detail::InvalidArgumentValue,
            format!("Invalid regular expression {pattern:?}: {e}"),
        )
    })?;
    REGEX_CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.len() >= REGEX_CACHE_SIZE {
            cache.clear();
        }
        cache.insert(pattern.to_string(), re.clone());
    });
    Ok(re)
}

/// `a =~ b`: whether the regular expression `b` matches the whole of `a`;
/// `null` unless both are strings. A bad pattern is an `ArgumentError`.
pub(crate) fn regex_match(a: &Value, b: &Value) -> Result<Value> {
    match (a, b) {
        (Value::String(text), Value::String(pattern)) => {
            Ok(Value::Bool(compile_whole(pattern)?.is_match(text)))
        }
        _ => Ok(Value::Null),
    }
}

#[cfg(test)]
mod tests;
