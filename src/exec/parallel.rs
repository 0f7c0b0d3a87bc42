//! Running a read-only plan in parts, one thread each.
//!
//! A plan whose rows are driven by one node scan (every operator between
//! it and the top works a row at a time) is split by that scan's nodes:
//! part `i` of `n` takes the `i`-th of `n` runs of consecutive candidates,
//! so the parts' rows, one part after the other, are the whole plan's rows
//! in their order. An aggregation runs each part on its own thread and
//! merges what the parts found in part order (see [`run_parts`]);
//! `AggregateRuns` shares out whole groups instead (see [`in_threads`]).

use super::row::Row;
use super::{Ctx, Operator, build, guard};
use crate::error::{Detail, Error, ErrorKind, Result};
use crate::plan::Op;
use std::ops::Range;
use std::sync::OnceLock;

/// What [`Operator::split`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Split {
    /// The operator cannot keep a part of its rows: it runs whole.
    Cannot,
    /// It yields one row (the argument): a scan over it may split.
    OneRow,
    /// It keeps its part.
    Done,
}

impl Split {
    /// What a row-at-a-time operator answers when its input answered
    /// `self`: its rows are split when its input's are.
    pub(crate) fn passed_on(self) -> Split {
        match self {
            Split::Done => Split::Done,
            Split::Cannot | Split::OneRow => Split::Cannot,
        }
    }
}

/// The fewest candidates a scan splits off per part: with fewer, starting
/// a thread costs more than it saves.
const MIN_PER_PART: usize = 2_048;

#[cfg(test)]
thread_local! {
    /// The fewest candidates per part in tests of statements started on
    /// this thread (small graphs split too).
    pub(crate) static TEST_MIN_PER_PART: std::cell::Cell<usize> =
        const { std::cell::Cell::new(MIN_PER_PART) };
}

#[cfg(test)]
thread_local! {
    /// How many statements started on this thread ran in parts.
    static RUNS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The fewest candidates a scan splits off per part (and, times two, the
/// fewest rows `AggregateRuns` shares out).
pub(crate) fn min_per_part() -> usize {
    #[cfg(test)]
    return TEST_MIN_PER_PART.with(std::cell::Cell::get);
    #[cfg(not(test))]
    MIN_PER_PART
}

/// One part of a plan's rows: which, of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Part {
    index: usize,
    of: usize,
    min: usize,
}

impl Part {
    /// Whether a scan of `len` candidates gives each part enough of them.
    pub(crate) fn worth_it(self, len: usize) -> bool {
        len >= self.min.saturating_mul(self.of)
    }

    /// The candidates, of `len`, this part takes: the `index`-th of `of`
    /// runs of about equal length.
    pub(crate) fn share(self, len: usize) -> Range<usize> {
        let at = |i: usize| (len as u128 * i as u128 / self.of as u128) as usize;
        at(self.index)..at(self.index + 1)
    }
}

/// How many parts a statement runs in: as set for it (`--threads`), else
/// as many as the machine runs threads at once, at most 8.
pub(crate) fn parts() -> usize {
    static MACHINE: OnceLock<usize> = OnceLock::new();
    guard::threads().unwrap_or_else(|| {
        *MACHINE.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(8)))
    })
}

/// Runs `run` on each part of `plan` (built with `arg`; `run` is told
/// which part it runs), part 0 on this thread and the others on threads of
/// their own, and gives the parts' results in part order. `None`, having
/// run nothing, when the statement writes or the plan cannot be split;
/// `None` too when a part failed (other than by a bound: time, cancel), so
/// that the caller runs the plan whole and fails as a whole run does.
pub(crate) fn run_parts<T: Send>(
    plan: &Op,
    arg: &Row,
    ctx: &mut Ctx<'_>,
    run: &(dyn Fn(usize, &mut dyn Operator, &mut Ctx<'_>) -> Result<T> + Sync),
) -> Result<Option<Vec<T>>> {
    let of = parts();
    if ctx.writes || of < 2 {
        return Ok(None);
    }
    let part = |index| Part {
        index,
        of,
        min: min_per_part(),
    };
    let mut first = build(plan, arg);
    if first.split(part(0), &ctx.graph) != Split::Done {
        return Ok(None);
    }
    in_threads(
        of,
        ctx,
        &mut |ctx| run(0, &mut *first, ctx),
        &|index, ctx| {
            let mut op = build(plan, arg);
            if op.split(part(index), &ctx.graph) != Split::Done {
                return Err(not_split());
            }
            run(index, &mut *op, ctx)
        },
    )
}

/// Runs `first` on this thread and `run(i, ctx)` for `i` in `1..of` on
/// threads of their own, each with a read-only context and its share of
/// the statement's bounds, and gives the results in order. `None` when one
/// failed other than by a bound (time, cancel): the caller then does the
/// work on one thread and fails as that does.
pub(crate) fn in_threads<T: Send>(
    of: usize,
    ctx: &Ctx<'_>,
    first: &mut dyn FnMut(&mut Ctx<'_>) -> Result<T>,
    run: &(dyn Fn(usize, &mut Ctx<'_>) -> Result<T> + Sync),
) -> Result<Option<Vec<T>>> {
    let bounds = guard::share(of);
    let results: Vec<Result<T>> = bounds.within(|| {
        std::thread::scope(|scope| {
            let workers: Vec<_> = (1..of)
                .map(|index| {
                    let mut mine = ctx.reader();
                    let bounds = bounds.clone();
                    spawn(scope, move || {
                        let _bounded = bounds.enter();
                        run(index, &mut mine)
                    })
                })
                .collect();
            let mut results = vec![first(&mut ctx.reader())];
            for w in workers {
                // A thread that could not start or that panicked: the
                // statement runs whole.
                let joined = w.and_then(|w| w.join().ok());
                results.push(joined.unwrap_or_else(|| Err(not_split())));
            }
            results
        })
    });
    #[cfg(test)]
    RUNS.with(|r| r.set(r.get() + 1));
    let mut out = Vec::with_capacity(of);
    for r in results {
        match r {
            Ok(t) => out.push(t),
            Err(e) if matches!(e.detail, Detail::Cancelled | Detail::QueryTimeout) => {
                return Err(e);
            }
            Err(_) => return Ok(None),
        }
    }
    Ok(Some(out))
}

/// The stack a statement runs on: `Database::execute` runs one on a
/// segment of this size when less than a few MiB are left, and a thread
/// that runs a part of it gets as much, so that what a whole run evaluates
/// a part evaluates too.
pub(crate) const STACK: usize = 64 << 20;

/// Starts `f` on a thread of `scope` with a statement's stack; `None` when
/// the system has no thread to give.
pub(crate) fn spawn<'scope, T: Send + 'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    f: impl FnOnce() -> T + Send + 'scope,
) -> Option<std::thread::ScopedJoinHandle<'scope, T>> {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn_scoped(scope, f)
        .ok()
}

/// A part that could not run as the first one did (never expected: the
/// plan is whole again).
fn not_split() -> Error {
    Error::runtime(
        ErrorKind::TransientError,
        Detail::DatabaseUnavailable,
        "internal error: a part of the statement could not run",
    )
}

#[cfg(test)]
mod tests {
    use super::{RUNS, TEST_MIN_PER_PART};
    use crate::exec::guard::{self, Interrupter, Limits};
    use crate::exec::{run_query, try_query};
    use crate::store::Graph;
    use crate::value::Params;
    use std::cell::Cell;

    /// 2,000 nodes `:P {g: i % 7, v: i}` (and 500 `:Q`), each `-[:R]->`
    /// the next, the one after it and one far away: triangles, groups
    /// across all parts, nodes with no match.
    fn graph() -> Graph {
        let mut g = Graph::new();
        let p = Params::new();
        run_query(
            &mut g,
            "UNWIND range(0, 1999) AS i CREATE (:P {g: i % 7, v: i})",
            &p,
        );
        run_query(&mut g, "UNWIND range(0, 499) AS i CREATE (:Q {v: i})", &p);
        for step in ["i + 1", "i + 2", "(i * 7 + 3)"] {
            let q = format!(
                "UNWIND range(0, 1999) AS i MATCH (a:P {{v: i}}), (b:P {{v: ({step}) % 2000}}) \
                 CREATE (a)-[:R {{w: i % 5}}]->(b)"
            );
            run_query(&mut g, &q, &p);
        }
        g
    }

    /// The rows (or the error) of `query` on `threads` threads, and how
    /// many times it ran in parts.
    fn run(g: &mut Graph, query: &str, threads: usize) -> (String, usize) {
        run_within(g, query, threads, None)
    }

    fn run_within(
        g: &mut Graph,
        query: &str,
        threads: usize,
        memory: Option<usize>,
    ) -> (String, usize) {
        TEST_MIN_PER_PART.with(|m| m.set(10));
        let limits = Limits {
            threads: Some(threads),
            memory,
            timeout: None,
        };
        let _bounded = guard::enter(limits, &Interrupter::default());
        let before = RUNS.with(Cell::get);
        let out = match try_query(g, query, &Params::new()) {
            Ok(r) => format!("{:?}", r.rows),
            Err(e) => format!("{}: {}", e.detail.name(), e.message),
        };
        (out, RUNS.with(Cell::get) - before)
    }

    /// Asserts that `query` gives on three threads what it gives on one;
    /// how many times it ran in parts.
    fn runs_in_parts(g: &mut Graph, query: &str) -> usize {
        let (whole, _) = run(g, query, 1);
        let (parts, runs) = run(g, query, 3);
        assert_eq!(parts, whole, "{query}");
        runs
    }

    #[test]
    fn parts_give_the_rows_of_one_thread_in_its_order() {
        let mut g = graph();
        for query in [
            "MATCH (n:P) RETURN count(*)",
            "MATCH (n) RETURN count(*)",
            "MATCH (n:P) RETURN n.g AS g, count(*), min(n.v), max(n.v), collect(n.v)",
            // Key 5 first met in the second of three parts, again in the third.
            "MATCH (n:P) RETURN n.v / 250 AS k, count(*), max(n.v), collect(n.v % 9)",
            "MATCH (n:P)-[r:R]->(m) WHERE r.w > 1 RETURN m.g, count(m), collect(n.v)",
            "MATCH (n:P) OPTIONAL MATCH (n)-[r:R]->(m:P) WHERE m.v < 300 \
             RETURN n.v % 3 AS k, count(m), count(*)",
            "MATCH (n:P) OPTIONAL MATCH (n)-[r:R]->(m:P) WHERE r.w = 0 RETURN n.v, count(m)",
            "MATCH (a:P)-[:R]->(b:P)-[:R]->(c:P), (a)-[:R]->(c) RETURN count(*)",
            "MATCH (a:P)-[:R*1..2]->(b) WHERE a.v % 2 = 0 RETURN b.g, count(*)",
            "MATCH (n:P) UNWIND [n.v, -n.v] AS x RETURN x % 2 AS odd, min(x), max(x)",
            // Grouped by node; a far node met again in later parts.
            "MATCH (n:P) OPTIONAL MATCH (n)-[r:R]->(m:P) WHERE r.w = 0 RETURN n, count(m)",
            "MATCH (n:P)-[:R]->(m) RETURN m, count(*), collect(n.v)",
            // DISTINCT over hop chains, whole groups to a part.
            "MATCH (n:P)-[:R]->(m)-[:R]->(k) RETURN n.g AS g, count(DISTINCT k) AS c",
            "MATCH (n:P)-[:R]->(m)-[:R]->(k) \
             RETURN n.v % 50 AS g, collect(DISTINCT k.v % 13), sum(DISTINCT k.v), count(*)",
        ] {
            assert_eq!(runs_in_parts(&mut g, query), 1, "{query} ran in parts");
        }
    }

    #[test]
    fn what_does_not_split_runs_whole() {
        let mut g = graph();
        for query in [
            // A range seek does not split.
            "MATCH (n:P) WHERE n.v < 20 WITH n MATCH (n) RETURN count(*)",
            // `sum` and `DISTINCT` do not merge; an index seek does not split.
            "MATCH (n:P) RETURN n.g, sum(n.v)",
            "MATCH (n:P) RETURN count(DISTINCT n.g)",
            "MATCH (n:P {v: 5}) RETURN count(*)",
            // A statement that writes runs on one thread.
            "MATCH (n:Q) SET n.seen = true RETURN count(*)",
        ] {
            assert_eq!(runs_in_parts(&mut g, query), 0, "{query} ran in parts");
        }
    }

    #[test]
    fn parts_share_the_memory_limit() {
        let mut g = graph();
        let query = "MATCH (n:P) RETURN n.g, collect([n.v, n.v, n.v])";
        // Enough for a whole run, and so for each part.
        let (whole, _) = run_within(&mut g, query, 1, Some(1 << 20));
        let (parts, runs) = run_within(&mut g, query, 3, Some(1 << 20));
        assert!(whole.starts_with("[["), "{whole}");
        assert_eq!((parts, runs), (whole, 1));
        // Enough for none.
        let (whole, _) = run_within(&mut g, query, 1, Some(50_000));
        let (parts, _) = run_within(&mut g, query, 3, Some(50_000));
        assert!(whole.starts_with("MemoryLimitExceeded"), "{whole}");
        assert_eq!(parts, whole);
    }

    #[test]
    fn parts_evaluate_expressions_as_deep_as_a_whole_run() {
        let mut g = graph();
        // As deep as the parser takes (200 levels of brackets).
        let depth = 199;
        let deep = format!("{}n.v{}", "(1 + ".repeat(depth), ")".repeat(depth));
        let query = format!("MATCH (n:P) RETURN n.g, max({deep})");
        // A statement's stack (`Database::execute` gives it one as deep).
        let ((whole, _), (parts, runs)) = std::thread::scope(|s| {
            std::thread::Builder::new()
                .stack_size(super::STACK)
                .spawn_scoped(s, || (run(&mut g, &query, 1), run(&mut g, &query, 3)))
                .map(|t| t.join())
        })
        .expect("a thread")
        .expect("no panic");
        assert!(whole.contains(&format!("Int({})", 1999 + depth)), "{whole}");
        assert_eq!((parts, runs), (whole, 1));
    }

    /// Keys that name their node group by node in each part (once the
    /// columns are built), and the parts' groups merge by node.
    #[test]
    fn parts_group_by_node_as_one_thread_does() {
        let mut g = Graph::new();
        let p = Params::new();
        run_query(
            &mut g,
            "UNWIND range(0, 11999) AS i CREATE (:P {v: i, id: CASE WHEN i % 9 = 4              THEN null ELSE 50000 - i END, g: i % 7})",
            &p,
        );
        run_query(
            &mut g,
            "UNWIND range(0, 11999, 2) AS i MATCH (a:P {v: i}), (b:P {v: (i * 7) % 12000})              CREATE (a)-[:R {w: i % 3}]->(b)",
            &p,
        );
        g.commit();
        for query in [
            "MATCH (n:P) OPTIONAL MATCH (n)-[r:R]->(m:P) WHERE r.w > 0              RETURN n.id, n.g, count(m), count(*)",
            "MATCH (n:P)-[:R]->(m) RETURN m.id, count(*), collect(n.v)",
        ] {
            // The first run builds the columns in the middle of some part.
            for _ in 0..3 {
                assert_eq!(runs_in_parts(&mut g, query), 1, "{query} ran in parts");
            }
        }
        assert!(g.node_column("id").is_built());
    }

    #[test]
    fn a_part_that_fails_fails_as_the_whole_statement_does() {
        let mut g = graph();
        // Division by zero at v = 1500, in the last part.
        for query in [
            "MATCH (n:P) RETURN n.g, max(10 / (n.v - 1500))",
            // In the groups of hop chains: a group in the last part fails.
            "MATCH (n:P)-[:R]->(m)-[:R]->(k) RETURN n.v % 50 AS g, \
             count(DISTINCT 10 / (n.v - 1949))",
        ] {
            let (whole, _) = run(&mut g, query, 1);
            let (parts, runs) = run(&mut g, query, 3);
            assert!(whole.starts_with("DivisionByZero"), "{whole}");
            assert_eq!((parts, runs), (whole, 1), "{query}");
        }
    }
}
