//! The bounds a statement runs within (time, memory, threads, Ctrl-C):
//! their defaults and the settings that change them.

use super::Database;
use crate::exec::guard::Interrupter;

/// The memory limit a database starts with: half of the memory the
/// machine has (or its control group allows), so that a runaway
/// statement is an error, never an abort; 4 GiB where that is unknown.
pub(super) fn default_memory_limit() -> usize {
    static LIMIT: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *LIMIT.get_or_init(|| {
        let total = physical_memory().unwrap_or(8 << 30);
        usize::try_from(total / 2).unwrap_or(usize::MAX)
    })
}

fn physical_memory() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let kib: u64 = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    let total = kib.checked_mul(1024)?;
    // A container's limit, when it has one lower than the machine.
    let cgroup = std::fs::read_to_string("/sys/fs/cgroup/memory.max")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok());
    Some(cgroup.map_or(total, |c| c.min(total)))
}

impl Database {
    /// Sets how long a statement may run: past it, the statement fails
    /// with `TransientError`/`QueryTimeout` and changes nothing. `None`
    /// (the default) lets statements run as long as they need.
    pub fn set_timeout(&mut self, timeout: Option<std::time::Duration>) {
        self.limits.timeout = timeout;
    }

    /// How long a statement may run, if that is bounded.
    pub fn timeout(&self) -> Option<std::time::Duration> {
        self.limits.timeout
    }

    /// Sets how many bytes of rows, lists, strings, maps and collections a
    /// statement may hold at once: past it, the statement fails with
    /// `TransientError`/`MemoryLimitExceeded` and changes nothing. The
    /// default is half of the machine's memory (or of its control group's
    /// limit; 4 GiB where neither is known); `None` removes the bound.
    pub fn set_memory_limit(&mut self, bytes: Option<usize>) {
        self.limits.memory = bytes;
    }

    /// The memory limit of a statement, if it is bounded.
    pub fn memory_limit(&self) -> Option<usize> {
        self.limits.memory
    }

    /// Sets how many threads a read-only statement may run on: a large
    /// scan feeding an aggregation (`count`, `min`, `max`, `collect`) is
    /// split into that many parts, one thread each, with the same answer
    /// and order as on one thread. `None` (the default) takes as many
    /// threads as the machine runs at once, at most 8; `Some(1)` runs
    /// every statement on the calling thread alone.
    pub fn set_threads(&mut self, threads: Option<usize>) {
        self.limits.threads = threads.map(|n| n.max(1));
    }

    /// How many threads a statement may run on (`None`: the machine's).
    pub fn threads(&self) -> Option<usize> {
        self.limits.threads
    }

    /// A handle that cancels the running statement from another thread
    /// (or a signal handler): the statement fails with
    /// `TransientError`/`Cancelled` and changes nothing; an open
    /// transaction stays open.
    pub fn interrupter(&self) -> Interrupter {
        self.interrupter.clone()
    }
}
