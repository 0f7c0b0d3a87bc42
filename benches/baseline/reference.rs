//! The expected answers, computed directly from the generated edge list in
//! plain Rust, so the benchmark cannot silently time wrong answers.
//!
//! Cypher's relationship isomorphism says one path may not use the same
//! relationship twice; in `(a)-[r1]->(m)-[r2]->(c)` that could only happen
//! with a self-loop, and the generator makes none ([`Adjacency::new`] checks),
//! so every pair of consecutive relationships is a path.

use crate::generate::Rel;
use std::collections::BTreeSet;

/// The relationships of one type as adjacency lists over node `id`s.
pub struct Adjacency {
    /// `out[a]`: the `b` of every `a -> b`, one entry per relationship.
    out: Vec<Vec<usize>>,
    /// How many relationships go into each node.
    in_degree: Vec<u64>,
}

impl Adjacency {
    /// The adjacency of the relationships of type `kind` over `nodes` nodes,
    /// or an error when there is a self-loop (the counts below assume none).
    pub fn new(nodes: usize, rels: &[Rel], kind: usize) -> Result<Adjacency, String> {
        let mut adj = Adjacency {
            out: vec![Vec::new(); nodes],
            in_degree: vec![0; nodes],
        };
        for r in rels.iter().filter(|r| r.kind == kind) {
            let (a, b) = (r.a as usize, r.b as usize);
            if a == b {
                return Err(format!("the generator made a self-loop at {a}"));
            }
            adj.out[a].push(b);
            adj.in_degree[b] += 1;
        }
        Ok(adj)
    }

    /// The out-degree of `node`.
    pub fn out_degree(&self, node: usize) -> usize {
        self.out[node].len()
    }

    /// The node with the most outgoing relationships (the lowest id on a tie).
    pub fn busiest(&self) -> usize {
        (0..self.out.len())
            .max_by_key(|&n| (self.out[n].len(), std::cmp::Reverse(n)))
            .unwrap_or(0)
    }

    /// `MATCH (a {id: start})-->()-->(c) RETURN count(*), count(DISTINCT c)`.
    pub fn two_hop_from(&self, start: usize) -> (u64, u64) {
        let mut paths = 0;
        let mut ends = BTreeSet::new();
        for &m in &self.out[start] {
            paths += self.out[m].len() as u64;
            ends.extend(self.out[m].iter().copied());
        }
        (paths, ends.len() as u64)
    }

    /// `MATCH (a)-->()-->(c) RETURN count(*)` over all nodes: for every
    /// middle node, its in-degree times its out-degree.
    pub fn two_hop_all(&self) -> u64 {
        (0..self.out.len())
            .map(|m| self.in_degree[m] * self.out[m].len() as u64)
            .sum()
    }

    /// The largest in-degree and out-degree, to show the skew.
    pub fn max_degrees(&self) -> (u64, usize) {
        let max_in = self.in_degree.iter().copied().max().unwrap_or(0);
        let max_out = self.out.iter().map(Vec::len).max().unwrap_or(0);
        (max_in, max_out)
    }
}
