//! Temporal values from their parts: a date from calendar, week, ordinal
//! or quarter fields, a time of day, a zone from its name or offset, a
//! date-time placed in a zone, a duration summed from amounts of units.
//! Both the string parser ([`super::parse`]) and the map constructors
//! ([`super::construct_map`]) build their values here; every calendar
//! rule comes from jiff.

use super::{Date, DateTime, Duration, LocalDateTime, LocalTime, Time, nanos_of_day};
use crate::error::{Detail, Error, Result};
use crate::value::Value;
use jiff::Timestamp;
use jiff::civil::{self, ISOWeekDate, Weekday};
use jiff::tz::{Offset, TimeZone};

/// The five temporal types that are instants or calendar positions (a
/// duration is built apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `date`
    Date,
    /// `localtime`
    LocalTime,
    /// `time`
    Time,
    /// `localdatetime`
    LocalDateTime,
    /// `datetime`
    DateTime,
}

impl Kind {
    /// The Cypher type name, as error messages write it.
    pub(crate) fn type_name(self) -> &'static str {
        match self {
            Kind::Date => "Date",
            Kind::LocalTime => "LocalTime",
            Kind::Time => "Time",
            Kind::LocalDateTime => "LocalDateTime",
            Kind::DateTime => "DateTime",
        }
    }

    /// Whether values of this kind have a date.
    pub(crate) fn has_date(self) -> bool {
        matches!(self, Kind::Date | Kind::LocalDateTime | Kind::DateTime)
    }

    /// Whether values of this kind have a time of day.
    pub(crate) fn has_time(self) -> bool {
        !matches!(self, Kind::Date)
    }
}

/// What a value is built relative to: the zone of values given without
/// one, and the instant that says which offset a named zone has when no
/// date says it (a `time` in `Europe/London`).
#[derive(Debug, Clone)]
pub(crate) struct Context {
    /// The default zone (UTC unless the statement says otherwise).
    pub zone: TimeZone,
    /// Now, as the statement's clock reads it.
    pub now: Timestamp,
}

impl Context {
    /// UTC, now.
    pub(crate) fn utc_now() -> Context {
        Context {
            zone: TimeZone::UTC,
            now: Timestamp::now(),
        }
    }
}

/// An `ArgumentError` (`InvalidArgumentValue`): a temporal value cannot
/// be built from what was given.
pub(crate) fn invalid(message: impl Into<String>) -> Error {
    Error::argument(Detail::InvalidArgumentValue, message)
}

/// A date as its fields say it, in one of the four ways of writing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateFields {
    /// Year, month (1-12), day of month.
    Calendar { year: i64, month: i64, day: i64 },
    /// ISO week-year, week (1-53), day of week (1 = Monday).
    Week { year: i64, week: i64, day: i64 },
    /// Year and day of the year (1-366).
    Ordinal { year: i64, day: i64 },
    /// Year, quarter (1-4) and day of the quarter (1-92).
    Quarter { year: i64, quarter: i64, day: i64 },
}

/// `n` as the narrower integer `T`, or an error naming `what`.
fn narrow<T: TryFrom<i64>>(what: &str, n: i64) -> Result<T> {
    T::try_from(n).map_err(|_| invalid(format!("{what} {n} is out of range")))
}

/// A jiff range error, in the words of the value being built.
fn out_of_range(what: &str, e: jiff::Error) -> Error {
    invalid(format!("invalid {what}: {e}"))
}

/// The date the fields name; an error if no such date exists (month 13,
/// February 30th, week 53 of a short year, a year outside -9999..=9999).
pub(crate) fn build_date(fields: DateFields) -> Result<civil::Date> {
    let date = |e| out_of_range("date", e);
    match fields {
        DateFields::Calendar { year, month, day } => civil::Date::new(
            narrow("year", year)?,
            narrow("month", month)?,
            narrow("day", day)?,
        )
        .map_err(date),
        DateFields::Week { year, week, day } => {
            let weekday = Weekday::from_monday_one_offset(narrow("dayOfWeek", day)?)
                .map_err(|e| out_of_range("day of week", e))?;
            ISOWeekDate::new(narrow("year", year)?, narrow("week", week)?, weekday)
                .map(ISOWeekDate::date)
                .map_err(date)
        }
        DateFields::Ordinal { year, day } => {
            let day = narrow("ordinalDay", day)?;
            civil::Date::new(narrow("year", year)?, 1, 1)
                .and_then(|first| first.with().day_of_year(day).build())
                .map_err(date)
        }
        DateFields::Quarter { year, quarter, day } => {
            if !(1..=4).contains(&quarter) {
                return Err(invalid(format!("quarter {quarter} is not in 1..=4")));
            }
            let first = civil::Date::new(narrow("year", year)?, (quarter as i8 - 1) * 3 + 1, 1)
                .map_err(date)?;
            let last = civil::Date::new(first.year(), first.month() + 2, 1)
                .map_err(date)?
                .last_of_month();
            let length = i64::from(last.day_of_year() - first.day_of_year()) + 1;
            if !(1..=length).contains(&day) {
                return Err(invalid(format!(
                    "dayOfQuarter {day} is not in 1..={length} for quarter {quarter} of {year}"
                )));
            }
            first
                .with()
                .day_of_year(first.day_of_year() + day as i16 - 1)
                .build()
                .map_err(date)
        }
    }
}

/// The quarter (1-4) of `date` and its day in the quarter.
pub(crate) fn quarter_of(date: civil::Date) -> (i64, i64) {
    let quarter = (date.month() - 1) / 3 + 1;
    let first = date.with().month((quarter - 1) * 3 + 1).day(1).build();
    let day = match first {
        Ok(first) => date.day_of_year() - first.day_of_year() + 1,
        Err(_) => 1,
    };
    (i64::from(quarter), i64::from(day))
}

/// The time of day `hour:minute:second` and `nanos` nanoseconds.
pub(crate) fn build_time(hour: i64, minute: i64, second: i64, nanos: i64) -> Result<civil::Time> {
    civil::Time::new(
        narrow("hour", hour)?,
        narrow("minute", minute)?,
        narrow("second", second)?,
        narrow("nanosecond", nanos)?,
    )
    .map_err(|e| out_of_range("time", e))
}

/// The offset `seconds` east of UTC, at most 18 hours either way (as
/// Neo4j allows).
pub(crate) fn build_offset(seconds: i64) -> Result<Offset> {
    if seconds.abs() > 18 * 3600 {
        return Err(invalid(format!(
            "offset {seconds}s is beyond 18 hours from UTC"
        )));
    }
    Offset::from_seconds(seconds as i32).map_err(|e| out_of_range("offset", e))
}

/// The zone a `timezone` string names: an offset (`+01:00`, `-0530`,
/// `Z`) or an IANA name (`Europe/Stockholm`).
pub(crate) fn zone_named(text: &str) -> Result<TimeZone> {
    if let Some(seconds) = super::parse::offset_text(text) {
        return Ok(TimeZone::fixed(build_offset(seconds)?));
    }
    TimeZone::get(text).map_err(|_| invalid(format!("unknown time zone {text:?}")))
}

/// The instant at which the wall clock in `zone` reads `dt` (in a gap or
/// a fold, as `java.time` resolves it: the earlier offset).
pub(crate) fn instant_in(dt: civil::DateTime, zone: &TimeZone) -> Result<Timestamp> {
    zone.to_timestamp(dt)
        .map_err(|e| out_of_range("date and time", e))
}

/// The date-time `dt` read in `source` (if it has a zone), then seen in
/// `target` (if one is asked for); the default zone if neither.
pub(crate) fn place(
    dt: civil::DateTime,
    source: Option<TimeZone>,
    target: Option<TimeZone>,
    ctx: &Context,
) -> Result<DateTime> {
    let (read_in, shown_in) = match (source, target) {
        (Some(source), Some(target)) => (source, target),
        (Some(zone), None) | (None, Some(zone)) => (zone.clone(), zone),
        (None, None) => (ctx.zone.clone(), ctx.zone.clone()),
    };
    Ok(DateTime::new(instant_in(dt, &read_in)?, shown_in))
}

/// The offset of `zone` at `at` (a fixed offset is its own).
pub(crate) fn offset_at(zone: &TimeZone, at: Timestamp) -> Offset {
    zone.to_offset(at)
}

/// The time of day `t` at offset `source` (if it has one), then moved to
/// the offset of `target` (if one is asked for); the default zone's offset
/// now if neither.
pub(crate) fn place_time(
    t: civil::Time,
    source: Option<Offset>,
    target: Option<TimeZone>,
    ctx: &Context,
) -> Time {
    let target = target.map(|zone| offset_at(&zone, ctx.now));
    match (source, target) {
        (Some(source), Some(target)) => {
            const DAY: i64 = 86_400 * 1_000_000_000;
            let shift = i64::from(target.seconds() - source.seconds()) * 1_000_000_000;
            let nanos = (nanos_of_day(t) + shift).rem_euclid(DAY) as u64;
            Time::new(super::time_of_nanos(nanos).unwrap_or(t), target)
        }
        (Some(offset), None) | (None, Some(offset)) => Time::new(t, offset),
        (None, None) => Time::new(t, offset_at(&ctx.zone, ctx.now)),
    }
}

/// The value of `kind` that is now at `instant` in `zone`.
pub(crate) fn current(kind: Kind, zone: TimeZone, instant: Timestamp) -> Value {
    let civil = zone.to_datetime(instant);
    match kind {
        Kind::Date => Value::Date(Date(civil.date())),
        Kind::LocalTime => Value::LocalTime(LocalTime(civil.time())),
        Kind::Time => Value::Time(Time::new(civil.time(), zone.to_offset(instant))),
        Kind::LocalDateTime => Value::LocalDateTime(LocalDateTime(civil)),
        Kind::DateTime => Value::DateTime(DateTime::new(instant, zone)),
    }
}

/// An amount of a duration unit: whole, or with a fraction that cascades
/// into the smaller units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Amount {
    /// A whole number of the unit.
    Int(i64),
    /// A number of the unit with a fraction.
    Float(f64),
}

/// The units a duration is given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Years,
    Months,
    Weeks,
    Days,
    Hours,
    Minutes,
    Seconds,
    Milliseconds,
    Microseconds,
    Nanoseconds,
}

const NANOS_PER_DAY: i128 = 86_400 * 1_000_000_000;
/// The average month (a 400-year Gregorian cycle's), in nanoseconds: what
/// a fraction of a month is worth (Neo4j's rule: `{months: 0.75}` is 22
/// days and 71509.5 seconds).
const NANOS_PER_MONTH: i128 = 2_629_746 * 1_000_000_000;

impl Unit {
    /// Nanoseconds in one of a unit of time (hours and smaller).
    fn nanos(self) -> i128 {
        match self {
            Unit::Hours => 3_600_000_000_000,
            Unit::Minutes => 60_000_000_000,
            Unit::Seconds => 1_000_000_000,
            Unit::Milliseconds => 1_000_000,
            Unit::Microseconds => 1_000,
            _ => 1,
        }
    }
}

/// A duration being summed from amounts of units: months, days and
/// nanoseconds kept apart, as Cypher keeps them.
#[derive(Debug, Default)]
pub(crate) struct DurationSum {
    months: i128,
    days: i128,
    nanos: i128,
}

/// A float amount as an integer, refused when it is not finite or too
/// large for any duration.
fn whole(x: f64) -> Result<i128> {
    if !x.is_finite() || x.abs() >= 1e30 {
        let x = crate::value::format_float(x);
        return Err(invalid(format!("{x} is out of range for a duration")));
    }
    Ok(x as i128)
}

impl DurationSum {
    /// Adds `amount` of `unit`; a fraction of a month becomes days and
    /// nanoseconds (at the average month), of a day nanoseconds.
    pub(crate) fn add(&mut self, unit: Unit, amount: Amount) -> Result<()> {
        let x = match amount {
            Amount::Int(n) => {
                let n = i128::from(n);
                match unit {
                    Unit::Years => self.months += n * 12,
                    Unit::Months => self.months += n,
                    Unit::Weeks => self.days += n * 7,
                    Unit::Days => self.days += n,
                    _ => self.nanos += n * unit.nanos(),
                }
                return Ok(());
            }
            Amount::Float(x) => x,
        };
        match unit {
            Unit::Years => self.add(Unit::Months, Amount::Float(x * 12.0)),
            Unit::Weeks => self.add(Unit::Days, Amount::Float(x * 7.0)),
            Unit::Months => {
                let months = whole(x)?;
                self.months += months;
                let rest = whole(((x - months as f64) * NANOS_PER_MONTH as f64).round())?;
                self.days += rest / NANOS_PER_DAY;
                self.nanos += rest % NANOS_PER_DAY;
                Ok(())
            }
            Unit::Days => {
                let days = whole(x)?;
                self.days += days;
                self.nanos += whole(((x - days as f64) * NANOS_PER_DAY as f64).round())?;
                Ok(())
            }
            _ => {
                self.nanos += whole((x * unit.nanos() as f64).round())?;
                Ok(())
            }
        }
    }

    /// The duration summed; an error if a part does not fit.
    pub(crate) fn finish(self) -> Result<Duration> {
        let too_big = || invalid("the duration is out of range");
        let months = i64::try_from(self.months).map_err(|_| too_big())?;
        let days = i64::try_from(self.days).map_err(|_| too_big())?;
        let seconds = i64::try_from(self.nanos.div_euclid(1_000_000_000)).map_err(|_| too_big())?;
        let nanos = self.nanos.rem_euclid(1_000_000_000) as i64;
        Duration::new(months, days, seconds, nanos).ok_or_else(too_big)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(fields: DateFields) -> String {
        match build_date(fields) {
            Ok(d) => Date(d).to_string(),
            Err(e) => format!("{}: {}", e.kind, e.message),
        }
    }

    #[test]
    fn dates_from_each_way_of_writing_them() {
        use DateFields::*;
        let (year, week, day) = (1817, 1, 2);
        assert_eq!(date(Week { year, week, day }), "1816-12-31");
        assert_eq!(
            date(Ordinal {
                year: 1984,
                day: 202
            }),
            "1984-07-20"
        );
        let q = |quarter, day| {
            date(Quarter {
                year: 1984,
                quarter,
                day,
            })
        };
        assert_eq!(q(3, 45), "1984-08-14");
        assert_eq!(q(1, 91), "1984-03-31");
        assert_eq!(
            q(1, 92),
            "ArgumentError: dayOfQuarter 92 is not in 1..=91 for quarter 1 of 1984"
        );
        assert_eq!(quarter_of(civil::date(1984, 11, 11)), (4, 42));
        assert!(
            date(Calendar {
                year: 1984,
                month: 13,
                day: 1
            })
            .starts_with("ArgumentError")
        );
        assert!(
            date(Calendar {
                year: 99999,
                month: 1,
                day: 1
            })
            .starts_with("ArgumentError")
        );
    }

    fn duration(parts: &[(Unit, Amount)]) -> String {
        let mut sum = DurationSum::default();
        for (unit, amount) in parts {
            sum.add(*unit, *amount).unwrap();
        }
        sum.finish().unwrap().to_string()
    }

    #[test]
    fn fractions_cascade_into_smaller_units() {
        use Amount::*;
        assert_eq!(duration(&[(Unit::Months, Float(0.75))]), "P22DT19H51M49.5S");
        assert_eq!(duration(&[(Unit::Weeks, Float(2.5))]), "P17DT12H");
        let parts = [(Unit::Months, Int(5)), (Unit::Days, Float(1.5))];
        assert_eq!(duration(&parts), "P5M1DT12H");
        let parts = [(Unit::Minutes, Float(1.5)), (Unit::Seconds, Int(1))];
        assert_eq!(duration(&parts), "PT1M31S");
        assert_eq!(duration(&[(Unit::Years, Float(-0.5))]), "P-6M");
    }
}
