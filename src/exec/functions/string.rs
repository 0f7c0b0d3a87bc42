//! Functions on strings: `toLower`, `toUpper`, `trim`, `ltrim`, `rtrim`,
//! `substring`, `left`, `right`, `replace`, `split`.
//!
//! Positions and lengths count characters (Unicode scalar values), not bytes.

use super::{int_arg, out_of_range, str_arg, strings, wrong_type};
use crate::error::Result;
use crate::exec::ops::{SLOT, too_large};
use crate::store::Graph;
use crate::value::Value;

/// `toLower(s)`
pub(super) fn to_lower(args: &[Value], _: &Graph) -> Result<Value> {
    Ok(Value::from(str_arg("toLower", &args[0])?.to_lowercase()))
}

/// `toUpper(s)`
pub(super) fn to_upper(args: &[Value], _: &Graph) -> Result<Value> {
    Ok(Value::from(str_arg("toUpper", &args[0])?.to_uppercase()))
}

/// `trim(s)`: without leading and trailing whitespace.
pub(super) fn trim(args: &[Value], _: &Graph) -> Result<Value> {
    Ok(Value::from(str_arg("trim", &args[0])?.trim()))
}

/// `ltrim(s)`: without leading whitespace.
pub(super) fn ltrim(args: &[Value], _: &Graph) -> Result<Value> {
    Ok(Value::from(str_arg("ltrim", &args[0])?.trim_start()))
}

/// `rtrim(s)`: without trailing whitespace.
pub(super) fn rtrim(args: &[Value], _: &Graph) -> Result<Value> {
    Ok(Value::from(str_arg("rtrim", &args[0])?.trim_end()))
}

/// A count of characters that must not be negative.
fn count_arg(func: &str, what: &str, v: &Value) -> Result<usize> {
    let n = int_arg(func, v)?;
    usize::try_from(n)
        .map_err(|_| out_of_range(format!("{func}() needs a {what} of 0 or more, got {n}")))
}

/// `substring(s, start[, length])`: the characters from `start` (0-based),
/// at most `length` of them; empty when `start` is past the end.
pub(super) fn substring(args: &[Value], _: &Graph) -> Result<Value> {
    let s = str_arg("substring", &args[0])?;
    let start = count_arg("substring", "start", &args[1])?;
    let length = match args.get(2) {
        Some(v) => count_arg("substring", "length", v)?,
        None => usize::MAX,
    };
    Ok(Value::from(
        s.chars().skip(start).take(length).collect::<String>(),
    ))
}

/// `left(s, n)`: the first `n` characters.
pub(super) fn left(args: &[Value], _: &Graph) -> Result<Value> {
    let s = str_arg("left", &args[0])?;
    let n = count_arg("left", "length", &args[1])?;
    Ok(Value::from(s.chars().take(n).collect::<String>()))
}

/// `right(s, n)`: the last `n` characters.
pub(super) fn right(args: &[Value], _: &Graph) -> Result<Value> {
    let s = str_arg("right", &args[0])?;
    let n = count_arg("right", "length", &args[1])?;
    let skip = s.chars().count().saturating_sub(n);
    Ok(Value::from(s.chars().skip(skip).collect::<String>()))
}

/// `replace(s, search, replacement)`: every occurrence replaced.
pub(super) fn replace(args: &[Value], _: &Graph) -> Result<Value> {
    let s = str_arg("replace", &args[0])?;
    let search = str_arg("replace", &args[1])?;
    let with = str_arg("replace", &args[2])?;
    // The length of the answer, known before it is built.
    let hits = if search.is_empty() {
        s.chars().count() + 1
    } else {
        s.matches(search).count()
    };
    let len = (s.len() - hits * search.len()).saturating_add(hits.saturating_mul(with.len()));
    too_large(len, 1)?;
    Ok(Value::from(s.replace(search, with)))
}

/// `split(s, delimiter)`: the pieces between delimiters. The delimiter may
/// be a string or a list of strings; an empty delimiter splits into
/// characters.
pub(super) fn split(args: &[Value], _: &Graph) -> Result<Value> {
    let s = str_arg("split", &args[0])?;
    let delimiters: Vec<&str> = match &args[1] {
        Value::String(d) => vec![d],
        Value::List(items) => items
            .iter()
            .map(|d| str_arg("split", d))
            .collect::<Result<_>>()?,
        v => return Err(wrong_type("split", "a String or List of Strings", v)),
    };
    // At most one piece per character, and one more.
    too_large(s.len() + 1, SLOT + 16)?;
    if delimiters.iter().all(|d| d.is_empty()) {
        return Ok(strings(s.chars().map(String::from)));
    }
    let mut pieces = Vec::new();
    let mut piece_start = 0;
    let mut at = 0;
    while at < s.len() {
        let rest = &s[at..];
        match delimiters
            .iter()
            .find(|d| !d.is_empty() && rest.starts_with(**d))
        {
            Some(d) => {
                pieces.push(&s[piece_start..at]);
                at += d.len();
                piece_start = at;
            }
            None => at += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    pieces.push(&s[piece_start..]);
    Ok(strings(pieces))
}

/// `char_length(s)`, `character_length(s)`: the number of characters.
pub(super) fn char_length(args: &[Value], _: &Graph) -> Result<Value> {
    let s = str_arg("char_length", &args[0])?;
    Ok(Value::Int(s.chars().count() as i64))
}
