//! Files written whole or not at all: the bytes go to a temporary file in
//! the target's folder, which is synced and then renamed over the target.
//! Until the rename the old file is untouched; a write that fails (a full
//! disk, a killed process, an error while exporting) leaves it as it was
//! and removes the temporary file.

use std::fs::{self, File, OpenOptions};
#[cfg(feature = "cli")]
use std::io::Write;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Tells temporary files of one process apart.
static NEXT: AtomicU64 = AtomicU64::new(0);

/// How many names to try for a temporary file before giving up.
const TRIES: usize = 64;

/// A file being written under a temporary name beside `target`.
pub(crate) struct AtomicFile {
    out: BufWriter<File>,
    staged: Staged,
}

/// A temporary file written whole, waiting to be renamed over its target;
/// removed when dropped before [`Staged::rename`].
pub(crate) struct Staged {
    tmp: PathBuf,
    target: PathBuf,
    renamed: bool,
}

impl AtomicFile {
    /// Starts a file that will replace `target` (which may not exist yet).
    /// It keeps the permissions of the file it replaces.
    pub(crate) fn create(target: &Path) -> io::Result<AtomicFile> {
        let name = target
            .file_name()
            .ok_or_else(|| io::Error::other("the path names no file"))?
            .to_string_lossy()
            .to_string();
        let mut last = None;
        for _ in 0..TRIES {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let tmp = target.with_file_name(format!(".{name}.tmp-{}-{n}", std::process::id()));
            match OpenOptions::new().write(true).create_new(true).open(&tmp) {
                Ok(file) => {
                    let staged = Staged {
                        tmp,
                        target: target.to_path_buf(),
                        renamed: false,
                    };
                    if let Ok(meta) = fs::metadata(target) {
                        file.set_permissions(meta.permissions())?;
                    }
                    return Ok(AtomicFile {
                        out: BufWriter::new(file),
                        staged,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or_else(|| io::Error::other("no temporary name is free")))
    }

    /// Where the bytes go.
    pub(crate) fn writer(&mut self) -> &mut BufWriter<File> {
        &mut self.out
    }

    /// Flushes and syncs the temporary file; the target is not touched yet.
    pub(crate) fn finish(self) -> io::Result<Staged> {
        let AtomicFile { out, staged } = self;
        let file = out.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.sync_all()?;
        Ok(staged)
    }

    /// Finishes and renames over the target.
    #[cfg(feature = "cli")]
    pub(crate) fn commit(self) -> io::Result<()> {
        self.finish()?.rename()
    }
}

impl Staged {
    /// Puts the file in place of its target, and makes the new name durable.
    pub(crate) fn rename(mut self) -> io::Result<()> {
        fs::rename(&self.tmp, &self.target)?;
        self.renamed = true;
        // Not every system can sync a folder; the file itself is synced.
        let _ = sync_parent(&self.target);
        Ok(())
    }
}

/// Makes the name of the file at `path` durable: syncs its folder.
pub(crate) fn sync_parent(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => File::open(dir)?.sync_all(),
        _ => File::open(".")?.sync_all(),
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.renamed {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// Writes a whole file at `target` with `fill`, or leaves it as it was.
#[cfg(feature = "cli")]
pub(crate) fn write_file(
    target: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut file = AtomicFile::create(target)?;
    fill(file.writer())?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_write_replaces_the_file_whole() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        let target = dir.join("out.txt");
        fs::write(&target, "old").unwrap();
        write_file(&target, |w: &mut dyn Write| w.write_all(b"new")).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(names(dir), vec!["out.txt"]);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary_one() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        let target = dir.join("out.txt");
        fs::write(&target, "old").unwrap();
        let failed = write_file(&target, |w: &mut dyn Write| {
            w.write_all(b"half")?;
            Err(io::Error::other("stopped"))
        });
        assert_eq!(failed.unwrap_err().to_string(), "stopped");
        assert_eq!(fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(names(dir), vec!["out.txt"]);
        // Staged but never renamed: removed too.
        let staged = AtomicFile::create(&target).unwrap().finish().unwrap();
        drop(staged);
        assert_eq!(names(dir), vec!["out.txt"]);
    }
}
