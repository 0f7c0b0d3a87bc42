//! The commit history through the real binary: `--tx-meta`, `log`, `diff`,
//! `--as-of`, `compact`, and the REPL's `:meta`, `:as-of` and `:log`.

use super::util::{Run, json_lines, quiver, spawn_repl, temp_dir, write_file};
use expectrl::Expect;
use regex::Regex;

/// Runs quiver and checks its exit status, showing its output when it differs.
fn ok(args: &[&str]) -> Run {
    let run = quiver(args);
    assert_eq!(run.status, Some(0), "{args:?}: {run:?}");
    run
}

/// The log's times (tables: to the millisecond; JSON: RFC 3339), each
/// checked to parse, replaced by `TIME` (padded to the time's width in a
/// table, `table`).
fn mask_times(text: &str, table: bool) -> String {
    let time = Regex::new(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z").unwrap();
    for m in time.find_iter(text) {
        m.as_str()
            .parse::<jiff::Timestamp>()
            .unwrap_or_else(|e| panic!("{}: {e}", m.as_str()));
    }
    // As wide as the time, so a table keeps its shape.
    time.replace_all(text, |c: &regex::Captures<'_>| {
        format!("{:<1$}", "TIME", if table { c[0].len() } else { 0 })
    })
    .into_owned()
}

/// A database with three commits: 1 and 2 stamped by --tx-meta (2 also by
/// tx.setMetaData), 3 by nothing.
fn three_commits(db: &str) {
    ok(&[
        "--db",
        db,
        "--tx-meta",
        r#"{"source": "PCMag", "n": 1}"#,
        "-e",
        "CREATE (:Company {name: 'OpenAI'})-[:stake {percent: 27}]->(:Company {name: 'Microsoft'})",
        "-e",
        "CALL tx.setMetaData({author: 'Jon Martindale', n: 2}) MATCH (c {name: 'OpenAI'}) SET c.founded = 2015, c:Lab",
    ]);
    ok(&[
        "--db",
        db,
        "-e",
        "MATCH (c {name: 'Microsoft'}) REMOVE c.name SET c.ticker = 'MSFT'",
    ]);
}

#[test]
fn commits_are_numbered_and_stamped_and_logged() {
    let dir = temp_dir("history-log");
    let db = dir.file("g.quiver");
    three_commits(&db);
    let run = ok(&["--db", &db, "log", "--format", "json"]);
    assert_eq!(
        mask_times(&run.stdout, false),
        concat!(
            r#"{"commit":3,"time":"TIME","meta":{},"changes":{"nodes_created":0,"nodes_deleted":0,"relationships_created":0,"relationships_deleted":0,"labels_added":0,"labels_removed":0,"properties_set":1,"properties_removed":1,"asserted":0}}"#,
            "\n",
            r#"{"commit":2,"time":"TIME","meta":{"author":"Jon Martindale","n":2,"source":"PCMag"},"changes":{"nodes_created":0,"nodes_deleted":0,"relationships_created":0,"relationships_deleted":0,"labels_added":1,"labels_removed":0,"properties_set":1,"properties_removed":0,"asserted":0}}"#,
            "\n",
            r#"{"commit":1,"time":"TIME","meta":{"n":1,"source":"PCMag"},"changes":{"nodes_created":2,"nodes_deleted":0,"relationships_created":1,"relationships_deleted":0,"labels_added":0,"labels_removed":0,"properties_set":0,"properties_removed":0,"asserted":0}}"#,
            "\n"
        )
    );
    let run = ok(&["--db", &db, "log", "--limit", "2"]);
    assert_eq!(
        mask_times(&run.stdout, true),
        "\
┌────────┬──────────────────────────┬──────────────────────────────┬──────────────────────────────┐
│ commit │ time                     │ meta                         │ changes                      │
├────────┼──────────────────────────┼──────────────────────────────┼──────────────────────────────┤
│      3 │ TIME                     │ {}                           │ 1 property set, 1 property   │
│        │                          │                              │ removed                      │
│      2 │ TIME                     │ {author: 'Jon Martindale',   │ 1 property set, 1 label      │
│        │                          │ n: 2, source: 'PCMag'}       │ added                        │
└────────┴──────────────────────────┴──────────────────────────────┴──────────────────────────────┘
2 commits
"
    );
}

#[test]
fn log_works_in_memory_after_load() {
    let dir = temp_dir("history-memory");
    let load = write_file(
        &dir,
        "g.cypher",
        "CALL tx.setMetaData({source: 'PCMag'});\nCREATE (:A {x: 1});\nCREATE (:B);\n",
    );
    let run = ok(&["--load", &load, "log", "--format", "json"]);
    let lines = json_lines(&run.stdout);
    assert_eq!(lines.len(), 1, "--load runs as one commit: {}", run.stdout);
    assert_eq!(lines[0]["commit"], 1);
    assert_eq!(lines[0]["meta"]["source"], "PCMag");
    assert_eq!(lines[0]["changes"]["nodes_created"], 2);
    // --tx-meta reaches the --load commit, tx.setMetaData's keys win.
    let run = ok(&[
        "--load",
        &load,
        "--tx-meta",
        r#"{"source": "cli", "who": "me"}"#,
        "log",
        "--format",
        "json",
    ]);
    assert_eq!(
        json_lines(&run.stdout)[0]["meta"],
        serde_json::json!({"source": "PCMag", "who": "me"})
    );
    let run = ok(&["log"]);
    assert_eq!(run.stdout, "no commits\n");
}

#[test]
fn bad_tx_meta_is_a_usage_error() {
    for (bad, says) in [
        ("[1, 2]", "expected a JSON object"),
        ("{oops", "not a JSON object"),
        (r#"{"d": {"~": "node", "id": 1}}"#, "node"),
    ] {
        let run = quiver(&["--tx-meta", bad, "-e", "RETURN 1"]);
        assert_eq!(run.status, Some(2), "{bad}: {run:?}");
        assert!(run.stderr.contains("--tx-meta"), "{run:?}");
        assert!(run.stderr.contains(says), "{bad}: {}", run.stderr);
    }
}

#[test]
fn diff_as_json_lines() {
    let dir = temp_dir("history-diff");
    let db = dir.file("g.quiver");
    three_commits(&db);
    let run = ok(&["--db", &db, "diff", "1.."]);
    assert_eq!(
        run.stdout,
        concat!(
            r#"{"change":"label_added","node":0,"label":"Lab"}"#,
            "\n",
            r#"{"change":"property_set","node":0,"key":"founded","old":null,"new":2015}"#,
            "\n",
            r#"{"change":"property_removed","node":1,"key":"name","old":"Microsoft"}"#,
            "\n",
            r#"{"change":"property_set","node":1,"key":"ticker","old":null,"new":"MSFT"}"#,
            "\n"
        )
    );
    let run = ok(&["--db", &db, "diff", "0..1", "--format", "json"]);
    let lines = json_lines(&run.stdout);
    assert_eq!(
        lines[2],
        serde_json::json!({"change": "relationship_created", "id": 0, "type": "stake",
                           "start": 0, "end": 1, "properties": {"percent": 27}})
    );
    let run = quiver(&["--db", &db, "diff", "3..1"]);
    assert_eq!(run.status, Some(2), "{run:?}");
    assert!(run.stderr.contains("starts after it ends"), "{run:?}");
    let run = quiver(&["--db", &db, "diff", "1-2"]);
    assert_eq!(run.status, Some(2), "{run:?}");
    assert!(run.stderr.contains("expected A..B"), "{run:?}");
}

/// What a database holds, by content (ids aside): its nodes and its
/// relationships with their ends, each sorted.
fn content(db: &str) -> Vec<Vec<String>> {
    let run = ok(&[
        "--db",
        db,
        "--format",
        "json",
        "-e",
        "MATCH (n) RETURN labels(n) AS l, properties(n) AS p",
        "-e",
        "MATCH (a)-[r]->(b) RETURN properties(a) AS a, type(r) AS t, properties(r) AS r, properties(b) AS b",
    ]);
    json_lines(&run.stdout)
        .iter()
        .map(|result| {
            let mut rows: Vec<String> = result["rows"]
                .as_array()
                .expect("rows")
                .iter()
                .map(|row| row.to_string())
                .collect();
            rows.sort();
            rows
        })
        .collect()
}

#[test]
fn a_diff_script_turns_state_a_into_state_b() {
    let dir = temp_dir("history-diff-cypher");
    let db = dir.file("g.quiver");
    three_commits(&db);
    let copy = dir.file("copy.quiver");
    std::fs::copy(&db, &copy).unwrap();
    // More commits: a deletion whose ids are taken again, new nodes tied to
    // old ones, a property of a relationship, a node deleted with its
    // relationships, labels removed.
    ok(&[
        "--db",
        &db,
        "-e",
        "MATCH (m {ticker: 'MSFT'}) DETACH DELETE m",
        "-e",
        "MATCH (o {name: 'OpenAI'}) CREATE (o)-[:sued {year: 2025}]->(:Company:Media {name: 'Ziff Davis', `odd key`: [1.5, 2.5]})",
        "-e",
        "MATCH (o {name: 'OpenAI'}) REMOVE o:Lab SET o.founded = 2016, o.note = \"it's\"",
        "-e",
        "CREATE (:Person {name: 'Sam'})-[:leads]->(:Tmp {name: 'gone'})",
        "-e",
        "MATCH (t:Tmp) DETACH DELETE t",
        "-e",
        "MATCH ()-[s:sued]->() SET s.court = 'NY'",
    ]);
    let script = ok(&["--db", &db, "diff", "3..", "--format", "cypher"]).stdout;
    assert!(
        script.starts_with(
            "// quiver diff 3..9: turns the state after commit 3 into the state after commit 9\n"
        ),
        "{script}"
    );
    let file = write_file(&dir, "d.cypher", &script);
    ok(&["--db", &copy, "-q", "-f", &file]);
    assert_eq!(content(&copy), content(&db), "{script}");
    assert!(!format!("{:?}", content(&copy)).contains("__quiver_id"));
    assert!(format!("{:?}", content(&copy)).contains("Ziff Davis"));
}

#[test]
fn as_of_shows_the_past_read_only() {
    let dir = temp_dir("history-as-of");
    let db = dir.file("g.quiver");
    three_commits(&db);
    let query = "MATCH (n) RETURN n.name AS name, n.founded AS f, n.ticker AS t ORDER BY name";
    let run = ok(&["--db", &db, "--as-of", "1", "--format", "csv", "-e", query]);
    assert_eq!(run.stdout, "name,f,t\nMicrosoft,,\nOpenAI,,\n");
    // By time: the time of commit 2, from the log.
    let log = json_lines(&ok(&["--db", &db, "log", "--format", "json"]).stdout);
    let time = log[1]["time"].as_str().unwrap().to_string();
    let run = ok(&[
        "--db", &db, "--as-of", &time, "--format", "csv", "-e", query,
    ]);
    assert_eq!(run.stdout, "name,f,t\nMicrosoft,,\nOpenAI,2015,\n");
    // A date before the first commit: nothing.
    let run = ok(&[
        "--db",
        &db,
        "--as-of",
        "2000-01-01",
        "--format",
        "csv",
        "-e",
        query,
    ]);
    assert_eq!(run.stdout, "name,f,t\n");
    // dump and export see the past too; log stops there.
    let run = ok(&["--db", &db, "--as-of", "1", "dump"]);
    assert!(run.stdout.contains("{name: 'Microsoft'}"), "{}", run.stdout);
    assert!(!run.stdout.contains("MSFT"), "{}", run.stdout);
    let run = ok(&["--db", &db, "--as-of", "1", "export", "--format", "jsonl"]);
    assert!(!run.stdout.contains("MSFT"), "{}", run.stdout);
    let run = ok(&["--db", &db, "--as-of", "2", "log", "--format", "json"]);
    assert_eq!(json_lines(&run.stdout).len(), 2);
    // Writes are refused, and nothing changed.
    let run = quiver(&["--db", &db, "--as-of", "1", "-e", "CREATE (:X)"]);
    assert_eq!(run.status, Some(1), "{run:?}");
    assert!(
        run.stderr.contains(
            "CREATE cannot run: the database shows the state after commit 1 (as of); the past cannot be written"
        ),
        "{run:?}"
    );
    let run = ok(&["--db", &db, "log", "--format", "json"]);
    assert_eq!(json_lines(&run.stdout).len(), 3);
    // Bad values.
    let run = quiver(&["--db", &db, "--as-of", "soon", "-e", "RETURN 1"]);
    assert_eq!(run.status, Some(2), "{run:?}");
    assert!(
        run.stderr.contains("not a commit number or a time: 'soon'"),
        "{run:?}"
    );
    let run = quiver(&["--db", &db, "--as-of", "7", "-e", "RETURN 1"]);
    assert_eq!(run.status, Some(2), "{run:?}");
    assert_eq!(
        run.stderr,
        "quiver: --as-of: there is no commit 7: the last commit is 3\n"
    );
}

#[test]
fn as_of_in_memory_after_load() {
    let dir = temp_dir("history-as-of-memory");
    let a = write_file(&dir, "a.cypher", "CREATE (:A);");
    let b = write_file(&dir, "b.cypher", "CREATE (:B);");
    // Each --load file set commits once, together: one commit here.
    let run = ok(&[
        "--load",
        &a,
        "--load",
        &b,
        "--as-of",
        "0",
        "--format",
        "csv",
        "-e",
        "MATCH (n) RETURN count(n) AS n",
    ]);
    assert_eq!(run.stdout, "n\n0\n");
}

#[test]
fn compact_drops_old_history() {
    let dir = temp_dir("history-compact");
    let db = dir.file("g.quiver");
    three_commits(&db);
    let run = ok(&["--db", &db, "compact", "--history-before", "2"]);
    assert!(
        Regex::new(r"^dropped the history of 1 commit; the file is [0-9.]+ (B|KiB|MiB) smaller\n$")
            .unwrap()
            .is_match(&run.stdout),
        "{}",
        run.stdout
    );
    let log = json_lines(&ok(&["--db", &db, "log", "--format", "json"]).stdout);
    let numbers: Vec<_> = log.iter().map(|c| c["commit"].as_u64()).collect();
    assert_eq!(numbers, vec![Some(3), Some(2)]);
    // The state after commit 1 is still there (the dropped history was
    // commit 1's own); before it, not.
    ok(&["--db", &db, "--as-of", "1", "-e", "RETURN 1"]);
    let run = quiver(&["--db", &db, "--as-of", "0", "-e", "RETURN 1"]);
    assert_eq!(run.status, Some(2), "{run:?}");
    assert!(run.stderr.starts_with("quiver: --as-of: "), "{run:?}");
    assert!(run.stderr.contains("commit"), "{run:?}");
    // The present is untouched.
    let run = ok(&[
        "--db",
        &db,
        "--format",
        "csv",
        "-e",
        "MATCH (n) RETURN count(n) AS n",
    ]);
    assert_eq!(run.stdout, "n\n2\n");
}

#[test]
fn repl_meta_as_of_and_log() {
    let dir = temp_dir("history-repl");
    let db = dir.file("g.quiver");
    let mut repl = spawn_repl(&dir, &["--db", &db]);
    repl.send_line(":meta").unwrap();
    repl.expect("meta: none (set it with :meta {source: 'PCMag'})")
        .unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(":meta {source: 'PC' + 'Mag', year: 2025}")
        .unwrap();
    repl.expect("meta: {source: 'PCMag', year: 2025}").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line("CREATE (:A {x: 1});").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(":meta clear").unwrap();
    repl.expect("meta: none").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line("MATCH (a:A) SET a.x = 2;").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(":meta [1]").unwrap();
    repl.expect("error: tx.setMetaData() needs a map").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(":log").unwrap();
    repl.expect("│      2 │").unwrap();
    repl.expect("│ {}   ").unwrap();
    repl.expect("│      1 │").unwrap();
    repl.expect("{source: 'PCMag',").unwrap();
    repl.expect("2 commits").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(":as-of 1").unwrap();
    repl.expect("as of commit 1 (the last is 2): the past can be read, not written")
        .unwrap();
    repl.expect("quiver@1> ").unwrap();
    repl.send_line("MATCH (a:A)").unwrap();
    repl.expect("     ...> ").unwrap();
    repl.send_line("RETURN a.x;").unwrap();
    repl.expect("│   1 │").unwrap();
    repl.expect("quiver@1> ").unwrap();
    repl.send_line("CREATE (:B);").unwrap();
    repl.expect("the past cannot be written").unwrap();
    repl.expect("quiver@1> ").unwrap();
    repl.send_line(":as-of now").unwrap();
    repl.expect("at the present (commit 2)").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line("MATCH (a:A) RETURN a.x;").unwrap();
    repl.expect("│   2 │").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(":quit").unwrap();
    super::util::expect_clean_exit(&mut repl);
}
