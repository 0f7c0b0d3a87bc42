//! Bounds on statements: `--timeout`, `--memory-limit`, Ctrl-C, and the
//! shapes that used to run away (quadratic `reduce`, wide `SET n = map`).

use super::util::{command, expect_clean_exit, json_lines, quiver, temp_dir, write_file};
use expectrl::{ControlCode, Expect, Session};
use std::process::Stdio;
use std::time::Duration;

/// Twelve nodes, each linked to every other: its trails never end.
const COMPLETE_GRAPH: [&str; 4] = [
    "-e",
    "UNWIND range(1, 12) AS i CREATE (:N {i: i})",
    "-e",
    "MATCH (a:N), (b:N) WHERE a <> b CREATE (a)-[:R]->(b)",
];

/// A statement that runs for hours on [`COMPLETE_GRAPH`] (and writes
/// first, so that a bound must take the write back).
const ENDLESS: &str = "CREATE (:Partial) WITH 1 AS one MATCH p = (:N)-[*]->(:N) RETURN count(p)";

fn args<'a>(first: &[&'a str], then: &[&'a str]) -> Vec<&'a str> {
    let mut all = COMPLETE_GRAPH.to_vec();
    all.extend_from_slice(first);
    all.extend_from_slice(then);
    all
}

#[test]
fn a_statement_past_its_timeout_fails_changes_nothing_and_the_next_one_runs() {
    let run = quiver(&args(
        &["--timeout", "300ms", "--format", "json"],
        &[
            "-e",
            ENDLESS,
            "-e",
            "MATCH (p:Partial) RETURN count(p) AS partial",
        ],
    ));
    assert_eq!(run.status, Some(1), "{run:?}");
    let objects = json_lines(&run.stdout);
    assert_eq!(objects.len(), 4, "{}", run.stdout);
    let error = &objects[2]["error"];
    assert_eq!(error["kind"], "TransientError");
    assert_eq!(error["detail"], "QueryTimeout");
    assert_eq!(error["phase"], "runtime");
    assert_eq!(
        error["message"],
        "the statement ran longer than the timeout of 300ms; it changed nothing \
         (--timeout, :timeout)"
    );
    assert_eq!(objects[3]["rows"], serde_json::json!([[0]]));
}

#[test]
fn a_timeout_also_stops_rows_that_are_only_counted_or_listed() {
    for query in [
        "MATCH (a:N)-[*]-(b:N) RETURN count(*)",
        "MATCH p = (a:N)-[*]->(b:N) RETURN p",
        "UNWIND range(1, 10000000) AS x UNWIND range(1, 10000000) AS y RETURN count(*)",
        "RETURN size([x IN range(1, 10000000) | [y IN range(1, 100) | x * y]])",
    ] {
        let run = quiver(&args(&["--timeout", "200ms"], &["-e", query]));
        assert_eq!(run.status, Some(1), "{query}: {run:?}");
        assert!(
            run.stderr.contains("TransientError (QueryTimeout)"),
            "{query}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_statement_past_the_memory_limit_fails_and_the_process_goes_on() {
    for query in [
        "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN collect(a)",
        "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN a, b",
        "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN a ORDER BY b",
        "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN DISTINCT a + b * 100000",
        "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b WITH a, b, count(*) AS n RETURN sum(n)",
        "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b CREATE (:Partial)",
        "RETURN size(reduce(s = 'xxxxxxxxxxxxxxxx', i IN range(1, 22) | s + s)) AS n",
        "RETURN size(replace(reduce(s = 'x', i IN range(1, 22) | s + s), 'x', 'xxxxxxxxxxxxxxxx')) AS n",
    ] {
        let run = quiver(&[
            "--memory-limit",
            "32MiB",
            "--format",
            "json",
            "-e",
            query,
            "-e",
            "MATCH (p:Partial) RETURN count(p) AS partial",
        ]);
        assert_eq!(run.status, Some(1), "{query}: {run:?}");
        let objects = json_lines(&run.stdout);
        assert_eq!(objects[0]["error"]["kind"], "TransientError", "{query}");
        assert_eq!(
            objects[0]["error"]["detail"], "MemoryLimitExceeded",
            "{query}"
        );
        assert_eq!(
            objects[0]["error"]["message"],
            "the statement needs more memory than the limit of 32 MiB; it changed \
             nothing (--memory-limit)"
        );
        assert_eq!(objects[1]["rows"], serde_json::json!([[0]]), "{query}");
    }
}

#[test]
fn limits_are_written_as_people_write_them_and_bad_ones_are_usage_errors() {
    let ok = quiver(&[
        "--timeout",
        "1.5s",
        "--memory-limit",
        "2GiB",
        "-e",
        "RETURN 1 AS one",
    ]);
    assert_eq!(ok.status, Some(0), "{ok:?}");
    let no_limit = quiver(&["--memory-limit", "0", "-e", "RETURN 1 AS one"]);
    assert_eq!(no_limit.status, Some(0), "{no_limit:?}");
    for (flag, value, message) in [
        ("--timeout", "soon", "`soon` is not a duration"),
        ("--timeout", "0s", "a timeout must be longer than 0"),
        ("--memory-limit", "2 lots", "`2 lots` is not a size"),
    ] {
        let run = quiver(&[flag, value, "-e", "RETURN 1"]);
        assert_eq!(run.status, Some(2), "{flag} {value}: {run:?}");
        assert!(run.stderr.contains(message), "{}", run.stderr);
    }
}

#[test]
fn reduce_that_nests_its_accumulator_is_linear() {
    // Each step used to copy the accumulator: 20,000 steps took 26 s and
    // 100,000 would take over ten minutes. Now the whole run is well under
    // the generous timeout.
    let run = quiver(&[
        "--timeout",
        "60s",
        "--format",
        "json",
        "-e",
        "RETURN size(reduce(acc = [], i IN range(1, 100000) | [acc])) AS n",
        "-e",
        "RETURN size(reduce(acc = [], i IN range(1, 100000) | [i, acc])) AS n",
        "-e",
        "RETURN size(keys(reduce(acc = {}, i IN range(1, 50000) | {inner: acc, i: i}))) AS n",
        "-e",
        "RETURN reduce(acc = [], i IN range(1, 5) | [acc, i]) AS n",
        "-e",
        "RETURN reduce(acc = [], i IN range(1, 3) | acc + [size(acc)]) AS n",
    ]);
    assert_eq!(run.status, Some(0), "{run:?}");
    let rows: Vec<_> = json_lines(&run.stdout)
        .iter()
        .map(|o| o["rows"].clone())
        .collect();
    assert_eq!(
        rows,
        [
            serde_json::json!([[1]]),
            serde_json::json!([[2]]),
            serde_json::json!([[2]]),
            serde_json::json!([[[[[[[[], 1], 2], 3], 4], 5]]]),
            serde_json::json!([[[0, 1, 2]]]),
        ]
    );
}

#[test]
fn lists_nested_too_deep_are_refused_not_a_crash() {
    let run = quiver(&[
        "-e",
        "RETURN size(reduce(acc = [], i IN range(1, 1000000) | [acc])) AS n",
    ]);
    assert_eq!(run.status, Some(1), "{run:?}");
    assert!(
        run.stderr.contains(
            "ArgumentError (ValueTooLarge): reduce() built lists nested more than 100000 deep"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_wide_map_set_is_linear() {
    // 50,000 keys: quadratic, this took minutes; linear, about a second.
    let keys: Vec<String> = (0..50_000).map(|i| format!("k{i}: {i}")).collect();
    let map = format!("{{{}}}", keys.join(", "));
    let dir = temp_dir("wide-set");
    let script = write_file(
        &dir,
        "wide.cypher",
        &format!(
            "CREATE (n:N) SET n = {map} RETURN size(keys(n)) AS n;\n\
             MATCH (n:N) SET n += {map} RETURN size(keys(n)) AS n;\n\
             MATCH (n:N) SET n = {{a: 1}} RETURN keys(n) AS n;\n\
             CREATE ()-[r:R]->() SET r = {map} RETURN size(keys(r)) AS n;\n\
             BEGIN;\n\
             MATCH ()-[r:R]->() SET r = {{b: 2}};\n\
             MATCH (n:N) SET n = {map};\n\
             ROLLBACK;\n\
             MATCH (n:N), ()-[r:R]->() RETURN keys(n) AS n, size(keys(r)) AS r;\n"
        ),
    );
    let db = dir.join("wide.quiver");
    let run = quiver(&[
        "--db",
        db.to_str().unwrap(),
        "--timeout",
        "60s",
        "--format",
        "json",
        "-f",
        &script,
    ]);
    assert_eq!(run.status, Some(0), "{run:?}");
    let objects = json_lines(&run.stdout);
    let rows: Vec<_> = objects
        .iter()
        .filter(|o| {
            o.get("columns")
                .is_some_and(|c| c != &serde_json::json!([]))
        })
        .map(|o| o["rows"].clone())
        .collect();
    assert_eq!(
        rows,
        [
            serde_json::json!([[50000]]),
            serde_json::json!([[50000]]),
            serde_json::json!([[["a"]]]),
            serde_json::json!([[50000]]),
            serde_json::json!([[["a"], 50000]]),
        ]
    );
    assert_eq!(objects[0]["stats"]["properties_set"], 50000);
    assert_eq!(objects[1]["stats"]["properties_set"], 0);
    assert_eq!(objects[2]["stats"]["properties_set"], 1);
    assert_eq!(objects[2]["stats"]["properties_removed"], 50000);
}

#[test]
fn ctrl_c_in_a_script_cancels_the_statement_and_exits_130() {
    let dir = temp_dir("ctrl-c-script");
    let db = dir.join("g.quiver");
    let db = db.to_str().unwrap();
    let setup = quiver(&[&["--db", db], &COMPLETE_GRAPH[..]].concat());
    assert_eq!(setup.status, Some(0), "{setup:?}");
    let script = write_file(
        &dir,
        "s.cypher",
        &format!("CREATE (:Before);\n{ENDLESS};\nCREATE (:After);\n"),
    );
    let child = command()
        .args(["--db", db, "-f", &script])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("quiver runs");
    std::thread::sleep(Duration::from_millis(1500));
    interrupt(child.id());
    let output = child.wait_with_output().expect("quiver ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains(
            "error: TransientError (Cancelled): the statement was cancelled; it changed nothing"
        ),
        "{stderr}"
    );
    let after = quiver(&[
        "--db",
        db,
        "--format",
        "json",
        "-e",
        "MATCH (n) WHERE NOT n:N RETURN labels(n) AS l",
    ]);
    assert_eq!(
        json_lines(&after.stdout)[0]["rows"],
        serde_json::json!([[["Before"]]])
    );
}

#[test]
fn ctrl_c_during_load_files_commits_none_of_them() {
    let dir = temp_dir("ctrl-c-load");
    let db = dir.join("g.quiver");
    let db = db.to_str().unwrap();
    let load = write_file(
        &dir,
        "load.cypher",
        &format!(
            "UNWIND range(1, 12) AS i CREATE (:N {{i: i}});\n\
             MATCH (a:N), (b:N) WHERE a <> b CREATE (a)-[:R]->(b);\n{ENDLESS};\n"
        ),
    );
    let child = command()
        .args(["--db", db, "--load", &load, "-e", "CREATE (:After)"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("quiver runs");
    std::thread::sleep(Duration::from_millis(1500));
    interrupt(child.id());
    let output = child.wait_with_output().expect("quiver ends");
    assert_eq!(output.status.code(), Some(130), "{output:?}");
    let after = quiver(&[
        "--db",
        db,
        "--format",
        "json",
        "-e",
        "MATCH (n) RETURN count(n) AS n",
    ]);
    assert_eq!(
        json_lines(&after.stdout)[0]["rows"],
        serde_json::json!([[0]])
    );
}

#[test]
fn ctrl_c_in_the_repl_cancels_only_the_statement() {
    let dir = temp_dir("ctrl-c-repl");
    let history = dir.join("history");
    // -e would run instead of the REPL: the graph is built in the REPL.
    let mut cmd = command();
    cmd.env("QUIVER_HISTORY", &history).env("TERM", "xterm");
    let mut repl = Session::spawn(cmd).expect("quiver runs in a pseudo-terminal");
    repl.set_expect_timeout(Some(Duration::from_secs(30)));
    repl.expect("quiver> ").unwrap();
    repl.send_line(format!("{};", COMPLETE_GRAPH[1])).unwrap();
    repl.expect("12 nodes created").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(format!("{};", COMPLETE_GRAPH[3])).unwrap();
    repl.expect("132 relationships created").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line("BEGIN;").unwrap();
    repl.expect("no changes").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line("CREATE (:Kept);").unwrap();
    repl.expect("1 node created").unwrap();
    repl.expect("quiver> ").unwrap();

    repl.send_line(format!("{ENDLESS};")).unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    repl.send(ControlCode::EndOfText).unwrap();
    repl.expect(
        "error: TransientError (Cancelled): the statement was cancelled; it changed nothing",
    )
    .unwrap();
    repl.expect("quiver> ").unwrap();

    // The transaction is still open and holds what it held.
    repl.send_line("MATCH (k:Kept) RETURN count(k) AS kept;")
        .unwrap();
    repl.expect("│    1 │").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line("MATCH (p:Partial) RETURN count(p) AS partial;")
        .unwrap();
    repl.expect("│       0 │").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line("COMMIT;").unwrap();
    repl.expect("no changes").unwrap();
    // Input typed before the next prompt may be dropped by the line
    // editor: each step waits for the output of the one before, then for
    // the prompt.
    repl.expect("quiver> ").unwrap();
    repl.send_line(":timeout 200ms").unwrap();
    repl.expect("timeout: 200ms").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(":timeout").unwrap();
    repl.expect("timeout: 200ms").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(format!("{ENDLESS};")).unwrap();
    repl.expect("error: TransientError (QueryTimeout)").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send(ControlCode::EndOfTransmission).unwrap();
    expect_clean_exit(&mut repl);
    let saved = std::fs::read_to_string(&history).expect("the history is saved");
    assert!(saved.contains("CREATE (:Kept);"), "{saved}");
    assert!(saved.contains("CREATE (:Partial)"), "{saved}");
}

/// Sends SIGINT, as Ctrl-C in a terminal does.
fn interrupt(pid: u32) {
    let status = std::process::Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
}

#[test]
fn reduce_keeps_its_accumulator_within_the_bounds_whatever_its_shape() {
    for (query, detail) in [
        // Nesting in the middle of the list, not at its ends.
        (
            "RETURN size(reduce(acc = [], i IN range(1, 5000000) | [0, acc, 0])) AS n",
            "ValueTooLarge",
        ),
        (
            "RETURN size(reduce(acc = {}, i IN range(1, 5000000) | {a: 0, b: acc, c: 0})) AS n",
            "ValueTooLarge",
        ),
        // Each step adds a large string to a list: the list counts.
        (
            "WITH reduce(s = 'xxxxxxxxxxxxxxxx', j IN range(1, 16) | s + s) AS big \
             RETURN size(reduce(a = [], i IN range(1, 1000) | a + [big + toString(i)])) AS n",
            "MemoryLimitExceeded",
        ),
    ] {
        let run = quiver(&["--memory-limit", "256MiB", "--format", "json", "-e", query]);
        assert_eq!(run.status, Some(1), "{query}: {run:?}");
        assert_eq!(
            json_lines(&run.stdout)[0]["error"]["detail"],
            detail,
            "{query}"
        );
    }
}

#[test]
fn load_csv_stops_at_the_timeout_and_within_the_memory_limit() {
    let dir = temp_dir("load-csv-bounds");
    let rows: String = (0..200_000).map(|i| format!("{i},name {i}\n")).collect();
    write_file(&dir, "rows.csv", &rows);
    // One record that never ends: an unclosed quote at the top of a big file.
    let open_quote = format!("\"{}\n", "x".repeat(4 << 20));
    write_file(&dir, "open.csv", &open_quote);
    let dir = dir.to_str().unwrap();
    let run = quiver(&[
        "--import-dir",
        dir,
        "--timeout",
        "200ms",
        "-e",
        "LOAD CSV FROM 'file:///rows.csv' AS a LOAD CSV FROM 'file:///rows.csv' AS b \
         RETURN count(*)",
    ]);
    assert_eq!(run.status, Some(1), "{run:?}");
    assert!(run.stderr.contains("(QueryTimeout)"), "{}", run.stderr);
    let run = quiver(&[
        "--import-dir",
        dir,
        "--memory-limit",
        "1MiB",
        "-e",
        "LOAD CSV FROM 'file:///open.csv' AS r RETURN count(*)",
    ]);
    assert_eq!(run.status, Some(1), "{run:?}");
    assert!(
        run.stderr
            .contains("the statement needs more memory than the limit of 1 MiB"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_wait_longer_than_the_clock_can_count_is_a_usage_error() {
    let dir = temp_dir("wait-too-long");
    let db = dir.join("g.quiver");
    let run = quiver(&[
        "--db",
        db.to_str().unwrap(),
        "--wait",
        "10000000000000000000",
        "-e",
        "RETURN 1",
    ]);
    assert_eq!(run.status, Some(2), "{run:?}");
    assert!(run.stderr.contains("expected a duration"), "{}", run.stderr);
}
