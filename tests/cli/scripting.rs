//! Script mode: `:source` inside scripts, notices and plans on the right
//! stream, `--quiet`, and progress bars: none when standard error is not a
//! terminal, one when it is (with `QUIVER_PROGRESS_DELAY_MS=0`, so that the
//! bar would show at once either way).

use super::util::{GRAPH, TempDir, json_lines, quiver, quiver_with_stdin, temp_dir, write_file};
use expectrl::Expect;
use serde_json::json;
use std::io::Write;

#[test]
fn source_runs_a_file_relative_to_the_script() {
    let dir = temp_dir("script-source");
    write_file(&dir, "inner.cypher", "RETURN 'inner' AS x;");
    let outer = write_file(
        &dir,
        "outer.cypher",
        "RETURN 'before' AS x;\n// the other file\n:source inner.cypher\nRETURN 'after' AS x;\n",
    );
    let run = quiver(&["--format", "csv", "-f", &outer]);
    assert_eq!(
        (run.status, run.stdout.as_str(), run.stderr.as_str()),
        (Some(0), "x\nbefore\nx\ninner\nx\nafter\n", "")
    );
}

#[test]
fn source_on_standard_input_and_its_errors() {
    let dir = temp_dir("script-source-errors");
    let inner = write_file(&dir, "inner.cypher", "RETURN 1 AS one");
    let run = quiver_with_stdin(
        &["--format", "csv"],
        &format!(":source {inner};\n:source nowhere.cypher\n:format json\nRETURN 2 AS two"),
    );
    assert_eq!(run.status, Some(1));
    assert_eq!(run.stdout, "one\n1\ntwo\n2\n");
    assert_eq!(
        run.stderr,
        "error: cannot read nowhere.cypher: No such file or directory (os error 2)\n  \
         --> <stdin>:2:1\n\
         error: only :source and :param can be used in a script, not `:format json`\n  \
         --> <stdin>:3:1\n"
    );
}

#[test]
fn param_in_a_script_sets_a_parameter_for_the_statements_after_it() {
    // Standard input fed one statement at a time, each with its values:
    // the text stays the same, so the plan is made once.
    let run = quiver_with_stdin(
        &["--format", "csv"],
        ":param i => 1 + 1\nRETURN $i AS i;\n:param i=7\nRETURN $i AS i;\n:param s => 'a' + $i\nRETURN $s AS s;\n:param j => nope\nRETURN 1 AS one;\n",
    );
    assert_eq!(run.status, Some(1));
    assert_eq!(run.stdout, "i\n2\ni\n7\ns\na7\none\n1\n");
    assert_eq!(
        run.stderr,
        "error: `nope`: Variable `nope` not defined\n  --> <stdin>:7:1\n"
    );
}

#[test]
fn a_file_that_sources_itself_stops() {
    let dir = temp_dir("script-source-loop");
    let file = write_file(&dir, "loop.cypher", ":source loop.cypher\n");
    let run = quiver(&["-f", &file]);
    assert_eq!(run.status, Some(1));
    assert!(
        run.stderr.contains(":source nests more than 16 deep at "),
        "{}",
        run.stderr
    );
}

#[test]
fn errors_after_a_command_line_point_at_their_statement() {
    let run = quiver_with_stdin(&[], ":source /dev/null\n// c\n  RETURN $who");
    assert_eq!(run.status, Some(1));
    assert!(
        run.stderr
            .contains("  --> <stdin>:3:3\n3 |   RETURN $who\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn fail_fast_stops_at_a_bad_source() {
    let run = quiver_with_stdin(
        &["--fail-fast", "--format", "csv"],
        ":source nowhere.cypher\nRETURN 1 AS one",
    );
    assert_eq!((run.status, run.stdout.as_str()), (Some(1), ""));
}

#[test]
fn notices_go_to_standard_error_and_quiet_silences_them() {
    let query = "MATCH (c:Compnay) RETURN c.name";
    let run = quiver(&["--load", GRAPH, "--format", "csv", "-e", query]);
    assert_eq!(
        (run.status, run.stdout.as_str(), run.stderr.as_str()),
        (
            Some(0),
            "c.name\n",
            "notice: no label :Compnay in the graph; did you mean :Company?\n"
        )
    );
    let run = quiver(&["--load", GRAPH, "--quiet", "--format", "csv", "-e", query]);
    assert_eq!(
        (run.status, run.stdout.as_str(), run.stderr.as_str()),
        (Some(0), "c.name\n", "")
    );
    // In JSON the notices are part of the result too.
    let run = quiver(&["--load", GRAPH, "--format", "json", "-e", query]);
    assert_eq!(
        json_lines(&run.stdout)[0]["notices"],
        json!(["no label :Compnay in the graph; did you mean :Company?"])
    );
}

#[test]
fn explain_in_json_and_csv() {
    let query = "EXPLAIN MATCH (c:Company) RETURN c.name";
    let run = quiver(&["--load", GRAPH, "--format", "json", "-e", query]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    let plan = json_lines(&run.stdout)[0]["plan"].clone();
    assert!(
        plan.as_str().is_some_and(|p| p.contains("NodeByLabelScan")),
        "{plan}"
    );
    // CSV stays values only (EXPLAIN has none); the plan goes to standard error.
    let run = quiver(&["--load", GRAPH, "--format", "csv", "-e", query]);
    assert_eq!((run.status, run.stdout.as_str()), (Some(0), ""));
    assert!(run.stderr.contains("NodeByLabelScan"), "{}", run.stderr);
}

/// A script long enough to want a progress bar when it is loaded, and
/// the command line that loads it with the bar's delay at zero, so that a
/// bar shows at once wherever it may show; the folder holding the script
/// comes along, as it is removed when dropped.
fn a_long_load(dir: &str) -> (TempDir, std::process::Command) {
    let dir = temp_dir(dir);
    let statements: String = (0..2000)
        .map(|i| format!("CREATE (:N {{i: {i}}});\n"))
        .collect();
    let file = write_file(&dir, "many.cypher", &statements);
    let mut cmd = super::util::command();
    cmd.args([
        "--load",
        &file,
        "--format",
        "csv",
        "-e",
        "MATCH (n:N) RETURN count(n) AS n",
    ])
    .env("QUIVER_PROGRESS_DELAY_MS", "0");
    (dir, cmd)
}

/// Two checks keep the bar off a standard error that is not a terminal:
/// quiver's (`Progress::enabled`) and indicatif's own (its stderr target
/// hides itself), so it still passes when only one of them breaks; it fails
/// whenever a bar reaches the pipe (as it does with both broken: the 2000
/// statements, with no delay, redraw the bar dozens of times).
#[test]
fn a_load_with_stderr_not_a_terminal_draws_no_progress() {
    let (_dir, mut cmd) = a_long_load("script-progress");
    let output = cmd.output().expect("quiver runs");
    assert_eq!(
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).as_ref(),
            String::from_utf8_lossy(&output.stderr).as_ref()
        ),
        (Some(0), "n\n2000\n", "")
    );
}

#[test]
fn a_load_with_stderr_a_terminal_draws_progress() {
    let (_dir, cmd) = a_long_load("script-progress-tty");
    let mut session = expectrl::Session::spawn(cmd).expect("quiver runs in a pseudo-terminal");
    session.set_expect_timeout(Some(std::time::Duration::from_secs(30)));
    session.expect("many.cypher [").unwrap();
    session.expect("/2001 statements").unwrap();
    session.expect("n\r\n2000\r\n").unwrap();
    session.expect(expectrl::Eof).unwrap();
}

#[test]
fn tables_fit_the_width_in_columns() {
    let query = "RETURN 'a long value that will not fit in forty columns of terminal' AS v, 1 AS n";
    let mut cmd = super::util::command();
    let output = cmd
        .args(["-e", query])
        .env("COLUMNS", "40")
        .output()
        .expect("quiver runs");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        stdout,
        "\
┌──────────────────────────────────┬───┐
│ v                                │ n │
├──────────────────────────────────┼───┤
│ 'a long value that will not fit  │ 1 │
│ in forty columns of terminal'    │   │
└──────────────────────────────────┴───┘
1 row
"
    );
}

#[test]
fn an_import_with_stderr_a_terminal_draws_progress() {
    let dir = temp_dir("import-progress-tty");
    let db = dir.join("db.quiver");
    let mut cmd = super::util::command();
    cmd.arg("--db")
        .arg(&db)
        .args(["import", "--nodes", "Person=examples/csv/people.csv"])
        .env("QUIVER_PROGRESS_DELAY_MS", "0");
    let mut session = expectrl::Session::spawn(cmd).expect("quiver runs in a pseudo-terminal");
    session.set_expect_timeout(Some(std::time::Duration::from_secs(30)));
    session.expect("importing [").unwrap();
    session.expect("100% ").unwrap();
    session
        .expect("imported 3 nodes and 0 relationships\r\n")
        .unwrap();
    session.expect(expectrl::Eof).unwrap();
}

/// A program that feeds quiver one statement at a time on a pipe gets each
/// result (flushed, and durable with `--db`) before it sends the next, and
/// before it closes quiver's standard input: quiver must not wait for the
/// end of its input. Before, it read standard input to the end first, so
/// the first result never came.
#[test]
fn standard_input_runs_each_statement_as_it_arrives() {
    use std::io::{BufRead, BufReader};
    use std::sync::mpsc;
    let dir = temp_dir("script-stream");
    let db = dir.file("db");
    let mut child = super::util::command()
        .args(["--db", &db, "--format", "json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the quiver binary runs");
    let mut input = child.stdin.take().expect("stdin is piped");
    let output = child.stdout.take().expect("stdout is piped");
    let (lines, results) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(output).lines() {
            if lines.send(line.expect("stdout is UTF-8")).is_err() {
                break;
            }
        }
    });
    let created = ask(&mut input, &results, "CREATE (:Event {i: 1});\n");
    assert_eq!(created["stats"]["nodes_created"], json!(1));
    // A statement over two writes runs once its `;` has come (run alone,
    // the first part would be a syntax error).
    input.write_all(b"RETURN\n").expect("quiver reads");
    let answer = ask(&mut input, &results, "  40 + 2 AS answer;\n");
    assert_eq!(answer["rows"], json!([[42]]));
    let counted = ask(
        &mut input,
        &results,
        "MATCH (e:Event) RETURN count(e) AS n;\n",
    );
    assert_eq!(counted["rows"], json!([[1]]));
    drop(input);
    let status = child.wait().expect("quiver finishes");
    assert_eq!(status.code(), Some(0));
}

/// Writes `text` to quiver's standard input, left open, and waits (a minute
/// at most) for the next result line.
fn ask(
    input: &mut std::process::ChildStdin,
    results: &std::sync::mpsc::Receiver<String>,
    text: &str,
) -> serde_json::Value {
    input.write_all(text.as_bytes()).expect("quiver reads");
    input.flush().expect("quiver reads");
    let line = results
        .recv_timeout(std::time::Duration::from_secs(60))
        .unwrap_or_else(|_| panic!("no result for {text:?} while standard input is open"));
    serde_json::from_str(&line).expect("a JSON line")
}
