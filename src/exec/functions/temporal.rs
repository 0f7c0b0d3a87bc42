//! Temporal functions: construction from strings, maps and other
//! temporal values (`date(x)`, `duration(x)`, ...), the clocks
//! (`date.statement()`, ...) and instants from the epoch. The values are
//! built in `value::temporal`; this file reads the arguments and the
//! clock.
use super::{int_arg, num_arg, out_of_range};
use crate::error::Result;
use crate::exec::clock::Clock;
use crate::value::Value;
use crate::value::temporal::{self, Context, Kind};
use jiff::Timestamp;

/// The context a statement's values are built in: its default zone and
/// its clock.
fn context(clock: &Clock) -> Context {
    Context {
        zone: clock.zone.clone(),
        now: clock.statement,
    }
}

/// `kind(x)`: see [`temporal::construct`].
fn build(kind: Kind, args: &[Value], clock: &Clock) -> Result<Value> {
    temporal::construct(kind, args.first(), &context(clock))
}

/// `kind.statement(zone)` and the like: the value at `instant`.
fn at(kind: Kind, args: &[Value], clock: &Clock, instant: Timestamp) -> Result<Value> {
    temporal::current_in(kind, args.first(), instant, &context(clock))
}

/// Declares, for one kind, `kind(x)` and its three clock functions.
macro_rules! constructors {
    ($kind:expr, $build:ident, $statement:ident, $transaction:ident, $realtime:ident) => {
        #[doc = concat!("`", stringify!($build), "(x)`.")]
        pub(super) fn $build(args: &[Value], clock: &Clock) -> Result<Value> {
            build($kind, args, clock)
        }

        #[doc = concat!("`", stringify!($build), ".statement(zone)`: the statement's clock.")]
        pub(super) fn $statement(args: &[Value], clock: &Clock) -> Result<Value> {
            at($kind, args, clock, clock.statement)
        }

        #[doc = concat!("`", stringify!($build), ".transaction(zone)`: the transaction's clock.")]
        pub(super) fn $transaction(args: &[Value], clock: &Clock) -> Result<Value> {
            at($kind, args, clock, clock.transaction)
        }

        #[doc = concat!("`", stringify!($build), ".realtime(zone)`: the system clock, now.")]
        pub(super) fn $realtime(args: &[Value], clock: &Clock) -> Result<Value> {
            at($kind, args, clock, clock.realtime())
        }
    };
}

constructors!(
    Kind::Date,
    date,
    date_statement,
    date_transaction,
    date_realtime
);
constructors!(
    Kind::LocalTime,
    localtime,
    localtime_statement,
    localtime_transaction,
    localtime_realtime
);
constructors!(
    Kind::Time,
    time,
    time_statement,
    time_transaction,
    time_realtime
);
constructors!(
    Kind::LocalDateTime,
    localdatetime,
    localdatetime_statement,
    localdatetime_transaction,
    localdatetime_realtime
);
constructors!(
    Kind::DateTime,
    datetime,
    datetime_statement,
    datetime_transaction,
    datetime_realtime
);

/// `datetime.fromepoch(seconds, nanoseconds)`, in UTC.
pub(super) fn datetime_fromepoch(args: &[Value], _clock: &Clock) -> Result<Value> {
    let seconds = whole("datetime.fromepoch", &args[0])?;
    let nanos = whole("datetime.fromepoch", &args[1])?;
    temporal::from_epoch(seconds, nanos)
}

/// `datetime.fromepochmillis(milliseconds)`, in UTC.
pub(super) fn datetime_fromepochmillis(args: &[Value], _clock: &Clock) -> Result<Value> {
    let millis = int_arg("datetime.fromepochmillis", &args[0])?;
    temporal::from_epoch(millis.div_euclid(1000), millis.rem_euclid(1000) * 1_000_000)
}

/// `timestamp()`: the statement's clock in milliseconds since 1970-01-01
/// UTC, the same all through the statement (as Neo4j's).
pub(super) fn timestamp(_args: &[Value], clock: &Clock) -> Result<Value> {
    Ok(Value::Int(clock.statement.as_millisecond()))
}

/// A number as a whole number (a float's fraction dropped).
fn whole(func: &str, v: &Value) -> Result<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        _ => {
            let x = num_arg(func, v)?;
            if !x.is_finite() || x.abs() >= 9.2e18 {
                return Err(out_of_range(format!("{func}: {x} is out of range")));
            }
            Ok(x.trunc() as i64)
        }
    }
}

/// `duration(x)`: from a string or a map of amounts.
pub(super) fn duration(args: &[Value], _clock: &Clock) -> Result<Value> {
    temporal::duration(&args[0]).map(Value::Duration)
}
