//! Where the command line may write. Every output path is checked before
//! anything is written: it is never the open database (by any spelling:
//! relative, absolute, `..`, a symbolic or hard link, the directory of the
//! directory form), never any other quiver database, and never a directory
//! where a file is meant. Files are then written whole ([`atomic`]):
//! a failed write leaves the old file as it was.

use crate::db::Database;
use crate::io::atomic;
use std::fs::{self, Metadata, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// How many symbolic links a path may go through.
const MAX_LINKS: usize = 40;

/// An output path that passed the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Output {
    /// Where the bytes go: the path with its symbolic links followed, so a
    /// link keeps pointing where it did and its target gets the new bytes.
    path: PathBuf,
    /// The path as given, for messages.
    shown: String,
    /// Not a regular file (a terminal, a pipe, `/dev/null`): written in
    /// place, as a stream, instead of being replaced.
    stream: bool,
}

impl Output {
    /// The path as given.
    pub(crate) fn shown(&self) -> &str {
        &self.shown
    }

    /// Writes the output with `fill`: whole or not at all for a file.
    pub(crate) fn write(
        &self,
        fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), String> {
        let written = if self.stream {
            OpenOptions::new()
                .write(true)
                .open(&self.path)
                .and_then(|file| {
                    let mut w = BufWriter::new(file);
                    fill(&mut w)?;
                    w.flush()
                })
        } else {
            atomic::write_file(&self.path, fill)
        };
        written.map_err(|e| format!("cannot write {}: {e}", self.shown))
    }

    /// Writes `bytes` (see [`Output::write`]).
    pub(crate) fn write_bytes(&self, bytes: &[u8]) -> Result<(), String> {
        self.write(|w| w.write_all(bytes))
    }
}

/// Checks that `path` may be written as a file while `db` (the open
/// database's file, if any) is open; `Err` says why not.
pub(crate) fn check_file(path: &Path, db: Option<&Path>) -> Result<Output, String> {
    let shown = path.display().to_string();
    if path.as_os_str().is_empty() {
        return Err("an output needs a file name".to_string());
    }
    match fs::metadata(path) {
        Ok(meta) => {
            refuse_database(&meta, path, &shown, db)?;
            if meta.is_dir() {
                return Err(format!(
                    "{shown} is a directory; give the name of a file to write"
                ));
            }
            if !meta.is_file() {
                return Ok(Output {
                    path: path.to_path_buf(),
                    shown,
                    stream: true,
                });
            }
            if meta.permissions().readonly() {
                return Err(format!("{shown} is read-only; quiver does not replace it"));
            }
            Ok(Output {
                path: fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
                shown,
                stream: false,
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            // A new file, or a symbolic link to one.
            let real = follow_links(path).map_err(|e| format!("cannot write {shown}: {e}"))?;
            let folder = match real.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            if !folder.is_dir() {
                return Err(format!(
                    "cannot write {shown}: the folder {} does not exist",
                    folder.display()
                ));
            }
            Ok(Output {
                path: real,
                shown,
                stream: false,
            })
        }
        Err(e) => Err(format!("cannot write {shown}: {e}")),
    }
}

/// Checks that `dir` may be written as a folder of files named `names`
/// while `db` is open: it is not a file nor the open database's directory,
/// and none of the files is the database or a directory.
pub(crate) fn check_folder<'a>(
    dir: &Path,
    names: impl IntoIterator<Item = &'a str>,
    db: Option<&Path>,
) -> Result<(), String> {
    let shown = dir.display().to_string();
    match fs::metadata(dir) {
        Ok(meta) => {
            refuse_database(&meta, dir, &shown, db)?;
            if !meta.is_dir() {
                return Err(format!(
                    "{shown} is a file; csv export writes a folder of files: give a folder"
                ));
            }
        }
        // Made when the export writes.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(format!("cannot write {shown}: {e}")),
    }
    for name in names {
        check_file(&dir.join(name), db)?;
    }
    Ok(())
}

/// Refuses standard output or standard error when it is the open
/// database's file (`quiver --db g.quiver ... >> g.quiver`).
pub(crate) fn check_standard_streams(db: Option<&Path>) -> Result<(), String> {
    let Some(db) = db else {
        return Ok(());
    };
    for (name, meta) in standard_streams() {
        if let Some(meta) = meta
            && is_same(&meta, None, db)
        {
            return Err(format!(
                "{name} is the open database {}; quiver never writes over a database",
                db.display()
            ));
        }
    }
    Ok(())
}

/// Refuses an existing `path` (with metadata `meta`) that is the open
/// database, the directory of its directory form, or any quiver database.
fn refuse_database(
    meta: &Metadata,
    path: &Path,
    shown: &str,
    db: Option<&Path>,
) -> Result<(), String> {
    if let Some(db) = db {
        let holder = db
            .parent()
            .filter(|_| db.file_name().is_some_and(|n| n == "quiver.db"));
        if is_same(meta, Some(path), db) || holder.is_some_and(|h| is_same(meta, Some(path), h)) {
            return Err(format!(
                "{shown} is the open database ({}); quiver never writes over it",
                db.display()
            ));
        }
    }
    if meta.is_file() && Database::is_database_file(path) {
        return Err(format!(
            "{shown} is a quiver database; quiver never writes over a database (remove it first)"
        ));
    }
    Ok(())
}

/// `path` with every symbolic link of its last part followed, for a path
/// that names nothing yet (a link to nothing gives the path it points to).
fn follow_links(path: &Path) -> std::io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&path)?;
                path = match path.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(std::io::Error::other("too many symbolic links"))
}

/// Whether `meta` (of `path`, when known) is the file at `other`: the same
/// device and inode where the system says, else the same canonical path.
fn is_same(meta: &Metadata, path: Option<&Path>, other: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = path;
        fs::metadata(other).is_ok_and(|o| o.dev() == meta.dev() && o.ino() == meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        match (path.map(fs::canonicalize), fs::canonicalize(other)) {
            (Some(Ok(a)), Ok(b)) => a == b,
            _ => false,
        }
    }
}

/// The metadata of what standard output and standard error are.
fn standard_streams() -> Vec<(&'static str, Option<Metadata>)> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let meta = |fd: std::os::fd::BorrowedFd<'_>| {
            fd.try_clone_to_owned()
                .ok()
                .and_then(|owned| fs::File::from(owned).metadata().ok())
        };
        vec![
            ("standard output", meta(std::io::stdout().as_fd())),
            ("standard error", meta(std::io::stderr().as_fd())),
        ]
    }
    #[cfg(not(unix))]
    {
        Vec::new()
    }
}
