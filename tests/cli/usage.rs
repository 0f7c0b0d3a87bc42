//! Exit statuses, files, parameters, `--fail-fast` and error reports.

use super::util::{
    GRAPH, columns_and_rows, json_lines, quiver, quiver_with_stdin, temp_dir, write_file,
};
use serde_json::json;

#[test]
fn success_is_status_0() {
    let run = quiver(&["--format", "json", "-e", "RETURN 1 AS one"]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    assert_eq!(
        columns_and_rows(&json_lines(&run.stdout)[0]),
        (json!(["one"]), json!([[1]]))
    );
}

#[test]
fn nothing_to_run_is_status_0() {
    let run = quiver(&[]);
    assert_eq!(
        (run.status, run.stdout.as_str(), run.stderr.as_str()),
        (Some(0), "", "")
    );
}

#[test]
fn a_failed_statement_is_status_1_and_the_next_still_runs() {
    let run = quiver(&[
        "--format",
        "json",
        "-e",
        "RETURN x",
        "-e",
        "RETURN 2 AS two",
    ]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(1), ""));
    let objects = json_lines(&run.stdout);
    assert_eq!(objects.len(), 2, "{}", run.stdout);
    assert_eq!(objects[0]["error"]["detail"], json!("UndefinedVariable"));
    assert_eq!(
        columns_and_rows(&objects[1]),
        (json!(["two"]), json!([[2]]))
    );
}

#[test]
fn fail_fast_stops_at_the_first_failure() {
    let run = quiver(&[
        "--format",
        "json",
        "--fail-fast",
        "-e",
        "RETURN 1 AS one; RETURN x; RETURN 3",
        "-e",
        "RETURN 4",
    ]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(1), ""));
    let objects = json_lines(&run.stdout);
    assert_eq!(objects.len(), 2, "{}", run.stdout);
    assert_eq!(
        columns_and_rows(&objects[0]),
        (json!(["one"]), json!([[1]]))
    );
    assert_eq!(objects[1]["error"]["detail"], json!("UndefinedVariable"));
}

#[test]
fn a_failed_statement_changes_nothing() {
    let run = quiver(&[
        "--format",
        "json",
        "-e",
        "CREATE (:A); UNWIND [1, 0] AS x CREATE (:A {v: 1 / x}); MATCH (a:A) RETURN count(a) AS n",
    ]);
    assert_eq!(run.status, Some(1));
    let objects = json_lines(&run.stdout);
    assert_eq!(objects.len(), 3, "{}", run.stdout);
    assert_eq!(objects[1]["error"]["phase"], json!("runtime"));
    assert_eq!(columns_and_rows(&objects[2]), (json!(["n"]), json!([[1]])));
}

#[test]
fn a_missing_file_is_status_2_and_named() {
    let run = quiver(&["-e", "RETURN 1", "-f", "no/such/file.cypher"]);
    assert_eq!(run.status, Some(2));
    assert_eq!(run.stdout, "", "nothing runs when a file is missing");
    assert!(
        run.stderr
            .starts_with("quiver: cannot read no/such/file.cypher: "),
        "{}",
        run.stderr
    );
    let run = quiver(&["--load", "no/such/graph.cypher", "-e", "RETURN 1"]);
    assert_eq!(run.status, Some(2));
    assert!(
        run.stderr
            .starts_with("quiver: cannot read no/such/graph.cypher: "),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_usage_is_status_2() {
    for args in [
        &["--format", "xml", "-e", "RETURN 1"][..],
        &["--frobnicate"][..],
        &["-e"][..],
        &["--param", "x", "-e", "RETURN 1"][..],
        &["--param", "x={oops", "-e", "RETURN 1"][..],
    ] {
        let run = quiver(args);
        assert_eq!(run.status, Some(2), "{args:?}");
        assert_eq!(run.stdout, "", "{args:?}");
        assert!(run.stderr.contains("error:"), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn params_are_json_values() {
    let run = quiver(&[
        "--load",
        GRAPH,
        "--format",
        "json",
        "--param",
        "who=\"OpenAI\"",
        "--param",
        "xs=[1, 2.5, {\"k\": null}]",
        "-e",
        "MATCH (c:Company {name: $who}) RETURN c.planned_ipo_usd AS ipo, $xs AS xs",
    ]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    assert_eq!(
        columns_and_rows(&json_lines(&run.stdout)[0]),
        (
            json!(["ipo", "xs"]),
            json!([[500000000000i64, [1, 2.5, {"k": null}]]])
        )
    );
}

#[test]
fn a_missing_param_is_an_error() {
    let run = quiver(&["--format", "json", "-e", "RETURN $nope"]);
    assert_eq!(run.status, Some(1));
    assert_eq!(
        json_lines(&run.stdout)[0]["error"]["kind"],
        json!("ParameterMissing")
    );
}

#[test]
fn an_error_as_json_has_its_position() {
    let run = quiver(&["--format", "json", "-e", "MATCH (n)\nRETURN x"]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(1), ""));
    assert_eq!(
        json_lines(&run.stdout),
        vec![
            json!({"error": {"kind": "SyntaxError", "detail": "UndefinedVariable",
            "phase": "compile", "message": "Variable `x` not defined", "line": 2, "column": 8}})
        ]
    );
}

#[test]
fn a_syntax_error_as_json_has_its_position() {
    let run = quiver(&["--format", "json", "-e", "RETURN 1;\nMATCH (n)\nRETURN n +"]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(1), ""));
    let objects = json_lines(&run.stdout);
    assert_eq!(objects.len(), 2, "{}", run.stdout);
    let error = &objects[1]["error"];
    assert_eq!(
        (
            &error["kind"],
            &error["phase"],
            &error["line"],
            &error["column"]
        ),
        (
            &json!("SyntaxError"),
            &json!("compile"),
            &json!(3),
            &json!(11)
        ),
        "{error}"
    );
}

#[test]
fn an_error_as_a_table_report_has_a_caret() {
    let run = quiver(&["-e", "MATCH (n)\nRETURN x"]);
    assert_eq!((run.status, run.stdout.as_str()), (Some(1), ""));
    assert_eq!(
        run.stderr,
        "\
error: SyntaxError (UndefinedVariable): Variable `x` not defined
  --> <query>:2:8
2 | RETURN x
  |        ^
"
    );
}

#[test]
fn errors_in_files_are_reported_at_their_place_in_the_file() {
    let dir = temp_dir("error-in-file");
    let file = write_file(
        &dir,
        "bad.cypher",
        "RETURN 1;\n\n// comment\nMATCH (n)\n  RETURN x;\n",
    );
    let run = quiver(&["--format", "csv", "-f", &file]);
    assert_eq!(run.status, Some(1));
    assert_eq!(
        run.stderr,
        format!(
            "\
error: SyntaxError (UndefinedVariable): Variable `x` not defined
  --> {file}:5:10
5 |   RETURN x;
  |          ^
"
        )
    );
}

#[test]
fn load_errors_are_reported_the_rest_still_runs_and_the_status_is_1() {
    let dir = temp_dir("load-error");
    let file = write_file(&dir, "load.cypher", "CREATE (:A);\nRETURN x;\nCREATE (:A);");
    let run = quiver(&[
        "--load",
        &file,
        "--format",
        "json",
        "-e",
        "MATCH (a:A) RETURN count(a) AS n",
    ]);
    assert_eq!(run.status, Some(1));
    assert_eq!(
        columns_and_rows(&json_lines(&run.stdout)[0]),
        (json!(["n"]), json!([[2]]))
    );
    assert!(
        run.stderr.contains(&format!("  --> {file}:2:8\n")),
        "{}",
        run.stderr
    );
}

#[test]
fn fail_fast_stops_at_a_failure_in_a_load_file() {
    let dir = temp_dir("load-fail-fast");
    let file = write_file(&dir, "load.cypher", "RETURN x;\nCREATE (:A);");
    let run = quiver(&["--fail-fast", "--load", &file, "-e", "RETURN 1"]);
    assert_eq!((run.status, run.stdout.as_str()), (Some(1), ""));
    assert_eq!(
        run.stderr,
        format!(
            "\
error: SyntaxError (UndefinedVariable): Variable `x` not defined
  --> {file}:1:8
1 | RETURN x;
  |        ^
"
        )
    );
}

#[test]
fn standard_input_is_a_script() {
    let run = quiver_with_stdin(
        &["--format", "json"],
        "CREATE (:A {v: 1});\nCREATE (:A {v: 2});\nMATCH (a:A) RETURN sum(a.v) AS s",
    );
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    let objects = json_lines(&run.stdout);
    assert_eq!(objects.len(), 3);
    assert_eq!(columns_and_rows(&objects[2]), (json!(["s"]), json!([[3]])));
}

#[test]
fn e_and_f_run_in_command_line_order() {
    let dir = temp_dir("order");
    let file = write_file(&dir, "two.cypher", "RETURN 2 AS n");
    let run = quiver(&[
        "--format",
        "json",
        "-e",
        "RETURN 1 AS n",
        "-f",
        &file,
        "-e",
        "RETURN 3 AS n",
    ]);
    assert_eq!(run.status, Some(0));
    let rows: Vec<_> = json_lines(&run.stdout)
        .iter()
        .map(|o| columns_and_rows(o).1)
        .collect();
    assert_eq!(rows, vec![json!([[1]]), json!([[2]]), json!([[3]])]);
}

#[test]
fn deeply_nested_parentheses_are_an_error_not_a_crash() {
    let query = format!("RETURN {}1{}", "(".repeat(10_000), ")".repeat(10_000));
    let run = quiver(&["-e", &query]);
    assert_eq!(run.status, Some(1), "{}", run.stderr);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
}

#[test]
fn version_and_help_are_status_0() {
    let run = quiver(&["--version"]);
    assert_eq!(
        (run.status, run.stdout.as_str()),
        (Some(0), concat!("quiver ", env!("CARGO_PKG_VERSION"), "\n"))
    );
    let run = quiver(&["--help"]);
    assert_eq!(run.status, Some(0));
    assert!(run.stdout.contains("--fail-fast"), "{}", run.stdout);
}
