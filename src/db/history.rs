//! The database's commit history: numbering commits and stamping them with
//! metadata, the log, diffs, going back to an earlier state (`--as-of`),
//! the provenance of entities, and dropping old history.

use super::Database;
use crate::error::{Detail, Error, ErrorKind, Result};
use crate::exec::history::{HistoryCtx, HistorySource, check_metadata};
use crate::history::{
    self, AsOf, Change, Commit, DiffEntry, Entity, History, Key, MemTables, Metadata,
};
use crate::store::Graph;
use crate::value::Value;

/// What the database keeps of its history besides the tables.
#[derive(Debug, Default)]
pub(super) struct Chronicle {
    /// The history of a database without a file.
    memory: MemTables,
    /// The last commit's number.
    last: u64,
    /// Metadata every commit of this session carries (`--tx-meta`, `:meta`).
    session: Metadata,
    /// Metadata `tx.setMetaData` gave the open transaction.
    pub(super) pending: Option<Metadata>,
    /// The present, while the database shows an earlier state.
    past: Option<Past>,
}

/// An earlier state the database shows: right after commit `at`.
#[derive(Debug)]
struct Past {
    at: u64,
    /// The graph after the last commit (`None` when `at` is the last
    /// commit: the graph shown is the present, only frozen).
    present: Option<Graph>,
    /// Why nothing can be written.
    reason: String,
}

/// What [`Database::compact_history`] dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Compacted {
    /// The commits whose history was dropped.
    pub commits: u64,
    /// The bytes the database file shrank by (in memory: the bytes the
    /// dropped history held).
    pub bytes_freed: u64,
}

impl Chronicle {
    /// Starts from a file whose last commit is `last`.
    pub(super) fn with_last(last: u64) -> Chronicle {
        Chronicle {
            last,
            ..Chronicle::default()
        }
    }

    /// The last commit's number is `last` again (commits after it were
    /// lost).
    pub(super) fn reset_last(&mut self, last: u64) {
        self.last = last;
    }

    /// Why the database cannot be written while it shows the past.
    pub(super) fn read_only(&self) -> Option<&str> {
        self.past.as_ref().map(|p| p.reason.as_str())
    }

    /// Whether the database shows an earlier state.
    pub(super) fn in_past(&self) -> bool {
        self.past.is_some()
    }
}

impl Chronicle {
    /// The history as a running statement sees it (see [`HistoryCtx`]).
    pub(super) fn ctx<'a>(&'a self, disk: Option<&'a crate::store::Disk>) -> HistoryCtx<'a> {
        HistoryCtx {
            source: Some(match disk {
                Some(d) => HistorySource::Disk(d),
                None => HistorySource::Memory(&self.memory),
            }),
            present: self.past.as_ref().and_then(|p| p.present.as_ref()),
            at: self.past.as_ref().map_or(self.last, |p| p.at),
            meta: self.pending.clone(),
        }
    }
}

impl Database {
    /// Runs `f` on the history tables, the graph after the last commit
    /// and the commit the database shows.
    pub(super) fn with_history<T>(
        &self,
        f: impl FnOnce(&History<'_>, &Graph, u64) -> Result<T>,
    ) -> Result<T> {
        let h = self.chronicle.ctx(self.disk.as_ref());
        let present = h.present.unwrap_or(&self.graph);
        h.with(|tables| f(tables, present, h.at))
    }

    /// The commit about to be made of the changes since `savepoint`, if
    /// they changed or asserted anything: its number, time, metadata (the
    /// session's, then the transaction's over it) and changes.
    pub(super) fn next_commit(&self, savepoint: usize) -> Option<(Commit, Vec<Change>)> {
        let changes = self.graph.change_list_since(savepoint);
        if changes.is_empty() {
            return None;
        }
        let mut meta = self.chronicle.session.clone();
        meta.extend(self.chronicle.pending.clone().unwrap_or_default());
        let commit = Commit {
            number: self.chronicle.last + 1,
            time: jiff::Timestamp::now(),
            meta,
            changes: history::count(&changes),
        };
        Some((commit, changes))
    }

    /// Keeps a commit made durable (in memory, it is kept here).
    /// Metadata given by a statement that committed nothing waits for the
    /// next commit.
    pub(super) fn committed(&mut self, record: Option<(Commit, Vec<Change>)>) -> Result<()> {
        let Some((commit, changes)) = record else {
            return Ok(());
        };
        self.chronicle.pending = None;
        if self.disk.is_none() {
            history::write_commit(&mut self.chronicle.memory, &commit, &changes)?;
        }
        self.chronicle.last = commit.number;
        Ok(())
    }

    /// Before a statement that gives new metadata in a batch (`--load`)
    /// that has changed something already: commits the batch so far under
    /// the metadata it had, so that each file's `tx.setMetaData` stamps
    /// its own facts, not those of the files before it.
    pub(super) fn commit_batch_before_new_metadata(&mut self) -> Result<()> {
        let changed = self
            .batch
            .is_some_and(|start| self.graph.savepoint() != start);
        if changed && self.transaction.is_none() {
            self.flush_batch()?;
            self.resume_batch();
        }
        Ok(())
    }

    /// Metadata for every later commit of this database handle (as
    /// `--tx-meta` and the REPL's `:meta` give); `tx.setMetaData` in a
    /// transaction adds to it, its keys winning.
    pub fn set_commit_metadata(&mut self, meta: Metadata) {
        self.chronicle.session = meta;
    }

    /// The metadata every commit of this handle carries.
    pub fn commit_metadata(&self) -> &Metadata {
        &self.chronicle.session
    }

    /// The number of the last commit (0 before the first).
    pub fn last_commit(&self) -> u64 {
        self.chronicle.last
    }

    /// The commits, newest first (at most `limit`), up to the one whose
    /// state the database shows.
    pub fn log(&self, limit: Option<usize>) -> Result<Vec<Commit>> {
        self.with_history(|h, _, at| h.commits(1, at, limit.unwrap_or(usize::MAX)))
    }

    /// The commit number a point in history names: the number itself,
    /// or the last commit at or before a time (0 when none was).
    pub fn commit_at(&self, at: AsOf) -> Result<u64> {
        match at {
            AsOf::Commit(n) if n > self.chronicle.last => Err(Error::runtime(
                ErrorKind::ArgumentError,
                Detail::InvalidArgumentValue,
                format!(
                    "there is no commit {n}: the last commit is {}",
                    self.chronicle.last
                ),
            )),
            AsOf::Commit(n) => Ok(n),
            AsOf::Time(t) => self.with_history(|h, _, _| h.commit_at(t)),
        }
    }

    /// What changed from right after commit `from` to right after commit
    /// `to` (the last when `None`): created and deleted entities with
    /// their data, labels added and removed, properties set and removed.
    pub fn diff(&self, from: u64, to: Option<u64>) -> Result<Vec<DiffEntry>> {
        let to = to.unwrap_or(self.chronicle.last);
        for n in [from, to] {
            self.commit_at(AsOf::Commit(n))?;
        }
        if from > to {
            return Err(Error::runtime(
                ErrorKind::ArgumentError,
                Detail::InvalidArgumentValue,
                format!("a diff goes forward: {from}..{to} starts after it ends"),
            ));
        }
        self.with_history(|h, graph, _| history::diff(h, graph, from, to))
    }

    /// Shows the graph as it was right after the commit `at` names
    /// (`None`: the present again). While in the past, every statement
    /// reads that state and every write is refused. Returns the commit
    /// shown.
    pub fn set_as_of(&mut self, at: Option<AsOf>) -> Result<u64> {
        if self.in_transaction() {
            return Err(Error::runtime(
                ErrorKind::SemanticError,
                Detail::TransactionAlreadyOpen,
                "cannot travel in time inside a transaction; COMMIT or ROLLBACK it first",
            ));
        }
        if let Some(present) = self.chronicle.past.take().and_then(|p| p.present) {
            self.graph = present;
            self.plans.clear();
        }
        let Some(at) = at else {
            return Ok(self.chronicle.last);
        };
        let number = self.commit_at(at)?;
        let present = if number == self.chronicle.last {
            None
        } else {
            let past = self.with_history(|h, graph, _| history::past_graph(h, graph, number))?;
            self.plans.clear();
            Some(std::mem::replace(&mut self.graph, past))
        };
        self.chronicle.past = Some(Past {
            at: number,
            present,
            reason: format!(
                "the database shows the state after commit {number} (as of); the past cannot be written"
            ),
        });
        Ok(number)
    }

    /// The commit whose state the database shows, when it is not the
    /// last one (see [`Database::set_as_of`]).
    pub fn as_of(&self) -> Option<u64> {
        self.chronicle.past.as_ref().map(|p| p.at)
    }

    /// The metadata of the commits that asserted a node or relationship
    /// (created it, matched it in a `MERGE`, or wrote to it), oldest
    /// first, each with `commit` and `time` added: what `sources(x)` returns.
    pub fn sources(&self, entity: Entity) -> Result<Vec<Metadata>> {
        let key = match entity {
            Entity::Node(id) => Key::node(id),
            Entity::Relationship(id) => Key::rel(id),
        };
        let list =
            self.with_history(|h, graph, at| history::sources_of(h, graph, key, at, None))?;
        let Value::List(items) = list else {
            return Ok(Vec::new());
        };
        Ok(items
            .into_iter()
            .filter_map(|v| match v {
                Value::Map(m) => Some(m),
                _ => None,
            })
            .collect())
    }

    /// Drops the history of the commits before `before` (a number; for a
    /// time, the commits made at or before it): the current state and
    /// later history stay, and every state from the last dropped commit on
    /// can still be gone back to. Gives the space back to the file system.
    pub fn compact_history(&mut self, before: AsOf) -> Result<Compacted> {
        if let Some(reason) = self.read_only() {
            return Err(crate::store::read_only_error(reason));
        }
        let number = match before {
            AsOf::Commit(n) => n.min(self.chronicle.last + 1),
            // The commits made before that time: those up to the last at
            // or before it stay reachable as the state it names.
            AsOf::Time(_) => self.commit_at(before)? + 1,
        };
        let (commits, bytes_freed) = match &mut self.disk {
            Some(d) => d.compact_history(number)?,
            None => self.chronicle.memory.drop_before(number),
        };
        Ok(Compacted {
            commits,
            bytes_freed,
        })
    }

    /// Checks `tx.setMetaData`'s argument (for the command line's
    /// `--tx-meta`): a map of property values.
    pub fn check_metadata(value: &Value) -> Result<Metadata> {
        check_metadata(value)
    }
}

/// Whether a statement calls `tx.setMetaData`.
pub(super) fn sets_metadata(statement: &crate::parse::ast::Statement) -> bool {
    use crate::parse::ast::{Clause, StatementKind};
    let (StatementKind::Query(q) | StatementKind::Profile(q)) = &statement.kind else {
        return false;
    };
    q.singles()
        .flat_map(|single| &single.clauses)
        .any(|c| matches!(c, Clause::Call(call) if call.procedure.name.eq_ignore_ascii_case("tx.setMetaData")))
}
