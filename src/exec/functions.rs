//! Scalar functions: `toUpper`, `size`, `labels`, `range`, ... (temporary stub until the functions branch lands)

use crate::error::{Error, Result};
use crate::store::Graph;
use crate::value::Value;

/// Calls a scalar function.
pub fn call(name: &str, _args: &[Value], _graph: &Graph) -> Result<Value> {
    Err(Error::type_error(format!("function {name} is not available yet")))
}

/// Whether a function exists.
pub fn is_known(_name: &str) -> bool {
    true
}

/// Argument count bounds.
pub fn arity(_name: &str) -> Option<(usize, Option<usize>)> {
    None
}
