//! The graph's statistics as the planner's cost model asks for them
//! (`plan::Statistics`), from the store's counts, each answer kept for
//! the rest of the planning.

use crate::plan::{RANGE_SELECTIVITY, Statistics};
use crate::store::Graph;
use crate::value::Value;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Bound;

/// Answers already given, by type, direction and label.
type Memo<D> = RefCell<HashMap<(Option<String>, D, Option<String>), f64>>;

/// The statistics of one graph, for the planning of one statement.
pub(crate) struct GraphStats<'a> {
    graph: &'a Graph,
    /// `(label, key)` pairs with an index or a unique constraint.
    indexed: Vec<(String, String)>,
    degree_sums: Memo<bool>,
    square_sums: Memo<Option<bool>>,
}

impl<'a> GraphStats<'a> {
    /// The statistics of `graph`, whose `indexed` `(label, key)` pairs have
    /// an index or unique constraint.
    pub(crate) fn new(graph: &'a Graph, indexed: Vec<(String, String)>) -> GraphStats<'a> {
        GraphStats {
            graph,
            indexed,
            degree_sums: RefCell::new(HashMap::new()),
            square_sums: RefCell::new(HashMap::new()),
        }
    }
}

impl Statistics for GraphStats<'_> {
    fn node_count(&self) -> f64 {
        self.graph.node_count() as f64
    }

    fn label_count(&self, label: &str) -> f64 {
        self.graph.label_size(label) as f64
    }

    fn degree_sum(&self, rel_type: Option<&str>, outgoing: bool, label: Option<&str>) -> f64 {
        remembered(&self.degree_sums, rel_type, outgoing, label, || {
            self.graph.degree_sum(rel_type, outgoing, label)
        })
    }

    fn degree_square_sum(
        &self,
        rel_type: Option<&str>,
        outgoing: Option<bool>,
        label: Option<&str>,
    ) -> f64 {
        remembered(&self.square_sums, rel_type, outgoing, label, || {
            self.graph.degree_square_sum(rel_type, outgoing, label)
        })
    }

    fn equality_selectivity(&self, label: Option<&str>, key: &str) -> f64 {
        self.graph.equality_selectivity(label, key)
    }

    /// Counted in the property index when the range holds few nodes (up
    /// to a twentieth of all, whatever their labels); more is taken as a
    /// third.
    fn range_selectivity(
        &self,
        label: Option<&str>,
        key: &str,
        lower: Bound<&Value>,
        upper: Bound<&Value>,
    ) -> f64 {
        let n = label.map_or(self.graph.node_count(), |l| self.graph.label_size(l));
        let cap = (self.graph.node_count() / 20).max(1_000);
        match self.graph.nodes_in_range(key, lower, upper, cap) {
            Some(ids) => {
                let kept = match label {
                    Some(l) => ids
                        .iter()
                        .filter(|&&id| self.graph.node_has_label(id, l))
                        .count(),
                    None => ids.len(),
                };
                kept as f64 / n.max(1) as f64
            }
            None => RANGE_SELECTIVITY,
        }
    }

    fn indexed(&self, label: &str, key: &str) -> bool {
        self.indexed.iter().any(|(l, k)| l == label && k == key)
    }
}

/// The answer `memo` holds for `(rel_type, dir, label)`, or `compute`'s,
/// then held.
fn remembered<D: Eq + std::hash::Hash>(
    memo: &Memo<D>,
    rel_type: Option<&str>,
    dir: D,
    label: Option<&str>,
    compute: impl FnOnce() -> f64,
) -> f64 {
    let key = (rel_type.map(str::to_string), dir, label.map(str::to_string));
    if let Some(v) = memo.borrow().get(&key) {
        return *v;
    }
    let v = compute();
    memo.borrow_mut().insert(key, v);
    v
}
