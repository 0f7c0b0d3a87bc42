//! A progress bar on standard error for long loads and imports.
//!
//! It shows only when standard error is a terminal and the work has taken
//! more than [`DELAY`], redraws one line with `\r` at most ten times a
//! second, and erases itself at the end:
//!
//! ```text
//! loading graph.cypher [##########..........]  512/1024 statements
//! ```

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

/// How long work runs before the bar appears.
pub const DELAY: Duration = Duration::from_secs(1);
/// The least time between two redraws.
const REDRAW: Duration = Duration::from_millis(100);
/// Characters in the bar itself.
const BAR_WIDTH: usize = 20;

/// A progress bar: `label`, `done` out of `total` `unit`.
pub struct Progress {
    label: String,
    unit: String,
    total: u64,
    started: Instant,
    drawn: Option<Instant>,
    enabled: bool,
}

impl Progress {
    /// A bar for `total` statements, labelled `label` (e.g. `loading
    /// graph.cypher`); silent unless standard error is a terminal.
    pub fn new(label: &str, total: u64) -> Progress {
        Progress::with_unit(label, total, "statements")
    }

    /// A bar counting `unit` (e.g. `rows`) instead of statements.
    pub fn with_unit(label: &str, total: u64, unit: &str) -> Progress {
        Progress {
            label: label.to_string(),
            unit: unit.to_string(),
            total,
            started: Instant::now(),
            drawn: None,
            enabled: io::stderr().is_terminal(),
        }
    }

    /// Records that `done` of the total are done, redrawing when it is time.
    pub fn set(&mut self, done: u64) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        if now.duration_since(self.started) < DELAY {
            return;
        }
        if self.drawn.is_some_and(|at| now.duration_since(at) < REDRAW) {
            return;
        }
        self.drawn = Some(now);
        let line = self.line(done);
        let mut err = io::stderr().lock();
        let _ = write!(err, "\r{line}");
        let _ = err.flush();
    }

    /// Erases the bar, if it was drawn.
    pub fn finish(&mut self) {
        if self.drawn.take().is_some() {
            let blank = " ".repeat(self.line(self.total).chars().count());
            let mut err = io::stderr().lock();
            let _ = write!(err, "\r{blank}\r");
            let _ = err.flush();
        }
    }

    /// The text of the bar at `done`.
    fn line(&self, done: u64) -> String {
        let done = done.min(self.total);
        let filled = if self.total == 0 {
            BAR_WIDTH
        } else {
            (done as u128 * BAR_WIDTH as u128 / self.total as u128) as usize
        };
        let digits = self.total.to_string().len();
        format!(
            "{} [{}{}] {done:>digits$}/{} {}",
            self.label,
            "#".repeat(filled),
            ".".repeat(BAR_WIDTH - filled),
            self.total,
            self.unit
        )
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_fills_in_proportion() {
        let bar = Progress::new("loading g.cypher", 1024);
        assert_eq!(
            bar.line(512),
            "loading g.cypher [##########..........]  512/1024 statements"
        );
        assert_eq!(
            bar.line(4000),
            "loading g.cypher [####################] 1024/1024 statements"
        );
        let empty = Progress::with_unit("import", 0, "rows");
        assert_eq!(empty.line(0), "import [####################] 0/0 rows");
    }

    #[test]
    fn nothing_is_drawn_before_the_delay() {
        let mut bar = Progress::new("x", 10);
        bar.enabled = true;
        bar.set(5);
        assert_eq!(bar.drawn, None);
    }
}
