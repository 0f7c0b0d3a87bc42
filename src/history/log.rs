//! Where history is kept: four ordered tables, in memory or in the
//! database file (see `store::history_tables`), and what is read and
//! written through them.
//!
//! - commits: number → time, metadata, counts;
//! - parts: (number, part) → a run of the commit's changes, sorted by
//!   entity (a part holds about [`PART_BYTES`]; one entity's changes are
//!   never split);
//! - versions: (entity key, number) → the part holding the entity's
//!   changes, or [`CREATED`] when the commit created it in a small run;
//! - runs: (first key, number) → end key, for runs of
//!   [`BIG_RUN`] or more entities created together (an import), so that a
//!   million creations are a few entries.

use super::codec::{decode_changes, decode_commit, encode_commit, put_change};
use super::{Change, Commit, Key};
use crate::error::Result;
use std::collections::BTreeMap;

/// About how many bytes of changes one part holds.
const PART_BYTES: usize = 32 << 10;
/// Runs of creations at least this long are kept as runs, not per entity.
pub(crate) const BIG_RUN: u64 = 64;
/// The version entry of an entity a commit created.
pub(crate) const CREATED: u64 = u64::MAX;

/// Reading the history tables.
pub(crate) trait HistoryTables {
    /// The last commit's number (0: none).
    fn last(&self) -> Result<u64>;
    /// The oldest commit kept, from `from` on (0: none).
    fn first(&self) -> Result<u64>;
    /// Commits `lo..=hi`, newest first, each handed to `f` until it says stop.
    fn commits(&self, lo: u64, hi: u64, f: &mut dyn FnMut(u64, &[u8]) -> bool) -> Result<()>;
    /// The parts of a commit, in order.
    fn parts(&self, number: u64, f: &mut dyn FnMut(&[u8])) -> Result<()>;
    /// One part of a commit.
    fn part(&self, number: u64, part: u64) -> Result<Option<Vec<u8>>>;
    /// The version entries of an entity: (commit, part), oldest first.
    fn versions(&self, key: u64) -> Result<Vec<(u64, u64)>>;
    /// Every big run: (first key, commit, end key).
    fn runs(&self) -> Result<Vec<(u64, u64, u64)>>;
}

/// Writing them.
pub(crate) trait HistoryWrite {
    fn put_commit(&mut self, number: u64, bytes: &[u8]) -> Result<()>;
    fn put_part(&mut self, number: u64, part: u64, bytes: &[u8]) -> Result<()>;
    fn put_version(&mut self, key: u64, number: u64, part: u64) -> Result<()>;
    fn put_run(&mut self, start: u64, number: u64, end: u64) -> Result<()>;
}

/// Writes a commit and its changes (sorted by entity).
pub(crate) fn write_commit(
    t: &mut dyn HistoryWrite,
    commit: &Commit,
    changes: &[Change],
) -> Result<()> {
    t.put_commit(commit.number, &encode_commit(commit))?;
    let mut part = 0u64;
    let mut bytes = Vec::new();
    let mut i = 0;
    while i < changes.len() {
        // One entity's changes together.
        let key = changes[i].key();
        let mut j = i;
        while j < changes.len() && changes[j].key() == key {
            j += 1;
        }
        for change in &changes[i..j] {
            put_change(&mut bytes, change);
            match change {
                Change::Created { start, end } if (end.0 - start.0) / 2 >= BIG_RUN => {
                    t.put_run(start.0, commit.number, end.0)?;
                }
                Change::Created { .. } => {
                    for k in change.keys() {
                        t.put_version(k.0, commit.number, CREATED)?;
                    }
                }
                other => t.put_version(other.key().0, commit.number, part)?,
            }
        }
        i = j;
        if bytes.len() >= PART_BYTES {
            t.put_part(commit.number, part, &bytes)?;
            bytes.clear();
            part += 1;
        }
    }
    if !bytes.is_empty() {
        t.put_part(commit.number, part, &bytes)?;
    }
    Ok(())
}

/// The history of a database in memory.
#[derive(Debug, Default, Clone)]
pub(crate) struct MemTables {
    commits: BTreeMap<u64, Vec<u8>>,
    parts: BTreeMap<(u64, u64), Vec<u8>>,
    versions: BTreeMap<(u64, u64), u64>,
    runs: BTreeMap<(u64, u64), u64>,
    /// The number of the last commit ever made (kept when compacted away).
    last: u64,
}

impl HistoryTables for MemTables {
    fn last(&self) -> Result<u64> {
        Ok(self.last)
    }

    fn first(&self) -> Result<u64> {
        Ok(self.commits.keys().next().copied().unwrap_or(0))
    }

    fn commits(&self, lo: u64, hi: u64, f: &mut dyn FnMut(u64, &[u8]) -> bool) -> Result<()> {
        if lo <= hi {
            for (n, b) in self.commits.range(lo..=hi).rev() {
                if !f(*n, b) {
                    break;
                }
            }
        }
        Ok(())
    }

    fn parts(&self, number: u64, f: &mut dyn FnMut(&[u8])) -> Result<()> {
        for b in self
            .parts
            .range((number, 0)..=(number, u64::MAX))
            .map(|(_, b)| b)
        {
            f(b);
        }
        Ok(())
    }

    fn part(&self, number: u64, part: u64) -> Result<Option<Vec<u8>>> {
        Ok(self.parts.get(&(number, part)).cloned())
    }

    fn versions(&self, key: u64) -> Result<Vec<(u64, u64)>> {
        Ok(self
            .versions
            .range((key, 0)..=(key, u64::MAX))
            .map(|((_, n), p)| (*n, *p))
            .collect())
    }

    fn runs(&self) -> Result<Vec<(u64, u64, u64)>> {
        Ok(self.runs.iter().map(|((s, n), e)| (*s, *n, *e)).collect())
    }
}

impl HistoryWrite for MemTables {
    fn put_commit(&mut self, number: u64, bytes: &[u8]) -> Result<()> {
        self.commits.insert(number, bytes.to_vec());
        self.last = self.last.max(number);
        Ok(())
    }

    fn put_part(&mut self, number: u64, part: u64, bytes: &[u8]) -> Result<()> {
        self.parts.insert((number, part), bytes.to_vec());
        Ok(())
    }

    fn put_version(&mut self, key: u64, number: u64, part: u64) -> Result<()> {
        self.versions.insert((key, number), part);
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
        let kept_commits = self.commits.split_off(&number);
        let dropped = std::mem::replace(&mut self.commits, kept_commits);
        let mut bytes: u64 = dropped.values().map(|b| b.len() as u64 + 8).sum();
        let kept_parts = self.parts.split_off(&(number, 0));
        bytes += std::mem::replace(&mut self.parts, kept_parts)
            .values()
            .map(|b| b.len() as u64 + 16)
            .sum::<u64>();
        let before = self.versions.len() + self.runs.len();
        self.versions.retain(|(_, n), _| *n >= number);
        self.runs.retain(|(_, n), _| *n >= number);
        bytes += 24 * (before - self.versions.len() - self.runs.len()) as u64;
        (dropped.len() as u64, bytes)
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
        for (number, part) in self.tables.versions(key.0)? {
            if number > upto {
                break;
            }
            if part == CREATED {
                out.push((number, None));
                continue;
            }
            let bytes = self
                .tables
                .part(number, part)?
                .ok_or_else(super::codec::bad)?;
            let changes = decode_changes(&bytes)?;
            out.push((
                number,
                Some(changes.into_iter().filter(|c| c.key() == key).collect()),
            ));
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
