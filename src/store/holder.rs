//! Who holds a database file's lock, where the operating system tells:
//! on Linux, `/proc/locks` lists the `flock` that redb takes on the file
//! with the holder's process id, and `/proc/PID/cmdline` its command line.

use std::path::Path;

/// The longest command line a message quotes.
const COMMAND_LINE: usize = 160;

/// A process holding a lock on a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Holder {
    /// Its process id.
    pub pid: u32,
    /// Whether it holds the lock for writing (else it reads).
    pub writes: bool,
    /// Its command line, when it can be read.
    pub command: Option<String>,
}

/// The processes holding locks on `path`, writers first; empty when the
/// system does not say.
pub(crate) fn holders(path: &Path) -> Vec<Holder> {
    let Some((major, minor, inode)) = file_id(path) else {
        return Vec::new();
    };
    let Ok(table) = std::fs::read_to_string("/proc/locks") else {
        return Vec::new();
    };
    let mut found: Vec<Holder> = Vec::new();
    for line in table.lines() {
        let Some((pid, writes, id)) = parse_line(line) else {
            continue;
        };
        if id != (major, minor, inode) || found.iter().any(|h| h.pid == pid) {
            continue;
        }
        found.push(Holder {
            pid,
            writes,
            command: command_line(pid),
        });
    }
    found.sort_by_key(|h| (!h.writes, h.pid));
    found
}

/// Says who the holders are: `pid 12 (quiver --db g.quiver)`, several
/// separated by `, `; `None` when nobody is known.
pub(crate) fn describe(holders: &[Holder]) -> Option<String> {
    if holders.is_empty() {
        return None;
    }
    let each: Vec<String> = holders
        .iter()
        .map(|h| match &h.command {
            Some(c) => format!("pid {}: {c}", h.pid),
            None => format!("pid {}", h.pid),
        })
        .collect();
    Some(each.join("; "))
}

/// The device numbers and inode of `path`.
#[cfg(target_os = "linux")]
fn file_id(path: &Path) -> Option<(u64, u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    let dev = meta.dev();
    // glibc's encoding of dev_t.
    let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & !0xfff);
    let minor = (dev & 0xff) | ((dev >> 12) & !0xff);
    Some((major, minor, meta.ino()))
}

#[cfg(not(target_os = "linux"))]
fn file_id(_path: &Path) -> Option<(u64, u64, u64)> {
    None
}

/// One line of `/proc/locks`, e.g.
/// `3: FLOCK  ADVISORY  WRITE 12825 fe:00:10011866 0 EOF`: the holder's
/// pid, whether it writes, and the file's major, minor and inode. Lines
/// of waiters (`->`) and of locks with no pid (open file description
/// locks show -1) give `None`.
fn parse_line(line: &str) -> Option<(u32, bool, (u64, u64, u64))> {
    let mut fields = line.split_whitespace().skip(1);
    let class = fields.next()?;
    if class == "->" {
        return None;
    }
    let _mode = fields.next()?;
    let access = fields.next()?;
    let pid: u32 = fields.next()?.parse().ok()?;
    let mut id = fields.next()?.split(':');
    let major = u64::from_str_radix(id.next()?, 16).ok()?;
    let minor = u64::from_str_radix(id.next()?, 16).ok()?;
    let inode = id.next()?.parse().ok()?;
    (pid > 0).then_some((pid, access == "WRITE", (major, minor, inode)))
}

/// `/proc/PID/cmdline` as one line, shortened to [`COMMAND_LINE`]
/// characters, with control characters shown as `?`.
fn command_line(pid: u32) -> Option<String> {
    let bytes = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let words: Vec<&str> = text.split('\0').filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return None;
    }
    let line: String = words
        .join(" ")
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    Some(match line.char_indices().nth(COMMAND_LINE) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_proc_locks() {
        assert_eq!(
            parse_line("3: FLOCK  ADVISORY  WRITE 12825 fe:00:10011866 0 EOF"),
            Some((12825, true, (0xfe, 0, 10011866)))
        );
        assert_eq!(
            parse_line("4: FLOCK  ADVISORY  READ 7 08:1f:99 0 EOF"),
            Some((7, false, (8, 0x1f, 99)))
        );
        assert_eq!(
            parse_line("1: OFDLCK ADVISORY  WRITE -1 fe:00:10011866 0 4611686018427388799"),
            None
        );
        assert_eq!(
            parse_line("3: -> FLOCK  ADVISORY  WRITE 12826 fe:00:10011866 0 EOF"),
            None
        );
        assert_eq!(parse_line("garbage"), None);
    }

    #[test]
    fn holders_are_described() {
        let h = |pid, command: Option<&str>| Holder {
            pid,
            writes: true,
            command: command.map(str::to_string),
        };
        assert_eq!(describe(&[]), None);
        assert_eq!(
            describe(&[h(12, Some("quiver --db g.quiver")), h(13, None)]).as_deref(),
            Some("pid 12: quiver --db g.quiver; pid 13")
        );
    }
}
