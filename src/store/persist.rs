//! The database file: a redb store of node and relationship records (in
//! chunks of neighbouring ids, see [`super::chunks`]), read whole into the
//! in-memory [`Graph`] at open, and written, per committed transaction,
//! with the chunks of the records that transaction touched.
//!
//! redb and the commit journal give the guarantees: a commit is atomic,
//! checksummed, and on disk (in the journal, see [`super::journal`], or
//! a durable redb commit) before `save` returns (with group commit, once
//! [`Disk::sync`] returns, see [`super::group`]); a crash leaves the last
//! committed state, which the next open completes from the journal; a
//! second process cannot open the file while this one writes it (only
//! read-only processes share it, see [`super::open`]). The commit itself is
//! in [`super::commit`].
//!
//! A failed write (a full disk) leaves redb's handle refusing every later
//! write: [`Disk::save`] closes it, and the database opens it again and
//! takes the graph from the file ([`Disk::reopen`]), since only the file
//! knows what was committed; the space the failed write took at the end of
//! the file is given back by a compaction after the next successful write.

use super::commit::{Changes, write};
use super::deferred::Deferred;
use super::graph::Graph;
use super::history_tables::{DiskTables, DiskWrite};
use super::journal::{self, Journal};
use super::load::GraphBuilder;
use super::open::{self, OpenOptions, database_file, open_error};
use super::reader;
use super::snapshot::{Snapshot, snapshot_path, write_snapshot};
use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use crate::history::{Change, Commit};
use redb::{ReadableDatabase, ReadableTable, TableDefinition};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub(super) const META: TableDefinition<&str, &[u8]> = TableDefinition::new("quiver_meta");
pub(super) const NODES: TableDefinition<u64, &[u8]> = TableDefinition::new("quiver_nodes");
pub(super) const RELS: TableDefinition<u64, &[u8]> = TableDefinition::new("quiver_relationships");
/// Every label, type and property key, by the number records use.
pub(super) const NAMES: TableDefinition<u32, &str> = TableDefinition::new("quiver_names");
/// Named schema objects (indexes, constraints), as their definitions.
pub(super) const SCHEMA: TableDefinition<&str, &[u8]> = TableDefinition::new("quiver_schema");

/// What the `format` entry of the meta table holds: version 4 has a
/// `generation` entry that every commit draws anew, which tells whether a
/// snapshot is current (see [`super::snapshot`]).
pub(super) const FORMAT: &[u8] = b"quiver graph 4";
/// The format before: the same records, no generation. Read as it is;
/// the first commit or checkpoint makes it version 4.
const FORMAT_3: &[u8] = b"quiver graph 3";

/// Named schema entries as stored: name and definition bytes.
pub(crate) type SchemaEntries = Vec<(String, Vec<u8>)>;

/// An open database file.
pub(crate) struct Disk {
    /// The redb handle; `None` after a failed write closed it, until
    /// [`Disk::reopen`] opens it again.
    db: Option<redb::Database>,
    /// The database file.
    path: PathBuf,
    options: OpenOptions,
    /// Why the file cannot be written, when it cannot.
    read_only: Option<String>,
    /// A failed write may have left the file longer than its data needs:
    /// shrink it at the next write that succeeds.
    shrink: bool,
    /// Why the file could not be opened again after a failed write.
    reopen_failed: Option<Error>,
    /// The generation of the file's last commit (its meta table's
    /// `generation`), and whether its format is still version 3.
    generation: u64,
    old_format: bool,
    /// Whether the snapshot beside the file holds `generation`.
    snapshot_current: bool,
    /// Whether a commit of this process made a file of version 3 one of
    /// version 4 (the next checkpoint says so).
    converted: bool,
    /// Whether redb checked the whole file when it opened it (see
    /// [`Disk::open_frozen`]): it is checked before the first write.
    checked: bool,
    /// The commit journal, from the first write on (`None` where it
    /// cannot be made: commits are then durable redb commits).
    pub(super) journal: Option<Journal>,
    /// The commits the journal holds that redb does not hold yet (behind
    /// a lock: reading history applies them, through a shared handle).
    deferred: Mutex<Deferred>,
    /// Group commit: commits go to the journal unflushed, and are durable
    /// once [`Disk::sync`] returns (see [`super::group`]).
    pub(super) group: bool,
    /// Commits a failed flush lost, and why: the next [`Disk::sync`]
    /// reports them.
    pub(super) lost: Option<(u32, std::io::Error)>,
    /// The flushes of the journals this handle had before its present one
    /// (see [`Disk::flushes`]).
    pub(super) flushes_before: u64,
}

impl std::fmt::Debug for Disk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Disk")
    }
}

pub(super) fn storage(e: impl Into<redb::Error>) -> Error {
    let e = e.into();
    match &e {
        redb::Error::Io(io) if is_disk_full(io) => {
            Error::runtime(ErrorKind::IoError, Detail::DiskFull, io.to_string())
        }
        _ => damaged(e),
    }
}

/// Whether a write failed because the disk (or the user's quota) is full.
pub(super) fn is_disk_full(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
    )
}

pub(super) fn damaged(e: impl std::fmt::Display) -> Error {
    Error::runtime(ErrorKind::IoError, Detail::StorageFailure, e.to_string())
}

/// redb's page cache. The whole file is read once, in order, into memory
/// at open, and commits write whole chunks: a big cache would only hold a
/// second copy of the graph (and makes a bulk import no faster).
pub(super) const CACHE_BYTES: usize = 16 << 20;

/// The first bytes of every redb file (redb's `MAGICNUMBER`).
const REDB_MAGIC: [u8; 9] = [b'r', b'e', b'd', b'b', 0x1A, 0x0A, 0xA9, 0x0D, 0x0A];

impl Disk {
    /// The database file: `PATH`, or `PATH/quiver.db` for a directory.
    pub(crate) fn file(&self) -> &Path {
        &self.path
    }

    /// Whether the file at `path` starts as a database file or a
    /// snapshot does (it may belong to this or another process, open or
    /// not).
    pub(crate) fn is_database_file(path: &Path) -> bool {
        use std::io::Read;
        let mut start = [0u8; REDB_MAGIC.len()];
        std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut start))
            .is_ok_and(|()| start == REDB_MAGIC)
            || super::snapshot::is_snapshot_file(path)
    }
}

impl Disk {
    /// Opens the database at `path` as `options` say, creating it if
    /// missing (unless read-only), and reads its graph and schema entries.
    pub(crate) fn open(path: &Path, options: &OpenOptions) -> Result<(Disk, Graph, SchemaEntries)> {
        let file = database_file(path, options.read_only).map_err(|e| open_error(path, e))?;
        // Read the snapshot again after the checked open only when the
        // first attempt did not find it out of date.
        let try_snapshot = match Disk::open_frozen(&file, options) {
            Ok(found) => return Ok(found),
            Err(Stale::No) => true,
            Err(Stale::Yes) => false,
        };
        let opened = open::open_file(&file, options, true)?;
        let mut disk = Disk {
            db: Some(opened.db),
            path: file,
            options: options.clone(),
            read_only: opened.read_only,
            shrink: false,
            reopen_failed: None,
            generation: 0,
            old_format: false,
            snapshot_current: false,
            checked: true,
            converted: false,
            journal: None,
            deferred: Mutex::default(),
            group: false,
            lost: None,
            flushes_before: 0,
        };
        disk.recover()?;
        let (graph, schema) = disk.read_all(try_snapshot)?;
        Ok((disk, graph, schema))
    }

    /// Opens the file without reading it whole, when the snapshot beside
    /// it is current: redb reads only its header, the meta table and the
    /// schema, unchecked (a damaged file may make it panic: then, or when
    /// anything else is amiss, `Err`, and the caller opens it checked;
    /// `Stale::Yes` when the snapshot is not of the file's last commit).
    fn open_frozen(
        file: &Path,
        options: &OpenOptions,
    ) -> std::result::Result<(Disk, Graph, SchemaEntries), Stale> {
        let snap_path = snapshot_path(file);
        if !file.is_file() || !snap_path.is_file() || open::needs_repair(file) {
            return Err(Stale::No);
        }
        // Never waiting here: a locked file is waited for (once) by the
        // checked open the caller falls back to.
        let at_once = OpenOptions {
            wait: None,
            ..options.clone()
        };
        open::quietly(|| {
            let opened = open::open_file(file, &at_once, false).map_err(|_| Stale::No)?;
            let tx = opened.db.begin_read().map_err(|_| Stale::No)?;
            let meta = read_meta(&tx).map_err(|_| Stale::No)?;
            // Commits in the journal: the checked open replays them.
            if journal::has_pending(file, meta.generation) {
                return Err(Stale::Yes);
            }
            let graph = snapshot_graph(file, &meta).ok_or(Stale::Yes)?;
            let schema = read_schema(&tx).map_err(|_| Stale::No)?;
            drop(tx);
            let disk = Disk {
                db: Some(opened.db),
                path: file.to_path_buf(),
                options: options.clone(),
                read_only: opened.read_only,
                shrink: false,
                reopen_failed: None,
                generation: meta.generation,
                old_format: false,
                snapshot_current: true,
                checked: false,
                converted: false,
                journal: None,
                deferred: Mutex::default(),
                group: false,
                lost: None,
                flushes_before: 0,
            };
            Ok((disk, graph, schema))
        })
        .unwrap_or(Err(Stale::No))
    }

    /// Why the database cannot be written, when it cannot.
    pub(crate) fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Whether a failed write closed the file: [`Disk::reopen`] it, and
    /// take the graph it holds, before writing again.
    pub(crate) fn needs_reopen(&self) -> bool {
        self.db.is_none()
    }

    /// Opens the file again after a failed write closed it (never
    /// waiting for the lock) and reads what it holds now: the last
    /// committed state, which the graph in memory must become again.
    pub(crate) fn reopen(&mut self) -> Result<(Graph, SchemaEntries)> {
        let options = OpenOptions {
            wait: None,
            ..self.options.clone()
        };
        // Closing redb made what it held durable; the reopen replays what
        // the journal holds after that.
        self.close_journal();
        self.deferred_mut().clear();
        let read = open::open_file(&self.path, &options, true).and_then(|opened| {
            self.db = Some(opened.db);
            self.checked = true;
            self.read_only = opened.read_only;
            self.shrink = true;
            self.recover()?;
            // A failed write: the snapshot is out of date.
            self.read_all(false)
        });
        self.reopen_failed = read.as_ref().err().cloned();
        read
    }

    /// Replays the commits the journal holds and redb lacks (after a
    /// crash), in one durable redb commit (in memory only, for a file
    /// opened read-only), and starts the journal again.
    fn recover(&mut self) -> Result<()> {
        let Some(db) = &self.db else {
            return Ok(());
        };
        let durable = read_meta(&db.begin_read().map_err(storage)?)?.generation;
        let pending = journal::pending(&self.path, durable).map_err(|e| {
            open_error(
                &self.path,
                format!("its commit journal cannot be read ({e})"),
            )
        })?;
        if pending.is_empty() {
            return Ok(());
        }
        let tx = db.begin_write().map_err(storage)?;
        for (_, batch) in &pending {
            journal::apply(batch, &tx)?;
        }
        tx.commit().map_err(storage)?;
        if self.read_only.is_none() {
            Journal::open(&self.path, None).map_err(|e| journal::journal_error(&self.path, &e))?;
        }
        Ok(())
    }

    /// Makes every commit durable in redb and starts the journal again
    /// (before a snapshot of the state is written, and at close).
    pub(crate) fn flush(&mut self) -> Result<()> {
        if self.db.is_none() || self.journal.as_ref().is_none_or(Journal::is_empty) {
            return Ok(());
        }
        // redb makes durable only what the journal has (see `write`).
        self.sync()?;
        let (Some(db), Some(journal)) = (&self.db, self.journal.as_mut()) else {
            return Ok(());
        };
        let deferred = self.deferred.get_mut().unwrap_or_else(|e| e.into_inner());
        let tx = db.begin_write().map_err(storage)?;
        deferred.apply(&tx)?;
        tx.commit().map_err(storage)?;
        deferred.clear();
        journal
            .restart()
            .map_err(|e| journal::journal_error(&self.path, &e))
    }

    fn read_all(&mut self, try_snapshot: bool) -> Result<(Graph, SchemaEntries)> {
        let file_len = std::fs::metadata(&self.path).map_or(0, |m| m.len());
        let path = self.path.clone();
        let read = match &self.db {
            Some(db) => read(db, &path, file_len, try_snapshot),
            None => Err(damaged("the file is closed")),
        };
        read.map(|(graph, schema, meta)| {
            self.generation = meta.generation;
            self.old_format = meta.old_format;
            self.snapshot_current = graph.frozen_generation().is_some();
            (graph, schema)
        })
        .map_err(|e| {
            // A file that cannot be read is not kept open.
            self.db = None;
            open_error(&path, e.message)
        })
    }
}

/// Why opening from the snapshot did not work: `Yes`, it is out of date
/// (no use reading it again); `No`, something else (reading it after the
/// checked open may still work).
enum Stale {
    Yes,
    No,
}

/// What the meta table of a file says.
pub(super) struct Meta {
    old_format: bool,
    generation: u64,
    nodes: u64,
    rels: u64,
}

/// Reads the meta table: the format, the counts, the generation.
fn read_meta(tx: &redb::ReadTransaction) -> Result<Meta> {
    let not_quiver = || damaged("it is not a quiver database");
    let meta = tx.open_table(META).map_err(|_| not_quiver())?;
    let format = meta
        .get("format")
        .map_err(storage)?
        .ok_or_else(not_quiver)?;
    let old_format = format.value() == FORMAT_3;
    if format.value() != FORMAT && !old_format {
        return Err(damaged(format!(
            "it was written by another version of quiver ({})",
            String::from_utf8_lossy(format.value())
        )));
    }
    let number = |key: &str, missing: Option<u64>| -> Result<u64> {
        let Some(v) = meta.get(key).map_err(storage)? else {
            return missing.ok_or_else(not_quiver);
        };
        let b: [u8; 8] = v.value().try_into().map_err(|_| damaged("a bad count"))?;
        Ok(u64::from_le_bytes(b))
    };
    Ok(Meta {
        old_format,
        generation: number("generation", Some(0))?,
        nodes: number("nodes", None)?,
        rels: number("relationships", None)?,
    })
}

/// Reads the graph and schema entries of the file `path` of `file_len`
/// bytes: from its snapshot when that is current (and `try_snapshot`),
/// else from its records.
fn read(
    db: &redb::Database,
    path: &Path,
    file_len: u64,
    try_snapshot: bool,
) -> Result<(Graph, SchemaEntries, Meta)> {
    let tx = db.begin_read().map_err(storage)?;
    let meta = read_meta(&tx)?;
    let snapshot = try_snapshot.then(|| snapshot_graph(path, &meta)).flatten();
    let graph = match snapshot {
        Some(graph) => graph,
        None => read_records(&tx, file_len, &meta)?,
    };
    Ok((graph, read_schema(&tx)?, meta))
}

/// Reads the named schema entries.
fn read_schema(tx: &redb::ReadTransaction) -> Result<SchemaEntries> {
    let mut schema = Vec::new();
    let schema_t = tx
        .open_table(SCHEMA)
        .map_err(|_| damaged("it is not a quiver database"))?;
    for entry in schema_t.iter().map_err(storage)? {
        let (k, v) = entry.map_err(storage)?;
        schema.push((k.value().to_string(), v.value().to_vec()));
    }
    Ok(schema)
}

/// The graph of the snapshot beside `path`, when there is one, it holds
/// the file's generation, and it can be read (a damaged or stale snapshot
/// is passed over: the records are the truth).
fn snapshot_graph(path: &Path, meta: &Meta) -> Option<Graph> {
    if meta.old_format {
        return None;
    }
    let snap = Snapshot::open(&snapshot_path(path)).ok()??;
    if snap.generation != meta.generation
        || snap.node_count != meta.nodes
        || snap.rel_count != meta.rels
    {
        return None;
    }
    Graph::from_snapshot(&snap).ok()
}

/// Reads the graph from the file's records.
fn read_records(tx: &redb::ReadTransaction, file_len: u64, meta: &Meta) -> Result<Graph> {
    let not_quiver = || damaged("it is not a quiver database");
    let (want_nodes, want_rels) = (meta.nodes, meta.rels);
    let names_t = tx.open_table(NAMES).map_err(|_| not_quiver())?;
    let nodes_t = tx.open_table(NODES).map_err(|_| not_quiver())?;
    let rels_t = tx.open_table(RELS).map_err(|_| not_quiver())?;
    // Room for what the counts say, but never more than the file could
    // hold, whatever the counts say: a stored node takes at least 3
    // bytes (its chunk entry and a label count), a relationship 5.
    let capacity = |n: u64, least: u64| usize::try_from(n.min(file_len / least)).unwrap_or(0);
    let mut builder = GraphBuilder::with_capacity(capacity(want_nodes, 3), capacity(want_rels, 5));
    for (i, entry) in names_t.iter().map_err(storage)?.enumerate() {
        let (k, v) = entry.map_err(storage)?;
        if k.value() as usize != i {
            return Err(damaged(format!(
                "name number {} is out of place",
                k.value()
            )));
        }
        builder.names().push(v.value()).map_err(damaged)?;
    }
    let each_chunk = |t: &redb::ReadOnlyTable<u64, &[u8]>,
                      f: reader::ChunkSink<'_>|
     -> std::result::Result<(), String> {
        for entry in t.iter().map_err(|e| e.to_string())? {
            let (k, v) = entry.map_err(|e| e.to_string())?;
            f(k.value(), v.value())?;
        }
        Ok(())
    };
    let read = reader::read(
        &mut builder,
        |f| each_chunk(&nodes_t, f),
        |f| each_chunk(&rels_t, f),
    )
    .map_err(damaged)?;
    let (nodes, rels) = (read.nodes, read.rels);
    builder.set_props(read.node_props, read.rel_props);
    if nodes != want_nodes || rels != want_rels {
        return Err(damaged(format!(
            "it should hold {want_nodes} nodes and {want_rels} relationships but holds {nodes} and {rels}"
        )));
    }
    Ok(builder.finish())
}

impl Disk {
    /// Writes, in one durable transaction, every record changed since
    /// `savepoint` and the schema entries given (`None` removes one).
    ///
    /// A failed write closes the file (redb refuses every later write on
    /// a handle whose write failed): the caller rolls its graph back, then
    /// [`Disk::reopen`]s the file and takes the graph it holds.
    pub(crate) fn save(
        &mut self,
        graph: &Graph,
        savepoint: usize,
        schema: &[(String, Option<Vec<u8>>)],
        history: Option<(&Commit, &[Change])>,
    ) -> Result<()> {
        let (nodes, rels) = graph.touched_since(savepoint);
        if nodes.is_empty() && rels.is_empty() && schema.is_empty() && history.is_none() {
            return Ok(());
        }
        if let Some(reason) = &self.read_only {
            return Err(read_only_error(reason));
        }
        // Commits a failed flush lost are reported (`sync`) before any other.
        if let Some((n, e)) = &self.lost {
            return Err(self.lost_error(*n, e));
        }
        self.check_before_writing()?;
        let Some(db) = &self.db else {
            return Err(self.closed_error());
        };
        if self.journal.is_none() && self.read_only.is_none() {
            self.journal = Journal::open(&self.path, self.options.disk_full_hook.clone()).ok();
        }
        let deferred = self.deferred.get_mut().unwrap_or_else(|e| e.into_inner());
        let changes = Changes {
            touched: (&nodes, &rels),
            schema,
            history,
        };
        match write(
            db,
            graph,
            &changes,
            self.journal.as_mut(),
            deferred,
            self.group,
        ) {
            Ok(generation) => {
                self.generation = generation;
                self.converted |= self.old_format;
                self.old_format = false;
                self.snapshot_current = false;
                if self.shrink {
                    self.shrink_file();
                }
                Ok(())
            }
            Err(mut e) => {
                self.close_journal();
                self.close_after_failure();
                e.message = if e.detail == Detail::DiskFull {
                    format!(
                        "the disk is full: cannot write the database file {} ({}); nothing was written",
                        self.path.display(),
                        e.message
                    )
                } else {
                    format!("cannot write the database file: {}", e.message)
                };
                Err(e)
            }
        }
    }

    /// Why a write is refused while the file is closed after a failed
    /// write: opening it again failed, or it was not tried yet because a
    /// transaction was open (it is tried once the transaction ends).
    fn closed_error(&self) -> Error {
        match &self.reopen_failed {
            Some(failed) => {
                let mut e = failed.clone();
                e.message = format!(
                    "cannot write the database file: it was closed after a write failed, and opening it again failed: {}",
                    e.message
                );
                e
            }
            None => damaged(
                "cannot write the database file: a write failed while the transaction was open, and what it read may not be in the file; it is rolled back, and the database is again what its file holds",
            ),
        }
    }

    /// Has redb check the whole file before the first write through a
    /// handle opened unchecked (see [`Disk::open_frozen`]): a file damaged
    /// outside redb is refused, never written to.
    fn check_before_writing(&mut self) -> Result<()> {
        if self.checked {
            return Ok(());
        }
        let Some(db) = self.db.as_mut() else {
            return Ok(());
        };
        match open::quietly(|| db.check_integrity()) {
            Some(Ok(_)) => {
                self.checked = true;
                Ok(())
            }
            Some(Err(e)) => Err(damaged(format!("the database file is damaged: {e}"))),
            None => Err(damaged("the database file is damaged")),
        }
    }

    /// Gives back the space a failed write left at the end of the file,
    /// now that writing works again. redb's compaction is crash-safe; if
    /// it fails, the file is closed as after any failed write.
    fn shrink_file(&mut self) {
        if let Some(db) = self.db.as_mut() {
            match db.compact() {
                Ok(_) => self.shrink = false,
                Err(_) => self.db = None,
            }
        }
    }
}

impl Disk {
    /// Closes the file after a failed write, dropping the commits that
    /// wait for redb: the caller takes up again what the file holds
    /// ([`Disk::reopen`]).
    pub(super) fn close_after_failure(&mut self) {
        self.db = None;
        self.deferred_mut().clear();
    }

    fn deferred_mut(&mut self) -> &mut Deferred {
        self.deferred.get_mut().unwrap_or_else(|e| e.into_inner())
    }

    /// The history tables as the file holds them now.
    pub(crate) fn history(&self) -> Result<DiskTables> {
        let db = self
            .db
            .as_ref()
            .ok_or_else(|| damaged("the file is closed"))?;
        // redb makes durable only what the journal has (see `write`).
        if let Some(journal) = &self.journal {
            journal.sync().map_err(|e| journal.error(&e))?;
        }
        let mut deferred = self.deferred.lock().unwrap_or_else(|e| e.into_inner());
        deferred.apply_now(db)?;
        Ok(DiskTables::new(db.begin_read().map_err(storage)?))
    }

    /// Drops the history before commit `number`, then gives the space
    /// back to the file system; returns the commits dropped and the bytes
    /// the file shrank by.
    pub(crate) fn compact_history(&mut self, number: u64) -> Result<(u64, u64)> {
        if let Some(reason) = &self.read_only {
            return Err(read_only_error(reason));
        }
        // Commits a failed flush lost are reported (`sync`) before any other.
        if let Some((n, e)) = &self.lost {
            return Err(self.lost_error(*n, e));
        }
        self.check_before_writing()?;
        self.flush()?;
        let size = || std::fs::metadata(&self.path).map_or(0, |m| m.len());
        let before = size();
        let db = self
            .db
            .as_mut()
            .ok_or_else(|| damaged("the file is closed"))?;
        let tx = db.begin_write().map_err(storage)?;
        let dropped = DiskWrite::open(&tx)?.drop_before(number)?;
        tx.commit().map_err(storage)?;
        // Twice: redb frees pages the first pass moved only in a second.
        for _ in 0..2 {
            db.compact().map_err(storage)?;
        }
        Ok((dropped, before.saturating_sub(size())))
    }
}

/// What a checkpoint did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Checkpoint {
    /// Nothing to do: the snapshot holds the file's last commit.
    Current,
    /// Not now: the file cannot be written, or a transaction is open.
    NotNow,
    /// A new snapshot was written; `converted` when the file was of the
    /// format before version 4 and is now of version 4.
    Written { converted: bool },
}

impl Disk {
    /// Writes the snapshot of `graph` (the file's committed state) beside
    /// the file, unless the one there is current (see [`super::snapshot`]).
    /// A failure leaves the file as it was: the next open reads records.
    pub(crate) fn checkpoint(&mut self, graph: &Graph) -> Result<Checkpoint> {
        if self.read_only.is_none() {
            self.flush()?;
        }
        if self.snapshot_current {
            return Ok(Checkpoint::Current);
        }
        let Some(db) = self.db.as_ref().filter(|_| self.read_only.is_none()) else {
            return Ok(Checkpoint::NotNow);
        };
        if graph.has_uncommitted_changes() || graph.frozen_generation().is_some() {
            return Ok(Checkpoint::NotNow);
        }
        let converted = self.old_format || self.converted;
        if self.old_format {
            let tx = db.begin_write().map_err(storage)?;
            {
                let mut meta = tx.open_table(META).map_err(storage)?;
                meta.insert("format", FORMAT).map_err(storage)?;
                meta.insert("generation", self.generation.to_le_bytes().as_slice())
                    .map_err(storage)?;
            }
            tx.commit().map_err(storage)?;
            self.old_format = false;
        }
        write_snapshot(graph, &self.path, self.generation).map_err(|e| {
            Error::runtime(
                ErrorKind::IoError,
                Detail::StorageFailure,
                format!(
                    "cannot write the snapshot beside {}: {e}",
                    self.path.display()
                ),
            )
        })?;
        self.snapshot_current = true;
        self.converted = false;
        Ok(Checkpoint::Written { converted })
    }
}

/// The refusal to write a read-only database, saying why it is one.
pub(crate) fn read_only_error(reason: &str) -> Error {
    Error::runtime(
        ErrorKind::SemanticError,
        Detail::ReadOnlyDatabase,
        format!("cannot write: {reason}"),
    )
}
