//! Hostile inputs are refused clearly: integers out of range in parameters
//! and imports, malformed import headers, repeated imports, missing files,
//! control characters and very long lines in error reports.

use super::util::{json_lines, quiver, temp_dir, write_file};
use serde_json::json;
use std::path::Path;

fn db_in(dir: &Path) -> String {
    dir.join("g.quiver").to_str().unwrap().to_string()
}

/// The rows of `query` on the database `db`.
fn rows(db: &str, query: &str) -> serde_json::Value {
    let run = quiver(&["--db", db, "--format", "json", "-e", query]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    json_lines(&run.stdout)[0]["rows"].clone()
}

#[test]
fn parameters_out_of_the_integer_range_are_refused_both_ways() {
    for (arg, literal) in [
        ("x=-9223372036854775809", "-9223372036854775809"),
        ("x=9223372036854775808", "9223372036854775808"),
        ("x=[1, -99999999999999999999]", "-99999999999999999999"),
        ("x={\"a\": 18446744073709551616}", "18446744073709551616"),
    ] {
        let run = quiver(&["--param", arg, "-e", "RETURN $x"]);
        assert_eq!(
            (run.status, run.stdout.as_str(), run.stderr.as_str()),
            (
                Some(2),
                "",
                format!(
                    "error: invalid value '{arg}' for '--param <NAME=JSON>': the value of `x`: \
                     {literal} does not fit in a 64-bit integer\n\nFor more information, try '--help'.\n"
                )
                .as_str()
            )
        );
    }
    // With a `.` or an exponent a number is a float, however large.
    let run = quiver(&[
        "--param",
        "x=-9223372036854775809.0",
        "--param",
        "y=1e19",
        "--param",
        "z=-9223372036854775808",
        "--format",
        "json",
        "-e",
        "RETURN $x, $y, $z",
    ]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert_eq!(
        json_lines(&run.stdout)[0]["rows"],
        json!([[-9.223372036854776e18, 1e19, i64::MIN]])
    );
}

#[test]
fn a_params_file_holds_what_a_command_line_cannot() {
    let dir = temp_dir("safety-params-file");
    // Longer than the whole argument list may be (ARG_MAX is 2 MiB here).
    let big = "x".repeat(3_000_000);
    let first = write_file(
        &dir,
        "first.json",
        &format!("{{\"name\": \"Ada\", \"n\": 1, \"big\": \"{big}\", \"m\": {{\"k\": [1, 2.5]}}}}"),
    );
    let second = write_file(&dir, "second.json", "{\"n\": 2, \"name\": \"Bo\"}");
    let run = quiver(&[
        "--params-file",
        &first,
        "--params-file",
        &second,
        "--param",
        "name=\"Cy\"",
        "--format",
        "json",
        "-e",
        "RETURN $name, $n, size($big), $m",
    ]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert_eq!(
        json_lines(&run.stdout)[0]["rows"],
        json!([["Cy", 2, 3_000_000, {"k": [1, 2.5]}]])
    );
}

#[test]
fn a_bad_params_file_is_bad_usage_with_its_line_and_column() {
    let dir = temp_dir("safety-params-bad");
    let cases = [
        (
            "syntax.json",
            "{\"a\": 1,\n  \"b\": }",
            "2:8: expected value",
        ),
        (
            "range.json",
            "{\"a\": 1,\n  \"b\": [-9223372036854775809]}",
            "2:9: -9223372036854775809 does not fit in a 64-bit integer",
        ),
        (
            "list.json",
            "[1, 2]",
            " expected a JSON object of parameters, {\"name\": value, ...}",
        ),
    ];
    for (name, text, message) in cases {
        let path = write_file(&dir, name, text);
        let run = quiver(&["--params-file", &path, "-e", "RETURN 1"]);
        assert_eq!(
            (run.status, run.stdout.as_str(), run.stderr.as_str()),
            (Some(2), "", format!("quiver: {path}:{message}\n").as_str())
        );
    }
    let run = quiver(&["--params-file", "no/such.json", "-e", "RETURN 1"]);
    assert_eq!(
        (run.status, run.stderr.as_str()),
        (
            Some(2),
            "quiver: cannot read no/such.json: No such file or directory (os error 2)\n"
        )
    );
    let help = quiver(&["--help"]);
    assert!(
        help.stdout.contains("--params-file <FILE.json>"),
        "{}",
        help.stdout
    );
}

#[test]
fn import_holds_typed_columns_to_their_range() {
    let dir = temp_dir("safety-import-range");
    let cases = [
        (
            "x:byte",
            "300",
            "`300` is out of range for byte (-128 to 127)",
        ),
        (
            "x:short",
            "70000",
            "`70000` is out of range for short (-32768 to 32767)",
        ),
        (
            "x:int",
            "9223372036854775808",
            "`9223372036854775808` is out of range for int \
             (-9223372036854775808 to 9223372036854775807)",
        ),
        (
            "x:long",
            "9223372036854775808",
            "`9223372036854775808` is out of range for long \
             (-9223372036854775808 to 9223372036854775807)",
        ),
        ("x:float", "1e999", "`1e999` is out of range for a float"),
        (
            "x:byte[]",
            "1;-129",
            "`-129` is out of range for byte (-128 to 127)",
        ),
    ];
    for (n, (column, field, message)) in cases.into_iter().enumerate() {
        let file = write_file(
            &dir,
            &format!("n{n}.csv"),
            &format!("id:ID,{column}\n1,1\n2,{field}\n"),
        );
        let db = dir.join(format!("g{n}.quiver"));
        let db = db.to_str().unwrap();
        let run = quiver(&["--db", db, "import", "--nodes", &file]);
        assert_eq!(
            (run.status, run.stdout.as_str(), run.stderr.as_str()),
            (
                Some(1),
                "",
                format!("quiver: {file}:3: column 2 ({column}): {message}; nothing was imported\n")
                    .as_str()
            )
        );
    }
    // The ends of each range are fine.
    let file = write_file(
        &dir,
        "edges.csv",
        "id:ID,b:byte,s:short,i:int,l:long\n1,-128,32767,-2147483648,9223372036854775807\n",
    );
    let db = db_in(&dir);
    let run = quiver(&["--db", &db, "import", "--nodes", &file]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert_eq!(
        rows(&db, "MATCH (n) RETURN n.b, n.s, n.i, n.l"),
        json!([[-128, 32767, i32::MIN, i64::MAX]])
    );
}

#[test]
fn malformed_id_columns_are_refused_with_file_line_and_column() {
    let dir = temp_dir("safety-import-header");
    for (n, header) in ["id:ID(a)(b)", "id:ID()", "id:ID((a))"]
        .into_iter()
        .enumerate()
    {
        let file = write_file(
            &dir,
            &format!("h{n}.csv"),
            &format!("name,{header}\nAda,1\n"),
        );
        let db = dir.join(format!("g{n}.quiver"));
        let run = quiver(&["--db", db.to_str().unwrap(), "import", "--nodes", &file]);
        assert_eq!(
            (run.status, run.stderr.as_str()),
            (
                Some(1),
                format!(
                    "quiver: {file}:1: column 2: `{header}` is not a valid column: after :ID an id \
                     space is one name in parentheses, as in :ID(Person); nothing was imported\n"
                )
                .as_str()
            )
        );
    }
}

#[test]
fn importing_into_a_database_that_holds_nodes_needs_append() {
    let dir = temp_dir("safety-import-twice");
    let db = db_in(&dir);
    let file = write_file(&dir, "people.csv", "id:ID,name\n1,Ada\n2,Bo\n");
    let run = quiver(&["--db", &db, "import", "--nodes", &file]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let again = quiver(&["--db", &db, "import", "--nodes", &file]);
    assert_eq!(
        (again.status, again.stdout.as_str(), again.stderr.as_str()),
        (
            Some(2),
            "",
            "quiver: the database already holds 2 nodes: an import makes new nodes beside them, \
             so importing the same files again would make every node twice; give --append to \
             import into it anyway\n"
        )
    );
    assert_eq!(rows(&db, "MATCH (n) RETURN count(n)"), json!([[2]]));
    let appended = quiver(&["--db", &db, "import", "--append", "--nodes", &file]);
    assert_eq!(
        (appended.status, appended.stdout.as_str()),
        (Some(0), "imported 2 nodes and 0 relationships\n")
    );
    assert_eq!(rows(&db, "MATCH (n) RETURN count(n)"), json!([[4]]));
}

#[test]
fn a_missing_import_file_is_bad_usage() {
    let dir = temp_dir("safety-import-missing");
    let db = db_in(&dir);
    let people = write_file(&dir, "people.csv", "id:ID,name\n1,Ada\n");
    for args in [
        vec![
            "--nodes",
            people.as_str(),
            "--relationships",
            "KNOWS=no/such.csv",
        ],
        vec!["--format", "jsonl", "no/such.csv"],
    ] {
        let mut all = vec!["--db", db.as_str(), "import"];
        all.extend(&args);
        let run = quiver(&all);
        assert_eq!(
            (run.status, run.stdout.as_str(), run.stderr.as_str()),
            (
                Some(2),
                "",
                "quiver: cannot read no/such.csv: No such file or directory (os error 2)\n"
            ),
            "{args:?}"
        );
    }
    assert_eq!(rows(&db, "MATCH (n) RETURN count(n)"), json!([[0]]));
}

#[test]
fn json_lines_integers_out_of_range_are_refused() {
    let dir = temp_dir("safety-jsonl-range");
    let file = write_file(
        &dir,
        "g.jsonl",
        "{\"~\":\"node\",\"id\":0,\"labels\":[],\"properties\":{\"x\":-9223372036854775809}}\n",
    );
    let db = db_in(&dir);
    let run = quiver(&["--db", &db, "import", "--format", "jsonl", &file]);
    assert_eq!(
        (run.status, run.stderr.as_str()),
        (
            Some(1),
            format!(
                "quiver: {file}:1: column 50: -9223372036854775809 does not fit in a 64-bit \
                 integer; nothing was imported\n"
            )
            .as_str()
        )
    );
}

#[test]
fn control_characters_in_reports_are_escaped_but_json_is_untouched() {
    let dir = temp_dir("safety-control");
    let script = write_file(&dir, "q.cypher", "RETURN `a\0b\x1b[31m`(1)");
    let run = quiver(&["-f", &script]);
    assert_eq!(
        (run.status, run.stderr.as_str()),
        (
            Some(1),
            format!(
                "error: SyntaxError (UnknownFunction): Unknown function 'a\\0b\\u{{1b}}[31m'\n  \
                 --> {script}:1:8\n1 | RETURN `a\\0b\\u{{1b}}[31m`(1)\n  |        ^\n"
            )
            .as_str()
        )
    );
    let run = quiver(&["--format", "json", "-f", &script]);
    assert_eq!(
        json_lines(&run.stdout)[0]["error"]["message"],
        json!("Unknown function 'a\0b\x1b[31m'")
    );
    assert!(
        run.stdout.contains("a\\u0000b\\u001b[31m"),
        "{}",
        run.stdout
    );
}

#[test]
fn an_error_on_a_very_long_line_shows_a_window_around_the_caret() {
    let dir = temp_dir("safety-long-line");
    let text = format!(
        "RETURN '{}' + nope + '{}'",
        "a".repeat(50_000),
        "b".repeat(50_000)
    );
    let script = write_file(&dir, "long.cypher", &text);
    let run = quiver(&["-f", &script]);
    assert_eq!(run.status, Some(1));
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines[..2],
        [
            "error: SyntaxError (UndefinedVariable): Variable `nope` not defined".to_string(),
            format!("  --> {script}:1:50013"),
        ]
    );
    assert_eq!(lines.len(), 4, "{}", run.stderr);
    let (shown, caret) = (lines[2], lines[3]);
    assert!(
        shown.starts_with("1 | ...") && shown.ends_with("..."),
        "{shown}"
    );
    assert!(shown.chars().count() <= 110, "{shown}");
    let at = caret.chars().count() - 1;
    assert_eq!(&shown[at..at + 4], "nope", "{shown}\n{caret}");
}
