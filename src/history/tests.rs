//! The history against a simple model: the graph's state, read with
//! queries after every commit, is what going back to that commit shows,
//! and what a diff between two commits turns one state into.

use crate::db::Database;
use crate::history::{AsOf, DiffEntry, Entity};
use crate::value::{Params, Value};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn run(db: &mut Database, q: &str) -> Vec<Vec<Value>> {
    match db.execute(q, &Params::new()) {
        Ok(r) => r.rows,
        Err(e) => panic!("{q}: {}", e.message),
    }
}

/// Nodes: id → (labels, properties); relationships: id → (type, start,
/// end, properties).
#[derive(Debug, Clone, PartialEq, Default)]
struct State {
    nodes: BTreeMap<u64, (Vec<String>, BTreeMap<String, Value>)>,
    rels: BTreeMap<u64, (String, u64, u64, BTreeMap<String, Value>)>,
}

fn int(v: &Value) -> u64 {
    match v {
        Value::Int(i) => *i as u64,
        other => panic!("not an id: {other:?}"),
    }
}

fn map(v: &Value) -> BTreeMap<String, Value> {
    match v {
        Value::Map(m) => m.clone(),
        other => panic!("not a map: {other:?}"),
    }
}

fn state(db: &mut Database) -> State {
    let mut s = State::default();
    for row in run(db, "MATCH (n) RETURN id(n), labels(n), properties(n)") {
        let labels = match &row[1] {
            Value::List(l) => l.iter().map(|v| v.to_string()).collect(),
            _ => Vec::new(),
        };
        s.nodes.insert(int(&row[0]), (labels, map(&row[2])));
    }
    let q = "MATCH (a)-[r]->(b) RETURN id(r), type(r), id(a), id(b), properties(r)";
    for row in run(db, q) {
        let t = row[1].to_string();
        s.rels
            .insert(int(&row[0]), (t, int(&row[2]), int(&row[3]), map(&row[4])));
    }
    s
}

/// The model's answer: `before` with the diff's entries applied.
fn apply(before: &State, diff: &[DiffEntry]) -> State {
    fn props<'s>(s: &'s mut State, e: &Entity) -> &'s mut BTreeMap<String, Value> {
        match e {
            Entity::Node(id) => &mut s.nodes.get_mut(id).expect("a node").1,
            Entity::Relationship(id) => &mut s.rels.get_mut(id).expect("a relationship").3,
        }
    }
    let mut s = before.clone();
    for d in diff {
        match d {
            DiffEntry::NodeCreated {
                id,
                labels,
                properties,
            } => {
                let labels = labels
                    .iter()
                    .map(|l| Value::string(l).to_string())
                    .collect();
                s.nodes.insert(*id, (labels, properties.clone()));
            }
            DiffEntry::NodeDeleted { id, .. } => {
                s.nodes.remove(id);
            }
            DiffEntry::RelationshipCreated {
                id,
                rel_type,
                start,
                end,
                properties,
            } => {
                let t = Value::string(rel_type).to_string();
                s.rels.insert(*id, (t, *start, *end, properties.clone()));
            }
            DiffEntry::RelationshipDeleted { id, .. } => {
                s.rels.remove(id);
            }
            DiffEntry::LabelAdded { node, label } => {
                let n = s.nodes.get_mut(node).expect("a node");
                n.0.push(Value::string(label).to_string());
                n.0.sort();
            }
            DiffEntry::LabelRemoved { node, label } => {
                let n = s.nodes.get_mut(node).expect("a node");
                n.0.retain(|l| *l != Value::string(label).to_string());
            }
            DiffEntry::PropertySet {
                entity, key, new, ..
            } => {
                props(&mut s, entity).insert(key.clone(), new.clone());
            }
            DiffEntry::PropertyRemoved { entity, key, .. } => {
                props(&mut s, entity).remove(key);
            }
        }
    }
    s
}

/// One statement of a random history.
fn statement() -> impl Strategy<Value = String> {
    let pick = |k: u8| format!("MATCH (n) WITH n ORDER BY id(n) SKIP {} LIMIT 1", k % 4);
    prop_oneof![
        (0..2u8, 0..3u8).prop_map(|(l, x)| format!("CREATE (:{} {{x: {x}}})", ["A", "B"][l as usize])),
        (0..4u8, 0..4u8).prop_map(move |(a, b)| format!(
            "MATCH (a) WITH a ORDER BY id(a) SKIP {} LIMIT 1 MATCH (b) WITH a, b ORDER BY id(b) SKIP {} LIMIT 1 CREATE (a)-[:T {{w: 1}}]->(b)",
            a % 4, b % 4
        )),
        (0..4u8, 0..3u8).prop_map(move |(k, x)| format!("{} SET n.x = {x}", pick(k))),
        (0..4u8).prop_map(move |k| format!("{} REMOVE n.x", pick(k))),
        (0..4u8).prop_map(move |k| format!("{} SET n:C", pick(k))),
        (0..4u8).prop_map(move |k| format!("{} REMOVE n:A", pick(k))),
        (0..4u8).prop_map(move |k| format!("{} DETACH DELETE n", pick(k))),
        (0..3u8).prop_map(|x| format!("MERGE (n:A {{x: {x}}})")),
        Just("MATCH ()-[r]->() WITH r ORDER BY id(r) LIMIT 1 SET r.w = r.w + 1".to_string()),
        Just("MATCH ()-[r]->() WITH r ORDER BY id(r) LIMIT 1 DELETE r".to_string()),
    ]
}

/// Runs `commits` (each one or more statements), recording the state
/// after each commit that was made, by number.
fn play(db: &mut Database, commits: &[Vec<String>]) -> BTreeMap<u64, State> {
    let mut states = BTreeMap::from([(0, State::default())]);
    for (i, statements) in commits.iter().enumerate() {
        let meta = format!("CALL tx.setMetaData({{step: {i}}})");
        if statements.len() > 1 {
            db.begin().expect("a transaction");
        }
        run(db, &meta);
        for s in statements {
            run(db, s);
        }
        if statements.len() > 1 {
            db.commit().expect("a commit");
        }
        states.insert(db.last_commit(), state(db));
    }
    states
}

fn check(db: &mut Database, states: &BTreeMap<u64, State>) {
    let last = db.last_commit();
    for (&n, want) in states {
        db.set_as_of(Some(AsOf::Commit(n)))
            .expect("a commit to go back to");
        assert_eq!(&state(db), want, "as of {n}");
        db.set_as_of(None).expect("the present");
        for (&m, later) in states.range(n..) {
            let diff = db.diff(n, Some(m)).expect("a diff");
            assert_eq!(&apply(want, &diff), later, "diff {n}..{m}: {diff:?}");
        }
    }
    assert_eq!(&state(db), &states[&last]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_past_and_diffs_match_the_states_seen(
        commits in prop::collection::vec(prop::collection::vec(statement(), 1..3), 1..14)
    ) {
        let mut db = Database::in_memory();
        let states = play(&mut db, &commits);
        check(&mut db, &states);

        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("h.quiver");
        let mut db = Database::open(&path).expect("a new database");
        let states = play(&mut db, &commits);
        check(&mut db, &states);
        drop(db);
        let mut db = Database::open(&path).expect("the database again");
        check(&mut db, &states);
    }
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    match v {
        Value::List(items) => items
            .iter()
            .map(|m| match m {
                Value::Map(m) => m.get(key).map_or("null".to_string(), |v| v.to_string()),
                _ => String::new(),
            })
            .collect(),
        _ => Vec::new(),
    }
}

#[test]
fn a_second_source_corroborates_and_a_third_contradicts() {
    let mut db = Database::in_memory();
    run(
        &mut db,
        "CALL tx.setMetaData({source: 'PCMag'}) CREATE (:C {name: 'M'})-[:stake {percent: 27}]->(:C {name: 'O'})",
    );
    run(&mut db, "MATCH (n) RETURN n");
    assert_eq!(db.last_commit(), 1, "reading makes no commit");
    run(
        &mut db,
        "CALL tx.setMetaData({source: 'Reuters'}) MERGE (m:C {name: 'M'}) MERGE (o:C {name: 'O'}) MERGE (m)-[r:stake]->(o)",
    );
    let q = "MATCH ()-[r:stake]->() RETURN sources(r), sources(r, 'percent'), history(r)";
    let row = &run(&mut db, q)[0];
    assert_eq!(strings(&row[0], "source"), ["'PCMag'", "'Reuters'"]);
    assert_eq!(strings(&row[1], "source"), ["'PCMag'"]);
    assert_eq!(strings(&row[2], "change"), ["'created'"]);

    db.set_commit_metadata(BTreeMap::from([(
        "source".to_string(),
        Value::string("Bloomberg"),
    )]));
    run(&mut db, "MATCH ()-[r:stake]->() SET r.percent = 30");
    let row = &run(&mut db, q)[0];
    assert_eq!(
        strings(&row[0], "source"),
        ["'PCMag'", "'Reuters'", "'Bloomberg'"]
    );
    assert_eq!(strings(&row[1], "source"), ["'Bloomberg'"]);
    assert_eq!(strings(&row[2], "change"), ["'created'", "'updated'"]);
    assert_eq!(strings(&row[2], "commit"), ["1", "3"]);

    // The same value again asserts it too; a MERGE naming the property as well.
    db.set_commit_metadata(BTreeMap::from([(
        "source".to_string(),
        Value::string("FT"),
    )]));
    run(&mut db, "MATCH ()-[r:stake]->() SET r.percent = 30");
    db.set_commit_metadata(BTreeMap::new());
    run(
        &mut db,
        "CALL tx.setMetaData({source: 'AP'}) MATCH (m {name: 'M'}), (o {name: 'O'}) MERGE (m)-[r:stake {percent: 30}]->(o)",
    );
    let row = &run(&mut db, q)[0];
    assert_eq!(strings(&row[1], "source"), ["'Bloomberg'", "'FT'", "'AP'"]);
    assert_eq!(strings(&row[2], "change"), ["'created'", "'updated'"]);

    // A MERGE whose elements have no variables asserts them too.
    db.set_commit_metadata(BTreeMap::new());
    run(
        &mut db,
        "CALL tx.setMetaData({source: 'Wire'}) MERGE (:C {name: 'M'})-[:stake {percent: 30}]->(:C {name: 'O'})",
    );
    let row = &run(&mut db, q)[0];
    assert_eq!(
        strings(&row[0], "source").last().map(String::as_str),
        Some("'Wire'")
    );
    assert_eq!(
        strings(&row[1], "source"),
        ["'Bloomberg'", "'FT'", "'AP'", "'Wire'"]
    );
    let names = "MATCH (n:C) RETURN n.name, [s IN sources(n) | s.source] ORDER BY n.name";
    let wire = Value::List(vec![
        Value::string("PCMag"),
        Value::string("Reuters"),
        Value::string("Wire"),
    ]);
    assert_eq!(
        run(&mut db, names),
        [
            [Value::string("M"), wire.clone()],
            [Value::string("O"), wire]
        ]
    );

    // As of commit 2, the value was 27, and only PCMag said so.
    db.set_as_of(Some(AsOf::Commit(2))).expect("commit 2");
    let row = &run(
        &mut db,
        "MATCH ()-[r:stake]->() RETURN r.percent, sources(r, 'percent'), sources(r)",
    )[0];
    assert_eq!(row[0], Value::Int(27));
    assert_eq!(strings(&row[1], "source"), ["'PCMag'"]);
    assert_eq!(strings(&row[2], "source"), ["'PCMag'", "'Reuters'"]);
    let e = db
        .execute("CREATE ()", &Params::new())
        .expect_err("the past is read-only");
    assert!(e.message.contains("commit 2"), "{}", e.message);
}

#[test]
fn a_rolled_back_transaction_makes_no_commit_and_keeps_no_metadata() {
    let mut db = Database::in_memory();
    db.begin().expect("a transaction");
    run(&mut db, "CALL tx.setMetaData({source: 'X'}) CREATE ()");
    db.rollback().expect("rolled back");
    run(&mut db, "CREATE ()");
    let log = db.log(None).expect("the log");
    assert_eq!(log.len(), 1);
    assert_eq!((log[0].number, log[0].meta.len()), (1, 0));
    assert_eq!(log[0].changes.nodes_created, 1);
}

#[test]
fn compacting_keeps_the_present_and_the_later_past() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut db = Database::open(&dir.path().join("c.quiver")).expect("a database");
    for i in 0..5 {
        run(&mut db, &format!("MERGE (n:N) SET n.i = {i}"));
    }
    let done = db.compact_history(AsOf::Commit(4)).expect("compacted");
    assert_eq!(done.commits, 3);
    let numbers: Vec<u64> = db
        .log(None)
        .expect("the log")
        .iter()
        .map(|c| c.number)
        .collect();
    assert_eq!(numbers, [5, 4]);
    assert!(db.set_as_of(Some(AsOf::Commit(2))).is_err());
    db.set_as_of(Some(AsOf::Commit(3)))
        .expect("commit 3 is still reachable");
    assert_eq!(run(&mut db, "MATCH (n) RETURN n.i"), [[Value::Int(2)]]);
    db.set_as_of(None).expect("the present");
    assert_eq!(run(&mut db, "MATCH (n) RETURN n.i"), [[Value::Int(4)]]);
}

#[test]
fn a_merge_before_the_first_write_to_a_reopened_database_is_kept() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("f.quiver");
    let mut db = Database::open(&path).expect("a database");
    run(&mut db, "CREATE (:A {x: 1}), (:B {y: 0})");
    drop(db);
    // Opened from its snapshot: the MERGE matches before anything thaws
    // the graph, the SET after it does.
    let mut db = Database::open(&path).expect("the database again");
    run(&mut db, "MERGE (a:A) WITH a MATCH (b:B) SET b.y = 1");
    let q = "MATCH (n) RETURN [s IN sources(n) | s.commit] ORDER BY n.y";
    let want = Value::List(vec![Value::Int(1), Value::Int(2)]);
    assert_eq!(run(&mut db, q), [[want.clone()], [want]]);
}

#[test]
fn inside_a_transaction_the_history_is_what_was_committed() {
    let mut db = Database::in_memory();
    run(&mut db, "CREATE (:A {x: 1})");
    db.begin().expect("a transaction");
    run(&mut db, "MATCH (a:A) SET a.x = 2, a:B");
    let q =
        "MATCH (a:A) RETURN [v IN history(a) | [v.labels, v.properties.x]], size(sources(a, 'x'))";
    let version = Value::List(vec![Value::List(vec![Value::string("A")]), Value::Int(1)]);
    assert_eq!(
        run(&mut db, q),
        [[Value::List(vec![version]), Value::Int(1)]]
    );
    db.commit().expect("committed");
    let rows = run(
        &mut db,
        "MATCH (a:A) RETURN [v IN history(a) | v.properties.x], size(sources(a, 'x'))",
    );
    assert_eq!(
        rows,
        [[
            Value::List(vec![Value::Int(1), Value::Int(2)]),
            Value::Int(1)
        ]]
    );
}
