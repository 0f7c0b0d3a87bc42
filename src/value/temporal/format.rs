//! `toString` of temporal values: ISO 8601 as Neo4j writes it.
//!
//! Seconds are left out when they and the fraction are zero (`12:31`), a
//! fraction has 3, 6 or 9 digits, an offset of zero is `Z`, a named zone
//! follows in brackets, and a duration writes each non-zero part with its
//! own sign (`P-1Y-8M`, `PT-0.5S`), hours not folded into days.

use super::{Date, DateTime, Duration, LocalDateTime, LocalTime, Time};
use jiff::civil;
use jiff::tz::Offset;
use std::fmt::{self, Write};

fn write_date(f: &mut impl Write, d: civil::Date) -> fmt::Result {
    let year = d.year();
    match year {
        0..=9999 => write!(f, "{year:04}")?,
        10000.. => write!(f, "+{year}")?,
        _ => write!(f, "-{:04}", -i32::from(year))?,
    }
    write!(f, "-{:02}-{:02}", d.month(), d.day())
}

fn write_time(f: &mut impl Write, t: civil::Time) -> fmt::Result {
    write!(f, "{:02}:{:02}", t.hour(), t.minute())?;
    let nanos = t.subsec_nanosecond();
    if t.second() == 0 && nanos == 0 {
        return Ok(());
    }
    write!(f, ":{:02}", t.second())?;
    if nanos == 0 {
        Ok(())
    } else if nanos % 1_000_000 == 0 {
        write!(f, ".{:03}", nanos / 1_000_000)
    } else if nanos % 1_000 == 0 {
        write!(f, ".{:06}", nanos / 1_000)
    } else {
        write!(f, ".{nanos:09}")
    }
}

/// `Z`, or `+01:00` (`+05:45:30` with seconds).
pub(crate) fn write_offset(f: &mut impl Write, offset: Offset) -> fmt::Result {
    let total = offset.seconds();
    if total == 0 {
        return f.write_char('Z');
    }
    let sign = if total < 0 { '-' } else { '+' };
    let abs = total.unsigned_abs();
    write!(f, "{sign}{:02}:{:02}", abs / 3600, abs / 60 % 60)?;
    if abs % 60 != 0 {
        write!(f, ":{:02}", abs % 60)?;
    }
    Ok(())
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_date(f, self.0)
    }
}

impl fmt::Display for LocalTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_time(f, self.0)
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_time(f, self.time)?;
        write_offset(f, self.offset)
    }
}

impl fmt::Display for LocalDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_date(f, self.0.date())?;
        f.write_char('T')?;
        write_time(f, self.0.time())
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let civil = self.civil();
        write_date(f, civil.date())?;
        f.write_char('T')?;
        write_time(f, civil.time())?;
        write_offset(f, self.offset())?;
        if let Some(name) = self.zone_name() {
            write!(f, "[{name}]")?;
        }
        Ok(())
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (years, months) = (self.months() / 12, self.months() % 12);
        let total = i128::from(self.seconds()) * 1_000_000_000 + i128::from(self.nanos());
        let hours = total / 3_600_000_000_000;
        let minutes = total / 60_000_000_000 % 60;
        let rest = total % 60_000_000_000;
        f.write_char('P')?;
        for (n, unit) in [(years, 'Y'), (months, 'M'), (self.days(), 'D')] {
            if n != 0 {
                write!(f, "{n}{unit}")?;
            }
        }
        if hours == 0 && minutes == 0 && rest == 0 {
            if self.months() == 0 && self.days() == 0 {
                f.write_str("T0S")?;
            }
            return Ok(());
        }
        f.write_char('T')?;
        for (n, unit) in [(hours, 'H'), (minutes, 'M')] {
            if n != 0 {
                write!(f, "{n}{unit}")?;
            }
        }
        if rest != 0 {
            let sign = if rest < 0 { "-" } else { "" };
            let abs = rest.unsigned_abs();
            let (secs, nanos) = (abs / 1_000_000_000, abs % 1_000_000_000);
            write!(f, "{sign}{secs}")?;
            if nanos != 0 {
                let digits = format!("{nanos:09}");
                write!(f, ".{}", digits.trim_end_matches('0'))?;
            }
            f.write_char('S')?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duration(months: i64, days: i64, seconds: i64, nanos: i64) -> String {
        Duration::new(months, days, seconds, nanos)
            .unwrap()
            .to_string()
    }

    #[test]
    fn durations_write_each_part_with_its_sign() {
        assert_eq!(duration(0, 0, 0, 0), "PT0S");
        assert_eq!(duration(149, 14, 58390, 0), "P12Y5M14DT16H13M10S");
        assert_eq!(duration(-20, 0, 0, 0), "P-1Y-8M");
        assert_eq!(duration(0, 0, 0, -300_000_000), "PT-0.3S");
        assert_eq!(duration(0, 0, -599, -400_000_000), "PT-9M-59.4S");
        assert_eq!(duration(2, -28, 113_900, 0), "P2M-28DT31H38M20S");
        assert_eq!(duration(0, 14, 70, 1), "P14DT1M10.000000001S");
    }

    #[test]
    fn times_drop_zero_seconds_and_group_fractions_by_three() {
        let t = |h, m, s, n| LocalTime(civil::time(h, m, s, n)).to_string();
        assert_eq!(t(12, 31, 0, 0), "12:31");
        assert_eq!(t(12, 31, 14, 0), "12:31:14");
        assert_eq!(t(12, 31, 14, 645_000_000), "12:31:14.645");
        assert_eq!(t(12, 31, 14, 645_876_000), "12:31:14.645876");
        assert_eq!(t(12, 31, 14, 645_876_123), "12:31:14.645876123");
    }

    #[test]
    fn offsets_and_zones() {
        let stockholm = jiff::tz::TimeZone::get("Europe/Stockholm").unwrap();
        let instant: jiff::Timestamp = "1984-10-11T11:31:14Z".parse().unwrap();
        assert_eq!(
            DateTime::new(instant, stockholm).to_string(),
            "1984-10-11T12:31:14+01:00[Europe/Stockholm]"
        );
        let utc = jiff::tz::TimeZone::fixed(Offset::UTC);
        assert_eq!(
            DateTime::new(instant, utc).to_string(),
            "1984-10-11T11:31:14Z"
        );
        let odd = Offset::from_seconds(-(2 * 3600 + 5 * 60 + 59)).unwrap();
        let time = Time::new(civil::time(8, 0, 0, 0), odd);
        assert_eq!(time.to_string(), "08:00-02:05:59");
        assert_eq!(Date(civil::date(-1, 1, 1)).to_string(), "-0001-01-01");
    }
}
