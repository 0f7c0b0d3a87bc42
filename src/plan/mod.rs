//! Syntax tree → logical plan; every compile-time error is found here.

use crate::error::Result;
use crate::parse::ast;
use crate::store::Graph;

/// A logical plan.
#[derive(Debug)]
pub struct Plan {}

/// Plans a statement.
pub fn plan(_statement: &ast::Statement, _graph: &Graph) -> Result<Plan> {
    Ok(Plan {})
}
