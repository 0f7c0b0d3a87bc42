//! `date.truncate(unit, value[, map])` and its four siblings: a value cut
//! down to the start of its millennium, century, decade, year, week-year,
//! quarter, month, week, day, hour, minute, second, millisecond or
//! microsecond, read as the function's type, then the map's fields set.
//!
//! As in Neo4j, the map's `timezone` keeps the local date and time (it is
//! not a conversion), and a sub-second field of the map adds to the
//! coarser sub-second parts kept (`{nanosecond: 2}` after truncating to
//! the millisecond gives `.645000002`). The calendar steps are jiff's.

use super::construct::zone_named;
use super::construct_map::{DATE_FIELDS, TIME_FIELDS};
use super::{Date, DateTime, LocalDateTime, LocalTime, Time};
use crate::error::{Detail, Error, Result};
use crate::value::Value;
use jiff::civil::{self, ISOWeekDate, TimeRound, Weekday};
use jiff::tz::{Offset, TimeZone};
use jiff::{RoundMode, Span, Timestamp, Unit};
use std::collections::BTreeMap;

/// The type a `truncate` function returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// `date.truncate`
    Date,
    /// `localtime.truncate`
    LocalTime,
    /// `time.truncate`
    Time,
    /// `localdatetime.truncate`
    LocalDateTime,
    /// `datetime.truncate`
    DateTime,
}

impl Target {
    fn name(self) -> &'static str {
        match self {
            Target::Date => "date",
            Target::LocalTime => "localtime",
            Target::Time => "time",
            Target::LocalDateTime => "localdatetime",
            Target::DateTime => "datetime",
        }
    }

    fn has_date(self) -> bool {
        matches!(
            self,
            Target::Date | Target::LocalDateTime | Target::DateTime
        )
    }

    fn has_time(self) -> bool {
        self != Target::Date
    }

    fn has_zone(self) -> bool {
        matches!(self, Target::Time | Target::DateTime)
    }
}

/// A truncation unit, coarsest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Cut {
    Millennium,
    Century,
    Decade,
    Year,
    WeekYear,
    Quarter,
    Month,
    Week,
    Day,
    Hour,
    Minute,
    Second,
    Millisecond,
    Microsecond,
}

fn cut(unit: &str) -> Option<Cut> {
    Some(match unit {
        "millennium" => Cut::Millennium,
        "century" => Cut::Century,
        "decade" => Cut::Decade,
        "year" => Cut::Year,
        "weekYear" => Cut::WeekYear,
        "quarter" => Cut::Quarter,
        "month" => Cut::Month,
        "week" => Cut::Week,
        "day" => Cut::Day,
        "hour" => Cut::Hour,
        "minute" => Cut::Minute,
        "second" => Cut::Second,
        "millisecond" => Cut::Millisecond,
        "microsecond" => Cut::Microsecond,
        _ => return None,
    })
}

fn invalid(message: impl Into<String>) -> Error {
    Error::argument(Detail::InvalidArgumentValue, message)
}

/// The pieces of the value being truncated.
struct Input {
    date: Option<civil::Date>,
    time: Option<civil::Time>,
    zone: Option<TimeZone>,
}

fn input(v: &Value) -> Option<Input> {
    let i = |date, time, zone| Input { date, time, zone };
    Some(match v {
        Value::Date(d) => i(Some(d.0), None, None),
        Value::LocalTime(t) => i(None, Some(t.0), None),
        Value::Time(t) => i(None, Some(t.time), Some(TimeZone::fixed(t.offset))),
        Value::LocalDateTime(dt) => i(Some(dt.0.date()), Some(dt.0.time()), None),
        Value::DateTime(dt) => {
            let civil = dt.civil();
            i(
                Some(civil.date()),
                Some(civil.time()),
                Some(dt.zone.clone()),
            )
        }
        _ => return None,
    })
}

/// `<target>.truncate(unit, value[, map])`; `default_zone` (at `now`) is
/// the zone of a result whose input has none.
pub(crate) fn truncate(
    target: Target,
    args: &[Value],
    default_zone: &TimeZone,
    now: Timestamp,
) -> Result<Value> {
    // Field names in any letter case, as the constructors read them.
    let map: BTreeMap<String, Value> = match args.get(2) {
        None | Some(Value::Null) => BTreeMap::new(),
        Some(Value::Map(m)) => m
            .iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
            .collect(),
        Some(other) => {
            return Err(Error::type_error(format!(
                "{}.truncate takes a map of fields, got {}",
                target.name(),
                other.type_name()
            )));
        }
    };
    let map = &map;
    let (unit, value) = match (&args[0], &args[1]) {
        (Value::Null, _) | (_, Value::Null) => return Ok(Value::Null),
        (Value::String(u), v) => (u, v),
        (other, _) => {
            return Err(Error::type_error(format!(
                "a truncation unit is a string, got {}",
                other.type_name()
            )));
        }
    };
    let unit = cut(unit).ok_or_else(|| invalid(format!("Unsupported unit: {unit}")))?;
    // A date-time may come from a date alone, a time of day not: it needs a
    // time to cut (`localtime(date(..))` is a TypeError too).
    let fits = |i: &Input| {
        (!target.has_date() || i.date.is_some()) && (target.has_date() || i.time.is_some())
    };
    let Some(input) = input(value).filter(fits) else {
        return Err(Error::type_error(format!(
            "cannot truncate a {} to a {}",
            value.type_name(),
            target.name()
        )));
    };
    if (!target.has_time() && unit > Cut::Day) || (!target.has_date() && unit < Cut::Day) {
        return Err(invalid(format!(
            "cannot truncate a {} to a unit of {unit:?}",
            target.name()
        )));
    }
    let date = match input.date {
        Some(d) if target.has_date() => Some(set_date(truncate_date(d, unit)?, map)?),
        // A time keeps the date it was read on: its zone's offset then.
        d => d,
    };
    let time = match (unit <= Cut::Day, input.time) {
        (true, _) | (false, None) => civil::Time::midnight(),
        (false, Some(t)) => truncate_time(t, unit)?,
    };
    let time = set_time(time, map)?;
    let zone = match map.get("timezone") {
        Some(Value::String(name)) if target.has_zone() => zone_named(name)?,
        Some(other) if target.has_zone() => {
            return Err(Error::type_error(format!(
                "a timezone is a string, got {}",
                other.type_name()
            )));
        }
        _ => input.zone.unwrap_or_else(|| default_zone.clone()),
    };
    check_keys(target, map)?;
    build(target, date, time, zone, now)
}

/// The result, its local date and time read in `zone`; a time takes the
/// zone's offset on its `date` (at `now` when it has none).
fn build(
    target: Target,
    date: Option<civil::Date>,
    time: civil::Time,
    zone: TimeZone,
    now: Timestamp,
) -> Result<Value> {
    let instant = |date: civil::Date| {
        zone.to_timestamp(date.to_datetime(time))
            .map_err(|e| invalid(format!("{}.truncate: {e}", target.name())))
    };
    let on = date;
    let date = date.unwrap_or(civil::Date::ZERO);
    Ok(match target {
        Target::Date => Value::Date(Date(date)),
        Target::LocalTime => Value::LocalTime(LocalTime(time)),
        Target::LocalDateTime => Value::LocalDateTime(LocalDateTime(date.to_datetime(time))),
        Target::Time => {
            let at = match on {
                Some(d) => instant(d)?,
                None => now,
            };
            let offset: Offset = zone.to_offset(at);
            Value::Time(Time::new(time, offset))
        }
        Target::DateTime => Value::DateTime(DateTime::new(instant(date)?, zone.clone())),
    })
}

/// `d` cut down to the start of its `unit` (`Day` or finer: `d`).
fn truncate_date(d: civil::Date, unit: Cut) -> Result<civil::Date> {
    let first_of_year = |year: i16| civil::Date::new(year, 1, 1);
    let start = match unit {
        Cut::Millennium => first_of_year(d.year() / 1000 * 1000),
        Cut::Century => first_of_year(d.year() / 100 * 100),
        Cut::Decade => first_of_year(d.year() / 10 * 10),
        Cut::Year => Ok(d.first_of_year()),
        Cut::WeekYear => {
            ISOWeekDate::new(d.iso_week_date().year(), 1, Weekday::Monday).map(|w| w.date())
        }
        Cut::Quarter => civil::Date::new(d.year(), (d.month() - 1) / 3 * 3 + 1, 1),
        Cut::Month => Ok(d.first_of_month()),
        Cut::Week => d.iso_week_date().first_of_week().map(|w| w.date()),
        _ => Ok(d),
    };
    start.map_err(|e| invalid(format!("cannot truncate {d}: {e}")))
}

/// `t` cut down to the start of its `unit` (finer than a day).
fn truncate_time(t: civil::Time, unit: Cut) -> Result<civil::Time> {
    let unit = match unit {
        Cut::Hour => Unit::Hour,
        Cut::Minute => Unit::Minute,
        Cut::Second => Unit::Second,
        Cut::Millisecond => Unit::Millisecond,
        _ => Unit::Microsecond,
    };
    t.round(TimeRound::new().smallest(unit).mode(RoundMode::Trunc))
        .map_err(|e| invalid(format!("cannot truncate {t}: {e}")))
}

/// The integer field `key` of the map, if there.
fn int_field<T: TryFrom<i64>>(map: &BTreeMap<String, Value>, key: &str) -> Result<Option<T>> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Int(i)) => T::try_from(*i)
            .map(Some)
            .map_err(|_| invalid(format!("{key} {i} is out of range"))),
        Some(other) => Err(Error::type_error(format!(
            "{key} must be an integer, got {}",
            other.type_name()
        ))),
    }
}

/// `d` with the map's date fields set: week-based (`week`,
/// `dayOfWeek`), quarter-based (`quarter`, `dayOfQuarter`), ordinal
/// (`ordinalDay`) or calendar (`month`, `day`), and `year`.
fn set_date(d: civil::Date, map: &BTreeMap<String, Value>) -> Result<civil::Date> {
    let year: Option<i16> = int_field(map, "year")?;
    let bad = |e: jiff::Error| invalid(format!("invalid date: {e}"));
    let week: Option<i8> = int_field(map, "week")?;
    let weekday: Option<i8> = int_field(map, "dayofweek")?;
    if week.is_some() || weekday.is_some() {
        let iso = d.iso_week_date();
        let weekday = match weekday {
            Some(n) => Weekday::from_monday_one_offset(n).map_err(bad)?,
            None => iso.weekday(),
        };
        let iso = ISOWeekDate::new(
            year.unwrap_or(iso.year()),
            week.unwrap_or(iso.week()),
            weekday,
        );
        return iso.map(|w| w.date()).map_err(bad);
    }
    let quarter: Option<i8> = int_field(map, "quarter")?;
    let day_of_quarter: Option<i64> = int_field(map, "dayofquarter")?;
    if quarter.is_some() || day_of_quarter.is_some() {
        let q = quarter.unwrap_or((d.month() - 1) / 3 + 1);
        if !(1..=4).contains(&q) {
            return Err(invalid(format!("quarter {q} is not in 1..=4")));
        }
        let first = civil::Date::new(year.unwrap_or(d.year()), (q - 1) * 3 + 1, 1).map_err(bad)?;
        let current =
            i64::from(d.day_of_year()) - i64::from(truncate_date(d, Cut::Quarter)?.day_of_year());
        let offset = match day_of_quarter {
            None => current,
            Some(n) => n
                .checked_sub(1)
                .ok_or_else(|| invalid(format!("dayOfQuarter {n} is outside the quarter")))?,
        };
        let date = first
            .checked_add(Span::new().try_days(offset).map_err(bad)?)
            .map_err(bad)?;
        if truncate_date(date, Cut::Quarter)? != first {
            return Err(invalid(format!(
                "dayOfQuarter {} is outside the quarter",
                offset + 1
            )));
        }
        return Ok(date);
    }
    let ordinal: Option<i16> = int_field(map, "ordinalday")?;
    let mut with = d.with();
    if let Some(y) = year {
        with = with.year(y);
    }
    if let Some(n) = ordinal {
        return with.day_of_year(n).build().map_err(bad);
    }
    if let Some(m) = int_field::<i8>(map, "month")? {
        with = with.month(m);
    }
    if let Some(day) = int_field::<i8>(map, "day")? {
        with = with.day(day);
    }
    with.build().map_err(bad)
}

/// `t` with the map's time fields set; a sub-second field replaces its
/// own digits only (`millisecond` the first three of the nine).
fn set_time(t: civil::Time, map: &BTreeMap<String, Value>) -> Result<civil::Time> {
    let bad = |e: jiff::Error| invalid(format!("invalid time: {e}"));
    let nanos = i64::from(t.subsec_nanosecond());
    let part = |key: &str, own: i64, max: i64| -> Result<i64> {
        match int_field::<i64>(map, key)? {
            Some(n) if (0..max).contains(&n) => Ok(n),
            Some(n) => Err(invalid(format!("{key} {n} is out of range"))),
            None => Ok(own),
        }
    };
    let millis = part("millisecond", nanos / 1_000_000, 1000)?;
    let micros = part("microsecond", nanos / 1000 % 1000, 1_000_000)?;
    let nano = part("nanosecond", nanos % 1000, 1_000_000_000)?;
    // At most 999e6 + 999_999e3 + 999_999_999: no overflow in an i64.
    let total = millis * 1_000_000 + micros * 1000 + nano;
    let total = i32::try_from(total)
        .ok()
        .filter(|n| *n < 1_000_000_000)
        .ok_or_else(|| invalid("the fraction of a second adds up to a second or more"))?;
    let mut with = t.with().subsec_nanosecond(total);
    for (key, set) in [
        (
            "hour",
            civil::TimeWith::hour as fn(civil::TimeWith, i8) -> civil::TimeWith,
        ),
        ("minute", civil::TimeWith::minute),
        ("second", civil::TimeWith::second),
    ] {
        if let Some(n) = int_field::<i8>(map, key)? {
            with = set(with, n);
        }
    }
    with.build().map_err(bad)
}

/// Fails on a map key the target type does not have.
fn check_keys(target: Target, map: &BTreeMap<String, Value>) -> Result<()> {
    for key in map.keys() {
        let known = (target.has_date() && DATE_FIELDS.contains(&key.as_str()))
            || (target.has_time() && TIME_FIELDS.contains(&key.as_str()))
            || (target.has_zone() && key == "timezone");
        if !known {
            return Err(invalid(format!(
                "{}.truncate: no field {key} to set",
                target.name()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::value::map_of as map;

    fn run(target: Target, unit: &str, v: &Value, fields: &[(&str, Value)]) -> String {
        let args = [Value::from(unit), v.clone(), map(fields)];
        truncate(target, &args, &TimeZone::UTC, Timestamp::UNIX_EPOCH)
            .unwrap()
            .to_string()
    }

    fn sample() -> Value {
        let dt = civil::date(1984, 10, 11).at(12, 31, 14, 645_876_123);
        Value::LocalDateTime(LocalDateTime(dt))
    }

    #[test]
    fn dates_cut_to_the_start_of_each_unit() {
        let d = Value::Date(Date(civil::date(1984, 10, 11)));
        let cases = [
            ("millennium", "1000-01-01"),
            ("century", "1900-01-01"),
            ("decade", "1980-01-01"),
            ("year", "1984-01-01"),
            ("weekYear", "1984-01-02"),
            ("quarter", "1984-10-01"),
            ("month", "1984-10-01"),
            ("week", "1984-10-08"),
            ("day", "1984-10-11"),
        ];
        for (unit, want) in cases {
            assert_eq!(
                run(Target::Date, unit, &d, &[]),
                format!("date('{want}')"),
                "{unit}"
            );
        }
        assert_eq!(
            run(Target::Date, "month", &d, &[("day", Value::Int(5))]),
            "date('1984-10-05')"
        );
        let dow = [("dayOfWeek", Value::Int(2))];
        assert_eq!(run(Target::Date, "week", &d, &dow), "date('1984-10-09')");
        assert_eq!(
            run(Target::Date, "weekYear", &d, &dow),
            "date('1984-01-03')"
        );
        let args = [Value::from("hour"), d.clone()];
        assert!(truncate(Target::Date, &args, &TimeZone::UTC, Timestamp::UNIX_EPOCH).is_err());
    }

    #[test]
    fn times_cut_and_take_sub_second_fields() {
        let v = sample();
        assert_eq!(run(Target::LocalTime, "day", &v, &[]), "localtime('00:00')");
        assert_eq!(
            run(Target::LocalTime, "hour", &v, &[]),
            "localtime('12:00')"
        );
        assert_eq!(
            run(Target::LocalTime, "second", &v, &[]),
            "localtime('12:31:14')"
        );
        let ns = [("nanosecond", Value::Int(2))];
        assert_eq!(
            run(Target::LocalTime, "millisecond", &v, &ns),
            "localtime('12:31:14.645000002')"
        );
        assert_eq!(
            run(Target::LocalTime, "microsecond", &v, &ns),
            "localtime('12:31:14.645876002')"
        );
        assert_eq!(run(Target::Time, "minute", &v, &[]), "time('12:31Z')");
        let args = [Value::from("year"), v.clone()];
        assert!(
            truncate(
                Target::LocalTime,
                &args,
                &TimeZone::UTC,
                Timestamp::UNIX_EPOCH
            )
            .is_err()
        );
    }

    #[test]
    fn date_times_keep_their_zone_or_take_the_maps() {
        let zone = TimeZone::get("Europe/Stockholm").unwrap();
        let instant = zone
            .to_timestamp(civil::date(2017, 10, 29).at(12, 0, 0, 0))
            .unwrap();
        let dt = Value::DateTime(DateTime::new(instant, zone));
        assert_eq!(
            run(Target::DateTime, "day", &dt, &[]),
            "datetime('2017-10-29T00:00+02:00[Europe/Stockholm]')"
        );
        let utc = [("timezone", Value::from("+01:00"))];
        assert_eq!(
            run(Target::DateTime, "hour", &dt, &utc),
            "datetime('2017-10-29T12:00+01:00')"
        );
        let local = run(
            Target::DateTime,
            "month",
            &sample(),
            &[("timezone", Value::from("Europe/Stockholm"))],
        );
        assert_eq!(
            local,
            "datetime('1984-10-01T00:00+01:00[Europe/Stockholm]')"
        );
        assert_eq!(
            run(Target::LocalDateTime, "quarter", &dt, &[]),
            "localdatetime('2017-10-01T00:00')"
        );
    }

    #[test]
    fn a_quarter_outside_1_to_4_is_an_error() {
        let d = Value::Date(Date(civil::date(2020, 5, 5)));
        for q in [0, 5, 50, -128, i64::MIN] {
            let args = [
                Value::from("year"),
                d.clone(),
                map(&[("quarter", Value::Int(q))]),
            ];
            let got = truncate(Target::Date, &args, &TimeZone::UTC, Timestamp::UNIX_EPOCH);
            assert!(got.is_err(), "quarter {q}: {got:?}");
        }
        assert_eq!(
            run(Target::Date, "year", &d, &[("quarter", Value::Int(4))]),
            "date('2020-10-01')"
        );
    }

    #[test]
    fn a_day_of_quarter_far_outside_is_an_error() {
        let d = Value::Date(Date(civil::date(2020, 5, 5)));
        for n in [0, 92, i64::MIN, i64::MAX] {
            let fields = map(&[("dayOfQuarter", Value::Int(n))]);
            let args = [Value::from("year"), d.clone(), fields];
            let got = truncate(Target::Date, &args, &TimeZone::UTC, Timestamp::UNIX_EPOCH);
            assert!(got.is_err(), "dayOfQuarter {n}: {got:?}");
        }
        let fields = [("dayOfQuarter", Value::Int(91))];
        assert_eq!(
            run(Target::Date, "quarter", &d, &fields),
            "date('2020-06-30')"
        );
    }

    #[test]
    fn sub_second_fields_adding_up_to_a_second_are_an_error() {
        let t = Value::LocalTime(LocalTime(civil::time(12, 0, 0, 0)));
        let fields = map(&[
            ("millisecond", Value::Int(999)),
            ("microsecond", Value::Int(999_999)),
            ("nanosecond", Value::Int(999_999_999)),
        ]);
        let args = [Value::from("second"), t.clone(), fields];
        let got = truncate(
            Target::LocalTime,
            &args,
            &TimeZone::UTC,
            Timestamp::UNIX_EPOCH,
        );
        assert!(got.is_err(), "{got:?}");
        let fields = [
            ("millisecond", Value::Int(1)),
            ("microsecond", Value::Int(2)),
            ("nanosecond", Value::Int(3)),
        ];
        assert_eq!(
            run(Target::LocalTime, "second", &t, &fields),
            "localtime('12:00:00.001002003')"
        );
    }

    #[test]
    fn a_time_of_day_is_not_cut_from_a_date() {
        let d = Value::Date(Date(civil::date(2020, 1, 1)));
        for target in [Target::LocalTime, Target::Time] {
            let args = [Value::from("hour"), d.clone()];
            let err = truncate(target, &args, &TimeZone::UTC, Timestamp::UNIX_EPOCH).unwrap_err();
            assert_eq!(err.detail, Detail::InvalidArgumentType, "{err}");
        }
        assert_eq!(
            run(Target::LocalDateTime, "month", &d, &[]),
            "localdatetime('2020-01-01T00:00')"
        );
    }

    #[test]
    fn a_time_takes_the_offset_of_its_own_instant() {
        let zone = TimeZone::get("Europe/Paris").unwrap();
        let summer = civil::date(2020, 7, 1).at(12, 34, 0, 0);
        let instant = zone.to_timestamp(summer).unwrap();
        let dt = Value::DateTime(DateTime::new(instant, zone));
        // `now` (the epoch) is in winter, at +01:00.
        assert_eq!(run(Target::Time, "hour", &dt, &[]), "time('12:00+02:00')");
        let local = Value::LocalDateTime(LocalDateTime(summer));
        let paris = [("timezone", Value::from("Europe/Paris"))];
        assert_eq!(
            run(Target::Time, "minute", &local, &paris),
            "time('12:34+02:00')"
        );
    }

    #[test]
    fn map_keys_are_read_in_any_letter_case() {
        let instant: Timestamp = "2020-01-01T00:00Z".parse().unwrap();
        let zone = Value::DateTime(DateTime::new(instant, TimeZone::UTC));
        for key in ["dayofweek", "DAYOFWEEK", "dayOfWeek"] {
            assert_eq!(
                run(Target::DateTime, "day", &zone, &[(key, Value::Int(5))]),
                "datetime('2020-01-03T00:00Z')",
                "{key}"
            );
        }
        let fields = [("Hour", Value::Int(5)), ("TimeZone", Value::from("+01:00"))];
        assert_eq!(
            run(Target::DateTime, "day", &zone, &fields),
            "datetime('2020-01-01T05:00+01:00')"
        );
    }
}
