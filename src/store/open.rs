//! Opening the database file: for writing or read-only, creating it
//! whole when missing, waiting for another process's lock when asked, and
//! saying in a person's words why a file cannot be opened.

use super::backend::{DiskFullHook, ReadOnlyFile, WritableFile};
use super::holder;
use super::persist::{META, NAMES, NODES, RELS, SCHEMA};
use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use redb::ReadableDatabase;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How to open a database (see `Database::open_with`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenOptions {
    /// Open for reading only: nothing is ever written to the file (not
    /// even the recovery after a crash, which is done in memory), writes
    /// are refused, and other read-only processes may read the file at
    /// the same time. A missing database is not created.
    pub read_only: bool,
    /// How long to wait for another process that holds the file, trying
    /// again with a growing pause; `None` refuses at once.
    pub wait: Option<Duration>,
    /// A test hook: writes fail as on a full disk (see `DiskFullHook`).
    #[doc(hidden)]
    pub disk_full_hook: Option<DiskFullHook>,
}

/// The name of the database file inside a database directory.
pub(crate) const FILE_IN_DIRECTORY: &str = "quiver.db";

/// Where the database of `--db PATH` lives: PATH itself when it is a file
/// or names one (it has an extension, like `graph.quiver`); else PATH is a
/// directory (made if missing, unless `read_only`) holding
/// [`FILE_IN_DIRECTORY`].
pub(crate) fn database_file(path: &Path, read_only: bool) -> std::result::Result<PathBuf, String> {
    let directory = path.is_dir() || (!path.exists() && path.extension().is_none());
    if !directory {
        return Ok(path.to_path_buf());
    }
    if !read_only {
        std::fs::create_dir_all(path).map_err(|e| format!("the directory cannot be made ({e})"))?;
    }
    Ok(path.join(FILE_IN_DIRECTORY))
}

/// An open redb handle on the file, and why it cannot be written, if it
/// cannot.
pub(super) struct Opened {
    pub db: redb::Database,
    pub read_only: Option<String>,
}

/// Why an attempt to open failed.
enum Refusal {
    /// Another process holds the file: worth waiting for.
    Locked,
    /// Anything else.
    Failed(Error),
}

impl From<Error> for Refusal {
    fn from(e: Error) -> Refusal {
        Refusal::Failed(e)
    }
}

/// The first pause between two attempts to open a locked file, and the
/// longest.
const FIRST_PAUSE: Duration = Duration::from_millis(10);
const LONGEST_PAUSE: Duration = Duration::from_millis(250);

/// Opens (or creates) the database file `file`, waiting as `options` say
/// for another process that holds it.
///
/// With `check`, redb checks the whole file as it opens it (reading every
/// page), so that a file damaged outside redb is refused instead of making
/// redb panic later; without, only a file its last writer did not close is
/// read whole (to repair it). Open without only inside [`quietly`], and
/// check before writing (see `Disk::save`).
pub(super) fn open_file(file: &Path, options: &OpenOptions, check: bool) -> Result<Opened> {
    // A wait too long for the clock waits as long as the clock can count.
    let longest = Duration::from_secs(u64::from(u32::MAX));
    let deadline = options.wait.map(|wait| Instant::now() + wait.min(longest));
    let mut pause = FIRST_PAUSE;
    loop {
        match try_open(file, options, check) {
            Ok(opened) => return Ok(opened),
            Err(Refusal::Failed(e)) => return Err(e),
            Err(Refusal::Locked) => {
                let now = Instant::now();
                match deadline {
                    Some(deadline) if now < deadline => {
                        std::thread::sleep(pause.min(deadline - now));
                        pause = (pause * 2).min(LONGEST_PAUSE);
                    }
                    _ => return Err(locked_error(file, options.wait)),
                }
            }
        }
    }
}

fn try_open(
    path: &Path,
    options: &OpenOptions,
    check: bool,
) -> std::result::Result<Opened, Refusal> {
    match std::fs::metadata(path) {
        // quiver never leaves an empty file (a new one is linked into place
        // whole): an empty file is one that lost its data, not a new database.
        Ok(meta) if meta.len() == 0 => {
            Err(open_error(path, "it is empty, not a quiver database").into())
        }
        Ok(_) => open_existing(path, options, check),
        Err(_) if options.read_only => Err(open_error(
            path,
            "there is no such database (--read-only never creates one)",
        )
        .into()),
        Err(_) => {
            if let Some(dir) = path
                .parent()
                .filter(|d| !d.as_os_str().is_empty() && !d.is_dir())
            {
                std::fs::create_dir_all(dir)
                    .map_err(|e| open_error(path, format!("its directory cannot be made ({e})")))?;
            }
            create(path, options)
        }
    }
}

/// redb set up for quiver: an open checks the file's integrity when `check`.
fn builder(check: bool) -> redb::Builder {
    let mut builder = redb::Database::builder();
    builder.set_check_integrity_on_open(check);
    builder.set_cache_size(super::persist::CACHE_BYTES);
    builder
}

/// Opens a file that exists. Without `read_only`, a file that cannot be
/// written (its permissions, a read-only file system) is opened read-only,
/// as SQLite does, and says why.
fn open_existing(
    path: &Path,
    options: &OpenOptions,
    check: bool,
) -> std::result::Result<Opened, Refusal> {
    if options.read_only {
        let reason = "the database was opened read-only (--read-only)".to_string();
        return open_read_only(path, reason, check);
    }
    let file = match std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if cannot_write(&e) => {
            let reason = format!(
                "the database file {} cannot be written ({e}), so it was opened read-only",
                path.display()
            );
            return open_read_only(path, reason, check);
        }
        Err(e) => return Err(open_error(path, format!("it cannot be read ({e})")).into()),
    };
    // A file its last writer did not close is repaired as it opens, and
    // redb writes its header before it knows whether the repair works: try
    // the repair in memory first, so that a file that cannot be repaired
    // is refused untouched.
    if needs_repair(path) {
        open_read_only(path, String::new(), true)?;
    }
    // redb also rewrites the header of a file whose layout disagrees with
    // its length before finding it damaged: keep the first page, and put
    // it back if the file is refused.
    let first = first_page(path);
    let db = match builder(check).create_with_backend(writable(path, file, options)?) {
        Ok(db) => db,
        Err(e) => {
            if !matches!(
                e,
                redb::DatabaseError::DatabaseAlreadyOpen
                    | redb::DatabaseError::LockProtocolMismatch
            ) {
                put_back(path, &first);
            }
            return Err(redb_open_error(path, e));
        }
    };
    // A database with no tables at all holds nothing: set it up.
    if has_no_tables(&db).map_err(|e| open_error(path, e.message))? {
        init(&db).map_err(|e| open_error(path, e.message))?;
    }
    Ok(Opened {
        db,
        read_only: None,
    })
}

/// Where redb's header keeps its flags: the byte after its 9-byte magic
/// number (the "god byte" of redb's file format).
const GOD_BYTE: usize = 9;

/// The flags that say the last writer did not close the file cleanly:
/// recovery required (2), primary slot unflushed (8).
const UNCLEAN: u8 = 2 | 8;

/// Whether redb will repair the file at `path` when it opens it.
pub(super) fn needs_repair(path: &Path) -> bool {
    let mut header = [0u8; GOD_BYTE + 1];
    File::open(path)
        .and_then(|mut f| io::Read::read_exact(&mut f, &mut header))
        .is_ok_and(|()| header[GOD_BYTE] & UNCLEAN != 0)
}

/// The first page of the file at `path` (its header), as far as it goes.
fn first_page(path: &Path) -> Vec<u8> {
    let mut page = Vec::new();
    if let Ok(file) = File::open(path) {
        let _ = io::Read::read_to_end(&mut io::Read::take(file, 4096), &mut page);
    }
    page
}

/// Writes `page` back at the start of the file at `path` if it differs
/// there (best effort: the file was refused anyway).
fn put_back(path: &Path, page: &[u8]) {
    if page.is_empty() || first_page(path) == page {
        return;
    }
    if let Ok(mut file) = std::fs::OpenOptions::new().write(true).open(path) {
        let _ = io::Write::write_all(&mut file, page).and_then(|()| file.sync_data());
    }
}

/// Whether opening for writing failed only because writing is not allowed.
fn cannot_write(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

fn open_read_only(
    path: &Path,
    reason: String,
    check: bool,
) -> std::result::Result<Opened, Refusal> {
    let file =
        File::open(path).map_err(|e| open_error(path, format!("it cannot be read ({e})")))?;
    let backend = ReadOnlyFile::new(file)
        .map_err(|e| open_error(path, format!("it cannot be read ({e})")))?;
    let db = builder(check)
        .create_with_backend(backend)
        .map_err(|e| redb_open_error(path, e))?;
    Ok(Opened {
        db,
        read_only: Some(reason),
    })
}

/// The storage of a writable file: the file itself, or, with the test
/// hook, the file that fills up.
fn writable(path: &Path, file: File, options: &OpenOptions) -> Result<WritableFile> {
    WritableFile::new(file, options.disk_full_hook.clone())
        .map_err(|e| open_error(path, format!("it cannot be read ({e})")))
}

/// Makes a new database file whole before it appears under `path`:
/// it is written under a temporary name and linked into place, so a
/// crash while creating never leaves a half-made file at `path`, and
/// two processes creating the same path end up sharing one file.
fn create(path: &Path, options: &OpenOptions) -> std::result::Result<Opened, Refusal> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.creating-{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let made = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&tmp)
        .map_err(|e| Refusal::from(open_error(path, format!("it cannot be created ({e})"))))
        .and_then(|file| Ok(writable(path, file, options)?))
        .and_then(|backend| {
            let db = builder(true)
                .create_with_backend(backend)
                .map_err(|e| redb_open_error(path, e))?;
            init(&db).map_err(|e| open_error(path, e.message))?;
            Ok(db)
        });
    let db = match made {
        Ok(db) => db,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
    };
    let linked = std::fs::hard_link(&tmp, path);
    let _ = std::fs::remove_file(&tmp);
    match linked {
        Ok(()) => {
            // The new name is durable too.
            let _ = crate::io::atomic::sync_parent(path);
            Ok(Opened {
                db,
                read_only: None,
            })
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            drop(db);
            open_existing(path, options, true)
        }
        Err(e) => Err(open_error(path, format!("it cannot be created ({e})")).into()),
    }
}

fn has_no_tables(db: &redb::Database) -> Result<bool> {
    let tx = db.begin_read().map_err(storage)?;
    let mut tables = tx.list_tables().map_err(storage)?;
    Ok(tables.next().is_none())
}

fn init(db: &redb::Database) -> Result<()> {
    let tx = db.begin_write().map_err(storage)?;
    {
        let mut meta = tx.open_table(META).map_err(storage)?;
        meta.insert("format", super::persist::FORMAT)
            .map_err(storage)?;
        meta.insert("nodes", 0u64.to_le_bytes().as_slice())
            .map_err(storage)?;
        meta.insert("relationships", 0u64.to_le_bytes().as_slice())
            .map_err(storage)?;
        tx.open_table(NAMES).map_err(storage)?;
        tx.open_table(NODES).map_err(storage)?;
        tx.open_table(RELS).map_err(storage)?;
        tx.open_table(SCHEMA).map_err(storage)?;
    }
    tx.commit().map_err(storage)
}

fn storage(e: impl Into<redb::Error>) -> Error {
    super::persist::storage(e)
}

/// What redb's refusal to open a file means for a person.
fn redb_open_error(path: &Path, e: redb::DatabaseError) -> Refusal {
    Refusal::Failed(match e {
        redb::DatabaseError::DatabaseAlreadyOpen | redb::DatabaseError::LockProtocolMismatch => {
            return Refusal::Locked;
        }
        redb::DatabaseError::RepairAborted => {
            open_error(path, "it needs a recovery that could not be done")
        }
        redb::DatabaseError::Storage(redb::StorageError::Io(io))
            if io.kind() == io::ErrorKind::InvalidData =>
        {
            open_error(path, "it is not a quiver database")
        }
        redb::DatabaseError::Storage(redb::StorageError::Io(io)) => {
            open_error(path, format!("it cannot be read ({io})"))
        }
        other => open_error(path, format!("it is damaged ({other})")),
    })
}

/// An error opening or reading the file: an `IoError` that names the path.
pub(super) fn open_error(path: &Path, what: impl std::fmt::Display) -> Error {
    Error::runtime(
        ErrorKind::IoError,
        Detail::DatabaseUnavailable,
        format!("cannot open the database {}: {what}", path.display()),
    )
}

/// "It is locked by another process", naming the process where the
/// system tells, and how long we waited.
fn locked_error(path: &Path, waited: Option<Duration>) -> Error {
    let holders = holder::holders(path);
    let me = std::process::id();
    let mut what = if !holders.is_empty() && holders.iter().all(|h| h.pid == me) {
        "it is already open in this process".to_string()
    } else {
        let others: Vec<holder::Holder> = holders.into_iter().filter(|h| h.pid != me).collect();
        match holder::describe(&others) {
            Some(who) => format!("it is locked by another process ({who})"),
            None => "it is locked by another process".to_string(),
        }
    };
    if let Some(waited) = waited {
        what.push_str(&format!(" (waited {})", crate::text::duration(waited)));
    }
    let mut e = open_error(path, what);
    e.detail = Detail::DatabaseLocked;
    e
}

thread_local! {
    /// Set while [`quietly`] runs: a panic then prints nothing.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, turning a panic into `None` without a word on standard
/// error: for redb reading a file it has not checked (a damaged file can
/// make it panic), where the caller then opens the file again, checked.
pub(super) fn quietly<T>(f: impl FnOnce() -> T) -> Option<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let earlier = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                earlier(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    outcome.ok()
}
