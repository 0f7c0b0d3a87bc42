//! `Expand(Into)`: a hop whose two ends are both bound, `(a)-[r:T]->(b)`
//! with `a` and `b` already in the row. Only the relationships between the
//! two nodes are candidates, found without walking a hub's whole list:
//!
//! - with the compact copy and the types named, from whichever end has
//!   fewer relationships of those types in the hop's direction;
//! - when the same node is an end of row after row (the outer loop of a
//!   triangle), its relationships are put once in a map from the other
//!   node, and each row looks its pair up;
//! - otherwise (no compact copy, any type) from the start node's list,
//!   keeping the relationships that reach the other node.
//!
//! The candidates then pass the same checks as any hop's
//! (`ExpandSpec::accept`: properties, relationship uniqueness, the far end's
//! filter), so the rows are those of expanding and comparing the far end.

use super::*;
use std::collections::HashMap;

/// Below this many relationships at both ends a pair is checked by a scan.
const SCAN_BELOW: usize = 16;

/// What an `Expand(Into)` keeps between rows.
#[derive(Default)]
pub(super) struct IntoState {
    /// The ends of the previous row: `(from, to)`.
    last: Option<(NodeId, NodeId)>,
    /// The relationships of one end by the node at their other end: the
    /// end, whether it is the hop's start (`from`), and the map.
    cache: Option<(NodeId, bool, HashMap<NodeId, Vec<RelId>>)>,
}

/// One end's lists in the compact copy: `(type, outgoing)` pairs to read,
/// the second list skipping self-loops (an undirected hop walks a loop once).
fn side_lists(dir: Dir, at_start: bool) -> [(bool, bool); 2] {
    // (outgoing, used) for the first and second list.
    match (dir, at_start) {
        (Dir::Outgoing, true) | (Dir::Incoming, false) => [(true, true), (false, false)],
        (Dir::Incoming, true) | (Dir::Outgoing, false) => [(false, true), (true, false)],
        (Dir::Both, true) => [(true, true), (false, true)],
        (Dir::Both, false) => [(false, true), (true, true)],
    }
}

impl Expand<'_> {
    /// The current row's candidates between `from` and the bound far end;
    /// whether they are known to be of a type asked for.
    pub(super) fn candidates_between(&mut self, from: NodeId, graph: &Graph) -> bool {
        let Some(cur) = &self.current else {
            return false;
        };
        let Value::Node(to) = *row::get(&cur.row, self.spec.to) else {
            self.into.last = None;
            return false;
        };
        let last = self.into.last.replace((from, to));
        let typed = !cur.rel.types.is_empty();
        // A statement that writes never builds the compact copy (see `Expand`).
        let copy = match cur.rel.build_copy {
            true => graph.read_index(),
            false => graph.read_index_if_built(),
        };
        let ix = copy.filter(|_| typed);
        let Some(ix) = ix else {
            // The plain path: the start's list, kept to those reaching `to`.
            self.into.cache = None;
            graph.relationships_into(from, self.spec.dir, &mut self.candidates);
            self.candidates.retain(|&(_, o)| o == to);
            return false;
        };
        let types = &cur.rel.types;
        let dir = self.spec.dir;
        let out = &mut self.candidates;
        out.clear();
        if let Some((node, at_start, map)) = &self.into.cache {
            let (node_here, other) = if *at_start { (from, to) } else { (to, from) };
            if *node == node_here {
                if let Some(rels) = map.get(&other) {
                    out.extend(rels.iter().map(|&r| (r, to)));
                }
                return true;
            }
        }
        let len = |node: NodeId, at_start: bool| -> usize {
            let lists = side_lists(dir, at_start);
            types
                .iter()
                .map(|t| {
                    lists
                        .iter()
                        .filter(|(_, used)| *used)
                        .map(|(o, _)| ix.typed_slice(t, node, *o).len())
                        .sum::<usize>()
                })
                .sum()
        };
        let (n_from, n_to) = (len(from, true), len(to, false));
        let at_start = n_from <= n_to;
        let (node, other) = if at_start { (from, to) } else { (to, from) };
        let repeated = last.is_some_and(|(f, t)| if at_start { f == from } else { t == to });
        let big = n_from.min(n_to) >= SCAN_BELOW;
        let visit = |f: &mut dyn FnMut(RelId, NodeId)| {
            for t in types {
                for (i, (outgoing, used)) in side_lists(dir, at_start).into_iter().enumerate() {
                    if !used {
                        continue;
                    }
                    for &[r, o] in ix.typed_slice(t, node, outgoing) {
                        let o = NodeId::from(o);
                        // Both directions: a self-loop shows in both lists, once kept.
                        if i == 1 && dir == Dir::Both && o == node {
                            continue;
                        }
                        f(RelId::from(r), o);
                    }
                }
            }
        };
        if big && repeated {
            let mut map: HashMap<NodeId, Vec<RelId>> = HashMap::new();
            visit(&mut |r, o| map.entry(o).or_default().push(r));
            if let Some(rels) = map.get(&other) {
                out.extend(rels.iter().map(|&r| (r, to)));
            }
            self.into.cache = Some((node, at_start, map));
        } else {
            visit(&mut |r, o| {
                if o == other {
                    out.push((r, to));
                }
            });
        }
        true
    }
}
