//! The bundled knowledge graph, queried through `-e`, `-f` and standard input.

use super::util::{
    GRAPH, columns_and_rows, json_lines, on_graph_json, quiver, quiver_with_stdin, temp_dir,
    write_file,
};
use serde_json::{Value as Json, json};

/// The five queries of the issue and their exact `columns` and `rows`.
fn cases() -> Vec<(&'static str, Json, Json)> {
    vec![
        (
            "MATCH (c)-[:sued]->(t) RETURN c.name, t.name",
            json!(["c.name", "t.name"]),
            json!([["Ziff Davis", "OpenAI"]]),
        ),
        (
            "MATCH (:Company {name: 'Microsoft'})-[s:stake]->(o) RETURN o.name, s.percent, s.value_usd",
            json!(["o.name", "s.percent", "s.value_usd"]),
            json!([["OpenAI", 27, 130000000000i64]]),
        ),
        (
            "MATCH (a)-[i:invests-in]->(b) RETURN a.name, b.name, i.amount_usd ORDER BY i.amount_usd DESC",
            json!(["a.name", "b.name", "i.amount_usd"]),
            json!([
                ["OpenAI", "Azure", 250000000000i64],
                ["Microsoft", "OpenAI", 13000000000i64]
            ]),
        ),
        (
            "MATCH p = shortestPath((:Company {name: 'Ziff Davis'})-[*]-(:Platform {name: 'Azure'})) RETURN length(p)",
            json!(["length(p)"]),
            json!([[2]]),
        ),
        (
            "MATCH (n)-[r]->(:Company {name: 'OpenAI'}) RETURN type(r) AS rel, count(*) AS n ORDER BY rel",
            json!(["rel", "n"]),
            json!([
                ["ceo-of", 1],
                ["invests-in", 1],
                ["partners-with", 1],
                ["revenue-share", 1],
                ["stake", 1],
                ["sued", 1]
            ]),
        ),
    ]
}

/// The five queries as one script, the last one without `;`.
fn script() -> String {
    let queries: Vec<&str> = cases().iter().map(|(query, _, _)| *query).collect();
    format!("// the five queries\n{}\n", queries.join(";\n\n"))
}

/// Checks JSON Lines output against all five cases, in order.
fn check_all(stdout: &str) {
    let objects = json_lines(stdout);
    assert_eq!(objects.len(), 5, "{stdout}");
    for ((query, columns, rows), object) in cases().into_iter().zip(&objects) {
        assert_eq!(columns_and_rows(object), (columns, rows), "{query}");
    }
}

#[test]
fn each_query_with_e() {
    for (query, columns, rows) in cases() {
        let run = on_graph_json(&["-e", query]);
        assert_eq!(run.stderr, "", "{query}");
        assert_eq!(run.status, Some(0), "{query}");
        let objects = json_lines(&run.stdout);
        assert_eq!(objects.len(), 1, "{query}");
        assert_eq!(columns_and_rows(&objects[0]), (columns, rows), "{query}");
    }
}

#[test]
fn the_queries_from_a_file() {
    let dir = temp_dir("queries-file");
    let file = write_file(&dir, "five.cypher", &script());
    let run = on_graph_json(&["-f", &file]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    check_all(&run.stdout);
}

#[test]
fn the_queries_on_standard_input() {
    let run = quiver_with_stdin(&["--load", GRAPH, "--format", "json"], &script());
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    check_all(&run.stdout);
}

#[test]
fn several_statements_in_one_e() {
    let run = on_graph_json(&["-e", &script()]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    check_all(&run.stdout);
}

#[test]
fn success_objects_carry_stats_and_elapsed_time() {
    let run = quiver(&["--format", "json", "-e", "CREATE (:A {x: 1})-[:T]->(:B)"]);
    assert_eq!(run.status, Some(0));
    let objects = json_lines(&run.stdout);
    assert_eq!(objects.len(), 1);
    assert_eq!(
        objects[0]["stats"],
        json!({"nodes_created": 2, "nodes_deleted": 0, "relationships_created": 1,
               "relationships_deleted": 0, "properties_set": 1, "properties_removed": 0,
               "labels_added": 2, "labels_removed": 0})
    );
    assert!(objects[0]["elapsed_us"].is_u64(), "{}", objects[0]);
}

#[test]
fn a_table_for_people() {
    let run = quiver(&[
        "--load",
        GRAPH,
        "-e",
        "MATCH (c)-[:sued]->(t) RETURN c.name, t.name",
    ]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    assert_eq!(
        run.stdout,
        "\
┌──────────────┬──────────┐
│ c.name       │ t.name   │
├──────────────┼──────────┤
│ 'Ziff Davis' │ 'OpenAI' │
└──────────────┴──────────┘
1 row
"
    );
}

#[test]
fn the_graph_has_every_fact() {
    let run = on_graph_json(&[
        "-e",
        "MATCH (n) RETURN count(n)",
        "-e",
        "MATCH ()-[r]->() WHERE [s IN sources(r) | [s.source, s.author, s.commit]] = [['PCMag', 'Jon Martindale', 1]] RETURN count(r)",
        "-e",
        "MATCH (n) RETURN labels(n)[0] AS label, n.name ORDER BY n.name",
    ]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    let objects = json_lines(&run.stdout);
    assert_eq!(columns_and_rows(&objects[0]).1, json!([[9]]));
    assert_eq!(columns_and_rows(&objects[1]).1, json!([[13]]));
    assert_eq!(
        columns_and_rows(&objects[2]).1,
        json!([
            ["Platform", "Azure"],
            ["Product", "ChatGPT"],
            ["Person", "Jon Martindale"],
            ["Company", "Microsoft"],
            ["Company", "OpenAI"],
            ["Publication", "PCMag"],
            ["Company", "PayPal"],
            ["Person", "Sam Altman"],
            ["Company", "Ziff Davis"]
        ])
    );
}
