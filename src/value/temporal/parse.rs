//! Temporal values from strings: every ISO 8601 form openCypher accepts.
//! (Being built.)

use crate::error::{Error, Result};
use crate::value::Value;

/// The value of type `type_name` (`date`, `localtime`, `time`,
/// `localdatetime`, `datetime`, `duration`; any letter case) that `text`
/// writes, as `date(text)` etc. would build it.
pub(crate) fn parse_value(type_name: &str, text: &str) -> Result<Value> {
    Err(Error::type_error(format!(
        "cannot yet read {type_name} from {text:?}"
    )))
}
