//! Target `execute`: arbitrary statements against a small graph. Whatever
//! they do, quiver must not panic, a statement that fails must change
//! nothing, a statement run inside `BEGIN` ... `ROLLBACK` must leave nothing
//! behind, and its counters must agree with what it did.

use super::snapshot::Snapshot;
use quiverdb::fuzzing::{StatementKind, parse_statement, split_statements};
use quiverdb::{Database, Format, Params, QueryResult, Value, whole_graph, write_result};
use std::collections::BTreeMap;
use std::time::Duration;

/// Longer inputs are not tried: the fuzzer looks for small ones.
const MAX_INPUT: usize = 1024;

/// Statements of one input run at most.
const MAX_STATEMENTS: usize = 8;

/// The graph every input starts from: labels, a multi-label node, a
/// node without labels, a self-loop, relationships both ways, an index, a
/// unique constraint, and properties of most storable types. Made through
/// the bulk API, not parsed: the fuzzer's time goes to its own statements.
pub fn small_graph() -> Database {
    let mut db = Database::in_memory();
    for statement in [
        "CREATE INDEX FOR (n:Person) ON (n.name)",
        "CREATE CONSTRAINT city_name FOR (n:City) REQUIRE n.name IS UNIQUE",
    ] {
        if let Err(e) = db.execute(statement, &Params::new()) {
            panic!("the fuzz graph cannot be built: {statement}: {e}");
        }
    }
    if let Err(e) = populate(&mut db) {
        panic!("the fuzz graph cannot be built: {e}");
    }
    db
}

fn populate(db: &mut Database) -> quiverdb::Result<()> {
    let s = Value::string;
    db.begin()?;
    let ann = db.bulk_create_node(
        &["Person"],
        [
            ("name", s("Ann")),
            ("age", Value::Int(30)),
            ("tags", Value::List(vec![s("x"), s("y")])),
        ],
    )?;
    let bob = db.bulk_create_node(
        &["Person", "Admin"],
        [
            ("name", s("Bob")),
            ("score", Value::Float(1.5)),
            ("ok", Value::Bool(true)),
        ],
    )?;
    let oslo = db.bulk_create_node(
        &["City"],
        [
            ("name", s("Oslo")),
            (
                "pos",
                Value::List(vec![Value::Float(1.0), Value::Float(2.0)]),
            ),
        ],
    )?;
    db.bulk_create_node(&[] as &[&str], [] as [(&str, Value); 0])?;
    let none: [(&str, Value); 0] = [];
    db.bulk_create_relationship("KNOWS", ann, bob, [("since", Value::Int(2010))])?;
    db.bulk_create_relationship("KNOWS", bob, ann, none.clone())?;
    db.bulk_create_relationship("LIVES_IN", ann, oslo, none.clone())?;
    db.bulk_create_relationship("LIVES_IN", bob, oslo, none.clone())?;
    db.bulk_create_relationship("NEAR", oslo, oslo, [("km", Value::Int(0))])?;
    db.commit()
}

/// Parameters any statement may use.
fn params() -> Params {
    Params::from([
        ("x".to_string(), Value::Int(1)),
        ("s".to_string(), Value::string("Ann")),
        (
            "list".to_string(),
            Value::List(vec![Value::Int(1), Value::Null]),
        ),
        (
            "map".to_string(),
            Value::Map([("name".to_string(), Value::string("Eve"))].into()),
        ),
    ])
}

/// How long one statement may run, and how much it may hold: a runaway
/// statement is an error like any other (and must change nothing).
const TIMEOUT: Duration = Duration::from_millis(300);
const MEMORY_LIMIT: usize = 64 << 20;

/// Deeper bracket nesting is left to the `parse` target: here it would only
/// spend the time on parsing (some shapes of it took the parser time
/// exponential in their depth, see tests/fuzz/parse/timeout-*).
const MAX_NESTING: usize = 10;

/// Skips what this target does not try.
fn skipped(text: &str) -> bool {
    let mut depth: usize = 0;
    let mut deepest = 0;
    for b in text.bytes() {
        match b {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        deepest = deepest.max(depth);
    }
    // LOAD CSV reads the machine's files (a FIFO or /dev/zero never ends);
    // the `import` target covers it on files of its own.
    deepest > MAX_NESTING || text.to_ascii_lowercase().contains("load")
}

pub fn execute(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if skipped(text) {
        return;
    }
    let mut db = small_graph();
    db.set_timeout(Some(TIMEOUT));
    db.set_memory_limit(Some(MEMORY_LIMIT));
    let params = params();
    let split = split_statements(text);
    let statements = split
        .statements
        .iter()
        .chain(std::iter::once(&split.rest))
        .map(|span| &text[span.start..span.end])
        .filter(|s| !s.trim().is_empty())
        .take(MAX_STATEMENTS);
    // The graph when the open explicit transaction began.
    let mut began: Option<Snapshot> = None;
    for statement in statements {
        let kind = parse_statement(statement).ok().map(|s| s.kind);
        let before = Snapshot::of(&db);
        let plain = matches!(
            kind,
            Some(StatementKind::Query(_) | StatementKind::Explain(_) | StatementKind::Profile(_))
        );
        if plain && !db.in_transaction() {
            rolled_back(&mut db, statement, &params, &before);
        }
        let in_transaction = db.in_transaction();
        match db.execute(statement, &params) {
            Ok(result) => {
                if plain {
                    counted(&result, &before, &Snapshot::of(&db), statement);
                }
                written(&result);
                match kind {
                    Some(StatementKind::Begin) => began = Some(before),
                    Some(StatementKind::Commit) => began = None,
                    Some(StatementKind::Rollback) => {
                        if let Some(start) = began.take() {
                            start.assert_same(
                                &Snapshot::of(&db),
                                &format!("ROLLBACK left changes behind (at {statement:?})"),
                            );
                        }
                    }
                    _ => {}
                }
            }
            Err(e) => {
                let now = Snapshot::of(&db);
                if in_transaction && !db.in_transaction() {
                    // A COMMIT that fails takes the whole transaction back.
                    if let Some(start) = began.take() {
                        start
                            .assert_same(&now, &format!("failed {statement:?} ({e}) kept changes"));
                    }
                } else {
                    before.assert_same(
                        &now,
                        &format!("failed {statement:?} ({e}) changed the graph"),
                    );
                }
            }
        }
    }
    if let Some(start) = began {
        if let Err(e) = db.rollback() {
            panic!("ROLLBACK of an open transaction failed: {e}");
        }
        start.assert_same(
            &Snapshot::of(&db),
            "ROLLBACK at the end left changes behind",
        );
    }
    seeks_agree(&mut db);
}

/// A lookup by an indexed property finds the nodes a scan finds: the
/// indexes kept up with every write and every rollback.
fn seeks_agree(db: &mut Database) {
    let graph = whole_graph(db);
    for label in ["Person", "City"] {
        let mut names: BTreeMap<&str, i64> = BTreeMap::new();
        for node in graph.nodes.values() {
            if node.labels.iter().any(|l| l == label)
                && let Some(Value::String(name)) = node.properties.get("name")
            {
                *names.entry(name).or_default() += 1;
            }
        }
        let query = format!("MATCH (n:{label}) WHERE n.name = $name RETURN count(n) AS c");
        for (name, count) in names {
            let params = Params::from([("name".to_string(), Value::string(name))]);
            match db.execute(&query, &params) {
                Ok(r) if r.rows == [vec![Value::Int(count)]] => {}
                other => {
                    panic!("{label} nodes named {name:?}: {count} in the graph, {other:?} found")
                }
            }
        }
    }
}

/// Runs `statement` between `BEGIN` and `ROLLBACK`: the graph must be
/// `before` again afterwards, whether the statement succeeded or not.
fn rolled_back(db: &mut Database, statement: &str, params: &Params, before: &Snapshot) {
    if let Err(e) = db.begin() {
        panic!("BEGIN failed outside a transaction: {e}");
    }
    let outcome = db.execute(statement, params);
    if !db.in_transaction() {
        panic!("{statement:?} ended the transaction it ran in ({outcome:?})");
    }
    if let Err(e) = db.rollback() {
        panic!("ROLLBACK failed: {e}");
    }
    before.assert_same(
        &Snapshot::of(db),
        &format!("{statement:?} inside BEGIN ... ROLLBACK left changes behind"),
    );
}

/// The counters of a successful statement agree with the graph.
fn counted(result: &QueryResult, before: &Snapshot, after: &Snapshot, statement: &str) {
    let (n0, r0) = before.counts();
    let (n1, r1) = after.counts();
    let s = &result.stats;
    let nodes = s.nodes_created as i64 - s.nodes_deleted as i64;
    let rels = s.relationships_created as i64 - s.relationships_deleted as i64;
    assert!(
        (nodes, rels) == (n1 - n0, r1 - r0),
        "{statement:?} counts {nodes:+} nodes and {rels:+} relationships, \
         but the graph changed by {:+} and {:+}",
        n1 - n0,
        r1 - r0
    );
}

/// Every output format writes the result.
fn written(result: &QueryResult) {
    for format in Format::ALL {
        if let Err(e) = write_result(&mut std::io::sink(), result, Duration::ZERO, format) {
            panic!("writing a result as {format} failed: {e}");
        }
    }
}
