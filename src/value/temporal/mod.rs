//! Temporal values: openCypher's `Date`, `LocalTime`, `Time`,
//! `LocalDateTime`, `DateTime` and `Duration`, on jiff's calendar and
//! time-zone arithmetic (zone data is bundled in the binary: no network,
//! no system tzdata).
//!
//! - this file: the types, their equality and order;
//! - [`format`]: `toString`, Neo4j's ISO 8601 form;
//! - [`parse`]: the same forms and the rest of ISO 8601 read back.
//!
//! Architecture Invariant: no calendar arithmetic is written here; every
//! day count, week number and zone offset comes from jiff.

mod format;
mod parse;

pub(crate) use parse::parse_value;

use jiff::civil;
use jiff::tz::{Offset, TimeZone};
use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

/// A calendar date without a time zone: `date('2025-04-01')`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub(crate) civil::Date);

/// A time of day without an offset: `localtime('12:30:00')`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalTime(pub(crate) civil::Time);

/// A time of day at an offset from UTC: `time('12:30:00+01:00')`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Time {
    pub(crate) time: civil::Time,
    pub(crate) offset: Offset,
}

/// A date and time without a time zone: `localdatetime('2025-04-01T12:30')`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalDateTime(pub(crate) civil::DateTime);

/// An instant in a time zone, a fixed offset (`+01:00`) or a named IANA
/// zone (`Europe/London`): `datetime('2025-04-01T12:30Z')`.
#[derive(Debug, Clone, PartialEq)]
pub struct DateTime {
    pub(crate) instant: jiff::Timestamp,
    pub(crate) zone: TimeZone,
}

/// An amount of time, its months, days and seconds kept apart as Cypher
/// does (a month has no fixed number of days, nor a day of seconds):
/// `duration('P1Y2M3DT4H')`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Duration(Box<DurationParts>);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct DurationParts {
    months: i64,
    days: i64,
    seconds: i64,
    /// `0..1_000_000_000`: the sign is carried by `seconds`.
    nanos: i32,
}

impl Date {
    /// The jiff date.
    pub fn civil(&self) -> civil::Date {
        self.0
    }
}

impl LocalTime {
    /// The jiff time of day.
    pub fn civil(&self) -> civil::Time {
        self.0
    }
}

impl Time {
    /// A time of day at an offset.
    pub fn new(time: civil::Time, offset: Offset) -> Time {
        Time { time, offset }
    }

    /// The time of day, as read at its offset.
    pub fn civil(&self) -> civil::Time {
        self.time
    }

    /// The offset from UTC.
    pub fn offset(&self) -> Offset {
        self.offset
    }

    /// Nanoseconds since midnight UTC (may fall outside one day): the
    /// position of this time on a common line, for comparison.
    fn utc_nanos(&self) -> i64 {
        nanos_of_day(self.time) - i64::from(self.offset.seconds()) * 1_000_000_000
    }
}

impl LocalDateTime {
    /// The jiff date and time.
    pub fn civil(&self) -> civil::DateTime {
        self.0
    }
}

impl DateTime {
    /// An instant in a zone.
    pub fn new(instant: jiff::Timestamp, zone: TimeZone) -> DateTime {
        DateTime { instant, zone }
    }

    /// The instant.
    pub fn instant(&self) -> jiff::Timestamp {
        self.instant
    }

    /// The time zone.
    pub fn zone(&self) -> &TimeZone {
        &self.zone
    }

    /// The IANA name of its zone, `None` for a fixed offset (jiff calls
    /// the zero offset `UTC`, which is written `Z`, not `[UTC]`).
    pub fn zone_name(&self) -> Option<&str> {
        match self.zone.to_fixed_offset() {
            Ok(_) => None,
            Err(_) => self.zone.iana_name(),
        }
    }

    /// The offset from UTC at this instant in its zone.
    pub fn offset(&self) -> Offset {
        self.zone.to_offset(self.instant)
    }

    /// The date and time as read in its zone.
    pub fn civil(&self) -> civil::DateTime {
        self.zone.to_datetime(self.instant)
    }
}

impl Duration {
    /// A duration of `months`, `days`, `seconds` and `nanos`; nanoseconds
    /// beyond a second carry into `seconds`. `None` when a part overflows.
    pub fn new(months: i64, days: i64, seconds: i64, nanos: i64) -> Option<Duration> {
        let seconds = seconds.checked_add(nanos.div_euclid(1_000_000_000))?;
        let nanos = nanos.rem_euclid(1_000_000_000) as i32;
        Some(Duration(Box::new(DurationParts {
            months,
            days,
            seconds,
            nanos,
        })))
    }

    /// Whole months (years count twelve).
    pub fn months(&self) -> i64 {
        self.0.months
    }

    /// Whole days (weeks count seven).
    pub fn days(&self) -> i64 {
        self.0.days
    }

    /// Whole seconds, rounded down (toward negative infinity).
    pub fn seconds(&self) -> i64 {
        self.0.seconds
    }

    /// The nanoseconds after [`Duration::seconds`], `0..1_000_000_000`.
    pub fn nanos(&self) -> i32 {
        self.0.nanos
    }
}

/// Nanoseconds since midnight.
pub(crate) fn nanos_of_day(t: civil::Time) -> i64 {
    (i64::from(t.hour()) * 3600 + i64::from(t.minute()) * 60 + i64::from(t.second()))
        * 1_000_000_000
        + i64::from(t.subsec_nanosecond())
}

/// The time of day `nanos` nanoseconds after midnight; `None` past the day.
pub(crate) fn time_of_nanos(nanos: u64) -> Option<civil::Time> {
    let second = nanos / 1_000_000_000;
    let (hour, minute, second) = (second / 3600, second / 60 % 60, second % 60);
    civil::Time::new(
        i8::try_from(hour).ok()?,
        minute as i8,
        second as i8,
        (nanos % 1_000_000_000) as i32,
    )
    .ok()
}

impl Time {
    /// Cypher `<` between times: by their instant on a common (UTC) line.
    pub(crate) fn cypher_cmp(&self, other: &Time) -> Ordering {
        self.utc_nanos().cmp(&other.utc_nanos())
    }
}

impl DateTime {
    /// Cypher `<` between date-times: by instant.
    pub(crate) fn cypher_cmp(&self, other: &DateTime) -> Ordering {
        self.instant.cmp(&other.instant)
    }

    /// `ORDER BY`: by instant, then by zone (so that values that are not
    /// `=` never sort as equal).
    pub(crate) fn order_cmp(&self, other: &DateTime) -> Ordering {
        self.instant
            .cmp(&other.instant)
            .then_with(|| self.offset().cmp(&other.offset()))
            .then_with(|| self.zone_name().cmp(&other.zone_name()))
    }
}

impl Time {
    /// `ORDER BY`: by instant, then by offset.
    pub(crate) fn order_cmp(&self, other: &Time) -> Ordering {
        self.cypher_cmp(other)
            .then_with(|| self.offset.cmp(&other.offset))
    }
}

impl Duration {
    /// `ORDER BY` between durations (not comparable with `<`): by months,
    /// days, seconds, nanoseconds.
    pub(crate) fn order_cmp(&self, other: &Duration) -> Ordering {
        let key = |d: &Duration| (d.0.months, d.0.days, d.0.seconds, d.0.nanos);
        key(self).cmp(&key(other))
    }
}

impl Hash for DateTime {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.instant.hash(state);
        self.offset().hash(state);
        self.zone_name().hash(state);
    }
}

impl Eq for DateTime {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_the_size_of_a_value() {
        assert!(std::mem::size_of::<DateTime>() <= 24);
        assert!(std::mem::size_of::<Time>() <= 24);
        assert_eq!(std::mem::size_of::<Duration>(), 8);
    }

    #[test]
    fn durations_carry_nanoseconds_into_seconds() {
        let d = Duration::new(0, 0, 1, -1).unwrap();
        assert_eq!((d.seconds(), d.nanos()), (0, 999_999_999));
        let d = Duration::new(0, 0, 0, 2_500_000_000).unwrap();
        assert_eq!((d.seconds(), d.nanos()), (2, 500_000_000));
    }

    #[test]
    fn times_compare_by_instant() {
        let t =
            |h, off: i32| Time::new(civil::time(h, 0, 0, 0), Offset::from_seconds(off).unwrap());
        assert_eq!(t(12, 3600).cypher_cmp(&t(11, 0)), Ordering::Equal);
        assert_eq!(t(12, 3600).cypher_cmp(&t(12, 0)), Ordering::Less);
    }
}
