//! The progress bar on standard error for long loads and imports, drawn by
//! indicatif.
//!
//! It shows only when standard error is a terminal and the work has taken
//! longer than a delay (a second; the environment variable
//! `QUIVER_PROGRESS_DELAY_MS` sets it, so that tests see the bar at once),
//! redraws at most ten times a second, and erases itself at the end:
//!
//! ```text
//! loading graph.cypher [##########..........]  512/1024 statements
//! importing [###############               ]  50% 1.00 MiB/2.00 MiB
//! ```

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{self, IsTerminal};
use std::time::{Duration, Instant};

/// How long work runs before the bar appears, unless
/// [`DELAY_VARIABLE`] says otherwise.
pub(crate) const DELAY: Duration = Duration::from_secs(1);
/// The environment variable that sets the delay, in milliseconds.
pub(crate) const DELAY_VARIABLE: &str = "QUIVER_PROGRESS_DELAY_MS";
/// Redraws a second, at most.
const REDRAWS: u8 = 10;

/// A progress bar: `label`, then how much of the total is done.
pub(crate) struct Progress {
    label: String,
    template: String,
    /// The bar's characters: done, then to do.
    fill: &'static str,
    total: u64,
    started: Instant,
    delay: Duration,
    enabled: bool,
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar for `total` statements, labelled `label` (e.g. `loading
    /// graph.cypher`).
    pub(crate) fn new(label: &str, total: u64) -> Progress {
        let digits = total.to_string().len();
        let template = format!("{{msg}} [{{bar:20}}] {{pos:>{digits}}}/{{len}} statements");
        Progress::with_template(label, total, template, "#.")
    }

    /// A bar for bytes read, labelled `label`; [`Progress::set_total`] says
    /// how many there are.
    pub(crate) fn bytes(label: &str) -> Progress {
        let template = "{msg} [{bar:30}] {percent:>3}% {bytes}/{total_bytes}".to_string();
        Progress::with_template(label, 0, template, "# ")
    }

    fn with_template(label: &str, total: u64, template: String, fill: &'static str) -> Progress {
        Progress {
            label: label.to_string(),
            template,
            fill,
            total,
            started: Instant::now(),
            delay: delay(std::env::var(DELAY_VARIABLE).ok().as_deref()),
            enabled: io::stderr().is_terminal(),
            bar: None,
        }
    }

    /// Sets the total.
    pub(crate) fn set_total(&mut self, total: u64) {
        if total == self.total {
            return;
        }
        self.total = total;
        if let Some(bar) = &self.bar {
            bar.set_length(total);
        }
    }

    /// Records that `done` of the total are done; the bar appears once the
    /// delay has passed.
    pub(crate) fn set(&mut self, done: u64) {
        if self.bar.is_none() {
            if !self.enabled || self.started.elapsed() < self.delay {
                return;
            }
            self.bar = Some(self.draw());
        }
        if let Some(bar) = &self.bar {
            bar.set_position(done.min(self.total));
        }
    }

    /// The bar itself, on standard error.
    fn draw(&self) -> ProgressBar {
        let target = ProgressDrawTarget::stderr_with_hz(REDRAWS);
        let bar = ProgressBar::with_draw_target(Some(self.total), target);
        // The templates are ours and valid; should one not be, the bar
        // shows indicatif's default style rather than nothing.
        if let Ok(style) = ProgressStyle::with_template(&self.template) {
            bar.set_style(style.progress_chars(self.fill));
        }
        bar.set_message(self.label.clone());
        bar
    }

    /// Erases the bar, if it was drawn.
    pub(crate) fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// The delay `variable` (milliseconds) asks for, or [`DELAY`].
fn delay(variable: Option<&str>) -> Duration {
    variable
        .and_then(|ms| ms.trim().parse().ok())
        .map_or(DELAY, Duration::from_millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_is_a_second_unless_the_variable_says() {
        assert_eq!(delay(None), DELAY);
        assert_eq!(delay(Some("0")), Duration::ZERO);
        assert_eq!(delay(Some(" 250 ")), Duration::from_millis(250));
        assert_eq!(delay(Some("soon")), DELAY);
    }

    #[test]
    fn nothing_is_drawn_before_the_delay() {
        let mut bar = Progress::new("x", 10);
        bar.enabled = true;
        bar.delay = DELAY;
        bar.set(5);
        assert!(bar.bar.is_none());
    }

    #[test]
    fn the_templates_are_valid() {
        for progress in [Progress::new("x", 1024), Progress::bytes("y")] {
            assert!(ProgressStyle::with_template(&progress.template).is_ok());
        }
    }
}
