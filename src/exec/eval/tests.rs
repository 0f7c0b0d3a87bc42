//! The evaluator through the real path: each case runs a statement on a
//! fresh in-memory database.

use crate::Database;
use crate::value::{Params, Value};

/// Runs `setup` and then `query` (with `params`) on a fresh database, and
/// writes the first column of the rows as Cypher literals, or the error as
/// `Kind/Detail: message`.
fn run(setup: &str, query: &str, params: &[(&str, Value)]) -> String {
    let mut db = Database::in_memory();
    if !setup.is_empty()
        && let Err(e) = db.execute(setup, &Params::new())
    {
        return format!("setup failed: {}", e.message);
    }
    let params: Params = params
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    match db.execute(query, &params) {
        Ok(r) => r
            .rows
            .iter()
            .map(|row| row[0].to_string())
            .collect::<Vec<_>>()
            .join(" | "),
        Err(e) => format!("{}/{}: {}", e.kind, e.detail, e.message),
    }
}

/// Checks `RETURN expr` with `$x` bound to `x` (a parameter hides the
/// value's type from the planner, so a wrong type is the evaluator's
/// runtime error).
fn check_with(x: Value, expr: &str, expected: &str) {
    let got = run("", &format!("RETURN {expr}"), &[("x", x)]);
    assert_eq!(got, expected, "{expr}");
}

/// Checks `RETURN expr`.
fn check(expr: &str, expected: &str) {
    check_with(Value::Null, expr, expected);
}

fn list(items: &[i64]) -> Value {
    Value::List(items.iter().map(|i| Value::Int(*i)).collect())
}

#[test]
fn list_elements() {
    for (index, expected) in [
        ("0", "1"),
        ("-1", "3"),
        ("3", "null"),
        ("-4", "null"),
        ("null", "null"),
        ("-9223372036854775808", "null"),
    ] {
        check(&format!("[1, 2, 3][{index}]"), expected);
    }
    check_with(
        Value::Float(1.0),
        "[1, 2, 3][$x]",
        "TypeError/InvalidArgumentType: a list index must be an integer, got Float",
    );
}

#[test]
fn map_entries_and_properties() {
    check("{name: 'Apa'}['name']", "'Apa'");
    check("{name: 'Apa'}['Name']", "null");
    check("{name: 'Apa'}.name", "'Apa'");
    check("{name: 'Apa'}.missing", "null");
    check("null.name", "null");
    check("null['name']", "null");
    check_with(
        Value::Int(0),
        "{name: 'Apa'}[$x]",
        "TypeError/MapElementAccessByNonString: a map key must be a string, got Integer",
    );
    check_with(
        Value::Int(1),
        "$x.name",
        "TypeError/InvalidArgumentType: cannot read property `name` of Integer",
    );
}

#[test]
fn what_cannot_be_indexed() {
    check_with(
        Value::Int(100),
        "$x[0]",
        "TypeError/InvalidArgumentType: cannot index into Integer",
    );
    check_with(
        Value::string("1"),
        "$x[0]",
        "TypeError/InvalidArgumentType: cannot index into String",
    );
}

#[test]
fn entity_properties_by_name_and_by_key() {
    let got = |expr: &str| {
        run(
            "",
            &format!("CREATE (n:A {{name: 'Apa'}}) RETURN {expr}"),
            &[],
        )
    };
    assert_eq!(got("n['name']"), "'Apa'");
    assert_eq!(got("n.name"), "'Apa'");
    assert_eq!(got("n.missing"), "null");
    assert_eq!(
        got("n[1]"),
        "TypeError/MapElementAccessByNonString: a map key must be a string, got Integer"
    );
}

#[test]
fn list_slices() {
    for (bounds, expected) in [
        ("1..3", "[2, 3]"),
        ("1..", "[2, 3, 4, 5]"),
        ("..2", "[1, 2]"),
        ("0..0", "[]"),
        ("-3..-1", "[3, 4]"),
        ("3..1", "[]"),
        ("-10..10", "[1, 2, 3, 4, 5]"),
        ("null..1", "null"),
        ("..null", "null"),
    ] {
        check_with(list(&[1, 2, 3, 4, 5]), &format!("$x[{bounds}]"), expected);
    }
    check_with(
        Value::string("a"),
        "[1, 2][$x..]",
        "TypeError/InvalidArgumentType: a slice bound must be an integer, got String",
    );
    check("null[1..]", "null");
    check_with(
        Value::string("abc"),
        "$x[1..]",
        "TypeError/InvalidArgumentType: cannot slice String",
    );
}

/// What every access to the data of a deleted entity answers.
const DELETED: &str =
    "EntityNotFound/DeletedEntityAccess: the entity was deleted in this transaction";

/// The graph the deleted-entity cases start from.
const GRAPH: &str = "CREATE (:A {num: 0})-[:T {num: 1}]->(:B)";

/// Checks that each of `accesses`, run after `deleting`, answers [`DELETED`].
fn check_deleted(deleting: &str, accesses: &[&str]) {
    for access in accesses {
        let query = format!("{deleting} {access}");
        assert_eq!(run(GRAPH, &query, &[]), DELETED, "{query}");
    }
}

#[test]
fn every_access_to_a_deleted_node_is_the_same_error() {
    check_deleted(
        "MATCH (n:A) DETACH DELETE n",
        &[
            "RETURN n.num",
            "RETURN n['num']",
            "RETURN labels(n)",
            "RETURN keys(n)",
            "RETURN properties(n)",
            "RETURN n:A",
            "RETURN n {.num}",
            "RETURN n {.*}",
            "WITH n MATCH (m:B) SET m = n",
            "WITH n MATCH (m:B) SET m += n",
            "SET n.num = 1",
            "SET n = {num: 1}",
            "SET n += {num: 1}",
            "SET n:B",
            "REMOVE n.num",
            "REMOVE n:A",
            "CREATE (n)-[:T]->()",
            "CREATE ()-[:T]->(n)",
        ],
    );
}

#[test]
fn every_access_to_a_deleted_relationship_is_the_same_error() {
    check_deleted(
        "MATCH ()-[r]->() DELETE r",
        &[
            "RETURN r.num",
            "RETURN r['num']",
            "RETURN keys(r)",
            "RETURN properties(r)",
            "RETURN r {.num}",
            "RETURN r {.*}",
            "SET r.num = 2",
            "SET r = {num: 2}",
            "SET r += {num: 2}",
            "REMOVE r.num",
        ],
    );
}

/// A deleted entity keeps its identity: its id, its type and its ends
/// (the TCK's "Do not fail when returning type of deleted relationships").
#[test]
fn a_deleted_entity_keeps_its_identity() {
    let got = |expr: &str| {
        let query = format!("MATCH (a)-[r]->(b) DELETE r RETURN {expr}");
        run(GRAPH, &query, &[])
    };
    assert_eq!(got("type(r)"), "'T'");
    assert_eq!(got("id(r)"), "0");
    assert_eq!(got("startNode(r) = a AND endNode(r) = b"), "true");
}
