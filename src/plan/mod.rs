//! Syntax tree → logical plan; every compile-time error is found here.

mod catalog;
mod explain;
mod expr;
mod hints;
mod join;
pub(crate) mod logical;
mod optimize;
mod pattern;
mod planner;
mod project;
mod runs;
mod scope;
mod signature;
mod subquery;
mod types;
mod write;

pub(crate) use catalog::{Catalog, Statistics};
pub use catalog::{ProcType, ProcedureSignature};
pub(crate) use join::RANGE_SELECTIVITY;
pub(crate) use logical::{Expr, Op, Plan, Slot};
pub(crate) use planner::plan;
