//! Tests of the constructors beyond the TCK's: the clocks, the zones,
//! and every way an argument can be wrong.

use super::*;
use crate::value::temporal::parse_value;

/// A context at 2025-04-01T10:00Z, UTC by default.
fn ctx() -> Context {
    Context {
        zone: TimeZone::UTC,
        now: "2025-04-01T10:00:00Z".parse().unwrap(),
    }
}

use crate::value::map_of as map;

fn int(n: i64) -> Value {
    Value::Int(n)
}

fn s(text: &str) -> Value {
    Value::string(text)
}

/// The result of `kind(arg)`, or the error as `Kind: message`.
fn check(kind: Kind, arg: Option<Value>, expected: &str) {
    let got = match construct(kind, arg.as_ref(), &ctx()) {
        Ok(v) => v.to_string(),
        Err(e) => format!("{}: {}", e.kind, e.message),
    };
    assert_eq!(got, expected, "{kind:?}({arg:?})");
}

#[test]
fn no_argument_or_only_a_zone_is_now() {
    check(Kind::Date, None, "date('2025-04-01')");
    check(Kind::Time, None, "time('10:00Z')");
    let london = Some(map(&[("timezone", s("Europe/London"))]));
    check(
        Kind::DateTime,
        london.clone(),
        "datetime('2025-04-01T11:00+01:00[Europe/London]')",
    );
    check(Kind::LocalTime, london.clone(), "localtime('11:00')");
    check(Kind::Time, london, "time('11:00+01:00')");
    let at = current_in(Kind::LocalDateTime, Some(&s("+05:30")), ctx().now, &ctx());
    assert_eq!(
        at.map(|v| v.to_string()),
        Ok("localdatetime('2025-04-01T15:30')".into())
    );
}

#[test]
fn zones_and_epochs() {
    // 02:30 does not exist in Stockholm that night: the clock reads 03:30.
    let gap = map(&[
        ("year", int(2025)),
        ("month", int(3)),
        ("day", int(30)),
        ("hour", int(2)),
        ("minute", int(30)),
        ("timezone", s("Europe/Stockholm")),
    ]);
    check(
        Kind::DateTime,
        Some(gap),
        "datetime('2025-03-30T03:30+02:00[Europe/Stockholm]')",
    );
    let millis = map(&[
        ("epochMillis", int(237821673987)),
        ("timezone", s("+01:00")),
    ]);
    check(
        Kind::DateTime,
        Some(millis),
        "datetime('1977-07-15T14:34:33.987+01:00')",
    );
    let seconds = map(&[("epochSeconds", int(1)), ("nanosecond", int(5))]);
    check(
        Kind::DateTime,
        Some(seconds),
        "datetime('1970-01-01T00:00:01.000000005Z')",
    );
    let far = map(&[("epochSeconds", int(i64::MAX))]);
    let e = construct(Kind::DateTime, Some(&far), &ctx()).unwrap_err();
    assert!(
        e.message.starts_with("the instant is out of range"),
        "{}",
        e.message
    );
}

#[test]
fn overrides_replace_the_whole_fraction_of_a_second() {
    let base = parse_value("localtime", "12:00:00.123456789").unwrap();
    let arg = map(&[("time", base), ("millisecond", int(5))]);
    check(Kind::LocalTime, Some(arg), "localtime('12:00:00.005')");
}

#[test]
fn wrong_fields_are_argument_errors() {
    let cases: &[(Kind, Value, &str)] = &[
        (
            Kind::Date,
            map(&[("year", int(1984)), ("month", int(13))]),
            "ArgumentError: invalid date: parameter 'month' is not in the required range of 1..=12",
        ),
        (
            Kind::Date,
            map(&[("month", int(1))]),
            "ArgumentError: a date needs a year",
        ),
        (
            Kind::Date,
            map(&[("year", int(1984)), ("day", int(1))]),
            "ArgumentError: day cannot be given without month",
        ),
        (
            Kind::Date,
            map(&[("year", int(1984)), ("week", int(1)), ("month", int(2))]),
            "ArgumentError: a date is given by month and day, or week and dayOfWeek, or quarter and dayOfQuarter, or ordinalDay: not by several",
        ),
        (
            Kind::Date,
            map(&[("year", int(1984)), ("hour", int(1))]),
            "ArgumentError: date(): no such field \"hour\" for a Date",
        ),
        (
            Kind::LocalTime,
            map(&[("minute", int(1))]),
            "ArgumentError: minute cannot be given without hour",
        ),
        (
            Kind::LocalTime,
            map(&[
                ("hour", int(1)),
                ("minute", int(1)),
                ("second", int(1)),
                ("millisecond", int(999)),
                ("nanosecond", int(999_999_999)),
            ]),
            "ArgumentError: the fraction of a second adds up to a second or more",
        ),
        (
            Kind::Time,
            map(&[("hour", int(1)), ("timezone", s("Mars/Olympus"))]),
            "ArgumentError: unknown time zone \"Mars/Olympus\"",
        ),
        (
            Kind::LocalDateTime,
            map(&[("hour", int(1))]),
            "ArgumentError: localdatetime(): a year or a date must be given",
        ),
        (
            Kind::DateTime,
            map(&[("epochSeconds", int(1)), ("year", int(1))]),
            "ArgumentError: datetime(): epochSeconds and epochMillis take no other date or time fields",
        ),
        (
            Kind::Date,
            map(&[("year", s("1984"))]),
            "TypeError: date() expects year as an Integer, got String",
        ),
        (
            Kind::Date,
            int(1),
            "TypeError: date() expects a String, a Map or a temporal value, got Integer",
        ),
        (
            Kind::LocalTime,
            parse_value("date", "2025-04-01").unwrap(),
            "TypeError: localtime() expects time as a temporal value with a time, got Date",
        ),
        (
            Kind::LocalDateTime,
            parse_value("localtime", "12:00").unwrap(),
            "TypeError: localdatetime() expects a String, a Map or a temporal value, got LocalTime",
        ),
    ];
    for (kind, arg, expected) in cases {
        check(*kind, Some(arg.clone()), expected);
    }
}

#[test]
fn durations_from_maps() {
    let d = |arg: Value| match duration(&arg) {
        Ok(d) => d.to_string(),
        Err(e) => format!("{}: {}", e.kind, e.message),
    };
    assert_eq!(
        d(map(&[("months", Value::Float(0.75))])),
        "P22DT19H51M49.5S"
    );
    assert_eq!(d(map(&[("Days", int(1)), ("hours", int(-25))])), "P1DT-25H");
    assert_eq!(d(map(&[])), "PT0S");
    assert_eq!(
        d(map(&[("months", Value::Float(1e300))])),
        "ArgumentError: 1e300 is out of range for a duration"
    );
    assert_eq!(
        d(map(&[("years", int(i64::MAX))])),
        "ArgumentError: the duration is out of range"
    );
    assert_eq!(
        d(map(&[("fortnights", int(1))])),
        "ArgumentError: duration(): no such field \"fortnights\""
    );
    assert_eq!(
        d(map(&[("years", s("1"))])),
        "TypeError: duration() expects years as a number, got String"
    );
    assert_eq!(
        d(int(1)),
        "TypeError: duration() expects a String or a Map, got Integer"
    );
}
