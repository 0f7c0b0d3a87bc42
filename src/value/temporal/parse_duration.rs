//! Durations from strings: ISO 8601's `P1Y2M3W4DT5H6M7.5S` (any part may
//! be left out, any part may have a sign and a fraction, `,` or `.`; a
//! sign before the `P` negates the whole), and the alternative form
//! `P2012-02-02T14:37:21.545` (a date and a time of day as amounts).

use super::Duration;
use super::construct::{Amount, DurationSum, Unit, invalid};
use super::parse::Cursor;
use crate::error::Result;

/// The duration `text` writes.
pub(crate) fn parse(text: &str) -> Result<Duration> {
    let parts = read(text)
        .ok_or_else(|| invalid(format!("text cannot be parsed to a Duration: {text:?}")))?;
    let mut sum = DurationSum::default();
    for (unit, amount) in parts {
        sum.add(unit, amount)?;
    }
    sum.finish()
}

/// The amounts `text` gives, each with its unit, signs applied.
fn read(text: &str) -> Option<Vec<(Unit, Amount)>> {
    let mut c = Cursor::new(text);
    let negate = c.sign().is_some();
    if !c.eat(b'P') {
        return None;
    }
    let start = c.pos;
    let mut parts = match alternative(&mut c) {
        Some(parts) => parts,
        None => {
            c.pos = start;
            designated(&mut c)?
        }
    };
    if !c.at_end() || parts.is_empty() {
        return None;
    }
    if negate {
        for (_, amount) in &mut parts {
            *amount = match *amount {
                Amount::Int(n) => Amount::Int(n.checked_neg()?),
                Amount::Float(x) => Amount::Float(-x),
            };
        }
    }
    Some(parts)
}

/// `1Y2M3W4DT5H6M7.5S` after the `P`.
fn designated(c: &mut Cursor) -> Option<Vec<(Unit, Amount)>> {
    let mut parts = Vec::new();
    let mut units: &[(u8, Unit)] = &[
        (b'Y', Unit::Years),
        (b'M', Unit::Months),
        (b'W', Unit::Weeks),
        (b'D', Unit::Days),
    ];
    let mut in_time = false;
    loop {
        if !in_time && c.eat(b'T') {
            in_time = true;
            units = &[
                (b'H', Unit::Hours),
                (b'M', Unit::Minutes),
                (b'S', Unit::Seconds),
            ];
            if c.at_end() {
                return None; // `PT` names no part
            }
            continue;
        }
        if c.at_end() {
            return Some(parts);
        }
        let number = number(c)?;
        let designator = c.peek()?;
        c.pos += 1;
        let at = units.iter().position(|(d, _)| *d == designator)?;
        let unit = units[at].1;
        units = &units[at + 1..];
        parts.push(amount(unit, number)?);
    }
}

/// A number with an optional sign and fraction: whether it is
/// negative, its whole part without the sign, its fraction's digits.
fn number<'a>(c: &mut Cursor<'a>) -> Option<(bool, i64, Option<&'a str>)> {
    let negative = c.sign().is_some();
    let whole = c.digits(c.digits_ahead())?;
    if !(c.eat(b'.') || c.eat(b',')) {
        return Some((negative, whole, None));
    }
    let n = c.digits_ahead();
    let digits = &c.rest()[..n];
    c.pos += n;
    (n > 0).then_some((negative, whole, Some(digits)))
}

/// `number` of `unit`: seconds with a fraction exactly (in nanoseconds),
/// other fractions as floats that cascade into smaller units.
fn amount(
    unit: Unit,
    (negative, whole, fraction): (bool, i64, Option<&str>),
) -> Option<(Unit, Amount)> {
    let sign = if negative { -1 } else { 1 };
    let Some(digits) = fraction else {
        return Some((unit, Amount::Int(sign * whole)));
    };
    if unit == Unit::Seconds && digits.len() <= 9 {
        let nanos = digits.parse::<i64>().ok()? * 10_i64.pow(9 - digits.len() as u32);
        let total = whole.checked_mul(1_000_000_000)?.checked_add(nanos)?;
        return Some((Unit::Nanoseconds, Amount::Int(sign * total)));
    }
    let x: f64 = format!("{whole}.{digits}").parse().ok()?;
    Some((unit, Amount::Float(sign as f64 * x)))
}

/// `2012-02-02T14:37:21.545` (or without the `-` and `:`) after the `P`.
fn alternative(c: &mut Cursor) -> Option<Vec<(Unit, Amount)>> {
    let years = c.digits(4)?;
    let dashed = c.eat(b'-');
    let months = c.digits(2)?;
    if dashed && !c.eat(b'-') {
        return None;
    }
    let days = c.digits(2)?;
    let mut parts = vec![
        (Unit::Years, Amount::Int(years)),
        (Unit::Months, Amount::Int(months)),
        (Unit::Days, Amount::Int(days)),
    ];
    if c.eat(b'T') {
        let hours = c.digits(2)?;
        let colon = c.eat(b':');
        let minutes = c.digits(2)?;
        if colon && !c.eat(b':') {
            return None;
        }
        let seconds = c.digits(2)?;
        let nanos = c.fraction()?;
        parts.extend([
            (Unit::Hours, Amount::Int(hours)),
            (Unit::Minutes, Amount::Int(minutes)),
            (Unit::Seconds, Amount::Int(seconds)),
            (Unit::Nanoseconds, Amount::Int(nanos)),
        ]);
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &str) {
        let got = match parse(text) {
            Ok(d) => d.to_string(),
            Err(e) => format!("{}: {}", e.kind, e.message),
        };
        assert_eq!(got, expected, "{text:?}");
    }

    #[test]
    fn durations_in_every_form() {
        check("P14DT16H12M", "P14DT16H12M");
        check("P5M1.5D", "P5M1DT12H");
        check("P0.75M", "P22DT19H51M49.5S");
        check("PT0.75M", "PT45S");
        check("P2.5W", "P17DT12H");
        check("P12Y5M14DT16H12M70S", "P12Y5M14DT16H13M10S");
        check("P2012-02-02T14:37:21.545", "P2012Y2M2DT14H37M21.545S");
        check("P20120202T143721", "P2012Y2M2DT14H37M21S");
        check("P-1Y-8M", "P-1Y-8M");
        check("-P1Y8M", "P-1Y-8M");
        check("PT-0.5S", "PT-0.5S");
        check("PT1,5S", "PT1.5S");
        check("PT0S", "PT0S");
    }

    #[test]
    fn bad_durations_are_argument_errors() {
        for text in [
            "P",
            "PT",
            "P1D2Y",
            "P1",
            "1D",
            "P1.D",
            "PT1H2H",
            "P1S",
            "P99999999999999999999Y",
        ] {
            check(
                text,
                &format!("ArgumentError: text cannot be parsed to a Duration: {text:?}"),
            );
        }
    }
}
