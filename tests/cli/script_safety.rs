//! Scripts never stop silently: a comment, string or name left open is an
//! error where it opens; and long generated expressions (thousands of `OR`s
//! or `+`s) run, while deep nesting is refused, never a crash.

use super::util::{json_lines, quiver, quiver_with_stdin, spawn_repl, temp_dir, write_file};
use expectrl::{Eof, Expect};
use serde_json::json;

const SCRIPT: &str = "CREATE (:A);\n/* forgot\nCREATE (:B);";

const UNCLOSED: &str =
    "error: SyntaxError (UnexpectedSyntax): unterminated comment: no closing */ for this /*";

/// The labels in the database after `args`, with `MATCH` run last.
fn labels_after(args: &[&str], stdin: &str) -> (Option<i32>, String, String) {
    let mut all = args.to_vec();
    all.extend(["-e", "MATCH (n) RETURN labels(n) AS l"]);
    let run = quiver_with_stdin(&all, stdin);
    (run.status, run.stdout, run.stderr)
}

#[test]
fn an_unclosed_comment_is_an_error_in_every_kind_of_script() {
    let dir = temp_dir("script-unclosed");
    let file = write_file(&dir, "forgot.cypher", SCRIPT);
    let in_file = format!("{UNCLOSED}\n  --> {file}:2:1\n2 | /* forgot\n  | ^\n");
    // -f and --load name the file, line and column.
    let (status, stdout, stderr) = labels_after(&["--format", "csv", "-f", &file], "");
    assert_eq!(status, Some(1));
    assert_eq!(stdout, "l\n['A']\n");
    assert_eq!(stderr, in_file);
    let (status, stdout, stderr) = labels_after(&["--format", "csv", "--load", &file], "");
    assert_eq!(
        (status, stdout.as_str(), stderr.as_str()),
        (Some(1), "l\n['A']\n", in_file.as_str())
    );
    // -e
    let run = quiver(&["-e", SCRIPT]);
    assert_eq!(run.status, Some(1));
    assert_eq!(
        run.stderr,
        format!("{UNCLOSED}\n  --> <query>:2:1\n2 | /* forgot\n  | ^\n")
    );
    // Standard input.
    let run = quiver_with_stdin(&["--format", "json"], SCRIPT);
    assert_eq!(run.status, Some(1));
    let lines = json_lines(&run.stdout);
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[1]["error"],
        json!({"kind": "SyntaxError", "detail": "UnexpectedSyntax", "phase": "compile",
               "message": "unterminated comment: no closing */ for this /*",
               "line": 2, "column": 1})
    );
}

/// The exit status, then the message, line and column of the error of the
/// second statement of `stdin`.
fn second_error(stdin: &str) -> (Option<i32>, serde_json::Value) {
    let run = quiver_with_stdin(&["--format", "json"], stdin);
    let error = &json_lines(&run.stdout)[1]["error"];
    (
        run.status,
        json!([error["message"], error["line"], error["column"]]),
    )
}

#[test]
fn an_unclosed_string_or_name_after_the_last_semicolon_is_an_error_where_it_opens() {
    assert_eq!(
        second_error("RETURN 1;\nRETURN 'a;\nRETURN 2;"),
        (
            Some(1),
            json!(["unterminated string: no closing quote", 2, 8])
        )
    );
    assert_eq!(
        second_error("RETURN 1;\nRETURN 1 AS `a;\n"),
        (
            Some(1),
            json!(["unterminated name: no closing backtick", 2, 13])
        )
    );
}

#[test]
fn the_repl_asks_for_more_lines_inside_a_comment() {
    let dir = temp_dir("repl-comment");
    let mut repl = spawn_repl(&dir, &[]);
    repl.send_line("/* a comment").unwrap();
    repl.expect("   ...> ").unwrap();
    // Still inside the comment: this runs nothing.
    repl.send_line("RETURN 'inside' AS one;").unwrap();
    repl.expect("   ...> ").unwrap();
    repl.send_line("*/ RETURN 'after' AS two;").unwrap();
    repl.expect("│ 'after' │").unwrap();
    repl.expect("quiver> ").unwrap();
    repl.send_line(":quit").unwrap();
    let rest = repl.expect(Eof).unwrap();
    assert!(!String::from_utf8_lossy(rest.before()).contains("inside"));
}

/// `n` terms joined by `op` after `first`.
fn chain(first: &str, op: &str, n: usize) -> String {
    format!("{first}{}", op.repeat(n))
}

#[test]
fn twenty_thousand_terms_run() {
    const N: usize = 20_000;
    let or = (1..=N)
        .map(|i| format!("n.id = {i}"))
        .collect::<Vec<_>>()
        .join(" OR ");
    let and = (1..=N)
        .map(|i| format!("n.id <> {}", -(i as i64)))
        .collect::<Vec<_>>()
        .join(" AND ");
    let script = [
        "UNWIND range(1, 30) AS i CREATE (:N {id: i})".to_string(),
        format!("MATCH (n:N) WHERE {or} RETURN count(n) AS c"),
        format!("MATCH (n:N) WHERE {and} RETURN count(n) AS c"),
        format!("RETURN {} AS c", chain("1", " + 1", N)),
        format!("RETURN size({}) AS c", chain("'a'", " + 'b'", N)),
        format!("RETURN {} AS c", chain("0", " < 1", N)),
        format!("EXPLAIN MATCH (n:N) WHERE {or} RETURN n"),
    ]
    .join(";\n");
    let run = quiver_with_stdin(&["--format", "json"], &script);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let lines = json_lines(&run.stdout);
    let rows: Vec<_> = lines[1..6].iter().map(|l| l["rows"].clone()).collect();
    assert_eq!(
        rows,
        [
            json!([[30]]),
            json!([[30]]),
            json!([[N + 1]]),
            json!([[N + 1]]),
            json!([[false]])
        ]
    );
    assert!(
        lines[6]["plan"]
            .as_str()
            .is_some_and(|p| p.contains("NodeByLabelScan"))
    );
}

/// Long but flat queries are legitimate: a script generator may write a
/// thousand `CREATE` clauses or a long `MATCH`/`WITH` pipeline in one query.
/// Only a query deep enough to endanger the stack is refused, and its error
/// says which resource the limit protects.
#[test]
fn many_clauses_run_and_only_a_stack_endangering_count_is_refused() {
    let creates = "CREATE (:A) ".repeat(1000);
    let pipeline = (0..1000)
        .map(|i| format!("WITH n{i} AS n{} MATCH (n{})", i + 1, i + 1))
        .collect::<Vec<_>>()
        .join(" ");
    let too_many = "WITH 1 AS x ".repeat(5001);
    let script = [
        format!("{creates}RETURN 1 AS c"),
        format!("MATCH (n0:A) {pipeline} RETURN count(*) AS c"),
        format!("{too_many}RETURN x"),
    ]
    .join(";\n");
    let run = quiver_with_stdin(&["--format", "json"], &script);
    let lines = json_lines(&run.stdout);
    let rows: Vec<_> = lines[0..2].iter().map(|l| l["rows"].clone()).collect();
    assert_eq!(rows, [json!([[1]]), json!([[1000]])]);
    assert_eq!(
        lines[2]["error"]["message"],
        json!(
            "too many clauses: a query may have at most 5000, as every clause \
             nests the plan one level deeper and the limit bounds the stack it needs"
        )
    );
}

#[test]
fn deep_nesting_is_refused_with_its_place() {
    let deep = [
        format!("RETURN {}1{}", "(".repeat(10_000), ")".repeat(10_000)),
        format!("RETURN {}1{}", "[".repeat(10_000), "]".repeat(10_000)),
        format!("RETURN {}true", "NOT ".repeat(10_000)),
        format!(
            "RETURN {}1{}",
            "CASE WHEN true THEN ".repeat(10_000),
            " END".repeat(10_000)
        ),
    ];
    let messages: Vec<_> = deep
        .iter()
        .map(|q| {
            let run = quiver_with_stdin(&["--format", "json"], q);
            assert_eq!(run.status, Some(1), "{}", run.stderr);
            let e = json_lines(&run.stdout)[0]["error"].clone();
            (e["message"].clone(), e["line"].clone(), e["column"].clone())
        })
        .collect();
    assert_eq!(
        messages,
        [
            (
                json!("nesting too deep: more than 200 levels of brackets"),
                json!(1),
                json!(208)
            ),
            (
                json!("nesting too deep: more than 200 levels of brackets"),
                json!(1),
                json!(208)
            ),
            (
                json!("expression nesting too deep (more than 200 prefix operators)"),
                json!(1),
                json!(8)
            ),
            (
                json!("expression nesting too deep (more than 500 levels)"),
                json!(1),
                json!(190_008)
            ),
        ]
    );
}
