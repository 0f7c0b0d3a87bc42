//! Ctrl-C: cancels the running statement instead of killing the process.
//!
//! The handler (a thread of the `ctrlc` crate, not a signal context) raises
//! the [`Interrupter`] of the statement running now, if any, and always
//! remembers that Ctrl-C was pressed, so that a script stops before its
//! next statement when Ctrl-C came between two.

use crate::Interrupter;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether Ctrl-C was pressed since [`clear`].
static PRESSED: AtomicBool = AtomicBool::new(false);

/// The statement running now.
static RUNNING: Mutex<Option<Interrupter>> = Mutex::new(None);

/// Makes Ctrl-C cancel statements from now on (once per process; a
/// failure to install leaves Ctrl-C as it was).
pub(crate) fn install() {
    let _ = ctrlc::set_handler(|| {
        PRESSED.store(true, Ordering::SeqCst);
        if let Ok(running) = RUNNING.lock()
            && let Some(i) = &*running
        {
            i.interrupt();
        }
    });
}

/// Whether Ctrl-C was pressed since [`clear`].
pub(crate) fn pressed() -> bool {
    PRESSED.load(Ordering::SeqCst)
}

/// Forgets an earlier Ctrl-C (the REPL, back at its prompt).
pub(crate) fn clear() {
    PRESSED.store(false, Ordering::SeqCst);
}

/// While it lives, Ctrl-C cancels the statement `interrupter` belongs to.
pub(crate) struct Running;

/// Marks the statement of `interrupter` as the one Ctrl-C cancels.
pub(crate) fn running(interrupter: Interrupter) -> Running {
    if let Ok(mut running) = RUNNING.lock() {
        *running = Some(interrupter);
    }
    Running
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Ok(mut running) = RUNNING.lock() {
            *running = None;
        }
    }
}
