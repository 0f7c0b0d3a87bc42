//! `:help` for the temporal functions, with an example on the bundled
//! graph, whose `sued` relationship was `filed: date('2025-04-01')`.

use super::{Topic, t};

/// The temporal functions: construction, clocks, truncation, durations.
pub(crate) const TEMPORAL: &[Topic] = &[
    t(
        "date",
        "date([string | map | temporal])",
        "a date: today's, or read from '2025-04-01', {year: 2025, month: 4, day: 1}, or another value",
        "MATCH ()-[r:sued]->() RETURN r.filed, r.filed.year, r.filed = date('2025-04-01');",
    ),
    t(
        "date.realtime",
        "date.realtime([timezone])",
        "today's date by the real clock, which moves during a statement",
        "MATCH ()-[r:sued]->() RETURN date.realtime() > r.filed;",
    ),
    t(
        "date.statement",
        "date.statement([timezone])",
        "today's date when the statement started (the same all through it); date() too",
        "MATCH ()-[r:sued]->() RETURN duration.inMonths(r.filed, date.statement()).months >= 0;",
    ),
    t(
        "date.transaction",
        "date.transaction([timezone])",
        "today's date when the transaction started",
        "MATCH ()-[r:sued]->() RETURN date.transaction() >= r.filed;",
    ),
    t(
        "date.truncate",
        "date.truncate(unit, temporal [, map])",
        "the date cut down to its millennium, century, decade, year, quarter, month, week or day",
        "MATCH ()-[r:sued]->() RETURN date.truncate('quarter', r.filed), date.truncate('year', r.filed);",
    ),
    t(
        "localtime",
        "localtime([string | map | temporal])",
        "a time of day without a zone: now, or read from '12:30', {hour: 12}, or another value",
        "MATCH (c:Company {name: 'OpenAI'}) RETURN c.name, localtime('09:30');",
    ),
    t(
        "localtime.realtime",
        "localtime.realtime([timezone])",
        "the time of day by the real clock",
        "RETURN localtime.realtime() IS NOT NULL;",
    ),
    t(
        "localtime.statement",
        "localtime.statement([timezone])",
        "the time of day when the statement started",
        "RETURN localtime.statement('Europe/London') IS NOT NULL;",
    ),
    t(
        "localtime.transaction",
        "localtime.transaction([timezone])",
        "the time of day when the transaction started",
        "RETURN localtime.transaction() IS NOT NULL;",
    ),
    t(
        "localtime.truncate",
        "localtime.truncate(unit, temporal [, map])",
        "the time cut down to its hour, minute, second, millisecond or microsecond",
        "RETURN localtime.truncate('hour', localtime('09:30:15'));",
    ),
    t(
        "time",
        "time([string | map | temporal])",
        "a time of day at an offset from UTC: now, or read from '12:30+01:00', a map, or another value",
        "RETURN time('09:30-07:00') < time('17:00Z');",
    ),
    t(
        "time.realtime",
        "time.realtime([timezone])",
        "the time of day and offset by the real clock",
        "RETURN time.realtime('Z').offset;",
    ),
    t(
        "time.statement",
        "time.statement([timezone])",
        "the time of day and offset when the statement started",
        "RETURN time.statement('+01:00').offset;",
    ),
    t(
        "time.transaction",
        "time.transaction([timezone])",
        "the time of day and offset when the transaction started",
        "RETURN time.transaction('Z').timezone;",
    ),
    t(
        "time.truncate",
        "time.truncate(unit, temporal [, map])",
        "the time at an offset cut down to its hour, minute, second...",
        "RETURN time.truncate('minute', time('09:30:15-07:00'));",
    ),
    t(
        "localdatetime",
        "localdatetime([string | map | temporal])",
        "a date and time without a zone: now, or read from '2025-04-01T09:30', a map, or another value",
        "MATCH ()-[r:sued]->() RETURN localdatetime({date: r.filed, hour: 9});",
    ),
    t(
        "localdatetime.realtime",
        "localdatetime.realtime([timezone])",
        "the date and time by the real clock",
        "MATCH ()-[r:sued]->() RETURN localdatetime.realtime() > localdatetime({date: r.filed});",
    ),
    t(
        "localdatetime.statement",
        "localdatetime.statement([timezone])",
        "the date and time when the statement started",
        "RETURN localdatetime.statement('Asia/Tokyo') IS NOT NULL;",
    ),
    t(
        "localdatetime.transaction",
        "localdatetime.transaction([timezone])",
        "the date and time when the transaction started",
        "RETURN localdatetime.transaction() IS NOT NULL;",
    ),
    t(
        "localdatetime.truncate",
        "localdatetime.truncate(unit, temporal [, map])",
        "the date and time cut down to a unit, from millennium to microsecond",
        "RETURN localdatetime.truncate('day', localdatetime('2025-04-01T09:30'));",
    ),
    t(
        "datetime",
        "datetime([string | map | temporal])",
        "an instant in a time zone: now, or read from '2025-04-01T09:30-07:00[America/Los_Angeles]', a map, or another value",
        "MATCH ()-[r:sued]->() RETURN datetime({date: r.filed, timezone: 'America/New_York'});",
    ),
    t(
        "datetime.realtime",
        "datetime.realtime([timezone])",
        "the instant by the real clock, in UTC or the zone given",
        "MATCH ()-[r:sued]->() RETURN datetime.realtime() > datetime({date: r.filed});",
    ),
    t(
        "datetime.statement",
        "datetime.statement([timezone])",
        "the instant the statement started",
        "RETURN datetime.statement('Europe/London').timezone;",
    ),
    t(
        "datetime.transaction",
        "datetime.transaction([timezone])",
        "the instant the transaction started",
        "RETURN datetime.transaction() <= datetime.realtime();",
    ),
    t(
        "datetime.truncate",
        "datetime.truncate(unit, temporal [, map])",
        "the instant cut down to a unit, from millennium to microsecond, in its zone",
        "RETURN datetime.truncate('month', datetime('2025-04-17T09:30Z'));",
    ),
    t(
        "datetime.fromepoch",
        "datetime.fromepoch(seconds, nanoseconds)",
        "the UTC instant that many seconds and nanoseconds after 1970-01-01",
        "RETURN datetime.fromepoch(1743465600, 0);",
    ),
    t(
        "datetime.fromepochmillis",
        "datetime.fromepochmillis(milliseconds)",
        "the UTC instant that many milliseconds after 1970-01-01",
        "RETURN datetime.fromepochmillis(1743465600000);",
    ),
    t(
        "timestamp",
        "timestamp()",
        "milliseconds since 1970-01-01 UTC when the statement started (the same all through it)",
        "MATCH ()-[r:sued]->() RETURN timestamp() > datetime({date: r.filed}).epochMillis;",
    ),
    t(
        "duration",
        "duration(string | map)",
        "an amount of time, its months, days and seconds apart: 'P1Y2M3DT4H', {months: 14, days: 3}",
        "MATCH ()-[r:sued]->() RETURN r.filed + duration('P1M'), duration({days: 30}).days;",
    ),
    t(
        "duration.between",
        "duration.between(from, to)",
        "the duration from one temporal value to another, in months, days and seconds",
        "MATCH ()-[r:sued]->() RETURN duration.between(date('2024-01-01'), r.filed);",
    ),
    t(
        "duration.inMonths",
        "duration.inMonths(from, to)",
        "the whole months (and years) from one temporal value to another",
        "MATCH ()-[r:sued]->() RETURN duration.inMonths(date('2024-01-01'), r.filed);",
    ),
    t(
        "duration.inDays",
        "duration.inDays(from, to)",
        "the whole days (and weeks) from one temporal value to another",
        "MATCH ()-[r:sued]->() RETURN duration.inDays(date('2025-01-01'), r.filed).days;",
    ),
    t(
        "duration.inSeconds",
        "duration.inSeconds(from, to)",
        "the hours, minutes and seconds from one temporal value to another",
        "MATCH ()-[r:sued]->() RETURN duration.inSeconds(datetime({date: r.filed}), datetime('2025-04-01T09:30Z'));",
    ),
];
