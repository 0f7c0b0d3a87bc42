//! The commit history in the database file: three redb tables beside the
//! records (see [`crate::history`] for what they hold). They are written in
//! the same redb transaction as the commit's records, so history is
//! exactly as durable as the state, and never read at open.

use super::persist::{META, storage};
use crate::error::Result;
use crate::history::{HEADER, HistoryTables, HistoryWrite};
use redb::{ReadableTable, TableDefinition};

pub(super) const PARTS: TableDefinition<(u64, u64), &[u8]> =
    TableDefinition::new("quiver_history_parts");
pub(super) const VERSIONS: TableDefinition<(u64, u64), ()> =
    TableDefinition::new("quiver_history_versions");
pub(super) const RUNS: TableDefinition<(u64, u64), u64> =
    TableDefinition::new("quiver_history_runs");

/// The meta entry holding the last commit's number.
pub(super) const LAST_COMMIT: &str = "last_commit";

/// The history tables as of one read transaction.
pub(crate) struct DiskTables {
    tx: redb::ReadTransaction,
}

impl DiskTables {
    pub(super) fn new(tx: redb::ReadTransaction) -> DiskTables {
        DiskTables { tx }
    }

    /// A table, or `None` when the file has none yet (no commit since
    /// history was kept).
    fn table<K: redb::Key + 'static, V: redb::Value + 'static>(
        &self,
        def: TableDefinition<K, V>,
    ) -> Result<Option<redb::ReadOnlyTable<K, V>>> {
        match self.tx.open_table(def) {
            Ok(t) => Ok(Some(t)),
            Err(redb::TableError::TableDoesNotExist(_)) => Ok(None),
            Err(e) => Err(storage(e)),
        }
    }
}

impl HistoryTables for DiskTables {
    fn last(&self) -> Result<u64> {
        let Some(meta) = self.table(META)? else {
            return Ok(0);
        };
        let v = meta.get(LAST_COMMIT).map_err(storage)?;
        let bytes: Option<[u8; 8]> = v.and_then(|v| v.value().try_into().ok());
        Ok(bytes.map_or(0, u64::from_le_bytes))
    }

    fn first(&self) -> Result<u64> {
        let Some(t) = self.table(PARTS)? else {
            return Ok(0);
        };
        Ok(t.first().map_err(storage)?.map_or(0, |(k, _)| k.value().0))
    }

    fn commits(&self, lo: u64, hi: u64, f: &mut dyn FnMut(u64, &[u8]) -> bool) -> Result<()> {
        let Some(t) = self.table(PARTS)? else {
            return Ok(());
        };
        for n in (lo.max(self.first()?)..=hi).rev() {
            if let Some(v) = t.get((n, HEADER)).map_err(storage)?
                && !f(n, v.value())
            {
                break;
            }
        }
        Ok(())
    }

    fn parts(&self, number: u64, f: &mut dyn FnMut(&[u8])) -> Result<()> {
        let Some(t) = self.table(PARTS)? else {
            return Ok(());
        };
        for entry in t.range((number, 0)..(number, HEADER)).map_err(storage)? {
            let (_, v) = entry.map_err(storage)?;
            f(v.value());
        }
        Ok(())
    }

    fn part_at(&self, number: u64, key: u64) -> Result<Option<Vec<u8>>> {
        let Some(t) = self.table(PARTS)? else {
            return Ok(None);
        };
        let mut before = t.range((number, 0)..=(number, key)).map_err(storage)?;
        match before.next_back() {
            Some(entry) => Ok(Some(entry.map_err(storage)?.1.value().to_vec())),
            None => Ok(None),
        }
    }

    fn versions(&self, key: u64) -> Result<Vec<u64>> {
        let Some(t) = self.table(VERSIONS)? else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for entry in t.range((key, 0)..=(key, u64::MAX)).map_err(storage)? {
            out.push(entry.map_err(storage)?.0.value().1);
        }
        Ok(out)
    }

    fn runs(&self) -> Result<Vec<(u64, u64, u64)>> {
        let Some(t) = self.table(RUNS)? else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for entry in t.iter().map_err(storage)? {
            let (k, v) = entry.map_err(storage)?;
            let (start, number) = k.value();
            out.push((start, number, v.value()));
        }
        Ok(out)
    }
}

/// The history tables inside a write transaction.
pub(super) struct DiskWrite<'t> {
    parts: redb::Table<'t, (u64, u64), &'static [u8]>,
    versions: redb::Table<'t, (u64, u64), ()>,
    runs: redb::Table<'t, (u64, u64), u64>,
}

impl<'t> DiskWrite<'t> {
    pub(super) fn open(tx: &'t redb::WriteTransaction) -> Result<DiskWrite<'t>> {
        Ok(DiskWrite {
            parts: tx.open_table(PARTS).map_err(storage)?,
            versions: tx.open_table(VERSIONS).map_err(storage)?,
            runs: tx.open_table(RUNS).map_err(storage)?,
        })
    }

    /// Drops every commit before `number` and what refers to it; returns
    /// how many commits.
    pub(super) fn drop_before(&mut self, number: u64) -> Result<u64> {
        let mut dropped = 0;
        self.parts
            .retain_in((0, 0)..(number, 0), |(_, k), _| {
                dropped += u64::from(k == HEADER);
                false
            })
            .map_err(storage)?;
        self.versions
            .retain(|(_, n), ()| n >= number)
            .map_err(storage)?;
        self.runs.retain(|(_, n), _| n >= number).map_err(storage)?;
        Ok(dropped)
    }
}

impl HistoryWrite for DiskWrite<'_> {
    fn put_part(&mut self, number: u64, key: u64, bytes: &[u8]) -> Result<()> {
        self.parts.insert((number, key), bytes).map_err(storage)?;
        Ok(())
    }

    fn put_version(&mut self, key: u64, number: u64) -> Result<()> {
        self.versions.insert((key, number), ()).map_err(storage)?;
        Ok(())
    }

    fn put_run(&mut self, start: u64, number: u64, end: u64) -> Result<()> {
        self.runs.insert((start, number), end).map_err(storage)?;
        Ok(())
    }
}
