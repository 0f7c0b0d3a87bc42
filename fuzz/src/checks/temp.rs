//! Files under the system's temporary directory that remove themselves.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A path of its own in the temporary directory, removed on drop.
pub struct TempFile {
    path: PathBuf,
}

impl TempFile {
    /// A fresh path ending in `name` (nothing is created).
    pub fn new(name: &str) -> TempFile {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let pid = std::process::id();
        TempFile {
            path: std::env::temp_dir().join(format!("quiver-fuzz-{pid}-{n}-{name}")),
        }
    }

    /// A fresh path holding `bytes`.
    pub fn with(name: &str, bytes: &[u8]) -> TempFile {
        let file = TempFile::new(name);
        if let Err(e) = std::fs::write(&file.path, bytes) {
            panic!("cannot write {}: {e}", file.path.display());
        }
        file
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
