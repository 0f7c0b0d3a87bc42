//! Bounds on a running statement: a deadline, a flag another thread raises
//! to cancel it, and a memory budget for what the engine builds.
//!
//! A statement runs on one thread, so the bounds live in thread-locals set
//! by [`enter`] for as long as the statement runs; without them (tests
//! that call the executor directly) every check passes.
//!
//! - **Time and cancellation** are read by [`tick`], which the loops that
//!   can run long call once per step: rows leaving a scan or a hop, paths
//!   counted without rows, elements of list comprehensions and `reduce`.
//!   Only every [`TICKS_PER_CHECK`]th tick reads the clock and the flag.
//! - **Memory** is what the engine keeps while a statement runs: the rows
//!   of the result, of a sort, of a `DISTINCT`, of groups and `collect`,
//!   of rows buffered before writes. Each holder keeps a [`Reservation`]
//!   that grows with what it keeps and gives it back when dropped. Values
//!   built in one step (`range`, `replace`, `+`, list comprehensions) are
//!   checked with [`ensure`] before they are built, so a single huge value
//!   fails before it is allocated.

use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use crate::value::Value;
use std::cell::{Cell, RefCell};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How many ticks go by between two reads of the clock and the flag.
const TICKS_PER_CHECK: u64 = 1024;

/// The bounds of a statement.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Limits {
    /// How long a statement may run.
    pub timeout: Option<Duration>,
    /// How many bytes of rows and values a statement may hold at once.
    pub memory: Option<usize>,
    /// How many threads a statement may run on (`None`: as many as the
    /// machine runs at once, at most 8; see [`super::parallel`]).
    pub threads: Option<usize>,
}

/// A handle that cancels the statement running on a database from another
/// thread (or a signal handler): cheap to clone, safe to share.
#[derive(Debug, Clone, Default)]
pub struct Interrupter(Arc<AtomicBool>);

impl Interrupter {
    /// Asks the running statement to stop: it fails with `Cancelled` at
    /// its next check, having changed nothing. Only a raising that happens
    /// while a statement runs cancels it; each statement starts afresh.
    pub fn interrupt(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Forgets an earlier raising (a statement about to start).
    pub fn clear(&self) {
        self.0.store(false, Ordering::SeqCst);
    }

    fn is_raised(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

struct Active {
    started: Instant,
    timeout: Option<Duration>,
    interrupter: Interrupter,
}

thread_local! {
    static TICKS: Cell<u64> = const { Cell::new(0) };
    static USED: Cell<usize> = const { Cell::new(0) };
    static LIMIT: Cell<usize> = const { Cell::new(usize::MAX) };
    static THREADS: Cell<Option<usize>> = const { Cell::new(None) };
    static ACTIVE: RefCell<Option<Active>> = const { RefCell::new(None) };
}

/// While it lives, the statement on this thread runs within its bounds.
pub(crate) struct Entered {
    limit_before: usize,
    used_before: usize,
    threads_before: Option<usize>,
}

/// Starts bounding the statement about to run on this thread.
pub(crate) fn enter(limits: Limits, interrupter: &Interrupter) -> Entered {
    let entered = Entered {
        limit_before: LIMIT.with(Cell::get),
        used_before: USED.with(Cell::get),
        threads_before: THREADS.with(Cell::get),
    };
    LIMIT.with(|l| l.set(limits.memory.unwrap_or(usize::MAX)));
    THREADS.with(|t| t.set(limits.threads));
    USED.with(|u| u.set(0));
    ACTIVE.with(|a| {
        *a.borrow_mut() = Some(Active {
            started: Instant::now(),
            timeout: limits.timeout,
            interrupter: interrupter.clone(),
        })
    });
    entered
}

impl Drop for Entered {
    fn drop(&mut self) {
        ACTIVE.with(|a| *a.borrow_mut() = None);
        LIMIT.with(|l| l.set(self.limit_before));
        THREADS.with(|t| t.set(self.threads_before));
        USED.with(|u| u.set(self.used_before));
    }
}

/// The bounds of the statement running on this thread, handed to a worker
/// thread that runs a part of it: the same start, timeout and interrupter,
/// and a share of the memory left.
#[derive(Debug, Clone)]
pub(crate) struct Share {
    started: Option<Instant>,
    timeout: Option<Duration>,
    interrupter: Interrupter,
    memory: usize,
}

/// This thread's bounds, with `1 / parts` of the memory it has left.
pub(crate) fn share(parts: usize) -> Share {
    let limit = LIMIT.with(Cell::get);
    let memory = match limit {
        usize::MAX => limit,
        _ => limit.saturating_sub(USED.with(Cell::get)) / parts.max(1),
    };
    ACTIVE.with(|a| match &*a.borrow() {
        Some(active) => Share {
            started: Some(active.started),
            timeout: active.timeout,
            interrupter: active.interrupter.clone(),
            memory,
        },
        None => Share {
            started: None,
            timeout: None,
            interrupter: Interrupter::default(),
            memory,
        },
    })
}

impl Share {
    /// Bounds the part about to run on this (worker) thread.
    pub(crate) fn enter(&self) -> Entered {
        let entered = enter(
            Limits {
                timeout: self.timeout,
                memory: Some(self.memory),
                // A part does not split again.
                threads: Some(1),
            },
            &self.interrupter,
        );
        if let Some(started) = self.started {
            ACTIVE.with(|a| {
                if let Some(active) = a.borrow_mut().as_mut() {
                    active.started = started;
                }
            });
        }
        entered
    }

    /// Runs `f`, the part of the statement run on this (its own) thread,
    /// within the share: on one thread (it does not split again), and
    /// with no more memory than the share.
    pub(crate) fn within<T>(&self, f: impl FnOnce() -> T) -> T {
        let threads = THREADS.with(|t| t.replace(Some(1)));
        let used = USED.with(Cell::get);
        let limit = LIMIT.with(|l| l.replace(l.get().min(used.saturating_add(self.memory))));
        let out = f();
        THREADS.with(|t| t.set(threads));
        LIMIT.with(|l| l.set(limit));
        out
    }
}

/// How many threads the statement on this thread may run on (`None`: as
/// many as the machine has).
pub(crate) fn threads() -> Option<usize> {
    THREADS.with(Cell::get)
}

/// One step of a loop that may run long: now and then, fails when the
/// statement is past its time or was cancelled.
#[inline]
pub(crate) fn tick() -> Result<()> {
    tick_by(1)
}

/// `steps` steps at once (a scan or a hop about to test that many
/// candidates): the clock is read as often as if each had ticked.
#[inline]
pub(crate) fn tick_by(steps: u64) -> Result<()> {
    let due = TICKS.with(|t| {
        let before = t.get();
        let after = before.wrapping_add(steps);
        t.set(after);
        after / TICKS_PER_CHECK != before / TICKS_PER_CHECK
    });
    if due { check() } else { Ok(()) }
}

/// Fails when the statement is past its time or was cancelled.
pub(crate) fn check() -> Result<()> {
    ACTIVE.with(|a| match &*a.borrow() {
        Some(active) if active.interrupter.is_raised() => Err(cancelled()),
        Some(Active {
            started,
            timeout: Some(t),
            ..
        }) if started.elapsed() > *t => Err(timed_out(*t)),
        _ => Ok(()),
    })
}

/// Fails when `bytes` more would not fit in the statement's budget (the
/// bytes are not kept: for a value about to be built).
pub(crate) fn ensure(bytes: usize) -> Result<()> {
    let (used, limit) = (USED.with(Cell::get), LIMIT.with(Cell::get));
    if used.saturating_add(bytes) > limit {
        return Err(too_much(limit));
    }
    Ok(())
}

/// Bytes a holder of rows or values keeps, counted against the budget
/// until it is dropped.
#[derive(Debug, Default)]
pub(crate) struct Reservation {
    bytes: usize,
}

impl Reservation {
    /// An empty reservation.
    pub(crate) fn new() -> Reservation {
        Reservation::default()
    }

    /// Keeps `bytes` more; fails (keeping them all the same, so that the
    /// drop gives back what was counted) when the budget is exceeded.
    pub(crate) fn grow(&mut self, bytes: usize) -> Result<()> {
        self.bytes = self.bytes.saturating_add(bytes);
        let used = USED.with(|u| {
            let n = u.get().saturating_add(bytes);
            u.set(n);
            n
        });
        let limit = LIMIT.with(Cell::get);
        if used > limit {
            return Err(too_much(limit));
        }
        Ok(())
    }

    /// Keeps the size of `row` more.
    pub(crate) fn grow_row(&mut self, row: &[Value]) -> Result<()> {
        self.grow(row_size(row))
    }

    /// Gives back everything kept.
    pub(crate) fn clear(&mut self) {
        let bytes = std::mem::take(&mut self.bytes);
        USED.with(|u| u.set(u.get().saturating_sub(bytes)));
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        self.clear();
    }
}

/// The bytes a row holds: its slots and what they point to.
pub(crate) fn row_size(row: &[Value]) -> usize {
    row.iter().map(value_size).sum::<usize>() + std::mem::size_of::<Vec<Value>>()
}

/// The bytes a value holds: its own slot and everything it points to
/// (without recursion: lists may nest deeper than the stack allows).
pub(crate) fn value_size(v: &Value) -> usize {
    const SLOT: usize = std::mem::size_of::<Value>();
    let mut total = 0usize;
    let mut todo: Vec<&Value> = vec![v];
    while let Some(v) = todo.pop() {
        total = total.saturating_add(SLOT);
        match v {
            Value::String(s) => total = total.saturating_add(s.len()),
            Value::List(items) => todo.extend(items),
            Value::Map(m) => {
                for (k, v) in m {
                    // A B-tree entry: the key's bytes and some bookkeeping.
                    total = total.saturating_add(k.len() + 48);
                    todo.push(v);
                }
            }
            Value::Path(p) => {
                total = total.saturating_add(8 * (p.nodes.len() + p.rels.len()));
            }
            _ => {}
        }
    }
    total
}

fn cancelled() -> Error {
    Error::runtime(
        ErrorKind::TransientError,
        Detail::Cancelled,
        "the statement was cancelled; it changed nothing",
    )
}

fn timed_out(t: Duration) -> Error {
    Error::runtime(
        ErrorKind::TransientError,
        Detail::QueryTimeout,
        format!(
            "the statement ran longer than the timeout of {}; it changed nothing \
             (--timeout, :timeout)",
            crate::text::duration(t)
        ),
    )
}

fn too_much(limit: usize) -> Error {
    Error::runtime(
        ErrorKind::TransientError,
        Detail::MemoryLimitExceeded,
        format!(
            "the statement needs more memory than the limit of {}; it changed nothing \
             (--memory-limit)",
            crate::text::bytes(limit as u64)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_bounds_everything_passes() {
        assert!(ensure(usize::MAX).is_ok());
        let mut r = Reservation::new();
        assert!(r.grow(1 << 40).is_ok());
        for _ in 0..5000 {
            assert!(tick().is_ok());
        }
    }

    #[test]
    fn reservations_count_against_the_budget_until_dropped() {
        let i = Interrupter::default();
        let _g = enter(
            Limits {
                timeout: None,
                memory: Some(1000),
                threads: None,
            },
            &i,
        );
        let mut a = Reservation::new();
        a.grow(600).unwrap();
        assert!(ensure(400).is_ok());
        assert_eq!(ensure(401).unwrap_err().detail, Detail::MemoryLimitExceeded);
        {
            let mut b = Reservation::new();
            assert_eq!(b.grow(500).unwrap_err().detail, Detail::MemoryLimitExceeded);
        }
        assert!(ensure(400).is_ok());
        a.clear();
        assert!(ensure(1000).is_ok());
    }

    #[test]
    fn an_interrupt_cancels_at_the_next_check() {
        let i = Interrupter::default();
        let _g = enter(Limits::default(), &i);
        assert!(check().is_ok());
        i.interrupt();
        assert_eq!(check().unwrap_err().detail, Detail::Cancelled);
        let n = (0..2 * TICKS_PER_CHECK).filter(|_| tick().is_err()).count();
        assert!(n >= 1);
    }

    #[test]
    fn a_deadline_passes() {
        let i = Interrupter::default();
        let _g = enter(
            Limits {
                timeout: Some(Duration::ZERO),
                memory: None,
                threads: None,
            },
            &i,
        );
        std::thread::sleep(Duration::from_millis(2));
        assert_eq!(check().unwrap_err().detail, Detail::QueryTimeout);
    }

    #[test]
    fn sizes_of_deep_values_need_no_stack() {
        let mut v = Value::List(vec![]);
        for _ in 0..200_000 {
            v = Value::List(vec![v]);
        }
        assert_eq!(value_size(&v), 200_001 * std::mem::size_of::<Value>());
        // Dropping it must not overflow the stack either.
        crate::value::drop_deep(v);
    }
}
