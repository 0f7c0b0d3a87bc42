//! Syntax tree → logical plan; every compile-time error is found here.

mod explain;
mod expr;
pub mod logical;
mod pattern;
mod planner;
mod project;
mod scope;
mod types;
mod write;

pub use logical::{Expr, Op, Plan, Slot};
pub use planner::{Catalog, plan};
pub use write::PROCEDURES;
