//! `PROFILE`: counts the rows each operator yields and the time spent in
//! it (its inputs included), and prints the plan tree with those figures.

use super::row::Row;
use super::{BoxOp, Ctx, Operator};
use crate::error::Result;
use crate::plan::Op;
use std::cell::RefCell;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Rows and time of one plan operator (all its instances added up).
#[derive(Debug, Clone, Copy, Default)]
struct Figures {
    rows: u64,
    time: Duration,
}

thread_local! {
    /// While a `PROFILE` runs on this thread: figures by plan operator address.
    static ACTIVE: RefCell<Option<HashMap<usize, Figures>>> = const { RefCell::new(None) };
}

fn key(op: &Op) -> usize {
    op as *const Op as usize
}

/// Collects figures on this thread while it lives (also when the
/// statement fails: dropping it stops the collection).
pub(crate) struct Collecting;

impl Collecting {
    /// Starts collecting.
    pub(crate) fn start() -> Collecting {
        ACTIVE.with(|a| *a.borrow_mut() = Some(HashMap::new()));
        Collecting
    }

    /// Stops collecting and prints the plan with the figures.
    pub(crate) fn finish(self, root: &Op) -> String {
        let figures = ACTIVE.with(|a| a.borrow_mut().take()).unwrap_or_default();
        let mut out = String::new();
        let _ = root.write_tree(&mut out, &|op| {
            let f = figures.get(&key(op)).copied().unwrap_or_default();
            format!(
                "{}  [rows {}, {:.3} ms]",
                op.describe(),
                f.rows,
                f.time.as_secs_f64() * 1000.0
            )
        });
        out
    }
}

impl Drop for Collecting {
    fn drop(&mut self) {
        ACTIVE.with(|a| *a.borrow_mut() = None);
    }
}

/// Wraps a freshly built operator when a `PROFILE` is running.
pub(crate) fn wrap<'p>(op: &'p Op, built: BoxOp<'p>) -> BoxOp<'p> {
    let active = ACTIVE.with(|a| a.borrow().is_some());
    if active {
        Box::new(Profiled {
            key: key(op),
            inner: built,
        })
    } else {
        built
    }
}

struct Profiled<'p> {
    key: usize,
    inner: BoxOp<'p>,
}

impl Operator for Profiled<'_> {
    fn next(&mut self, ctx: &mut Ctx<'_>) -> Result<Option<Row>> {
        let started = Instant::now();
        let row = self.inner.next(ctx);
        let spent = started.elapsed();
        let got = matches!(row, Ok(Some(_)));
        ACTIVE.with(|a| {
            if let Some(map) = a.borrow_mut().as_mut() {
                let f = map.entry(self.key).or_default();
                f.time += spent;
                f.rows += u64::from(got);
            }
        });
        row
    }

    fn rearm(&mut self, arg: &Row) -> bool {
        self.inner.rearm(arg)
    }
}
