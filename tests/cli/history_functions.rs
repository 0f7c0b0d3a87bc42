//! `history(x)` and `sources(x)` through the binary: a second source that
//! corroborates and contradicts, read by later processes, in the present
//! and as of an earlier commit; and what history costs at open.

use super::durability::db_rows;
use super::util::{GRAPH, command, json_lines, quiver, temp_dir};
use serde_json::json;
use std::io::Write;
use std::process::Stdio;

/// The made-up second source of the README's walk through history.
const SECOND: &str = "tests/fixtures/history/second-source.cypher";

fn load(db: &str, file: &str) {
    let run = quiver(&["--db", db, "--load", file, "-e", "RETURN 1"]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""), "{file}");
}

#[test]
fn a_second_source_corroborates_and_contradicts_and_the_past_remembers() {
    let dir = temp_dir("sources");
    let db = dir.file("kg.quiver");
    load(&db, GRAPH);
    load(&db, SECOND);
    let who = "MATCH (:Company {name: 'Microsoft'})-[r]->(:Company {name: 'OpenAI'}) \
               RETURN type(r), [s IN sources(r) | [s.commit, s.source]], \
               [s IN sources(r, 'percent') | s.source] ORDER BY type(r)";
    let versions = "MATCH ()-[s:stake]->() UNWIND history(s) AS v \
                    RETURN v.commit, v.change, v.meta.source, v.meta.author, v.properties";
    let nodes = "MATCH (n:Company) RETURN n.name, [s IN sources(n) | s.source] ORDER BY n.name";
    let rows = db_rows(&db, &[who, versions, nodes]);
    let pcmag = json!([1, "PCMag"]);
    let wire = json!([2, "Example Wire"]);
    assert_eq!(
        rows[0],
        json!([
            ["invests-in", [pcmag], []],
            ["partners-with", [pcmag, wire], []],
            ["revenue-share", [pcmag], ["PCMag"]],
            ["stake", [pcmag, wire], ["Example Wire"]]
        ])
    );
    assert_eq!(
        rows[1],
        json!([
            [1, "created", "PCMag", "Jon Martindale", {"percent": 27, "value_usd": 130000000000_i64}],
            [2, "updated", "Example Wire", "A. Reporter", {"percent": 26, "value_usd": 130000000000_i64}]
        ])
    );
    // The second source's MATCH read the companies; it asserted nothing of them.
    assert_eq!(
        rows[2],
        json!([
            ["Microsoft", ["PCMag"]],
            ["OpenAI", ["PCMag"]],
            ["PayPal", ["PCMag"]],
            ["Ziff Davis", ["PCMag"]]
        ])
    );
    // As of commit 1: the first source alone, the first value.
    let mut args = vec!["--db", db.as_str(), "--as-of", "1", "--format", "json"];
    args.extend(["-e", who, "-e", versions]);
    let run = quiver(&args);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    let lines = json_lines(&run.stdout);
    assert_eq!(
        lines[0]["rows"],
        json!([
            ["invests-in", [pcmag], []],
            ["partners-with", [pcmag], []],
            ["revenue-share", [pcmag], ["PCMag"]],
            ["stake", [pcmag], ["PCMag"]]
        ])
    );
    assert_eq!(
        lines[1]["rows"],
        json!([[1, "created", "PCMag", "Jon Martindale", {"percent": 27, "value_usd": 130000000000_i64}]])
    );
}

#[test]
fn history_functions_work_in_memory_and_refuse_what_is_not_an_entity() {
    let run = quiver(&[
        "--format",
        "json",
        "-e",
        "CALL tx.setMetaData({source: 'a'}) CREATE (:N {v: 1})",
        "-e",
        "CALL tx.setMetaData({source: 'b'}) MATCH (n:N) SET n.v = 2",
        "-e",
        "MATCH (n:N) RETURN [h IN history(n) | [h.commit, h.meta.source, h.properties.v]], \
         [s IN sources(n, 'v') | s.source]",
        "-e",
        "RETURN history(1)",
    ]);
    assert_eq!(run.status, Some(1));
    let lines = json_lines(&run.stdout);
    assert_eq!(
        lines[2]["rows"],
        json!([[[[1, "a", 1], [2, "b", 2]], ["b"]]])
    );
    assert_eq!(
        lines[3]["error"]["message"],
        json!("history() needs a Node or Relationship, got Integer")
    );
}

/// The peak resident memory of a `quiver --db DB` that has opened the
/// database and waits for statements on its standard input.
fn peak_memory_after_open(db: &str) -> u64 {
    let mut child = command()
        .args(["--db", db, "--format", "json", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("quiver runs");
    let mut stdin = child.stdin.take().expect("a pipe");
    // The answer to a first statement says the database is open.
    stdin.write_all(b"RETURN 1;\n").expect("written");
    stdin.flush().expect("flushed");
    let mut out = child.stdout.take().expect("a pipe");
    let mut line = [0u8; 1];
    std::io::Read::read_exact(&mut out, &mut line).expect("an answer");
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id()))
        .expect("the process's status");
    drop(stdin);
    child.wait().expect("quiver ends");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM")
}

/// The measure: 100,000 nodes each updated 10 times against the
/// same nodes without that history; memory only (times are benchmarked,
/// `benches/history.py`, never tested).
#[test]
fn history_costs_no_memory_at_open() {
    let dir = temp_dir("history-cost");
    let (plain, kept) = (dir.file("plain.quiver"), dir.file("kept.quiver"));
    let create = |v: u32| format!("UNWIND range(0, 99999) AS i CREATE (:N {{id: i, v: {v}}})");
    let run = quiver(&["--db", &plain, "-q", "-e", &create(10)]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let mut args = vec!["--db".to_string(), kept.clone(), "-q".to_string()];
    args.extend(["-e".to_string(), create(0)]);
    for i in 1..=10 {
        args.extend(["-e".to_string(), format!("MATCH (n:N) SET n.v = {i}")]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = quiver(&args);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let log = db_rows(&kept, &["MATCH (n:N {id: 7}) RETURN size(history(n)), n.v"]);
    assert_eq!(log[0], json!([[11, 10]]));
    let (a, b) = (
        peak_memory_after_open(&plain),
        peak_memory_after_open(&kept),
    );
    assert!(
        b * 10 <= a * 11,
        "peak memory after open: {a} kB without history, {b} kB with it"
    );
}

/// Two sources loaded together keep their own metadata: the second's
/// `tx.setMetaData` commits the first's facts first, under the first's.
#[test]
fn two_sources_loaded_together_are_two_commits() {
    let dir = temp_dir("two-loads");
    let db = dir.file("kg.quiver");
    let query = "MATCH ()-[r:stake]->() RETURN [s IN sources(r) | [s.commit, s.source]]";
    let want = json!([[[[1, "PCMag"], [2, "Example Wire"]]]]);
    for target in [None, Some(db.as_str())] {
        let mut args = vec!["--format", "json", "--load", GRAPH, "--load", SECOND];
        if let Some(db) = target {
            args.extend(["--db", db]);
        }
        args.extend(["-e", query]);
        let run = quiver(&args);
        assert_eq!(
            (run.status, run.stderr.as_str()),
            (Some(0), ""),
            "{target:?}"
        );
        assert_eq!(json_lines(&run.stdout)[0]["rows"], want, "{target:?}");
    }
    let run = quiver(&["--db", &db, "--load", GRAPH, "dump", "--with-history"]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("// quiver dump with history: 3 commits"),
        "{}",
        run.stdout
    );
}
