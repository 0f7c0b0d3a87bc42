//! The database façade: one statement in, one result out, all or nothing.

use crate::error::Result;
use crate::exec;
use crate::parse;
use crate::plan;
use crate::result::QueryResult;
use crate::store::Graph;
use crate::value::Value;
use std::collections::BTreeMap;

/// Query parameters, by name (without the `$`).
pub type Params = BTreeMap<String, Value>;

/// What `:schema` shows: each name in use with its count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schema {
    /// Node labels and how many nodes have each.
    pub labels: Vec<(String, usize)>,
    /// Relationship types and how many relationships have each.
    pub rel_types: Vec<(String, usize)>,
    /// Property keys and how many nodes and relationships have each.
    pub property_keys: Vec<(String, usize)>,
}

/// An embedded graph database.
#[derive(Debug, Default)]
pub struct Database {
    graph: Graph,
}

impl Database {
    /// A new, empty database that lives in memory.
    pub fn in_memory() -> Database {
        Database::default()
    }

    /// Runs one statement (a trailing `;` is allowed). A statement is
    /// atomic: when it fails, nothing it did remains.
    pub fn execute(&mut self, text: &str, params: &Params) -> Result<QueryResult> {
        let statement = parse::parse_statement(text)?;
        let plan = plan::plan(&statement, &exec::FunctionCatalog)?;
        let savepoint = self.graph.savepoint();
        match exec::execute(&plan, &mut self.graph, params) {
            Ok(result) => {
                self.graph.commit();
                Ok(result)
            }
            Err(e) => {
                self.graph.rollback_to(savepoint);
                Err(e)
            }
        }
    }

    /// The labels, relationship types and property keys in use.
    pub fn schema(&self) -> Schema {
        Schema {
            labels: self.graph.label_counts(),
            rel_types: self.graph.rel_type_counts(),
            property_keys: self.graph.property_key_counts(),
        }
    }

    /// The number of nodes and relationships.
    pub fn counts(&self) -> (usize, usize) {
        (self.graph.node_count(), self.graph.rel_count())
    }
}
