//! Reading a field of a temporal value: `d.year`, `t.hour`,
//! `dt.timezone`, `dur.minutesOfHour`. Each type has the fields Neo4j
//! gives it; a field name is matched without regard to case, and a name
//! the type does not have is an error ("No such field").

use super::format::write_offset;
use super::{Date, DateTime, Duration, LocalDateTime, LocalTime};
use crate::error::{Detail, Error, Result};
use crate::value::Value;
use jiff::civil;
use jiff::tz::Offset;

/// `v.key` for a temporal value `v`; `None` when `v` is not temporal.
pub(crate) fn field(v: &Value, key: &str) -> Option<Result<Value>> {
    let lower = key.to_ascii_lowercase();
    let found = match v {
        Value::Date(Date(d)) => date_field(*d, &lower),
        Value::LocalTime(LocalTime(t)) => time_field(*t, &lower),
        Value::Time(t) => time_field(t.time, &lower).or_else(|| offset_field(t.offset, &lower)),
        Value::LocalDateTime(LocalDateTime(dt)) => {
            date_field(dt.date(), &lower).or_else(|| time_field(dt.time(), &lower))
        }
        Value::DateTime(dt) => date_time_field(dt, &lower),
        Value::Duration(d) => match duration_field(d, &lower) {
            Ok(n) => n.map(Value::Int),
            Err(e) => return Some(Err(e)),
        },
        _ => return None,
    };
    Some(found.ok_or_else(|| {
        Error::argument(
            Detail::InvalidArgumentValue,
            format!("No such field: {key} (on a {})", v.type_name()),
        )
    }))
}

/// The fields of a calendar date.
fn date_field(d: civil::Date, key: &str) -> Option<Value> {
    let quarter = (i64::from(d.month()) - 1) / 3 + 1;
    let n = match key {
        "year" => i64::from(d.year()),
        "quarter" => quarter,
        "month" => i64::from(d.month()),
        "week" => i64::from(d.iso_week_date().week()),
        "weekyear" => i64::from(d.iso_week_date().year()),
        "dayofquarter" => {
            let first = d
                .with()
                .month((quarter as i8 - 1) * 3 + 1)
                .day(1)
                .build()
                .ok()?;
            i64::from(d.day_of_year() - first.day_of_year()) + 1
        }
        "dayofweek" | "weekday" => i64::from(d.weekday().to_monday_one_offset()),
        "ordinalday" => i64::from(d.day_of_year()),
        "day" => i64::from(d.day()),
        _ => return None,
    };
    Some(Value::Int(n))
}

/// The fields of a time of day.
fn time_field(t: civil::Time, key: &str) -> Option<Value> {
    let nanos = i64::from(t.subsec_nanosecond());
    let n = match key {
        "hour" => i64::from(t.hour()),
        "minute" => i64::from(t.minute()),
        "second" => i64::from(t.second()),
        "millisecond" => nanos / 1_000_000,
        "microsecond" => nanos / 1_000,
        "nanosecond" => nanos,
        _ => return None,
    };
    Some(Value::Int(n))
}

/// `Z` or `+01:00`.
fn offset_text(offset: Offset) -> String {
    let mut s = String::new();
    // Writing into a String cannot fail.
    let _ = write_offset(&mut s, offset);
    s
}

/// The offset fields of a time or date-time.
fn offset_field(offset: Offset, key: &str) -> Option<Value> {
    Some(match key {
        "timezone" | "offset" => Value::from(offset_text(offset)),
        "offsetminutes" => Value::Int(i64::from(offset.seconds() / 60)),
        "offsetseconds" => Value::Int(i64::from(offset.seconds())),
        _ => return None,
    })
}

/// The fields of a date-time: its date, time and offset as read in its
/// zone, the zone's name, and the instant since the Unix epoch.
fn date_time_field(dt: &DateTime, key: &str) -> Option<Value> {
    let civil = dt.civil();
    match key {
        "timezone" => Some(Value::from(match dt.zone_name() {
            Some(name) => name.to_string(),
            None => offset_text(dt.offset()),
        })),
        // Rounded down, as Java's `Instant` does before 1970 too.
        "epochseconds" => Some(Value::Int(
            i64::try_from(dt.instant.as_nanosecond().div_euclid(1_000_000_000)).ok()?,
        )),
        "epochmillis" => Some(Value::Int(
            i64::try_from(dt.instant.as_nanosecond().div_euclid(1_000_000)).ok()?,
        )),
        _ => date_field(civil.date(), key)
            .or_else(|| time_field(civil.time(), key))
            .or_else(|| offset_field(dt.offset(), key)),
    }
}

/// The fields of a duration, Neo4j's: each unit counts the whole
/// duration's part it belongs to (`minutes` is all the seconds in
/// minutes), `...Of...` the rest within the next larger unit. The
/// seconds are rounded down and the sub-seconds never negative, as in
/// Neo4j (the TCK's Temporal10 reads `PT-23H-59M-59.9S` as -86 400 seconds
/// and 100 000 000 nanoseconds). A total beyond an integer is an error.
fn duration_field(d: &Duration, key: &str) -> Result<Option<i64>> {
    let (months, days, seconds) = (d.months(), d.days(), d.seconds());
    let nanos = i64::from(d.nanos());
    let scaled = |per: i64, div: i64| {
        seconds
            .checked_mul(per)
            .and_then(|n| n.checked_add(nanos / div))
            .ok_or_else(|| {
                Error::argument(
                    Detail::InvalidArgumentValue,
                    format!("{key} of {d} is out of range"),
                )
            })
    };
    Ok(Some(match key {
        "years" => months / 12,
        "quarters" => months / 3,
        "months" => months,
        "weeks" => days / 7,
        "days" => days,
        "hours" => seconds / 3600,
        "minutes" => seconds / 60,
        "seconds" => seconds,
        "milliseconds" => scaled(1_000, 1_000_000)?,
        "microseconds" => scaled(1_000_000, 1_000)?,
        "nanoseconds" => scaled(1_000_000_000, 1)?,
        "quartersofyear" => months / 3 % 4,
        "monthsofquarter" => months % 3,
        "monthsofyear" => months % 12,
        "daysofweek" => days % 7,
        "minutesofhour" => seconds / 60 % 60,
        "secondsofminute" => seconds % 60,
        "millisecondsofsecond" => nanos / 1_000_000,
        "microsecondsofsecond" => nanos / 1_000,
        "nanosecondsofsecond" => nanos,
        _ => return Ok(None),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::temporal::Time;
    use jiff::tz::TimeZone;

    fn get(v: &Value, key: &str) -> Value {
        field(v, key).unwrap().unwrap()
    }

    #[test]
    fn dates_have_calendar_fields() {
        let d = Value::Date(Date(civil::date(1984, 11, 11)));
        let keys = [
            "year",
            "quarter",
            "month",
            "week",
            "weekYear",
            "day",
            "ordinalDay",
            "dayOfWeek",
            "dayOfQuarter",
        ];
        let got: Vec<Value> = keys.iter().map(|k| get(&d, k)).collect();
        let want = [1984, 4, 11, 45, 1984, 11, 316, 7, 42].map(Value::Int);
        assert_eq!(got, want);
        let new_year = Value::Date(Date(civil::date(2021, 1, 1)));
        assert_eq!(get(&new_year, "weekyear"), Value::Int(2020));
        assert_eq!(get(&new_year, "week"), Value::Int(53));
        assert!(field(&d, "hour").unwrap().is_err());
        assert!(field(&Value::Int(1), "year").is_none());
    }

    #[test]
    fn times_have_clock_and_offset_fields() {
        let offset = Offset::from_seconds(3600).unwrap();
        let t = Value::Time(Time::new(civil::time(12, 31, 14, 645_876_123), offset));
        let keys = [
            "hour",
            "minute",
            "second",
            "millisecond",
            "microsecond",
            "nanosecond",
        ];
        let got: Vec<Value> = keys.iter().map(|k| get(&t, k)).collect();
        let want = [12, 31, 14, 645, 645_876, 645_876_123].map(Value::Int);
        assert_eq!(got, want);
        assert_eq!(get(&t, "timezone"), Value::from("+01:00"));
        assert_eq!(get(&t, "offsetMinutes"), Value::Int(60));
        assert!(field(&t, "year").unwrap().is_err());
    }

    #[test]
    fn date_times_read_in_their_zone() {
        let zone = TimeZone::get("Europe/Stockholm").unwrap();
        let instant: jiff::Timestamp = "1984-11-11T11:31:14.645Z".parse().unwrap();
        let dt = Value::DateTime(DateTime::new(instant, zone));
        assert_eq!(get(&dt, "hour"), Value::Int(12));
        assert_eq!(get(&dt, "timezone"), Value::from("Europe/Stockholm"));
        assert_eq!(get(&dt, "offset"), Value::from("+01:00"));
        assert_eq!(get(&dt, "offsetSeconds"), Value::Int(3600));
        assert_eq!(get(&dt, "epochSeconds"), Value::Int(469_020_674));
        assert_eq!(get(&dt, "epochMillis"), Value::Int(469_020_674_645));
        let before: jiff::Timestamp = "1969-12-31T23:59:58.9995Z".parse().unwrap();
        let before = Value::DateTime(DateTime::new(before, TimeZone::UTC));
        assert_eq!(get(&before, "epochSeconds"), Value::Int(-2));
        assert_eq!(get(&before, "epochMillis"), Value::Int(-1001));
        let utc = Value::DateTime(DateTime::new(instant, TimeZone::UTC));
        assert_eq!(get(&utc, "timezone"), Value::from("Z"));
    }

    #[test]
    fn durations_count_whole_units_and_remainders() {
        let d = Value::Duration(Duration::new(16, 10, 3661, 111_111_111).unwrap());
        let keys = [
            "years",
            "quarters",
            "months",
            "weeks",
            "days",
            "hours",
            "minutes",
            "seconds",
            "milliseconds",
            "microseconds",
            "nanoseconds",
        ];
        let got: Vec<Value> = keys.iter().map(|k| get(&d, k)).collect();
        let want = [
            1,
            5,
            16,
            1,
            10,
            1,
            61,
            3661,
            3_661_111,
            3_661_111_111,
            3_661_111_111_111,
        ]
        .map(Value::Int);
        assert_eq!(got, want);
        let keys = [
            "quartersOfYear",
            "monthsOfQuarter",
            "monthsOfYear",
            "daysOfWeek",
            "minutesOfHour",
            "secondsOfMinute",
            "millisecondsOfSecond",
            "microsecondsOfSecond",
            "nanosecondsOfSecond",
        ];
        let got: Vec<Value> = keys.iter().map(|k| get(&d, k)).collect();
        let want = [1, 1, 4, 3, 1, 1, 111, 111_111, 111_111_111].map(Value::Int);
        assert_eq!(got, want);
    }

    #[test]
    fn negative_sub_seconds_read_as_neo4j_and_the_tck_do() {
        // `PT-0.5S`: -1 second and 500 000 000 nanoseconds.
        let half = Value::Duration(Duration::new(0, 0, 0, -500_000_000).unwrap());
        assert_eq!(get(&half, "seconds"), Value::Int(-1));
        assert_eq!(get(&half, "nanosecondsOfSecond"), Value::Int(500_000_000));
        assert_eq!(get(&half, "milliseconds"), Value::Int(-500));
        let d = Value::Duration(Duration::new(0, 0, -60, -500_000_000).unwrap());
        assert_eq!(get(&d, "secondsOfMinute"), Value::Int(-1));
    }

    #[test]
    fn an_overflowing_duration_total_is_out_of_range() {
        let d = Value::Duration(Duration::new(0, 0, i64::MAX, 0).unwrap());
        for key in ["milliseconds", "microseconds", "nanoseconds"] {
            let err = field(&d, key).unwrap().unwrap_err();
            assert!(err.to_string().contains("out of range"), "{err}");
        }
        assert_eq!(get(&d, "seconds"), Value::Int(i64::MAX));
    }
}
