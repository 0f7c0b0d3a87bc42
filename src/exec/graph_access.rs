//! How a running statement holds the graph: to read and write it (the
//! statement's own thread), or only to read it (a worker running part of
//! a read-only plan beside it, see [`super::parallel`]).

use crate::error::{Detail, Error, ErrorKind, Result};
use crate::store::Graph;
use std::ops::Deref;

/// The graph a statement runs against. Reads go through `Deref`; writes
/// ask for [`GraphAccess::write`], which a read-only holder refuses.
pub(crate) struct GraphAccess<'a>(Held<'a>);

enum Held<'a> {
    Write(&'a mut Graph),
    Read(&'a Graph),
}

impl<'a> GraphAccess<'a> {
    /// The graph, to be read and written.
    pub(crate) fn writable(graph: &'a mut Graph) -> GraphAccess<'a> {
        GraphAccess(Held::Write(graph))
    }

    /// The graph, to be read only.
    pub(crate) fn read_only(graph: &'a Graph) -> GraphAccess<'a> {
        GraphAccess(Held::Read(graph))
    }

    /// The graph to write. Only a plan that does not write is ever run on
    /// a read-only graph, so a refusal is a defect of quiver's, reported
    /// as an error rather than a panic.
    pub(crate) fn write(&mut self) -> Result<&mut Graph> {
        match &mut self.0 {
            Held::Write(g) => Ok(g),
            Held::Read(_) => Err(Error::runtime(
                ErrorKind::TransientError,
                Detail::DatabaseUnavailable,
                "internal error: a write reached a part of the statement run read-only",
            )),
        }
    }
}

impl Deref for GraphAccess<'_> {
    type Target = Graph;

    fn deref(&self) -> &Graph {
        match &self.0 {
            Held::Write(g) => g,
            Held::Read(g) => g,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_only_graph_refuses_writes_and_a_writable_one_lends_itself() {
        let mut g = Graph::new();
        assert!(GraphAccess::read_only(&g).write().is_err());
        let mut w = GraphAccess::writable(&mut g);
        let id = w
            .write()
            .map(|g| g.create_node(&["A"], crate::store::Properties::new()));
        assert!(id.is_ok());
        assert_eq!(w.node_count(), 1);
    }
}
