//! One JSON codec for values: what `--format json` writes, `--param` and
//! `--params-file` read back as the same values, and a JSON Lines export
//! imports as the same graph. Values are compared in Cypher literal
//! notation (`--format csv`), where a NaN and a map `{`~`: 'float', ...}`
//! differ although their JSON is the same.

use super::util::{json_lines, quiver, temp_dir, write_file};

/// Values whose JSON is easy to get wrong: tagged floats, a negative zero,
/// whole floats, the extreme integers, strings with control characters,
/// nested lists and maps.
const VALUES: &[&str] = &[
    "0.0 / 0.0",
    "1.0 / 0.0",
    "-1.0 / 0.0",
    "-0.0",
    "1.0",
    "1e300",
    "1.5e-7",
    "123456.0",
    "9223372036854775807",
    "-9223372036854775807 - 1",
    "'tab\\tnew line\\nbell\\u0007 quote\\' back\\\\ é 語'",
    "[1, 2.0, [0.0 / 0.0, null], {a: [true, {b: -1.0 / 0.0}]}]",
    "{x: {y: [-0.0, 'z']}, `~`: 1}",
];

/// The value of `expression` in Cypher literal notation, or, with `params`,
/// the value of `$v` so given.
fn literal(expression: &str, params: &[&str]) -> String {
    let mut args = params.to_vec();
    let query = format!("RETURN {expression} AS v");
    args.extend(["--format", "csv", "-e", &query]);
    let run = quiver(&args);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""), "{query}");
    run.stdout
}

/// The value of `expression` as `--format json` writes it.
fn json(expression: &str) -> String {
    let query = format!("RETURN {expression} AS v");
    let run = quiver(&["--format", "json", "-e", &query]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""), "{query}");
    let line = run.stdout.lines().next().unwrap_or_default();
    let start = line.find("\"rows\":[[").expect("a row") + "\"rows\":[[".len();
    let end = line.rfind("]],\"stats\"").expect("one row");
    line[start..end].to_string()
}

#[test]
fn what_results_write_params_read_as_the_same_value() {
    for expression in VALUES {
        let written = json(expression);
        let param = format!("v={written}");
        assert_eq!(
            literal("$v", &["--param", &param]),
            literal(expression, &[]),
            "--param {param}"
        );
    }
}

#[test]
fn what_results_write_a_params_file_reads_as_the_same_value() {
    let dir = temp_dir("json-codec-params");
    for (i, expression) in VALUES.iter().enumerate() {
        let file = write_file(
            &dir,
            &format!("p{i}.json"),
            &format!("{{\"v\": {}}}", json(expression)),
        );
        assert_eq!(
            literal("$v", &["--params-file", &file]),
            literal(expression, &[]),
            "{expression}"
        );
    }
}

/// Temporal values of each type, a zone with an offset in seconds, a
/// year before 1 and a duration with mixed signs among them.
const TEMPORALS: &[&str] = &[
    "date('2025-04-01')",
    "date('-0044-03-15')",
    "localtime('12:31:14.645876123')",
    "time('21:40:32.142-02:05:59')",
    "localdatetime('2015-W30-2T214032.142')",
    "datetime('2015-07-21T21:40:32.142+01:00[Europe/London]')",
    "datetime('1818-07-21T21:40:32.142[Europe/Stockholm]')",
    "datetime.fromepoch(416779, 999999999)",
    "duration('P-1Y2M3DT-4.000000005S')",
    "[date('2025-04-01'), {d: duration({months: 0.75})}]",
];

#[test]
fn temporal_results_read_back_as_the_same_parameters() {
    let dir = temp_dir("json-codec-temporal");
    for (i, expression) in TEMPORALS.iter().enumerate() {
        let written = json(expression);
        assert!(written.contains("{\"~\":"), "{expression}: {written}");
        let param = format!("v={written}");
        let expected = literal(expression, &[]);
        assert_eq!(
            literal("$v", &["--param", &param]),
            expected,
            "--param {param}"
        );
        let file = write_file(
            &dir,
            &format!("t{i}.json"),
            &format!("{{\"v\": {written}}}"),
        );
        assert_eq!(
            literal("$v", &["--params-file", &file]),
            expected,
            "{expression}"
        );
    }
}

#[test]
fn a_temporal_parameter_that_does_not_parse_is_refused() {
    let run = quiver(&[
        "--param",
        r#"v={"~":"date","value":"2025-02-30"}"#,
        "-e",
        "RETURN $v",
    ]);
    assert_eq!(
        (run.status, run.stdout.as_str(), run.stderr.as_str()),
        (
            Some(2),
            "",
            "error: invalid value 'v={\"~\":\"date\",\"value\":\"2025-02-30\"}' for \
             '--param <NAME=JSON>': the value of `v`: invalid date: parameter 'day' for \
             `2025-02` is invalid, must be in range `1..=28`\n\n\
             For more information, try '--help'.\n"
        )
    );
}

#[test]
fn entities_are_not_parameters() {
    let node = json("{a: 1}").replace("{\"a\":1}", "{\"~\":\"node\",\"id\":1}");
    let run = quiver(&["--param", &format!("v={node}"), "-e", "RETURN $v"]);
    assert_eq!(
        (run.status, run.stdout.as_str(), run.stderr.as_str()),
        (
            Some(2),
            "",
            "error: invalid value 'v={\"~\":\"node\",\"id\":1}' for '--param <NAME=JSON>': \
             the value of `v`: a node cannot be read back from JSON: only values can\n\n\
             For more information, try '--help'.\n"
        )
    );
}

/// Values a property can hold: no maps, lists of one type.
fn property_values() -> Vec<&'static str> {
    let mut values: Vec<&str> = VALUES
        .iter()
        .copied()
        .filter(|v| !v.contains(['[', '{']))
        .collect();
    values.extend([
        "[-0.0, 1.0, 0.0 / 0.0, -1.0 / 0.0]",
        "['a\\u0001', '']",
        "[-9223372036854775807 - 1]",
    ]);
    values
}

#[test]
fn a_json_lines_export_imports_as_the_same_values() {
    let dir = temp_dir("json-codec-jsonl");
    let db = dir.join("a.quiver").to_str().unwrap().to_string();
    let values = property_values();
    let props: Vec<String> = values
        .iter()
        .enumerate()
        .map(|(i, e)| format!("p{i}: {e}"))
        .collect();
    let create = format!(
        "CREATE (:N {{{}}})-[:R {{{}}}]->(:M)",
        props.join(", "),
        props.join(", ")
    );
    let run = quiver(&["--db", &db, "-e", &create]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    let export = quiver(&["--db", &db, "export", "--format", "jsonl"]);
    assert_eq!((export.status, export.stderr.as_str()), (Some(0), ""));
    let file = write_file(&dir, "a.jsonl", &export.stdout);
    let copy = dir.join("b.quiver").to_str().unwrap().to_string();
    let run = quiver(&["--db", &copy, "import", "--format", "jsonl", &file]);
    assert_eq!(
        (run.status, run.stdout.as_str(), run.stderr.as_str()),
        (Some(0), "imported 2 nodes and 1 relationship\n", "")
    );
    let describe = |db: &str| {
        let run = quiver(&[
            "--db",
            db,
            "--format",
            "csv",
            "-e",
            "MATCH (n:N)-[r]->() UNWIND keys(n) AS k RETURN k, n[k], r[k] ORDER BY k",
        ]);
        assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
        run.stdout
    };
    assert_eq!(describe(&copy), describe(&db));
    let original = describe(&db);
    assert!(
        original.starts_with("k,n[k],r[k]\np0,NaN,NaN\np1,Infinity,Infinity\n"),
        "{original}"
    );
    assert_eq!(original.matches("\np").count(), values.len());
    let again = quiver(&["--db", &copy, "export", "--format", "jsonl"]);
    let history = super::util::without_history;
    assert_eq!(history(&again.stdout), history(&export.stdout));
    assert_eq!(json_lines(&history(&again.stdout)).len(), 3);
}
