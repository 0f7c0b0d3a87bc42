//! Snapshots (insta) of tables at two terminal widths and of error reports.
//! `INSTA_UPDATE=always cargo test --test tests snapshots` rewrites them in
//! `tests/cli/snapshots/`; the diff is the review.

use super::util::{GRAPH, quiver};
use quiverdb::Database;
use quiverdb::fuzzing::{TableStyle, write_table_styled};
use std::time::Duration;

/// The bundled graph, loaded in process.
fn graph() -> Database {
    let mut db = Database::in_memory();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/graphs/microsoft-openai.cypher"
    ))
    .expect("the bundled graph");
    db.execute(&text, &Default::default())
        .expect("the bundled graph loads");
    db
}

/// `query` on the bundled graph, as a table `width` columns wide.
fn table(query: &str, width: usize) -> String {
    let result = graph()
        .execute(query, &Default::default())
        .expect("the query runs");
    let style = TableStyle {
        width: Some(width),
        elapsed: Some(Duration::from_micros(420)),
    };
    let mut out = Vec::new();
    write_table_styled(&mut out, &result, &style).expect("written");
    String::from_utf8(out).expect("UTF-8")
}

const WIDE_QUERY: &str = "MATCH (a)-[r]->(b:Company {name: 'OpenAI'}) \
                          RETURN a, r, b.name ORDER BY type(r)";

#[test]
fn a_table_at_120_columns() {
    insta::assert_snapshot!(table(WIDE_QUERY, 120));
}

#[test]
fn a_table_at_60_columns() {
    insta::assert_snapshot!(table(WIDE_QUERY, 60));
}

#[test]
fn a_write_says_what_it_changed() {
    let mut db = graph();
    let result = db
        .execute(
            "CREATE (:Company {name: 'Anthropic', hq: 'San Francisco'})",
            &Default::default(),
        )
        .expect("the write runs");
    let mut out = Vec::new();
    let style = TableStyle {
        width: Some(80),
        elapsed: Some(Duration::from_micros(1250)),
    };
    write_table_styled(&mut out, &result, &style).expect("written");
    insta::assert_snapshot!(String::from_utf8(out).expect("UTF-8"), @"1 node created, 2 properties set, 1.2 ms");
}

/// What quiver says on standard error for each of these statements.
fn errors(statements: &[&str]) -> String {
    let mut all = String::new();
    for statement in statements {
        let run = quiver(&["--load", GRAPH, "-e", statement]);
        all.push_str(&format!("$ quiver -e {statement:?}\n{}\n", run.stderr));
    }
    all
}

#[test]
fn syntax_errors() {
    insta::assert_snapshot!(errors(&[
        "MATCH (n RETURN n",
        "MATCH (n)-[:]->(m) RETURN n",
        "MATCH (n:) RETURN n",
        "RETURN 1 +",
        "MATCH (n) RETRUN n",
        "RETURN 'unterminated",
        "MATCH (n) WHERE n.name = RETURN n",
    ]));
}

#[test]
fn semantic_and_runtime_errors() {
    insta::assert_snapshot!(errors(&[
        "RETURN x",
        "RETURN toUper('a')",
        "MATCH (n) RETURN count(n), n.name ORDER BY m",
        "RETURN 1 / 0",
        "MATCH (c:Company {name: 'OpenAI'}) DELETE c",
        "RETURN $missing",
    ]));
}
