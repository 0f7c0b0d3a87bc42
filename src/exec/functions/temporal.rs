//! Temporal functions: construction from strings, maps and other
//! temporal values, and the clocks. (Being built.)
use crate::error::Result;
use crate::exec::clock::Clock;
use crate::value::Value;

pub(super) fn date(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "date: not yet built".to_string(),
    ))
}

pub(super) fn date_realtime(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "date_realtime: not yet built".to_string(),
    ))
}

pub(super) fn date_statement(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "date_statement: not yet built".to_string(),
    ))
}

pub(super) fn date_transaction(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "date_transaction: not yet built".to_string(),
    ))
}

pub(super) fn localtime(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "localtime: not yet built".to_string(),
    ))
}

pub(super) fn localtime_realtime(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "localtime_realtime: not yet built".to_string(),
    ))
}

pub(super) fn localtime_statement(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "localtime_statement: not yet built".to_string(),
    ))
}

pub(super) fn localtime_transaction(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "localtime_transaction: not yet built".to_string(),
    ))
}

pub(super) fn time(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "time: not yet built".to_string(),
    ))
}

pub(super) fn time_realtime(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "time_realtime: not yet built".to_string(),
    ))
}

pub(super) fn time_statement(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "time_statement: not yet built".to_string(),
    ))
}

pub(super) fn time_transaction(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "time_transaction: not yet built".to_string(),
    ))
}

pub(super) fn localdatetime(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "localdatetime: not yet built".to_string(),
    ))
}

pub(super) fn localdatetime_realtime(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "localdatetime_realtime: not yet built".to_string(),
    ))
}

pub(super) fn localdatetime_statement(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "localdatetime_statement: not yet built".to_string(),
    ))
}

pub(super) fn localdatetime_transaction(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "localdatetime_transaction: not yet built".to_string(),
    ))
}

pub(super) fn datetime(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "datetime: not yet built".to_string(),
    ))
}

pub(super) fn datetime_realtime(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "datetime_realtime: not yet built".to_string(),
    ))
}

pub(super) fn datetime_statement(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "datetime_statement: not yet built".to_string(),
    ))
}

pub(super) fn datetime_transaction(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "datetime_transaction: not yet built".to_string(),
    ))
}

pub(super) fn datetime_fromepoch(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "datetime_fromepoch: not yet built".to_string(),
    ))
}

pub(super) fn datetime_fromepochmillis(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "datetime_fromepochmillis: not yet built".to_string(),
    ))
}

pub(super) fn duration(_args: &[Value], _clock: &Clock) -> Result<Value> {
    Err(crate::error::Error::type_error(
        "duration: not yet built".to_string(),
    ))
}
