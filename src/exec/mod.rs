//! Logical plan → pull-based operators → rows; runtime errors are found here.

pub mod functions;
pub mod ops;

use crate::db::Params;
use crate::error::{Error, ErrorKind, Result};
use crate::plan::Plan;
use crate::result::QueryResult;
use crate::store::Graph;

/// Runs a plan against the graph.
pub fn execute(_plan: &Plan, _graph: &mut Graph, _params: &Params) -> Result<QueryResult> {
    Err(Error::runtime(
        ErrorKind::SemanticError,
        "NotImplemented",
        "execution is not written yet",
    ))
}
