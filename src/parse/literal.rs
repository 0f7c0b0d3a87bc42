//! Literals and names: numbers (with their overflow and malformed-number
//! errors), strings (with their escapes) and unquoted/backticked names.

use super::grammar::{Pair, Rule, span_of};
use crate::error::Detail;
use crate::error::{Error, Result};
use crate::parse::ast::Name;
use crate::span::Span;
use crate::value::Value;

/// `number`: an integer or float, with an optional `-` written directly before it.
pub(super) fn number(pair: Pair<'_>) -> Result<Value> {
    let span = span_of(&pair);
    let mut negative = false;
    let mut value = None;
    for inner in pair.into_inner() {
        match inner.as_rule() {
            Rule::negative => negative = true,
            Rule::float => value = Some(float(inner.as_str(), negative, span)?),
            Rule::hex_integer => value = Some(integer(&inner.as_str()[2..], 16, negative, span)?),
            Rule::octal_integer => value = Some(integer(&inner.as_str()[2..], 8, negative, span)?),
            Rule::decimal_integer => value = Some(integer(inner.as_str(), 10, negative, span)?),
            _ => {}
        }
    }
    value.ok_or_else(|| invalid_number(span))
}

/// An integer from its digits in `radix`.
fn integer(digits: &str, radix: u32, negative: bool, span: Span) -> Result<Value> {
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return Err(invalid_number(span));
    }
    let magnitude = u128::from_str_radix(digits, radix).map_err(|_| overflow(span))?;
    let value = if negative {
        0i128.checked_sub_unsigned(magnitude)
    } else {
        i128::try_from(magnitude).ok()
    };
    value
        .and_then(|v| i64::try_from(v).ok())
        .map(Value::Int)
        .ok_or_else(|| overflow(span))
}

/// A float from its text.
fn float(text: &str, negative: bool, span: Span) -> Result<Value> {
    let value: f64 = text.parse().map_err(|_| invalid_number(span))?;
    if value.is_infinite() {
        return Err(Error::syntax(
            Detail::FloatingPointOverflow,
            "floating point number is too large",
            span,
        ));
    }
    Ok(Value::Float(if negative { -value } else { value }))
}

fn invalid_number(span: Span) -> Error {
    Error::syntax(Detail::InvalidNumberLiteral, "invalid number literal", span)
}

fn overflow(span: Span) -> Error {
    Error::syntax(
        Detail::IntegerOverflow,
        "integer is too large for a 64-bit integer",
        span,
    )
}

/// `string`: a quoted string with its escapes read.
pub(super) fn string(pair: Pair<'_>) -> Result<Value> {
    let span = span_of(&pair);
    let text = pair.as_str();
    let body = &text[1..text.len() - 1];
    unescape(body, span.start + 1).map(Value::string)
}

/// Reads the escapes of a string body that starts at byte `offset`.
fn unescape(body: &str, offset: usize) -> Result<String> {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = chars.next() else {
            break;
        };
        let at = Span::new(offset + i, offset + i + 2);
        match e {
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'u' | 'U' => {
                let len = if e == 'u' { 4 } else { 8 };
                let code = hex_digits(&mut chars, len).ok_or_else(|| bad_unicode(at))?;
                let c = if (0xD800..0xDC00).contains(&code) {
                    low_surrogate(&mut chars, code)
                } else {
                    char::from_u32(code)
                };
                out.push(c.ok_or_else(|| bad_unicode(at))?);
            }
            _ => {
                return Err(Error::syntax(
                    Detail::InvalidEscapeSequence,
                    format!("invalid escape sequence '\\{e}' in string"),
                    at,
                ));
            }
        }
    }
    Ok(out)
}

/// Reads exactly `len` hex digits.
fn hex_digits(
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    len: usize,
) -> Option<u32> {
    let mut code = 0u32;
    for _ in 0..len {
        let (_, d) = chars.next()?;
        code = code * 16 + d.to_digit(16)?;
    }
    Some(code)
}

/// Completes a UTF-16 surrogate pair written as `\uD83D\uDE00`.
fn low_surrogate(
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    high: u32,
) -> Option<char> {
    if chars.next()?.1 != '\\' || chars.next()?.1 != 'u' {
        return None;
    }
    let low = hex_digits(chars, 4)?;
    if !(0xDC00..0xE000).contains(&low) {
        return None;
    }
    char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
}

fn bad_unicode(span: Span) -> Error {
    Error::syntax(
        Detail::InvalidUnicodeLiteral,
        "invalid unicode escape: expected \\u and 4 hex digits or \\U and 8",
        span,
    )
}

/// Any name rule (`variable`, `symbolic_name`, `property_key`, `label_name`):
/// the name without backticks.
pub(super) fn name(pair: Pair<'_>) -> Name {
    let span = span_of(&pair);
    let text = pair.as_str();
    let name = match text.strip_prefix('`').and_then(|t| t.strip_suffix('`')) {
        Some(inner) => inner.replace("``", "`"),
        None => text.to_string(),
    };
    Name { name, span }
}

/// A dotted name (`db.labels`, `ns.fn`) as one name, each part unquoted.
pub(super) fn dotted_name(pair: Pair<'_>) -> Name {
    let span = span_of(&pair);
    let parts: Vec<String> = pair.into_inner().map(|p| name(p).name).collect();
    Name {
        name: parts.join("."),
        span,
    }
}
