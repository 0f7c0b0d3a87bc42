//! Standard output that holds back what statements print while their
//! commits wait for one flush (group commit, see
//! [`crate::Database::set_group_commit`]): nobody reads that a statement
//! was committed before it is durable.

use std::io::{self, Write};

/// Results are let out once this many statements wait...
const MOST_STATEMENTS: usize = 256;
/// ...or they hold this many bytes.
const MOST_BYTES: usize = 1 << 20;

/// Standard output, holding back what is written while commits wait.
pub(crate) struct Output {
    inner: Box<dyn Write>,
    held: Option<Held>,
}

/// What is held back.
struct Held {
    bytes: Vec<u8>,
    /// The statements whose outcomes it holds.
    statements: usize,
}

impl Output {
    pub(crate) fn new(inner: Box<dyn Write>) -> Output {
        Output { inner, held: None }
    }

    /// Holds back what is written from now on, counting it as one more
    /// statement's outcome.
    pub(crate) fn hold_statement(&mut self) {
        let held = self.held.get_or_insert_with(|| Held {
            bytes: Vec::new(),
            statements: 0,
        });
        held.statements += 1;
    }

    /// Whether anything is held back.
    pub(crate) fn holding(&self) -> bool {
        self.held.is_some()
    }

    /// Whether what is held back should be let out now.
    pub(crate) fn held_enough(&self) -> bool {
        self.held
            .as_ref()
            .is_some_and(|h| h.statements >= MOST_STATEMENTS || h.bytes.len() >= MOST_BYTES)
    }

    /// Writes out what was held back (the commits are durable).
    pub(crate) fn release(&mut self) -> io::Result<()> {
        if let Some(held) = self.held.take() {
            self.inner.write_all(&held.bytes)?;
        }
        self.inner.flush()
    }

    /// Forgets what was held back (the commits were lost); returns the
    /// number of statements whose outcomes it held.
    pub(crate) fn discard(&mut self) -> usize {
        self.held.take().map_or(0, |h| h.statements)
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.held {
            Some(held) => {
                held.bytes.extend_from_slice(buf);
                Ok(buf.len())
            }
            None => self.inner.write(buf),
        }
    }

    /// Flushes only what is not held back.
    fn flush(&mut self) -> io::Result<()> {
        match self.held {
            Some(_) => Ok(()),
            None => self.inner.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// A writer whose bytes the test can read.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn holds_until_released_and_forgets_when_discarded() {
        let seen = Shared::default();
        let mut out = Output::new(Box::new(seen.clone()));
        out.write_all(b"a\n").unwrap();
        out.hold_statement();
        out.write_all(b"b\n").unwrap();
        out.flush().unwrap();
        out.hold_statement();
        out.write_all(b"c\n").unwrap();
        assert_eq!(seen.0.lock().unwrap().as_slice(), b"a\n");
        assert!(out.holding() && !out.held_enough());
        out.release().unwrap();
        assert_eq!(seen.0.lock().unwrap().as_slice(), b"a\nb\nc\n");
        out.hold_statement();
        out.write_all(b"d\n").unwrap();
        assert_eq!(out.discard(), 1);
        out.write_all(b"e\n").unwrap();
        assert_eq!(seen.0.lock().unwrap().as_slice(), b"a\nb\nc\ne\n");
        assert!(!out.holding());
    }

    #[test]
    fn enough_statements_are_let_out() {
        let mut out = Output::new(Box::new(Shared::default()));
        for _ in 0..MOST_STATEMENTS - 1 {
            out.hold_statement();
        }
        assert!(!out.held_enough());
        out.hold_statement();
        assert!(out.held_enough());
    }
}
