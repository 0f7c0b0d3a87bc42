//! The whole graph as one [`QueryResult`], so that the writers of query
//! results (DOT, SVG, GraphML) draw a database the way they draw a result.

use crate::db::Database;
use crate::result::QueryResult;
use crate::value::Value;

/// Every node of `db` (a row each, in id order) then every relationship,
/// in one column `entity`, with their data: what [`crate::dot_document`]
/// and [`crate::graphml_document`] draw.
pub fn whole_graph(db: &Database) -> QueryResult {
    let mut result = QueryResult {
        columns: vec!["entity".to_string()],
        ..QueryResult::default()
    };
    for (id, node) in db.nodes() {
        result.nodes.insert(id, node);
        result.rows.push(vec![Value::Node(id)]);
    }
    for (id, rel) in db.relationships() {
        result.relationships.insert(id, rel);
        result.rows.push(vec![Value::Relationship(id)]);
    }
    result
}
