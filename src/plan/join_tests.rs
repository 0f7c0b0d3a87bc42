//! The cost model's estimates and the orders it picks, on made-up statistics.

use super::*;
use crate::parse::parse_statement;
use crate::plan::{Catalog, ProcedureSignature, plan};
use crate::value::Value;

/// A graph of 1000 people who know 10 others each on average (out and in),
/// live in one of 10 cities, and go to events (100 of them, 20 visitors each,
/// indexed by `id`).
struct Fake;

impl Statistics for Fake {
    fn node_count(&self) -> f64 {
        1110.0
    }

    fn label_count(&self, label: &str) -> f64 {
        match label {
            "Person" => 1000.0,
            "City" => 10.0,
            "Event" => 100.0,
            _ => 0.0,
        }
    }

    fn degree_sum(&self, rel_type: Option<&str>, outgoing: bool, label: Option<&str>) -> f64 {
        match (rel_type, outgoing, label) {
            (Some("KNOWS"), _, Some("Person") | None) => 10_000.0,
            (Some("LIVES_IN"), true, Some("Person") | None) => 1000.0,
            (Some("LIVES_IN"), false, Some("City") | None) => 1000.0,
            (Some("VISITED"), true, Some("Person") | None) => 2000.0,
            (Some("VISITED"), false, Some("Event") | None) => 2000.0,
            _ => 0.0,
        }
    }

    fn degree_square_sum(
        &self,
        rel_type: Option<&str>,
        outgoing: Option<bool>,
        label: Option<&str>,
    ) -> f64 {
        // Knowing is skewed (20 on average from a friend's view); the rest
        // is even.
        let one_way = |o| {
            let sum = self.degree_sum(rel_type, o, label);
            let n = label.map_or(self.node_count(), |l| self.label_count(l));
            if rel_type == Some("KNOWS") {
                sum * 20.0
            } else {
                sum * sum / n.max(1.0)
            }
        };
        match outgoing {
            Some(o) => one_way(o),
            None => one_way(true) + one_way(false),
        }
    }

    fn equality_selectivity(&self, _: Option<&str>, _: &str) -> f64 {
        0.1
    }

    /// A person's `score` is spread evenly over 0..1.
    fn range_selectivity(
        &self,
        _: Option<&str>,
        key: &str,
        lower: std::ops::Bound<&Value>,
        upper: std::ops::Bound<&Value>,
    ) -> f64 {
        use std::ops::Bound::{Excluded, Included};
        let at = |b: std::ops::Bound<&Value>, none: f64| match b {
            Included(Value::Float(f)) | Excluded(Value::Float(f)) => f.clamp(0.0, 1.0),
            _ => none,
        };
        match key {
            "score" => (at(upper, 1.0) - at(lower, 0.0)).max(0.0),
            _ => 0.3,
        }
    }

    fn indexed(&self, label: &str, key: &str) -> bool {
        label == "Event" && key == "id"
    }
}

struct WithStats;

impl Catalog for WithStats {
    fn function_arity(&self, _: &str) -> Option<(usize, Option<usize>)> {
        Some((0, None))
    }

    fn procedure(&self, _: &str) -> Option<ProcedureSignature> {
        None
    }

    fn stats(&self) -> Option<&dyn Statistics> {
        Some(&Fake)
    }
}

fn explain(query: &str) -> String {
    parse_statement(query)
        .and_then(|s| plan(&s, &WithStats))
        .map(|p| p.root.to_string())
        .unwrap_or_else(|e| e.message)
}

#[test]
fn estimates_come_from_label_counts_degrees_and_indexes() {
    let g_parts = parse_statement(
        "MATCH (a:Person)-[:KNOWS]->(b:Person), (a)-[:LIVES_IN]->(c:City), (e:Event {id: 1}) RETURN *",
    );
    let Ok(statement) = g_parts else {
        panic!("parses");
    };
    let ast::StatementKind::Query(q) = &statement.kind else {
        panic!("a query");
    };
    let ast::Clause::Match(m) = &q.first.clauses[0] else {
        panic!("a match");
    };
    let g = JoinGraph::new(&m.pattern, &Scope::new(), &WhereHints::default());
    let Some(g) = g else { panic!("joinable") };
    let model = Model {
        g: &g,
        stats: &Fake,
    };
    // Vertices: a, b, c, e.
    assert_eq!(model.scan_rows(0), 1000.0);
    assert_eq!(model.scan_rows(2), 10.0);
    assert_eq!(
        model.scan_rows(3),
        1.0,
        "an equality on an indexed key finds one node"
    );
    // a -KNOWS-> b: 10 each; b <-KNOWS- a the same; a -LIVES_IN-> c: one.
    let bound = [false; 4];
    let scanned: [Vec<(usize, bool)>; 4] = Default::default();
    assert_eq!(model.hop_factor(0, false, &bound, &scanned).0, 10.0);
    assert_eq!(model.hop_factor(0, true, &bound, &scanned).0, 10.0);
    assert_eq!(model.hop_factor(1, false, &bound, &scanned).0, 1.0);
    assert_eq!(model.hop_factor(1, true, &bound, &scanned).0, 100.0);
    // Closing on a bound far end: the chance of a given person among ten.
    assert_eq!(
        model
            .hop_factor(0, false, &[true, true, false, false], &scanned)
            .0,
        0.01
    );
    // From b, reached over KNOWS from a, KNOWS back: the friends of a
    // friend, who is more likely to know many (20), less a itself.
    let via_knows = [vec![(0, false)], vec![(0, true)], vec![], vec![]];
    assert_eq!(
        model
            .hop_factor(0, true, &[true, true, false, false], &via_knows)
            .0,
        0.019
    );
    // A person reached from a city over LIVES_IN: one city, skew or not.
    let via_city = [vec![(1, false)], vec![], vec![(1, true)], vec![]];
    assert_eq!(
        model
            .hop_factor(1, false, &[false, false, true, false], &via_city)
            .0,
        0.0
    );
}

#[test]
fn the_order_starts_at_the_most_selective_vertex() {
    assert_eq!(
        explain(
            "MATCH (a:Person)-[:VISITED]->(e:Event {id: $x}), (a)-[:LIVES_IN]->(c:City) RETURN c"
        ),
        "Project 1 columns\n\
         └─ Extend #5\n\
         \u{20}  └─ Expand (#2)-[#3:LIVES_IN]->(#4)  ~est 20 rows\n\
         \u{20}     └─ Expand (#0)<-[#1:VISITED]-(#2)  ~est 20 rows\n\
         \u{20}        └─ NodeIndexSeek {id} → #0 labels Event  ~est 1.0 rows\n\
         \u{20}           └─ Argument\n"
    );
}

#[test]
fn a_triangle_closes_with_an_intersection() {
    // `c` is found among the neighbours of both `b` and `a`.
    assert_eq!(
        explain(
            "MATCH (a:Person)-[:KNOWS]->(b:Person)-[:KNOWS]->(c:Person), (a)-[:KNOWS]->(c) RETURN count(*)"
        ),
        "Project 1 columns\n\
         └─ Aggregate 0 keys, 1 aggregates\n\
         \u{20}  └─ Expand(Intersect) (#2)-[#3:KNOWS]->(#4), (#0)-[#5:KNOWS]->(#4)  ~est 1900 rows\n\
         \u{20}     └─ Expand (#0)-[#1:KNOWS]->(#2)  ~est 10000 rows\n\
         \u{20}        └─ NodeByLabelScan :Person → #0 labels Person  ~est 1000 rows\n\
         \u{20}           └─ Argument\n"
    );
}

#[test]
fn a_hop_between_bound_nodes_is_an_expand_into() {
    assert_eq!(
        explain("MATCH (a:Person)-[:KNOWS]->(a)-[:LIVES_IN]->(c) RETURN c"),
        "Project 1 columns\n\
         └─ Extend #4\n\
         \u{20}  └─ Expand (#0)-[#2:LIVES_IN]->(#3)  ~est 10 rows\n\
         \u{20}     └─ Expand(Into) (#0)-[#1:KNOWS]->(#0)  ~est 10 rows\n\
         \u{20}        └─ NodeByLabelScan :Person → #0 labels Person  ~est 1000 rows\n\
         \u{20}           └─ Argument\n"
    );
}

#[test]
fn bound_variables_start_and_other_patterns_keep_their_order() {
    // A variable bound by an earlier clause is where the pattern starts
    // (its label unknown there: one in all the nodes).
    assert_eq!(
        explain(
            "MATCH (c:City) WITH c MATCH (a:Person)-[:LIVES_IN]->(c), (a)-[:KNOWS]->(b) RETURN b"
        ),
        "Project 1 columns\n\
         └─ Extend #5\n\
         \u{20}  └─ Expand (#2)-[#3:KNOWS]->(#4)  ~est 9.0 rows\n\
         \u{20}     └─ Expand (#0)<-[#1:LIVES_IN]-(#2)  ~est 0.9 rows\n\
         \u{20}        └─ Project 1 columns\n\
         \u{20}           └─ Extend #1\n\
         \u{20}              └─ NodeByLabelScan :City → #0 labels City\n\
         \u{20}                 └─ Argument\n"
    );
    // One hop, or a variable-length one: planned as written, no estimates.
    assert_eq!(
        explain("MATCH (a:Person)-[:KNOWS*1..2]->(b), (b)-[:KNOWS]->(a) RETURN b"),
        "Project 1 columns\n\
         └─ Extend #4\n\
         \u{20}  └─ Expand(Into) (#2)-[#3:KNOWS]->(#0)\n\
         \u{20}     └─ VarLengthExpand (#0)-[#1:KNOWS*1..2]->(#2)\n\
         \u{20}        └─ NodeByLabelScan :Person → #0 labels Person\n\
         \u{20}           └─ Argument\n"
    );
}

#[test]
fn a_range_in_where_narrows_its_node() {
    // 2% of the people: a range seek expected to find 20, and the hops
    // after it 2% of what they would be.
    assert_eq!(
        explain("MATCH (a:Person)-[:KNOWS]->()-[:KNOWS]->(c) WHERE a.score < 0.02 RETURN count(*)"),
        "Project 1 columns\n\
         └─ Aggregate 0 keys, 1 aggregates\n\
         \u{20}  └─ Expand (#2)-[#3:KNOWS]->(#4)  ~est 1802 rows\n\
         \u{20}     └─ Expand (#0)-[#1:KNOWS]->(#2)  ~est 200 rows\n\
         \u{20}        └─ NodeIndexRangeSeek {score < 0.02} → #0 labels Person where …  ~est 20 rows\n\
         \u{20}           └─ Argument\n"
    );
    // A parameter's range is taken to keep a third.
    assert!(
        explain("MATCH (a:Person)-[:KNOWS]->()-[:KNOWS]->(c) WHERE a.score < $x RETURN count(*)")
            .contains("~est 300 rows"),
    );
}

/// Each hop's relationship types with the relationship slots it must
/// differ from, in plan order from the bottom.
fn uniqueness_checks(query: &str) -> Vec<(Vec<String>, Vec<Slot>)> {
    fn walk(op: &Op, out: &mut Vec<(Vec<String>, Vec<Slot>)>) {
        for child in op.children() {
            walk(child, out);
        }
        if let Op::Expand {
            rel_filter,
            distinct_from,
            ..
        } = op
        {
            out.push((rel_filter.types.clone(), distinct_from.clone()));
        }
    }
    let planned = parse_statement(query).and_then(|s| plan(&s, &WithStats));
    let mut out = Vec::new();
    walk(&planned.expect("a plan").root, &mut out);
    out
}

#[test]
fn hops_of_other_types_need_no_uniqueness_check() {
    let types = |t: &[&str]| t.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    // A relationship has one type: a VISITED is never the LIVES_IN.
    assert_eq!(
        uniqueness_checks("MATCH (c:City)<-[:LIVES_IN]-(a:Person)-[:VISITED]->(e) RETURN e"),
        [
            (types(&["LIVES_IN"]), vec![]),
            (types(&["VISITED"]), vec![])
        ]
    );
    // Types that may be the same, or any type: checked. (The plan starts
    // at `f`: the any-type hop is #1, then #3.)
    assert_eq!(
        uniqueness_checks(
            "MATCH (c:City)<-[r:LIVES_IN]-(a:Person)-[s:VISITED|LIVES_IN]->(e)-[t]->(f) RETURN f"
        ),
        [
            (types(&[]), vec![]),
            (types(&["VISITED", "LIVES_IN"]), vec![1]),
            (types(&["LIVES_IN"]), vec![1, 3]),
        ]
    );
}
