//! The database and its file: opening it (read-only, or waiting for
//! another process), refusing writes to a read-only database, and taking
//! the file up again after a write to it failed (a full disk).

use super::Database;
use super::schema::Definition;
use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use crate::parse::ast;
use crate::store::{Checkpoint, Disk, OpenOptions};
use std::collections::BTreeMap;
use std::path::Path;

impl Database {
    /// Opens the database file at `path` as `options` say: creating it if
    /// missing (unless read-only), waiting for another process that holds
    /// it (`wait`), or read-only. Fails (never panics, never empties the
    /// graph) when the file is damaged, not a quiver database, or locked
    /// by another process. A file that cannot be written (its permissions,
    /// a read-only file system) is opened read-only, and
    /// [`Database::read_only`] says why.
    pub fn open_with(path: &Path, options: &OpenOptions) -> Result<Database> {
        let (disk, graph, entries) = Disk::open(path, options)?;
        let last = {
            use crate::history::HistoryTables;
            disk.history().and_then(|t| t.last())?
        };
        let mut db = Database::default();
        db.chronicle = super::history::Chronicle::with_last(last);
        db.definitions = definitions(entries)?;
        db.graph = graph;
        db.disk = Some(disk);
        Ok(db)
    }

    /// Writes the snapshot of the committed graph beside the database
    /// file, so that the next open maps it instead of reading every
    /// record (a checkpoint). Nothing is done when the snapshot there is
    /// current, the database is read-only or in memory, or a transaction
    /// is open. Dropping the database checkpoints too (silently); call
    /// this to see the outcome: `Some` note for the user when the file,
    /// written by an older version of quiver, was converted to this
    /// version's format (older versions cannot open it any more).
    pub fn checkpoint(&mut self) -> Result<Option<String>> {
        if self.transaction.is_some() || self.batch.is_some() || self.chronicle.in_past() {
            return Ok(None);
        }
        let Some(disk) = self.disk.as_mut() else {
            return Ok(None);
        };
        Ok(match disk.checkpoint(&self.graph)? {
            Checkpoint::Written { converted: true } => Some(format!(
                "{} was converted to this version's format (older versions of quiver cannot open it); a snapshot beside it makes it open at once",
                disk.file().display()
            )),
            _ => None,
        })
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        // A failed checkpoint changes nothing: the next open reads records.
        let _ = self.checkpoint();
        // A checkpoint that did not run (a transaction is open) leaves
        // the commits of a group waiting.
        let _ = self.sync();
    }
}

impl Database {
    /// Turns group commit on or off (off by default). With it on, a
    /// statement's commit is written but not flushed to disk before
    /// [`Database::execute`] returns: the statements after it see it at
    /// once, and it is durable once [`Database::sync`] returns, which
    /// makes every commit before it durable with one flush. A program
    /// with several statements at hand runs them, syncs once, and only
    /// then tells anyone that they were committed: many commits a flush
    /// instead of one. Turning it off syncs. A database without a file
    /// has nothing to sync.
    pub fn set_group_commit(&mut self, on: bool) -> Result<()> {
        let Some(disk) = self.disk.as_mut() else {
            return Ok(());
        };
        let set = disk.set_group_commit(on);
        if set.is_err() {
            self.take_up_file_again();
        }
        set
    }

    /// The commits made that are not durable yet: each waits for
    /// [`Database::sync`] (always 0 with group commit off).
    pub fn unsynced(&self) -> usize {
        self.disk.as_ref().map_or(0, Disk::unsynced)
    }

    /// A count that grows whenever the commits made before are durable:
    /// results held back for them can be let out.
    #[cfg_attr(not(feature = "cli"), expect(dead_code))]
    pub(crate) fn flushes(&self) -> u64 {
        self.disk.as_ref().map_or(0, Disk::flushes)
    }

    /// Makes every commit made so far durable (see
    /// [`Database::set_group_commit`]). When the flush fails, the commits
    /// that waited for it are lost: `Err` says how many, and the database
    /// becomes again what its file holds, without them.
    pub fn sync(&mut self) -> Result<()> {
        let Some(disk) = self.disk.as_mut() else {
            return Ok(());
        };
        let synced = disk.sync();
        if synced.is_err() {
            self.take_up_file_again();
        }
        synced
    }
}

impl Database {
    /// Opens the database file at `path` for reading only: nothing is
    /// ever written to it, every write is refused, and other read-only
    /// processes can read it at the same time.
    pub fn open_read_only(path: &Path) -> Result<Database> {
        let options = OpenOptions {
            read_only: true,
            ..OpenOptions::default()
        };
        Database::open_with(path, &options)
    }

    /// Why the database cannot be written, when it cannot (opened
    /// read-only, or its file cannot be written).
    pub fn read_only(&self) -> Option<&str> {
        self.chronicle
            .read_only()
            .or_else(|| self.disk.as_ref().and_then(Disk::read_only))
    }

    /// Refuses a statement that would write to a read-only database,
    /// before anything runs, pointing at the clause that writes.
    pub(super) fn refuse_writes(&self, statement: &ast::Statement) -> Result<()> {
        let Some(reason) = self.read_only() else {
            return Ok(());
        };
        match writes(statement) {
            Some((what, span)) => Err(Error::compile(
                ErrorKind::SemanticError,
                Detail::ReadOnlyDatabase,
                format!("{what} cannot run: {reason}"),
                Some(span),
            )),
            None => Ok(()),
        }
    }

    /// Refuses a bulk write (an import) to a read-only database.
    pub(super) fn refuse_bulk_writes(&self) -> Result<()> {
        match self.read_only() {
            Some(reason) => Err(crate::store::read_only_error(reason)),
            None => Ok(()),
        }
    }

    /// After a write to the file failed (and the graph was rolled back),
    /// opens the file again and makes the graph what the file holds:
    /// redb refuses every write on a handle whose write failed, and only
    /// the file knows for sure what was committed. When the file cannot
    /// be opened again (the disk is still full), the graph stays as it
    /// is, for reading, and the next statement tries again. Inside a
    /// transaction or batch that has written, this waits for its end.
    pub(super) fn take_up_file_again(&mut self) {
        let Some(disk) = self.disk.as_mut() else {
            return;
        };
        let here = self.graph.savepoint();
        let clean = |start: Option<usize>| start.is_none_or(|s| s == here);
        if !disk.needs_reopen() || !clean(self.transaction) || !clean(self.batch) {
            return;
        }
        let Ok((graph, entries)) = disk.reopen() else {
            return;
        };
        let Ok(definitions) = definitions(entries) else {
            return;
        };
        self.graph = graph;
        self.definitions = definitions;
        // Commits a failed flush lost had their numbers: the next is the
        // one after the file's last.
        use crate::history::HistoryTables;
        if let Ok(last) = disk.history().and_then(|t| t.last()) {
            self.chronicle.reset_last(last);
        }
        let start = self.graph.savepoint();
        self.transaction = self.transaction.map(|_| start);
        self.batch = self.batch.map(|_| start);
    }
}

/// The declared indexes and constraints from their stored entries.
fn definitions(entries: Vec<(String, Vec<u8>)>) -> Result<BTreeMap<String, Definition>> {
    entries
        .into_iter()
        .map(|(name, bytes)| Definition::decode(&name, &bytes).map(|d| (name, d)))
        .collect()
}

/// The first thing in `statement` that writes: its keyword and span.
pub(super) fn writes(statement: &ast::Statement) -> Option<(&'static str, crate::span::Span)> {
    use ast::SchemaCommand as S;
    use ast::StatementKind as K;
    match &statement.kind {
        K::Query(query) | K::Profile(query) => query.first_write(),
        K::Schema(command) => {
            let what = match command {
                S::CreateIndex { .. } => "CREATE INDEX",
                S::CreateUnique { .. } => "CREATE CONSTRAINT",
                S::DropIndex { .. } => "DROP INDEX",
                S::DropConstraint { .. } => "DROP CONSTRAINT",
                S::ShowIndexes | S::ShowConstraints => return None,
            };
            Some((what, statement.span))
        }
        K::Explain(_) | K::Begin | K::Commit | K::Rollback => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::DiskFullHook;
    use crate::value::Value;

    /// A folder, the database file in it, and the flag of the disk-full
    /// test hook (see `DiskFullHook`).
    /// A database in a temporary folder (kept while the first value
    /// lives), opened with the disk hook whose flag file is the third
    /// (absent: the disk works), holding one node `:A`.
    fn hooked() -> (
        tempfile::TempDir,
        std::path::PathBuf,
        std::path::PathBuf,
        Database,
    ) {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let (path, flag) = (dir.path().join("g.quiver"), dir.path().join("flag"));
        let options = OpenOptions {
            disk_full_hook: Some(DiskFullHook { flag: flag.clone() }),
            ..OpenOptions::default()
        };
        let mut db = Database::open_with(&path, &options).expect("a new database");
        db.execute("CREATE (:A)", &Default::default())
            .expect("a write");
        (dir, path, flag, db)
    }

    fn count(db: &mut Database) -> Value {
        let result = db.execute("MATCH (n) RETURN count(n)", &Default::default());
        result.expect("a count").rows[0][0].clone()
    }

    #[test]
    fn read_only_handles_share_the_file_and_refuse_writes() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("g.quiver");
        let mut db = Database::open(&path).expect("a new database");
        db.execute("CREATE (:A)", &Default::default())
            .expect("a write");
        drop(db);

        let mut first = Database::open_read_only(&path).expect("read-only");
        let mut second = Database::open_read_only(&path).expect("read-only too");
        assert_eq!(count(&mut first), Value::Int(1));
        assert_eq!(count(&mut second), Value::Int(1));
        let e = first
            .execute("MATCH (n) SET n.x = 1", &Default::default())
            .expect_err("refused");
        assert_eq!(
            (e.kind, e.detail),
            (ErrorKind::SemanticError, Detail::ReadOnlyDatabase)
        );
        assert_eq!(
            e.message,
            "SET cannot run: the database was opened read-only (--read-only)"
        );
        first.begin().expect("a transaction");
        let bulk = first.bulk_create_node(&["B"], Vec::<(String, Value)>::new());
        assert_eq!(bulk.expect_err("refused").detail, Detail::ReadOnlyDatabase);
        first.rollback().expect("rolled back");

        let writer = Database::open(&path).expect_err("held by the readers");
        assert!(
            writer
                .message
                .ends_with("it is already open in this process"),
            "{}",
            writer.message
        );
        drop((first, second));
        let mut db = Database::open(&path).expect("free again");
        assert_eq!(count(&mut db), Value::Int(1));
        drop(db);
    }

    #[test]
    fn a_full_disk_fails_the_write_and_the_database_goes_on() {
        let (_dir, path, flag, mut db) = hooked();
        std::fs::write(&flag, "0").expect("the flag");
        let e = db
            .execute(
                "UNWIND range(1, 100) AS i CREATE (:B {i: i})",
                &Default::default(),
            )
            .expect_err("the disk is full");
        assert_eq!(e.detail, Detail::DiskFull);
        assert!(e.message.starts_with("the disk is full: "), "{}", e.message);
        assert_eq!(count(&mut db), Value::Int(1));
        std::fs::remove_file(&flag).expect("room again");
        db.execute("CREATE (:C)", &Default::default())
            .expect("a write");
        assert_eq!(count(&mut db), Value::Int(2));
        drop(db);
        let mut db = Database::open(&path).expect("the database again");
        assert_eq!(count(&mut db), Value::Int(2));
        drop(db);
    }

    /// Without group commit, a failed flush fails its own commit only:
    /// nothing else waits, and `sync` has nothing to report; with it, the
    /// commits that waited are reported lost once, and taken back.
    #[test]
    fn a_failed_flush_fails_its_commit_or_the_group() {
        let (_dir, path, flag, mut db) = hooked();
        std::fs::write(&flag, "flush fails").expect("the flag");
        let e = db
            .execute("CREATE (:B)", &Default::default())
            .expect_err("the flush fails");
        assert_eq!(e.detail, Detail::StorageFailure);
        assert_eq!((db.unsynced(), db.sync().is_ok()), (0, true));
        assert_eq!(count(&mut db), Value::Int(1));
        db.set_group_commit(true).expect("group commit");
        for label in ["C", "D"] {
            db.execute(&format!("CREATE (:{label})"), &Default::default())
                .expect("a write that waits");
        }
        assert_eq!((db.unsynced(), count(&mut db)), (2, Value::Int(3)));
        let e = db.sync().expect_err("the flush fails");
        let journal = format!("{}.journal", path.display());
        assert_eq!(
            e.message,
            format!(
                "the last 2 commits could not be made durable, and were taken back: cannot write the commit journal {journal}: Input/output error (a failing disk)"
            )
        );
        assert_eq!((db.unsynced(), count(&mut db)), (0, Value::Int(1)));
        std::fs::remove_file(&flag).expect("a working disk again");
        db.execute("CREATE (:E)", &Default::default())
            .expect("a write");
        db.sync().expect("durable");
        drop(db);
        let mut db = Database::open(&path).expect("the database again");
        assert_eq!(count(&mut db), Value::Int(2));
    }

    /// A flush that fails while a transaction is open: the transaction
    /// read the lost commits, so its COMMIT fails, and then the database
    /// is what its file holds.
    #[test]
    fn a_failed_flush_inside_a_transaction_fails_the_transaction() {
        let (_dir, path, flag, mut db) = hooked();
        db.set_group_commit(true).expect("group commit");
        std::fs::write(&flag, "flush fails").expect("the flag");
        db.execute("CREATE (:C)", &Default::default())
            .expect("a write that waits");
        db.begin().expect("a transaction");
        db.execute("CREATE (:T)", &Default::default())
            .expect("a write in the transaction");
        db.sync().expect_err("the flush fails");
        let e = db.commit().expect_err("the transaction read lost commits");
        assert_eq!(
            (e.detail, e.message.as_str()),
            (
                Detail::StorageFailure,
                "cannot write the database file: a write failed while the transaction was open, and what it read may not be in the file; it is rolled back, and the database is again what its file holds"
            )
        );
        assert_eq!((db.unsynced(), count(&mut db)), (0, Value::Int(1)));
        std::fs::remove_file(&flag).expect("a working disk again");
        db.execute("CREATE (:E)", &Default::default())
            .expect("a write");
        drop(db);
        let mut db = Database::open(&path).expect("the database again");
        assert_eq!(count(&mut db), Value::Int(2));
        // The file held commit 1: the write after it is commit 2.
        let numbers = db.execute(
            "MATCH (e:E) RETURN [h IN history(e) | h.commit]",
            &Default::default(),
        );
        let numbers = numbers.expect("the history").rows[0][0].clone();
        assert_eq!(numbers, Value::List(vec![Value::Int(2)]));
    }
}
