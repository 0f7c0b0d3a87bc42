//! Provenance in drawings and exports: `--dot-provenance`, `sources` in
//! GraphML and JSON Lines, and `dump --with-history` replaying the commits.

use super::util::{TempDir, quiver, temp_dir};

/// Two sources: PCMag creates the stake, Reuters corroborates it with a
/// `MERGE`; a commit without `source` adds a node.
const TWO_SOURCES: &str = "\
BEGIN;
CALL tx.setMetaData({source: 'PCMag', author: 'Jon Martindale'});
CREATE (:Company {name: 'Microsoft'})-[:stake {percent: 27}]->(:Company {name: 'OpenAI'});
COMMIT;
BEGIN;
CALL tx.setMetaData({source: 'Reuters'});
MATCH (m {name: 'Microsoft'}), (o {name: 'OpenAI'}) MERGE (m)-[s:stake {percent: 27}]->(o);
COMMIT;
CREATE (:Person {name: 'Sam'});
";

/// A database on disk made by running `script` (`-f`).
fn database(name: &str, script: &str) -> (TempDir, String) {
    let dir = temp_dir(name);
    let file = dir.file("script.cypher");
    std::fs::write(&file, script).unwrap();
    let db = dir.file("g.quiver");
    let run = quiver(&["--db", &db, "-q", "-f", &file]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    (dir, db)
}

/// `text` with every RFC 3339 UTC time (`2026-12-02T10:00:00.123Z`, the
/// fraction optional) replaced by `TIME`.
fn mask_times(text: &str) -> String {
    let shape = b"dddd-dd-ddTdd:dd:dd";
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let fits = bytes.len() >= i + shape.len()
            && shape.iter().zip(&bytes[i..]).all(|(s, b)| match s {
                b'd' => b.is_ascii_digit(),
                s => s == b,
            });
        if !fits {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        let mut end = i + shape.len();
        if bytes.get(end) == Some(&b'.') {
            end += 1;
            while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
        }
        if bytes.get(end) == Some(&b'Z') {
            end += 1;
        }
        out.push_str("TIME");
        i = end;
    }
    out
}

const DOT_HEAD: &str = "digraph quiver {\n  rankdir=LR;\n  \
    node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\"];\n  \
    edge [fontname=\"Helvetica\", fontsize=10, color=\"#555555\"];\n";

#[test]
fn drawings_show_the_sources_of_relationships() {
    let (_dir, db) = database("dot-provenance", TWO_SOURCES);
    let edge = "  n0 -> n1 [label=\"stake\\npercent: 27\\nsources: PCMag, Reuters\", \
        tooltip=\"PCMag (Jon Martindale), commit 1, TIME\\nReuters, commit 2, TIME\"];\n";
    let expected = format!(
        "{DOT_HEAD}  n0 [label=\"Microsoft\", fillcolor=\"#8dd3c7\"];\n  \
         n1 [label=\"OpenAI\", fillcolor=\"#8dd3c7\"];\n{edge}  \
         subgraph cluster_legend {{\n    label=\"Labels\"; fontname=\"Helvetica\"; \
         style=\"rounded,dashed\"; color=\"#999999\";\n    \
         legend0 [label=\"Company\", fillcolor=\"#8dd3c7\"];\n  }}\n}}\n"
    );
    let style = ["--dot-provenance", "--dot-edge-label", "percent,sources"];
    let mut args = vec![
        "--db",
        &db,
        "--format",
        "dot",
        "-e",
        "MATCH ()-[r]->() RETURN r",
    ];
    args.extend(style);
    let run = quiver(&args);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert_eq!(mask_times(&run.stdout), expected);
    // The whole database: the same edge, and Sam.
    let mut args = vec!["--db", &db, "export", "--format", "dot"];
    args.extend(style);
    let run = quiver(&args);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert!(mask_times(&run.stdout).contains(edge), "{}", run.stdout);
    // Without --dot-provenance, `sources` is a property like any other.
    let run = quiver(&[
        "--db",
        &db,
        "export",
        "--format",
        "dot",
        "--dot-edge-label",
        "sources",
    ]);
    assert!(
        run.stdout.contains("  n0 -> n1 [label=\"stake\"];\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn graphml_carries_the_sources_of_every_entity() {
    let (_dir, db) = database("graphml-provenance", TWO_SOURCES);
    let run = quiver(&["--db", &db, "export", "--format", "graphml"]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let text = mask_times(&run.stdout);
    let body = text.split_once("graphml.xsd\">\n").unwrap().1;
    let pcmag = "{&quot;author&quot;:&quot;Jon Martindale&quot;,&quot;commit&quot;:1,\
        &quot;source&quot;:&quot;PCMag&quot;,&quot;time&quot;:{&quot;~&quot;:&quot;datetime&quot;,\
        &quot;value&quot;:&quot;TIME&quot;}}";
    let reuters = "{&quot;commit&quot;:2,&quot;source&quot;:&quot;Reuters&quot;,\
        &quot;time&quot;:{&quot;~&quot;:&quot;datetime&quot;,&quot;value&quot;:&quot;TIME&quot;}}";
    let third = "{&quot;commit&quot;:3,&quot;time&quot;:{&quot;~&quot;:&quot;datetime&quot;,\
        &quot;value&quot;:&quot;TIME&quot;}}";
    assert_eq!(
        body,
        format!(
            "  <key id=\"labels\" for=\"node\" attr.name=\"labels\" attr.type=\"string\"/>\n  \
             <key id=\"n0\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n  \
             <key id=\"label\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n  \
             <key id=\"e0\" for=\"edge\" attr.name=\"percent\" attr.type=\"long\"/>\n  \
             <key id=\"sources\" for=\"all\" attr.name=\"sources\" attr.type=\"string\">\
             <desc>the metadata of the commits that asserted it, as JSON text</desc></key>\n  \
             <graph id=\"quiver\" edgedefault=\"directed\">\n    \
             <node id=\"n0\"><data key=\"labels\">:Company</data><data key=\"n0\">Microsoft</data>\
             <data key=\"sources\">[{pcmag}]</data></node>\n    \
             <node id=\"n1\"><data key=\"labels\">:Company</data><data key=\"n0\">OpenAI</data>\
             <data key=\"sources\">[{pcmag}]</data></node>\n    \
             <node id=\"n2\"><data key=\"labels\">:Person</data><data key=\"n0\">Sam</data>\
             <data key=\"sources\">[{third}]</data></node>\n    \
             <edge id=\"e0\" source=\"n0\" target=\"n1\"><data key=\"label\">stake</data>\
             <data key=\"e0\">27</data><data key=\"sources\">[{pcmag},{reuters}]</data></edge>\n  \
             </graph>\n</graphml>\n"
        )
    );
}

#[test]
fn json_lines_carry_commits_and_sources_and_import_back() {
    let (dir, db) = database("jsonl-provenance", TWO_SOURCES);
    let out = dir.file("g.jsonl");
    let run = quiver(&["--db", &db, "export", "--format", "jsonl", "--out", &out]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let text = std::fs::read_to_string(&out).unwrap();
    let time = "{\"~\":\"datetime\",\"value\":\"TIME\"}";
    let pcmag = format!(
        "{{\"author\":\"Jon Martindale\",\"commit\":1,\"source\":\"PCMag\",\"time\":{time}}}"
    );
    let reuters = format!("{{\"commit\":2,\"source\":\"Reuters\",\"time\":{time}}}");
    assert_eq!(
        mask_times(&text),
        format!(
            "{{\"~\":\"commit\",\"commit\":1,\"time\":{time},\"meta\":{{\"author\":\"Jon Martindale\",\"source\":\"PCMag\"}}}}\n\
             {{\"~\":\"commit\",\"commit\":2,\"time\":{time},\"meta\":{{\"source\":\"Reuters\"}}}}\n\
             {{\"~\":\"commit\",\"commit\":3,\"time\":{time},\"meta\":{{}}}}\n\
             {{\"~\":\"node\",\"id\":0,\"labels\":[\"Company\"],\"properties\":{{\"name\":\"Microsoft\"}},\"sources\":[{pcmag}]}}\n\
             {{\"~\":\"node\",\"id\":1,\"labels\":[\"Company\"],\"properties\":{{\"name\":\"OpenAI\"}},\"sources\":[{pcmag}]}}\n\
             {{\"~\":\"node\",\"id\":2,\"labels\":[\"Person\"],\"properties\":{{\"name\":\"Sam\"}},\"sources\":[{{\"commit\":3,\"time\":{time}}}]}}\n\
             {{\"~\":\"relationship\",\"id\":0,\"type\":\"stake\",\"start\":0,\"end\":1,\"properties\":{{\"percent\":27}},\"sources\":[{pcmag},{reuters}]}}\n"
        )
    );
    // Read back: commit lines and sources are skipped, the graph is the same.
    let copy = dir.file("copy.quiver");
    let run = quiver(&["--db", &copy, "import", "--format", "jsonl", &out]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let dump = |db: &str| quiver(&["--db", db, "dump"]).stdout;
    assert_eq!(dump(&copy), dump(&db));
}

/// Creations, property and label changes, deletions (whose ids are taken
/// again), corroborating `MERGE`s, a value written again, metadata.
const SEVERAL_COMMITS: &str = "\
BEGIN;
CALL tx.setMetaData({source: 'PCMag', author: 'Jon Martindale', n: 1});
CREATE (m:Company {name: 'Microsoft'})-[:stake {percent: 27}]->(o:Company {name: 'OpenAI'});
CREATE (:Person {name: 'Sam', tags: ['ceo', 'founder']});
COMMIT;
BEGIN;
CALL tx.setMetaData({source: 'Reuters'});
MERGE (m:Company {name: 'Microsoft'}) MERGE (o:Company {name: 'OpenAI'});
MATCH (m {name: 'Microsoft'})-[s:stake]->(o) MERGE (m)-[t:stake {percent: 27}]->(o);
MATCH (p:Person) SET p.age = 40, p:CEO;
COMMIT;
MATCH (p:Person) DETACH DELETE p;
CREATE (:X {a: [1.5, 2.5]}), (:Y {at: date('2025-04-01')});
MATCH (x:X), (o {name: 'OpenAI'}) CREATE (x)-[:R]->(o);
BEGIN;
CALL tx.setMetaData({source: 'Bloomberg', verified: true});
MATCH (o {name: 'OpenAI'}) SET o.name = 'OpenAI', o.valuation = 157.0 REMOVE o:Company;
MATCH ()-[r:stake]->() SET r.percent = 49;
MATCH (y:Y) DELETE y;
COMMIT;
CREATE (:Z {i: 1}), (:Z {i: 2});
MATCH (x:X) DETACH DELETE x;
MATCH (z:Z {i: 1}) DELETE z;
CREATE (:W {i: 1})-[:U]->(:W {i: 2});
MERGE (w:W {i: 2}) SET w.i = 2, w.seen = true;
";

#[test]
fn dump_with_history_replays_the_same_commits() {
    let (dir, db) = database("dump-history", SEVERAL_COMMITS);
    let script = dir.file("history.cypher");
    let run = quiver(&["--db", &db, "dump", "--with-history", &script]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let text = std::fs::read_to_string(&script).unwrap();
    assert!(
        text.starts_with(
            "// quiver dump with history: 11 commits\nBEGIN;\n\
        CALL tx.setMetaData({author: 'Jon Martindale', n: 1, source: 'PCMag'});\n"
        ),
        "{text}"
    );
    for replay in ["-f", "--load"] {
        let copy = dir.file(&format!("copy{}.quiver", replay.len()));
        let run = quiver(&["--db", &copy, "-q", replay, &script]);
        assert_eq!(run.status, Some(0), "{}", run.stderr);
        let dump = |db: &str| quiver(&["--db", db, "dump"]).stdout;
        assert_eq!(dump(&copy), dump(&db));
        let past = |db: &str| {
            let run = quiver(&[
                "--db",
                db,
                "--format",
                "json",
                "-e",
                "MATCH (n) RETURN id(n), history(n), sources(n), sources(n, 'i') ORDER BY id(n)",
                "-e",
                "MATCH ()-[r]->() RETURN id(r), history(r), sources(r), sources(r, 'percent') ORDER BY id(r)",
            ]);
            assert_eq!(run.status, Some(0), "{}", run.stderr);
            let rows: Vec<String> = super::util::json_lines(&run.stdout)
                .iter()
                .map(|o| o["rows"].to_string())
                .collect();
            mask_times(&rows.join("\n"))
        };
        assert_eq!(past(&copy), past(&db));
        let log = |db: &str| {
            let db = quiverdb::Database::open(std::path::Path::new(db)).unwrap();
            let commits = db.log(None).unwrap();
            commits
                .into_iter()
                .map(|c| (c.number, c.meta, c.changes))
                .collect::<Vec<_>>()
        };
        let (original, replayed) = (log(&db), log(&copy));
        assert_eq!(original.len(), 11);
        assert_eq!(replayed, original);
    }
}

#[test]
fn dump_with_history_of_a_compacted_history_is_refused() {
    let (_dir, db) = database("dump-compacted", TWO_SOURCES);
    {
        let mut open = quiverdb::Database::open(std::path::Path::new(&db)).unwrap();
        open.compact_history(quiverdb::AsOf::Commit(2)).unwrap();
    }
    let run = quiver(&["--db", &db, "dump", "--with-history"]);
    assert_eq!(run.status, Some(1), "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "quiver: the history of the first commits was dropped (compact); dump --with-history \
         needs every commit since the first: use dump for the current state\n"
    );
}
