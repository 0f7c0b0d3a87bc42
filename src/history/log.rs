//! Where history is kept: three ordered tables, in memory or in the
//! database file (see `store::history_tables`), and what is read and
//! written through them. Few tables, because each one a commit writes
//! costs that commit pages of its own.
//!
//! - parts: (number, [`HEADER`]) → the commit's time, metadata, counts;
//!   (number, first key) → a run of its changes other than creations,
//!   sorted by entity, from that key on (a part holds about
//!   [`PART_BYTES`]; one entity's changes are never split);
//!   (number, [`CREATIONS`]) → its creations, as runs of ids;
//! - versions: (entity key, number), for every commit that created,
//!   changed or asserted the entity (but for big runs of creations);
//! - runs: (first key, number) → end key, for runs of [`BIG_RUN`] or more
//!   entities created together (an import), so that a million creations
//!   are a few entries.

use super::codec::{decode_changes, decode_commit, encode_commit, put_change};
use super::{Change, Commit, Key};
use crate::error::Result;
use std::collections::{BTreeMap, BTreeSet};

/// About how many bytes of changes one part holds.
const PART_BYTES: usize = 32 << 10;
/// Runs of creations at least this long are kept as runs, not per entity.
pub(crate) const BIG_RUN: u64 = 64;
/// The part key of a commit's header.
pub(crate) const HEADER: u64 = u64::MAX;
/// The part key of a commit's creations.
pub(crate) const CREATIONS: u64 = u64::MAX - 1;

/// Reading the history tables.
pub(crate) trait HistoryTables {
    /// The last commit's number (0: none).
    fn last(&self) -> Result<u64>;
    /// The oldest commit kept (0: none).
    fn first(&self) -> Result<u64>;
    /// The headers of commits `lo..=hi`, newest first, each handed to `f`
    /// until it says stop.
    fn commits(&self, lo: u64, hi: u64, f: &mut dyn FnMut(u64, &[u8]) -> bool) -> Result<()>;
    /// The parts of a commit but its header, in order.
    fn parts(&self, number: u64, f: &mut dyn FnMut(&[u8])) -> Result<()>;
    /// The part of a commit keyed `key`, or the last before it.
    fn part_at(&self, number: u64, key: u64) -> Result<Option<Vec<u8>>>;
    /// The commits of an entity's version entries, oldest first.
    fn versions(&self, key: u64) -> Result<Vec<u64>>;
    /// Every big run: (first key, commit, end key).
    fn runs(&self) -> Result<Vec<(u64, u64, u64)>>;
}

/// Writing them.
pub(crate) trait HistoryWrite {
    fn put_part(&mut self, number: u64, key: u64, bytes: &[u8]) -> Result<()>;
    fn put_version(&mut self, key: u64, number: u64) -> Result<()>;
    fn put_run(&mut self, start: u64, number: u64, end: u64) -> Result<()>;
}

/// Writes a commit and its changes (sorted by entity).
pub(crate) fn write_commit(
    t: &mut dyn HistoryWrite,
    commit: &Commit,
    changes: &[Change],
) -> Result<()> {
    let n = commit.number;
    t.put_part(n, HEADER, &encode_commit(commit))?;
    let mut created = Vec::new();
    let mut bytes = Vec::new();
    let mut first: Option<u64> = None;
    let mut i = 0;
    while i < changes.len() {
        // One entity's changes together.
        let key = changes[i].key();
        let mut j = i;
        while j < changes.len() && changes[j].key() == key {
            j += 1;
        }
        for change in &changes[i..j] {
            match change {
                Change::Created { start, end } => {
                    put_change(&mut created, change);
                    if (end.0 - start.0) / 2 >= BIG_RUN {
                        t.put_run(start.0, n, end.0)?;
                    } else {
                        for k in change.keys() {
                            t.put_version(k.0, n)?;
                        }
                    }
                }
                other => {
                    first.get_or_insert(key.0);
                    put_change(&mut bytes, other);
                    t.put_version(key.0, n)?;
                }
            }
        }
        i = j;
        if bytes.len() >= PART_BYTES
            && let Some(k) = first.take()
        {
            t.put_part(n, k, &bytes)?;
            bytes.clear();
        }
    }
    if let Some(k) = first {
        t.put_part(n, k, &bytes)?;
    }
    if !created.is_empty() {
        t.put_part(n, CREATIONS, &created)?;
    }
    Ok(())
}

/// The history of a database in memory.
#[derive(Debug, Default, Clone)]
pub(crate) struct MemTables {
    parts: BTreeMap<(u64, u64), Vec<u8>>,
    versions: BTreeSet<(u64, u64)>,
    runs: BTreeMap<(u64, u64), u64>,
    /// The number of the last commit ever made (kept when compacted away).
    last: u64,
}

impl HistoryTables for MemTables {
    fn last(&self) -> Result<u64> {
        Ok(self.last)
    }

    fn first(&self) -> Result<u64> {
        Ok(self.parts.keys().next().map_or(0, |(n, _)| *n))
    }

    fn commits(&self, lo: u64, hi: u64, f: &mut dyn FnMut(u64, &[u8]) -> bool) -> Result<()> {
        for n in (lo.max(self.first()?)..=hi).rev() {
            if let Some(b) = self.parts.get(&(n, HEADER))
                && !f(n, b)
            {
                break;
            }
        }
        Ok(())
    }

    fn parts(&self, number: u64, f: &mut dyn FnMut(&[u8])) -> Result<()> {
        for b in self
            .parts
            .range((number, 0)..(number, HEADER))
            .map(|(_, b)| b)
        {
            f(b);
        }
        Ok(())
    }

    fn part_at(&self, number: u64, key: u64) -> Result<Option<Vec<u8>>> {
        let mut before = self.parts.range((number, 0)..=(number, key));
        Ok(before.next_back().map(|(_, b)| b.clone()))
    }

    fn versions(&self, key: u64) -> Result<Vec<u64>> {
        let entries = self.versions.range((key, 0)..=(key, u64::MAX));
        Ok(entries.map(|(_, n)| *n).collect())
    }

    fn runs(&self) -> Result<Vec<(u64, u64, u64)>> {
        Ok(self.runs.iter().map(|((s, n), e)| (*s, *n, *e)).collect())
    }
}

impl HistoryWrite for MemTables {
    fn put_part(&mut self, number: u64, key: u64, bytes: &[u8]) -> Result<()> {
        self.parts.insert((number, key), bytes.to_vec());
        self.last = self.last.max(number);
        Ok(())
    }

    fn put_version(&mut self, key: u64, number: u64) -> Result<()> {
        self.versions.insert((key, number));
        Ok(())
    }

    fn put_run(&mut self, start: u64, number: u64, end: u64) -> Result<()> {
        self.runs.insert((start, number), end);
        Ok(())
    }
}

impl MemTables {
    /// Drops every commit before `number`; returns how many, and the
    /// bytes they held.
    pub(crate) fn drop_before(&mut self, number: u64) -> (u64, u64) {
        let kept = self.parts.split_off(&(number, 0));
        let dropped = std::mem::replace(&mut self.parts, kept);
        let commits = dropped.keys().filter(|(_, k)| *k == HEADER).count() as u64;
        let mut bytes: u64 = dropped.values().map(|b| b.len() as u64 + 16).sum();
        let before = self.versions.len() + self.runs.len();
        self.versions.retain(|(_, n)| *n >= number);
        self.runs.retain(|(_, n), _| *n >= number);
        bytes += 16 * (before - self.versions.len() - self.runs.len()) as u64;
        (commits, bytes)
    }
}

/// What one entity went through, oldest first: creations (`None`) and the
/// commits that changed or asserted it, with its changes in each.
pub(crate) type Versions = Vec<(u64, Option<Vec<Change>>)>;

/// The history a database keeps, read through its tables.
pub(crate) struct History<'a> {
    pub(crate) tables: &'a dyn HistoryTables,
}

impl History<'_> {
    /// A commit by number.
    pub(crate) fn commit(&self, number: u64) -> Result<Option<Commit>> {
        let mut found = None;
        self.tables.commits(number, number, &mut |n, b| {
            found = Some(decode_commit(n, b));
            false
        })?;
        found.transpose()
    }

    /// Commits `lo..=hi`, newest first, at most `limit`.
    pub(crate) fn commits(&self, lo: u64, hi: u64, limit: usize) -> Result<Vec<Commit>> {
        let mut out = Vec::new();
        let mut err = None;
        self.tables.commits(lo, hi, &mut |n, b| {
            if out.len() >= limit {
                return false;
            }
            match decode_commit(n, b) {
                Ok(c) => out.push(c),
                Err(e) => err = Some(e),
            }
            err.is_none()
        })?;
        err.map_or(Ok(out), Err)
    }

    /// The last commit made at or before `time` (0: none).
    pub(crate) fn commit_at(&self, time: jiff::Timestamp) -> Result<u64> {
        let mut found = 0;
        let mut err = None;
        let last = self.tables.last()?;
        self.tables
            .commits(0, last, &mut |n, b| match decode_commit(n, b) {
                Ok(c) if c.time <= time => {
                    found = n;
                    false
                }
                Ok(_) => true,
                Err(e) => {
                    err = Some(e);
                    false
                }
            })?;
        err.map_or(Ok(found), Err)
    }

    /// Every change of a commit, sorted by entity.
    pub(crate) fn changes(&self, number: u64) -> Result<Vec<Change>> {
        let mut out = Vec::new();
        let mut err = None;
        self.tables
            .parts(number, &mut |b| match decode_changes(b) {
                Ok(c) => out.extend(c),
                Err(e) => err = Some(e),
            })?;
        err.map_or(Ok(out), Err)
    }

    /// What the entity went through up to commit `upto`, oldest first.
    pub(crate) fn versions(&self, key: Key, upto: u64) -> Result<Versions> {
        let mut out: Versions = Vec::new();
        for number in self.tables.versions(key.0)? {
            if number > upto {
                break;
            }
            // Its changes are in the part keyed at or before it; else the
            // commit created it.
            let mut changes = Vec::new();
            for at in [key.0, CREATIONS] {
                if let Some(bytes) = self.tables.part_at(number, at)? {
                    let all = decode_changes(&bytes)?;
                    changes.extend(all.into_iter().filter(|c| c.is_about(key)));
                }
                if !changes.is_empty() {
                    break;
                }
            }
            match changes.iter().any(|c| matches!(c, Change::Created { .. })) {
                true => out.push((number, None)),
                false => out.push((number, Some(changes))),
            }
        }
        for (start, number, end) in self.tables.runs()? {
            let run = Change::Created {
                start: Key(start),
                end: Key(end),
            };
            if number <= upto && run.is_about(key) {
                out.push((number, None));
            }
        }
        out.sort_by_key(|(n, _)| *n);
        Ok(out)
    }
}
