//! Arithmetic on temporal values, as Neo4j does it: an instant plus or
//! minus a duration, durations added, subtracted, multiplied and divided.
//!
//! A duration moves an instant by its months first, then its days, then
//! its seconds — each part only where the value has that field: a date
//! takes only whole days of the seconds, a time of day ignores months and
//! days and wraps around midnight. The calendar steps are jiff's.

use super::{Date, DateTime, Duration, LocalDateTime, LocalTime, Time};
use crate::error::{Detail, Error, Result};
use crate::value::Value;
use jiff::{SignedDuration, Span, ZonedDateTime};

/// Nanoseconds in a day.
const NANOS_PER_DAY: f64 = 86_400e9;
/// Nanoseconds in an average Gregorian month (30.436875 days), the rate at
/// which a fraction of a month becomes days.
const AVG_NANOS_PER_MONTH: f64 = 2_629_746e9;

/// The error of a result outside the range of its type.
fn out_of_range(what: impl std::fmt::Display) -> Error {
    Error::argument(
        Detail::InvalidArgumentValue,
        format!("{what} is out of range"),
    )
}

/// `t + d` (`negate`: `t - d`) for a temporal `t`; `None` when `t` is not
/// an instant or time of day.
pub(crate) fn shift(t: &Value, d: &Duration, negate: bool) -> Option<Result<Value>> {
    let fail = || out_of_range(format!("{t} {} {d}", if negate { '-' } else { '+' }));
    // `-d` of a part holding i64::MIN does not exist: an error, not a panic
    // (and only for the parts the value uses: a time ignores the months).
    let signed = |n: i64| if negate { n.checked_neg() } else { Some(n) };
    let exact = SignedDuration::new(d.seconds(), d.nanos());
    let exact = if negate {
        exact.checked_neg()
    } else {
        Some(exact)
    };
    let months = signed(d.months()).and_then(|n| Span::new().try_months(n).ok());
    let days = signed(d.days()).and_then(|n| Span::new().try_days(n).ok());
    let shifted = match t {
        Value::Date(x) => {
            // Only whole days of the seconds move a date (toward zero).
            let whole = signed(d.seconds() / 86_400).and_then(|n| Span::new().try_days(n).ok());
            (|| {
                let x = x.0.checked_add(months?).ok()?;
                let x = x.checked_add(days?).ok()?;
                x.checked_add(whole?).ok()
            })()
            .map(|x| Value::Date(Date(x)))
        }
        Value::LocalTime(x) => exact.map(|e| Value::LocalTime(LocalTime(x.0.wrapping_add(e)))),
        Value::Time(x) => exact.map(|e| Value::Time(Time::new(x.time.wrapping_add(e), x.offset))),
        Value::LocalDateTime(x) => (|| {
            let x = x.0.checked_add(months?).ok()?;
            let x = x.checked_add(days?).ok()?;
            x.checked_add(exact?).ok()
        })()
        .map(|x| Value::LocalDateTime(LocalDateTime(x))),
        Value::DateTime(x) => (|| {
            let z = ZonedDateTime::new(x.instant, x.zone.clone());
            let z = z.checked_add(months?).ok()?;
            let z = z.checked_add(days?).ok()?;
            z.checked_add(exact?).ok()
        })()
        .map(|z| Value::DateTime(DateTime::new(z.timestamp(), x.zone.clone()))),
        _ => return None,
    };
    Some(shifted.ok_or_else(fail))
}

/// `a + b` (`negate`: `a - b`) between durations, part by part.
pub(crate) fn add_durations(a: &Duration, b: &Duration, negate: bool) -> Result<Duration> {
    let op = |x: i64, y: i64| {
        if negate {
            x.checked_sub(y)
        } else {
            x.checked_add(y)
        }
    };
    (|| {
        Duration::new(
            op(a.months(), b.months())?,
            op(a.days(), b.days())?,
            op(a.seconds(), b.seconds())?,
            op(i64::from(a.nanos()), i64::from(b.nanos()))?,
        )
    })()
    .ok_or_else(|| out_of_range(format!("{a} {} {b}", if negate { '-' } else { '+' })))
}

/// `d * k` for an integer `k`: every part multiplied.
pub(crate) fn mul_int(d: &Duration, k: i64) -> Result<Duration> {
    (|| {
        Duration::new(
            d.months().checked_mul(k)?,
            d.days().checked_mul(k)?,
            d.seconds().checked_mul(k)?,
            i64::from(d.nanos()).checked_mul(k)?,
        )
    })()
    .ok_or_else(|| out_of_range(format!("{d} * {k}")))
}

/// `d * f` for a float `f`: every part multiplied, fractions carried down.
pub(crate) fn mul_float(d: &Duration, f: f64) -> Result<Duration> {
    approximate(
        d.months() as f64 * f,
        d.days() as f64 * f,
        d.seconds() as f64 * f,
        f64::from(d.nanos()) * f,
    )
}

/// `d / x`: every part divided, fractions carried down; dividing by zero
/// is an error.
pub(crate) fn div(d: &Duration, x: f64) -> Result<Duration> {
    if x == 0.0 {
        return Err(Error::argument(
            Detail::DivisionByZero,
            format!("division by zero: {d} / 0"),
        ));
    }
    approximate(
        d.months() as f64 / x,
        d.days() as f64 / x,
        d.seconds() as f64 / x,
        f64::from(d.nanos()) / x,
    )
}

/// A float truncated toward zero, if it fits in an integer.
fn whole(x: f64) -> Result<i64> {
    // 2^63 is exactly representable; every float below it fits.
    let limit = -(i64::MIN as f64);
    if x.is_finite() && (-limit..limit).contains(&x) {
        Ok(x as i64)
    } else {
        Err(out_of_range(format!("a duration part of {x}")))
    }
}

/// A duration from fractional parts, Neo4j's rule: the fraction of the
/// months becomes days at [`AVG_NANOS_PER_MONTH`], the fraction of the
/// days seconds at 86 400 a day, the fraction of the seconds nanoseconds;
/// each part truncated toward zero.
pub(crate) fn approximate(months: f64, days: f64, seconds: f64, nanos: f64) -> Result<Duration> {
    let whole_months = whole(months)?;
    let days = days
        + (AVG_NANOS_PER_MONTH * months - AVG_NANOS_PER_MONTH * whole_months as f64)
            / NANOS_PER_DAY;
    let whole_days = whole(days)?;
    let seconds = seconds + (NANOS_PER_DAY * days - NANOS_PER_DAY * whole_days as f64) / 1e9;
    let whole_seconds = whole(seconds)?;
    let nanos = nanos + (1e9 * seconds - 1e9 * whole_seconds as f64);
    let whole_nanos = whole(nanos)?;
    Duration::new(whole_months, whole_days, whole_seconds, whole_nanos)
        .ok_or_else(|| out_of_range("a duration"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil;
    use jiff::tz::{Offset, TimeZone};

    /// `P12Y5M14DT16H13M10.000000001S`
    fn long() -> Duration {
        Duration::new(149, 14, 58_390, 1).unwrap()
    }

    /// `P1M-14DT15H49M10S`
    fn mixed() -> Duration {
        Duration::new(1, -14, 57_600 - 720 + 70, 0).unwrap()
    }

    fn both(t: Value, d: &Duration) -> (String, String) {
        let sum = shift(&t, d, false).unwrap().unwrap();
        let diff = shift(&t, d, true).unwrap().unwrap();
        (sum.to_string(), diff.to_string())
    }

    #[test]
    fn dates_move_by_months_then_days_then_whole_days() {
        let date = || Value::Date(Date(civil::date(1984, 10, 11)));
        let d = Duration::new(149, 14, 58_390, 2).unwrap();
        assert_eq!(
            both(date(), &d),
            ("date('1997-03-25')".into(), "date('1972-04-27')".into())
        );
        assert_eq!(
            both(date(), &mixed()),
            ("date('1984-10-28')".into(), "date('1984-09-25')".into())
        );
        let end = Value::Date(Date(civil::date(2015, 1, 31)));
        let month = Duration::new(1, 0, 0, 0).unwrap();
        assert_eq!(both(end, &month).0, "date('2015-02-28')");
    }

    #[test]
    fn times_of_day_wrap_around_midnight() {
        let t = civil::time(12, 31, 14, 1);
        let d = Duration::new(149, 14, 58_390, 2).unwrap();
        assert_eq!(
            both(Value::LocalTime(LocalTime(t)), &d),
            (
                "localtime('04:44:24.000000003')".into(),
                "localtime('20:18:03.999999999')".into()
            )
        );
        let offset = Offset::from_hours(1).unwrap();
        assert_eq!(
            both(Value::Time(Time::new(t, offset)), &mixed()).1,
            "time('20:42:04.000000001+01:00')"
        );
    }

    #[test]
    fn date_times_move_in_their_zone() {
        let dt = civil::date(1984, 10, 11).at(12, 31, 14, 1);
        let d = Duration::new(149, 14, 58_390, 2).unwrap();
        assert_eq!(
            both(Value::LocalDateTime(LocalDateTime(dt)), &d),
            (
                "localdatetime('1997-03-26T04:44:24.000000003')".into(),
                "localdatetime('1972-04-26T20:18:03.999999999')".into()
            )
        );
        let zone = TimeZone::get("Europe/Stockholm").unwrap();
        let before = civil::date(2017, 10, 28).at(12, 0, 0, 0);
        let instant = zone.to_timestamp(before).unwrap();
        let day = Duration::new(0, 1, 0, 0).unwrap();
        let hours = Duration::new(0, 0, 86_400, 0).unwrap();
        let x = Value::DateTime(DateTime::new(instant, zone));
        assert_eq!(
            both(x.clone(), &day).0,
            "datetime('2017-10-29T12:00+01:00[Europe/Stockholm]')"
        );
        assert_eq!(
            both(x, &hours).0,
            "datetime('2017-10-29T11:00+01:00[Europe/Stockholm]')"
        );
    }

    #[test]
    fn durations_add_part_by_part() {
        let sum = add_durations(&long(), &mixed(), false).unwrap();
        assert_eq!(sum.to_string(), "P12Y6MT32H2M20.000000001S");
        let diff = add_durations(&long(), &mixed(), true).unwrap();
        assert_eq!(diff.to_string(), "P12Y4M28DT24M0.000000001S");
        let back = add_durations(&mixed(), &long(), true).unwrap();
        assert_eq!(back.to_string(), "P-12Y-4M-28DT-24M-0.000000001S");
    }

    #[test]
    fn fractions_carry_down_at_neo4j_rates() {
        assert_eq!(
            mul_int(&long(), 2).unwrap().to_string(),
            "P24Y10M28DT32H26M20.000000002S"
        );
        assert_eq!(
            mul_float(&long(), 0.5).unwrap().to_string(),
            "P6Y2M22DT13H21M8S"
        );
        assert_eq!(div(&long(), 2.0).unwrap().to_string(), "P6Y2M22DT13H21M8S");
        assert_eq!(
            div(&long(), 0.5).unwrap().to_string(),
            "P24Y10M28DT32H26M20.000000002S"
        );
        assert!(div(&long(), 0.0).is_err());
        assert!(mul_int(&long(), i64::MAX).is_err());
    }

    #[test]
    fn dates_take_whole_days_of_the_rounded_down_seconds() {
        // `PT-23H-59M-59.999999999S` is -86 400 s + 1 ns, as in Neo4j (whose
        // `addTo` divides those seconds by 86 400): one day back.
        let date = Value::Date(Date(civil::date(2020, 1, 2)));
        let d = Duration::new(0, 0, -86_400, 1).unwrap();
        assert_eq!(both(date, &d).0, "date('2020-01-01')");
    }

    #[test]
    fn subtracting_a_duration_of_i64_min_is_an_error() {
        let date = Value::Date(Date(civil::date(2025, 1, 1)));
        let time = Value::LocalTime(LocalTime(civil::time(12, 0, 0, 0)));
        let dt = civil::date(2025, 1, 1).at(12, 0, 0, 0);
        let local = Value::LocalDateTime(LocalDateTime(dt));
        let zoned = Value::DateTime(DateTime::new(jiff::Timestamp::UNIX_EPOCH, TimeZone::UTC));
        let offset = Value::Time(Time::new(civil::time(12, 0, 0, 0), Offset::UTC));
        let min = i64::MIN;
        let durations = [
            Duration::new(min, 0, 0, 0).unwrap(),
            Duration::new(0, min, 0, 0).unwrap(),
            Duration::new(0, 0, min, 0).unwrap(),
        ];
        for t in [date, local, zoned] {
            for d in &durations {
                let got = shift(&t, d, true).unwrap();
                let err = got.expect_err(&format!("{t} - {d}"));
                assert!(err.to_string().contains("out of range"), "{err}");
            }
        }
        // A time of day takes only the seconds; its months are not negated.
        for t in [time, offset] {
            let err = shift(&t, &durations[2], true).unwrap().unwrap_err();
            assert!(err.to_string().contains("out of range"), "{err}");
            let months = shift(&t, &durations[0], true).unwrap().unwrap();
            assert_eq!(months, t);
        }
    }
}
