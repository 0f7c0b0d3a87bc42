//! Group commit: the statements of a script, and those a program sends
//! without waiting for each answer, commit with one flush of the journal
//! between them; each result is printed only once its commit is durable,
//! and a flush that fails takes back, and answers with its error, every
//! statement that waited for it.
//!
//! The disk's flushes fail through the test hook
//! `QUIVER_TEST_DISK_FULL_FLAG`: while the file it names holds `flush
//! fails after N`, the journal's flushes after the first N of each journal
//! fail as on a failing disk.

use super::durability::{db_query, stats, without_elapsed};
use super::util::{TempDir, command, json_lines, temp_dir};
use serde_json::{Value as Json, json};
use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

const HOOK: &str = "QUIVER_TEST_DISK_FULL_FLAG";

/// The most statements whose results a script holds back for one flush.
const GROUP: usize = 256;

/// A script of `n` statements, `CREATE (:E {i: 0})` to `i: n - 1`.
fn creates(dir: &TempDir, n: usize) -> String {
    let text: String = (0..n)
        .map(|i| format!("CREATE (:E {{i: {i}}});\n"))
        .collect();
    dir.write("creates.cypher", &text)
}

/// The result of one of those statements (`first`: the label is new).
fn created(first: bool) -> Json {
    json!({"columns": [], "rows": [], "stats": stats(&[
        ("nodes_created", 1),
        ("properties_set", 1),
        ("labels_added", u64::from(first)),
    ])})
}

/// The answer of each of `n` statements whose commits a failed flush
/// took back.
fn lost(n: usize, db: &str) -> Json {
    let what = if n == 1 {
        "the last commit could not be made durable, and was".to_string()
    } else {
        format!("the last {n} commits could not be made durable, and were")
    };
    json!({"error": {
        "kind": "IoError", "detail": "StorageFailure", "phase": "runtime",
        "message": format!(
            "{what} taken back: cannot write the commit journal {db}.journal: Input/output error (a failing disk)"
        ),
    }})
}

/// `quiver --db DB --format json -f SCRIPT` while the hook's flag holds
/// `flag`: exit status, the JSON lines, standard error.
fn run_script(
    dir: &TempDir,
    db: &str,
    script: &str,
    flag: &str,
) -> (Option<i32>, Vec<Json>, String) {
    let flag = dir.write("flag", flag);
    let out = command()
        .args(["--db", db, "--format", "json", "-f", script])
        .env(HOOK, &flag)
        .stdin(Stdio::null())
        .output()
        .expect("quiver runs");
    std::fs::remove_file(&flag).expect("the flag");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    let lines = json_lines(&stdout).iter().map(without_elapsed).collect();
    (
        out.status.code(),
        lines,
        String::from_utf8(out.stderr).expect("UTF-8"),
    )
}

fn count(db: &str) -> Json {
    db_query(db, "MATCH (e:E) RETURN count(e), max(e.i)")
}

/// A script's statements share the flushes: with one flush allowed, a
/// script of ten commits is all acknowledged (one flush each would fail
/// the second).
#[test]
fn a_script_commits_with_one_flush() {
    let dir = temp_dir("group-one-flush");
    let db = dir.file("g.quiver");
    let script = creates(&dir, 10);
    let (status, lines, stderr) = run_script(&dir, &db, &script, "flush fails after 1");
    assert_eq!((status, stderr.as_str()), (Some(0), ""));
    let want: Vec<Json> = (0..10).map(|i| created(i == 0)).collect();
    assert_eq!(lines, want);
    assert_eq!(count(&db), json!([[10, 9]]));
}

/// The first flush makes the first group durable; the second fails: the
/// statements that waited for it are each answered with the error, taken
/// back, and the script stops. The next commit gets the next number.
#[test]
fn a_failed_flush_takes_back_the_statements_that_waited() {
    let dir = temp_dir("group-failed-flush");
    let db = dir.file("g.quiver");
    let n = GROUP + 44;
    let script = creates(&dir, n);
    let (status, lines, stderr) = run_script(&dir, &db, &script, "flush fails after 1");
    assert_eq!((status, stderr.as_str()), (Some(1), ""));
    let mut want: Vec<Json> = (0..GROUP).map(|i| created(i == 0)).collect();
    want.extend(std::iter::repeat_n(lost(44, &db), 44));
    assert_eq!(lines, want);
    assert_eq!(count(&db), json!([[GROUP, GROUP - 1]]));
    let next = command()
        .args(["--db", &db, "--format", "json"])
        .args(["-e", "CREATE (:E {i: -1})"])
        .args([
            "-e",
            "MATCH (e:E {i: -1}) RETURN [h IN history(e) | h.commit]",
        ])
        .output()
        .expect("quiver runs");
    let lines = json_lines(&String::from_utf8(next.stdout).expect("UTF-8"));
    assert_eq!(lines[1]["rows"], json!([[[GROUP + 1]]]));
}

/// More commits wait than go to the database file at a time (64): none
/// of them may reach it before the journal is flushed, or closing the
/// file would make durable what the failed flush took back.
#[test]
fn commits_that_wait_never_reach_the_database_file() {
    let dir = temp_dir("group-nothing-flushed");
    let db = dir.file("g.quiver");
    assert_eq!(db_query(&db, "RETURN 1"), json!([[1]]));
    let script = creates(&dir, 100);
    let (status, lines, _) = run_script(&dir, &db, &script, "flush fails");
    assert_eq!(status, Some(1));
    assert_eq!(lines, vec![lost(100, &db); 100]);
    assert_eq!(count(&db), json!([[0, null]]));
}

/// Reads, a failing statement and writes in one group: every answer in
/// the order of the statements, the failure one of them.
#[test]
fn answers_keep_the_order_of_the_statements() {
    let dir = temp_dir("group-order");
    let db = dir.file("g.quiver");
    let script = dir.write(
        "mixed.cypher",
        "CREATE (:E {i: 1});\nMATCH (e:E) RETURN count(e) AS n;\nCREATE (:E {i: 1}) RETURN 1/0;\nCREATE (:E {i: 2});\nMATCH (e:E) RETURN count(e) AS n;\n",
    );
    let (status, lines, _) = run_script(&dir, &db, &script, "flush fails after 1");
    assert_eq!(status, Some(1));
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert_eq!(lines[0], created(true));
    assert_eq!(lines[1]["rows"], json!([[1]]));
    assert_eq!(lines[2]["error"]["detail"], json!("DivisionByZero"));
    assert_eq!(lines[3], created(false));
    assert_eq!(lines[4]["rows"], json!([[2]]));
    assert_eq!(count(&db), json!([[2, 2]]));
}

/// A program that sends `statements` one at a time on a pipe, waiting
/// for each answer, to `quiver --db DB --format json` while the hook's
/// flag holds `flag`: the answers (without times) and the exit status.
fn waiting_client(
    dir: &TempDir,
    db: &str,
    flag: &str,
    statements: &[String],
) -> (Vec<Json>, Option<i32>) {
    let flag = dir.write("flag", flag);
    let mut child = command()
        .args(["--db", db, "--format", "json"])
        .env(HOOK, &flag)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("quiver runs");
    let mut input = child.stdin.take().expect("stdin");
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().expect("stdout");
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut answers = Vec::new();
    for statement in statements {
        writeln!(input, "{statement};").expect("quiver reads");
        input.flush().expect("quiver reads");
        // Waiting too long for an answer would mean quiver waits for more
        // input before it answers.
        let Ok(line) = rx.recv_timeout(Duration::from_secs(60)) else {
            break;
        };
        answers.push(without_elapsed(&serde_json::from_str(&line).expect("JSON")));
    }
    drop(input);
    let status = child.wait().expect("quiver ends");
    std::fs::remove_file(&flag).expect("the flag");
    (answers, status.code())
}

fn create_statements(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("CREATE (:E {{i: {i}}})")).collect()
}

/// A program that waits for each answer: `flushes` flushes are allowed,
/// so the statement after them is taken back and quiver stops; the file
/// holds the ones acknowledged.
fn waiting_client_loses_the_one_after(name: &str, flushes: usize) {
    let dir = temp_dir(name);
    let db = dir.file("g.quiver");
    let hook = format!("flush fails after {flushes}");
    let (answers, status) = waiting_client(&dir, &db, &hook, &create_statements(flushes + 1));
    let mut want: Vec<Json> = (0..flushes).map(|i| created(i == 0)).collect();
    want.push(lost(1, &db));
    assert_eq!(answers, want);
    assert_eq!(status, Some(1));
    assert_eq!(count(&db), json!([[flushes, flushes - 1]]));
}

/// A program that waits for each answer before it sends the next
/// statement gets each one (a statement is flushed alone when nothing
/// more has arrived): with five flushes allowed, the sixth statement is
/// taken back, and quiver stops.
#[test]
fn a_program_waiting_for_each_answer_gets_it() {
    waiting_client_loses_the_one_after("group-waiting", 5);
}

/// Past 64 commits the database file takes the first 64 (unflushed: the
/// journal holds them); a failed flush after more were acknowledged
/// closes the file, which makes those 64 durable there. Opening it again
/// must replay the acknowledged commits that follow them in the journal.
#[test]
fn acknowledged_commits_after_those_the_file_took_survive_a_failed_flush() {
    waiting_client_loses_the_one_after("group-replay-after-file", 70);
}

/// A read of history flushes the commits before it (history is read from
/// the database file, which takes only flushed commits). When that flush
/// fails, the writes after it fail, and every statement since the last
/// flush is answered with the loss, none with a success; when it works,
/// the statements before it are answered, and a later failed flush takes
/// back only the commits after it.
#[test]
fn a_read_of_history_flushes_the_commits_before_it() {
    let dir = temp_dir("group-history");
    let script = dir.write(
        "history.cypher",
        "CREATE (:E {i: 1});\nMATCH (e:E) RETURN size(history(e)) AS n;\nCREATE (:E {i: 2});\nCREATE (:E {i: 3});\n",
    );
    let db = dir.file("failing.quiver");
    let (status, lines, _) = run_script(&dir, &db, &script, "flush fails");
    assert_eq!(status, Some(1));
    assert_eq!(lines, vec![lost(1, &db); 4]);
    assert_eq!(count(&db), json!([[0, null]]));
    let db = dir.file("then-failing.quiver");
    let (status, lines, _) = run_script(&dir, &db, &script, "flush fails after 1");
    assert_eq!(status, Some(1));
    assert_eq!(
        lines[..2],
        [
            created(true),
            without_elapsed(&json!({"columns": ["n"], "rows": [[1]], "stats": stats(&[])}))
        ]
    );
    assert_eq!(lines[2..], [lost(2, &db), lost(2, &db)]);
    assert_eq!(count(&db), json!([[1, 1]]));
}

/// In a table, nothing of the statements taken back is printed: one
/// error on standard error says what happened.
#[test]
fn a_failed_flush_is_one_error_under_a_table() {
    let dir = temp_dir("group-table");
    let db = dir.file("g.quiver");
    let flag = dir.write("flag", "flush fails");
    let out = command()
        .args([
            "--db",
            &db,
            "-e",
            "CREATE (:E {i: 1})",
            "-e",
            "CREATE (:E {i: 2})",
        ])
        .env(HOOK, &flag)
        .stdin(Stdio::null())
        .output()
        .expect("quiver runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "error: IoError (StorageFailure): {}\n",
            lost(2, &db)["error"]["message"]
                .as_str()
                .expect("a message")
        )
    );
    assert_eq!(count(&db), json!([[0, null]]));
}
