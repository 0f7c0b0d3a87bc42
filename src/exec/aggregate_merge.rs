//! Merging the groups that the parts of an aggregation's input found, each
//! on its own thread (see [`crate::exec::parallel`]).
//!
//! The parts group with one hasher, so a group's hash in its part's index
//! is its hash anywhere. Each group of a later part is looked up in the
//! indexes of the parts before it (read only: the lookups are shared out
//! among threads); then, in part order, a group found earlier takes in its
//! state, and one found nowhere comes after all groups so far. That is the
//! order of a whole run, and no group is hashed or inserted again. Groups
//! found by node (see [`super::by_node`]) are looked up by node.

use super::{Grouping, NONE, State};
use crate::error::Result;
use crate::plan::logical::Expr;
use crate::value::Value;
use foldhash::fast::RandomState;
use std::ops::Range;

/// Where a group of a later part goes: into group `.1` of the earlier part
/// `.0` that has its key, or (`None`) after every group so far.
type Target = Option<(usize, usize)>;

impl Grouping<'_> {
    /// The group with key `key`, whose hash is `h`.
    fn find(&self, h: u64, key: &[Value]) -> Option<usize> {
        let mut at = self.index.get(&h).copied().unwrap_or(NONE);
        while at != NONE {
            if self.groups[at]
                .iter()
                .zip(key)
                .all(|(a, b)| a.equivalent(b))
            {
                return Some(at);
            }
            at = self.same_hash[at];
        }
        None
    }

    /// Each group's hash, read off the index.
    fn hashes(&self) -> Vec<u64> {
        let mut out = vec![0; self.groups.len()];
        for (&h, &first) in &self.index {
            let mut at = first;
            while at != NONE {
                out[at] = h;
                at = self.same_hash[at];
            }
        }
        out
    }
}

impl<'p> Grouping<'p> {
    /// A grouping by `keys` alone of one part of a run in parts, hashing
    /// with `hasher` (the same for every part: see [`merge_mapped`]).
    pub(in crate::exec) fn of_part(keys: &'p [Expr], hasher: RandomState) -> Grouping<'p> {
        Grouping::with_hasher(keys, &[], hasher)
    }

    /// Lets go of the memory it counted, on the thread that counted it:
    /// the grouping it is merged into counts it again.
    pub(in crate::exec) fn forget_kept(&mut self) {
        self.kept.clear();
    }
}

/// The groups of all `parts` (in part order, grouped with one hasher)
/// merged into the first part's grouping, on up to `threads` threads.
pub(super) fn merge<'p>(parts: Vec<Grouping<'p>>, threads: usize) -> Result<Option<Grouping<'p>>> {
    Ok(merge_mapped(parts, threads)?.map(|(whole, _)| whole))
}

/// What [`merge`] gives, and per part where each of its groups went.
pub(in crate::exec) fn merge_mapped<'p>(
    mut parts: Vec<Grouping<'p>>,
    threads: usize,
) -> Result<Option<(Grouping<'p>, Vec<Vec<usize>>)>> {
    // A group found by node is looked up by node in the earlier parts; if
    // one part went over to hashing (its groups found by node are in its
    // index), every part does.
    if parts.iter().any(|p| p.by_node.is_none()) {
        parts.iter_mut().for_each(Grouping::leave_by_node);
    }
    let targets = targets(&parts, threads);
    let mut parts = parts.into_iter();
    let Some(mut whole) = parts.next() else {
        return Ok(None);
    };
    let n = whole.aggs.len();
    let mut targets = targets.into_iter();
    // Per part, where each of its groups went.
    let mut went: Vec<Vec<usize>> = vec![(0..whole.groups.len()).collect()];
    for part in parts {
        let mut states = part.states.into_iter();
        let mut mine = Vec::with_capacity(part.groups.len());
        for key in part.groups {
            let g = match targets.next().flatten() {
                Some((j, g)) => went[j][g],
                None => {
                    whole.kept.grow_row(&key)?;
                    whole.groups.push(key);
                    for state in states.by_ref().take(n) {
                        whole
                            .kept
                            .grow(state.size() + std::mem::size_of::<State>())?;
                        whole.states.push(state);
                    }
                    mine.push(whole.groups.len() - 1);
                    continue;
                }
            };
            for (i, state) in states.by_ref().take(n).enumerate() {
                whole.kept.grow(state.size())?;
                whole.states[g * n + i].merge(whole.aggs[i].func, state)?;
            }
            mine.push(g);
        }
        went.push(mine);
    }
    // The merged groups are only read out: none is looked up again.
    whole.by_node = None;
    Ok(Some((whole, went)))
}

/// Where each group of the parts after the first goes, in part order:
/// looked up in the earlier parts, on up to `threads` threads.
fn targets(parts: &[Grouping<'_>], threads: usize) -> Vec<Target> {
    let later = parts.get(1..).unwrap_or_default();
    let hashes: Vec<Vec<u64>> = later.iter().map(Grouping::hashes).collect();
    let total: usize = later.iter().map(|p| p.groups.len()).sum();
    let find = |range: Range<usize>| -> Vec<Target> {
        let mut out = Vec::with_capacity(range.len());
        let (mut k, mut start) = (0, 0);
        for i in range {
            while i >= start + later[k].groups.len() {
                start += later[k].groups.len();
                k += 1;
            }
            let (g, h) = (i - start, hashes[k][i - start]);
            let key = &later[k].groups[g];
            let node = later[k].node_of_group(g);
            // The earliest part with the key: the one a whole run met it in.
            out.push(parts[..=k].iter().enumerate().find_map(|(j, p)| {
                let found = match node {
                    Some(id) => p.group_of_node(id),
                    None => p.find(h, key),
                };
                Some((j, found?))
            }));
        }
        out
    };
    let threads = threads.clamp(1, total.max(1));
    let share = |t: usize| total * t / threads..total * (t + 1) / threads;
    if threads == 1 {
        return find(0..total);
    }
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads)
            .map(|t| {
                let find = &find;
                crate::exec::parallel::spawn(scope, move || find(share(t)))
            })
            .collect();
        let mut out = find(share(0));
        for (t, h) in (1..threads).zip(helpers) {
            // A lookup does not panic; if a helper did (or did not start),
            // its groups are looked up here.
            out.extend(
                h.and_then(|h| h.join().ok())
                    .unwrap_or_else(|| find(share(t))),
            );
        }
        out
    })
}
