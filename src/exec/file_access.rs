//! Which files `LOAD CSV` may read, and which file a URL names.
//!
//! A URL is `file:///abs/path`, `file://localhost/abs/path` (RFC 8089),
//! `file:/abs/path`, `file:rel/path`, or a plain path; in `file:` URLs,
//! percent-escapes are decoded and `.`/`..` segments are removed as URLs
//! remove them. Under an import directory every path is taken relative to
//! it (`file:///x.csv` is `DIR/x.csv`, as in Neo4j), and the file it names,
//! symlinks resolved, must lie under it.

use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use std::path::{Component, Path, PathBuf};

/// Which files `LOAD CSV` may read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum FileAccess {
    /// None: every `LOAD CSV` fails. The default of a library [`Database`](crate::Database).
    #[default]
    Denied,
    /// Only files under this directory (symlinks and `..` resolved); paths
    /// and `file:` URLs are relative to it: `file:///x.csv` is `DIR/x.csv`.
    /// The command line's default, with the current directory.
    Under(PathBuf),
    /// Any file the process may read; `file:///x.csv` is `/x.csv`, and a
    /// relative path is relative to the current directory.
    Anywhere,
}

/// A `LOAD CSV` failure.
pub(super) fn failed(message: impl Into<String>) -> Error {
    Error::runtime(ErrorKind::IoError, Detail::LoadCsvFailed, message)
}

/// A file `LOAD CSV` may not read.
fn denied(message: impl Into<String>) -> Error {
    Error::runtime(ErrorKind::IoError, Detail::FileAccessDenied, message)
}

impl FileAccess {
    /// The file that `url` names, if this access allows reading it.
    pub fn resolve(&self, url: &str) -> Result<PathBuf> {
        let path = url_path(url)?;
        match self {
            FileAccess::Denied => Err(denied(
                "LOAD CSV may not read files here: no import directory is set \
                 (quiver --import-dir DIR, or Database::set_file_access)",
            )),
            FileAccess::Anywhere => Ok(path),
            FileAccess::Under(dir) => under(dir, url, &path),
        }
    }
}

/// `url` (which names `path`) under the import directory `dir`.
fn under(dir: &Path, url: &str, path: &Path) -> Result<PathBuf> {
    let root = dir.canonicalize().map_err(|e| {
        failed(format!(
            "the import directory {} cannot be used: {e}",
            dir.display()
        ))
    })?;
    let outside = || {
        denied(format!(
            "LOAD CSV may read only files under the import directory {} (--import-dir); \
             '{url}' is outside it",
            root.display()
        ))
    };
    // Lexically first: `..` that climbs above the directory is refused
    // before anything about the file system is asked.
    let mut inside = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Prefix(_) | Component::RootDir | Component::CurDir => {}
            Component::ParentDir => {
                if !inside.pop() {
                    return Err(outside());
                }
            }
            Component::Normal(name) => inside.push(name),
        }
    }
    if inside.as_os_str().is_empty() {
        return Err(failed(format!(
            "'{url}' names the import directory, not a file"
        )));
    }
    let joined = root.join(&inside);
    match joined.canonicalize() {
        Ok(file) if file.starts_with(&root) => Ok(file),
        Ok(_) => Err(outside()),
        Err(e) => {
            // Through a symlink that leaves the directory, whether the file
            // exists there is none of the query's business.
            for ancestor in joined.ancestors().skip(1) {
                if let Ok(real) = ancestor.canonicalize() {
                    if !real.starts_with(&root) {
                        return Err(outside());
                    }
                    break;
                }
            }
            Err(failed(match e.kind() {
                std::io::ErrorKind::NotFound => format!(
                    "LOAD CSV cannot find '{url}': the import directory {} (--import-dir) \
                     has no {}; paths and file: URLs are relative to it",
                    root.display(),
                    inside.display()
                ),
                _ => format!("LOAD CSV cannot read '{url}': {e}"),
            }))
        }
    }
}

/// The path a `LOAD CSV` URL names, before any directory is applied.
fn url_path(url: &str) -> Result<PathBuf> {
    if url.contains('\0') {
        return Err(failed("a LOAD CSV URL cannot hold a NUL character"));
    }
    let Some(colon) = scheme_end(url) else {
        if url.is_empty() {
            return Err(failed("LOAD CSV needs a file name, not ''"));
        }
        return Ok(PathBuf::from(url));
    };
    if !url[..colon].eq_ignore_ascii_case("file") {
        return Err(failed(format!(
            "LOAD CSV reads local files only, not `{url}`"
        )));
    }
    let rest = &url[colon + 1..];
    if rest.contains(['?', '#']) {
        return Err(failed(format!(
            "a file URL has no query or fragment: write '?' as %3F and '#' as %23 in `{url}`"
        )));
    }
    let path = match rest.strip_prefix("//") {
        Some(authority_and_path) => {
            let (host, path) = match authority_and_path.find('/') {
                Some(i) => authority_and_path.split_at(i),
                None => (authority_and_path, ""),
            };
            if !host.is_empty() && !host.eq_ignore_ascii_case("localhost") {
                return Err(failed(format!(
                    "LOAD CSV reads files of this machine only, not of host `{host}` (`{url}`)"
                )));
            }
            path
        }
        None => rest,
    };
    let decoded =
        percent_decode(path).ok_or_else(|| failed(format!("`{url}` has a bad percent-escape")))?;
    if decoded.is_empty() {
        return Err(failed(format!("`{url}` names no file")));
    }
    if decoded.contains('\0') {
        return Err(failed("a LOAD CSV URL cannot hold a NUL character"));
    }
    Ok(PathBuf::from(decoded))
}

/// Where a URL's scheme ends (the offset of its `:`), if it has one:
/// a letter, then letters, digits, `+`, `-` or `.`.
fn scheme_end(url: &str) -> Option<usize> {
    let colon = url.find(':')?;
    let scheme = &url[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(colon)
}

/// `%XX` escapes decoded; `None` for a bad escape or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::{FileAccess, percent_decode, url_path};
    use crate::error::Detail;
    use std::path::PathBuf;

    fn path(url: &str) -> Result<String, String> {
        url_path(url)
            .map(|p| p.display().to_string())
            .map_err(|e| e.message)
    }

    #[test]
    fn urls_name_local_files() {
        assert_eq!(path("file:///tmp/a.csv"), Ok("/tmp/a.csv".into()));
        assert_eq!(path("FILE:///tmp/a.csv"), Ok("/tmp/a.csv".into()));
        assert_eq!(path("file://localhost/tmp/a.csv"), Ok("/tmp/a.csv".into()));
        assert_eq!(path("file:/tmp/a.csv"), Ok("/tmp/a.csv".into()));
        assert_eq!(path("file:data/a.csv"), Ok("data/a.csv".into()));
        assert_eq!(path("data/a.csv"), Ok("data/a.csv".into()));
        assert_eq!(path("file:///a%20b%2e%2E.csv"), Ok("/a b...csv".into()));
        assert_eq!(path("file:///a%2fb"), Ok("/a/b".into()));
        // A plain path is taken as written.
        assert_eq!(path("a%20b.csv"), Ok("a%20b.csv".into()));
    }

    #[test]
    fn other_urls_are_refused() {
        assert_eq!(
            path("https://example.com/a.csv"),
            Err("LOAD CSV reads local files only, not `https://example.com/a.csv`".into())
        );
        assert_eq!(
            path("file://example.com/a.csv"),
            Err(
                "LOAD CSV reads files of this machine only, not of host `example.com` \
                 (`file://example.com/a.csv`)"
                    .into()
            )
        );
        assert!(path("file:///a%zz").is_err());
        assert!(path("file:///a%2").is_err());
        assert!(path("file:///a%00b").is_err());
        assert!(path("file:///a.csv?x=1").is_err());
        assert!(path("file://").is_err());
        assert!(path("").is_err());
    }

    #[test]
    fn escapes_decode_to_utf8_only() {
        assert_eq!(percent_decode("%C3%A9"), Some("é".into()));
        assert_eq!(percent_decode("%FF"), None);
    }

    #[test]
    fn no_access_reads_nothing() {
        let e = FileAccess::Denied.resolve("file:///tmp/a.csv");
        assert_eq!(e.map_err(|e| e.detail), Err(Detail::FileAccessDenied));
        assert_eq!(
            FileAccess::Anywhere.resolve("file:///tmp/a.csv").ok(),
            Some(PathBuf::from("/tmp/a.csv"))
        );
    }

    #[test]
    fn paths_stay_under_the_import_directory() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().to_path_buf();
        let _ = std::fs::create_dir_all(dir.join("sub"));
        let _ = std::fs::write(dir.join("sub/a.csv"), "x\n");
        let root = dir.canonicalize().unwrap_or_default();
        let access = FileAccess::Under(dir.clone());
        let detail = |url: &str| access.resolve(url).map_err(|e| e.detail);
        assert_eq!(detail("file:///sub/a.csv"), Ok(root.join("sub/a.csv")));
        assert_eq!(detail("sub/../sub/./a.csv"), Ok(root.join("sub/a.csv")));
        assert_eq!(
            detail("file:///sub/%2e%2e/sub/a.csv"),
            Ok(root.join("sub/a.csv"))
        );
        assert_eq!(detail("../x.csv"), Err(Detail::FileAccessDenied));
        assert_eq!(
            detail("file:///%2e%2e/x.csv"),
            Err(Detail::FileAccessDenied)
        );
        assert_eq!(detail("sub/../../x.csv"), Err(Detail::FileAccessDenied));
        assert_eq!(detail("file:///sub/b.csv"), Err(Detail::LoadCsvFailed));
        #[cfg(unix)]
        {
            let _ = std::os::unix::fs::symlink("/etc", dir.join("out"));
            assert_eq!(detail("out/passwd"), Err(Detail::FileAccessDenied));
            assert_eq!(detail("out/no-such-file"), Err(Detail::FileAccessDenied));
        }
    }
}
