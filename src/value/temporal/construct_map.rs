//! `date(x)`, `localtime(x)`, `time(x)`, `localdatetime(x)`,
//! `datetime(x)` and `duration(x)`: a value from a string, from a map of
//! fields (`{year: 1984, week: 10, dayOfWeek: 3}`), or selected from other
//! temporal values and overridden field by field
//! (`{date: d, time: t, day: 28, timezone: '+05:00'}`), as openCypher
//! (the TCK's Temporal1-3) and Neo4j 5 build them.
//!
//! With a base value, the fields given override the base's in the form
//! they belong to: `week`/`dayOfWeek` its ISO week date, `ordinalDay` its
//! day of the year, `quarter`/`dayOfQuarter` its quarter, `month`/`day`
//! its calendar date; sub-second fields replace its whole fraction. A
//! `timezone` given with a base that has one moves the instant into the
//! new zone (after the overrides, made in the base's zone).

use super::construct::{
    self, Amount, Context, DateFields, DurationSum, Kind, Unit, build_date, build_time, invalid,
};
use super::{Date, DateTime, Duration, LocalDateTime, LocalTime, parse, parse_duration};
use crate::error::{Error, Result};
use crate::value::Value;
use jiff::Timestamp;
use jiff::civil;
use jiff::tz::{Offset, TimeZone};
use std::collections::BTreeMap;

/// `kind(arg)`: now (no argument, or a map with only `timezone`), the
/// value a string writes, a map's fields, or the part of another temporal
/// value `kind` has.
pub(crate) fn construct(kind: Kind, arg: Option<&Value>, ctx: &Context) -> Result<Value> {
    let name = function_name(kind);
    match arg {
        None => current_in(kind, None, ctx.now, ctx),
        Some(Value::String(text)) => parse::parse_in(kind, text, ctx),
        Some(Value::Map(map)) if map.keys().all(|k| k.eq_ignore_ascii_case("timezone")) => {
            current_in(kind, arg, ctx.now, ctx)
        }
        Some(Value::Map(map)) => from_map(kind, map, ctx),
        Some(other) => {
            if !other.is_temporal() || matches!(other, Value::Duration(_)) {
                return Err(wrong_type(
                    name,
                    "a String, a Map or a temporal value",
                    other,
                ));
            }
            let key = match (kind, other) {
                (Kind::Date, _) => "date",
                (Kind::LocalTime | Kind::Time, _) => "time",
                (_, Value::Date(_)) => "date",
                (_, Value::LocalDateTime(_) | Value::DateTime(_)) => "datetime",
                _ => {
                    return Err(wrong_type(
                        name,
                        "a String, a Map or a temporal value",
                        other,
                    ));
                }
            };
            let map = BTreeMap::from([(key.to_string(), other.clone())]);
            from_map(kind, &map, ctx)
        }
    }
}

/// `kind.statement(zone)` and the like: the value of `kind` at `instant`,
/// in the zone `arg` names (a string or `{timezone: ..}`), or the
/// default zone.
pub(crate) fn current_in(
    kind: Kind,
    arg: Option<&Value>,
    instant: Timestamp,
    ctx: &Context,
) -> Result<Value> {
    let zone = match arg {
        None => ctx.zone.clone(),
        Some(Value::String(name)) => construct::zone_named(name)?,
        Some(Value::Map(map)) => match map.iter().next() {
            None => ctx.zone.clone(),
            Some((key, value)) if map.len() == 1 && key.eq_ignore_ascii_case("timezone") => {
                zone_value(function_name(kind), value)?
            }
            Some(_) => {
                return Err(invalid(format!(
                    "{}: only a timezone may be given for the current time",
                    function_name(kind)
                )));
            }
        },
        Some(other) => {
            return Err(wrong_type(function_name(kind), "a time zone", other));
        }
    };
    Ok(construct::current(kind, zone, instant))
}

/// `duration(arg)`: from a string, a map of amounts, or a duration.
pub(crate) fn duration(arg: &Value) -> Result<Duration> {
    match arg {
        Value::String(text) => parse_duration::parse(text),
        Value::Duration(d) => Ok(d.clone()),
        Value::Map(map) => {
            let mut sum = DurationSum::default();
            for (key, value) in map {
                let unit = match key.to_ascii_lowercase().as_str() {
                    "years" => Unit::Years,
                    "months" => Unit::Months,
                    "weeks" => Unit::Weeks,
                    "days" => Unit::Days,
                    "hours" => Unit::Hours,
                    "minutes" => Unit::Minutes,
                    "seconds" => Unit::Seconds,
                    "milliseconds" => Unit::Milliseconds,
                    "microseconds" => Unit::Microseconds,
                    "nanoseconds" => Unit::Nanoseconds,
                    _ => return Err(invalid(format!("duration(): no such field {key:?}"))),
                };
                let amount = match value {
                    Value::Int(n) => Amount::Int(*n),
                    Value::Float(x) => Amount::Float(*x),
                    other => {
                        return Err(wrong_type("duration", &format!("{key} as a number"), other));
                    }
                };
                sum.add(unit, amount)?;
            }
            sum.finish()
        }
        other => Err(wrong_type("duration", "a String or a Map", other)),
    }
}

/// `datetime.fromepoch(seconds, nanoseconds)` (with `millis`: the
/// nanoseconds are milliseconds' worth): the instant, in UTC.
pub(crate) fn from_epoch(seconds: i64, nanos: i64) -> Result<Value> {
    let instant = epoch_instant(seconds, nanos)?;
    Ok(Value::DateTime(DateTime::new(instant, TimeZone::UTC)))
}

/// The instant `seconds` and `nanos` after 1970-01-01T00:00Z.
fn epoch_instant(seconds: i64, nanos: i64) -> Result<Timestamp> {
    let total = i128::from(seconds) * 1_000_000_000 + i128::from(nanos);
    Timestamp::from_nanosecond(total)
        .map_err(|e| invalid(format!("the instant is out of range: {e}")))
}

fn function_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Date => "date",
        Kind::LocalTime => "localtime",
        Kind::Time => "time",
        Kind::LocalDateTime => "localdatetime",
        Kind::DateTime => "datetime",
    }
}

/// A `TypeError`: `func` wanted `expected` and got `got`.
fn wrong_type(func: &str, expected: &str, got: &Value) -> Error {
    Error::type_error(format!(
        "{func}() expects {expected}, got {}",
        got.type_name()
    ))
}

/// The zone a `timezone` field's value names.
fn zone_value(func: &str, value: &Value) -> Result<TimeZone> {
    match value {
        Value::String(name) => construct::zone_named(name),
        other => Err(wrong_type(func, "timezone as a String", other)),
    }
}

/// A map's fields, read and checked against what `kind` takes.
#[derive(Default)]
struct Fields<'a> {
    date: Option<&'a Value>,
    time: Option<&'a Value>,
    datetime: Option<&'a Value>,
    timezone: Option<&'a Value>,
    /// year, month, day, week, dayOfWeek, quarter, dayOfQuarter,
    /// ordinalDay.
    date_parts: [Option<i64>; 8],
    /// hour, minute, second, millisecond, microsecond, nanosecond.
    time_parts: [Option<i64>; 6],
    /// epochSeconds, epochMillis.
    epoch: [Option<i64>; 2],
}

/// The date fields of a map, in lower case.
pub(super) const DATE_FIELDS: [&str; 8] = [
    "year",
    "month",
    "day",
    "week",
    "dayofweek",
    "quarter",
    "dayofquarter",
    "ordinalday",
];
/// The time fields of a map, in lower case.
pub(super) const TIME_FIELDS: [&str; 6] = [
    "hour",
    "minute",
    "second",
    "millisecond",
    "microsecond",
    "nanosecond",
];
const EPOCH_FIELDS: [&str; 2] = ["epochseconds", "epochmillis"];

impl<'a> Fields<'a> {
    /// The fields of `map` (keys in any letter case).
    fn read(kind: Kind, map: &'a BTreeMap<String, Value>) -> Result<Fields<'a>> {
        let func = function_name(kind);
        let mut fields = Fields::default();
        for (key, value) in map {
            let lower = key.to_ascii_lowercase();
            let int = || match value {
                Value::Int(n) => Ok(Some(*n)),
                other => Err(wrong_type(func, &format!("{key} as an Integer"), other)),
            };
            let datetime_kind = matches!(kind, Kind::LocalDateTime | Kind::DateTime);
            let allowed = match lower.as_str() {
                "date" => kind.has_date(),
                "time" => kind.has_time(),
                "datetime" => datetime_kind,
                "timezone" => matches!(kind, Kind::Time | Kind::DateTime),
                k if DATE_FIELDS.contains(&k) => kind.has_date(),
                k if TIME_FIELDS.contains(&k) => kind.has_time(),
                k if EPOCH_FIELDS.contains(&k) => kind == Kind::DateTime,
                _ => false,
            };
            if !allowed {
                return Err(invalid(format!(
                    "{func}(): no such field {key:?} for a {}",
                    kind.type_name()
                )));
            }
            match lower.as_str() {
                "date" => fields.date = Some(value),
                "time" => fields.time = Some(value),
                "datetime" => fields.datetime = Some(value),
                "timezone" => fields.timezone = Some(value),
                k => {
                    let slot = if let Some(i) = DATE_FIELDS.iter().position(|f| *f == k) {
                        &mut fields.date_parts[i]
                    } else if let Some(i) = TIME_FIELDS.iter().position(|f| *f == k) {
                        &mut fields.time_parts[i]
                    } else {
                        let i = EPOCH_FIELDS.iter().position(|f| *f == k).unwrap_or(0);
                        &mut fields.epoch[i]
                    };
                    *slot = int()?;
                }
            }
        }
        Ok(fields)
    }
}

/// `kind(map)` for a map with fields.
fn from_map(kind: Kind, map: &BTreeMap<String, Value>, ctx: &Context) -> Result<Value> {
    let func = function_name(kind);
    let f = Fields::read(kind, map)?;
    if f.epoch.iter().any(Option::is_some) {
        return from_epoch_fields(&f, ctx);
    }
    let (base_date, base_time, source) = bases(func, &f)?;
    let date = if kind.has_date() {
        resolve_date(&f.date_parts, base_date)?
    } else {
        None
    };
    let time = resolve_time(&f.time_parts, base_time)?;
    let target = f.timezone.map(|z| zone_value(func, z)).transpose()?;
    let need_date =
        || date.ok_or_else(|| invalid(format!("{func}(): a year or a date must be given")));
    let time_or_midnight = time.unwrap_or(civil::Time::midnight());
    Ok(match kind {
        Kind::Date => Value::Date(Date(need_date()?)),
        Kind::LocalTime => Value::LocalTime(LocalTime(need_time(func, time)?)),
        Kind::Time => {
            let offset = source.map(|s| s.offset);
            let t = need_time(func, time)?;
            Value::Time(construct::place_time(t, offset, target, ctx))
        }
        Kind::LocalDateTime => {
            Value::LocalDateTime(LocalDateTime(need_date()?.to_datetime(time_or_midnight)))
        }
        Kind::DateTime => {
            let dt = need_date()?.to_datetime(time_or_midnight);
            let zone = source.map(|s| s.zone);
            Value::DateTime(construct::place(dt, zone, target, ctx)?)
        }
    })
}

fn need_time(func: &str, time: Option<civil::Time>) -> Result<civil::Time> {
    time.ok_or_else(|| invalid(format!("{func}(): an hour or a time must be given")))
}

/// The zone of a base time: for a `time` its offset; for a `datetime`
/// its zone and the offset it has at its instant.
struct Source {
    zone: TimeZone,
    offset: Offset,
}

/// The date and time of day the `date`, `time` and `datetime` fields give,
/// and the zone of the one that gave the time.
fn bases(
    func: &str,
    f: &Fields,
) -> Result<(Option<civil::Date>, Option<civil::Time>, Option<Source>)> {
    if f.datetime.is_some() && (f.date.is_some() || f.time.is_some()) {
        return Err(invalid(format!(
            "{func}(): datetime cannot be given with date or time"
        )));
    }
    let date = match f.date.or(f.datetime) {
        None => None,
        Some(Value::Date(d)) => Some(d.civil()),
        Some(Value::LocalDateTime(dt)) => Some(dt.civil().date()),
        Some(Value::DateTime(dt)) => Some(dt.civil().date()),
        Some(other) => {
            return Err(wrong_type(
                func,
                "date as a temporal value with a date",
                other,
            ));
        }
    };
    let (time, source) = match f.time.or(f.datetime) {
        None => (None, None),
        Some(Value::LocalTime(t)) => (Some(t.civil()), None),
        Some(Value::Time(t)) => {
            let source = Source {
                zone: TimeZone::fixed(t.offset()),
                offset: t.offset(),
            };
            (Some(t.civil()), Some(source))
        }
        Some(Value::LocalDateTime(dt)) => (Some(dt.civil().time()), None),
        Some(Value::DateTime(dt)) => {
            let source = Source {
                zone: dt.zone().clone(),
                offset: dt.offset(),
            };
            (Some(dt.civil().time()), Some(source))
        }
        Some(other) => {
            return Err(wrong_type(
                func,
                "time as a temporal value with a time",
                other,
            ));
        }
    };
    Ok((date, time, source))
}

/// The date the fields name, over `base` if given; `None` when no field
/// nor base says anything of a date.
fn resolve_date(
    parts: &[Option<i64>; 8],
    base: Option<civil::Date>,
) -> Result<Option<civil::Date>> {
    let [
        year,
        month,
        day,
        week,
        day_of_week,
        quarter,
        day_of_quarter,
        ordinal,
    ] = *parts;
    let groups = [
        month.is_some() || day.is_some(),
        week.is_some() || day_of_week.is_some(),
        quarter.is_some() || day_of_quarter.is_some(),
        ordinal.is_some(),
    ];
    if groups.iter().filter(|g| **g).count() > 1 {
        return Err(invalid(
            "a date is given by month and day, or week and dayOfWeek, or quarter and \
             dayOfQuarter, or ordinalDay: not by several",
        ));
    }
    let fields = match base {
        None => {
            let Some(year) = year else {
                if groups.iter().any(|g| *g) {
                    return Err(invalid("a date needs a year"));
                }
                return Ok(None);
            };
            let needs =
                |lower: Option<i64>, higher: Option<i64>, l: &str, h: &str| match (lower, higher) {
                    (Some(_), None) => Err(invalid(format!("{l} cannot be given without {h}"))),
                    _ => Ok(()),
                };
            needs(day, month, "day", "month")?;
            needs(day_of_week, week, "dayOfWeek", "week")?;
            needs(day_of_quarter, quarter, "dayOfQuarter", "quarter")?;
            if let Some(week) = week {
                DateFields::Week {
                    year,
                    week,
                    day: day_of_week.unwrap_or(1),
                }
            } else if let Some(quarter) = quarter {
                DateFields::Quarter {
                    year,
                    quarter,
                    day: day_of_quarter.unwrap_or(1),
                }
            } else if let Some(day) = ordinal {
                DateFields::Ordinal { year, day }
            } else {
                DateFields::Calendar {
                    year,
                    month: month.unwrap_or(1),
                    day: day.unwrap_or(1),
                }
            }
        }
        Some(b) => {
            if groups[1] {
                let iso = b.iso_week_date();
                DateFields::Week {
                    year: year.unwrap_or(i64::from(iso.year())),
                    week: week.unwrap_or(i64::from(iso.week())),
                    day: day_of_week.unwrap_or(i64::from(iso.weekday().to_monday_one_offset())),
                }
            } else if groups[2] {
                let (q, dq) = construct::quarter_of(b);
                DateFields::Quarter {
                    year: year.unwrap_or(i64::from(b.year())),
                    quarter: quarter.unwrap_or(q),
                    day: day_of_quarter.unwrap_or(dq),
                }
            } else if let Some(day) = ordinal {
                DateFields::Ordinal {
                    year: year.unwrap_or(i64::from(b.year())),
                    day,
                }
            } else {
                DateFields::Calendar {
                    year: year.unwrap_or(i64::from(b.year())),
                    month: month.unwrap_or(i64::from(b.month())),
                    day: day.unwrap_or(i64::from(b.day())),
                }
            }
        }
    };
    build_date(fields).map(Some)
}

/// The time of day the fields name, over `base` if given; `None` when no
/// field nor base says anything of a time.
fn resolve_time(
    parts: &[Option<i64>; 6],
    base: Option<civil::Time>,
) -> Result<Option<civil::Time>> {
    let [hour, minute, second, milli, micro, nano] = *parts;
    let fraction = subsecond(milli, micro, nano)?;
    match base {
        Some(b) => build_time(
            hour.unwrap_or(i64::from(b.hour())),
            minute.unwrap_or(i64::from(b.minute())),
            second.unwrap_or(i64::from(b.second())),
            fraction.unwrap_or(i64::from(b.subsec_nanosecond())),
        )
        .map(Some),
        None => {
            let given = [
                hour.is_some(),
                minute.is_some(),
                second.is_some(),
                fraction.is_some(),
            ];
            let names = ["hour", "minute", "second", "a fraction of a second"];
            for i in 1..given.len() {
                if given[i] && !given[i - 1] {
                    return Err(invalid(format!(
                        "{} cannot be given without {}",
                        names[i],
                        names[i - 1]
                    )));
                }
            }
            match hour {
                None => Ok(None),
                Some(h) => build_time(
                    h,
                    minute.unwrap_or(0),
                    second.unwrap_or(0),
                    fraction.unwrap_or(0),
                )
                .map(Some),
            }
        }
    }
}

/// The nanoseconds of a second that `millisecond`, `microsecond` and
/// `nanosecond` add up to; `None` if none is given.
fn subsecond(milli: Option<i64>, micro: Option<i64>, nano: Option<i64>) -> Result<Option<i64>> {
    if milli.is_none() && micro.is_none() && nano.is_none() {
        return Ok(None);
    }
    let limit = |n: Option<i64>, max: i64, name: &str| match n {
        Some(n) if !(0..=max).contains(&n) => {
            Err(invalid(format!("{name} {n} is not in 0..={max}")))
        }
        _ => Ok(n.unwrap_or(0)),
    };
    let total = limit(milli, 999, "millisecond")? * 1_000_000
        + limit(micro, 999_999, "microsecond")? * 1_000
        + limit(nano, 999_999_999, "nanosecond")?;
    if total >= 1_000_000_000 {
        return Err(invalid(
            "the fraction of a second adds up to a second or more",
        ));
    }
    Ok(Some(total))
}

/// `datetime({epochSeconds: s})` or `{epochMillis: ms}`, with sub-second
/// fields added, in `timezone` or the default zone.
fn from_epoch_fields(f: &Fields, ctx: &Context) -> Result<Value> {
    if f.date.is_some()
        || f.time.is_some()
        || f.datetime.is_some()
        || f.date_parts.iter().any(Option::is_some)
        || f.time_parts[..3].iter().any(Option::is_some)
    {
        return Err(invalid(
            "datetime(): epochSeconds and epochMillis take no other date or time fields",
        ));
    }
    let [seconds, millis] = f.epoch;
    let (seconds, nanos) = match (seconds, millis) {
        (Some(s), None) => (s, 0),
        (None, Some(ms)) => (ms.div_euclid(1000), ms.rem_euclid(1000) * 1_000_000),
        _ => {
            return Err(invalid(
                "datetime(): give epochSeconds or epochMillis, not both",
            ));
        }
    };
    let [.., milli, micro, nano] = f.time_parts;
    let nanos = nanos + subsecond(milli, micro, nano)?.unwrap_or(0);
    let instant = epoch_instant(seconds, nanos)?;
    let zone = match f.timezone {
        Some(z) => zone_value("datetime", z)?,
        None => ctx.zone.clone(),
    };
    Ok(Value::DateTime(DateTime::new(instant, zone)))
}

#[cfg(test)]
#[path = "construct_tests.rs"]
mod tests;
