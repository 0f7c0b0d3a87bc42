//! Temporal functions that compute from values: `<type>.truncate` and the
//! `duration.*` differences. The work is in [`crate::value::temporal`]'s
//! `truncate` and `between`; here are the clock's default zone and the
//! argument lists.
use crate::error::Result;
use crate::exec::clock::Clock;
use crate::value::Value;
use crate::value::temporal::between::{Measure, between};
use crate::value::temporal::truncate::{Target, truncate};

fn truncate_as(target: Target, args: &[Value], clock: &Clock) -> Result<Value> {
    truncate(target, args, &clock.zone, clock.statement)
}

/// `date.truncate(unit, value[, map])`
pub(super) fn date_truncate(args: &[Value], clock: &Clock) -> Result<Value> {
    truncate_as(Target::Date, args, clock)
}

/// `localtime.truncate(unit, value[, map])`
pub(super) fn localtime_truncate(args: &[Value], clock: &Clock) -> Result<Value> {
    truncate_as(Target::LocalTime, args, clock)
}

/// `time.truncate(unit, value[, map])`
pub(super) fn time_truncate(args: &[Value], clock: &Clock) -> Result<Value> {
    truncate_as(Target::Time, args, clock)
}

/// `localdatetime.truncate(unit, value[, map])`
pub(super) fn localdatetime_truncate(args: &[Value], clock: &Clock) -> Result<Value> {
    truncate_as(Target::LocalDateTime, args, clock)
}

/// `datetime.truncate(unit, value[, map])`
pub(super) fn datetime_truncate(args: &[Value], clock: &Clock) -> Result<Value> {
    truncate_as(Target::DateTime, args, clock)
}

/// `duration.between(from, to)`: months, then days, then seconds.
pub(super) fn duration_between(args: &[Value], _clock: &Clock) -> Result<Value> {
    between(Measure::Between, &args[0], &args[1])
}

/// `duration.inMonths(from, to)`
pub(super) fn duration_in_months(args: &[Value], _clock: &Clock) -> Result<Value> {
    between(Measure::Months, &args[0], &args[1])
}

/// `duration.inDays(from, to)`
pub(super) fn duration_in_days(args: &[Value], _clock: &Clock) -> Result<Value> {
    between(Measure::Days, &args[0], &args[1])
}

/// `duration.inSeconds(from, to)`
pub(super) fn duration_in_seconds(args: &[Value], _clock: &Clock) -> Result<Value> {
    between(Measure::Seconds, &args[0], &args[1])
}
