//! A database read in place from its snapshot answers every query as the
//! same database read from its records does: rows, their order, the
//! entities' data; before and after a write thaws it, and across
//! checkpoints.

use super::*;
use crate::store::snapshot_path;

/// What a query printed: its rows and the entities' data, or its error.
pub(super) fn answer(db: &mut Database, q: &str) -> String {
    match db.execute(q, &Params::new()) {
        Ok(r) => {
            let mut nodes: Vec<_> = r.nodes.iter().map(|(k, v)| format!("{k}:{v:?}")).collect();
            let mut rels: Vec<_> = r
                .relationships
                .iter()
                .map(|(k, v)| format!("{k}:{v:?}"))
                .collect();
            nodes.sort();
            rels.sort();
            format!("{:?}\n{nodes:?}\n{rels:?}\n{:?}", r.rows, r.stats)
        }
        Err(e) => format!("{}/{}: {}", e.kind, e.detail, e.message),
    }
}

const QUERIES: &[&str] = &[
    "MATCH (n) RETURN id(n), labels(n), properties(n)",
    "MATCH (n:P) RETURN n.i, n.s LIMIT 50",
    "MATCH (n:Q) RETURN count(n)",
    "MATCH (n:P {i: 7}) RETURN n",
    "MATCH (n {i: 7.0}) RETURN id(n)",
    "MATCH (n:P {s: 'name-12'}) RETURN n.i",
    "MATCH (n:P) WHERE n.i >= 20 AND n.i < 31 RETURN n.i",
    "MATCH (n) WHERE n.i > 9990 RETURN n.i",
    "MATCH (n) WHERE n.f <= 1.5 RETURN n.f",
    "MATCH (n) WHERE n.s STARTS WITH 'name-1' RETURN count(n)",
    "MATCH (n) WHERE n.d >= date('2020-01-05') RETURN n.d",
    "MATCH (n:P {i: 3})-[r]->(m) RETURN id(r), type(r), id(m), r.w",
    "MATCH (n:P {i: 3})<-[r]-(m) RETURN id(r), type(r), id(m)",
    "MATCH (n:P {i: 3})-[r]-(m) RETURN id(r), type(r), id(m)",
    "MATCH (n:P {i: 3})-[:A]->(m)-[:B]->(o) RETURN id(m), id(o)",
    "MATCH (n:P {i: 3})-[:A*1..3]->(m) RETURN count(*)",
    "MATCH (a:P)-[:A]->(b:Q) RETURN count(*)",
    "MATCH (a)-[r:B]-(b) RETURN count(r)",
    "MATCH (a)-[r]->(a) RETURN id(a), id(r)",
    "MATCH p = shortestPath((a:P {i: 1})-[*..6]-(b:P {i: 40})) RETURN length(p)",
    "MATCH (a:P {i: 5}) OPTIONAL MATCH (a)-[:C]->(x) RETURN count(x)",
    "MATCH (a)-[r]->(b) RETURN type(r), count(*) ORDER BY type(r)",
    "MATCH (a:P)-[:A]->(b) RETURN a.i, count(DISTINCT b) ORDER BY a.i LIMIT 5",
    "CALL db.labels()",
    "CALL db.relationshipTypes()",
    "CALL db.propertyKeys()",
    "MATCH (n) WHERE n.l IS NOT NULL RETURN n.l",
    "MATCH ()-[r]->() WHERE r.w > 0.5 RETURN id(r), startNode(r).i, endNode(r).i LIMIT 20",
];

/// A graph with every kind of value, several labels and types, self
/// loops, parallel relationships, and ids left free by deletes: `nodes`
/// nodes and about five times as many relationships.
pub(super) fn build(db: &mut Database, nodes: i64) {
    let q = format!(
        "UNWIND range(0, {}) AS i \
         CREATE (n:P {{i: i, s: 'name-' + toString(i), f: toFloat(i) / 4.0}}) \
         WITH n, i WHERE i % 3 = 0 SET n:Q, n.d = date('2020-01-01') + duration({{days: i % 9}}) \
         WITH n, i WHERE i % 5 = 0 SET n.l = [i, i + 1]",
        nodes - 1
    );
    for q in [
        q.as_str(),
        "MATCH (a:P), (b:P) WHERE b.i = (a.i * 7 + 3) % $n CREATE (a)-[:A {w: toFloat(a.i % 10) / 10.0}]->(b)",
        "MATCH (a:P), (b:P) WHERE b.i = (a.i * 13 + 1) % $n CREATE (a)-[:B]->(b), (a)-[:B]->(b)",
        "MATCH (a:P) WHERE a.i % 7 = 0 CREATE (a)-[:C]->(a)",
        "MATCH (a:P), (b:P) WHERE b.i = (a.i + 1) % $n CREATE (b)-[:A]->(a)",
        "MATCH (a:P) WHERE a.i % 11 = 4 DETACH DELETE a",
        "MATCH ()-[r:B]->() WHERE id(r) % 4 = 1 DELETE r",
    ] {
        let params: Params = [("n".to_string(), Value::Int(nodes))].into();
        if let Err(e) = db.execute(q, &params) {
            panic!("{q}: {}", e.message);
        }
    }
}

pub(super) fn answers(db: &mut Database) -> Vec<String> {
    QUERIES.iter().map(|q| answer(db, q)).collect()
}

fn compare(nodes: i64) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("g.quiver");
    {
        let mut db = Database::open(&path).expect("a new database");
        build(&mut db, nodes);
    }
    let snap = snapshot_path(&path);
    assert!(snap.exists(), "closing the database writes its snapshot");

    let mut frozen = Database::open(&path).expect("the database opens");
    assert!(frozen.graph.frozen_generation().is_some(), "read in place");
    let from_snapshot = answers(&mut frozen);
    drop(frozen);

    std::fs::remove_file(&snap).expect("the snapshot goes");
    let mut records = Database::open(&path).expect("the database opens");
    assert!(records.graph.frozen_generation().is_none());
    let from_records = answers(&mut records);
    for ((q, a), b) in QUERIES.iter().zip(&from_snapshot).zip(&from_records) {
        assert_eq!(a, b, "{q}");
    }

    // A write thaws the frozen graph; it then answers as one read from
    // records that took the same write.
    let write =
        "MATCH (a:P {i: 2}), (b:P {i: 8}) CREATE (a)-[:A {w: 0.9}]->(b) SET a.i = 9999, b:Q";
    drop(records);
    let mut frozen = Database::open(&path).expect("the database opens");
    assert!(frozen.graph.frozen_generation().is_some());
    let _ = answer(&mut frozen, "MATCH (n:P {i: 2}) RETURN n");
    assert_eq!(answer(&mut frozen, write).lines().last(), answer_stats());
    let after_thaw = answers(&mut frozen);
    drop(frozen);
    let mut reopened = Database::open(&path).expect("the database opens");
    assert!(
        reopened.graph.frozen_generation().is_some(),
        "closing after the write wrote a new snapshot"
    );
    let after_reopen = answers(&mut reopened);
    for ((q, a), b) in QUERIES.iter().zip(&after_thaw).zip(&after_reopen) {
        assert_eq!(a, b, "after a write: {q}");
    }
}

fn answer_stats() -> Option<&'static str> {
    Some(
        "Stats { nodes_created: 0, nodes_deleted: 0, relationships_created: 1, relationships_deleted: 0, properties_set: 2, properties_removed: 1, labels_added: 0, labels_removed: 0 }",
    )
}

#[test]
fn a_small_snapshot_answers_as_the_records_do() {
    compare(60);
}

/// Past the size where traversals read the compact copy.
#[test]
fn a_big_snapshot_answers_as_the_records_do() {
    compare(2_500);
}

#[test]
fn a_stale_or_damaged_snapshot_is_passed_over() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("g.quiver");
    let snap = snapshot_path(&path);
    {
        let mut db = Database::open(&path).expect("a new database");
        build(&mut db, 40);
    }
    let old = std::fs::read(&snap).expect("a snapshot");
    {
        let mut db = Database::open(&path).expect("opens");
        answer(&mut db, "CREATE (:New {k: 1})");
    }
    // As after a crash before the checkpoint: the snapshot is behind the file.
    std::fs::write(&snap, &old).expect("the old snapshot back");
    let mut db = Database::open(&path).expect("opens");
    assert!(db.graph.frozen_generation().is_none(), "stale: not used");
    assert_eq!(
        answer(&mut db, "MATCH (n:New) RETURN n.k").lines().next(),
        Some("[[Int(1)]]")
    );
    drop(db);
    // Every byte flipped in turn in the header and directory: refused at
    // open, and the records answer ...
    let good = std::fs::read(&snap).expect("a snapshot");
    let want = {
        let mut db = Database::open(&path).expect("opens");
        answers(&mut db)
    };
    // ... and bytes through the whole file: a snapshot this small is
    // checked whole at open.
    let step = (good.len() / 97).max(1);
    let everywhere = (80..good.len()).step_by(step);
    let head_and_directory = (0..80).chain(good.len().saturating_sub(64)..good.len());
    for (at, checked) in head_and_directory
        .map(|at| (at, true))
        .chain(everywhere.map(|at| (at, false)))
    {
        let mut bad = good.clone();
        bad[at] ^= 0x5a;
        std::fs::write(&snap, &bad).expect("write");
        let mut db = Database::open_read_only(&path).expect("opens");
        // (A byte of the padding between sections changes nothing.)
        if checked {
            assert!(db.graph.frozen_generation().is_none(), "byte {at}");
        }
        assert_eq!(answers(&mut db), want, "byte {at}");
    }
}
