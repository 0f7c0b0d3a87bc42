//! Tests of grouping and aggregate functions.

use crate::exec::run_query;
use crate::store::{Graph, Properties};
use crate::value::{Params, Value};

fn rows(g: &mut Graph, query: &str) -> Vec<String> {
    run_query(g, query, &Params::new())
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .map(Value::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect()
}

/// A hasher under which every key collides.
#[derive(Default)]
struct Collide;

impl std::hash::Hasher for Collide {
    fn finish(&self) -> u64 {
        7
    }

    fn write(&mut self, _: &[u8]) {}
}

/// Groups `values` (one a row, in slot 0) by slot 0 with `count(*)`,
/// under a hasher for which every key collides, and hands the grouping to
/// `check`.
fn group_colliding(
    values: impl IntoIterator<Item = Value>,
    check: impl FnOnce(&super::Grouping<'_, std::hash::BuildHasherDefault<Collide>>),
) {
    use crate::exec::{Ctx, Procedures};
    use crate::plan::logical::{AggCall, AggFunc, Expr};
    let mut g = Graph::new();
    let (params, procedures) = (Params::new(), Procedures::default());
    let mut ctx = Ctx {
        graph: crate::exec::GraphAccess::writable(&mut g),
        params: &params,
        procedures: &procedures,
        file_access: &crate::exec::FileAccess::Denied,
        deleted_nodes: Vec::new(),
        clock: crate::exec::clock::Clock::starting(None),
        writes: false,
        history: Default::default(),
    };
    let keys = [Expr::Slot(0)];
    let aggs = [AggCall {
        func: AggFunc::CountStar,
        distinct: false,
        args: vec![],
    }];
    let hasher = std::hash::BuildHasherDefault::<Collide>::default();
    let mut grouping = super::Grouping::with_hasher(&keys, &aggs, hasher);
    for v in values {
        grouping
            .add(&vec![v], super::Weight::Row, &mut ctx)
            .unwrap_or_else(|e| panic!("{}", e.message));
    }
    check(&grouping);
}

/// Each group's key and count.
fn counts<S>(grouping: &super::Grouping<'_, S>) -> Vec<(String, i64)> {
    (grouping.groups.iter().zip(&grouping.states))
        .map(|(k, state)| (k[0].to_string(), state.count))
        .collect()
}

#[test]
fn keys_with_one_hash_are_told_apart() {
    // 0, 1.0, 2, ..., 6, 0.0, 1, ...: ints and equal floats alternate.
    let values = (0..100i64).map(|i| {
        if i % 2 == 0 {
            Value::Int(i % 7)
        } else {
            Value::Float((i % 7) as f64)
        }
    });
    let expected: Vec<(String, i64)> = [0, 1, 2, 3, 4, 5, 6]
        .iter()
        .map(|&k| {
            let first = if k % 2 == 0 {
                Value::Int(k)
            } else {
                Value::Float(k as f64)
            };
            (first.to_string(), if k < 2 { 15 } else { 14 })
        })
        .collect();
    group_colliding(values, |grouping| assert_eq!(counts(grouping), expected));
}

#[test]
fn runs_of_equivalent_keys_are_one_group() {
    let mut g = Graph::new();
    assert_eq!(
        rows(
            &mut g,
            "UNWIND [1, 1.0, 2, 1, null, null, 0.0 / 0.0, 0.0 / 0.0] AS x \
             RETURN x, count(*) AS c"
        ),
        ["1, 3", "2, 1", "null, 2", "NaN, 2"]
    );
}

#[test]
fn runs_of_rows_of_one_entity_group_by_its_current_property() {
    let mut g = Graph::new();
    for name in ["x", "y", "x"] {
        let mut p = Properties::new();
        p.insert("name".into(), Value::from(name));
        let place = g.create_node(&["P"], p);
        for _ in 0..2 {
            let n = g.create_node(&[] as &[&str], Properties::new());
            g.create_rel("IN", n, place, Properties::new());
        }
    }
    g.commit();
    // Two places named 'x': one group.
    assert_eq!(
        rows(
            &mut g,
            "MATCH (p:P)<-[:IN]-() RETURN p.name AS name, count(*) AS c ORDER BY name"
        ),
        ["'x', 4", "'y', 2"]
    );
    // The same node in every row, its key changed by the statement
    // (every row is written before any is aggregated).
    assert_eq!(
        rows(
            &mut g,
            "MATCH (p:P {name: 'y'}), (q:P) SET p.name = q.name + '!' \
             RETURN p.name AS name, count(*) AS c ORDER BY name"
        ),
        ["'x!', 3"]
    );
}

/// A group's `count` costs two words, not the room of every aggregate.
#[test]
fn a_count_state_is_two_words() {
    assert_eq!(std::mem::size_of::<super::State>(), 16);
}

#[test]
fn counts_and_other_aggregates_of_one_grouping_keep_their_values() {
    let mut g = Graph::new();
    assert_eq!(
        rows(
            &mut g,
            "UNWIND [[1, 3], [1, null], [2, 5], [1, 3], [2, 1]] AS p \
             WITH p[0] AS k, p[1] AS v \
             RETURN k, count(*) AS n, count(v) AS c, count(DISTINCT v) AS d, \
             sum(v) AS s, min(v) AS lo, max(v) AS hi, collect(v) AS vs, avg(v) AS a \
             ORDER BY k"
        ),
        [
            "1, 3, 2, 1, 6, 3, 3, [3, 3], 3.0",
            "2, 2, 2, 2, 6, 1, 5, [5, 1], 3.0"
        ]
    );
}

/// Keys read from a node property's column (once the graph builds one)
/// group as keys read from the nodes: every kind of value, and none.
#[test]
fn keys_read_from_a_column_group_as_keys_read_from_nodes() {
    let mut g = Graph::new();
    run_query(
        &mut g,
        "UNWIND range(0, 11999) AS i WITH i, i / 6 AS j \
         CREATE (:N {i: i, k: CASE i % 6 \
         WHEN 0 THEN j % 4 WHEN 1 THEN toString(j % 3) WHEN 2 THEN (j % 2) + 0.5 \
         WHEN 3 THEN j % 2 = 0 WHEN 4 THEN [j % 2] END})",
        &Params::new(),
    );
    // Columns are read only from a committed graph.
    g.commit();
    // Keys projected first are values in slots: read from the nodes.
    let from_nodes = rows(
        &mut g,
        "MATCH (n:N) WITH n.k AS k, n.i AS i RETURN k, count(*) AS c, min(i) AS first",
    );
    assert_eq!(from_nodes.len(), 4 + 3 + 2 + 2 + 2 + 1);
    assert!(from_nodes.contains(&"null, 2000, 5".to_string()));
    assert!(from_nodes.contains(&"'1', 667, 7".to_string()));
    assert!(!g.node_column("k").is_built());
    // A run reads the key of 12,000 nodes: the first builds the column a
    // quarter of the way through, the others read only the column.
    let query = "MATCH (n:N) RETURN n.k AS k, count(*) AS c, min(n.i) AS first";
    for _ in 0..3 {
        assert_eq!(rows(&mut g, query), from_nodes);
    }
    assert!(g.node_column("k").is_built());
}

/// 12,000 nodes `:N` (enough for columns) with a distinct integer `id`
/// (missing on every seventh), a distinct `name`, and `twice`, `d` and
/// `l` that repeat; every third node `-[:R {w}]->` the next.
fn keyed_graph() -> Graph {
    let mut g = Graph::new();
    let p = Params::new();
    run_query(
        &mut g,
        "UNWIND range(0, 11999) AS i \
         CREATE (n:N {i: i, name: 'n' + toString(i), twice: i / 2, d: (i % 5) * 1.5, \
         l: [i % 3]}) \
         SET n.id = CASE WHEN i % 7 = 3 THEN null ELSE 100000 - i * 3 END",
        &p,
    );
    run_query(
        &mut g,
        "UNWIND range(0, 11998, 3) AS i MATCH (a:N {i: i}), (b:N {i: i + 1}) \
         CREATE (a)-[:R {w: i % 4}]->(b)",
        &p,
    );
    g.commit();
    g
}

/// Keys that name their node (the node, or a property whose column holds
/// distinct values) group by node: the groups, their order and their
/// counts are those of the same keys projected first (which group by
/// hashing), nodes without the key make one group of null, and keys whose
/// columns repeat values group by hashing.
#[test]
fn keys_that_name_their_node_group_as_hashed_keys() {
    let mut g = keyed_graph();
    for (keys, projected) in [
        ("n.id AS k", "n.id AS k"),
        ("n AS k", "n AS k"),
        ("n.name AS k, n.d AS d", "n.name AS k, n.d AS d"),
        ("n.twice AS k", "n.twice AS k"),
        (
            "n.id AS k, n.l AS l, n.twice AS t",
            "n.id AS k, n.l AS l, n.twice AS t",
        ),
        ("n.d AS k, n.id AS i", "n.d AS k, n.id AS i"),
    ] {
        let names: Vec<&str> = keys
            .split(", ")
            .filter_map(|k| k.split(" AS ").nth(1))
            .collect();
        let names = names.join(", ");
        let hashed = rows(
            &mut g,
            &format!(
                "MATCH (n:N) OPTIONAL MATCH (n)-[r:R]->(m) WHERE r.w > 0 \
                 WITH {projected}, m RETURN {names}, count(m) AS c, count(*) AS s"
            ),
        );
        // The first run builds the columns a quarter of the way through.
        for _ in 0..3 {
            let by_node = rows(
                &mut g,
                &format!(
                    "MATCH (n:N) OPTIONAL MATCH (n)-[r:R]->(m) WHERE r.w > 0 \
                     RETURN {keys}, count(m) AS c, count(*) AS s"
                ),
            );
            assert_eq!(by_node, hashed, "{keys}");
        }
    }
    assert!(g.node_column("id").is_built() && g.node_column("name").is_built());
    // 12,000 nodes, 1,714 of them without an id: one null group.
    let by_id = rows(&mut g, "MATCH (n:N) RETURN n.id AS k, count(*) AS c");
    assert_eq!(by_id.len(), 12_000 - 1_714 + 1);
    assert_eq!(by_id[3], "null, 1714");
    assert_eq!(by_id[..3], ["100000, 1", "99997, 1", "99994, 1"]);
}

/// A grouping by node hashes what it found when a row cannot be grouped by
/// node: a map whose key equals a node's, or uncommitted changes.
#[test]
fn a_grouping_by_node_hands_over_to_hashing() {
    let mut g = keyed_graph();
    let query = "MATCH (n:N) WHERE n.i < 5 WITH collect(n) + [{id: 100000}, {id: 7}] AS xs \
                 UNWIND xs AS x RETURN x.id AS k, count(*) AS c";
    let expected = [
        "100000, 2",
        "99997, 1",
        "99994, 1",
        "null, 1",
        "99988, 1",
        "7, 1",
    ];
    for _ in 0..4 {
        rows(&mut g, "MATCH (n:N) RETURN n.id, count(*)");
        assert_eq!(rows(&mut g, query), expected);
    }
    assert!(g.node_column("id").is_built());
    // After a write in the same statement the column is not used: the
    // ids just set are the keys.
    let changed = rows(
        &mut g,
        "MATCH (n:N) WHERE n.i IN [0, 1] SET n.id = 5 WITH count(*) AS done \
         MATCH (n:N) WHERE n.i < 3 RETURN n.id AS k, count(*) AS c",
    );
    assert_eq!(changed, ["5, 2", "99994, 1"]);
}

/// The grouping of rows one at a time finds a node's group by node.
#[test]
fn a_node_key_is_found_by_node() {
    let values = [3, 700, 3, 1, 700, 3].map(Value::Node);
    group_colliding(values.into_iter().chain([Value::Null]), |grouping| {
        let node = |i: u64| Value::Node(i).to_string();
        assert_eq!(
            counts(grouping),
            [
                (node(3), 3),
                (node(700), 2),
                (node(1), 1),
                ("null".into(), 1)
            ]
        );
        let found: Vec<Option<u64>> = (0..4).map(|g| grouping.node_of_group(g)).collect();
        assert_eq!(found, [Some(3), Some(700), Some(1), None]);
        assert!(grouping.index.len() == 1, "only the null key is hashed");
    });
}

/// An optional hop counted from each outer row (in the compact copy, once
/// bitmaps decide its tests) counts the rows the hop yields: with a test
/// that reads no row, one that reads the outer row, and a far-end label.
#[test]
fn optional_hops_counted_per_row_count_their_rows() {
    let mut g = keyed_graph();
    for hop in [
        "(n)-[r:R]->(m) WHERE r.w > 0",
        "(n)-[r:R]->(m) WHERE r.w = n.i % 4",
        "(n)<-[r:R]-(m:N) WHERE r.w <> 2",
        "(n)-[r:R]-(m:N) WHERE r.w >= 1",
    ] {
        let rows_of = |g: &mut Graph, agg: &str| {
            rows(
                g,
                &format!("MATCH (n:N) OPTIONAL MATCH {hop} RETURN n.twice AS k, {agg} AS c"),
            )
        };
        let collected = rows_of(&mut g, "size(collect(m))");
        for _ in 0..4 {
            assert_eq!(rows_of(&mut g, "count(m)"), collected, "{hop}");
        }
        assert_eq!(collected.len(), 6_000);
    }
}
