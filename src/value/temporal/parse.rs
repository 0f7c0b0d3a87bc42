//! Temporal values from strings: the ISO 8601 forms openCypher accepts.
//!
//! - dates: calendar `2015-07-21` `20150721` `2015-07` `201507` `2015`,
//!   week `2015-W30-2` `2015W302` `2015-W30` `2015W30`, ordinal
//!   `2015-202` `2015202`; a year beyond four digits takes a sign
//!   (`+12015-01-01`, `-0044-03-15`);
//! - times: `21:40:32.142` `214032,142` `21:40` `2140` `21`;
//! - offsets: `Z` `+01:00` `+0100` `+01` `-02:05:59`; a named zone in
//!   brackets after the offset or instead of it: `[Europe/Stockholm]`;
//! - date and time joined by `T`;
//! - durations: see [`super::parse_duration`].
//!
//! Only the syntax is read here; [`super::construct`] builds the values
//! (with jiff's calendar).

use super::construct::{
    self, Context, DateFields, Kind, build_date, build_offset, build_time, invalid,
};
use super::{Date, DateTime, LocalDateTime, LocalTime, parse_duration};
use crate::error::Result;
use crate::value::Value;
use jiff::civil;
use jiff::tz::TimeZone;

/// The value of type `type_name` (`date`, `localtime`, `time`,
/// `localdatetime`, `datetime`, `duration`; any letter case) that `text`
/// writes, as `date(text)` etc. would build it (a value without a zone in
/// UTC).
pub(crate) fn parse_value(type_name: &str, text: &str) -> Result<Value> {
    let kind = match type_name.to_ascii_lowercase().as_str() {
        "date" => Kind::Date,
        "localtime" => Kind::LocalTime,
        "time" => Kind::Time,
        "localdatetime" => Kind::LocalDateTime,
        "datetime" => Kind::DateTime,
        "duration" => return parse_duration::parse(text).map(Value::Duration),
        _ => return Err(invalid(format!("{type_name} is not a temporal type"))),
    };
    parse_in(kind, text, &Context::utc_now())
}

/// The value of `kind` that `text` writes; a value written without a
/// zone is in `ctx`'s.
pub(crate) fn parse_in(kind: Kind, text: &str, ctx: &Context) -> Result<Value> {
    let fail = || {
        invalid(format!(
            "text cannot be parsed to a {}: {text:?}",
            kind.type_name()
        ))
    };
    let parsed = Parsed::read(kind, text).ok_or_else(fail)?;
    let date = parsed.date.map(build_date).transpose()?;
    let time = match parsed.time {
        Some((h, m, s, n)) => build_time(h, m, s, n)?,
        None => civil::Time::midnight(),
    };
    let offset = parsed.offset.map(build_offset).transpose()?;
    Ok(match kind {
        Kind::Date => Value::Date(Date(date.ok_or_else(fail)?)),
        Kind::LocalTime => Value::LocalTime(LocalTime(time)),
        Kind::Time => Value::Time(construct::place_time(time, offset, None, ctx)),
        Kind::LocalDateTime => {
            Value::LocalDateTime(LocalDateTime(date.ok_or_else(fail)?.to_datetime(time)))
        }
        Kind::DateTime => {
            let dt = date.ok_or_else(fail)?.to_datetime(time);
            Value::DateTime(zoned(dt, offset, parsed.zone, ctx)?)
        }
    })
}

/// `dt` at `offset` and/or in the named `zone`; both must agree.
fn zoned(
    dt: civil::DateTime,
    offset: Option<jiff::tz::Offset>,
    zone: Option<&str>,
    ctx: &Context,
) -> Result<DateTime> {
    let named = zone.map(construct::zone_named).transpose()?;
    match (offset, named) {
        (Some(offset), Some(zone)) => {
            let instant = construct::instant_in(dt, &TimeZone::fixed(offset))?;
            if zone.to_offset(instant) != offset {
                return Err(invalid(format!(
                    "the offset {offset} is not that of {} at {dt}",
                    zone.iana_name().unwrap_or("the zone")
                )));
            }
            Ok(DateTime::new(instant, zone))
        }
        (Some(offset), None) => construct::place(dt, Some(TimeZone::fixed(offset)), None, ctx),
        (None, zone) => construct::place(dt, zone, None, ctx),
    }
}

/// The parts of a temporal string, as written.
#[derive(Debug, Default, PartialEq)]
struct Parsed<'a> {
    date: Option<DateFields>,
    /// Hour, minute, second, nanoseconds.
    time: Option<(i64, i64, i64, i64)>,
    /// Seconds east of UTC.
    offset: Option<i64>,
    /// The name in brackets.
    zone: Option<&'a str>,
}

impl<'a> Parsed<'a> {
    /// The parts of `text` as a value of `kind` may write them; `None` if
    /// it does not.
    fn read(kind: Kind, text: &'a str) -> Option<Parsed<'a>> {
        let mut c = Cursor::new(text);
        let mut parsed = Parsed::default();
        if kind.has_date() {
            parsed.date = Some(c.date()?);
            if kind != Kind::Date && c.eat(b'T') {
                parsed.time = Some(c.time()?);
            }
        } else {
            parsed.time = Some(c.time()?);
        }
        if matches!(kind, Kind::Time) || (kind == Kind::DateTime && parsed.time.is_some()) {
            parsed.offset = c.offset();
        }
        if kind == Kind::DateTime && parsed.time.is_some() && c.eat(b'[') {
            let rest = c.rest();
            let end = rest.find(']')?;
            parsed.zone = Some(&rest[..end]);
            c.pos += end + 1;
        }
        c.at_end().then_some(parsed)
    }
}

/// The seconds east of UTC an offset string (`Z`, `+01:00`, `-0530`,
/// `+01`, `+02:05:59`) says; `None` if it is not one.
pub(crate) fn offset_text(text: &str) -> Option<i64> {
    let mut c = Cursor::new(text);
    let offset = c.offset()?;
    c.at_end().then_some(offset)
}

/// A position in the text being read. Every method returns `None` (and
/// may have moved) when the text does not continue as asked.
pub(super) struct Cursor<'a> {
    text: &'a str,
    pub(super) pos: usize,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(text: &'a str) -> Cursor<'a> {
        Cursor { text, pos: 0 }
    }

    pub(super) fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    pub(super) fn at_end(&self) -> bool {
        self.pos == self.text.len()
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    /// Moves past `byte` if it is next.
    pub(super) fn eat(&mut self, byte: u8) -> bool {
        let next = self.peek() == Some(byte);
        if next {
            self.pos += 1;
        }
        next
    }

    /// Moves past `+` or `-` if next: `-1` for `-`, `1` otherwise.
    pub(super) fn sign(&mut self) -> Option<i64> {
        if self.eat(b'-') {
            Some(-1)
        } else {
            self.eat(b'+');
            None
        }
    }

    /// The number of digits that come next.
    pub(super) fn digits_ahead(&self) -> usize {
        self.rest().bytes().take_while(u8::is_ascii_digit).count()
    }

    /// The next `n` digits as a number (`n` at most 18).
    pub(super) fn digits(&mut self, n: usize) -> Option<i64> {
        if n == 0 || n > 18 || self.digits_ahead() < n {
            return None;
        }
        let value = self.text[self.pos..self.pos + n].parse().ok()?;
        self.pos += n;
        Some(value)
    }

    /// A fraction after `.` or `,` of 1 to 9 digits, in nanoseconds; 0 if
    /// there is none.
    pub(super) fn fraction(&mut self) -> Option<i64> {
        if !(self.eat(b'.') || self.eat(b',')) {
            return Some(0);
        }
        let n = self.digits_ahead();
        if !(1..=9).contains(&n) {
            return None;
        }
        Some(self.digits(n)? * 10_i64.pow(9 - n as u32))
    }

    /// A date in any of its forms.
    fn date(&mut self) -> Option<DateFields> {
        let signed = matches!(self.peek(), Some(b'+' | b'-'));
        let sign = self.sign().unwrap_or(1);
        let year = if signed {
            sign * self.digits(self.digits_ahead())?
        } else {
            self.digits(4)?
        };
        let dashed = self.eat(b'-');
        if !dashed && signed {
            return Some(DateFields::Calendar {
                year,
                month: 1,
                day: 1,
            });
        }
        if self.eat(b'W') {
            let week = self.digits(2)?;
            let day = if (dashed && self.eat(b'-')) || (!dashed && self.digits_ahead() == 1) {
                self.digits(1)?
            } else {
                1
            };
            return Some(DateFields::Week { year, week, day });
        }
        let calendar = |month, day| Some(DateFields::Calendar { year, month, day });
        match (dashed, self.digits_ahead()) {
            (_, 3) => Some(DateFields::Ordinal {
                year,
                day: self.digits(3)?,
            }),
            (true, 2) => {
                let month = self.digits(2)?;
                let day = if self.eat(b'-') { self.digits(2)? } else { 1 };
                calendar(month, day)
            }
            (false, 4) => calendar(self.digits(2)?, self.digits(2)?),
            (false, 2) => calendar(self.digits(2)?, 1),
            (false, 0) => calendar(1, 1),
            _ => None,
        }
    }

    /// A time of day: `HH`, `HH:MM`, `HH:MM:SS[.f]`, `HHMM`, `HHMMSS[.f]`.
    fn time(&mut self) -> Option<(i64, i64, i64, i64)> {
        let hour = self.digits(2)?;
        let colons = self.peek() == Some(b':');
        let next = |c: &mut Self| {
            if colons {
                if c.eat(b':') { c.digits(2) } else { None }
            } else if c.digits_ahead() >= 2 {
                c.digits(2)
            } else {
                None
            }
        };
        let Some(minute) = next(self) else {
            return Some((hour, 0, 0, 0));
        };
        let Some(second) = next(self) else {
            return Some((hour, minute, 0, 0));
        };
        Some((hour, minute, second, self.fraction()?))
    }

    /// An offset: `Z`, or a sign and `HH`, `HH:MM`, `HHMM`, `HH:MM:SS`,
    /// `HHMMSS`; in seconds east of UTC. `None` (not moved) if none is
    /// next.
    fn offset(&mut self) -> Option<i64> {
        if self.eat(b'Z') {
            return Some(0);
        }
        let start = self.pos;
        if !matches!(self.peek(), Some(b'+' | b'-')) {
            return None;
        }
        let sign = self.sign().unwrap_or(1);
        let Some((h, m, s, 0)) = self.time().filter(|&(_, m, s, _)| m < 60 && s < 60) else {
            self.pos = start;
            return None;
        };
        Some(sign * (h * 3600 + m * 60 + s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(kind: &str, text: &str, expected: &str) {
        let got = match parse_value(kind, text) {
            Ok(v) => v.to_string(),
            Err(e) => format!("{}: {}", e.kind, e.message),
        };
        assert_eq!(got, expected, "{kind}({text:?})");
    }

    #[test]
    fn dates_in_every_form() {
        for (text, expected) in [
            ("2015-07-21", "2015-07-21"),
            ("20150721", "2015-07-21"),
            ("2015-07", "2015-07-01"),
            ("201507", "2015-07-01"),
            ("2015-W30-2", "2015-07-21"),
            ("2015W302", "2015-07-21"),
            ("2015-W30", "2015-07-20"),
            ("2015W30", "2015-07-20"),
            ("2015-202", "2015-07-21"),
            ("2015202", "2015-07-21"),
            ("2015", "2015-01-01"),
            ("-0044-03-15", "-0044-03-15"),
            ("+2015-07-21", "2015-07-21"),
        ] {
            check("date", text, &format!("date('{expected}')"));
        }
    }

    #[test]
    fn times_and_offsets() {
        check("localtime", "214032.142", "localtime('21:40:32.142')");
        check("localtime", "21:40:32,5", "localtime('21:40:32.500')");
        check("localtime", "21", "localtime('21:00')");
        check("time", "21:40:32.142+0100", "time('21:40:32.142+01:00')");
        check("time", "2140-00:00", "time('21:40Z')");
        check("time", "2140-02", "time('21:40-02:00')");
        check("time", "12:34:56-02:05:07", "time('12:34:56-02:05:07')");
        check("time", "21:40", "time('21:40Z')");
    }

    #[test]
    fn date_times_with_zones() {
        check(
            "localdatetime",
            "2015-W30-2T214032.142",
            "localdatetime('2015-07-21T21:40:32.142')",
        );
        check(
            "datetime",
            "2015202T21+18:00",
            "datetime('2015-07-21T21:00+18:00')",
        );
        check(
            "datetime",
            "2015-07-21T21:40:32.142[Europe/London]",
            "datetime('2015-07-21T21:40:32.142+01:00[Europe/London]')",
        );
        check(
            "datetime",
            "2015-07-21T21:40:32.142-04[America/New_York]",
            "datetime('2015-07-21T21:40:32.142-04:00[America/New_York]')",
        );
        check("datetime", "2015-07-21", "datetime('2015-07-21T00:00Z')");
    }

    #[test]
    fn bad_text_is_an_argument_error() {
        let bad = "ArgumentError: text cannot be parsed to a";
        check("date", "2015-7-21", &format!("{bad} Date: \"2015-7-21\""));
        check(
            "date",
            "2015-07-21T10:00",
            &format!("{bad} Date: \"2015-07-21T10:00\""),
        );
        check(
            "localtime",
            "21:40+01:00",
            &format!("{bad} LocalTime: \"21:40+01:00\""),
        );
        check(
            "time",
            "21:40:32.1234567891",
            &format!("{bad} Time: \"21:40:32.1234567891\""),
        );
        check("datetime", "", &format!("{bad} DateTime: \"\""));
        check(
            "date",
            "2015-13-01",
            "ArgumentError: invalid date: parameter 'month' is not in the required range of 1..=12",
        );
        check(
            "datetime",
            "2015-07-21T21:40+05:00[Europe/London]",
            "ArgumentError: the offset +05 is not that of Europe/London at 2015-07-21T21:40:00",
        );
        check(
            "time",
            "21:40+19:00",
            "ArgumentError: offset 68400s is beyond 18 hours from UTC",
        );
        check(
            "datetime",
            "2015-07-21T21:40[Mars/Olympus]",
            "ArgumentError: unknown time zone \"Mars/Olympus\"",
        );
        assert!(parse_value("date", "+999999999-01-01").is_err());
        assert!(parse_value("date", "+9999999999999999999999").is_err());
    }
}
