//! Syntax tree → logical plan; every compile-time error is found here.

mod catalog;
mod explain;
mod expr;
pub mod logical;
mod optimize;
mod pattern;
mod planner;
mod project;
mod scope;
mod types;
mod write;

pub use catalog::{Catalog, ProcType, ProcedureSignature};
pub use logical::{Expr, Op, Plan, Slot};
pub use planner::plan;
