//! The commit journal: a file beside the database (`quiver.db.journal`)
//! that makes a commit durable with one small sequential write and one
//! flush, where a durable redb commit writes a few pages at scattered
//! places and its header.
//!
//! A commit's writes are first collected as a [`Batch`] (the same
//! inserts and removals, encoded), appended to the journal and flushed
//! (with group commit, several commits' entries share one flush, see
//! [`super::group`]); then the batch is applied to redb in a commit that
//! is not flushed (`Durability::None`). Every [`CHECKPOINT_COMMITS`]
//! commits or [`CHECKPOINT_BYTES`] of journal, for a big commit (over half
//! a megabyte: an import, a bulk `UNWIND`), when the database closes and
//! before a snapshot is written, one durable redb commit makes everything
//! before it durable and the journal starts again at its beginning.
//!
//! After a crash, redb holds its last durable commit, whose `generation`
//! (see [`super::snapshot`]) is the `before` of an entry of the journal
//! when the journal holds commits that redb lacks (the first, or a later
//! one when redb made batches it held durable as it closed): [`pending`]
//! returns the chain of entries from that one, each following the one
//! before, up to the first that is torn (its checksum fails) or does not
//! follow. Generations are random, so an entry left from an earlier round
//! of the journal never follows by chance. Every commit is applied from
//! its encoded batch, so the code that replays a journal runs at every
//! commit.

use super::backend::{Budget, DiskFullHook};
use super::history_tables::{PARTS, RUNS, VERSIONS};
use super::persist::{META, NAMES, NODES, RELS, SCHEMA, storage};
use crate::error::{Error, ErrorKind, Result};
use crate::history::HistoryWrite;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// After this many commits in the journal, the next is a durable redb
/// commit (which empties it).
pub(crate) const CHECKPOINT_COMMITS: u32 = 2000;
/// Or after this many bytes.
pub(super) const CHECKPOINT_BYTES: u64 = 16 << 20;
/// A commit whose writes take more than this goes straight to redb.
const BIG_COMMIT: u64 = PREALLOCATED / 2;
/// The journal's length when made: written once with zeros, so that a
/// commit's flush has only data to write, not the file's new length.
const PREALLOCATED: u64 = 1 << 20;
/// An entry's header: payload length, checksum, `before` and `after`
/// generations.
const HEADER: usize = 24;

/// The journal beside a database file.
pub(super) fn journal_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".journal");
    PathBuf::from(name)
}

/// The kinds of write a batch holds.
#[derive(Clone, Copy)]
#[repr(u8)]
enum Kind {
    Meta = 1,
    Name,
    Node,
    Rel,
    Schema,
    Part,
    Version,
    Run,
}

/// One commit's writes to the redb tables, encoded.
#[derive(Default)]
pub(super) struct Batch {
    bytes: Vec<u8>,
}

impl Batch {
    fn kind(&mut self, kind: Kind) {
        self.bytes.push(kind as u8);
    }

    fn u64(&mut self, v: u64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }

    fn data(&mut self, v: &[u8]) {
        self.bytes
            .extend_from_slice(&(v.len() as u32).to_le_bytes());
        self.bytes.extend_from_slice(v);
    }

    /// `None` removes the entry.
    fn maybe(&mut self, v: Option<&[u8]>) {
        match v {
            Some(v) => {
                self.bytes.push(1);
                self.data(v);
            }
            None => self.bytes.push(0),
        }
    }

    pub(super) fn put_meta(&mut self, key: &str, value: &[u8]) {
        self.kind(Kind::Meta);
        self.data(key.as_bytes());
        self.data(value);
    }

    pub(super) fn put_name(&mut self, id: u32, name: &str) {
        self.kind(Kind::Name);
        self.u64(u64::from(id));
        self.data(name.as_bytes());
    }

    /// A chunk of node records (or relationship records, `rels`).
    pub(super) fn put_chunk(&mut self, rels: bool, chunk: u64, value: Option<&[u8]>) {
        self.kind(if rels { Kind::Rel } else { Kind::Node });
        self.u64(chunk);
        self.maybe(value);
    }

    pub(super) fn put_schema(&mut self, name: &str, value: Option<&[u8]>) {
        self.kind(Kind::Schema);
        self.data(name.as_bytes());
        self.maybe(value);
    }

    pub(super) fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl HistoryWrite for Batch {
    fn put_part(&mut self, number: u64, key: u64, bytes: &[u8]) -> Result<()> {
        self.kind(Kind::Part);
        self.u64(number);
        self.u64(key);
        self.data(bytes);
        Ok(())
    }

    fn put_version(&mut self, key: u64, number: u64) -> Result<()> {
        self.kind(Kind::Version);
        self.u64(key);
        self.u64(number);
        Ok(())
    }

    fn put_run(&mut self, start: u64, number: u64, end: u64) -> Result<()> {
        self.kind(Kind::Run);
        self.u64(start);
        self.u64(number);
        self.u64(end);
        Ok(())
    }
}

fn malformed() -> Error {
    super::persist::damaged("the commit journal holds a malformed entry")
}

/// Reads a batch back.
struct Reader<'b>(&'b [u8]);

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Result<&'b [u8]> {
        if self.0.len() < n {
            return Err(malformed());
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Ok(a)
    }

    fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }

    fn u64(&mut self) -> Result<u64> {
        let b = self.take(8)?;
        Ok(u64::from_le_bytes(b.try_into().map_err(|_| malformed())?))
    }

    fn data(&mut self) -> Result<&'b [u8]> {
        let b = self.take(4)?;
        let n = u32::from_le_bytes(b.try_into().map_err(|_| malformed())?);
        self.take(n as usize)
    }

    fn str(&mut self) -> Result<&'b str> {
        std::str::from_utf8(self.data()?).map_err(|_| malformed())
    }

    fn maybe(&mut self) -> Result<Option<&'b [u8]>> {
        match self.u8()? {
            0 => Ok(None),
            _ => self.data().map(Some),
        }
    }
}

/// The tables a batch writes, each opened when first written.
#[derive(Default)]
struct Tables<'t> {
    meta: Option<redb::Table<'t, &'static str, &'static [u8]>>,
    names: Option<redb::Table<'t, u32, &'static str>>,
    nodes: Option<redb::Table<'t, u64, &'static [u8]>>,
    rels: Option<redb::Table<'t, u64, &'static [u8]>>,
    schema: Option<redb::Table<'t, &'static str, &'static [u8]>>,
    parts: Option<redb::Table<'t, (u64, u64), &'static [u8]>>,
    versions: Option<redb::Table<'t, (u64, u64), ()>>,
    runs: Option<redb::Table<'t, (u64, u64), u64>>,
}

/// The table in `slot`, opened in `tx` if it is not yet.
fn table<'s, 't, K: redb::Key + 'static, V: redb::Value + 'static>(
    slot: &'s mut Option<redb::Table<'t, K, V>>,
    tx: &'t redb::WriteTransaction,
    def: redb::TableDefinition<K, V>,
) -> Result<&'s mut redb::Table<'t, K, V>> {
    if slot.is_none() {
        *slot = Some(tx.open_table(def).map_err(storage)?);
    }
    slot.as_mut().ok_or_else(malformed)
}

/// One write of a batch, decoded.
pub(super) enum Entry<'b> {
    Meta(&'b str, &'b [u8]),
    Name(u32, &'b str),
    /// A chunk of node records, or of relationship records (`rels`);
    /// `None` removes it.
    Chunk {
        rels: bool,
        chunk: u64,
        value: Option<&'b [u8]>,
    },
    Schema(&'b str, Option<&'b [u8]>),
    Part(u64, u64, &'b [u8]),
    Version(u64, u64),
    Run(u64, u64, u64),
}

/// Calls `f` with each write of an encoded batch (or of several, one
/// after the other), in order.
pub(super) fn decode<'b>(
    bytes: &'b [u8],
    mut f: impl FnMut(Entry<'b>) -> Result<()>,
) -> Result<()> {
    let mut r = Reader(bytes);
    while !r.0.is_empty() {
        let kind = r.u8()?;
        let entry = match kind {
            k if k == Kind::Meta as u8 => Entry::Meta(r.str()?, r.data()?),
            k if k == Kind::Name as u8 => {
                let id = u32::try_from(r.u64()?).map_err(|_| malformed())?;
                Entry::Name(id, r.str()?)
            }
            k if k == Kind::Node as u8 || k == Kind::Rel as u8 => Entry::Chunk {
                rels: k == Kind::Rel as u8,
                chunk: r.u64()?,
                value: r.maybe()?,
            },
            k if k == Kind::Schema as u8 => Entry::Schema(r.str()?, r.maybe()?),
            k if k == Kind::Part as u8 => Entry::Part(r.u64()?, r.u64()?, r.data()?),
            k if k == Kind::Version as u8 => Entry::Version(r.u64()?, r.u64()?),
            k if k == Kind::Run as u8 => Entry::Run(r.u64()?, r.u64()?, r.u64()?),
            _ => return Err(malformed()),
        };
        f(entry)?;
    }
    Ok(())
}

/// Applies an encoded batch (or several, one after the other) to a write
/// transaction.
pub(super) fn apply(bytes: &[u8], tx: &redb::WriteTransaction) -> Result<()> {
    let mut t = Tables::default();
    decode(bytes, |entry| {
        match entry {
            Entry::Meta(key, value) => table(&mut t.meta, tx, META)?.insert(key, value).map(drop),
            Entry::Name(id, name) => table(&mut t.names, tx, NAMES)?.insert(id, name).map(drop),
            Entry::Chunk { rels, chunk, value } => {
                let t = match rels {
                    true => table(&mut t.rels, tx, RELS)?,
                    false => table(&mut t.nodes, tx, NODES)?,
                };
                match value {
                    Some(v) => t.insert(chunk, v).map(drop),
                    None => t.remove(chunk).map(drop),
                }
            }
            Entry::Schema(name, value) => {
                let t = table(&mut t.schema, tx, SCHEMA)?;
                match value {
                    Some(v) => t.insert(name, v).map(drop),
                    None => t.remove(name).map(drop),
                }
            }
            Entry::Part(n, key, bytes) => table(&mut t.parts, tx, PARTS)?
                .insert((n, key), bytes)
                .map(drop),
            Entry::Version(key, n) => table(&mut t.versions, tx, VERSIONS)?
                .insert((key, n), ())
                .map(drop),
            Entry::Run(start, n, end) => table(&mut t.runs, tx, RUNS)?
                .insert((start, n), end)
                .map(drop),
        }
        .map_err(storage)
    })
}

/// Writes zeros from `len` up to [`PREALLOCATED`] bytes.
fn preallocate(f: &mut File, len: u64) -> std::io::Result<()> {
    if len >= PREALLOCATED {
        return Ok(());
    }
    f.seek(SeekFrom::Start(len))?;
    let zeros = vec![0u8; 64 << 10];
    let mut at = len;
    while at < PREALLOCATED {
        let n = (PREALLOCATED - at).min(zeros.len() as u64) as usize;
        f.write_all(&zeros[..n])?;
        at += n as u64;
    }
    Ok(())
}

/// The journal file, open for appending.
pub(super) struct Journal {
    file: File,
    /// The database file it belongs to.
    db: PathBuf,
    /// The test hook of a full disk: what is left of the pretend disk.
    budget: Budget,
    /// Where the next entry goes.
    end: u64,
    /// The entries since the journal last started again.
    commits: u32,
    /// The entries written but not flushed yet (group commit, see
    /// [`Journal::sync`]); behind a lock, as reading history flushes them
    /// through a shared handle.
    waiting: Mutex<Waiting>,
}

/// The entries of a [`Journal`] written but not flushed yet.
#[derive(Default)]
struct Waiting {
    /// Where the first starts, and how many there are.
    entries: Option<(u64, u32)>,
    /// A flush failed: what it left unflushed is lost, whatever a later
    /// flush says (an error the kernel reported once is not reported
    /// again), and nothing more is written; the error it met.
    broken: Option<(std::io::ErrorKind, String)>,
    /// The flushes that made waiting entries durable, and the restarts.
    flushes: u64,
}

impl Waiting {
    /// The error of a journal that a failed flush left broken.
    fn broken(&self) -> Option<std::io::Error> {
        let (kind, message) = self.broken.as_ref()?;
        Some(std::io::Error::new(*kind, message.clone()))
    }

    /// A flush failed with `e`: the journal is broken.
    fn break_on(&mut self, e: &std::io::Error) {
        self.broken = Some((e.kind(), e.to_string()));
    }
}

impl Journal {
    /// Opens (or makes) the journal beside `file`, empty: the caller has
    /// made redb durable, or found nothing to replay.
    pub(super) fn open(file: &Path, hook: Option<DiskFullHook>) -> std::io::Result<Journal> {
        let path = journal_path(file);
        let made = !path.exists();
        let mut f = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)?;
        let len = f.metadata()?.len();
        if let Err(e) = preallocate(&mut f, len) {
            if made {
                let _ = std::fs::remove_file(&path);
            }
            return Err(e);
        }
        let mut journal = Journal {
            file: f,
            db: file.to_path_buf(),
            budget: Budget::new(hook),
            end: 0,
            commits: 0,
            waiting: Mutex::default(),
        };
        journal.restart()?;
        // Starting is not a flush of anything that waited.
        journal.waiting().flushes = 0;
        if made {
            crate::io::atomic::sync_parent(&path)?;
        }
        Ok(journal)
    }

    /// Appends one commit's batch, `before` and `after` being the
    /// generations of the states it leads from and to, and flushes it
    /// (with the entries before it that wait) unless `wait`: then it is
    /// durable only once [`Journal::sync`] says so.
    pub(super) fn append(
        &mut self,
        before: u64,
        after: u64,
        batch: &[u8],
        wait: bool,
    ) -> std::io::Result<()> {
        if let Some(e) = self.waiting().broken() {
            return Err(e);
        }
        let mut entry = Vec::with_capacity(HEADER + batch.len());
        let len = u32::try_from(batch.len())
            .map_err(|_| std::io::Error::other("a commit too large for the journal"))?;
        entry.extend_from_slice(&len.to_le_bytes());
        entry.extend_from_slice(&[0; 4]);
        entry.extend_from_slice(&before.to_le_bytes());
        entry.extend_from_slice(&after.to_le_bytes());
        entry.extend_from_slice(batch);
        let crc = crc32fast::hash(&entry[8..]);
        entry[4..8].copy_from_slice(&crc.to_le_bytes());
        let at = self.end;
        self.budget.spend(entry.len() as u64)?;
        if let Err(e) = self.file.write_all_at(&entry, at) {
            // The commit fails: its entry, whole or not, must never be
            // replayed. The flush makes the entries that wait durable.
            let zeroed =
                (self.file.write_all_at(&[0; HEADER], at)).and_then(|()| self.file.sync_data());
            let waiting = self
                .waiting
                .get_mut()
                .unwrap_or_else(PoisonError::into_inner);
            match (zeroed, waiting.entries) {
                (Ok(()), _) => waiting.entries = None,
                (Err(flush), first) => {
                    // Those that waited are lost: never replay them.
                    waiting.break_on(&flush);
                    if let Some((first, _)) = first {
                        let _ = self.file.write_all_at(&[0; HEADER], first);
                    }
                }
            }
            return Err(e);
        }
        self.end += entry.len() as u64;
        self.commits += 1;
        let waiting = self
            .waiting
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner);
        let (first, n) = waiting.entries.unwrap_or((at, 0));
        waiting.entries = Some((first, n + 1));
        if wait {
            return Ok(());
        }
        self.sync().inspect_err(|_| {
            // This commit fails with the error; only those that waited
            // before it are lost.
            let waiting = self
                .waiting
                .get_mut()
                .unwrap_or_else(PoisonError::into_inner);
            waiting.entries = waiting
                .entries
                .filter(|&(_, n)| n > 1)
                .map(|(f, n)| (f, n - 1));
        })
    }

    fn waiting(&self) -> std::sync::MutexGuard<'_, Waiting> {
        self.waiting.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// How often entries that waited were made durable (by a flush, or by
    /// a durable redb commit before a restart): what waited before one of
    /// them is durable.
    pub(super) fn flushes(&self) -> u64 {
        self.waiting().flushes
    }

    /// The commits appended that wait for [`Journal::sync`].
    pub(super) fn unsynced(&self) -> u32 {
        self.waiting().entries.map_or(0, |(_, n)| n)
    }

    /// Flushes the entries that wait, making their commits durable. When
    /// the flush fails they are lost: the first of them is zeroed (as
    /// best it can be) so that none is ever replayed, and the journal
    /// takes no more entries.
    pub(super) fn sync(&self) -> std::io::Result<()> {
        let mut waiting = self.waiting();
        if let Some(e) = waiting.broken() {
            return Err(e);
        }
        let Some((first, _)) = waiting.entries else {
            return Ok(());
        };
        match self.budget.flush().and_then(|()| self.file.sync_data()) {
            Ok(()) => {
                waiting.entries = None;
                waiting.flushes += 1;
                Ok(())
            }
            Err(e) => {
                waiting.break_on(&e);
                let _ = (self.file.write_all_at(&[0; HEADER], first))
                    .and_then(|()| self.file.sync_data());
                Err(e)
            }
        }
    }

    /// Starts again at the beginning, once redb holds every entry
    /// durably.
    /// A journal that grew past its first megabyte is cut back to it.
    pub(super) fn restart(&mut self) -> std::io::Result<()> {
        self.file.write_all_at(&[0; HEADER], 0)?;
        self.file.sync_data()?;
        if self.file.metadata()?.len() > PREALLOCATED {
            self.file.set_len(PREALLOCATED)?;
            self.file.sync_all()?;
        }
        self.end = 0;
        self.commits = 0;
        let mut waiting = self.waiting();
        waiting.entries = None;
        waiting.flushes += 1;
        Ok(())
    }

    /// Whether a commit whose batch takes `bytes` goes to the journal; if
    /// not (a big commit, or the journal is due for a checkpoint) it is a
    /// durable redb commit: a big one would only be written twice.
    pub(super) fn takes(&self, bytes: usize) -> bool {
        self.commits < CHECKPOINT_COMMITS
            && self.end + bytes as u64 <= CHECKPOINT_BYTES
            && bytes as u64 <= BIG_COMMIT
    }

    /// The error of a failed write to it.
    pub(super) fn error(&self, e: &std::io::Error) -> Error {
        journal_error(&self.db, e)
    }

    /// Whether it holds commits redb may not hold durably.
    pub(super) fn is_empty(&self) -> bool {
        self.commits == 0
    }
}

/// Whether the journal beside `file` holds commits that follow the
/// state of generation `durable` (which redb lacks, after a crash). Only
/// the first entry's header is read when the journal is empty.
pub(super) fn has_pending(file: &Path, durable: u64) -> bool {
    !matches!(pending(file, durable), Ok(p) if p.is_empty())
}

/// The batches of the journal beside `file` that redb, whose durable
/// state is of generation `durable`, lacks, in order; each with the
/// generation it leads to.
pub(super) fn pending(file: &Path, durable: u64) -> std::io::Result<Vec<(u64, Vec<u8>)>> {
    let mut f = match File::open(journal_path(file)) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut first = [0u8; HEADER];
    // A journal started again (or never written) begins with zeros.
    if f.read_exact(&mut first).is_err() || first == [0; HEADER] {
        return Ok(Vec::new());
    }
    let mut bytes = Vec::new();
    f.seek(SeekFrom::Start(0))?;
    f.read_to_end(&mut bytes)?;
    // The chain of entries from the start, each following the one before;
    // redb's durable state is where one of them starts (redb may have
    // made durable, at a close, batches it held without a flush).
    let mut chain = Vec::new();
    let (mut at, mut generation) = (0usize, None);
    while let Some(head) = bytes.get(at..at + HEADER) {
        let word = |i: usize| u64::from_le_bytes(head[i..i + 8].try_into().unwrap_or_default());
        let len = u32::from_le_bytes(head[0..4].try_into().unwrap_or_default()) as usize;
        let crc = u32::from_le_bytes(head[4..8].try_into().unwrap_or_default());
        let Some(entry) = bytes.get(at + 8..at + HEADER + len) else {
            break;
        };
        let follows = generation.is_none_or(|g| g == word(8));
        if crc32fast::hash(entry) != crc || !follows || word(16) == 0 {
            break;
        }
        generation = Some(word(16));
        chain.push((word(8), word(16), &entry[16..]));
        at += HEADER + len;
    }
    let Some(start) = chain.iter().position(|(before, _, _)| *before == durable) else {
        return Ok(Vec::new());
    };
    Ok(chain[start..]
        .iter()
        .map(|(_, after, batch)| (*after, batch.to_vec()))
        .collect())
}

/// Makes an error of a journal failure. A full disk says only that (the
/// caller names the database), as a full disk under the file itself does.
pub(super) fn journal_error(file: &Path, e: &std::io::Error) -> Error {
    let (detail, message) = match super::persist::is_disk_full(e) {
        true => (crate::error::Detail::DiskFull, e.to_string()),
        false => (
            crate::error::Detail::StorageFailure,
            format!(
                "cannot write the commit journal {}: {e}",
                journal_path(file).display()
            ),
        ),
    };
    Error::runtime(ErrorKind::IoError, detail, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A journal beside `db` holding `entries` (before, after, batch) in
    /// order, each encoded as `Journal::append` writes it.
    fn journal_of(db: &Path, entries: &[(u64, u64, &[u8])]) -> Vec<u8> {
        let mut j = Journal::open(db, None).expect("a journal");
        for (before, after, batch) in entries {
            j.append(*before, *after, batch, false).expect("appended");
        }
        std::fs::read(journal_path(db)).expect("the journal")
    }

    #[test]
    fn only_the_chain_that_follows_the_durable_state_is_pending() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let db = dir.path().join("g.quiver");
        let bytes = journal_of(&db, &[(7, 8, b"a"), (8, 9, b"bb"), (9, 10, b"ccc")]);
        let at = |g| pending(&db, g).expect("read");
        assert_eq!(
            at(7),
            vec![
                (8, b"a".to_vec()),
                (9, b"bb".to_vec()),
                (10, b"ccc".to_vec())
            ]
        );
        // redb holds the first (it made what it held durable as it
        // closed): the rest.
        assert_eq!(at(8), vec![(9, b"bb".to_vec()), (10, b"ccc".to_vec())]);
        // redb already holds them all (or another state): nothing.
        assert!(at(10).is_empty() && at(1).is_empty());
        assert!(has_pending(&db, 7) && !has_pending(&db, 10));
        // A torn last entry ends the chain before it.
        let mut torn = bytes.clone();
        let last = torn.iter().rposition(|&b| b != 0).expect("entries");
        torn[last] ^= 1;
        std::fs::write(journal_path(&db), &torn).expect("write");
        assert_eq!(at(7).len(), 2);
        // An entry that does not follow ends it too (one left from an
        // earlier round of the journal).
        let mut stale = bytes.clone();
        let second = HEADER + 1;
        stale[second + 8..second + 16].copy_from_slice(&5u64.to_le_bytes());
        let crc = crc32fast::hash(&stale[second + 8..second + HEADER + 2]);
        stale[second + 4..second + 8].copy_from_slice(&crc.to_le_bytes());
        std::fs::write(journal_path(&db), &stale).expect("write");
        assert_eq!(at(7).len(), 1);
        // A restarted journal holds nothing, whatever lies after its start.
        std::fs::write(journal_path(&db), &bytes).expect("write");
        Journal::open(&db, None)
            .expect("opens")
            .restart()
            .expect("restarts");
        assert!(at(7).is_empty());
    }

    #[test]
    fn a_malformed_batch_is_an_error() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let db = redb::Database::create(dir.path().join("x.redb")).expect("a redb file");
        let tx = db.begin_write().expect("a transaction");
        for bad in [
            &[0u8][..],
            &[99],
            &[Kind::Meta as u8, 5, 0, 0],
            &[Kind::Name as u8, 1],
        ] {
            assert!(apply(bad, &tx).is_err(), "{bad:?}");
        }
        let mut good = Batch::default();
        good.put_meta("k", b"v");
        assert!(apply(good.as_bytes(), &tx).is_ok());
    }
}
