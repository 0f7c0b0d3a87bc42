//! Temporal values everywhere a value goes: the database file, table and
//! CSV output, JSON Lines, CSV, GraphML and Cypher exports, and their
//! imports back, to the same values.

use super::util::{TempDir, quiver, temp_dir};

/// One node with a property of each temporal type (a datetime in a named
/// zone and one at an offset) and a list of dates, joined to a second
/// node by a relationship holding a duration.
const CREATE: &str = "CREATE (:Event {name: 'filed', \
     d: date('2025-04-01'), \
     lt: localtime('12:30:15.5'), \
     t: time('12:30+01:00'), \
     ldt: localdatetime('2025-04-01T12:30'), \
     dt: datetime('2015-07-21T21:40:32.142+01:00[Europe/London]'), \
     dto: datetime('2025-04-01T09:30-07:00'), \
     du: duration('P1Y2M3DT4H5M6.5S'), \
     ds: [date('2025-04-01'), date('2025-05-01')]})\
     -[:lasted {for: duration('P14DT16H12M')}]->(:Event {name: 'settled'})";

/// Every property, as JSON text: the tagged temporal values of the contract.
const READ: &str = "MATCH (a)-[r]->(b) RETURN properties(a), properties(r), properties(b)";

/// What [`READ`] prints for [`CREATE`].
const EXPECTED: &str = r#"[[{"d":{"~":"date","value":"2025-04-01"},"ds":[{"~":"date","value":"2025-04-01"},{"~":"date","value":"2025-05-01"}],"dt":{"~":"datetime","value":"2015-07-21T21:40:32.142+01:00[Europe/London]"},"dto":{"~":"datetime","value":"2025-04-01T09:30-07:00"},"du":{"~":"duration","value":"P1Y2M3DT4H5M6.5S"},"ldt":{"~":"localdatetime","value":"2025-04-01T12:30"},"lt":{"~":"localtime","value":"12:30:15.500"},"name":"filed","t":{"~":"time","value":"12:30+01:00"}},{"for":{"~":"duration","value":"P14DT16H12M"}},{"name":"settled"}]]"#;

/// A database file holding [`CREATE`].
fn source(name: &str) -> (TempDir, String) {
    let dir = temp_dir(name);
    let db = dir.file("source.quiver");
    let run = quiver(&["--db", &db, "-e", CREATE]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    (dir, db)
}

/// The rows of [`READ`] on `db`, as JSON text.
fn read(db: &str) -> String {
    let run = quiver(&["--db", db, "--format", "json", "-e", READ]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    let object: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    object["rows"].to_string()
}

#[test]
fn a_database_file_keeps_temporal_values_across_opens() {
    let (_dir, db) = source("temporal-file");
    assert_eq!(read(&db), EXPECTED);
    let run = quiver(&[
        "--db",
        &db,
        "-e",
        "MATCH (e:Event {name: 'filed'}) RETURN e.d, e.du",
    ]);
    assert_eq!(
        run.stdout,
        "┌────────────────────┬──────────────────────────────┐\n\
         │ e.d                │ e.du                         │\n\
         ├────────────────────┼──────────────────────────────┤\n\
         │ date('2025-04-01') │ duration('P1Y2M3DT4H5M6.5S') │\n\
         └────────────────────┴──────────────────────────────┘\n\
         1 row\n"
    );
}

#[test]
fn csv_and_tsv_output_write_cypher_literals() {
    let run = quiver(&[
        "--format",
        "csv",
        "-e",
        "RETURN date('2025-04-01') AS d, [duration('PT1H')] AS l, \
         datetime('2025-04-01T09:30Z') AS dt",
    ]);
    assert_eq!(
        run.stdout,
        "d,l,dt\ndate('2025-04-01'),[duration('PT1H')],datetime('2025-04-01T09:30Z')\n"
    );
    let run = quiver(&["--format", "tsv", "-e", "RETURN time('12:00-02:00') AS t"]);
    assert_eq!(run.stdout, "t\ntime('12:00-02:00')\n");
}

/// `quiver --db DB import ARGS…` into a new database in `dir`.
fn import_into(dir: &TempDir, args: &[&str]) -> String {
    let copy = dir.file("copy.quiver");
    let mut all = vec!["--db", &copy, "import"];
    all.extend_from_slice(args);
    let run = quiver(&all);
    assert_eq!(
        (run.status, run.stdout.as_str(), run.stderr.as_str()),
        (Some(0), "imported 2 nodes and 1 relationship\n", "")
    );
    copy
}

#[test]
fn json_lines_round_trip_temporal_values() {
    let (dir, db) = source("temporal-jsonl");
    let run = quiver(&["--db", &db, "export", "--format", "jsonl"]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    assert_eq!(
        super::util::without_history(&run.stdout).lines().nth(1),
        Some(r#"{"~":"node","id":1,"labels":["Event"],"properties":{"name":"settled"}}"#)
    );
    assert!(
        run.stdout.contains(
            r#""dt":{"~":"datetime","value":"2015-07-21T21:40:32.142+01:00[Europe/London]"}"#
        ),
        "{}",
        run.stdout
    );
    let file = dir.write("graph.jsonl", &run.stdout);
    let copy = import_into(&dir, &["--format", "jsonl", &file]);
    assert_eq!(read(&copy), EXPECTED);
}

#[test]
fn csv_exports_typed_temporal_columns_that_import_back() {
    let (dir, db) = source("temporal-csv");
    let out = dir.file("csv");
    let run = quiver(&["--db", &db, "export", "--format", "csv", "--out", &out]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    let nodes = std::fs::read_to_string(format!("{out}/nodes_Event.csv")).unwrap();
    assert_eq!(
        nodes,
        ":ID,:LABEL,d:date,ds:date[],dt:datetime,dto:datetime,du:duration,ldt:localdatetime,\
         lt:localtime,name:string,t:time\n\
         0,Event,2025-04-01,2025-04-01;2025-05-01,2015-07-21T21:40:32.142+01:00[Europe/London],\
         2025-04-01T09:30-07:00,P1Y2M3DT4H5M6.5S,2025-04-01T12:30,12:30:15.500,filed,12:30+01:00\n\
         1,Event,,,,,,,,settled,\n"
    );
    let rels = std::fs::read_to_string(format!("{out}/rels_lasted.csv")).unwrap();
    assert_eq!(
        rels,
        ":START_ID,:END_ID,:TYPE,for:duration\n0,1,lasted,P14DT16H12M\n"
    );
    let copy = import_into(
        &dir,
        &[
            "--nodes",
            &format!("{out}/nodes_Event.csv"),
            "--relationships",
            &format!("{out}/rels_lasted.csv"),
        ],
    );
    assert_eq!(read(&copy), EXPECTED);
}

#[test]
fn a_bad_temporal_cell_names_its_file_line_and_column() {
    let dir = temp_dir("temporal-bad-cell");
    let file = dir.write(
        "events.csv",
        "id:ID,on:date,at:datetime[]\n1,2025-04-01,2025-04-01T09:30Z;2025-04-02T09:30Z\n\
         2,2025-13-01,\n",
    );
    let db = dir.file("db.quiver");
    let run = quiver(&["--db", &db, "import", "--nodes", &file]);
    assert_eq!(run.status, Some(1));
    assert!(
        run.stderr.starts_with(&format!(
            "quiver: {file}:3: column 2 (on:date): `2025-13-01` is not a date: "
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.ends_with("; nothing was imported\n"),
        "{}",
        run.stderr
    );
    let run = quiver(&["--db", &db, "import", "--skip-bad-rows", "--nodes", &file]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let run = quiver(&[
        "--db",
        &db,
        "--format",
        "csv",
        "-e",
        "MATCH (n) RETURN n.on, n.at",
    ]);
    assert_eq!(
        run.stdout,
        "n.on,n.at\n\
         date('2025-04-01'),\"[datetime('2025-04-01T09:30Z'), datetime('2025-04-02T09:30Z')]\"\n"
    );
}

#[test]
fn a_dump_writes_temporal_literals_and_loads_back() {
    let (dir, db) = source("temporal-dump");
    let run = quiver(&["--db", &db, "dump"]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    assert!(
        run.stdout.contains(
            "{d: date('2025-04-01'), ds: [date('2025-04-01'), date('2025-05-01')], \
             dt: datetime('2015-07-21T21:40:32.142+01:00[Europe/London]'), \
             dto: datetime('2025-04-01T09:30-07:00'), du: duration('P1Y2M3DT4H5M6.5S'), \
             ldt: localdatetime('2025-04-01T12:30'), lt: localtime('12:30:15.500'), \
             name: 'filed', t: time('12:30+01:00')}"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("props: {for: duration('P14DT16H12M')}"));
    let script = dir.write("dump.cypher", &run.stdout);
    let copy = dir.file("copy.quiver");
    let load = quiver(&["--db", &copy, "--load", &script]);
    assert_eq!((load.status, load.stderr.as_str()), (Some(0), ""));
    assert_eq!(read(&copy), EXPECTED);
}

#[test]
fn graphml_marks_temporal_keys_with_their_type() {
    let (_dir, db) = source("temporal-graphml");
    let run = quiver(&["--db", &db, "export", "--format", "graphml"]);
    assert_eq!((run.status, run.stderr.as_str()), (Some(0), ""));
    for line in [
        r#"<key id="n0" for="node" attr.name="d" attr.type="string" quiver.type="date"/>"#,
        r#"<key id="n2" for="node" attr.name="dt" attr.type="string" quiver.type="datetime"/>"#,
        r#"<key id="e0" for="edge" attr.name="for" attr.type="string" quiver.type="duration"/>"#,
        r#"<data key="n2">2015-07-21T21:40:32.142+01:00[Europe/London]</data>"#,
        r#"<data key="e0">P14DT16H12M</data>"#,
    ] {
        assert!(run.stdout.contains(line), "{line}\n{}", run.stdout);
    }
}

#[test]
fn load_csv_rows_become_dates_with_date() {
    let dir = temp_dir("temporal-load-csv");
    dir.write("d.csv", "d\n2025-04-01\n2025-W14-2\n");
    let run = quiver(&[
        "--import-dir",
        &dir.file(""),
        "--format",
        "csv",
        "-e",
        "LOAD CSV WITH HEADERS FROM 'file:///d.csv' AS row RETURN date(row.d) AS d",
    ]);
    assert_eq!(
        (run.status, run.stderr.as_str(), run.stdout.as_str()),
        (Some(0), "", "d\ndate('2025-04-01')\ndate('2025-04-01')\n")
    );
}

/// A file written by quiver before it had temporal types (the bundled
/// graph, its lawsuit `filed: '2025-04'`, by a build of main at commit 5092c04)
/// opens, reads, and takes a date.
#[test]
fn a_file_written_before_temporal_types_opens_and_takes_them() {
    let dir = temp_dir("temporal-old-file");
    let db = dir.file("old.quiver");
    std::fs::copy("tests/fixtures/storage/before-temporal.quiver", &db).unwrap();
    let sued = "MATCH ()-[r:sued]->() RETURN r.filed";
    let run = quiver(&["--db", &db, "--format", "csv", "-e", sued]);
    // Converted once, with a message; read as it was.
    let converted = format!(
        "notice: {db} was converted to this version's format (older versions of quiver cannot \
         open it); a snapshot beside it makes it open at once\n"
    );
    assert_eq!(
        (run.status, run.stderr.as_str(), run.stdout.as_str()),
        (Some(0), converted.as_str(), "r.filed\n2025-04\n")
    );
    let run = quiver(&["--db", &db, "--format", "csv", "-e", sued]);
    assert_eq!(
        (run.status, run.stderr.as_str(), run.stdout.as_str()),
        (Some(0), "", "r.filed\n2025-04\n")
    );
    let set = "MATCH ()-[r:sued]->() SET r.filed = date('2025-04-01')";
    assert_eq!(quiver(&["--db", &db, "-e", set]).status, Some(0));
    let run = quiver(&["--db", &db, "--format", "csv", "-e", sued]);
    assert_eq!(run.stdout, "r.filed\ndate('2025-04-01')\n");
}
