//! The database façade: one statement in, one result out, all or nothing.

use crate::error::Result;
use crate::exec::{self, Procedures};
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
    procedures: Procedures,
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
        let catalog = exec::ExecCatalog {
            procedures: &self.procedures,
        };
        let plan = plan::plan(&statement, &catalog)?;
        let savepoint = self.graph.savepoint();
        match exec::execute(&plan, &mut self.graph, params, &self.procedures) {
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

    /// Registers a procedure that `CALL` answers from a table: each row
    /// holds the inputs then the outputs, in the order of `signature`
    /// (read it with [`crate::plan::ProcedureSignature::parse`]).
    pub fn register_procedure(
        &mut self,
        signature: crate::plan::ProcedureSignature,
        rows: Vec<Vec<Value>>,
    ) -> Result<()> {
        self.procedures.register_table(signature, rows)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::ProcedureSignature;

    fn rows(db: &mut Database, q: &str) -> Vec<String> {
        match db.execute(q, &Params::new()) {
            Ok(r) => r
                .rows
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|v| v.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .collect(),
            Err(e) => vec![format!("{}/{}: {}", e.kind, e.detail, e.message)],
        }
    }

    #[test]
    fn builtin_procedures_list_the_schema() {
        let mut db = Database::in_memory();
        rows(&mut db, "CREATE (:B {x: 1})-[:T]->(:A)");
        assert_eq!(rows(&mut db, "CALL db.labels()"), ["'A'", "'B'"]);
        assert_eq!(
            rows(
                &mut db,
                "CALL db.relationshipTypes() YIELD relationshipType AS t RETURN t"
            ),
            ["'T'"]
        );
        assert_eq!(rows(&mut db, "CALL db.propertyKeys"), ["'x'"]);
        assert_eq!(
            rows(&mut db, "CALL db.nope()"),
            ["ProcedureError/ProcedureNotFound: There is no procedure with the name `db.nope`"]
        );
    }

    #[test]
    fn registered_table_procedures_answer_by_their_inputs() {
        let mut db = Database::in_memory();
        let sig = ProcedureSignature::parse("x.lookup(k :: INTEGER?) :: (v :: STRING?)")
            .map_err(|e| e.message);
        let table = vec![
            vec![Value::Int(1), Value::string("one")],
            vec![Value::Int(2), Value::string("two")],
        ];
        assert_eq!(
            sig.and_then(|s| db.register_procedure(s, table).map_err(|e| e.message)),
            Ok(())
        );
        assert_eq!(
            rows(
                &mut db,
                "UNWIND [2, 1, 3] AS k CALL x.lookup(k) YIELD v RETURN k, v"
            ),
            ["2, 'two'", "1, 'one'"]
        );
        assert_eq!(
            rows(&mut db, "CALL x.lookup('1')"),
            ["SyntaxError/InvalidArgumentType: argument `k` of `x.lookup` has the wrong type"]
        );
    }
}
