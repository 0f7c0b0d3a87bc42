//! The database façade's tests: statements, procedures, notices, batches.

use super::*;
use crate::plan::ProcedureSignature;

fn rows(db: &mut Database, q: &str) -> Vec<String> {
    match db.execute(q, &Params::new()) {
        Ok(r) => r
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|v| v.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .collect(),
        Err(e) => vec![format!("{}/{}: {}", e.kind, e.detail, e.message)],
    }
}

#[test]
fn builtin_procedures_list_the_schema() {
    let mut db = Database::in_memory();
    rows(&mut db, "CREATE (:B {x: 1})-[:T]->(:A)");
    assert_eq!(rows(&mut db, "CALL db.labels()"), ["'A'", "'B'"]);
    assert_eq!(
        rows(
            &mut db,
            "CALL db.relationshipTypes() YIELD relationshipType AS t RETURN t"
        ),
        ["'T'"]
    );
    assert_eq!(rows(&mut db, "CALL db.propertyKeys"), ["'x'"]);
    assert_eq!(
        rows(&mut db, "CALL db.nope()"),
        ["ProcedureError/ProcedureNotFound: There is no procedure with the name `db.nope`"]
    );
}

#[test]
fn registered_table_procedures_answer_by_their_inputs() {
    let mut db = Database::in_memory();
    let sig = ProcedureSignature::parse("x.lookup(k :: INTEGER?) :: (v :: STRING?)")
        .map_err(|e| e.message);
    let table = vec![
        vec![Value::Int(1), Value::string("one")],
        vec![Value::Int(2), Value::string("two")],
    ];
    assert_eq!(
        sig.and_then(|s| db.register_procedure(s, table).map_err(|e| e.message)),
        Ok(())
    );
    assert_eq!(
        rows(
            &mut db,
            "UNWIND [2, 1, 3] AS k CALL x.lookup(k) YIELD v RETURN k, v"
        ),
        ["2, 'two'", "1, 'one'"]
    );
    assert_eq!(
        rows(&mut db, "CALL x.lookup('1')"),
        ["SyntaxError/InvalidArgumentType: argument `k` of `x.lookup` has the wrong type"]
    );
}

#[test]
fn load_csv_streams_a_file_into_rows() {
    let temp = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    let path = temp.path();
    let written = std::fs::write(path, "id,name\n1,Ann\n2,\"Bo, Jr\"\n3,\n");
    assert!(written.is_ok());
    let mut db = Database::in_memory();
    let url = format!("file://{}", path.display());
    // A library database reads no file until the program grants it.
    assert_eq!(
        rows(&mut db, &format!("LOAD CSV FROM '{url}' AS r RETURN r")),
        [
            "IoError/FileAccessDenied: LOAD CSV may not read files here: no import directory \
             is set (quiver --import-dir DIR, or Database::set_file_access)"
        ]
    );
    db.set_file_access(crate::FileAccess::Anywhere);
    let load = format!(
        "LOAD CSV WITH HEADERS FROM '{url}' AS row CREATE (:P {{id: toInteger(row.id), name: row.name}})"
    );
    assert_eq!(rows(&mut db, &load), Vec::<String>::new());
    assert_eq!(
        rows(&mut db, "MATCH (p:P) RETURN p.id, p.name ORDER BY p.id"),
        ["1, 'Ann'", "2, 'Bo, Jr'", "3, null"]
    );
    let raw = format!("LOAD CSV FROM '{url}' AS r RETURN r LIMIT 1");
    assert_eq!(rows(&mut db, &raw), ["['id', 'name']"]);
    assert_eq!(
        rows(
            &mut db,
            "LOAD CSV FROM 'https://example.com/x.csv' AS r RETURN r"
        ),
        ["IoError/LoadCsvFailed: LOAD CSV reads local files only, not `https://example.com/x.csv`"]
    );
}

#[test]
fn profile_counts_rows_per_operator() {
    let mut db = Database::in_memory();
    rows(&mut db, "UNWIND range(1, 5) AS i CREATE (:N {i: i})");
    let r = db.execute(
        "PROFILE MATCH (n:N) WHERE n.i > 2 RETURN n.i",
        &Params::new(),
    );
    let plan = r
        .as_ref()
        .ok()
        .and_then(|r| r.plan.clone())
        .unwrap_or_default();
    // Times vary; the rows do not.
    let shape: Vec<String> = plan
        .lines()
        .map(|l| l.split(", ").next().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        shape,
        [
            "Project 1 columns  [rows 3",
            "└─ Extend #1  [rows 3",
            "   └─ NodeIndexRangeSeek {i > 2} → #0 labels N where …  [rows 3",
            "      └─ Argument  [rows 1",
        ]
    );
    assert_eq!(r.map(|r| r.rows.len()).ok(), Some(3));
    // A failed PROFILE leaves no profiling behind.
    assert!(db.execute("PROFILE RETURN 1 / 0", &Params::new()).is_err());
    assert_eq!(
        db.execute("RETURN 1", &Params::new())
            .ok()
            .and_then(|r| r.plan),
        None
    );
}

#[test]
fn empty_results_say_which_names_were_meant() {
    let mut db = Database::in_memory();
    rows(
        &mut db,
        "CREATE (:Company {name: 'OpenAI'}), (:Company {name: 'Microsoft'})",
    );
    let notices = |db: &mut Database, q: &str| {
        db.execute(q, &Params::new())
            .map(|r| r.notices)
            .unwrap_or_default()
    };
    assert_eq!(
        notices(&mut db, "MATCH (c:Company {name: 'Open AI'}) RETURN c"),
        ["no node has name 'Open AI'; did you mean 'OpenAI'?"]
    );
    assert_eq!(
        notices(&mut db, "MATCH (c) WHERE c.name = 'microsoft' RETURN c"),
        ["no node has name 'microsoft'; did you mean 'Microsoft'?"]
    );
    assert_eq!(
        notices(&mut db, "MATCH (c {name: 'Zzzzzzz'}) RETURN c"),
        ["no node has name 'Zzzzzzz'"]
    );
    assert!(notices(&mut db, "MATCH (c {name: 'OpenAI'}) RETURN c").is_empty());
    assert_eq!(
        rows(&mut db, "RETURN toUppr('a')"),
        ["SyntaxError/UnknownFunction: Unknown function 'toUppr'; did you mean 'toUpper'?"]
    );
}

#[test]
fn a_comment_after_an_item_is_not_part_of_its_name() {
    let mut db = Database::in_memory();
    let r = db.execute(
        "WITH 1 AS c // keep it\nRETURN c /* the column */",
        &Params::new(),
    );
    assert_eq!(r.map(|r| r.columns).ok(), Some(vec!["c".to_string()]));
}

#[test]
fn a_batch_ends_at_transaction_and_schema_statements() {
    let mut db = Database::in_memory();
    db.begin_batch();
    rows(&mut db, "CREATE (:A {k: 1})");
    // The file's own ROLLBACK has no transaction to end: the batch is committed first.
    assert_eq!(
        rows(&mut db, "ROLLBACK"),
        ["SemanticError/NoOpenTransaction: there is no open transaction to roll back"]
    );
    assert_eq!(
        rows(
            &mut db,
            "CREATE CONSTRAINT c FOR (n:A) REQUIRE n.k IS UNIQUE"
        ),
        Vec::<String>::new()
    );
    rows(&mut db, "CREATE (:B)");
    assert_eq!(db.end_batch().map_err(|e| e.message), Ok(()));
    assert_eq!(
        rows(&mut db, "MATCH (n) RETURN labels(n) ORDER BY labels(n)"),
        ["['A']", "['B']"]
    );
}

#[test]
fn unique_constraints_treat_nan_as_one_value() {
    let mut db = Database::in_memory();
    rows(
        &mut db,
        "CREATE CONSTRAINT c FOR (n:P) REQUIRE n.k IS UNIQUE",
    );
    rows(&mut db, "CREATE (:P {k: 0.0 / 0.0})");
    assert_eq!(
        rows(&mut db, "CREATE (:P {k: 0.0 / 0.0})"),
        [
            "ConstraintVerificationFailed/UniquenessViolation: constraint `c`: more than one :P node has k = NaN"
        ]
    );
}

#[test]
fn a_deep_query_on_a_small_stack_is_not_a_crash() {
    let text = format!("WITH 1 AS x{} RETURN x", " WITH x".repeat(450));
    let outcome = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let mut db = Database::in_memory();
            rows(&mut db, &text)
        })
        .map(|h| h.join().ok());
    assert_eq!(outcome.ok().flatten(), Some(vec!["1".to_string()]));
}

#[test]
fn load_csv_reads_regular_files_only() {
    let mut db = Database::in_memory();
    db.set_file_access(crate::FileAccess::Anywhere);
    assert_eq!(
        rows(
            &mut db,
            "LOAD CSV FROM 'file:///dev/zero' AS r RETURN r LIMIT 1"
        ),
        ["IoError/LoadCsvFailed: /dev/zero is not a regular file"]
    );
}

/// On a graph big enough for the compact per-type copy, traversals give
/// the same answers with it (committed graph) as without it (inside a
/// transaction that has written, where it is not used).
#[test]
fn the_compact_copy_answers_like_the_graph() {
    let mut db = Database::in_memory();
    let setup = "UNWIND range(0, 2999) AS i CREATE (:N {i: i, l: i % 7})";
    assert_eq!(rows(&mut db, setup), Vec::<String>::new());
    rows(&mut db, "MATCH (n:N) WHERE n.l = 0 SET n:Hub");
    // 3 types, both directions, self-loops and parallel relationships.
    let rels = "UNWIND range(0, 8999) AS k \
                MATCH (a:N {i: (k * 7) % 3000}), (b:N {i: (k * 13 + k / 5) % 3000}) \
                CREATE (a)-[:T {k: k}]->(b) \
                WITH a, b, k WHERE k % 3 = 0 CREATE (b)-[:U]->(a) \
                WITH a, k WHERE k % 11 = 0 CREATE (a)-[:T]->(a)";
    assert_eq!(rows(&mut db, rels), Vec::<String>::new());
    let queries = [
        "MATCH (a:N {i: 7})-[:T]->(b) RETURN count(*)",
        "MATCH (a:N {i: 7})<-[:T]-(b) RETURN count(*)",
        "MATCH (a:N {i: 14})-[:T]-(b) RETURN count(*)",
        "MATCH (a:N {i: 14})-[:U|T]-(b) RETURN count(*)",
        "MATCH (a:Hub)-[:U]-(b:Hub) RETURN count(*)",
        "MATCH (a:N {i: 21})-[:T*1..3]-(b:Hub) RETURN count(*)",
        "MATCH (a:N {i: 21})-[:T]->()-[:T]->(c) RETURN count(DISTINCT c)",
        "MATCH (a:Hub)-[r:T {k: 70}]->(b) RETURN count(*)",
        "MATCH p = shortestPath((a:N {i: 0})-[:T*]-(b:N {i: 2999})) RETURN length(p)",
        "MATCH (a:N)-[:U]->(a) RETURN count(*)",
        "MATCH (a:Hub)-[:T]->(a) RETURN count(*)",
    ];
    let with_copy: Vec<Vec<String>> = queries.iter().map(|q| rows(&mut db, q)).collect();
    assert_eq!(rows(&mut db, "BEGIN"), Vec::<String>::new());
    rows(&mut db, "CREATE (:Elsewhere)");
    let without: Vec<Vec<String>> = queries.iter().map(|q| rows(&mut db, q)).collect();
    rows(&mut db, "ROLLBACK");
    assert_eq!(with_copy, without);
    assert!(
        with_copy
            .iter()
            .all(|r| r.len() == 1 && !r[0].contains("Error")),
        "{with_copy:?}"
    );
    // Each query finds something, so the comparison means something.
    assert!(with_copy.iter().all(|r| r[0] != "0"), "{with_copy:?}");
}

/// A statement that writes does not build the compact copy (its cost is
/// the whole graph, and a commit that changes the graph throws it away:
/// each `MERGE` of a relationship rebuilt it, 0.5 s a statement on 10
/// million relationships); it uses one already built, and answers alike.
#[test]
fn writing_statements_do_not_build_the_compact_copy() {
    let mut db = Database::in_memory();
    rows(&mut db, "CREATE INDEX FOR (n:N) ON (n.i)");
    rows(&mut db, "UNWIND range(0, 11999) AS i CREATE (:N {i: i})");
    let merge = "MATCH (a:N {i: 1}), (b:N {i: 2}) MERGE (a)-[:R]->(b) RETURN b.i";
    assert_eq!(rows(&mut db, merge), vec!["2"]);
    // It finds the relationship the first made, so it changes nothing and
    // the commit keeps whatever copy there is: none was built.
    assert_eq!(rows(&mut db, merge), vec!["2"]);
    assert!(db.graph.read_index_if_built().is_none());
    let read = "MATCH (a:N {i: 1})-[:R]->(b) RETURN b.i";
    assert_eq!(rows(&mut db, read), vec!["2"]);
    assert!(db.graph.read_index_if_built().is_some());
    // A writing statement uses the copy that is there.
    assert_eq!(rows(&mut db, merge), vec!["2"]);
    assert_eq!(
        rows(&mut db, "MATCH ()-[r:R]->() RETURN count(r)"),
        vec!["1"]
    );
}

/// `count(DISTINCT x)` of a chain's far end (answered from the distinct
/// near nodes) agrees with `WITH DISTINCT x` (answered path by path), with
/// parallel relationships, self-loops, cycles and earlier variable-length hops.
#[test]
fn distinct_ends_agree_with_every_path() {
    let mut db = Database::in_memory();
    rows(
        &mut db,
        "UNWIND range(0, 59) AS i CREATE (:N {i: i, odd: i % 2 = 1})",
    );
    let rels = "UNWIND range(0, 299) AS k \
                MATCH (a:N {i: (k * 7) % 60}), (b:N {i: (k * 11 + k / 7) % 60}) \
                CREATE (a)-[:T {k: k % 3}]->(b) \
                WITH a, b, k WHERE k % 5 = 0 CREATE (a)-[:T {k: 9}]->(b), (b)-[:T]->(b)";
    rows(&mut db, rels);
    for start in [0, 7, 13, 42] {
        for pattern in [
            "(n:N {i: $s})-[:T]-()-[:T]-(x)",
            "(n:N {i: $s})-[:T]->()-[:T]->()-[:T]->(x)",
            "(n:N {i: $s})-[:T*1..2]-()-[:T]-(x {odd: true})",
            "(n:N {i: $s})<-[:T]-()-[:T {k: 1}]-(x)",
            "(n:N {i: $s})-[]-(m)-[]-(x)",
        ] {
            let params = Params::from([("s".to_string(), Value::Int(start))]);
            let fast = format!("MATCH {pattern} WHERE x <> n RETURN count(DISTINCT x)");
            let slow = format!("MATCH {pattern} WHERE x <> n WITH DISTINCT x RETURN count(x)");
            let one = |db: &mut Database, q: &str| {
                db.execute(q, &params)
                    .map(|r| r.rows)
                    .map_err(|e| e.message)
            };
            let (a, b) = (one(&mut db, &fast), one(&mut db, &slow));
            assert_eq!(a, b, "{pattern} from {start}");
        }
    }
}

/// A chain whose near nodes are many (`DistinctEnds` looks the first
/// group's up in a hash map, then, past a few thousand, in an array over
/// the graph's node ids): the hub 0 reaches people 1..=5,000, twice each
/// when divisible by 10; person k reaches 5,000 + 7k mod 4,999 (4,999
/// distinct far nodes, 5,000 to 9,998; person 4,999 reaches person 5,000).
/// Undirected, the hub is a far end too (over the parallel relationships),
/// and so is person 4,999 (from person 5,000): 5,001. Each answer is also
/// the path-by-path one.
#[test]
fn distinct_ends_of_many_near_nodes() {
    let mut db = Database::in_memory();
    rows(&mut db, "UNWIND range(0, 9999) AS i CREATE (:N {i: i})");
    rows(
        &mut db,
        "MATCH (h:N {i: 0}) UNWIND range(1, 5000) AS k MATCH (m:N {i: k}) \
         CREATE (h)-[:T]->(m) WITH h, m, k WHERE k % 10 = 0 CREATE (h)-[:T]->(m)",
    );
    rows(
        &mut db,
        "UNWIND range(1, 5000) AS k MATCH (m:N {i: k}), (x:N {i: 5000 + (k * 7) % 4999}) \
         CREATE (m)-[:T]->(x)",
    );
    let pairs = [
        ("(n:N {i: 0})-[:T]->()-[:T]->(x)", "4999"),
        ("(n:N {i: 0})-[:T]-()-[:T]-(x)", "5001"),
        ("(n:N {i: 0})-[:T]-()-[:T]-(x) WHERE x <> n", "5000"),
    ];
    // Twice: the second run reads the compact copy the first one built.
    for _ in 0..2 {
        for (pattern, count) in pairs {
            let fast = rows(
                &mut db,
                &format!("MATCH {pattern} RETURN count(DISTINCT x)"),
            );
            let slow = format!("MATCH {pattern} WITH DISTINCT x RETURN count(x)");
            assert_eq!(fast, vec![count.to_string()], "{pattern}");
            assert_eq!(rows(&mut db, &slow), fast, "{pattern}");
        }
    }
}

/// On a graph big enough for the compact copy and dense enough that the
/// far ends of a chain are found from the far side (`DistinctEnds` pulls),
/// counts agree with the plain path (inside a transaction that has
/// written) and with path-by-path evaluation; trail counts agree with
/// counting rows one by one.
#[test]
fn chain_counts_agree_on_a_dense_graph() {
    let mut db = Database::in_memory();
    rows(
        &mut db,
        "UNWIND range(0, 1999) AS i CREATE (:N {i: i}) \
         WITH i WHERE i % 3 = 0 MATCH (n:N {i: i}) SET n:Three",
    );
    // Parallel relationships, self-loops, and two types.
    let rels = "UNWIND range(0, 11999) AS k \
                MATCH (a:N {i: (k * 7) % 2000}), (b:N {i: (k * 13 + k / 3) % 2000}) \
                CREATE (a)-[:T]->(b) \
                WITH a, b, k WHERE k % 4 = 0 CREATE (a)-[:T]->(b), (b)-[:U]->(a) \
                WITH a, k WHERE k % 9 = 0 CREATE (a)-[:T]->(a)";
    rows(&mut db, rels);
    let chains = [
        "(n:N {i: $s})-[:T]-()-[:T]-(x)",
        "(n:N {i: $s})-[:T]-()-[:T]-()-[:T]-(x)",
        "(n:N {i: $s})-[:T]->()-[:T]->()-[:T]->(x:Three)",
        "(n:N {i: $s})<-[:T]-()<-[:T]-()<-[:T]-(x)",
        "(n:N {i: $s})-[:T]-()-[:U]-()-[:T]-(x:Three)",
    ];
    let mut queries = Vec::new();
    for chain in chains {
        queries.push(format!(
            "MATCH {chain} WHERE x <> n RETURN count(DISTINCT x)"
        ));
        queries.push(format!(
            "MATCH {chain} WHERE x <> n WITH DISTINCT x RETURN count(x)"
        ));
        queries.push(format!("MATCH {chain} RETURN count(DISTINCT x)"));
        queries.push(format!("MATCH {chain} WITH DISTINCT x RETURN count(x)"));
    }
    // Many groups: the filter reads the near node.
    for chain in [
        "(n:N {i: $s})-[:T]-(m)-[:T]-(x)",
        "(n:N {i: $s})-[:T]-()-[:T]-(m)-[:T]-(x:Three)",
    ] {
        queries.push(format!(
            "MATCH {chain} WHERE x <> m RETURN count(DISTINCT x)"
        ));
        queries.push(format!(
            "MATCH {chain} WHERE x <> m WITH DISTINCT x RETURN count(x)"
        ));
    }
    for trail in [
        "-[:T*1..3]-(b)",
        "-[:T*0..2]->(b:Three)",
        "<-[:T|U*2..3]-(b)",
    ] {
        queries.push(format!("MATCH (a:N {{i: $s}}){trail} RETURN count(*)"));
        queries.push(format!("MATCH (a:N {{i: $s}}){trail} RETURN sum(1)"));
    }
    let mut found = vec![false; queries.len()];
    for start in [0, 5, 1234] {
        let params = Params::from([("s".to_string(), Value::Int(start))]);
        let run = |db: &mut Database| -> Vec<String> {
            queries
                .iter()
                .map(|q| match db.execute(q, &params) {
                    Ok(r) => format!("{:?}", r.rows),
                    Err(e) => e.message,
                })
                .collect()
        };
        let with_copy = run(&mut db);
        assert_eq!(rows(&mut db, "BEGIN"), Vec::<String>::new());
        rows(&mut db, "CREATE (:Elsewhere)");
        let without = run(&mut db);
        rows(&mut db, "ROLLBACK");
        assert_eq!(with_copy, without, "from {start}");
        for (pair, q) in with_copy.chunks(2).zip(queries.chunks(2)) {
            assert_eq!(pair[0], pair[1], "{q:?} from {start}");
        }
        for (f, r) in found.iter_mut().zip(&with_copy) {
            *f |= r.starts_with("[[Int(") && r != "[[Int(0)]]";
        }
    }
    // Each query finds something somewhere, so the comparisons mean something.
    assert!(found.iter().all(|f| *f), "{found:?}");
}

/// The property index builds a key's part on first lookup, also in the
/// middle of a transaction; what it says afterwards (and after a rollback
/// or a commit) agrees with a scan.
#[test]
fn a_key_indexed_on_first_lookup_stays_true() {
    let mut db = Database::in_memory();
    rows(
        &mut db,
        "UNWIND range(0, 99) AS i CREATE (:N {i: i, x: i % 5})",
    );
    let seek = "MATCH (n:N {x: 3}) RETURN count(n)";
    let scan = "MATCH (n:N) WHERE [n.x] = [3] RETURN count(n)";
    let check = |db: &mut Database, expected: &str| {
        assert_eq!(rows(db, seek), [expected]);
        assert_eq!(rows(db, scan), [expected]);
    };
    rows(&mut db, "BEGIN");
    rows(&mut db, "MATCH (n:N {i: 0}) SET n.x = 3");
    check(&mut db, "21");
    rows(&mut db, "MATCH (n:N {i: 3}) DETACH DELETE n");
    rows(&mut db, "MATCH (n:N {i: 8}) SET n.x = 'three'");
    rows(&mut db, "CREATE (:N {i: 100, x: 3.0})");
    check(&mut db, "20");
    rows(&mut db, "ROLLBACK");
    check(&mut db, "20");
    rows(&mut db, "MATCH (n:N {i: 13}) REMOVE n.x");
    check(&mut db, "19");
    assert_eq!(
        rows(&mut db, "MATCH (n:N {x: 'three'}) RETURN count(n)"),
        ["0"]
    );
}

/// shortestPath searches from both ends; allShortestPaths from one. Their
/// lengths agree, and the path found is a real one: it starts and ends
/// where asked and each relationship joins the nodes beside it, in the
/// direction asked.
#[test]
fn shortest_paths_from_both_ends_are_shortest() {
    let mut db = Database::in_memory();
    rows(&mut db, "UNWIND range(0, 299) AS i CREATE (:N {i: i})");
    let rels = "UNWIND range(0, 899) AS k \
                MATCH (a:N {i: (k * 7) % 300}), (b:N {i: ((k * 2654435761) % 1000003) % 300}) \
                CREATE (a)-[:T]->(b) \
                WITH a, b, k WHERE k % 5 = 0 CREATE (b)-[:U]->(a)";
    rows(&mut db, rels);
    let mut found = 0;
    for (x, y) in [
        (0, 1),
        (3, 250),
        (17, 18),
        (42, 199),
        (100, 7),
        (5, 5),
        (299, 0),
    ] {
        for hops in ["-[:T*]->", "<-[:T*]-", "-[:T*]-", "-[:T|U*]->", "-[*..3]-"] {
            let params = Params::from([
                ("x".to_string(), Value::Int(x)),
                ("y".to_string(), Value::Int(y)),
            ]);
            let one = format!(
                "MATCH (a:N {{i: $x}}), (b:N {{i: $y}}) \
                 OPTIONAL MATCH p = shortestPath((a){hops}(b)) \
                 RETURN length(p), [n IN nodes(p) | n.i], \
                 [r IN relationships(p) | [startNode(r).i, endNode(r).i]]"
            );
            let all = format!(
                "MATCH (a:N {{i: $x}}), (b:N {{i: $y}}) \
                 OPTIONAL MATCH p = allShortestPaths((a){hops}(b)) RETURN min(length(p))"
            );
            let got = db
                .execute(&one, &params)
                .map(|r| r.rows)
                .map_err(|e| e.message);
            let want = db
                .execute(&all, &params)
                .map(|r| r.rows)
                .map_err(|e| e.message);
            let (Ok(got), Ok(want)) = (got, want) else {
                panic!("{hops} from {x} to {y} failed");
            };
            assert_eq!(got[0][0], want[0][0], "{hops} from {x} to {y}");
            let (Value::List(nodes), Value::List(rels)) = (&got[0][1], &got[0][2]) else {
                continue;
            };
            found += 1;
            let ids: Vec<&Value> = nodes.iter().collect();
            assert_eq!(ids.first(), Some(&&Value::Int(x)));
            assert_eq!(ids.last(), Some(&&Value::Int(y)));
            for (k, r) in rels.iter().enumerate() {
                let Value::List(ends) = r else {
                    panic!("{r:?}");
                };
                let (s, e) = (&ends[0], &ends[1]);
                let (u, v) = (ids[k], ids[k + 1]);
                let joined = match hops.chars().next() {
                    Some('<') => (s, e) == (v, u),
                    _ if hops.ends_with("->") => (s, e) == (u, v),
                    _ => (s, e) == (u, v) || (s, e) == (v, u),
                };
                assert!(joined, "{hops} from {x} to {y}: {got:?}");
            }
        }
    }
    assert!(found > 20, "only {found} paths found");
}

/// Records are stored in chunks of neighbouring ids: deletes, updates and
/// new entities spread over many chunks, over several commits, read back
/// the same after reopening.
#[test]
fn chunked_records_survive_reopening() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("chunks");
    let state = "MATCH (n:N) OPTIONAL MATCH (n)-[r:T]->(m) \
                 RETURN n.i, n.x, labels(n), r.k, m.i ORDER BY n.i, r.k";
    let before = {
        let mut db = Database::open(&dir).expect("a new database");
        rows(
            &mut db,
            "UNWIND range(0, 999) AS i CREATE (:N {i: i, x: i % 3})",
        );
        rows(
            &mut db,
            "MATCH (a:N), (b:N) WHERE b.i = (a.i * 7) % 1000 CREATE (a)-[:T {k: a.i}]->(b)",
        );
        rows(
            &mut db,
            "MATCH (n:N) WHERE 100 <= n.i < 300 DETACH DELETE n",
        );
        rows(
            &mut db,
            "MATCH (n:N) WHERE n.i % 97 = 0 SET n.x = 'changed', n:Marked",
        );
        rows(&mut db, "MATCH ()-[r:T]->() WHERE r.k % 89 = 0 DELETE r");
        rows(&mut db, "UNWIND range(1000, 1049) AS i CREATE (:N {i: i})");
        rows(&mut db, state)
    };
    assert_eq!(before.len(), 850);
    let mut db = Database::open(&dir).expect("the database again");
    assert_eq!(rows(&mut db, state), before);
    // Names first used after a reopen are numbered after the stored ones.
    let later = "MATCH (n:N) WHERE n.i % 50 = 0 OPTIONAL MATCH (n)-[r:Later]->() \
                 RETURN n.i, n.late, n.s, n.x, labels(n), r.w ORDER BY n.i";
    rows(
        &mut db,
        "MATCH (n:N) WHERE n.i % 50 = 0 SET n.late = [n.i, -1], n.s = 'é', n:Fresh \
         CREATE (n)-[:Later {w: 1.5}]->(n)",
    );
    rows(&mut db, "MATCH (n:N {i: 0}) REMOVE n.x");
    let after = rows(&mut db, later);
    assert_eq!(after.len(), 17);
    assert_eq!(
        after[0],
        "0, [0, -1], 'é', null, ['Fresh', 'Marked', 'N'], 1.5"
    );
    drop(db);
    let mut db = Database::open(&dir).expect("the database a third time");
    assert_eq!(rows(&mut db, later), after);
    drop(db);
}

/// `count(*)` grouped by what the hop starts from is counted per start
/// node without rows (with bit tests when bitsets decide the far end); it
/// agrees with `sum(1)`, which takes every row, on the compact copy and
/// off it, with labels, property tests, relationship properties,
/// predicates and earlier hops.
#[test]
fn grouped_counts_agree_with_every_row() {
    let mut db = Database::in_memory();
    rows(
        &mut db,
        "UNWIND range(0, 3999) AS i CREATE (:N {i: i, y: i % 50, g: i % 7}) \
         WITH i WHERE i % 4 = 0 MATCH (n:N {i: i}) SET n:Four",
    );
    rows(
        &mut db,
        "UNWIND range(0, 15999) AS k \
         MATCH (a:N {i: k % 4000}), (b:N {i: ((k * 2654435761) % 1000003) % 4000}) \
         CREATE (a)-[:T {w: k % 3}]->(b)",
    );
    // Self-loops, which an undirected hop walks once.
    rows(
        &mut db,
        "UNWIND range(0, 3999, 7) AS i MATCH (n:N {i: i}) CREATE (n)-[:T {w: 0}]->(n)",
    );
    let shapes = [
        "MATCH (a:N)-[:T]-(b:Four)",
        "MATCH (a:N)<-[:T]-(b)",
        "MATCH (a:N)-[:T]->(b) WHERE b.y >= 20",
        "MATCH (a:N)<-[:T]-(b:Four) WHERE b.y < 10",
        "MATCH (a:N)-[:T]-(b) WHERE b.y = 3 AND b.g <> 2",
        "MATCH (a:N)-[:T {w: 1}]->(b) WHERE b.y > 5",
        "MATCH (a:N)-[:T]->(b) WHERE b.y + a.y > 40",
        "MATCH (a:N)-[:T]->(m)-[:T]->(b:Four)",
        "MATCH (a:N)-[:T]->(b) WHERE b.name IS NULL",
    ];
    let mut queries = Vec::new();
    for shape in shapes {
        for agg in ["count(*)", "sum(1)"] {
            queries.push(format!("{shape} RETURN a.g AS g, {agg} AS c ORDER BY g"));
        }
    }
    // Tests are asked often enough, over several runs, to get bitmaps.
    let mut runs = Vec::new();
    for _ in 0..4 {
        runs.push(queries.iter().map(|q| rows(&mut db, q)).collect::<Vec<_>>());
    }
    rows(&mut db, "BEGIN");
    rows(&mut db, "CREATE (:Elsewhere)");
    let plain: Vec<_> = queries.iter().map(|q| rows(&mut db, q)).collect();
    rows(&mut db, "ROLLBACK");
    for run in &runs {
        assert_eq!(run, &plain);
    }
    for (pair, q) in plain.chunks(2).zip(queries.chunks(2)) {
        assert_eq!(pair[0], pair[1], "{q:?}");
        assert_eq!(pair[0].len(), 7, "{q:?}: {:?}", pair[0]);
    }
}

#[test]
fn a_filter_checked_by_the_scan_still_needs_a_boolean() {
    let mut db = Database::in_memory();
    rows(
        &mut db,
        "CREATE (:N {name: 'a', ok: true}), (:N {name: 'b', ok: false})",
    );
    assert_eq!(
        rows(&mut db, "MATCH (n:N) WHERE n.ok RETURN n.name"),
        ["'a'"]
    );
    assert_eq!(
        rows(&mut db, "MATCH (n:N) WHERE n.name RETURN n"),
        ["TypeError/InvalidArgumentType: WHERE needs a boolean, got String"]
    );
    // The same for a filter checked by an expansion, bound ends included.
    rows(
        &mut db,
        "MATCH (a:N {name: 'a'}), (b:N {name: 'b'}) CREATE (a)-[:T]->(b), (b)-[:T]->(b)",
    );
    assert_eq!(
        rows(
            &mut db,
            "MATCH (a:N)-[:T]->(b) WHERE b.ok = false RETURN a.name ORDER BY a.name"
        ),
        ["'a'", "'b'"]
    );
    assert_eq!(
        rows(
            &mut db,
            "MATCH (b:N)-[:T]->(b) WHERE b.ok = false RETURN b.name"
        ),
        ["'b'"]
    );
    assert_eq!(
        rows(&mut db, "MATCH (a:N)-[:T]->(b) WHERE b.name RETURN b"),
        ["TypeError/InvalidArgumentType: WHERE needs a boolean, got String"]
    );
}
