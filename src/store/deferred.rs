//! Commits the journal holds durably that redb does not hold yet.
//!
//! A commit made durable by the journal (see [`super::journal`]) is not
//! applied to redb at once: its batch waits here, and every
//! [`APPLY_COMMITS`] commits (or [`APPLY_BYTES`]) the waiting batches are
//! applied in one redb commit, which is not flushed (with group commit, at
//! the first commit after the journal's flush once that many wait). A
//! redb commit, even unflushed, took as much CPU as the rest of a small
//! commit, whatever it held: applying them by the dozen takes it off
//! nearly every commit.
//!
//! Nothing reads redb in the meantime but the next commit, which reads
//! the stored counts, the generation and the chunks it rewrites through
//! [`Stored`] (redb as the waiting batches leave it), and the history
//! tables, which apply the waiting batches first. A snapshot, `compact`
//! and close make everything durable in redb ([`super::persist`]'s
//! `flush`), and the batches with it. After a crash the journal replays
//! them, as every commit since redb's last durable one.

use super::chunks;
use super::journal::{self, Entry};
use super::persist::{META, NAMES, NODES, RELS, damaged, storage};
use crate::error::Result;
use redb::{ReadableDatabase, ReadableTableMetadata};
use std::collections::HashMap;

/// The waiting batches are applied once this many commits wait.
const APPLY_COMMITS: u32 = 64;
/// Or once they take this many bytes.
const APPLY_BYTES: usize = 1 << 20;

/// The batches waiting for redb, and what they write that a commit reads.
#[derive(Default)]
pub(super) struct Deferred {
    /// The batches, one after the other (itself a batch).
    bytes: Vec<u8>,
    commits: u32,
    /// The meta entries they write, the last value of each.
    meta: HashMap<String, Vec<u8>>,
    /// One more than the highest name number they write.
    names: u64,
    /// The number of records in each chunk they write (0: removed),
    /// by relationship chunk or not, and chunk number.
    chunks: HashMap<(bool, u64), u32>,
}

impl Deferred {
    /// What a commit's batch writes that a later commit reads: read
    /// before the batch goes to the journal, so that a batch that cannot
    /// be read fails its commit before it is durable.
    pub(super) fn read(batch: &[u8]) -> Result<Update> {
        let mut update = Update::default();
        journal::decode(batch, |entry| {
            match entry {
                Entry::Meta(key, value) => update.meta.push((key.to_string(), value.to_vec())),
                Entry::Name(id, _) => update.names = update.names.max(u64::from(id) + 1),
                Entry::Chunk { rels, chunk, value } => {
                    let entries = match value {
                        Some(v) => chunks::entries(v).map_err(damaged)?,
                        None => 0,
                    };
                    update.chunks.push(((rels, chunk), entries));
                }
                _ => {}
            }
            Ok(())
        })?;
        Ok(update)
    }

    /// Adds a commit's batch, made durable by the journal, and what
    /// [`Deferred::read`] found in it.
    pub(super) fn push(&mut self, batch: &[u8], update: Update) {
        self.meta.extend(update.meta);
        self.names = self.names.max(update.names);
        self.chunks.extend(update.chunks);
        self.bytes.extend_from_slice(batch);
        self.commits += 1;
    }

    /// Whether enough waits to be applied now.
    pub(super) fn due(&self) -> bool {
        self.commits >= APPLY_COMMITS || self.bytes.len() >= APPLY_BYTES
    }

    pub(super) fn is_empty(&self) -> bool {
        self.commits == 0
    }

    /// Applies the waiting batches to `tx` (whose commit the caller
    /// makes, then calls [`Deferred::clear`]).
    pub(super) fn apply(&self, tx: &redb::WriteTransaction) -> Result<()> {
        journal::apply(&self.bytes, tx)
    }

    /// Forgets the batches: redb holds them, or the journal will replay
    /// them at the next open.
    pub(super) fn clear(&mut self) {
        self.bytes.clear();
        self.commits = 0;
        self.meta.clear();
        self.names = 0;
        self.chunks.clear();
    }

    /// Applies the waiting batches in a redb commit that is not flushed.
    pub(super) fn apply_now(&mut self, db: &redb::Database) -> Result<()> {
        if self.is_empty() {
            return Ok(());
        }
        let mut tx = db.begin_write().map_err(storage)?;
        tx.set_durability(redb::Durability::None).map_err(damaged)?;
        self.apply(&tx)?;
        tx.commit().map_err(storage)?;
        self.clear();
        Ok(())
    }
}

/// What one batch writes that a later commit reads (see [`Deferred`]).
#[derive(Default)]
pub(super) struct Update {
    meta: Vec<(String, Vec<u8>)>,
    names: u64,
    chunks: Vec<((bool, u64), u32)>,
}

/// What a commit reads of the stored state: redb's last commit with the
/// waiting batches over it.
pub(super) struct Stored<'a> {
    tx: redb::ReadTransaction,
    deferred: &'a Deferred,
}

impl<'a> Stored<'a> {
    pub(super) fn new(db: &redb::Database, deferred: &'a Deferred) -> Result<Stored<'a>> {
        let tx = db.begin_read().map_err(storage)?;
        Ok(Stored { tx, deferred })
    }

    /// A meta entry.
    pub(super) fn meta(&self, key: &str) -> Result<Option<Vec<u8>>> {
        if let Some(v) = self.deferred.meta.get(key) {
            return Ok(Some(v.clone()));
        }
        let table = match self.tx.open_table(META) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
            Err(e) => return Err(storage(e)),
        };
        let value = table.get(key).map_err(storage)?;
        Ok(value.map(|v| v.value().to_vec()))
    }

    /// The number of names stored (they are numbered from 0).
    pub(super) fn names(&self) -> Result<u64> {
        let stored = match self.tx.open_table(NAMES) {
            Ok(t) => t.len().map_err(storage)?,
            Err(redb::TableError::TableDoesNotExist(_)) => 0,
            Err(e) => return Err(storage(e)),
        };
        Ok(stored.max(self.deferred.names))
    }

    /// The number of records in a chunk of node records (or of
    /// relationship records, `rels`).
    pub(super) fn chunk_entries(&self, rels: bool, chunk: u64) -> Result<u32> {
        if let Some(&n) = self.deferred.chunks.get(&(rels, chunk)) {
            return Ok(n);
        }
        let table = match self.tx.open_table(if rels { RELS } else { NODES }) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(0),
            Err(e) => return Err(storage(e)),
        };
        match table.get(chunk).map_err(storage)? {
            Some(v) => chunks::entries(v.value()).map_err(damaged),
            None => Ok(0),
        }
    }
}
