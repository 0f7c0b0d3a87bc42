//! Indexes and unique constraints on a `--db` file: enforced, listed,
//! dropped, kept across a reopen, and used by the planner.

use super::durability::{db_json, db_query, stats, without_elapsed};
use super::util::{GRAPH, TempDir, json_lines, quiver, temp_dir};
use serde_json::{Value as Json, json};

const UNIQUE_NAME: &str = "CREATE CONSTRAINT FOR (n:Company) REQUIRE n.name IS UNIQUE";

/// A `--db` file holding the bundled graph and the unique constraint on
/// `:Company(name)`.
fn constrained_db(dir: &TempDir) -> String {
    let db = dir.file("g.quiver");
    let objects = db_json(&db, &["--load", GRAPH, "-e", UNIQUE_NAME]);
    assert_eq!(
        objects.iter().map(without_elapsed).collect::<Vec<_>>(),
        [json!({"columns": [], "rows": [], "stats": stats(&[])})]
    );
    db
}

/// The JSON error object for a uniqueness violation of `name = value`.
fn violation(constraint: &str, label: &str, value: &str) -> Json {
    json!({"error": {
        "kind": "ConstraintVerificationFailed",
        "detail": "UniquenessViolation",
        "phase": "runtime",
        "message": format!("constraint `{constraint}`: more than one :{label} node has name = {value}"),
    }})
}

/// Runs `quiver --db DB ARGS` with `--format table`; returns status,
/// stdout and stderr.
fn table(db: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let mut all = vec!["--db", db];
    all.extend_from_slice(args);
    let run = quiver(&all);
    (run.status, run.stdout, run.stderr)
}

const COMPANIES: &str = "MATCH (c:Company) RETURN c.name ORDER BY c.name";

fn companies(names: &[&str]) -> Json {
    json!(names.iter().map(|n| json!([n])).collect::<Vec<_>>())
}

#[test]
fn a_unique_constraint_refuses_duplicates_and_changes_nothing() {
    let dir = temp_dir("unique");
    let db = constrained_db(&dir);
    let run = quiver(&[
        "--db",
        &db,
        "--format",
        "json",
        "-e",
        "CREATE (:Company {name: 'OpenAI'})",
        // Only the last row breaks it: nothing of the statement remains.
        "-e",
        "UNWIND ['A1', 'B1', 'OpenAI'] AS x CREATE (:Company {name: x})",
        "-e",
        "CREATE (:Company {name: 'Twin'}), (:Company {name: 'Twin'})",
        "-e",
        "MATCH (c:Company {name: 'PayPal'}) SET c.name = 'OpenAI'",
        "-e",
        "MATCH (c:Company {name: 'PayPal'}) SET c:Fintech, c.name = 'Microsoft' CREATE (:Company {name: 'C1'})",
        // Other labels, other keys, and no value at all are not covered.
        "-e",
        "CREATE (:Person {name: 'OpenAI'}), (:Company {title: 'OpenAI'}), (:Company), (:Company)",
        "-e",
        COMPANIES,
    ]);
    assert_eq!(run.status, Some(1), "{run:?}");
    assert_eq!(run.stderr, "");
    let objects = json_lines(&run.stdout);
    assert_eq!(objects.len(), 7, "{}", run.stdout);
    let constraint = "constraint_Company_name";
    assert_eq!(objects[0], violation(constraint, "Company", "'OpenAI'"));
    assert_eq!(objects[1], violation(constraint, "Company", "'OpenAI'"));
    assert_eq!(objects[2], violation(constraint, "Company", "'Twin'"));
    assert_eq!(objects[3], violation(constraint, "Company", "'OpenAI'"));
    assert_eq!(objects[4], violation(constraint, "Company", "'Microsoft'"));
    assert_eq!(
        without_elapsed(&objects[5]),
        json!({"columns": [], "rows": [], "stats": stats(&[
            ("nodes_created", 4), ("properties_set", 2),
        ])})
    );
    // The three `:Company` nodes without a name sort last, as null.
    let mut names = companies(&["Microsoft", "OpenAI", "PayPal", "Ziff Davis"]);
    let nulls = [json!([null]), json!([null]), json!([null])];
    names.as_array_mut().expect("rows").extend(nulls);
    assert_eq!(objects[6]["rows"], names);
    assert_eq!(
        db_query(&db, "MATCH (n:Fintech) RETURN count(n)"),
        json!([[0]])
    );

    // A new process: the constraint is still there and still enforced.
    let (status, stdout, stderr) = table(&db, &["-e", "SHOW CONSTRAINTS"]);
    assert_eq!((status, stderr.as_str()), (Some(0), ""));
    assert_eq!(
        stdout,
        "\
┌───────────────────────────┬──────────────┬───────────┬──────────┐
│ name                      │ type         │ label     │ property │
├───────────────────────────┼──────────────┼───────────┼──────────┤
│ 'constraint_Company_name' │ 'UNIQUENESS' │ 'Company' │ 'name'   │
└───────────────────────────┴──────────────┴───────────┴──────────┘
1 row
"
    );
    let run = quiver(&[
        "--db",
        &db,
        "--format",
        "json",
        "-e",
        "CREATE (:Company {name: 'Ziff Davis'})",
    ]);
    assert_eq!(run.status, Some(1));
    assert_eq!(
        json_lines(&run.stdout),
        [violation(constraint, "Company", "'Ziff Davis'")]
    );
}

#[test]
fn a_constraint_over_existing_duplicates_is_not_created() {
    let dir = temp_dir("unique-over-duplicates");
    let db = dir.file("g.quiver");
    db_json(
        &db,
        &[
            "-e",
            "CREATE (:P {name: 'X'}), (:P {name: 'X'}), (:P {name: 'Y'})",
        ],
    );
    let run = quiver(&[
        "--db",
        &db,
        "--format",
        "json",
        "-e",
        "CREATE CONSTRAINT FOR (n:P) REQUIRE n.name IS UNIQUE",
        "-e",
        "SHOW CONSTRAINTS",
    ]);
    assert_eq!(run.status, Some(1), "{run:?}");
    let objects = json_lines(&run.stdout);
    assert_eq!(
        objects[0],
        json!({"error": {
            "kind": "ConstraintVerificationFailed",
            "detail": "UniquenessViolation",
            "phase": "runtime",
            "message": "cannot create constraint `constraint_P_name`: more than one :P node has name = 'X'",
        }})
    );
    assert_eq!(objects[1]["rows"], json!([]));
    // Not after a reopen either, and the data is as it was.
    assert_eq!(db_query(&db, "SHOW CONSTRAINTS"), json!([]));
    assert_eq!(
        db_query(&db, "MATCH (n:P) RETURN n.name ORDER BY n.name"),
        json!([["X"], ["X"], ["Y"]])
    );
}

const SHOW_INDEXES_HEADER: &str = "\
┌───────────────────────────┬────────────┬───────────┬───────────────┬───────────────────────────┐
│ name                      │ type       │ label     │ property      │ owningConstraint          │
├───────────────────────────┼────────────┼───────────┼───────────────┼───────────────────────────┤
│ '(automatic)'             │ 'PROPERTY' │ null      │ '(every key)' │ null                      │
";

#[test]
fn indexes_and_constraints_are_created_listed_and_dropped() {
    let dir = temp_dir("indexes");
    let db = constrained_db(&dir);
    let (status, stdout, stderr) = table(
        &db,
        &[
            "-e",
            "CREATE INDEX FOR (n:Person) ON (n.name)",
            "-e",
            "CREATE INDEX by_age FOR (n:Person) ON (n.age)",
            "-e",
            "CREATE INDEX IF NOT EXISTS FOR (n:Person) ON (n.name)",
        ],
    );
    assert_eq!(
        (status, stdout.as_str(), stderr.as_str()),
        (Some(0), "no changes\nno changes\nno changes\n", "")
    );
    // A new process lists them.
    let (status, stdout, stderr) = table(&db, &["-e", "SHOW INDEXES"]);
    assert_eq!((status, stderr.as_str()), (Some(0), ""));
    assert_eq!(
        stdout,
        format!(
            "{SHOW_INDEXES_HEADER}\
│ 'by_age'                  │ 'RANGE'    │ 'Person'  │ 'age'         │ null                      │
│ 'constraint_Company_name' │ 'RANGE'    │ 'Company' │ 'name'        │ 'constraint_Company_name' │
│ 'index_Person_name'       │ 'RANGE'    │ 'Person'  │ 'name'        │ null                      │
└───────────────────────────┴────────────┴───────────┴───────────────┴───────────────────────────┘
4 rows
"
        )
    );
    let run = quiver(&[
        "--db",
        &db,
        "--format",
        "json",
        "-e",
        "CREATE INDEX FOR (n:Person) ON (n.name)",
        "-e",
        "DROP INDEX index_Person_name",
        "-e",
        "DROP INDEX index_Person_name",
        "-e",
        "DROP INDEX index_Person_name IF EXISTS",
        "-e",
        "DROP INDEX constraint_Company_name",
        "-e",
        "DROP CONSTRAINT constraint_Company_name",
        "-e",
        "DROP CONSTRAINT constraint_Company_name",
    ]);
    assert_eq!(run.status, Some(1), "{run:?}");
    let objects = json_lines(&run.stdout);
    let error = |detail: &str, message: &str| {
        json!({"error": {
            "kind": "SemanticError", "detail": detail, "phase": "runtime", "message": message,
        }})
    };
    let done = json!({"columns": [], "rows": [], "stats": stats(&[])});
    let objects: Vec<Json> = objects.iter().map(without_elapsed).collect();
    assert_eq!(
        objects,
        [
            error(
                "SchemaObjectAlreadyExists",
                "an equivalent index already exists"
            ),
            done.clone(),
            error(
                "SchemaObjectNotFound",
                "there is no index named `index_Person_name`"
            ),
            done.clone(),
            error(
                "SchemaObjectNotFound",
                "there is no index named `constraint_Company_name`"
            ),
            done,
            error(
                "SchemaObjectNotFound",
                "there is no constraint named `constraint_Company_name`"
            ),
        ]
    );
    // The drops are durable.
    let (status, stdout, stderr) = table(&db, &["-e", "SHOW INDEXES", "-e", "SHOW CONSTRAINTS"]);
    assert_eq!((status, stderr.as_str()), (Some(0), ""));
    assert_eq!(
        stdout,
        "\
┌───────────────┬────────────┬──────────┬───────────────┬──────────────────┐
│ name          │ type       │ label    │ property      │ owningConstraint │
├───────────────┼────────────┼──────────┼───────────────┼──────────────────┤
│ '(automatic)' │ 'PROPERTY' │ null     │ '(every key)' │ null             │
│ 'by_age'      │ 'RANGE'    │ 'Person' │ 'age'         │ null             │
└───────────────┴────────────┴──────────┴───────────────┴──────────────────┘
2 rows
┌──────┬──────┬───────┬──────────┐
│ name │ type │ label │ property │
├──────┼──────┼───────┼──────────┤
└──────┴──────┴───────┴──────────┘
0 rows
"
    );
    // Without the constraint, a duplicate is fine.
    db_json(&db, &["-e", "CREATE (:Company {name: 'OpenAI'})"]);
    assert_eq!(
        db_query(&db, "MATCH (c:Company {name: 'OpenAI'}) RETURN count(c)"),
        json!([[2]])
    );
}

#[test]
fn schema_changes_are_refused_after_a_transaction_wrote() {
    let dir = temp_dir("schema-in-tx");
    let db = dir.file("g.quiver");
    let run = quiver(&[
        "--db",
        &db,
        "--format",
        "json",
        "-e",
        "BEGIN",
        "-e",
        "CREATE INDEX i1 FOR (n:X) ON (n.y)",
        "-e",
        "CREATE (:X {y: 1})",
        "-e",
        "CREATE INDEX i2 FOR (n:X) ON (n.z)",
        "-e",
        "SHOW INDEXES",
        "-e",
        "COMMIT",
    ]);
    assert_eq!(run.status, Some(1), "{run:?}");
    let objects = json_lines(&run.stdout);
    assert_eq!(
        objects[3],
        json!({"error": {
            "kind": "SemanticError", "detail": "SchemaInTransaction", "phase": "runtime",
            "message": "indexes and constraints cannot change after a transaction has written",
        }})
    );
    assert_eq!(
        objects[4]["rows"],
        json!([
            ["(automatic)", "PROPERTY", null, "(every key)", null],
            ["i1", "RANGE", "X", "y", null]
        ])
    );
}

#[test]
fn explain_seeks_the_index() {
    let dir = temp_dir("explain");
    let db = constrained_db(&dir);
    let (status, stdout, stderr) = table(
        &db,
        &["-e", "EXPLAIN MATCH (n:Company) WHERE n.name = $x RETURN n"],
    );
    assert_eq!((status, stderr.as_str()), (Some(0), ""));
    assert_eq!(
        stdout,
        "\
Project 1 columns
└─ Extend #1
   └─ NodeIndexSeek {name} → #0 labels Company
      └─ Argument
"
    );
}

/// With an index on `:Company(founded)`, a range on it seeks the index (no
/// scan) and counts what a scan counts.
#[test]
fn a_range_on_an_indexed_key_seeks_the_index() {
    let dir = temp_dir("range");
    let db = dir.file("g.quiver");
    let query = "MATCH (c:Company) WHERE c.founded >= 2015 RETURN count(c)";
    let (status, stdout, stderr) = table(
        &db,
        &[
            "-e",
            "CREATE INDEX company_founded FOR (c:Company) ON (c.founded)",
            "-e",
            "UNWIND range(2000, 2024) AS y CREATE (:Company {founded: y}), (:Person {founded: y})",
            "-e",
            "CREATE (:Company {founded: '2020'}), (:Company {founded: 2015.5}), (:Company)",
            "-e",
            &format!("EXPLAIN {query}"),
            "-e",
            query,
            "-e",
            "MATCH (c:Company) WITH c WHERE c.founded >= 2015 RETURN count(c)",
        ],
    );
    assert_eq!((status, stderr.as_str()), (Some(0), ""));
    assert_eq!(
        stdout,
        "\
no changes
50 nodes created, 50 properties set, 2 labels added
3 nodes created, 2 properties set
Project 1 columns
└─ Aggregate 0 keys, 1 aggregates
   └─ NodeIndexRangeSeek {founded >= 2015} → #0 labels Company where …
      └─ Argument
┌──────────┐
│ count(c) │
├──────────┤
│       11 │
└──────────┘
1 row
┌──────────┐
│ count(c) │
├──────────┤
│       11 │
└──────────┘
1 row
"
    );
}
