//! `--db PATH`: what a commit promises survives a kill; damaged, foreign and
//! locked files are refused cleanly; transactions and ids across restarts.
//!
//! Also the helpers that `schema` and `dump` share: running statements
//! against a file.

use super::util::{TempDir, command, json_lines, quiver, temp_dir};
use serde_json::{Value as Json, json};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// `quiver --db DB --format json ARGS`; checks that it succeeded quietly and
/// returns one JSON object per statement.
pub fn db_json(db: &str, args: &[&str]) -> Vec<Json> {
    let mut all = vec!["--db", db, "--format", "json"];
    all.extend_from_slice(args);
    let run = quiver(&all);
    assert_eq!(run.stderr, "", "{args:?}");
    assert_eq!(run.status, Some(0), "{args:?}: {}", run.stdout);
    json_lines(&run.stdout)
}

/// The `rows` of each query, run with `-e` against `db` in one process.
pub fn db_rows(db: &str, queries: &[&str]) -> Vec<Json> {
    let args: Vec<&str> = queries.iter().flat_map(|q| ["-e", *q]).collect();
    let objects = db_json(db, &args);
    assert_eq!(objects.len(), queries.len(), "{queries:?}");
    objects
        .iter()
        .zip(queries)
        .map(|(o, q)| {
            assert!(o.get("error").is_none(), "{q}: {o}");
            o["rows"].clone()
        })
        .collect()
}

/// The `rows` of one query against `db`.
pub fn db_query(db: &str, query: &str) -> Json {
    db_rows(db, &[query]).remove(0)
}

/// The `stats` object with these nonzero counters.
pub fn stats(nonzero: &[(&str, u64)]) -> Json {
    let mut s = json!({
        "nodes_created": 0, "nodes_deleted": 0,
        "relationships_created": 0, "relationships_deleted": 0,
        "properties_set": 0, "properties_removed": 0,
        "labels_added": 0, "labels_removed": 0
    });
    for (key, n) in nonzero {
        s[*key] = json!(n);
    }
    s
}

/// A success object without `elapsed_us`, which varies.
pub fn without_elapsed(object: &Json) -> Json {
    let mut o = object.clone();
    if let Some(map) = o.as_object_mut() {
        map.remove("elapsed_us");
    }
    o
}

/// xorshift64*: a tiny seeded generator, so a failing run can be repeated.
struct Prng(u64);

impl Prng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `low..high`.
    fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low)
    }
}

/// Starts `quiver --db DB --format json -f SCRIPT`, standard output piped.
fn spawn_script(db: &str, script: &str) -> Child {
    command()
        .args(["--db", db, "--format", "json", "-f", script])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the quiver binary runs")
}

/// The whole lines (ending in `\n`) of `text`: a line cut by a kill is not
/// an acknowledgement.
fn whole_lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    if lines.last().is_some_and(|l| !l.ends_with('\n')) {
        lines.pop();
    }
    lines.iter().map(|l| l.trim_end_matches('\n')).collect()
}

/// The most statements of a script whose results quiver holds back for
/// one flush (group commit): a kill may leave that many committed and
/// not acknowledged.
const GROUP: u64 = 256;

/// Checks the crash test's database: exactly the statements `1..=m` are
/// there, each whole and each the commit of its number in the history, with `acked <= m <= acked + GROUP` (a kill between the
/// commits and the printing leaves statements that were not acknowledged,
/// one group at most), and the indexes and adjacency agree with scans.
/// Returns `m`.
fn check_crash_state(db: &str, acked: u64) -> u64 {
    let rows = db_rows(
        db,
        &[
            "MATCH (n) RETURN n.seq AS s ORDER BY s",
            "MATCH ()-[r]->() RETURN r.seq AS s ORDER BY s",
            "MATCH (a)-[r]->(b) WHERE a.seq <> r.seq OR b.seq <> r.seq OR a = b RETURN count(r)",
            "MATCH (n) OPTIONAL MATCH (n)-[r]-() WITH n, count(r) AS c WHERE c <> 1 RETURN count(n)",
            "MATCH (:T)<-[r:R]-(:T) RETURN count(r)",
            // History is as durable as the state: statement s was commit s.
            "MATCH (n) WHERE [h IN history(n) | [h.commit, h.change]] <> [[n.seq, 'created']] RETURN count(n)",
            "MATCH ()-[r]->() WHERE [s IN sources(r) | s.commit] <> [r.seq] RETURN count(r)",
        ],
    );
    let rel_seqs: Vec<u64> = rows[1]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| row[0].as_u64().expect("an integer seq"))
        .collect();
    let m = rel_seqs.len() as u64;
    assert!(
        acked <= m && m <= acked + GROUP,
        "{acked} statements acknowledged, {m} in the database"
    );
    let want_rels: Vec<u64> = (1..=m).collect();
    assert_eq!(rel_seqs, want_rels, "relationship seqs");
    let want_nodes: Vec<Json> = (1..=m).flat_map(|s| [json!([s]), json!([s])]).collect();
    assert_eq!(rows[0], json!(want_nodes), "node seqs");
    assert_eq!(rows[2], json!([[0]]), "relationships between other seqs");
    assert_eq!(
        rows[3],
        json!([[0]]),
        "nodes without exactly one relationship"
    );
    assert_eq!(
        rows[4],
        json!([[m]]),
        "relationships seen from their end nodes"
    );
    assert_eq!(
        rows[5],
        json!([[0]]),
        "nodes whose history is not their commit"
    );
    assert_eq!(
        rows[6],
        json!([[0]]),
        "relationships whose sources are not their commit"
    );
    // The property index agrees with a scan (`+ 0` keeps the planner from
    // turning the WHERE into an index seek).
    let probes = [1, m / 2, m, m + 1];
    let mut queries = Vec::new();
    for s in probes {
        queries.push(format!("MATCH (n {{seq: {s}}}) RETURN count(n)"));
        queries.push(format!("MATCH (n) WHERE n.seq + 0 = {s} RETURN count(n)"));
        queries.push(format!("MATCH ()-[r {{seq: {s}}}]->() RETURN count(r)"));
    }
    let queries: Vec<&str> = queries.iter().map(String::as_str).collect();
    let counts = db_rows(db, &queries);
    for (i, s) in probes.into_iter().enumerate() {
        let present = (1..=m).contains(&s);
        let nodes = if present { 2 } else { 0 };
        let rels = if present { 1 } else { 0 };
        assert_eq!(counts[3 * i], json!([[nodes]]), "index seek for seq {s}");
        assert_eq!(counts[3 * i + 1], json!([[nodes]]), "scan for seq {s}");
        assert_eq!(
            counts[3 * i + 2],
            json!([[rels]]),
            "relationships of seq {s}"
        );
    }
    m
}

/// Kills quiver at random moments while it commits statement after
/// statement; every acknowledged statement must survive, whole, and
/// nothing half-written may appear.
#[test]
fn killed_mid_run_keeps_every_acknowledged_statement_whole() {
    const RUNS: usize = 30;
    // More than a run can commit before the latest kill.
    const STATEMENTS: u64 = 8000;
    let dir = temp_dir("crash");
    let db = dir.file("g.quiver");
    let mut prng = Prng(0x9e37_79b9_7f4a_7c15);
    let mut committed = 0u64;
    let mut acked_runs = 0;
    // Created up front: a kill while quiver creates the file is another
    // test (`killed_while_creating_the_file_leaves_an_openable_file`).
    assert_eq!(db_query(&db, "RETURN 1"), json!([[1]]));
    for run in 0..RUNS {
        let first = committed + 1;
        let script: String = (first..first + STATEMENTS)
            .map(|s| format!("CREATE (:T {{seq: {s}}})-[:R {{seq: {s}}}]->(:T {{seq: {s}}});\n"))
            .collect();
        let script = dir.write("script.cypher", &script);
        // The kill comes a random moment after a random number of
        // acknowledgements (none for some runs), however fast the machine.
        let (after, delay) = (prng.range(0, 1000), prng.range(0, 40));
        let mut child = spawn_script(&db, &script);
        let mut stdout = child.stdout.take().expect("stdout is piped");
        let seen = Arc::new(Mutex::new(String::new()));
        let reader = thread::spawn({
            let seen = Arc::clone(&seen);
            move || {
                let mut chunk = [0u8; 4096];
                while let Ok(n @ 1..) = stdout.read(&mut chunk) {
                    let mut seen = seen.lock().expect("the reader");
                    seen.push_str(&String::from_utf8_lossy(&chunk[..n]));
                }
            }
        });
        let waiting = Instant::now();
        while (seen.lock().expect("the text").matches('\n').count() as u64) < after
            && waiting.elapsed() < Duration::from_secs(60)
        {
            thread::sleep(Duration::from_millis(1));
        }
        thread::sleep(Duration::from_millis(delay));
        child.kill().expect("quiver can be killed");
        let status = child.wait().expect("quiver ends");
        assert_eq!(
            status.code(),
            None,
            "run {run}: quiver ended before the kill"
        );
        reader.join().expect("the reader finishes");
        let text = seen.lock().expect("the text").clone();
        let lines = whole_lines(&text);
        for (i, line) in lines.iter().enumerate() {
            let object: Json = serde_json::from_str(line).expect("a JSON line");
            // `+labels` counts new label names: only the very first `:T`.
            let new_label = u64::from(committed == 0 && i == 0);
            let want = json!({
                "columns": [], "rows": [],
                "stats": stats(&[
                    ("nodes_created", 2),
                    ("relationships_created", 1),
                    ("properties_set", 3),
                    ("labels_added", new_label),
                ]),
            });
            assert_eq!(without_elapsed(&object), want, "run {run}, line {i}");
        }
        if !lines.is_empty() {
            acked_runs += 1;
        }
        committed = check_crash_state(&db, committed + lines.len() as u64);
    }
    assert!(acked_runs > 0, "no kill landed after a commit");
}

/// A new file is made whole under a temporary name and linked into place,
/// so a kill while creating it never leaves a file that cannot be opened.
#[test]
fn killed_while_creating_the_file_leaves_an_openable_file() {
    let dir = temp_dir("killed-create");
    let mut prng = Prng(3);
    for attempt in 0..40 {
        let db = dir.file(&format!("g{attempt}.quiver"));
        let mut child = command()
            .args(["--db", &db, "-e", "RETURN 1"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the quiver binary runs");
        thread::sleep(Duration::from_millis(prng.range(1, 40)));
        let _ = child.kill();
        child.wait().expect("quiver ends");
        let run = quiver(&[
            "--db",
            &db,
            "--format",
            "json",
            "-e",
            "MATCH (n) RETURN count(n)",
        ]);
        assert_eq!(
            (run.status, run.stderr.as_str()),
            (Some(0), ""),
            "attempt {attempt}"
        );
    }
}

/// The `--load` files commit once, together: a kill leaves all of them or
/// nothing.
#[test]
fn a_killed_load_leaves_all_or_nothing() {
    const STATEMENTS: u64 = 1000;
    let dir = temp_dir("killed-load");
    let script: String = (1..=STATEMENTS)
        .map(|s| format!("CREATE (:T {{seq: {s}}})-[:R]->(:T {{seq: {s}}});\n"))
        .collect();
    let load = dir.write("load.cypher", &script);
    let mut prng = Prng(42);
    for run in 0..8 {
        let db = dir.file(&format!("g{run}.quiver"));
        // Created first: see `killed_while_creating_the_file_leaves_an_openable_file`.
        assert_eq!(db_query(&db, "RETURN 1"), json!([[1]]));
        let mut child = command()
            .args(["--db", &db, "--format", "json", "--load", &load])
            .args(["-e", "RETURN 'loaded' AS done"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the quiver binary runs");
        let mut stdout = child.stdout.take().expect("stdout is piped");
        let reader = thread::spawn(move || {
            let mut text = String::new();
            let _ = stdout.read_to_string(&mut text);
            text
        });
        thread::sleep(Duration::from_millis(prng.range(10, 1200)));
        let _ = child.kill();
        child.wait().expect("quiver ends");
        let loaded = !whole_lines(&reader.join().expect("the reader finishes")).is_empty();
        let counts = db_rows(
            &db,
            &[
                "MATCH (n) RETURN count(n)",
                "MATCH ()-[r]->() RETURN count(r)",
            ],
        );
        let n = counts[0][0][0].as_u64().expect("a count");
        if loaded {
            assert_eq!(n, 2 * STATEMENTS, "run {run}: acknowledged, then lost");
        }
        assert!(n == 0 || n == 2 * STATEMENTS, "run {run}: {n} nodes");
        assert_eq!(counts[1], json!([[n / 2]]), "run {run}");
    }
}

/// Runs `quiver --db PATH -e 'RETURN 1'` and checks it is refused with
/// exit status 2 and one line on stderr that starts with `prefix`.
fn assert_refused(path: &str, prefix: &str) {
    let run = quiver(&["--db", path, "-e", "RETURN 1"]);
    assert_eq!(run.status, Some(2), "{path}: {run:?}");
    assert_eq!(run.stdout, "", "{path}");
    assert!(
        run.stderr.starts_with(prefix) && run.stderr.ends_with('\n'),
        "{path}: {}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

/// A small database holding the bundled graph; returns its path.
fn graph_db(dir: &TempDir, name: &str) -> String {
    let db = dir.file(name);
    let run = quiver(&["--db", &db, "--load", super::util::GRAPH, "-e", "RETURN 1"]);
    assert_eq!(run.status, Some(0), "{run:?}");
    db
}

/// Every node and relationship, as one JSON value, for comparisons.
const EVERYTHING: &[&str] = &[
    "MATCH (n) RETURN id(n), labels(n), properties(n) ORDER BY id(n)",
    "MATCH (a)-[r]->(b) RETURN id(r), id(a), type(r), id(b), properties(r) ORDER BY id(r)",
];

#[test]
fn files_that_are_not_quiver_databases_are_refused() {
    let dir = temp_dir("foreign");
    let mut prng = Prng(7);
    let bytes: Vec<u8> = (0..5000).map(|_| prng.next() as u8).collect();
    let random = dir.file("random.bin");
    std::fs::write(&random, bytes).expect("a temporary file");
    let text = dir.write("notes.txt", "just some notes\nnot a database\n");
    let empty = dir.write("empty.quiver", "");
    for (path, why) in [
        (&random, "it is not a quiver database"),
        (&text, "it is not a quiver database"),
        (&empty, "it is empty, not a quiver database"),
    ] {
        let want = format!("quiver: cannot open the database {path}: {why}\n");
        let run = quiver(&["--db", path, "-e", "RETURN 1"]);
        assert_eq!((run.status, run.stdout.as_str()), (Some(2), ""), "{path}");
        assert_eq!(run.stderr, want);
    }
    // Refusing a file leaves it as it was.
    assert_eq!(
        std::fs::read_to_string(&text).expect("still there"),
        "just some notes\nnot a database\n"
    );
    assert_eq!(std::fs::metadata(&empty).expect("still there").len(), 0);
}

#[test]
fn a_directory_holds_the_database_file() {
    let dir = temp_dir("directory");
    // An existing directory, and a new path without an extension, are
    // database directories (as `quiver --db DIR import ...` expects).
    let existing = dir.file("sub");
    std::fs::create_dir(&existing).expect("a directory");
    let new = dir.file("fresh");
    for path in [&existing, &new] {
        let run = quiver(&["--db", path, "--format", "json", "-e", "CREATE (:A)"]);
        assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""), "{path}");
        assert!(Path::new(path).join("quiver.db").is_file(), "{path}");
        let again = quiver(&[
            "--db",
            path,
            "--format",
            "json",
            "-e",
            "MATCH (a:A) RETURN count(a)",
        ]);
        assert_eq!(json_lines(&again.stdout)[0]["rows"], json!([[1]]), "{path}");
    }
}

#[test]
fn a_path_in_a_missing_directory_creates_the_directories() {
    let dir = temp_dir("missing-parent");
    let path = dir.file("no/such/dir/g.quiver");
    let run = quiver(&["--db", &path, "--format", "json", "-e", "CREATE (:A)"]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    assert!(Path::new(&path).is_file());
    // A parent that is a file cannot be made a directory.
    let blocked = dir.write("plain", "x");
    let below = format!("{blocked}/g.quiver");
    assert_refused(
        &below,
        &format!("quiver: cannot open the database {below}: its directory cannot be made ("),
    );
}

#[test]
fn a_truncated_database_is_refused() {
    let dir = temp_dir("truncated");
    let db = graph_db(&dir, "g.quiver");
    let bytes = std::fs::read(&db).expect("the database file");
    let cut = dir.file("cut.quiver");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("a copy");
    assert_refused(
        &cut,
        &format!("quiver: cannot open the database {cut}: it is damaged ("),
    );
    // The original is fine.
    assert_eq!(db_query(&db, "MATCH (n) RETURN count(n)"), json!([[9]]));
}

/// Flips bytes at many places: each copy is either refused cleanly or, when
/// the flip hit unused space, opens with every node and relationship there.
#[test]
fn flipped_bytes_are_refused_or_harmless() {
    let dir = temp_dir("flipped");
    let db = graph_db(&dir, "g.quiver");
    let whole = db_rows(&db, EVERYTHING);
    assert_eq!(whole[0].as_array().map(Vec::len), Some(9));
    let bytes = std::fs::read(&db).expect("the database file");
    let damaged = dir.file("flipped.quiver");
    let mut refused = 0;
    let positions: Vec<usize> = (0..24)
        .map(|i| bytes.len() * i / 24 + 17)
        .chain([16, 64, 200])
        .collect();
    for pos in positions {
        let mut copy = bytes.clone();
        for b in &mut copy[pos..pos + 8] {
            *b ^= 0xff;
        }
        std::fs::write(&damaged, &copy).expect("a copy");
        let args: Vec<&str> = EVERYTHING.iter().flat_map(|q| ["-e", *q]).collect();
        let mut all = vec!["--db", damaged.as_str(), "--format", "json"];
        all.extend(args);
        let run = quiver(&all);
        assert!(!run.stderr.contains("panicked"), "at {pos}: {}", run.stderr);
        match run.status {
            Some(2) => {
                refused += 1;
                assert_eq!(run.stdout, "", "at {pos}");
                let prefix = format!("quiver: cannot open the database {damaged}: ");
                assert!(run.stderr.starts_with(&prefix), "at {pos}: {}", run.stderr);
                assert_eq!(run.stderr.lines().count(), 1, "at {pos}: {}", run.stderr);
            }
            Some(0) => {
                let rows: Vec<Json> = json_lines(&run.stdout)
                    .iter()
                    .map(|o| o["rows"].clone())
                    .collect();
                assert_eq!(rows, whole, "at {pos}: opened with different data");
            }
            other => panic!("at {pos}: exit status {other:?}: {}", run.stderr),
        }
    }
    // The flips that hit live pages must have been noticed.
    assert!(refused > 0, "no damaged copy was refused");
}

/// Another handle on the file (here: this test process, through the
/// library) keeps quiver out until it lets go.
#[test]
fn a_database_open_elsewhere_is_refused_as_locked() {
    let dir = temp_dir("locked-lib");
    let db = graph_db(&dir, "g.quiver");
    let held = quiverdb::Database::open(Path::new(&db)).expect("the library opens it");
    let run = quiver(&["--db", &db, "-e", "RETURN 1"]);
    assert_eq!((run.status, run.stdout.as_str()), (Some(2), ""));
    // The holder is this test process, named by its pid and command line.
    let holder = format!(
        "quiver: cannot open the database {db}: it is locked by another process (pid {}: ",
        std::process::id()
    );
    assert!(run.stderr.starts_with(&holder), "{}", run.stderr);
    assert!(run.stderr.ends_with(")\n"), "{}", run.stderr);
    drop(held);
    assert_eq!(db_query(&db, "MATCH (n) RETURN count(n)"), json!([[9]]));
}

/// Two quiver processes on one file: the second is refused while the first
/// is running, and the first finishes normally.
///
/// quiver reads all of standard input before it opens the database, so a
/// child waiting on its stdin does not hold the file; the first process
/// holds it with a slow query instead.
#[test]
fn a_second_process_is_refused_as_locked() {
    let dir = temp_dir("locked-cli");
    let db = graph_db(&dir, "g.quiver");
    let slow =
        "UNWIND range(1, 1000) AS a UNWIND range(1, 1000) AS b WITH a WHERE a < 0 RETURN count(a)";
    let mut first = command()
        .args([
            "--db",
            &db,
            "--format",
            "json",
            "-e",
            "RETURN 1 AS one",
            "-e",
            slow,
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the quiver binary runs");
    let mut out = BufReader::new(first.stdout.take().expect("stdout is piped"));
    let mut line = String::new();
    out.read_line(&mut line).expect("the first result");
    assert_eq!(
        without_elapsed(&serde_json::from_str(&line).expect("JSON")),
        json!({"columns": ["one"], "rows": [[1]], "stats": stats(&[])})
    );
    // The first process has the database open and is running `slow`.
    let second = quiver(&["--db", &db, "-e", "RETURN 2"]);
    assert!(
        first.try_wait().expect("a status").is_none(),
        "the slow query ended before the second process tried: inconclusive"
    );
    assert_eq!((second.status, second.stdout.as_str()), (Some(2), ""));
    let holder = format!(
        "quiver: cannot open the database {db}: it is locked by another process (pid {}: {} --db {db} --format json -e RETURN 1 AS one -e UNWIND range(1, 1000)",
        first.id(),
        env!("CARGO_BIN_EXE_quiver")
    );
    assert!(second.stderr.starts_with(&holder), "{}", second.stderr);
    let mut rest = String::new();
    out.read_to_string(&mut rest).expect("the rest of stdout");
    let mut err = String::new();
    let mut stderr = first.stderr.take().expect("stderr is piped");
    stderr.read_to_string(&mut err).expect("stderr");
    assert_eq!(first.wait().expect("quiver ends").code(), Some(0), "{err}");
    assert_eq!(err, "");
    let objects = json_lines(&rest);
    assert_eq!(objects.len(), 1, "{rest}");
    assert_eq!(objects[0]["rows"], json!([[0]]));
    // Once it is gone, the file opens again.
    assert_eq!(db_query(&db, "RETURN 3"), json!([[3]]));
}

#[test]
fn a_rolled_back_transaction_leaves_nothing() {
    let dir = temp_dir("rollback");
    let db = dir.file("g.quiver");
    let script = dir.write(
        "tx.cypher",
        "BEGIN;\nCREATE (:A {x: 1})-[:R]->(:B);\nMATCH (n) RETURN count(n);\nROLLBACK;\nMATCH (n) RETURN count(n);\n",
    );
    let objects = db_json(&db, &["-f", &script]);
    let rows: Vec<Json> = objects.iter().map(|o| o["rows"].clone()).collect();
    assert_eq!(
        rows,
        [json!([]), json!([]), json!([[2]]), json!([]), json!([[0]])]
    );
    assert_eq!(
        db_rows(
            &db,
            &[
                "MATCH (n) RETURN count(n)",
                "MATCH ()-[r]->() RETURN count(r)"
            ]
        ),
        [json!([[0]]), json!([[0]])]
    );
}

#[test]
fn a_committed_transaction_survives_a_reopen() {
    let dir = temp_dir("commit");
    let db = dir.file("g.quiver");
    let script = dir.write(
        "tx.cypher",
        "BEGIN; CREATE (:A {x: 1})-[:R {w: 2}]->(:B {y: 'b'}); CREATE (:A {x: 3}); COMMIT;",
    );
    let objects = db_json(&db, &["-f", &script]);
    assert_eq!(objects.len(), 4);
    assert_eq!(
        db_rows(
            &db,
            &[
                "MATCH (n) RETURN labels(n), properties(n) ORDER BY id(n)",
                "MATCH (a)-[r]->(b) RETURN a.x, type(r), r.w, b.y",
            ]
        ),
        [
            json!([[["A"], {"x": 1}], [["B"], {"y": "b"}], [["A"], {"x": 3}]]),
            json!([[1, "R", 2, "b"]]),
        ]
    );
}

#[test]
fn a_transaction_open_at_exit_is_rolled_back_with_a_notice() {
    let dir = temp_dir("open-at-exit");
    let db = dir.file("g.quiver");
    let script = dir.write(
        "tx.cypher",
        "CREATE (:Before);\nBEGIN;\nCREATE (:During);\n",
    );
    let run = quiver(&["--db", &db, "--format", "json", "-f", &script]);
    assert_eq!(run.status, Some(0), "{run:?}");
    assert_eq!(
        run.stderr,
        "notice: the open transaction was rolled back (no COMMIT)\n"
    );
    assert_eq!(json_lines(&run.stdout).len(), 3);
    assert_eq!(
        db_query(&db, "MATCH (n) RETURN labels(n)"),
        json!([[["Before"]]])
    );
}

#[test]
fn a_failing_statement_keeps_the_rest_of_its_transaction() {
    let dir = temp_dir("fail-in-tx");
    let db = dir.file("g.quiver");
    let script = dir.write(
        "tx.cypher",
        "BEGIN;\nCREATE (:A {x: 1});\nCREATE (:A {x: 2}) WITH 1 AS one RETURN 1 / 0;\nCREATE (:A {x: 3});\nCOMMIT;\n",
    );
    let run = quiver(&["--db", &db, "--format", "json", "-f", &script]);
    assert_eq!(run.status, Some(1), "{run:?}");
    let objects = json_lines(&run.stdout);
    assert_eq!(objects.len(), 5, "{}", run.stdout);
    assert_eq!(
        objects[2],
        json!({"error": {
            "kind": "ArgumentError", "detail": "DivisionByZero", "phase": "runtime",
            "message": "division by zero: 1 / 0"
        }})
    );
    assert_eq!(
        db_query(&db, "MATCH (n:A) RETURN n.x ORDER BY n.x"),
        json!([[1], [3]])
    );
}

#[test]
fn ids_survive_a_restart_and_live_ids_are_not_reused() {
    let dir = temp_dir("ids");
    let db = dir.file("g.quiver");
    db_json(
        &db,
        &[
            "-e",
            "UNWIND range(1, 8) AS i CREATE (:N {i: i})",
            "-e",
            "MATCH (a:N {i: 1}), (b:N {i: 8}) CREATE (a)-[:R]->(b)",
            "-e",
            "MATCH (n:N) WHERE n.i IN [2, 4, 5] DELETE n",
        ],
    );
    let ids = "MATCH (n) RETURN n.i, id(n) ORDER BY n.i";
    let before = db_query(&db, ids);
    assert_eq!(before, json!([[1, 0], [3, 2], [6, 5], [7, 6], [8, 7]]));
    let rel = "MATCH (a)-[r]->(b) RETURN id(r), id(a), id(b)";
    assert_eq!(db_query(&db, rel), json!([[0, 0, 7]]));
    // A new process: the same ids, and new nodes get ids no live node has.
    let objects = db_json(
        &db,
        &[
            "-e",
            ids,
            "-e",
            "UNWIND range(9, 12) AS i CREATE (n:N {i: i}) RETURN id(n)",
        ],
    );
    assert_eq!(objects[0]["rows"], before);
    let live = [0, 2, 5, 6, 7];
    let new_ids: Vec<u64> = objects[1]["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| row[0].as_u64().expect("an id"))
        .collect();
    assert_eq!(new_ids.len(), 4);
    for id in &new_ids {
        assert!(!live.contains(id), "id {id} of a live node reused");
    }
    let mut distinct = new_ids.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), 4, "{new_ids:?}");
    // And they too survive.
    let after = db_query(&db, "MATCH (n) WHERE n.i > 8 RETURN id(n) ORDER BY n.i");
    let want: Vec<Json> = new_ids.iter().map(|id| json!([id])).collect();
    assert_eq!(after, json!(want));
    assert_eq!(db_query(&db, rel), json!([[0, 0, 7]]));
}
