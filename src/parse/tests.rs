//! Parser tests: exact trees and exact errors.

use super::parse_statement;

#[test]
fn smoke() {
    let s = parse_statement("MATCH (n:Person)-[:KNOWS*1..2]->(m) WHERE n.age > 3 RETURN n.name AS name, count(*) ORDER BY name DESC LIMIT 3");
    assert!(s.is_ok(), "{s:?}");
}
