//! Group commit: commits that wait for one flush of the journal.
//!
//! With group commit on, a commit is written to the journal but not
//! flushed: it is visible to the statements after it at once, and durable
//! once [`Disk::sync`] has flushed the journal, which makes every commit
//! written before it durable with one flush. A program that has several
//! statements at hand (a script, or statements a client sent without
//! waiting for each answer) runs them, syncs once, and only then says
//! that they were committed.
//!
//! A flush that fails loses the commits that waited for it: the first
//! of their journal entries is zeroed, so that none is replayed, the file
//! is closed as after any failed write, and the caller takes up again
//! what the file holds. redb never holds, unflushed, a commit the journal
//! has not flushed (it makes what it holds durable when it closes); a
//! durable redb commit (a big commit, a checkpoint) makes every commit
//! before it durable, as a flush does.

use super::journal::journal_error;
use super::persist::Disk;
use crate::error::{Detail, Error, ErrorKind, Result};

impl Disk {
    /// Turns group commit on or off; turning it off syncs first.
    pub(crate) fn set_group_commit(&mut self, on: bool) -> Result<()> {
        let synced = if on { Ok(()) } else { self.sync() };
        self.group = on;
        synced
    }

    /// The commits made that are not durable yet (each waits for
    /// [`Disk::sync`]), with any that a failed flush lost.
    pub(crate) fn unsynced(&self) -> usize {
        let waiting = self.journal.as_ref().map_or(0, |j| j.unsynced());
        let lost = self.lost.as_ref().map_or(0, |(n, _)| *n);
        (waiting + lost) as usize
    }

    /// A count that grows whenever the commits made before are durable
    /// (a flush of the journal, a durable redb commit).
    pub(crate) fn flushes(&self) -> u64 {
        self.flushes_before + self.journal.as_ref().map_or(0, |j| j.flushes())
    }

    /// Makes every commit made durable: one flush of the journal. When
    /// it fails, the commits that waited are lost: `Err` says how many,
    /// and the file is closed as after a failed write, for the caller to
    /// take up again what it holds.
    pub(crate) fn sync(&mut self) -> Result<()> {
        if let Some(journal) = &self.journal {
            let waiting = journal.unsynced();
            if let Err(e) = journal.sync() {
                self.lose(waiting, e);
                if let Some(journal) = self.journal.take() {
                    self.flushes_before += journal.flushes();
                }
                self.close_after_failure();
            }
        }
        match self.lost.take() {
            Some((n, e)) => Err(self.lost_error(n, &e)),
            None => Ok(()),
        }
    }

    /// Drops the journal, first flushing the commits that wait for it:
    /// those a failed flush loses are kept for [`Disk::sync`] to report.
    pub(super) fn close_journal(&mut self) {
        let Some(journal) = self.journal.take() else {
            return;
        };
        let waiting = journal.unsynced();
        if let Err(e) = journal.sync() {
            self.lose(waiting, e);
        }
        self.flushes_before += journal.flushes();
    }

    /// Keeps `n` commits lost to the failed flush `e` for [`Disk::sync`].
    fn lose(&mut self, n: u32, e: std::io::Error) {
        if n > 0 {
            let before = self.lost.take().map_or(0, |(n, _)| n);
            self.lost = Some((before + n, e));
        }
    }

    /// The error of `n` commits lost to the failed flush `e`.
    pub(super) fn lost_error(&self, n: u32, e: &std::io::Error) -> Error {
        let cause = journal_error(self.file(), e);
        let what = if n == 1 {
            "the last commit".to_string()
        } else {
            format!("the last {n} commits")
        };
        Error::runtime(
            ErrorKind::IoError,
            Detail::StorageFailure,
            format!(
                "{what} could not be made durable, and {} taken back: {}",
                if n == 1 { "was" } else { "were" },
                cause.message
            ),
        )
    }
}
