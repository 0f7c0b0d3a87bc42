//! Cyclic patterns: a hop between two nodes already bound is an
//! `Expand(Into)`, a node reached from several bound nodes at once an
//! `Expand(Intersect)`, comma-separated parts are planned as one join graph in
//! the order the statistics favour, and `EXPLAIN` shows that order with an
//! estimate of each step's rows. The answers are those of the naive plan:
//! the tests compare them with hand counts and, on random graphs big
//! enough for the compact copy's fast paths, with the same pattern written
//! so that it expands and compares instead.

use super::util::{GRAPH, quiver};
use proptest::prelude::*;
use quiverdb::{Database, Params, Value};

/// A directed triangle a→b→c with a→c twice (two relationships between one
/// pair), a self-loop at c, and c→d→a.
const SMALL: &str = "CREATE (a:P {n: 'a'}), (b:P {n: 'b'}), (c:P {n: 'c'}), (d:P {n: 'd'}), \
     (a)-[:K]->(b), (b)-[:K]->(c), (a)-[:K]->(c), (a)-[:K]->(c), (c)-[:K]->(c), (c)-[:K]->(d), (d)-[:K]->(a)";

fn run(args: &[&str]) -> String {
    let r = quiver(args);
    assert_eq!(r.status, Some(0), "{}", r.stderr);
    r.stdout
}

#[test]
fn partners_investing_in_one_thing_is_an_intersection() {
    // `b` is found among both `a`'s partners and `p`'s investors.
    let out = run(&[
        "--load",
        GRAPH,
        "-e",
        "EXPLAIN MATCH (a)-[:`partners-with`]-(b), (a)-[:`invests-in`]->(p)<-[:`invests-in`]-(b) \
         RETURN a.name, b.name, p.name",
    ]);
    assert_eq!(
        out,
        "Project 3 columns\n\
         └─ Extend #6, #7, #8\n\
         \u{20}  └─ Expand(Intersect) (#2)<-[#3:invests-in]-(#4), (#0)-[#5:partners-with]-(#4)  ~est 0.0 rows\n\
         \u{20}     └─ Expand (#0)-[#1:invests-in]->(#2)  ~est 2.0 rows\n\
         \u{20}        └─ AllNodesScan → #0  ~est 9.0 rows\n\
         \u{20}           └─ Argument\n"
    );
}

#[test]
fn partners_that_invest_in_the_same_thing() {
    // Microsoft invests in Azure too: then it and OpenAI, partners, both do.
    let out = run(&[
        "--load",
        GRAPH,
        "--format",
        "csv",
        "-e",
        "MATCH (m {name: 'Microsoft'}), (az {name: 'Azure'}) CREATE (m)-[:`invests-in`]->(az)",
        "-e",
        "MATCH (a:Company)-[:`partners-with`]-(b), (a)-[:`invests-in`]->(p)<-[:`invests-in`]-(b) \
         RETURN a.name, b.name, p.name ORDER BY a.name",
    ]);
    assert_eq!(
        out,
        "a.name,b.name,p.name\nMicrosoft,OpenAI,Azure\nOpenAI,Microsoft,Azure\n"
    );
}

#[test]
fn triangles_use_each_relationship_once() {
    let out = run(&[
        "--format",
        "csv",
        "-e",
        SMALL,
        "-e",
        "MATCH (x)-[r1:K]->(y)-[r2:K]->(z), (x)-[r3:K]->(z) \
         RETURN x.n, y.n, z.n, id(r3) <> id(r1) AND id(r3) <> id(r2) AS fresh ORDER BY y.n",
        "-e",
        "MATCH (x)-[:K]-(y)-[:K]-(z), (x)-[:K]-(z) RETURN count(*) AS undirected",
        "-e",
        "MATCH (x)-[:K]->(x), (x)-[:K]->(y) RETURN x.n, y.n ORDER BY y.n",
    ]);
    // a→b→c closes over either a→c; a→c→c (the loop) over the other a→c.
    assert_eq!(
        out,
        "x.n,y.n,z.n,fresh\na,b,c,true\na,b,c,true\na,c,c,true\na,c,c,true\n\
         undirected\n30\n\
         x.n,y.n\nc,d\n"
    );
}

#[test]
fn explain_shows_the_order_and_estimates_on_the_small_graph() {
    let out = run(&[
        "-e",
        SMALL,
        "-e",
        "EXPLAIN MATCH (x:P {n: 'a'})-[:K]->(y)-[:K]->(z), (x)-[:K]->(z) RETURN count(*)",
        "-e",
        "EXPLAIN MATCH (x:P)-[:K]->(x)-[:K]->(y) RETURN y",
    ]);
    assert_eq!(
        out,
        "4 nodes created, 7 relationships created, 4 properties set, 1 label added\n\
         Project 1 columns\n\
         └─ Aggregate 0 keys, 1 aggregates\n\
         \u{20}  └─ Expand(Intersect) (#0)-[#3:K]->(#4), (#2)-[#5:K]->(#4)  ~est 0.9 rows\n\
         \u{20}     └─ Expand (#0)-[#1:K]->(#2)  ~est 1.8 rows\n\
         \u{20}        └─ NodeIndexSeek {n} → #0 labels P  ~est 1.0 rows\n\
         \u{20}           └─ Argument\n\
         Project 1 columns\n\
         └─ Extend #4\n\
         \u{20}  └─ Expand (#0)-[#2:K]->(#3)  ~est 2.0 rows\n\
         \u{20}     └─ Expand(Into) (#0)-[#1:K]->(#0)  ~est 1.8 rows\n\
         \u{20}        └─ NodeByLabelScan :P → #0 labels P  ~est 4.0 rows\n\
         \u{20}           └─ Argument\n"
    );
}

/// A random graph of `n` nodes of label `P` (the even ones also `Q`) and
/// the relationships `edges` (`(from, to, type K or L)`), after enough
/// other nodes that the compact copy (and the fast paths on it) are used.
fn graph(n: usize, edges: &[(usize, usize, bool)]) -> Database {
    let mut db = Database::in_memory();
    let none = Params::new();
    let ok = |db: &mut Database, q: &str| {
        db.execute(q, &none)
            .unwrap_or_else(|e| panic!("{q}: {}", e.message));
    };
    ok(&mut db, "UNWIND range(1, 10000) AS i CREATE (:Pad)");
    ok(
        &mut db,
        &format!(
            "UNWIND range(0, {}) AS i CREATE (p:P {{i: i}}) WITH p, i WHERE i % 2 = 0 SET p:Q",
            n - 1
        ),
    );
    for (a, b, k) in edges {
        let t = if *k { "K" } else { "L" };
        ok(
            &mut db,
            &format!("MATCH (a:P {{i: {a}}}), (b:P {{i: {b}}}) CREATE (a)-[:{t}]->(b)"),
        );
    }
    db
}

fn rows(db: &mut Database, query: &str) -> Vec<Vec<Value>> {
    let mut rows = db
        .execute(query, &Params::new())
        .unwrap_or_else(|e| panic!("{query}: {}", e.message))
        .rows;
    rows.sort_by_key(|r| format!("{r:?}"));
    rows
}

/// Pairs of a pattern with cycles and the same pattern written so that each
/// closing hop expands to a fresh node and compares it.
const PAIRS: [(&str, &str); 6] = [
    (
        "MATCH (a:P)-[r1:K]->(b:P)-[r2:K]->(c:P), (a)-[r3:K]->(c) RETURN a.i, b.i, c.i, id(r1), id(r2), id(r3)",
        "MATCH (a:P)-[r1:K]->(b:P) MATCH (b)-[r2:K]->(c:P) WHERE r2 <> r1 \
         MATCH (a)-[r3:K]->(x) WHERE x = c AND r3 <> r1 AND r3 <> r2 RETURN a.i, b.i, c.i, id(r1), id(r2), id(r3)",
    ),
    (
        "MATCH (a:P)-[r1:K]-(b:P)-[r2]-(c:P), (c)-[r3:K|L]-(a) RETURN a.i, b.i, c.i, id(r1), id(r2), id(r3)",
        "MATCH (a:P)-[r1:K]-(b:P) MATCH (b)-[r2]-(c:P) WHERE r2 <> r1 \
         MATCH (c)-[r3:K|L]-(x) WHERE x = a AND r3 <> r1 AND r3 <> r2 RETURN a.i, b.i, c.i, id(r1), id(r2), id(r3)",
    ),
    (
        "MATCH (a:P)-[:K]-(b:P), (a)-[:L]->(p)<-[:L]-(b) RETURN a.i, b.i, p.i",
        "MATCH (a:P)-[r1:K]-(b:P) MATCH (a)-[r2:L]->(p) MATCH (b)-[r3:L]->(x) \
         WHERE x = p AND r3 <> r2 RETURN a.i, b.i, p.i",
    ),
    (
        "MATCH (a:P)-[r:K]->(a), (a)-[s:K]-(b) RETURN a.i, b.i, id(r), id(s)",
        "MATCH (a:P)-[r:K]->(x) WHERE x = a MATCH (a)-[s:K]-(b) WHERE s <> r RETURN a.i, b.i, id(r), id(s)",
    ),
    // A far node of a label only some nodes have (even `i`: `Q`).
    (
        "MATCH (a:Q)-[r1:K]->(b:Q)-[r2:K]->(c:Q), (a)-[r3:K]->(c) RETURN a.i, b.i, c.i, id(r1), id(r2), id(r3)",
        "MATCH (a:Q)-[r1:K]->(b:Q) MATCH (b)-[r2:K]->(c:Q) WHERE r2 <> r1 \
         MATCH (a)-[r3:K]->(x) WHERE x = c AND r3 <> r1 AND r3 <> r2 RETURN a.i, b.i, c.i, id(r1), id(r2), id(r3)",
    ),
    // An anonymous middle node between two nodes bound before.
    (
        "MATCH (a:P), (c:P) WITH a, c MATCH (a)-[r:K]->()<-[s:L]-(c) RETURN a.i, c.i, id(r), id(s)",
        "MATCH (a:P), (c:P) WITH a, c MATCH (a)-[r:K]->(m) MATCH (c)-[s:L]->(x) WHERE x = m \
         RETURN a.i, c.i, id(r), id(s)",
    ),
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn cycles_match_the_naive_plan(
        n in 2usize..7,
        edges in prop::collection::vec((0usize..7, 0usize..7, any::<bool>()), 0..60),
    ) {
        let edges: Vec<_> = edges.into_iter().map(|(a, b, k)| (a % n, b % n, k)).collect();
        let mut db = graph(n, &edges);
        for (fast, naive) in PAIRS {
            prop_assert_eq!(rows(&mut db, fast), rows(&mut db, naive), "{}", fast);
        }
    }
}

/// A graph with no two relationships between one pair, a few hubs among
/// many small lists (the hash sets, the bits over a list's span and the
/// marked outer corner of `Expand(Intersect)` are all used), with triangles
/// and squares with both diagonals through the hubs.
fn hubs() -> Database {
    let n = 240;
    let mut edges = std::collections::BTreeSet::new();
    for i in 0..n {
        for k in [1, 2, 5, 11] {
            edges.insert((i, (i * 7 + k * 13) % n));
        }
    }
    for i in 0..n {
        match i % 4 {
            0 => edges.insert((0, i)),
            1 => edges.insert((i, 1)),
            _ => edges.insert((2, i)) | edges.insert((i, 3)),
        };
    }
    let edges: Vec<_> = edges
        .into_iter()
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a, b, true))
        .collect();
    graph(n, &edges)
}

#[test]
fn cycles_through_hubs_match_the_naive_plan() {
    let mut db = hubs();
    // `d` is reached from three bound nodes at once.
    let squares = (
        "MATCH (a:P)-[r1:K]->(b:P)-[r2:K]->(c:P), (a)-[r3:K]->(c), \
         (a)-[r4:K]->(d:P), (b)-[r5:K]->(d), (c)-[r6:K]->(d) RETURN a.i, b.i, c.i, d.i, id(r4), id(r5), id(r6)",
        "MATCH (a:P)-[r1:K]->(b:P)-[r2:K]->(c:P), (a)-[r3:K]->(c) \
         MATCH (a)-[r4:K]->(d:P) MATCH (b)-[r5:K]->(x) WHERE x = d \
         MATCH (c)-[r6:K]->(y) WHERE y = d RETURN a.i, b.i, c.i, d.i, id(r4), id(r5), id(r6)",
    );
    for (fast, naive) in PAIRS.into_iter().chain([squares]) {
        let expected = rows(&mut db, naive);
        assert_eq!(rows(&mut db, fast), expected, "{fast}");
        // Counted without listing the rows.
        let (pattern, _) = fast.split_once(" RETURN ").unwrap_or((fast, ""));
        let counted = rows(&mut db, &format!("{pattern} RETURN count(*)"));
        assert_eq!(counted, [[Value::Int(expected.len() as i64)]], "{fast}");
        if pattern.contains(" WITH ") {
            continue;
        }
        // Counted again for each outer row, as an optional part.
        let twice = rows(
            &mut db,
            &format!("UNWIND [1, 2] AS k OPTIONAL {pattern} RETURN k, count(a) AS n"),
        );
        let n = Value::Int(expected.len() as i64);
        assert_eq!(
            twice,
            [[Value::Int(1), n.clone()], [Value::Int(2), n]],
            "{fast}"
        );
    }
    let plan = db
        .execute(&format!("EXPLAIN {}", squares.0), &Params::new())
        .map(|r| r.plan.unwrap_or_default())
        .unwrap_or_else(|e| e.message);
    // The plan's three-legged step: `d` from `a`, `b` and `c` at once.
    assert!(
        plan.lines()
            .any(|l| l.contains("Expand(Intersect)") && l.matches("]->(#").count() == 3),
        "{plan}"
    );
}

/// Two relationships between the same pair, over thousands of start nodes:
/// `Expand(Intersect)` compares the two short lists of the start node, and
/// stops keeping each start node's list once they do not come back (each
/// row has its own). Some pairs have two `L`s, some a `K` back, some nodes
/// a `K` to themselves.
#[test]
fn parallel_relationships_over_many_nodes_match_the_naive_plan() {
    let n = 3000;
    let mut db = graph(n, &[]);
    let none = Params::new();
    let hop = |k: u32, t: &str, copies: u32, every: u32, back: bool| {
        let (from, to) = if back { ("b", "a") } else { ("a", "b") };
        format!(
            "UNWIND range(0, {m}) AS i WITH i WHERE i % {every} = 0 \
             MATCH (a:P {{i: i}}), (b:P {{i: (i * 7 + {k}) % {n}}}) \
             UNWIND range(1, {copies}) AS c CREATE ({from})-[:{t}]->({to})",
            m = n - 1
        )
    };
    let writes = [
        "CREATE INDEX FOR (p:P) ON (p.i)".to_string(),
        hop(0, "K", 1, 1, false),
        hop(1, "K", 1, 1, false),
        hop(0, "L", 1, 3, false),
        hop(1, "L", 2, 5, false),
        hop(0, "K", 1, 4, true),
    ];
    for q in writes {
        db.execute(&q, &none)
            .unwrap_or_else(|e| panic!("{q}: {}", e.message));
    }
    let pairs = [
        (
            "MATCH (a:P)-[r:K]->(b:P), (a)-[s:L]->(b) RETURN a.i, b.i, id(r), id(s)",
            "MATCH (a:P)-[r:K]->(b:P) MATCH (a)-[s:L]->(x) WHERE x = b RETURN a.i, b.i, id(r), id(s)",
        ),
        (
            "MATCH (a:P)-[r:K]->(b:P)-[s:K]->(a) RETURN a.i, b.i, id(r), id(s)",
            "MATCH (a:P)-[r:K]->(b:P) MATCH (b)-[s:K]->(x) WHERE x = a AND s <> r \
             RETURN a.i, b.i, id(r), id(s)",
        ),
    ];
    for (fast, naive) in pairs {
        let expected = rows(&mut db, naive);
        assert!(expected.len() > 1000, "{naive}: {}", expected.len());
        assert_eq!(rows(&mut db, fast), expected, "{fast}");
        let (pattern, _) = fast.split_once(" RETURN ").unwrap_or((fast, ""));
        let counted = rows(&mut db, &format!("{pattern} RETURN count(*)"));
        assert_eq!(counted, [[Value::Int(expected.len() as i64)]], "{fast}");
        let plan = db
            .execute(&format!("EXPLAIN {fast}"), &none)
            .map(|r| r.plan.unwrap_or_default())
            .unwrap_or_else(|e| e.message);
        assert!(plan.contains("Expand(Intersect)"), "{plan}");
    }
}

/// A node with a `K` to itself and one `L` to a node that others reach
/// too (the case proptest found): `a` and `b` are the same node, and the
/// two `L` hops would have to be one relationship twice. The plan checks
/// that with a later leg of the intersection, not its first (a `K`, which
/// can never be an `L`).
#[test]
fn a_later_leg_of_an_intersection_does_not_reuse_a_relationship() {
    let edges = [
        (3, 2, true),
        (1, 3, true),
        (1, 1, true),
        (1, 3, false),
        (0, 1, false),
        (0, 1, false),
        (4, 1, false),
        (4, 0, true),
        (0, 1, false),
        (4, 0, false),
    ];
    let mut db = graph(5, &edges);
    let (fast, naive) = PAIRS[2];
    let expected = rows(&mut db, naive);
    assert_eq!(expected.len(), 6, "{expected:?}");
    assert_eq!(rows(&mut db, fast), expected, "{fast}");
}
