//! Temporal functions: truncation and durations between instants.
//! (Being built.)
use crate::error::Result;
use crate::exec::clock::Clock;
use crate::value::Value;

pub(super) fn date_truncate(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "date_truncate: not yet built".to_string(),
    ))
}

pub(super) fn localtime_truncate(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "localtime_truncate: not yet built".to_string(),
    ))
}

pub(super) fn time_truncate(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "time_truncate: not yet built".to_string(),
    ))
}

pub(super) fn localdatetime_truncate(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "localdatetime_truncate: not yet built".to_string(),
    ))
}

pub(super) fn datetime_truncate(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "datetime_truncate: not yet built".to_string(),
    ))
}

pub(super) fn duration_between(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "duration_between: not yet built".to_string(),
    ))
}

pub(super) fn duration_in_months(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "duration_in_months: not yet built".to_string(),
    ))
}

pub(super) fn duration_in_days(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "duration_in_days: not yet built".to_string(),
    ))
}

pub(super) fn duration_in_seconds(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "duration_in_seconds: not yet built".to_string(),
    ))
}
