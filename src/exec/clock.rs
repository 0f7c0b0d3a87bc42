//! The clocks temporal functions read: `date.statement()` and `date()`
//! read the statement's clock, fixed when the statement starts;
//! `date.transaction()` the transaction's, fixed at `BEGIN` (or with the
//! statement outside one); `date.realtime()` the system clock each call.

use jiff::Timestamp;
use jiff::tz::TimeZone;

/// The instants a statement's temporal functions read.
#[derive(Debug, Clone)]
pub(crate) struct Clock {
    /// When the statement started.
    pub statement: Timestamp,
    /// When its transaction started.
    pub transaction: Timestamp,
    /// The zone of a value built without one: UTC, as Neo4j's default
    /// (`db.temporal.timezone`).
    pub zone: TimeZone,
}

impl Clock {
    /// The clock of a statement starting now, in a transaction that
    /// started at `transaction` (`None`: with this statement).
    pub(crate) fn starting(transaction: Option<Timestamp>) -> Clock {
        let now = Timestamp::now();
        Clock {
            statement: now,
            transaction: transaction.unwrap_or(now),
            zone: TimeZone::UTC,
        }
    }

    /// The system clock, read now.
    pub(crate) fn realtime(&self) -> Timestamp {
        Timestamp::now()
    }
}
