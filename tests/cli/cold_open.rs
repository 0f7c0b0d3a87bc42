//! The snapshot beside a database file: written when a process closes the
//! database, read in place by the next one, passed over when it is out of
//! date or damaged, never trusted over a commit, and never lost data when
//! a process is killed while writing it.

use super::durability::{db_query, db_rows};
use super::util::{GRAPH, TempDir, command, quiver, temp_dir};
use serde_json::{Value as Json, json};
use std::io::Read;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Queries whose answers cover labels, properties, both directions,
/// indexes and ranges of the bundled graph.
const QUERIES: &[&str] = &[
    "MATCH (n) RETURN id(n), labels(n), properties(n)",
    "MATCH (a)-[r]->(b) RETURN id(a), type(r), properties(r), id(b)",
    "MATCH (c:Company {name: 'OpenAI'})-[r]-(x) RETURN type(r), x.name",
    "MATCH (c:Company) WHERE c.founded >= 2015 RETURN c.name ORDER BY c.name",
    "MATCH (n) WHERE n.name STARTS WITH 'Micro' RETURN n.name",
    "CALL db.labels()",
    "CALL db.propertyKeys()",
];

fn snapshot_of(dir: &TempDir) -> std::path::PathBuf {
    dir.join("quiver.db.snap")
}

fn loaded(name: &str) -> (TempDir, String) {
    let dir = temp_dir(name);
    let db = dir.to_str().expect("a UTF-8 path").to_string();
    let run = quiver(&["--db", &db, "--load", GRAPH, "-e", "RETURN 1"]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    (dir, db)
}

#[test]
fn closing_writes_a_snapshot_that_the_next_open_reads_as_the_records() {
    let (dir, db) = loaded("cold-open");
    assert!(snapshot_of(&dir).is_file(), "the first process wrote it");
    let from_snapshot = db_rows(&db, QUERIES);
    std::fs::remove_file(snapshot_of(&dir)).expect("the snapshot goes");
    let from_records = db_rows(&db, QUERIES);
    assert_eq!(from_snapshot, from_records);
    assert!(snapshot_of(&dir).is_file(), "written again at close");
    // A commit makes it out of date: the next open reads the records.
    db_query(
        &db,
        "MATCH (c:Company {name: 'OpenAI'}) SET c.employees = 3000",
    );
    let stale = std::fs::read(snapshot_of(&dir)).expect("the snapshot");
    db_query(
        &db,
        "MATCH (c:Company {name: 'OpenAI'}) SET c.employees = 4000",
    );
    std::fs::write(snapshot_of(&dir), stale).expect("an old snapshot back");
    assert_eq!(
        db_query(&db, "MATCH (c:Company {name: 'OpenAI'}) RETURN c.employees"),
        json!([[4000]])
    );
}

#[test]
fn a_read_only_process_writes_no_snapshot() {
    let (dir, db) = loaded("cold-open-read-only");
    std::fs::remove_file(snapshot_of(&dir)).expect("the snapshot goes");
    let run = quiver(&[
        "--db",
        &db,
        "--read-only",
        "-e",
        "MATCH (n) RETURN count(n)",
    ]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert!(!snapshot_of(&dir).exists());
}

#[test]
fn outputs_never_go_over_the_snapshot() {
    let (dir, db) = loaded("cold-open-outputs");
    let snap = snapshot_of(&dir);
    let before = std::fs::read(&snap).expect("the snapshot");
    let target = snap.to_str().expect("a UTF-8 path");
    let run = quiver(&["--db", &db, "dump", target]);
    assert_eq!(
        (run.status, run.stderr),
        (
            Some(2),
            format!(
                "quiver: {target} is a quiver database; quiver never writes over a database (remove it first)\n"
            )
        )
    );
    assert_eq!(std::fs::read(&snap).expect("the snapshot"), before);
}

/// Kills quiver at random moments of a run that commits and then writes
/// the snapshot at exit: whatever it acknowledged is there afterwards, and
/// the database always opens with answers that agree with its records.
#[test]
fn a_kill_while_writing_the_snapshot_loses_nothing_committed() {
    let dir = temp_dir("cold-open-kill");
    let db = dir.to_str().expect("a UTF-8 path").to_string();
    // Big enough that writing the snapshot takes a while.
    let build = "UNWIND range(1, 20000) AS i CREATE (:P {i: i})-[:R {w: i}]->(:Q {i: i})";
    db_query(&db, build);
    let write = |k: u64| format!("CREATE (:K {{k: {k}}})");
    // How long a whole run takes: the kills land anywhere in it.
    let started = Instant::now();
    db_query(&db, &write(0));
    let whole = started.elapsed().as_millis().max(20) as u64;
    let mut acked = vec![0u64];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for k in 1..=12u64 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = command()
            .args(["--db", &db, "--format", "json", "-e", &write(k)])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("quiver runs");
        std::thread::sleep(Duration::from_millis(seed % (whole + whole / 2)));
        let _ = child.kill();
        let _ = child.wait();
        let mut out = String::new();
        let _ = child.stdout.take().map(|mut s| s.read_to_string(&mut out));
        if out.ends_with('\n') {
            acked.push(k);
        }
        let found = db_query(&db, "MATCH (n:K) RETURN n.k ORDER BY n.k");
        let found: Vec<u64> = found
            .as_array()
            .expect("rows")
            .iter()
            .filter_map(|row| row[0].as_u64())
            .collect();
        for a in &acked {
            assert!(
                found.contains(a),
                "run {k}: acknowledged {a} is gone: {found:?}"
            );
        }
        let counts = db_rows(
            &db,
            &[
                "MATCH (n) RETURN count(n)",
                "MATCH (:P)-[r:R]->(:Q) RETURN count(r), sum(r.w)",
                "MATCH (n:P {i: 777})-->(m) RETURN m.i",
            ],
        );
        let want: Vec<Json> = vec![
            json!([[40000 + found.len()]]),
            json!([[20000, 200010000]]),
            json!([[777]]),
        ];
        assert_eq!(counts, want, "run {k}");
    }
}

/// A database big enough for property columns (12,000 nodes, 2,999
/// relationships): the snapshot holds the columns of `k`, `id` and `w`,
/// and tests and groupings read them from the first query on, with the
/// answers of the records, also once a query's tests have become bitmaps
/// (each query runs three times in one process).
#[test]
fn a_big_database_answers_alike_from_the_columns_of_its_snapshot() {
    let dir = temp_dir("cold-open-columns");
    let db = dir.to_str().expect("a UTF-8 path").to_string();
    db_query(
        &db,
        "UNWIND range(0, 11999) AS i CREATE (n:N {id: i}) \
         SET n.k = CASE i % 4 WHEN 0 THEN i WHEN 1 THEN 's' + toString(i) \
         WHEN 2 THEN toFloat(i) / 2 ELSE null END",
    );
    db_query(
        &db,
        "MATCH (a:N) WHERE 1 <= a.id < 3000 MATCH (b:N {id: a.id - 1}) \
         CREATE (a)-[r:T]->(b) SET r.w = CASE WHEN a.id >= 1500 THEN a.id END",
    );
    let queries = [
        (
            "MATCH (n:N) WHERE n.k > 100 RETURN count(*)",
            json!([[5924]]),
        ),
        (
            "MATCH (n:N) WHERE n.k IS NULL RETURN count(*)",
            json!([[3000]]),
        ),
        (
            "MATCH (n:N) WHERE n.k STARTS WITH 's1' RETURN count(*)",
            json!([[778]]),
        ),
        (
            "MATCH (:N)-[r:T]->() WHERE r.w IS NULL RETURN count(*)",
            json!([[1499]]),
        ),
        (
            "MATCH (:N)-[r:T]->() WHERE r.w >= 2990 RETURN count(*)",
            json!([[10]]),
        ),
        (
            "MATCH (a:N)-[:T]->(b) WHERE a.k IS NOT NULL \
             RETURN b.id AS id, count(*) AS c ORDER BY c DESC, id DESC LIMIT 2",
            json!([[2997, 1], [2996, 1]]),
        ),
    ];
    let texts: Vec<&str> = queries.iter().flat_map(|(q, _)| [*q; 3]).collect();
    let want: Vec<Json> = queries
        .iter()
        .flat_map(|(_, a)| std::iter::repeat_n(a.clone(), 3))
        .collect();
    assert!(snapshot_of(&dir).is_file(), "the writing process wrote it");
    assert_eq!(db_rows(&db, &texts), want, "from the snapshot");
    std::fs::remove_file(snapshot_of(&dir)).expect("the snapshot goes");
    assert_eq!(db_rows(&db, &texts), want, "from the records");
}
