//! `duration.between(a, b)`, `duration.inMonths`, `duration.inDays` and
//! `duration.inSeconds`, as Neo4j computes them.
//!
//! Two values of different types are first lined up: the one without a
//! time of day gets midnight (always, when counting seconds), the one
//! without a date gets the other's date, the one without a zone the
//! other's zone. Months and days are then counted on the calendar as read
//! in the first value's zone (a month is whole only when its day and time
//! are reached); seconds on the time line, so a day across a daylight
//! saving change has 23 or 25 hours. Every step of the calendar is jiff's.

use super::{Duration, arith, nanos_of_day};
use crate::error::{Detail, Error, Result};
use crate::value::Value;
use jiff::civil;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};

/// What `duration.*` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Measure {
    /// `duration.between`: months, then days, then seconds.
    Between,
    /// `duration.inMonths`
    Months,
    /// `duration.inDays`
    Days,
    /// `duration.inSeconds`
    Seconds,
}

/// A unit `until` counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Months,
    Days,
    Nanos,
}

/// A temporal value taken apart into the pieces the lining-up adds.
#[derive(Debug, Clone)]
struct Parts {
    date: Option<civil::Date>,
    time: Option<civil::Time>,
    zone: Option<TimeZone>,
    /// The instant of a date-time given as one (not assembled here).
    instant: Option<Timestamp>,
}

fn parts(v: &Value) -> Option<Parts> {
    let p = |date, time, zone| Parts {
        date,
        time,
        zone,
        instant: None,
    };
    Some(match v {
        Value::Date(d) => p(Some(d.0), None, None),
        Value::LocalTime(t) => p(None, Some(t.0), None),
        Value::Time(t) => p(None, Some(t.time), Some(TimeZone::fixed(t.offset))),
        Value::LocalDateTime(dt) => p(Some(dt.0.date()), Some(dt.0.time()), None),
        Value::DateTime(dt) => {
            let civil = dt.civil();
            Parts {
                date: Some(civil.date()),
                time: Some(civil.time()),
                zone: Some(dt.zone.clone()),
                instant: Some(dt.instant),
            }
        }
        _ => return None,
    })
}

fn out_of_range() -> Error {
    Error::argument(
        Detail::InvalidArgumentValue,
        "the duration between these values is out of range",
    )
}

/// `duration.<measure>(from, to)`: `null` if either is `null`.
pub(crate) fn between(measure: Measure, from: &Value, to: &Value) -> Result<Value> {
    if from.is_null() || to.is_null() {
        return Ok(Value::Null);
    }
    let (Some(a), Some(b)) = (parts(from), parts(to)) else {
        return Err(Error::type_error(format!(
            "duration between needs two temporal instants, got {} and {}",
            from.type_name(),
            to.type_name()
        )));
    };
    if matches!(from, Value::Duration(_)) || matches!(to, Value::Duration(_)) {
        return Err(Error::type_error(
            "duration between needs instants, not durations",
        ));
    }
    let dated = a.date.is_some() && b.date.is_some();
    let duration = match measure {
        Measure::Months if dated => Duration::new(until(&a, &b, Unit::Months)? as i64, 0, 0, 0),
        Measure::Days if dated => Duration::new(0, until(&a, &b, Unit::Days)? as i64, 0, 0),
        Measure::Months | Measure::Days => Duration::new(0, 0, 0, 0),
        Measure::Seconds => nanos_duration(0, 0, until(&a, &b, Unit::Nanos)?),
        Measure::Between if dated => {
            let months = i64::try_from(until(&a, &b, Unit::Months)?).map_err(|_| out_of_range())?;
            let step = Duration::new(months, 0, 0, 0).ok_or_else(out_of_range)?;
            let from = arith::shift(from, &step, false).ok_or_else(out_of_range)??;
            let a = parts(&from).ok_or_else(out_of_range)?;
            let days = i64::try_from(until(&a, &b, Unit::Days)?).map_err(|_| out_of_range())?;
            let step = Duration::new(0, days, 0, 0).ok_or_else(out_of_range)?;
            let from = arith::shift(&from, &step, false).ok_or_else(out_of_range)??;
            let a = parts(&from).ok_or_else(out_of_range)?;
            nanos_duration(months, days, until(&a, &b, Unit::Nanos)?)
        }
        Measure::Between => nanos_duration(0, 0, until(&a, &b, Unit::Nanos)?),
    };
    duration.map(Value::Duration).ok_or_else(out_of_range)
}

/// A duration of `months`, `days` and `nanos` nanoseconds.
fn nanos_duration(months: i64, days: i64, nanos: i128) -> Option<Duration> {
    let seconds = i64::try_from(nanos.div_euclid(1_000_000_000)).ok()?;
    Duration::new(
        months,
        days,
        seconds,
        nanos.rem_euclid(1_000_000_000) as i64,
    )
}

/// Lines `a` and `b` up (see the module doc); `time_based` when counting
/// in units of time, which gives a date midnight in any case.
fn line_up(a: &Parts, b: &Parts, time_based: bool) -> (Parts, Parts) {
    let (mut a, mut b) = (a.clone(), b.clone());
    let midnight = civil::Time::midnight();
    if time_based || b.time.is_some() {
        a.time.get_or_insert(midnight);
    }
    if time_based || a.time.is_some() {
        b.time.get_or_insert(midnight);
    }
    if a.date.is_none() {
        a.date = b.date;
    }
    if b.date.is_none() {
        b.date = a.date;
    }
    if a.zone.is_none() {
        a.zone = b.zone.clone();
    }
    if b.zone.is_none() {
        b.zone = a.zone.clone();
    }
    (a, b)
}

/// The instant of lined-up parts with a date, a time and a zone.
fn zoned(
    p: &Parts,
    date: civil::Date,
    time: civil::Time,
    zone: &TimeZone,
) -> Result<ZonedDateTime> {
    match p.instant {
        Some(instant) => Ok(ZonedDateTime::new(instant, zone.clone())),
        None => zone
            .to_zoned_datetime(date.to_datetime(time))
            .map_err(|_| out_of_range()),
    }
}

/// How many `unit`s from `a` to `b`, truncated toward zero.
fn until(a: &Parts, b: &Parts, unit: Unit) -> Result<i128> {
    let (a, b) = line_up(a, b, unit == Unit::Nanos);
    Ok(match (a.date, a.time, &a.zone, b.date, b.time) {
        (Some(da), Some(ta), Some(zone), Some(db), Some(tb)) => {
            let za = zoned(&a, da, ta, zone)?;
            let zb = zoned(&b, db, tb, b.zone.as_ref().unwrap_or(zone))?;
            if unit == Unit::Nanos {
                za.duration_until(&zb).as_nanos()
            } else {
                let zb = zb.with_time_zone(zone.clone());
                calendar_until(za.datetime(), zb.datetime(), unit)
            }
        }
        (Some(da), Some(ta), None, Some(db), Some(tb)) => {
            let (x, y) = (da.to_datetime(ta), db.to_datetime(tb));
            if unit == Unit::Nanos {
                x.duration_until(y).as_nanos()
            } else {
                calendar_until(x, y, unit)
            }
        }
        (Some(da), None, _, Some(db), None) => calendar_until(
            da.to_datetime(civil::Time::midnight()),
            db.to_datetime(civil::Time::midnight()),
            unit,
        ),
        (None, Some(ta), _, None, Some(tb)) if unit == Unit::Nanos => {
            let offset = |p: &Parts| {
                p.zone
                    .as_ref()
                    .and_then(|z| z.to_fixed_offset().ok())
                    .map_or(0, |o| i64::from(o.seconds()) * 1_000_000_000)
            };
            i128::from((nanos_of_day(tb) - offset(&b)) - (nanos_of_day(ta) - offset(&a)))
        }
        _ => 0,
    })
}

/// Whole months or days from `a` to `b` on the calendar: Java's
/// `LocalDateTime.until` — the end date steps back a day when its time of
/// day is not yet reached, and a month counts once its day is reached.
fn calendar_until(a: civil::DateTime, b: civil::DateTime, unit: Unit) -> i128 {
    let mut end = b.date();
    if end > a.date() && b.time() < a.time() {
        end = end.yesterday().unwrap_or(end);
    } else if end < a.date() && b.time() > a.time() {
        end = end.tomorrow().unwrap_or(end);
    }
    let start = a.date();
    match unit {
        Unit::Days => i128::from(start.duration_until(end).as_secs() / 86_400),
        _ => {
            // Months as Java counts them: whole months of the difference
            // in (year, month, day), day-of-month breaking ties.
            let packed = |d: civil::Date| {
                (i64::from(d.year()) * 12 + i64::from(d.month()) - 1) * 32 + i64::from(d.day())
            };
            i128::from((packed(end) - packed(start)) / 32)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::temporal::{Date, DateTime, LocalDateTime, LocalTime, Time};
    use jiff::tz::Offset;

    impl DateTime {
        fn at(s: &str) -> Value {
            let z: ZonedDateTime = s.parse().unwrap();
            Value::DateTime(DateTime::new(z.timestamp(), z.time_zone().clone()))
        }
    }

    fn date(s: &str) -> Value {
        Value::Date(Date(s.parse().unwrap()))
    }
    fn ldt(s: &str) -> Value {
        Value::LocalDateTime(LocalDateTime(s.parse().unwrap()))
    }
    fn lt(s: &str) -> Value {
        Value::LocalTime(LocalTime(s.parse().unwrap()))
    }
    fn time(s: &str, hours: i8) -> Value {
        Value::Time(Time::new(
            s.parse().unwrap(),
            Offset::from_hours(hours).unwrap(),
        ))
    }
    fn check(m: Measure, a: &Value, b: &Value) -> String {
        match between(m, a, b).unwrap() {
            Value::Duration(d) => d.to_string(),
            other => other.to_string(),
        }
    }

    #[test]
    fn between_counts_months_days_then_time() {
        let b = Measure::Between;
        assert_eq!(
            check(b, &date("1984-10-11"), &date("2015-06-24")),
            "P30Y8M13D"
        );
        let dt = DateTime::at("2015-07-21T21:40:32.142+01:00[+01:00]");
        assert_eq!(
            check(b, &date("1984-10-11"), &dt),
            "P30Y9M10DT21H40M32.142S"
        );
        assert_eq!(check(b, &date("1984-10-11"), &time("16:30", 1)), "PT16H30M");
        assert_eq!(check(b, &lt("14:30"), &date("2015-06-24")), "PT-14H-30M");
        assert_eq!(check(b, &time("14:30", 0), &dt), "PT6H10M32.142S");
        assert_eq!(check(b, &time("14:30", 0), &time("16:30", 1)), "PT1H");
        assert_eq!(check(b, &lt("14:30"), &time("16:30", 1)), "PT2H");
        let from = ldt("2015-07-21T21:40:32.142");
        assert_eq!(
            check(b, &from, &date("2015-06-24")),
            "P-27DT-21H-40M-32.142S"
        );
        assert_eq!(check(b, &from, &dt), "PT0S");
        let from = DateTime::at("2014-07-21T21:40:36.143+02:00[+02:00]");
        assert_eq!(check(b, &from, &date("2015-06-24")), "P11M2DT2H19M23.857S");
        assert_eq!(check(b, &from, &dt), "P1YT59M55.999S");
        assert_eq!(check(b, &from, &lt("16:30")), "PT-5H-10M-36.143S");
        assert_eq!(check(b, &from, &time("16:30", 1)), "PT-4H-10M-36.143S");
    }

    #[test]
    fn months_and_days_need_two_dates() {
        let dt = DateTime::at("2015-07-21T21:40:32.142+01:00[+01:00]");
        assert_eq!(check(Measure::Months, &date("1984-10-11"), &dt), "P30Y9M");
        assert_eq!(check(Measure::Days, &date("1984-10-11"), &dt), "P11240D");
        assert_eq!(
            check(Measure::Months, &date("1984-10-11"), &lt("16:30")),
            "PT0S"
        );
        assert_eq!(
            check(Measure::Months, &date("2018-03-11"), &date("2016-06-24")),
            "P-1Y-8M"
        );
        let far = DateTime::at("2018-07-21T21:40:36.143+05:00[+05:00]");
        let near = DateTime::at("1984-07-21T22:40:36.143+02:00[+02:00]");
        assert_eq!(check(Measure::Months, &far, &near), "P-33Y-11M");
        assert_eq!(
            check(Measure::Seconds, &date("1984-10-11"), &date("2015-06-24")),
            "PT269112H"
        );
    }

    #[test]
    fn seconds_cross_daylight_saving_on_the_time_line() {
        let midnight = DateTime::at("2017-10-29T00:00[Europe/Stockholm]");
        let s = Measure::Seconds;
        assert_eq!(check(s, &midnight, &ldt("2017-10-29T04:00")), "PT5H");
        assert_eq!(check(s, &midnight, &lt("04:00")), "PT5H");
        assert_eq!(check(s, &midnight, &date("2017-10-30")), "PT25H");
        let four = DateTime::at("2017-10-29T04:00[Europe/Stockholm]");
        assert_eq!(check(s, &date("2017-10-29"), &four), "PT5H");
        let a = ldt("2014-07-21T21:40:36.143");
        assert_eq!(check(s, &a, &ldt("2014-07-21T21:40:36.142")), "PT-0.001S");
        assert_eq!(
            check(s, &lt("12:44:54.7"), &lt("12:34:55.3")),
            "PT-9M-59.4S"
        );
        assert_eq!(between(s, &Value::Null, &lt("12:00")).unwrap(), Value::Null);
        assert!(between(s, &Value::Int(1), &lt("12:00")).is_err());
    }
}
