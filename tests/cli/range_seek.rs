//! Range seeks of the property index (`<`, `<=`, `>`, `>=`, both bounds,
//! `STARTS WITH`) find exactly what a scan finds, on any mix of values:
//! integers and floats together, strings, booleans, lists, NaN, nodes
//! without the property, and null bounds; before and after writes.

use proptest::prelude::*;
use quiverdb::{Database, Params, Value};

/// A property value (`None`: the node lacks the property).
fn value() -> impl Strategy<Value = Option<Value>> {
    let ints = [-2, 0, 1, 2, 3, 1 << 53, (1 << 53) + 1, i64::MAX, i64::MIN];
    let floats = [
        0.5,
        -0.0,
        1.0,
        2.0,
        2.5,
        -1.5,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        9_007_199_254_740_992.0,
        9.3e18,
        -9.223_372_036_854_776e18,
    ];
    let strings = ["", "a", "ab", "abc", "b", "B", "é", "a\u{10000}", "a\u{e9}"];
    prop_oneof![
        Just(None),
        prop::sample::select(ints.to_vec()).prop_map(|i| Some(Value::Int(i))),
        prop::sample::select(floats.to_vec()).prop_map(|f| Some(Value::Float(f))),
        prop::sample::select(strings.to_vec()).prop_map(|s| Some(Value::String(s.into()))),
        any::<bool>().prop_map(|b| Some(Value::Bool(b))),
        Just(Some(Value::List(vec![Value::Int(1)]))),
    ]
}

/// A bound: any property value, or null.
fn bound() -> impl Strategy<Value = Value> {
    value().prop_map(|v| v.unwrap_or(Value::Null))
}

/// The predicates compared, on `n.x` with bounds `$a` and `$b`.
const PREDICATES: [&str; 12] = [
    "n.x > $a",
    "n.x >= $a",
    "n.x < $a",
    "n.x <= $a",
    "$a < n.x",
    "$a >= n.x",
    "$a <= n.x < $b",
    "$a < n.x <= $b",
    "n.x >= $a AND n.x < $b AND n.x <> $b",
    "n.x > $a AND n.x > $b",
    "n.x STARTS WITH $a",
    "n.x STARTS WITH $a AND n.x >= $b",
];

fn run(db: &mut Database, query: &str, params: &Params) -> Result<Vec<Vec<Value>>, String> {
    db.execute(query, params)
        .map(|r| r.rows)
        .map_err(|e| format!("{query}: {}", e.message))
}

/// Every predicate's answer by seek and by scan (a `WITH` keeps the
/// filter from the scan, so nothing seeks), and that the first did seek.
fn compare(db: &mut Database, params: &Params) -> Result<(), TestCaseError> {
    for p in PREDICATES {
        let seek = format!("MATCH (n:N) WHERE {p} RETURN n.i AS i ORDER BY i");
        let scan = format!("MATCH (n:N) WITH n WHERE {p} RETURN n.i AS i ORDER BY i");
        let plan = db
            .execute(&format!("EXPLAIN {seek}"), params)
            .map_err(|e| TestCaseError::fail(e.message))?
            .plan
            .unwrap_or_default();
        prop_assert!(plan.contains("NodeIndexRangeSeek"), "{p}: {plan}");
        let (a, b) = (run(db, &seek, params), run(db, &scan, params));
        prop_assert_eq!(a, b, "{} with {:?}", p, params);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_range_seek_finds_what_a_scan_finds(
        values in prop::collection::vec(value(), 0..24),
        later in prop::collection::vec(value(), 0..6),
        a in bound(),
        b in bound(),
    ) {
        let mut db = Database::in_memory();
        let mut params = Params::new();
        for (i, v) in values.iter().enumerate() {
            params.insert("i".into(), Value::Int(i as i64));
            match v {
                Some(v) => {
                    params.insert("v".into(), v.clone());
                    run(&mut db, "CREATE (:N {i: $i, x: $v})", &params)
                }
                None => run(&mut db, "CREATE (:N {i: $i})", &params),
            }
            .map_err(TestCaseError::fail)?;
        }
        // A node of another label holds values too: the seek must not
        // find it.
        run(&mut db, "CREATE (:M {i: -1, x: 2}), (:M {i: -2, x: 'ab'})", &params)
            .map_err(TestCaseError::fail)?;
        let bounds: Params = [("a".to_string(), a), ("b".to_string(), b)].into();
        compare(&mut db, &bounds)?;
        // Writes after the index was built keep it true: values change
        // (or go), nodes go.
        for (i, v) in later.iter().enumerate() {
            let mut p: Params = [("i".to_string(), Value::Int(i as i64 * 3))].into();
            match v {
                Some(v) => {
                    p.insert("v".into(), v.clone());
                    run(&mut db, "MATCH (n:N {i: $i}) SET n.x = $v", &p)
                }
                None => run(&mut db, "MATCH (n:N {i: $i}) REMOVE n.x", &p),
            }
            .map_err(TestCaseError::fail)?;
        }
        run(&mut db, "MATCH (n:N) WHERE n.i % 5 = 4 DETACH DELETE n", &params)
            .map_err(TestCaseError::fail)?;
        compare(&mut db, &bounds)?;
    }
}

/// The plan names the range and its bounds; a list bound, which the index
/// does not hold, falls back to the scan at run time and still answers.
#[test]
fn a_range_seek_shows_its_bounds_and_falls_back_for_a_list() {
    let mut db = Database::in_memory();
    let none = Params::new();
    run(
        &mut db,
        "UNWIND [[1], [2, 0], 3, 'a'] AS x CREATE (:N {x: x})",
        &none,
    )
    .expect("created");
    let plan = db
        .execute("EXPLAIN MATCH (n:N) WHERE n.x > [1] RETURN n.x", &none)
        .expect("planned")
        .plan
        .unwrap_or_default();
    assert_eq!(
        plan,
        "\
Project 1 columns
└─ Extend #1
   └─ NodeIndexRangeSeek {x > [1]} → #0 labels N where …
      └─ Argument
"
    );
    assert_eq!(
        run(&mut db, "MATCH (n:N) WHERE n.x > [1] RETURN n.x", &none),
        Ok(vec![vec![Value::List(vec![Value::Int(2), Value::Int(0)])]])
    );
}

/// The same from a database opened again, read from its snapshot (whose
/// index is sorted arrays, not the index kept in memory), with every kind
/// of value held and each as a bound.
#[test]
fn a_range_seek_of_a_reopened_database_finds_what_a_scan_finds() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("g.quiver");
    let mut kinds = Vec::new();
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    while kinds.len() < 60 {
        let tree = value().new_tree(&mut runner).expect("a value");
        kinds.push(proptest::strategy::ValueTree::current(&tree));
    }
    {
        let mut db = Database::open(&path).expect("a new database");
        for (i, v) in kinds.iter().enumerate() {
            let mut params: Params = [("i".to_string(), Value::Int(i as i64))].into();
            let q = match v {
                Some(v) => {
                    params.insert("v".into(), v.clone());
                    "CREATE (:N {i: $i, x: $v})"
                }
                None => "CREATE (:N {i: $i})",
            };
            run(&mut db, q, &params).expect("created");
        }
        run(&mut db, "CREATE (:M {i: -1, x: 2})", &Params::new()).expect("created");
    }
    let mut db = Database::open(&path).expect("the database again");
    for (k, a) in kinds.iter().enumerate().step_by(3) {
        let a = a.clone().unwrap_or(Value::Null);
        let b = kinds[(k * 7 + 1) % kinds.len()]
            .clone()
            .unwrap_or(Value::Null);
        let bounds: Params = [("a".to_string(), a), ("b".to_string(), b)].into();
        compare(&mut db, &bounds).unwrap_or_else(|e| panic!("{e}"));
    }
}
