//! Hand-built results shared by the output tests.

use crate::result::{NodeData, QueryResult, RelData};
use crate::value::Value;
use std::collections::BTreeMap;

/// A map value from pairs.
pub fn map(pairs: &[(&str, Value)]) -> Value {
    Value::Map(props(pairs))
}

/// A property map from pairs.
pub fn props(pairs: &[(&str, Value)]) -> BTreeMap<String, Value> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

/// `date('y-m-d')`.
pub fn date(y: i16, m: i8, d: i8) -> Value {
    Value::Date(crate::value::Date(jiff::civil::date(y, m, d)))
}

/// `duration('P{months}M{days}DT{seconds}S')`.
pub fn duration(months: i64, days: i64, seconds: i64) -> Value {
    Value::Duration(crate::value::Duration::new(months, days, seconds, 0).unwrap())
}

fn node(labels: &[&str], properties: &[(&str, Value)]) -> NodeData {
    NodeData {
        labels: labels.iter().map(|l| l.to_string()).collect(),
        properties: props(properties),
    }
}

fn rel(rel_type: &str, start: u64, end: u64, properties: &[(&str, Value)]) -> RelData {
    RelData {
        rel_type: rel_type.to_string(),
        start,
        end,
        properties: props(properties),
    }
}

/// A result with no columns whose maps describe:
/// - node 1 `(:Company {name: 'OpenAI'})`, node 2 `(:Company {name: 'Microsoft'})`,
///   node 3 `(:A:B)`, node 4 `()`, node 5 `({x: 1})`;
/// - relationship 10 `(2)-[:stake {percent: 27}]->(1)`, 11 `(3)-[:odd type]->(1)`.
pub fn sample() -> QueryResult {
    let mut result = QueryResult::default();
    let name = |s: &str| [("name", Value::string(s))];
    result.nodes.insert(1, node(&["Company"], &name("OpenAI")));
    result
        .nodes
        .insert(2, node(&["Company"], &name("Microsoft")));
    result.nodes.insert(3, node(&["A", "B"], &[]));
    result.nodes.insert(4, node(&[], &[]));
    result.nodes.insert(5, node(&[], &[("x", Value::Int(1))]));
    result
        .relationships
        .insert(10, rel("stake", 2, 1, &[("percent", Value::Int(27))]));
    result.relationships.insert(11, rel("odd type", 3, 1, &[]));
    result
}

/// [`sample`] with these columns and rows.
pub fn with_rows(columns: &[&str], rows: Vec<Vec<Value>>) -> QueryResult {
    QueryResult {
        columns: columns.iter().map(|c| c.to_string()).collect(),
        rows,
        ..sample()
    }
}
