//! The parts of a `MATCH` pattern as one join graph, ordered by the
//! graph's statistics.
//!
//! Nodes are the graph's vertices (a variable with all its occurrences, or
//! an anonymous node), relationships its edges. Starting from each vertex
//! in turn (or from the variables bound before the pattern), the order is
//! built greedily: a hop whose two ends are already bound comes first (it
//! closes a cycle with an `Expand(Into)`, which only removes rows), then the
//! hop that makes the fewest rows; a part not connected to what is bound
//! starts at its smallest vertex. The order whose rows summed over its
//! steps are fewest wins. Estimates come from `Statistics`: label counts,
//! relationships per type and direction at a label (the average degree, and
//! how often a hop lands on a label), the sum of the squares of those
//! degrees (a node reached over some relationships is met in proportion to
//! its degree in them: following them again from it finds the hubs' many
//! neighbours), and equalities (one node on an indexed or unique key, else
//! as the key's values in a sample of the label are spread). The cost of
//! an order is the relationships its hops read and the rows its steps make.
//!
//! Patterns this does not handle (shortest paths, variable-length hops, a
//! property value that reads a variable of the same pattern, a relationship
//! variable bound before or named twice) are planned part by part as
//! written (`pattern.rs`), where a hop to a bound node is also an
//! `Expand(Into)`.

use super::catalog::Statistics;
use super::hints::Range;
pub(crate) use super::hints::WhereHints;
use super::logical::{Leg, Op, PathPart, Slot};
use super::pattern::PatternState;
use super::planner::{Planner, already_bound};
use super::scope::{Scope, VarKind};
use crate::error::Result;
use crate::parse::ast;
use std::collections::HashMap;

/// The share of relationships an equality on one of their keys is taken to keep.
const EQ_SELECTIVITY: f64 = 0.1;
/// The share of nodes a range whose bounds are not known (parameters)
/// is taken to keep.
pub(crate) const RANGE_SELECTIVITY: f64 = 0.3;

/// A vertex of the join graph.
struct Vertex<'a> {
    /// Every node pattern that names it (one for an anonymous node).
    occurrences: Vec<&'a ast::NodePattern>,
    labels: Vec<String>,
    /// Keys it is compared with for equality.
    keys: Vec<String>,
    /// Keys a `WHERE` bounds, and the bounds when known.
    ranges: Vec<(String, Option<Range>)>,
}

/// An edge: the relationship of `part`'s chain at `index`, between vertices.
struct Hop<'a> {
    rel: &'a ast::RelPattern,
    left: usize,
    right: usize,
    /// The node patterns at its ends (left, right).
    ends: [&'a ast::NodePattern; 2],
}

/// One step of an order.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    /// Scan for a vertex.
    Scan(usize),
    /// Follow a hop, from its right end when `reversed`.
    Hop(usize, bool),
}

/// A pattern as a join graph.
struct JoinGraph<'a> {
    vertices: Vec<Vertex<'a>>,
    hops: Vec<Hop<'a>>,
    /// The vertex of each node pattern of each part, in pattern order.
    positions: Vec<Vec<usize>>,
    /// Vertices bound before the pattern.
    bound: Vec<bool>,
}

/// Whether a property map reads only literals, parameters and variables
/// bound before the pattern.
fn plain_properties(props: &Option<ast::Expr>, scope: &Scope) -> bool {
    use ast::ExprKind;
    fn plain(e: &ast::Expr, scope: &Scope) -> bool {
        match &e.kind {
            ExprKind::Literal(_) | ExprKind::Parameter(_) => true,
            ExprKind::Variable(v) => scope.get(v).is_some(),
            ExprKind::Property(base, _) => plain(base, scope),
            ExprKind::List(items) => items.iter().all(|x| plain(x, scope)),
            _ => false,
        }
    }
    match props {
        None => true,
        Some(ast::Expr {
            kind: ExprKind::Map(entries),
            ..
        }) => entries.iter().all(|(_, v)| plain(v, scope)),
        Some(_) => false,
    }
}

impl<'a> JoinGraph<'a> {
    /// The join graph of `parts`, or `None` for a pattern it does not handle.
    fn new(
        parts: &'a [ast::PatternPart],
        scope: &Scope,
        hints: &WhereHints,
    ) -> Option<JoinGraph<'a>> {
        let mut g = JoinGraph {
            vertices: Vec::new(),
            hops: Vec::new(),
            positions: Vec::new(),
            bound: Vec::new(),
        };
        let mut by_name: HashMap<&str, usize> = HashMap::new();
        let mut rel_names: Vec<&str> = Vec::new();
        for part in parts {
            if part.kind != ast::PathKind::Normal {
                return None;
            }
            let el = &part.element;
            let nodes: Vec<&ast::NodePattern> = std::iter::once(&el.start)
                .chain(el.chain.iter().map(|(_, n)| n))
                .collect();
            let mut positions = Vec::new();
            for n in &nodes {
                if !plain_properties(&n.properties, scope) {
                    return None;
                }
                let v = match &n.var {
                    Some(name) => match by_name.get(name.name.as_str()) {
                        Some(&v) => v,
                        None => {
                            match scope.get(&name.name).map(|v| v.kind) {
                                None | Some(VarKind::Node) | Some(VarKind::Value) => {}
                                Some(_) => return None,
                            }
                            by_name.insert(&name.name, g.vertices.len());
                            g.bound.push(scope.get(&name.name).is_some());
                            g.vertices.push(Vertex {
                                occurrences: Vec::new(),
                                labels: Vec::new(),
                                keys: hints
                                    .equalities
                                    .iter()
                                    .filter(|(var, _)| *var == name.name)
                                    .map(|(_, k)| k.clone())
                                    .collect(),
                                ranges: hints
                                    .ranges
                                    .iter()
                                    .filter(|(var, ..)| *var == name.name)
                                    .map(|(_, k, r)| (k.clone(), r.clone()))
                                    .collect(),
                            });
                            g.vertices.len() - 1
                        }
                    },
                    None => {
                        g.bound.push(false);
                        g.vertices.push(Vertex {
                            occurrences: Vec::new(),
                            labels: Vec::new(),
                            keys: Vec::new(),
                            ranges: Vec::new(),
                        });
                        g.vertices.len() - 1
                    }
                };
                let vertex = &mut g.vertices[v];
                vertex.occurrences.push(n);
                vertex
                    .labels
                    .extend(n.labels.iter().map(|l| l.name.clone()));
                if let Some(ast::Expr {
                    kind: ast::ExprKind::Map(entries),
                    ..
                }) = &n.properties
                {
                    vertex
                        .keys
                        .extend(entries.iter().map(|(k, _)| k.name.clone()));
                }
                positions.push(v);
            }
            for (i, (r, _)) in el.chain.iter().enumerate() {
                if r.length.is_some() || !plain_properties(&r.properties, scope) {
                    return None;
                }
                if let Some(name) = &r.var {
                    if scope.get(&name.name).is_some()
                        || rel_names.contains(&name.name.as_str())
                        || by_name.contains_key(name.name.as_str())
                    {
                        return None;
                    }
                    rel_names.push(&name.name);
                }
                g.hops.push(Hop {
                    rel: r,
                    left: positions[i],
                    right: positions[i + 1],
                    ends: [nodes[i], nodes[i + 1]],
                });
            }
            g.positions.push(positions);
        }
        // A relationship named like a node is an error the plain planner reports.
        if rel_names.iter().any(|r| by_name.contains_key(r)) {
            return None;
        }
        Some(g)
    }
}

/// Estimates on a join graph.
struct Model<'g, 'a> {
    g: &'g JoinGraph<'a>,
    stats: &'g dyn Statistics,
}

impl Model<'_, '_> {
    /// The vertex's most selective label and its count (all nodes without one).
    fn domain(&self, v: usize) -> (Option<&str>, f64) {
        let mut best = (None, self.stats.node_count());
        for l in &self.g.vertices[v].labels {
            let n = self.stats.label_count(l);
            if best.0.is_none() || n < best.1 {
                best = (Some(l.as_str()), n);
            }
        }
        best
    }

    /// The share of its domain the vertex's equalities keep: one node for
    /// an indexed key, else what the values of the key say.
    fn key_selectivity(&self, v: usize) -> f64 {
        let vertex = &self.g.vertices[v];
        let (label, n) = self.domain(v);
        let ranges = vertex.ranges.iter().fold(1.0, |s, (k, range)| {
            s * match range {
                Some((lo, hi)) => self
                    .stats
                    .range_selectivity(label, k, lo.as_ref(), hi.as_ref()),
                None => RANGE_SELECTIVITY,
            }
        });
        ranges
            * vertex.keys.iter().fold(1.0, |s, k| {
                let indexed = vertex.labels.iter().any(|l| self.stats.indexed(l, k));
                s * if indexed {
                    1.0 / n.max(1.0)
                } else {
                    self.stats.equality_selectivity(label, k)
                }
            })
    }

    /// The rows a scan for the vertex makes.
    fn scan_rows(&self, v: usize) -> f64 {
        self.domain(v).1 * self.key_selectivity(v)
    }

    /// The types of a hop (`None`: any) and, walking it from `reversed`'s
    /// end, whether each direction counts: `(outgoing, incoming)`.
    fn walk(&self, hop: usize, reversed: bool) -> (Vec<Option<&str>>, bool, bool) {
        let r = self.g.hops[hop].rel;
        let types = if r.types.is_empty() {
            vec![None]
        } else {
            r.types.iter().map(|t| Some(t.name.as_str())).collect()
        };
        let (out, inc) = match (r.direction, reversed) {
            (ast::Direction::Right, false) | (ast::Direction::Left, true) => (true, false),
            (ast::Direction::Left, false) | (ast::Direction::Right, true) => (false, true),
            (ast::Direction::Both, _) => (true, true),
        };
        (types, out, inc)
    }

    /// Relationships of the hop's types at the nodes of `label`, in the
    /// counted directions (`flip` turns them around: the far end's view).
    fn ends(&self, hop: usize, reversed: bool, label: Option<&str>, flip: bool) -> f64 {
        let (types, out, inc) = self.walk(hop, reversed);
        let mut sum = 0.0;
        for t in types {
            if out {
                sum += self.stats.degree_sum(t, !flip, label);
            }
            if inc {
                sum += self.stats.degree_sum(t, flip, label);
            }
        }
        sum
    }

    /// Whether two hops walked from one node (each a hop and whether it is
    /// walked from its right end) follow the same relationships there: same
    /// types, and a direction in common.
    fn same_relationships(&self, a: (usize, bool), b: (usize, bool)) -> bool {
        let (t1, out1, in1) = self.walk(a.0, a.1);
        let (t2, out2, in2) = self.walk(b.0, b.1);
        t1 == t2 && ((out1 && out2) || (in1 && in2))
    }

    /// The relationships of a hop's types and directions at a node of its
    /// start's label: on average, or (`biased`) at a node reached over those
    /// same relationships, which finds nodes in proportion to their degree
    /// (less the one it came by).
    fn degree(
        &self,
        hop: usize,
        reversed: bool,
        from_label: Option<&str>,
        n: f64,
        biased: bool,
    ) -> f64 {
        let sum = self.ends(hop, reversed, from_label, false);
        if !biased {
            return sum / n.max(1.0);
        }
        let (types, out, inc) = self.walk(hop, reversed);
        let dir = match (out, inc) {
            (true, false) => Some(true),
            (false, true) => Some(false),
            _ => None,
        };
        let squares: f64 = types
            .iter()
            .map(|t| self.stats.degree_square_sum(*t, dir, from_label))
            .sum();
        if sum > 0.0 {
            (squares / sum - 1.0).max(0.0)
        } else {
            0.0
        }
    }

    /// The rows a hop makes per row before it, and the relationships it
    /// reads per row; `walked` holds, for each vertex, the hops walked from
    /// it or to it so far, as seen from it.
    fn hop_factor(
        &self,
        hop: usize,
        reversed: bool,
        bound: &[bool],
        walked: &[Vec<(usize, bool)>],
    ) -> (f64, f64) {
        let h = &self.g.hops[hop];
        let (from, to) = if reversed {
            (h.right, h.left)
        } else {
            (h.left, h.right)
        };
        let (from_label, from_n) = self.domain(from);
        let biased = walked[from]
            .iter()
            .any(|w| self.same_relationships(*w, (hop, reversed)));
        let degree = self.degree(hop, reversed, from_label, from_n, biased);
        let rel_sel = match &h.rel.properties {
            Some(ast::Expr {
                kind: ast::ExprKind::Map(m),
                ..
            }) => EQ_SELECTIVITY.powi(m.len() as i32),
            _ => 1.0,
        };
        let (to_label, to_n) = self.domain(to);
        if bound[to] {
            // The chance that the bound far end is one of the neighbours.
            return ((degree * rel_sel / to_n.max(1.0)).min(degree), 1.0);
        }
        let landing = match to_label {
            None => 1.0,
            Some(l) => {
                let all = self.ends(hop, reversed, None, true);
                if all > 0.0 {
                    self.ends(hop, reversed, Some(l), true) / all
                } else {
                    0.0
                }
            }
        };
        (
            degree * rel_sel * landing * self.key_selectivity(to),
            degree,
        )
    }

    /// A greedy order from `start` (or from what is bound), its estimated
    /// rows after each step, and its cost (their sum).
    fn order_from(&self, start: Option<usize>) -> (Vec<Step>, Vec<f64>, f64) {
        let mut bound = self.g.bound.clone();
        let mut walked: Vec<Vec<(usize, bool)>> = vec![Vec::new(); bound.len()];
        let mut done = vec![false; self.g.hops.len()];
        let (mut steps, mut ests) = (Vec::new(), Vec::new());
        let mut rows = 1.0;
        let mut cost = 0.0;
        let mut next_scan = start;
        loop {
            if let Some(v) = next_scan.take() {
                bound[v] = true;
                rows *= self.scan_rows(v);
                // A seek reads what it finds, a scan the whole label.
                let vertex = &self.g.vertices[v];
                let read = match vertex.keys.is_empty() && vertex.ranges.is_empty() {
                    true => self.domain(v).1,
                    false => self.scan_rows(v),
                };
                cost += read.max(rows);
                steps.push(Step::Scan(v));
                ests.push(rows);
            }
            // The best hop with a bound end: a closing one first.
            let mut best: Option<(bool, (f64, f64), usize, bool)> = None;
            for (i, h) in self.g.hops.iter().enumerate() {
                if done[i] {
                    continue;
                }
                for reversed in [false, true] {
                    let (from, to) = if reversed {
                        (h.right, h.left)
                    } else {
                        (h.left, h.right)
                    };
                    if !bound[from] {
                        continue;
                    }
                    let closing = bound[to];
                    let f = self.hop_factor(i, reversed, &bound, &walked);
                    let better = match best {
                        None => true,
                        Some((c, bf, _, _)) => (closing && !c) || (closing == c && f.0 < bf.0),
                    };
                    if better {
                        best = Some((closing, f, i, reversed));
                    }
                }
            }
            if let Some((_, (f, read), i, reversed)) = best {
                let h = &self.g.hops[i];
                let (from, to) = if reversed {
                    (h.right, h.left)
                } else {
                    (h.left, h.right)
                };
                walked[from].push((i, reversed));
                walked[to].push((i, !reversed));
                done[i] = true;
                bound[h.left] = true;
                bound[h.right] = true;
                // The relationships read, then the rows made.
                cost += rows * read;
                rows *= f;
                cost += rows;
                steps.push(Step::Hop(i, reversed));
                ests.push(rows);
                continue;
            }
            // Nothing connected: the smallest unbound vertex starts the next part.
            let smallest = (0..self.g.vertices.len())
                .filter(|&v| !bound[v])
                .min_by(|&a, &b| self.scan_rows(a).total_cmp(&self.scan_rows(b)));
            match smallest {
                Some(v) => next_scan = Some(v),
                None => break,
            }
        }
        (steps, ests, cost)
    }

    /// The cheapest greedy order.
    fn best_order(&self) -> (Vec<Step>, Vec<f64>) {
        if self.g.bound.iter().any(|b| *b) {
            let (steps, ests, _) = self.order_from(None);
            return (steps, ests);
        }
        let mut best: Option<(Vec<Step>, Vec<f64>, f64)> = None;
        for v in 0..self.g.vertices.len() {
            let candidate = self.order_from(Some(v));
            if best.as_ref().is_none_or(|b| candidate.2 < b.2) {
                best = Some(candidate);
            }
        }
        best.map(|(s, e, _)| (s, e)).unwrap_or_default()
    }
}

/// What [`Planner::fuse_legs`] looks at: the steps after a hop that
/// bound `to`, and the slots bound so far.
struct Legs<'s, 'a> {
    g: &'s JoinGraph<'a>,
    steps: &'s [Step],
    ests: &'s [f64],
    to: usize,
    slots: &'s [Option<Slot>],
}

/// Writes the planner's estimate into a scan or hop.
fn set_estimate(op: &mut Op, rows: f64) {
    if let Op::NodeScan { est, .. } | Op::Expand { est, .. } = op {
        *est = Some(rows.max(0.0));
    }
}

impl Planner<'_> {
    /// Plans `parts` as one join graph in the order the statistics favour;
    /// `None` (having planned nothing) when there are no statistics or the
    /// pattern is not one it handles.
    pub(crate) fn plan_joined(
        &mut self,
        input: Op,
        parts: &[ast::PatternPart],
        scope: &mut Scope,
        hints: &WhereHints,
        state: &mut PatternState,
    ) -> Result<std::result::Result<Op, Op>> {
        let Some(stats) = self.catalog.stats() else {
            return Ok(Err(input));
        };
        let hop_count: usize = parts.iter().map(|p| p.element.chain.len()).sum();
        if hop_count < 2 && parts.len() < 2 {
            return Ok(Err(input));
        }
        let Some(g) = JoinGraph::new(parts, scope, hints) else {
            return Ok(Err(input));
        };
        for p in parts.iter().filter_map(|p| p.var.as_ref()) {
            if scope.get(&p.name).is_some() {
                return Err(already_bound(p));
            }
        }
        let (steps, ests) = Model { g: &g, stats }.best_order();
        let mut op = input;
        let mut slots: Vec<Option<Slot>> = vec![None; g.vertices.len()];
        let mut hop_slots: Vec<Slot> = vec![0; g.hops.len()];
        // Vertices bound before: their occurrences' filters are checked first.
        for v in (0..g.vertices.len()).filter(|&v| g.bound[v]) {
            for occ in g.vertices[v].occurrences.clone() {
                let (slot, o) = self.plan_node(op, occ, scope)?;
                op = o;
                slots[v] = Some(slot);
            }
        }
        let mut next = 0;
        while next < steps.len() {
            let (step, est) = (steps[next], ests[next]);
            next += 1;
            let (v, first) = match step {
                Step::Scan(v) => {
                    // The occurrence with properties seeks the index.
                    let occurrences = &g.vertices[v].occurrences;
                    let occ = occurrences
                        .iter()
                        .find(|o| o.properties.is_some())
                        .or_else(|| occurrences.iter().find(|o| !o.labels.is_empty()))
                        .copied()
                        .unwrap_or(occurrences[0]);
                    let (slot, mut o) = self.plan_node(op, occ, scope)?;
                    set_estimate(&mut o, est);
                    op = o;
                    slots[v] = Some(slot);
                    (v, occ)
                }
                Step::Hop(i, reversed) => {
                    let h = &g.hops[i];
                    let (from, to, to_occ) = if reversed {
                        (h.right, h.left, h.ends[0])
                    } else {
                        (h.left, h.right, h.ends[1])
                    };
                    let from_slot = slots[from].unwrap_or_default();
                    let was_bound = slots[to].is_some();
                    if to_occ.var.is_none() {
                        state.known_to = slots[to];
                    }
                    let (rel, to_slot, mut o) =
                        self.plan_expand(op, from_slot, h.rel, to_occ, reversed, scope, state)?;
                    set_estimate(&mut o, est);
                    hop_slots[i] = rel;
                    slots[to] = Some(to_slot);
                    if was_bound {
                        op = o;
                        continue;
                    }
                    let legs = Legs {
                        g: &g,
                        steps: &steps[next..],
                        ests: &ests[next..],
                        to,
                        slots: &slots,
                    };
                    next += self.fuse_legs(&legs, &mut o, &mut hop_slots, scope, state)?;
                    op = o;
                    (to, to_occ)
                }
            };
            // The vertex's other occurrences add their labels and properties
            // to the scan's or hop's filter (or check them after it).
            for occ in g.vertices[v].occurrences.clone() {
                if std::ptr::eq(occ, first) || (occ.labels.is_empty() && occ.properties.is_none()) {
                    continue;
                }
                let extra = self.node_filter(occ, scope)?;
                let filter = match &mut op {
                    Op::NodeScan { filter, .. } => Some(filter),
                    Op::Expand { to_filter, .. } => Some(to_filter),
                    _ => None,
                };
                match filter {
                    Some(f) if extra.property_map.is_none() => {
                        for l in extra.labels {
                            if !f.labels.contains(&l) {
                                f.labels.push(l);
                            }
                        }
                        f.properties.extend(extra.properties);
                    }
                    _ => {
                        let (_, o) = self.plan_node(op, occ, scope)?;
                        op = o;
                    }
                }
            }
        }
        let mut first_hop = 0;
        for (part, positions) in parts.iter().zip(&g.positions) {
            let offset = first_hop;
            first_hop += part.element.chain.len();
            let Some(p) = &part.var else {
                continue;
            };
            let mut path = vec![PathPart::Node(slots[positions[0]].unwrap_or_default())];
            for (k, v) in positions.iter().enumerate().skip(1) {
                path.push(PathPart::Rel(hop_slots[offset + k - 1]));
                path.push(PathPart::Node(slots[*v].unwrap_or_default()));
            }
            let slot = self.alloc();
            scope.bind(&p.name, slot, VarKind::Path);
            op = Op::Extend {
                input: Box::new(op),
                items: vec![(slot, super::logical::Expr::Path(path))],
            };
        }
        Ok(Ok(op))
    }
}

impl Planner<'_> {
    /// The hops right after the one that made `expand` bind a named
    /// vertex, that reach it from other bound vertices, join it as legs of
    /// one `Expand(Intersect)`; how many steps they were.
    fn fuse_legs(
        &mut self,
        legs: &Legs<'_, '_>,
        expand: &mut Op,
        hop_slots: &mut [Slot],
        scope: &mut Scope,
        state: &mut PatternState,
    ) -> Result<usize> {
        let mut taken = 0;
        for (step, est) in legs.steps.iter().zip(legs.ests) {
            let Step::Hop(j, _) = *step else {
                break;
            };
            let h = &legs.g.hops[j];
            // From the other end, bound before, to the new vertex.
            let (u, reversed, w_occ) = match (h.left == legs.to, h.right == legs.to) {
                (false, true) => (h.left, false, h.ends[1]),
                (true, false) => (h.right, true, h.ends[0]),
                _ => break,
            };
            let (Some(u_slot), true) = (legs.slots[u], w_occ.var.is_some()) else {
                break;
            };
            let (rel, _, leg) =
                self.plan_expand(Op::Empty, u_slot, h.rel, w_occ, reversed, scope, state)?;
            let (
                Op::Expand {
                    dir,
                    rel_filter,
                    to_filter: extra,
                    distinct_from: leg_distinct,
                    ..
                },
                Op::Expand {
                    also,
                    to_filter,
                    distinct_from,
                    est: e,
                    ..
                },
            ) = (leg, &mut *expand)
            else {
                break;
            };
            // One check serves every leg: the relationships bound before
            // that any leg may be (types may differ from the first leg's).
            for slot in leg_distinct {
                if !distinct_from.contains(&slot) {
                    distinct_from.push(slot);
                }
            }
            also.push(Leg {
                from: u_slot,
                rel,
                dir,
                rel_filter,
            });
            for l in extra.labels {
                if !to_filter.labels.contains(&l) {
                    to_filter.labels.push(l);
                }
            }
            to_filter.properties.extend(extra.properties);
            if extra.property_map.is_some() {
                to_filter.property_map = extra.property_map;
            }
            *e = Some(est.max(0.0));
            hop_slots[j] = rel;
            taken += 1;
        }
        Ok(taken)
    }
}

#[cfg(test)]
#[path = "join_tests.rs"]
mod tests;
