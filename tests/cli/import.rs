//! `quiver --db PATH import`: bulk-importer CSV and JSON Lines, one
//! transaction, errors that name file, line and column.

use super::util::{Run, json_lines, quiver, temp_dir};
use serde_json::{Value as Json, json};
use std::path::Path;

const FIXTURES: &str = "tests/fixtures/import";

fn db_arg(dir: &Path) -> String {
    dir.join("graph.quiver").to_str().unwrap().to_string()
}

/// `quiver --db DB --format json -e QUERY`: the rows.
fn rows(db: &str, query: &str) -> Json {
    let run = quiver(&["--db", db, "--format", "json", "-e", query]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    json_lines(&run.stdout)[0]["rows"].clone()
}

fn import(db: &str, args: &[&str]) -> Run {
    let mut all = vec!["--db", db, "import"];
    all.extend_from_slice(args);
    quiver(&all)
}

fn example_import(db: &str) -> Run {
    import(
        db,
        &[
            "--nodes",
            "Person=examples/csv/people.csv",
            "--nodes",
            "Company=examples/csv/companies.csv",
            "--relationships",
            "WORKS_AT=examples/csv/works_at.csv",
            "--relationships",
            "KNOWS=examples/csv/knows.csv",
        ],
    )
}

#[test]
fn the_example_imports_with_its_types() {
    let dir = temp_dir("import-example");
    let db = db_arg(&dir);
    let run = example_import(&db);
    assert_eq!(
        (run.status, run.stdout.as_str(), run.stderr.as_str()),
        (Some(0), "imported 5 nodes and 4 relationships\n", "")
    );
    assert_eq!(
        rows(
            &db,
            "MATCH (p:Person)-[w:WORKS_AT]->(c) RETURN p.id, p.born, p.tags, w.share, c.name, labels(c), c.public ORDER BY p.id"
        ),
        json!([
            [
                "1",
                1815,
                ["mathematician", "writer"],
                0.25,
                "Analytical Engines Ltd",
                ["Company", "Startup"],
                false
            ],
            [
                "2",
                1791,
                ["mathematician", "engineer"],
                0.75,
                "Analytical Engines Ltd",
                ["Company", "Startup"],
                false
            ],
            ["3", 1906, null, null, "Remington Rand", ["Company"], true]
        ])
    );
    assert_eq!(
        rows(&db, "MATCH (a)-[:KNOWS]->(b) RETURN a.name, b.name"),
        json!([["Ada Lovelace", "Charles Babbage"]])
    );
}

#[test]
fn integer_ids_are_integer_properties() {
    let dir = temp_dir("import-integer");
    let db = db_arg(&dir);
    let people = format!("Person={FIXTURES}/people.csv");
    let run = import(&db, &["--nodes", &people, "--id-type", "integer"]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert_eq!(
        rows(&db, "MATCH (p:Person) RETURN p.id, p.name ORDER BY p.id"),
        json!([[1, "Ada"], [2, "Charles"]])
    );
}

/// Imports `args` into a fresh database, expects it to fail with `stderr`,
/// and checks that nothing was imported.
fn fails(name: &str, args: &[&str], stderr: &str) {
    let dir = temp_dir(name);
    let db = db_arg(&dir);
    let run = import(&db, args);
    assert_eq!(
        (run.status, run.stdout.as_str(), run.stderr.as_str()),
        (Some(1), "", stderr)
    );
    assert_eq!(rows(&db, "MATCH (n) RETURN count(n)"), json!([[0]]));
}

#[test]
fn bad_files_change_nothing_and_say_where() {
    fails(
        "import-bad-header",
        &["--nodes", "tests/fixtures/import/bad_header.csv"],
        "quiver: tests/fixtures/import/bad_header.csv:1: column 2: unknown type `year` in \
         `born:year` (use int, float, boolean, string, date, localtime, time, localdatetime, \
         datetime or duration); nothing was imported\n",
    );
    fails(
        "import-duplicate",
        &["--nodes", "tests/fixtures/import/duplicate_id.csv"],
        "quiver: tests/fixtures/import/duplicate_id.csv:4: column 1 (id:ID): duplicate id `1`; \
         nothing was imported\n",
    );
    fails(
        "import-ragged",
        &["--nodes", "tests/fixtures/import/ragged.csv"],
        "quiver: tests/fixtures/import/ragged.csv:3: expected 3 fields, found 2; nothing was imported\n",
    );
    fails(
        "import-bad-number",
        &["--nodes", "tests/fixtures/import/bad_number.csv"],
        "quiver: tests/fixtures/import/bad_number.csv:3: column 3 (born:int): `seventeen` is not \
         an integer; nothing was imported\n",
    );
    fails(
        "import-missing-endpoint",
        &[
            "--nodes",
            "P=tests/fixtures/import/people.csv",
            "--relationships",
            "KNOWS=tests/fixtures/import/missing_endpoint.csv",
        ],
        "quiver: tests/fixtures/import/missing_endpoint.csv:3: column 2 (:END_ID): no node with \
         id `9`; nothing was imported\n",
    );
    fails(
        "import-no-type",
        &[
            "--nodes",
            "tests/fixtures/import/people.csv",
            "--relationships",
            "tests/fixtures/import/missing_endpoint.csv",
        ],
        "quiver: tests/fixtures/import/missing_endpoint.csv:2: no relationship type: give \
         TYPE=FILE or a :TYPE column; nothing was imported\n",
    );
}

#[test]
fn invalid_utf8_is_an_error_with_its_place() {
    let dir = temp_dir("import-utf8");
    let file = dir.join("latin1.csv");
    std::fs::write(&file, b"id:ID,name\n1,Ada\n2,Andr\xe9\n").unwrap();
    let db = db_arg(&dir);
    let run = import(&db, &["--nodes", file.to_str().unwrap()]);
    assert_eq!(run.status, Some(1));
    assert_eq!(
        run.stderr,
        format!(
            "quiver: {}:3: column 2 (name): invalid UTF-8; nothing was imported\n",
            file.display()
        )
    );
    assert_eq!(rows(&db, "MATCH (n) RETURN count(n)"), json!([[0]]));
}

#[test]
fn bad_rows_can_be_skipped_and_are_reported() {
    let dir = temp_dir("import-skip");
    let db = db_arg(&dir);
    let run = import(
        &db,
        &[
            "--skip-bad-rows",
            "--nodes",
            "P=tests/fixtures/import/people.csv",
            "--nodes",
            "Q=tests/fixtures/import/bad_number.csv",
            "--relationships",
            "KNOWS=tests/fixtures/import/missing_endpoint.csv",
        ],
    );
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "imported 3 nodes and 1 relationship; skipped 3 bad rows:\n  \
         tests/fixtures/import/bad_number.csv:2: column 1 (id:ID): duplicate id `1`\n  \
         tests/fixtures/import/bad_number.csv:3: column 3 (born:int): `seventeen` is not an integer\n  \
         tests/fixtures/import/missing_endpoint.csv:3: column 2 (:END_ID): no node with id `9`\n"
    );
    // A skipped row leaves nothing behind, not even the fields read
    // before its bad one.
    assert_eq!(
        rows(
            &db,
            "MATCH (n) RETURN labels(n), properties(n) ORDER BY n.name"
        ),
        json!([
            [["P"], {"id": "1", "name": "Ada"}],
            [["P"], {"id": "2", "name": "Charles"}],
            [["Q"], {"born": 1906, "id": "3", "name": "Grace"}]
        ])
    );
    assert_eq!(
        rows(
            &db,
            "MATCH (a)-[r]->(b) RETURN a.name, type(r), r.since, b.name"
        ),
        json!([["Ada", "KNOWS", 1833, "Charles"]])
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = temp_dir("import-usage");
    let db = db_arg(&dir);
    let run = import(&db, &[]);
    assert_eq!(
        (run.status, run.stderr.as_str()),
        (
            Some(2),
            "quiver: nothing to import: give --nodes [LABEL=]FILE and --relationships [TYPE=]FILE\n"
        )
    );
    let run = quiver(&["import", "--nodes", "x.csv"]);
    assert_eq!(
        (run.status, run.stderr.as_str()),
        (Some(2), "quiver: import needs --db PATH\n")
    );
}

#[test]
fn an_import_that_breaks_a_unique_constraint_changes_nothing() {
    let dir = temp_dir("import-unique");
    let db = db_arg(&dir);
    let made = quiver(&[
        "--db",
        &db,
        "-e",
        "CREATE CONSTRAINT FOR (n:P) REQUIRE n.name IS UNIQUE",
    ]);
    assert_eq!(made.status, Some(0), "{}", made.stderr);
    let file = dir.join("twice.csv");
    std::fs::write(&file, "id:ID,name\n1,Ada\n2,Ada\n").unwrap();
    let nodes = format!("P={}", file.display());
    let run = import(&db, &["--nodes", &nodes]);
    assert_eq!(
        (run.status, run.stderr.as_str()),
        (
            Some(1),
            "quiver: the import could not be committed: constraint `constraint_P_name`: \
             more than one :P node has name = 'Ada'\n"
        )
    );
    assert_eq!(rows(&db, "MATCH (n) RETURN count(n)"), json!([[0]]));
    std::fs::write(&file, "id:ID,name\n1,Ada\n2,Grace\n").unwrap();
    let run = import(&db, &["--nodes", &nodes]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert_eq!(rows(&db, "MATCH (n:P) RETURN count(n)"), json!([[2]]));
}
