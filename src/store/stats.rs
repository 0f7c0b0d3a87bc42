//! Statistics for the planner's cost model: how many relationships of a
//! type touch the nodes of a label, from which the planner derives average
//! degrees per type and direction and how often a hop lands on a label.
//!
//! Written only on top of `Graph`'s public reading methods (and the compact
//! copy when it may be used), so that it survives changes to how the graph
//! is stored. Big labels are sampled: an estimate needs no exact count.

use super::graph::{Dir, Graph};
use crate::value::NodeId;

/// Above this many nodes, a label's degrees are summed over an evenly
/// spread sample of this many and scaled.
const SAMPLE: usize = 20_000;

impl Graph {
    /// The number of relationships of type `rel_type` (any type for `None`)
    /// that start (`outgoing`) or end (not `outgoing`) at a node with
    /// `label` (any node for `None`). Estimated from a sample for big labels.
    pub(crate) fn degree_sum(
        &self,
        rel_type: Option<&str>,
        outgoing: bool,
        label: Option<&str>,
    ) -> f64 {
        let Some(label) = label else {
            return match rel_type {
                None => self.rel_count() as f64,
                Some(t) => self.type_count(t) as f64,
            };
        };
        let nodes = self.nodes_with_label(label);
        if nodes.is_empty() {
            return 0.0;
        }
        let step = nodes.len().div_ceil(SAMPLE).max(1);
        let sample: Vec<NodeId> = nodes.iter().step_by(step).copied().collect();
        let sum: usize = sample
            .iter()
            .map(|&n| self.typed_degree(n, rel_type, outgoing))
            .sum();
        sum as f64 * nodes.len() as f64 / sample.len() as f64
    }

    /// The sum over the nodes with `label` (every node for `None`) of the
    /// square of each one's number of relationships of type `rel_type` (any
    /// for `None`) in a direction (`Some(true)` outgoing, `Some(false)`
    /// incoming, `None` both): with [`Graph::degree_sum`], how skewed the
    /// degrees are. Estimated from a sample for big labels.
    pub(crate) fn degree_square_sum(
        &self,
        rel_type: Option<&str>,
        outgoing: Option<bool>,
        label: Option<&str>,
    ) -> f64 {
        let nodes = match label {
            Some(l) => self.nodes_with_label(l),
            None => self.node_ids(),
        };
        if nodes.is_empty() {
            return 0.0;
        }
        let step = nodes.len().div_ceil(SAMPLE).max(1);
        let mut sum = 0.0;
        let mut sampled = 0usize;
        for &n in nodes.iter().step_by(step) {
            let d = match outgoing {
                Some(o) => self.typed_degree(n, rel_type, o),
                None => {
                    self.typed_degree(n, rel_type, true) + self.typed_degree(n, rel_type, false)
                }
            } as f64;
            sum += d * d;
            sampled += 1;
        }
        sum * nodes.len() as f64 / sampled as f64
    }

    /// The share of the nodes with `label` (any for `None`) whose `key`
    /// equals a given value, from a sample: the share that has the key over
    /// the number of its distinct values (all distinct in the sample: a
    /// key that identifies its node).
    pub(crate) fn equality_selectivity(&self, label: Option<&str>, key: &str) -> f64 {
        const KEYS_SAMPLE: usize = 1000;
        let nodes = match label {
            Some(l) => self.nodes_with_label(l),
            None => self.node_ids(),
        };
        if nodes.is_empty() {
            return 0.0;
        }
        let step = nodes.len().div_ceil(KEYS_SAMPLE).max(1);
        let mut seen = std::collections::HashSet::new();
        let (mut sampled, mut with_key) = (0usize, 0usize);
        for &n in nodes.iter().step_by(step) {
            sampled += 1;
            if let Some(v) = self.node_property(n, key) {
                with_key += 1;
                seen.insert(format!("{v:?}"));
            }
        }
        if with_key == 0 {
            return 1.0 / nodes.len() as f64;
        }
        let holders = nodes.len() as f64 * with_key as f64 / sampled as f64;
        let distinct = if seen.len() == with_key {
            holders
        } else {
            seen.len() as f64
        };
        (holders / distinct.max(1.0)) / nodes.len() as f64
    }

    /// The number of relationships of one type (0 for a type no
    /// relationship has).
    pub(crate) fn type_count(&self, rel_type: &str) -> usize {
        // Kept up to date by every change (and read from a snapshot).
        self.rel_types.get(rel_type).map_or(0, |&n| n as usize)
    }

    /// The relationships of a type (any for `None`) at a node in one direction.
    fn typed_degree(&self, node: NodeId, rel_type: Option<&str>, outgoing: bool) -> usize {
        let dir = if outgoing {
            Dir::Outgoing
        } else {
            Dir::Incoming
        };
        let Some(t) = rel_type else {
            return self.degree(node, dir);
        };
        let Some(t) = self.interned(t) else {
            return 0;
        };
        // Planning never builds the compact copy (it costs the whole
        // graph, and a statement that writes would drop it again).
        if let Some(ix) = self.read_index_if_built() {
            return ix.typed_slice(&t, node, outgoing).len();
        }
        self.relationships(node, dir)
            .iter()
            .filter(|(r, _)| self.rel_has_type(*r, &t))
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Value;

    #[test]
    fn degree_sums_count_the_ends_at_a_label() {
        let mut g = Graph::new();
        let p: Vec<NodeId> = (0..3)
            .map(|_| g.create_node(&["P"], Vec::<(String, Value)>::new()))
            .collect();
        let c = g.create_node(&["C"], Vec::<(String, Value)>::new());
        for (a, b, t) in [(p[0], p[1], "K"), (p[1], p[2], "K"), (p[0], c, "W")] {
            g.create_rel(t, a, b, Vec::<(String, Value)>::new());
        }
        assert_eq!(g.degree_sum(Some("K"), true, Some("P")), 2.0);
        assert_eq!(g.degree_sum(Some("W"), false, Some("C")), 1.0);
        assert_eq!(g.degree_sum(Some("W"), false, Some("P")), 0.0);
        assert_eq!(g.degree_sum(None, true, Some("P")), 3.0);
        assert_eq!(g.degree_sum(Some("K"), true, None), 2.0);
        assert_eq!(g.degree_sum(Some("X"), true, Some("P")), 0.0);
        assert_eq!(g.degree_sum(None, false, None), 3.0);
        // Out-degrees of K at P: 1, 1, 0; of anything both ways: 2, 2, 1 (and C: 1).
        assert_eq!(g.degree_square_sum(Some("K"), Some(true), Some("P")), 2.0);
        assert_eq!(g.degree_square_sum(None, None, Some("P")), 9.0);
        assert_eq!(g.degree_square_sum(None, None, None), 10.0);
        // No P has `x`; a key every P has once identifies a node.
        assert_eq!(g.equality_selectivity(Some("P"), "x"), 1.0 / 3.0);
        let mut h = Graph::new();
        for i in 0..4 {
            h.create_node(
                &["Q"],
                vec![("id", Value::Int(i)), ("c", Value::Int(i % 2))],
            );
        }
        assert_eq!(h.equality_selectivity(Some("Q"), "id"), 0.25);
        assert_eq!(h.equality_selectivity(Some("Q"), "c"), 0.5);
    }
}
