//! The two `CALL` clauses: a procedure call, and a subquery run per row.

use super::{Expr, Name, Query};
use crate::span::Span;

/// `CALL ns.name(args) [YIELD item, ... [WHERE expr]]`
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    /// The dotted procedure name, e.g. `db.labels`.
    pub procedure: Name,
    /// The arguments; `None` when written without parentheses (implicit arguments).
    pub args: Option<Vec<Expr>>,
    /// `YIELD ...`; `None` when absent; `Some(vec![])` never (YIELD * is `yield_all`).
    pub yields: Option<Vec<YieldItem>>,
    /// `YIELD *`
    pub yield_all: bool,
    /// `WHERE expr` after `YIELD`.
    pub where_: Option<Expr>,
    /// The clause.
    pub span: Span,
}

/// `field [AS name]` in `YIELD`.
#[derive(Debug, Clone, PartialEq)]
pub struct YieldItem {
    /// The procedure's output field.
    pub field: Name,
    /// `AS name`
    pub alias: Option<Name>,
}

/// `[OPTIONAL] CALL [(a, b) | (*)] { query } [IN TRANSACTIONS [OF n ROWS]]`:
/// the query runs once per row; the row goes on once per row it returns,
/// with the variables it returns (once, unchanged, when it returns none:
/// a subquery that only writes).
#[derive(Debug, Clone, PartialEq)]
pub struct CallSubquery {
    /// `OPTIONAL CALL`: a row for which the query returns nothing goes on
    /// with the returned variables null.
    pub optional: bool,
    /// The outer variables the query sees.
    pub import: Import,
    /// The query.
    pub query: Query,
    /// `IN TRANSACTIONS [OF n ROWS]`: `Some(None)` without `OF`.
    pub in_transactions: Option<Option<Expr>>,
    /// The clause.
    pub span: Span,
}

/// What a `CALL` subquery sees of the outer variables.
#[derive(Debug, Clone, PartialEq)]
pub enum Import {
    /// Written without a scope: those a `WITH` at its start names.
    Leading,
    /// `(*)`: all of them.
    All,
    /// `(a, b)` (or `()`): those.
    Names(Vec<Name>),
}
