//! Walks over a query the rest of quiver shares: its single queries, and
//! the first clause that changes the graph.

use super::{Clause, Query, SingleQuery};
use crate::span::Span;

impl Query {
    /// The single queries joined by `UNION`, in order.
    pub fn singles(&self) -> impl Iterator<Item = &SingleQuery> {
        std::iter::once(&self.first).chain(self.unions.iter().map(|(_, single)| single))
    }

    /// The first clause that changes the graph (inside a `CALL` subquery
    /// too): its keyword and span.
    pub fn first_write(&self) -> Option<(&'static str, Span)> {
        self.singles()
            .flat_map(|single| &single.clauses)
            .find_map(Clause::first_write)
    }
}

impl Clause {
    /// Whether it changes the graph: its keyword and span, or, for a `CALL`
    /// subquery, those of the first clause inside that does.
    pub fn first_write(&self) -> Option<(&'static str, Span)> {
        let what = match self {
            Clause::Create(_) => "CREATE",
            Clause::Merge(_) => "MERGE",
            Clause::Set(_) => "SET",
            Clause::Remove(_) => "REMOVE",
            Clause::Delete(_) => "DELETE",
            Clause::Foreach(_) => "FOREACH",
            Clause::Subquery(c) => return c.query.first_write(),
            _ => return None,
        };
        Some((what, self.span()))
    }
}
