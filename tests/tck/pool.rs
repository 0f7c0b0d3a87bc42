//! Runs scenarios on a few workers, each scenario in its own thread with a
//! large stack, panics caught and a time limit: a scenario that hangs is
//! counted as failed and its thread is left behind.

use super::gherkin::Scenario;
use super::runner::Failure;
use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Once, mpsc};
use std::thread;
use std::time::Duration;

/// The stack of a scenario thread: deep recursion must not abort the run.
const STACK_SIZE: usize = 64 * 1024 * 1024;

/// Scenario threads are named with this prefix; their panics are quiet.
const THREAD_PREFIX: &str = "tck-scenario-";

thread_local! {
    /// The message and location of the last panic on this thread.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Makes panics on scenario threads quiet (they are reported as failures)
/// while other threads keep the usual report.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let ours = thread::current()
                .name()
                .is_some_and(|n| n.starts_with(THREAD_PREFIX));
            if !ours {
                previous(info);
                return;
            }
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".to_string());
            let location = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{message}{location}")));
        }));
    });
}

/// Runs `job` on this thread, turning a panic into a failure.
fn run_caught(job: impl FnOnce() -> Result<(), Failure>) -> Result<(), Failure> {
    match panic::catch_unwind(AssertUnwindSafe(job)) {
        Ok(outcome) => outcome,
        Err(_) => {
            let message = LAST_PANIC
                .with(|p| p.borrow_mut().take())
                .unwrap_or_else(|| "a panic".to_string());
            Err(Failure::new(format!("panic: {message}")))
        }
    }
}

/// Runs `job` in a new scenario thread, waiting at most `timeout`.
fn run_isolated(
    name: String,
    job: impl FnOnce() -> Result<(), Failure> + Send + 'static,
    timeout: Duration,
) -> Result<(), Failure> {
    install_panic_hook();
    let (send, receive) = mpsc::channel();
    let spawned = thread::Builder::new()
        .name(format!("{THREAD_PREFIX}{name}"))
        .stack_size(STACK_SIZE)
        .spawn(move || {
            // The worker may have given up waiting; nobody to tell then.
            let _ = send.send(run_caught(job));
        });
    if let Err(e) = spawned {
        return Err(Failure::new(format!("harness: cannot start a thread: {e}")));
    }
    match receive.recv_timeout(timeout) {
        Ok(outcome) => outcome,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Failure::new(format!(
            "timeout after {} s",
            timeout.as_secs_f64()
        ))),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err(Failure::new("the scenario thread died without an answer"))
        }
    }
}

/// How a scenario is run: in-process, or through the `quiver` program.
pub type Job = Arc<dyn Fn(&Scenario) -> Result<(), Failure> + Send + Sync>;

/// Runs every scenario with `job`; the outcomes are in the order of
/// `scenarios`.
pub fn run_all(
    scenarios: Vec<Scenario>,
    job: Job,
    workers: usize,
    timeout: Duration,
) -> Vec<Result<(), Failure>> {
    install_panic_hook();
    let count = scenarios.len();
    let scenarios = Arc::new(scenarios);
    let next = AtomicUsize::new(0);
    let outcomes: Mutex<Vec<Option<Result<(), Failure>>>> = Mutex::new(vec![None; count]);
    thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    if index >= count {
                        break;
                    }
                    let (scenarios, job) = (Arc::clone(&scenarios), Arc::clone(&job));
                    let run = move || job(&scenarios[index]);
                    let outcome = run_isolated(index.to_string(), run, timeout);
                    if let Ok(mut all) = outcomes.lock() {
                        all[index] = Some(outcome);
                    }
                }
            });
        }
    });
    outcomes
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .map(|o| o.unwrap_or_else(|| Err(Failure::new("harness: the scenario never ran"))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_failures() {
        let outcome = run_isolated("panics".into(), || panic!("boom"), Duration::from_secs(10));
        let reason = outcome.unwrap_err().reason;
        assert!(
            reason.starts_with("panic: boom at tests/tck/pool.rs:"),
            "{reason}"
        );
    }

    #[test]
    fn slow_scenarios_time_out() {
        let slow = || {
            thread::sleep(Duration::from_millis(500));
            Ok(())
        };
        assert_eq!(
            run_isolated("slow".into(), slow, Duration::from_millis(20)),
            Err(Failure::new("timeout after 0.02 s"))
        );
        assert_eq!(
            run_isolated("fast".into(), || Ok(()), Duration::from_secs(10)),
            Ok(())
        );
    }

    #[test]
    fn deep_recursion_fits_the_stack() {
        fn depth(n: u64) -> u64 {
            let pad = [n; 64];
            if n == 0 {
                0
            } else {
                1 + depth(std::hint::black_box(pad)[0] - 1)
            }
        }
        let job = || {
            (depth(10_000) == 10_000)
                .then_some(())
                .ok_or(Failure::new("wrong depth"))
        };
        assert_eq!(
            run_isolated("deep".into(), job, Duration::from_secs(10)),
            Ok(())
        );
    }
}
