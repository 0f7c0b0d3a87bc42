//! `--threads`: a read-only statement whose large scan feeds an
//! aggregation runs in parts, one thread each, with the answers (and their
//! order, and the errors) of one thread.

use super::util::{json_lines, quiver, temp_dir};
use serde_json::Value as Json;

/// 40,000 `:P {g: i % 11, v: i}` (enough for a split into three parts),
/// each `-[:R]->` the next, the one after it and one far away.
const BUILD: [&str; 4] = [
    "UNWIND range(0, 39999) AS i CREATE (:P {g: i % 11, v: i})",
    "MATCH (a:P) WITH a, a.v AS i MATCH (b:P {v: (i + 1) % 40000}) CREATE (a)-[:R {w: i % 3}]->(b)",
    "MATCH (a:P) WITH a, a.v AS i MATCH (b:P {v: (i + 2) % 40000}) CREATE (a)-[:R {w: i % 5}]->(b)",
    "MATCH (a:P) WITH a, a.v AS i MATCH (b:P {v: (i * 7 + 3) % 40000}) CREATE (a)-[:R {w: 1}]->(b)",
];

const QUERIES: [&str; 6] = [
    "MATCH (a:P)-[:R]->(b:P)-[:R]->(c:P), (a)-[:R]->(c) RETURN count(*) AS triangles",
    // No ORDER BY: the groups come in the order a whole run meets them.
    "MATCH (n:P) RETURN n.g AS g, count(*) AS n, min(n.v) AS lo, max(n.v) AS hi",
    "MATCH (n:P) WHERE n.v % 4000 = 7 RETURN n.v % 2 AS odd, collect(n.v) AS vs",
    "MATCH (n:P) OPTIONAL MATCH (n)-[r:R]->(m:P) WHERE r.w = 0 AND m.v % 2 = 0 \
     RETURN n.v % 13 AS k, count(m) AS hits, count(*) AS rows",
    "MATCH (n:P) OPTIONAL MATCH (n)-[r:R]->(m:P) WHERE m.v < 10 RETURN n.v AS v, count(m) AS c \
     ORDER BY c DESC, v LIMIT 5",
    "MATCH (n) RETURN count(*) AS nodes",
];

/// What each statement printed (its columns and rows, or its error), and
/// the standard error.
fn answers(db: &str, threads: &str, statements: &[&str]) -> (Vec<Json>, String) {
    let mut args = vec!["--db", db, "--threads", threads, "--format", "json"];
    for s in statements {
        args.extend(["-e", s]);
    }
    let run = quiver(&args);
    let rows = json_lines(&run.stdout)
        .into_iter()
        .map(|o| match o.get("error") {
            Some(e) => e.clone(),
            None => Json::Array(vec![o["columns"].clone(), o["rows"].clone()]),
        })
        .collect();
    (rows, run.stderr)
}

#[test]
fn statements_on_three_threads_answer_as_on_one() {
    let dir = temp_dir("threads");
    let db = dir.file("g.db");
    let mut build = vec!["--db", db.as_str()];
    for s in BUILD {
        build.extend(["-e", s]);
    }
    let run = quiver(&build);
    assert_eq!(run.status, Some(0), "{}", run.stderr);

    let (one, errors) = answers(&db, "1", &QUERIES);
    assert_eq!(errors, "");
    assert_eq!(one.len(), QUERIES.len());
    // 40,000 of i -> i+1 -> i+2 closed by i -> i+2, 12 through far hops.
    assert_eq!(one[0][1], serde_json::json!([[40012]]));
    assert_eq!(one[5][1], serde_json::json!([[40000]]));
    // Groups in the order of the nodes: g of node 0 first.
    assert_eq!(one[1][1][0], serde_json::json!([0, 3637, 0, 39996]));
    // Collected in the order of the nodes, across all parts.
    let vs: Vec<i64> = (0..10).map(|k| k * 4000 + 7).collect();
    assert_eq!(one[2][1], serde_json::json!([[1, vs]]));
    let (three, errors) = answers(&db, "3", &QUERIES);
    assert_eq!(errors, "");
    assert_eq!(three, one);
}

#[test]
fn a_failing_statement_fails_on_three_threads_as_on_one() {
    let dir = temp_dir("threads-error");
    let db = dir.file("g.db");
    let run = quiver(&["--db", &db, "-e", BUILD[0]]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    // Division by zero at the 30,000th node, in the last part.
    let query = ["MATCH (n:P) RETURN n.g, max(10 / (n.v - 30000))"];
    let (one, _) = answers(&db, "1", &query);
    let (three, _) = answers(&db, "3", &query);
    assert_eq!(one[0]["detail"], "DivisionByZero", "{one:?}");
    assert_eq!(three, one);
}

#[test]
fn threads_must_be_a_positive_count() {
    for bad in ["--threads=0", "--threads=-1", "--threads=many"] {
        let run = quiver(&[bad, "-e", "RETURN 1"]);
        assert_eq!(run.status, Some(2), "{bad}");
        assert!(run.stderr.contains("--threads"), "{}", run.stderr);
    }
}
