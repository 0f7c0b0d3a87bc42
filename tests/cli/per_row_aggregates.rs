//! Aggregations per input row: `OPTIONAL MATCH ... WHERE` counted per row
//! (rows with no match counted as 0), and `count(DISTINCT x)` grouped by
//! what a chain of hops starts from (`AggregateRuns`), with duplicates,
//! shared keys, null keys and nulls among the values; on a small graph,
//! inside a transaction, and on a graph big enough for the compact copy,
//! against the same questions asked without the new plans.

use super::util::{columns_and_rows, json_lines, quiver};
use serde_json::{Value as Json, json};

/// The small graph: companies A, B, C (C has no employee), people 1, 2,
/// 3, another 1 (p4), one without id (p5) and one who knows nobody (6).
const GRAPH: &str = "CREATE (a:Company {name: 'A'}), (b:Company {name: 'B'}), \
    (:Company {name: 'C'}), \
    (p1:Person {id: 1, name: 'x'}), (p2:Person {id: 2, name: 'y'}), (p3:Person {id: 3}), \
    (p4:Person {id: 1, name: 'x'}), (p5:Person {name: 'z'}), (:Person {id: 6}), \
    (p1)-[:works_at {since: 2016}]->(a), (p2)-[:works_at {since: 2010}]->(a), \
    (p3)-[:works_at {since: 2020}]->(a), (p1)-[:works_at {since: 2001}]->(b), \
    (p4)-[:works_at]->(b), (p4)-[:works_at {since: 2015}]->(a), \
    (p1)-[:knows]->(p2), (p2)-[:knows]->(p3), (p2)-[:knows]->(p1), (p1)-[:knows]->(p3), \
    (p3)-[:knows]->(p1), (p4)-[:knows]->(p2), (p3)-[:knows]->(p4), (p3)-[:knows]->(p3), \
    (p5)-[:knows]->(p1)";

/// The rows of each statement after the first (the graph), run in one
/// process.
fn rows_of(statements: &[&str]) -> Vec<Json> {
    let mut args = vec!["--format", "json"];
    for s in statements {
        args.extend(["-e", s]);
    }
    let run = quiver(&args);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    json_lines(&run.stdout)
        .iter()
        .map(|o| columns_and_rows(o).1)
        .collect()
}

const HIRES: &str = "MATCH (c:Company) OPTIONAL MATCH (c)<-[w:works_at]-(p:Person) \
    WHERE w.since >= 2015 \
    RETURN c.name AS c, count(p) AS hires, count(*) AS n, count(w) AS rels ORDER BY c";

const HIRED: &str = "MATCH (c:Company) OPTIONAL MATCH (c)<-[w:works_at]-(p:Person) \
    WHERE w.since >= 2015 RETURN c.name AS c, p.id AS p ORDER BY c, p";

const UNDATED: &str = "MATCH (c:Company) OPTIONAL MATCH (c)<-[w:works_at]-(p) \
    WHERE w.since IS NULL AND p.id = 1 RETURN c.name AS c, count(w) AS n ORDER BY c";

const FOF: &str = "MATCH (a:Person)-[:knows]->()-[:knows]->(c) \
    RETURN a.id AS id, count(DISTINCT c) AS n, count(c) AS m, count(DISTINCT c.name) AS names \
    ORDER BY id";

const FOF_TOP: &str = "MATCH (a:Person)-[:knows]->()-[:knows]->(c) \
    RETURN a.id AS id, count(DISTINCT c) AS n ORDER BY n DESC, id LIMIT 2";

const FOF_OPTIONAL: &str = "MATCH (a:Person) OPTIONAL MATCH (a)-[:knows]->()-[:knows]->(c) \
    RETURN a.id AS id, count(DISTINCT c) AS n ORDER BY id";

fn expected() -> Vec<Json> {
    vec![
        // Companies with no hire since 2015 count 0 (B's one without
        // `since` too), and are there once.
        json!([["A", 3, 3, 3], ["B", 0, 1, 0], ["C", 0, 1, 0]]),
        json!([["A", 1], ["A", 1], ["A", 3], ["B", null], ["C", null]]),
        // Two people with id 1 make one group: the union of their far
        // ends. A relationship is not used twice (p3's loop). The person
        // without id is the null group; the names count without nulls.
        json!([[1, 3, 7, 1], [2, 4, 5, 2], [3, 4, 5, 2], [null, 2, 2, 1]]),
        json!([[2, 4], [3, 4]]),
        json!([[1, 3], [2, 4], [3, 4], [6, 0], [null, 2]]),
        // A relationship without the property is null for `IS NULL`.
        json!([["A", 0], ["B", 1], ["C", 0]]),
    ]
}

#[test]
fn optional_matches_and_distinct_counts_per_row_give_exact_answers() {
    let got = rows_of(&[GRAPH, HIRES, HIRED, FOF, FOF_TOP, FOF_OPTIONAL, UNDATED]);
    assert_eq!(got[1..], expected());
}

#[test]
fn the_same_inside_a_transaction_that_wrote() {
    // Uncommitted writes: every operator takes its plain path.
    let got = rows_of(&[
        GRAPH,
        "BEGIN",
        "CREATE (:Other)",
        HIRES,
        HIRED,
        FOF,
        FOF_TOP,
        FOF_OPTIONAL,
        UNDATED,
        "COMMIT",
    ]);
    assert_eq!(got[3..9], expected());
}

#[test]
fn grouped_distinct_counts_run_per_group() {
    let run = quiver(&["-e", &format!("EXPLAIN {FOF}")]);
    assert!(
        run.stdout.contains("AggregateRuns 1 keys, 3 aggregates"),
        "{}",
        run.stdout
    );
}

/// On a graph past the size where the compact copy and bitsets are used,
/// each answer equals the one a `WITH` (which no new plan crosses) gives,
/// the first time and once the tests' columns and bitmaps are built.
#[test]
fn on_a_big_graph_the_answers_are_those_of_the_plain_plans() {
    let graph = "UNWIND range(0, 5999) AS i \
        CREATE (:Person {id: i % 1000, score: i % 7, name: toString(i % 13)})";
    let links = "MATCH (a:Person), (b:Person) WHERE a.score = 1 AND b.id = (a.id * 7 + 3) % 1000 \
        CREATE (a)-[:knows {since: 2000 + a.id % 30}]->(b)";
    let more = "MATCH (a:Person), (b:Person) WHERE a.score = 2 AND b.id = (a.id * 3) % 1000 \
        AND b.score < 4 CREATE (a)-[:knows {since: 2000 + b.id % 30}]->(b)";
    let pairs = [
        (
            "MATCH (a:Person) OPTIONAL MATCH (a)-[k:knows]->(b:Person) WHERE k.since >= 2015 \
             RETURN a.id AS id, count(b) AS n, count(*) AS r ORDER BY n DESC, r, id LIMIT 20",
            "MATCH (a:Person) OPTIONAL MATCH (a)-[k:knows]->(b:Person) WHERE k.since + 0 >= 2015 \
             WITH a, b RETURN a.id AS id, count(b) AS n, count(*) AS r ORDER BY n DESC, r, id LIMIT 20",
        ),
        (
            "MATCH (a:Person) OPTIONAL MATCH (a)-[:knows]->(b:Person) WHERE b.score > 1 \
             RETURN a.id AS id, count(b) AS n ORDER BY n, id LIMIT 20",
            "MATCH (a:Person) OPTIONAL MATCH (a)-[:knows]->(b:Person) WHERE b.score > 1 \
             WITH a, b RETURN a.id AS id, count(b) AS n ORDER BY n, id LIMIT 20",
        ),
        (
            "MATCH (a:Person)-[:knows]->()-[:knows]->(c:Person) \
             RETURN a.id AS id, count(DISTINCT c) AS n ORDER BY n DESC, id LIMIT 20",
            "MATCH (a:Person)-[:knows]->()-[:knows]->(c:Person) WITH a, c \
             RETURN a.id AS id, count(DISTINCT c) AS n ORDER BY n DESC, id LIMIT 20",
        ),
        (
            "MATCH (a:Person)-[:knows]-()-[:knows]-(c) WHERE c.score < 5 \
             RETURN a.score AS s, count(DISTINCT c) AS n, count(DISTINCT c.name) AS m ORDER BY s",
            "MATCH (a:Person)-[:knows]-()-[:knows]-(c) WHERE c.score < 5 WITH a, c \
             RETURN a.score AS s, count(DISTINCT c) AS n, count(DISTINCT c.name) AS m ORDER BY s",
        ),
    ];
    let mut statements = vec![graph, links, more];
    for (new, plain) in &pairs {
        statements.extend([*new, *new, *new, *plain]);
    }
    let got = rows_of(&statements);
    for (i, (new, _)) in pairs.iter().enumerate() {
        let plain = &got[6 + 4 * i];
        assert!(
            plain.as_array().is_some_and(|r| !r.is_empty()),
            "{new}: {plain}"
        );
        for run in 0..3 {
            assert_eq!(&got[3 + 4 * i + run], plain, "{new} (run {run})");
        }
    }
}

/// Two hops of different types counted per row, the middle nodes met again
/// and again (each company by many people): the count at a company is
/// kept for the rest of the statement; and grouped distinct counts whose
/// last hop runs once per row. The answers are those of the plain plans,
/// with and without the far node's test, and in a transaction that wrote
/// (where nothing is kept).
#[test]
fn two_hops_counted_per_row_through_shared_nodes() {
    let graph = [
        "UNWIND range(0, 2999) AS i CREATE (:Person {id: i})",
        "UNWIND range(0, 49) AS j CREATE (:Company {id: j})",
        "UNWIND range(0, 399) AS k CREATE (:Product {id: k, founded: 1990 + k % 40})",
        // Enough nodes for the compact copy.
        "UNWIND range(1, 2000) AS i CREATE (:Pad)",
        "MATCH (p:Person), (c:Company) WHERE c.id IN [(p.id * 7) % 50, (p.id * 11) % 50] \
         CREATE (p)-[:works_at]->(c)",
        "MATCH (c:Company), (pr:Product) WHERE (pr.id + 400 - (c.id * 13) % 400) % 400 < c.id % 9 \
         CREATE (c)-[:owns]->(pr)",
    ];
    let pairs = [
        (
            "MATCH (p:Person) OPTIONAL MATCH (p)-[:works_at]->(c:Company)-[:owns]->(pr:Product) \
             WHERE pr.founded >= 2010 RETURN p.id AS id, count(pr) AS n ORDER BY n DESC, id LIMIT 20",
            "MATCH (p:Person) OPTIONAL MATCH (p)-[:works_at]->(c:Company)-[:owns]->(pr:Product) \
             WHERE pr.founded >= 2010 WITH p, pr RETURN p.id AS id, count(pr) AS n \
             ORDER BY n DESC, id LIMIT 20",
        ),
        (
            "MATCH (p:Person) OPTIONAL MATCH (p)-[:works_at]->(:Company)-[:owns]->(pr) \
             RETURN p.id % 7 AS k, count(pr) AS n, count(*) AS r ORDER BY k",
            "MATCH (p:Person) OPTIONAL MATCH (p)-[:works_at]->(:Company)-[:owns]->(pr) \
             WITH p, pr RETURN p.id % 7 AS k, count(pr) AS n, count(*) AS r ORDER BY k",
        ),
        // Grouped distinct counts whose last hop runs once per row.
        (
            "MATCH (pr:Product)<-[:owns]-(:Company)<-[:works_at]-(p:Person) \
             RETURN pr.id % 10 AS k, count(DISTINCT p) AS n ORDER BY k",
            "MATCH (pr:Product)<-[:owns]-(:Company)<-[:works_at]-(p:Person) \
             WITH pr, p RETURN pr.id % 10 AS k, count(DISTINCT p) AS n ORDER BY k",
        ),
        // The last hop of the type of the one before: not over the same
        // relationship back.
        (
            "MATCH (c:Company)<-[:works_at]-(p:Person)-[:works_at]->(d:Company) \
             RETURN p.id % 10 AS k, count(DISTINCT d) AS n, count(DISTINCT c) AS m ORDER BY k",
            "MATCH (c:Company)<-[:works_at]-(p:Person)-[:works_at]->(d:Company) \
             WITH p, c, d RETURN p.id % 10 AS k, count(DISTINCT d) AS n, count(DISTINCT c) AS m \
             ORDER BY k",
        ),
        (
            "MATCH (c:Company)<-[:works_at]-(p:Person)-[:works_at]->(d:Company) \
             RETURN p.id % 10 AS k, count(DISTINCT d) AS n ORDER BY k",
            "MATCH (c:Company)<-[:works_at]-(p:Person)-[:works_at]->(d:Company) \
             WITH p, d RETURN p.id % 10 AS k, count(DISTINCT d) AS n ORDER BY k",
        ),
    ];
    let mut statements = graph.to_vec();
    for (new, plain) in &pairs {
        statements.extend([*new, *plain, "BEGIN", "CREATE (:Other)", *new, "ROLLBACK"]);
    }
    let got = rows_of(&statements);
    for (i, (new, _)) in pairs.iter().enumerate() {
        let at = graph.len() + 6 * i;
        let plain = &got[at + 1];
        assert!(
            plain.as_array().is_some_and(|r| r.len() > 5),
            "{new}: {plain}"
        );
        assert_eq!(&got[at], plain, "{new}");
        assert_eq!(&got[at + 4], plain, "{new} (in a transaction)");
    }
    // Company c owns c % 9 products from number 13c on; person p works at
    // companies 7p and 11p (mod 50). Person 15 (companies 5 and 15) has the
    // most founded since 2010 (k % 40 >= 20): 5 + 5.
    assert_eq!(got[graph.len()][0], json!([15, 10]), "{}", got[graph.len()]);
}

/// `count(DISTINCT c)` grouped by the first node of a two-hop pattern,
/// over enough rows to be counted in parts: each place's people are in
/// every part, so the same (place, company) comes from several parts and
/// counts once. Person i lives at place i % 2000 and works at companies
/// 7i and 11i (mod 50), the same for every person of a place: one when
/// the place is a multiple of 25, else two. Place 2000's people work
/// nowhere (no group). The last query's rows give hundreds of people each
/// (counted group by group). Every third person also works at a lab of
/// their own since `id % 7`: not a company, so only the hops that do not
/// ask for one count it (a hop per row read from the compact copy, and a
/// hop whose `WHERE` the copy cannot decide).
#[test]
fn distinct_counts_per_group_over_many_rows() {
    let graph = [
        "UNWIND range(0, 2000) AS j CREATE (:Place {id: j})",
        "UNWIND range(0, 49) AS j CREATE (:Company {id: j})",
        "MATCH (pl:Place) WITH collect(pl) AS places UNWIND range(0, 20004) AS i \
         WITH i, places[CASE WHEN i >= 20000 THEN 2000 ELSE i % 2000 END] AS pl \
         CREATE (:Person {id: i})-[:located_in]->(pl)",
        "MATCH (c:Company) WITH collect(c) AS cs MATCH (p:Person) WHERE p.id < 20000 \
         WITH p, cs, [(p.id * 7) % 50, (p.id * 11) % 50] AS ks \
         UNWIND CASE WHEN ks[0] = ks[1] THEN [ks[0]] ELSE ks END AS k \
         WITH p, cs[k] AS c CREATE (p)-[:works_at]->(c)",
        "MATCH (c:Company), (pl:Place) WHERE pl.id = c.id % 10 CREATE (c)-[:located_in]->(pl)",
        // More in each place than its people: the plan starts at the people.
        "MATCH (pl:Place) WITH collect(pl) AS places UNWIND range(0, 39999) AS i \
         WITH i, places[i % 2000] AS pl CREATE (:Org {id: i})-[:located_in]->(pl)",
        "MATCH (p:Person) WHERE p.id % 3 = 0 AND p.id < 20000 \
         CREATE (p)-[:works_at {since: p.id % 7}]->(:Lab {id: p.id})",
    ];
    let pairs = [
        (
            "MATCH (pl:Place)<-[:located_in]-(:Person)-[:works_at]->(c:Company) \
             RETURN pl.id AS place, count(DISTINCT c) AS n ORDER BY place",
            "MATCH (pl:Place)<-[:located_in]-(:Person)-[:works_at]->(c:Company) \
             WITH pl, c RETURN pl.id AS place, count(DISTINCT c) AS n ORDER BY place",
        ),
        (
            "MATCH (pl:Place)<-[:located_in]-(:Company)<-[:works_at]-(p:Person) \
             RETURN pl.id AS place, count(DISTINCT p) AS n ORDER BY place",
            "MATCH (pl:Place)<-[:located_in]-(:Company)<-[:works_at]-(p:Person) \
             WITH pl, p RETURN pl.id AS place, count(DISTINCT p) AS n ORDER BY place",
        ),
        (
            "MATCH (pl:Place)<-[:located_in]-(:Person)-[w:works_at]->(x) WHERE w.since = 2 \
             RETURN pl.id AS place, count(DISTINCT x) AS n ORDER BY place",
            "MATCH (pl:Place)<-[:located_in]-(:Person)-[w:works_at]->(x) WHERE w.since = 2 \
             WITH pl, x RETURN pl.id AS place, count(DISTINCT x) AS n ORDER BY place",
        ),
        (
            "MATCH (pl:Place)<-[:located_in]-(:Person)-[:works_at]-(x) \
             RETURN pl.id AS place, count(DISTINCT x) AS n ORDER BY place",
            "MATCH (pl:Place)<-[:located_in]-(:Person)-[:works_at]-(x) \
             WITH pl, x RETURN pl.id AS place, count(DISTINCT x) AS n ORDER BY place",
        ),
    ];
    let mut statements = graph.to_vec();
    for (new, plain) in &pairs {
        statements.extend([*new, *plain]);
    }
    let got = rows_of(&statements);
    let at = graph.len();
    let by_place: Vec<Json> = (0..2000)
        .map(|r| json!([r, if r % 25 == 0 { 1 } else { 2 }]))
        .collect();
    assert_eq!(got[at], Json::Array(by_place));
    assert_eq!(got[at + 1], got[at]);
    assert_eq!(got[at + 2], got[at + 3]);
    assert_eq!(got[at + 2].as_array().map(Vec::len), Some(10));
    // The labs of place r's people: all of them, and those since 2.
    let labs = |r: i64, since: Option<i64>| {
        (r..20000)
            .step_by(2000)
            .filter(|i| i % 3 == 0 && since.is_none_or(|s| i % 7 == s))
            .count() as i64
    };
    let since_2: Vec<Json> = (0..2000)
        .filter(|&r| labs(r, Some(2)) > 0)
        .map(|r| json!([r, labs(r, Some(2))]))
        .collect();
    assert_eq!(got[at + 4], Json::Array(since_2));
    assert_eq!(got[at + 5], got[at + 4]);
    let either_way: Vec<Json> = (0..2000)
        .map(|r| json!([r, if r % 25 == 0 { 1 } else { 2 } + labs(r, None)]))
        .collect();
    assert_eq!(got[at + 6], Json::Array(either_way));
    assert_eq!(got[at + 7], got[at + 6]);
}
