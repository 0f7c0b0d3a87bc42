//! The graph's own tests: rollback, undo steps, the property index.

use super::*;

fn props(pairs: &[(&str, Value)]) -> Properties {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

#[test]
fn rollback_restores_everything_under_the_same_ids() {
    let mut g = Graph::new();
    let a = g.create_node(&["A"], props(&[("name", "a".into())]));
    let b = g.create_node(&[] as &[&str], Properties::new());
    let r = g.create_rel("T", a, b, Properties::new());
    g.commit();

    let sp = g.savepoint();
    g.set_node_property(a, "name", Some("z".into()));
    g.add_label(a, "B");
    g.delete_rel(r);
    g.delete_node(b);
    let c = g.create_node(&["A"], Properties::new());
    assert_eq!(g.node_count(), 2);
    assert_eq!(g.nodes_with_label("A"), vec![a, c]);
    g.rollback_to(sp);

    assert_eq!(g.node_ids(), vec![a, b]);
    assert_eq!(g.rel_ids(), vec![r]);
    assert_eq!(
        g.node_property(a, "name").map(|v| v.to_string()),
        Some("'a'".into())
    );
    assert_eq!(g.nodes_with_property("name", &"a".into()), vec![a]);
    assert!(g.nodes_with_property("name", &"z".into()).is_empty());
    assert_eq!(g.nodes_with_label("A"), vec![a]);
    assert_eq!(g.nodes_with_label("B"), Vec::<NodeId>::new());
    assert_eq!(g.relationships(a, Dir::Outgoing), vec![(r, b)]);
}

/// Creations one after the other are one undo step, but never across
/// a savepoint: rolling back to it takes back exactly what came after.
#[test]
fn runs_of_creations_stop_at_savepoints() {
    let mut g = Graph::new();
    let none = || Properties::new();
    let a = g.create_node(&["A"], none());
    let b = g.create_node(&["A"], none());
    let r = g.create_rel("T", a, b, none());
    let sp = g.savepoint();
    let c = g.create_node(&["A"], none());
    g.create_rel("T", b, c, none());
    g.create_rel("T", c, a, none());
    assert_eq!(g.undo.len(), 4);
    assert_eq!(g.touched_since(sp), (vec![c], vec![r + 1, r + 2]));
    g.rollback_to(sp);
    assert_eq!(g.node_ids(), vec![a, b]);
    assert_eq!(g.rel_ids(), vec![r]);
    assert_eq!(g.nodes_with_label("A"), vec![a, b]);
    // After the rollback, new entities take the freed ids again.
    let c2 = g.create_node(&[] as &[&str], none());
    assert_eq!(c2, c);
    g.rollback();
    assert_eq!(g.node_count(), 0);
    assert_eq!(g.rel_count(), 0);
}

/// A key given twice keeps its last value, in the property index too.
#[test]
fn a_repeated_key_keeps_its_last_value_everywhere() {
    let mut g = Graph::new();
    g.create_node(&["P"], [("k", Value::Int(0))]);
    assert_eq!(g.nodes_with_property("k", &Value::Int(0)), vec![0]);
    let n = g.create_node(&["P"], [("k", Value::Int(1)), ("k", Value::Int(2))]);
    assert_eq!(g.node_property(n, "k"), Some(Value::Int(2)));
    assert_eq!(g.nodes_with_property("k", &Value::Int(2)), vec![n]);
    assert!(g.nodes_with_property("k", &Value::Int(1)).is_empty());
}

#[test]
fn deletes_are_final_at_commit() {
    let mut g = Graph::new();
    let a = g.create_node(&[] as &[&str], Properties::new());
    let r = g.create_rel("T", a, a, Properties::new());
    assert_eq!(g.relationships(a, Dir::Both), vec![(r, a)]);
    g.delete_rel(r);
    g.delete_node(a);
    g.commit();
    assert_eq!(g.node_count(), 0);
    assert_eq!(g.rel_count(), 0);
    assert!(!g.contains_node(a));
}

#[test]
fn property_index_matches_integers_and_equal_floats() {
    let mut g = Graph::new();
    let a = g.create_node(&[] as &[&str], props(&[("n", Value::Int(1))]));
    let b = g.create_node(&[] as &[&str], props(&[("n", Value::Float(1.0))]));
    g.create_node(&[] as &[&str], props(&[("n", Value::Float(1.5))]));
    assert_eq!(g.nodes_with_property("n", &Value::Int(1)), vec![a, b]);
    assert_eq!(g.nodes_with_property("n", &Value::Float(1.0)), vec![a, b]);
}
