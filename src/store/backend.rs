//! The storage redb writes through: the database file itself, seen two
//! ways that redb's own file backend does not offer.
//!
//! - [`ReadOnlyFile`]: the file for a database opened read-only. redb
//!   opens it as it opens any database (checking its integrity and
//!   recovering a file a killed process left, as a writable open does),
//!   but every byte redb writes stays in memory, so the file is never
//!   written, and the locks redb takes are taken shared: any number of
//!   read-only processes share the file, and each keeps a writer out.
//! - [`WritableFile`]: the file for writing, as redb's own backend has
//!   it, with a test hook that makes writes fail as on a full disk (see
//!   [`DiskFullHook`]).

use redb::backends::FileBackend;
use redb::{BackendError, StorageBackend};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fs::File;
use std::io;
use std::ops::Bound;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The unit in which [`ReadOnlyFile`] keeps what redb wrote.
const BLOCK: u64 = 4096;

/// What redb wrote to a read-only database: whole blocks, by number.
#[derive(Debug, Default)]
struct Overlay {
    /// The length of the storage as redb sees it.
    len: u64,
    /// Bytes of the file at or past this offset read as zeros (the
    /// storage was shrunk below them since the open).
    zero_from: u64,
    blocks: HashMap<u64, Box<[u8]>>,
}

/// The database file opened read-only: reads come from the file, writes
/// go to memory and are gone at close, and locks are shared.
#[derive(Debug)]
pub(crate) struct ReadOnlyFile {
    file: FileBackend,
    overlay: Mutex<Overlay>,
}

impl ReadOnlyFile {
    /// The file, opened for reading only.
    pub(crate) fn new(file: File) -> io::Result<ReadOnlyFile> {
        let len = file.metadata()?.len();
        let file = FileBackend::new(file).map_err(io::Error::other)?;
        Ok(ReadOnlyFile {
            file,
            overlay: Mutex::new(Overlay {
                len,
                zero_from: len,
                blocks: HashMap::new(),
            }),
        })
    }

    fn overlay(&self) -> MutexGuard<'_, Overlay> {
        self.overlay.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Reads `out.len()` bytes at `offset` as the file has them, without
    /// the overlay: zeros past its end or past `zero_from`.
    fn read_file(&self, zero_from: u64, offset: u64, out: &mut [u8]) -> io::Result<()> {
        out.fill(0);
        let end = offset + out.len() as u64;
        let file_end = end.min(zero_from);
        if file_end > offset {
            let n = usize::try_from(file_end - offset).map_err(io::Error::other)?;
            self.file.read(offset, &mut out[..n])?;
        }
        Ok(())
    }
}

/// Splits `offset .. offset + len` into (block, start in block, start in
/// the buffer, length) pieces.
fn pieces(offset: u64, len: usize) -> impl Iterator<Item = (u64, usize, usize, usize)> {
    let mut done = 0usize;
    std::iter::from_fn(move || {
        if done >= len {
            return None;
        }
        let at = offset + done as u64;
        let block = at / BLOCK;
        let within = (at % BLOCK) as usize;
        let n = (BLOCK as usize - within).min(len - done);
        let piece = (block, within, done, n);
        done += n;
        Some(piece)
    })
}

impl StorageBackend for ReadOnlyFile {
    fn len(&self) -> Result<u64, io::Error> {
        Ok(self.overlay().len)
    }

    fn read(&self, offset: u64, out: &mut [u8]) -> Result<(), io::Error> {
        let overlay = self.overlay();
        if offset + out.len() as u64 > overlay.len {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "a read past the end of the database",
            ));
        }
        for (block, within, at, n) in pieces(offset, out.len()) {
            let part = &mut out[at..at + n];
            match overlay.blocks.get(&block) {
                Some(bytes) => part.copy_from_slice(&bytes[within..within + n]),
                None => self.read_file(overlay.zero_from, block * BLOCK + within as u64, part)?,
            }
        }
        Ok(())
    }

    fn set_len(&self, len: u64) -> Result<(), io::Error> {
        let mut overlay = self.overlay();
        if len < overlay.len {
            overlay.blocks.retain(|&b, _| b * BLOCK < len);
            if let Some(bytes) = overlay.blocks.get_mut(&(len / BLOCK)) {
                bytes[(len % BLOCK) as usize..].fill(0);
            }
            overlay.zero_from = overlay.zero_from.min(len);
        }
        overlay.len = len;
        Ok(())
    }

    fn sync_data(&self) -> Result<(), io::Error> {
        Ok(())
    }

    fn write(&self, offset: u64, data: &[u8]) -> Result<(), io::Error> {
        let mut overlay = self.overlay();
        if offset + data.len() as u64 > overlay.len {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "a write past the end of the database",
            ));
        }
        let zero_from = overlay.zero_from;
        for (block, within, at, n) in pieces(offset, data.len()) {
            let bytes = match overlay.blocks.entry(block) {
                Entry::Occupied(entry) => entry.into_mut(),
                Entry::Vacant(entry) => {
                    let mut bytes = vec![0u8; BLOCK as usize].into_boxed_slice();
                    self.read_file(zero_from, block * BLOCK, &mut bytes)?;
                    entry.insert(bytes)
                }
            };
            bytes[within..within + n].copy_from_slice(&data[at..at + n]);
        }
        Ok(())
    }

    fn close(&self) -> Result<(), io::Error> {
        self.file.close()
    }

    // redb opens the database as a writer, which locks exclusively; a
    // read-only database shares its locks with other readers instead,
    // and still conflicts with a writer's exclusive ones.
    fn try_lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<bool, BackendError> {
        self.file.try_lock_shared_range(start, end)
    }

    fn try_lock_shared_range(
        &self,
        start: Bound<u64>,
        end: Bound<u64>,
    ) -> Result<bool, BackendError> {
        self.file.try_lock_shared_range(start, end)
    }

    fn lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.file.lock_shared_range(start, end)
    }

    fn lock_shared_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.file.lock_shared_range(start, end)
    }

    fn unlock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.file.unlock_range(start, end)
    }

    fn query_lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<bool, BackendError> {
        self.file.query_lock_range(start, end)
    }
}

/// A test hook, never set in normal use: while the file `flag` exists,
/// the database file (and, apart, its journal) behaves as if on a disk with as many free bytes as
/// the number written in `flag` (none when it holds no number): writes
/// use them up, and then fail with "no space left on device". Removing
/// `flag` frees the disk again. When `flag` holds [`FLUSH_FAILS`]
/// instead, writes succeed and every flush of the journal fails with an
/// I/O error, as on a failing disk; `flush fails after N`: all but the
/// first N of each journal opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskFullHook {
    /// The file whose presence makes the disk full.
    pub flag: PathBuf,
}

/// What [`DiskFullHook`]'s flag holds to make flushes fail.
pub const FLUSH_FAILS: &str = "flush fails";

/// What is left of a pretend disk for one file (see [`DiskFullHook`]):
/// each file opened with the hook spends from its own.
#[derive(Debug)]
pub(crate) struct Budget {
    hook: Option<DiskFullHook>,
    /// The bytes left while the flag exists; `None` while it does not.
    left: Mutex<Option<u64>>,
    /// The flushes so far.
    flushes: std::sync::atomic::AtomicU64,
}

impl Budget {
    pub(crate) fn new(hook: Option<DiskFullHook>) -> Budget {
        Budget {
            hook,
            left: Mutex::new(None),
            flushes: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// Takes `bytes` from the pretend disk, or fails as a full disk does.
    pub(crate) fn spend(&self, bytes: u64) -> io::Result<()> {
        let Some(hook) = &self.hook else {
            return Ok(());
        };
        let mut budget = self.left.lock().unwrap_or_else(PoisonError::into_inner);
        if !hook.flag.exists() {
            *budget = None;
            return Ok(());
        }
        let left = budget.get_or_insert_with(|| match std::fs::read_to_string(&hook.flag) {
            Ok(text) if text.trim().starts_with(FLUSH_FAILS) => u64::MAX,
            Ok(text) => text.trim().parse().unwrap_or(0),
            Err(_) => 0,
        });
        match left.checked_sub(bytes) {
            Some(rest) => {
                *left = rest;
                Ok(())
            }
            None => {
                *left = 0;
                Err(io::Error::new(
                    io::ErrorKind::StorageFull,
                    "No space left on device",
                ))
            }
        }
    }

    /// Fails as a failing disk's flush does while the hook's flag says
    /// [`FLUSH_FAILS`].
    pub(crate) fn flush(&self) -> io::Result<()> {
        let Some(hook) = &self.hook else {
            return Ok(());
        };
        let done = self
            .flushes
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let spared = std::fs::read_to_string(&hook.flag).ok().and_then(|text| {
            let rest = text.trim().strip_prefix(FLUSH_FAILS)?.trim();
            match rest.strip_prefix("after") {
                Some(n) => n.trim().parse::<u64>().ok(),
                None => rest.is_empty().then_some(0),
            }
        });
        if spared.is_some_and(|n| done >= n) {
            return Err(io::Error::other("Input/output error (a failing disk)"));
        }
        Ok(())
    }
}

/// The writable database file, with [`DiskFullHook`] when testing.
#[derive(Debug)]
pub(crate) struct WritableFile {
    file: FileBackend,
    budget: Budget,
}

impl WritableFile {
    /// The file (opened for reading and writing), with the hook if any.
    pub(crate) fn new(file: File, hook: Option<DiskFullHook>) -> io::Result<WritableFile> {
        Ok(WritableFile {
            file: FileBackend::new(file).map_err(io::Error::other)?,
            budget: Budget::new(hook),
        })
    }

    /// Takes `bytes` from the pretend disk, or fails as a full disk does.
    fn spend(&self, bytes: u64) -> io::Result<()> {
        self.budget.spend(bytes)
    }
}

impl StorageBackend for WritableFile {
    fn len(&self) -> Result<u64, io::Error> {
        self.file.len()
    }

    fn read(&self, offset: u64, out: &mut [u8]) -> Result<(), io::Error> {
        self.file.read(offset, out)
    }

    // Growing a file takes no space until its new bytes are written.
    fn set_len(&self, len: u64) -> Result<(), io::Error> {
        self.file.set_len(len)
    }

    fn sync_data(&self) -> Result<(), io::Error> {
        self.file.sync_data()
    }

    fn write(&self, offset: u64, data: &[u8]) -> Result<(), io::Error> {
        self.spend(data.len() as u64)?;
        self.file.write(offset, data)
    }

    fn close(&self) -> Result<(), io::Error> {
        self.file.close()
    }

    fn try_lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<bool, BackendError> {
        self.file.try_lock_range(start, end)
    }

    fn try_lock_shared_range(
        &self,
        start: Bound<u64>,
        end: Bound<u64>,
    ) -> Result<bool, BackendError> {
        self.file.try_lock_shared_range(start, end)
    }

    fn lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.file.lock_range(start, end)
    }

    fn lock_shared_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.file.lock_shared_range(start, end)
    }

    fn unlock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<(), BackendError> {
        self.file.unlock_range(start, end)
    }

    fn query_lock_range(&self, start: Bound<u64>, end: Bound<u64>) -> Result<bool, BackendError> {
        self.file.query_lock_range(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlay_on(bytes: &[u8]) -> (ReadOnlyFile, tempfile::NamedTempFile) {
        let temp = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(temp.path(), bytes).unwrap();
        let file = File::open(temp.path()).unwrap();
        (ReadOnlyFile::new(file).unwrap(), temp)
    }

    #[test]
    fn writes_stay_in_memory_and_shrinking_zeroes() {
        let original: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
        let (f, temp) = overlay_on(&original);
        assert_eq!(f.len().unwrap(), 10_000);
        f.write(4090, &[7; 20]).unwrap();
        let mut out = vec![0; 30];
        f.read(4085, &mut out).unwrap();
        assert_eq!(&out[..5], &original[4085..4090]);
        assert_eq!(&out[5..25], &[7; 20]);
        assert_eq!(&out[25..], &original[4110..4115]);
        // Shrink below the write, grow again: the tail reads as zeros.
        f.set_len(4095).unwrap();
        f.set_len(12_000).unwrap();
        let mut tail = vec![1; 20];
        f.read(4090, &mut tail).unwrap();
        assert_eq!(&tail[..5], &[7; 5]);
        assert!(tail[5..].iter().all(|&b| b == 0));
        assert!(f.read(11_990, &mut [0; 20]).is_err());
        f.sync_data().unwrap();
        assert_eq!(std::fs::read(temp.path()).unwrap(), original);
    }
}
