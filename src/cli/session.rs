//! One database and the statements run against it: running, printing
//! results and reporting errors. Scripts, `-e` and the REPL all go through
//! [`Session::run_script`].

use super::report;
use crate::db::{Database, Params};
use crate::error::Error;
use crate::output::{self, Format};
use crate::parse::{is_blank, split_statements};
use crate::result::QueryResult;
use crate::span::Span;
use std::io::{self, Write};
use std::time::{Duration, Instant};

/// Statement text and the name to report it under (a path, `<query>`,
/// `<stdin>`).
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// A path, or a name in angle brackets.
    pub name: &'a str,
    /// The whole text; statement spans and error positions are offsets in it.
    pub text: &'a str,
}

/// What happens to the results of the statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `--load`: results are not printed, errors go to standard error.
    Load,
    /// Results are printed in the session's format.
    Show,
}

/// Whether to go on with the next statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Go on.
    Continue,
    /// Stop: `--fail-fast` after a failure, or standard output is gone.
    Stop,
}

/// A database, the settings to run statements with, and what happened so far.
pub struct Session {
    db: Database,
    params: Params,
    format: Format,
    fail_fast: bool,
    quiet: bool,
    failed: bool,
    dot_results: Vec<QueryResult>,
    last: Option<QueryResult>,
    out: Box<dyn Write>,
    err: Box<dyn Write>,
}

impl Session {
    /// A session over `db` that prints to standard output and error.
    pub fn new(
        db: Database,
        params: Params,
        format: Format,
        fail_fast: bool,
        quiet: bool,
    ) -> Session {
        Session {
            db,
            params,
            format,
            fail_fast,
            quiet,
            failed: false,
            dot_results: Vec::new(),
            last: None,
            out: Box::new(io::BufWriter::new(io::stdout())),
            err: Box::new(io::stderr()),
        }
    }

    /// Opens a transaction around the `--load` files; `false` when one was
    /// already open (then the files join it).
    pub fn begin_load(&mut self) -> bool {
        if self.db.in_transaction() {
            return false;
        }
        self.db.begin().is_ok()
    }

    /// Commits the `--load` transaction; `false` (and reported) when the
    /// commit fails, e.g. the disk is full.
    pub fn end_load(&mut self) -> bool {
        if !self.db.in_transaction() {
            return true;
        }
        match self.db.commit() {
            Ok(()) => true,
            Err(e) => {
                self.failed = true;
                let _ = self.out.flush();
                let _ = writeln!(
                    self.err,
                    "error: the load files could not be committed: {}",
                    e.message
                );
                false
            }
        }
    }

    /// Rolls back a transaction left open at exit, saying so.
    pub fn abandon_transaction(&mut self) {
        if self.db.in_transaction() && self.db.rollback().is_ok() && !self.quiet {
            let _ = self.out.flush();
            let _ = writeln!(
                self.err,
                "notice: the open transaction was rolled back (no COMMIT)"
            );
        }
    }

    /// Replaces the database (the REPL's `:open`), rolling back an open
    /// transaction of the old one.
    pub fn replace_db(&mut self, db: Database) {
        self.abandon_transaction();
        self.db = db;
        self.last = None;
    }

    /// Whether any statement has failed.
    pub fn failed(&self) -> bool {
        self.failed
    }

    /// Whether notices and banners are silenced.
    pub fn quiet(&self) -> bool {
        self.quiet
    }

    /// The database.
    pub fn db(&self) -> &Database {
        &self.db
    }

    /// The result of the last statement that succeeded.
    pub fn last(&self) -> Option<&QueryResult> {
        self.last.as_ref()
    }

    /// The output format.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Changes the output format (the REPL's `:format`).
    pub fn set_format(&mut self, format: Format) {
        self.format = format;
    }

    /// Sets a parameter (the REPL's `:param`).
    pub fn set_param(&mut self, name: String, value: crate::value::Value) {
        self.params.insert(name, value);
    }

    /// Runs every statement of `source`, including an unterminated last one.
    pub fn run_script(&mut self, source: Source<'_>, mode: Mode) -> Flow {
        let split = split_statements(source.text);
        let spans = split.statements.into_iter().chain(Some(split.rest));
        self.run_statements(source, spans, mode)
    }

    /// Runs the statements at `spans` in `source`, skipping blank ones.
    pub fn run_statements(
        &mut self,
        source: Source<'_>,
        spans: impl IntoIterator<Item = Span>,
        mode: Mode,
    ) -> Flow {
        for span in spans {
            let Some(text) = source.text.get(span.start..span.end) else {
                continue;
            };
            if is_blank(text) {
                continue;
            }
            if self.run_statement(source, span, text, mode) == Flow::Stop {
                return Flow::Stop;
            }
        }
        Flow::Continue
    }

    /// Runs one statement, `text` (at `span` in `source`), and prints its outcome.
    fn run_statement(&mut self, source: Source<'_>, span: Span, text: &str, mode: Mode) -> Flow {
        let started = Instant::now();
        let outcome = self.db.execute(text, &self.params);
        let elapsed = started.elapsed();
        match outcome {
            Ok(result) => {
                let printed = match mode {
                    Mode::Load => Ok(()),
                    Mode::Show => self.show(&result, elapsed),
                };
                self.last = Some(result);
                self.output_written(printed)
            }
            Err(error) => {
                self.failed = true;
                let error = error.shifted(span.start);
                let printed = self.show_error(&error, source, span.start, mode);
                if self.output_written(printed) == Flow::Stop || self.fail_fast {
                    Flow::Stop
                } else {
                    Flow::Continue
                }
            }
        }
    }

    /// Prints a result, or keeps it for the DOT document.
    fn show(&mut self, result: &QueryResult, elapsed: Duration) -> io::Result<()> {
        if !self.quiet {
            self.out.flush()?;
            for notice in &result.notices {
                let _ = writeln!(self.err, "notice: {notice}");
            }
        }
        if self.format == Format::Dot {
            self.dot_results.push(result.clone());
            return Ok(());
        }
        output::write_result(&mut self.out, result, elapsed, self.format)?;
        self.out.flush()
    }

    /// Prints an error: a JSON object on standard output when showing JSON,
    /// else a report with a caret on standard error.
    fn show_error(
        &mut self,
        error: &Error,
        source: Source<'_>,
        statement_start: usize,
        mode: Mode,
    ) -> io::Result<()> {
        if mode == Mode::Show && self.format == Format::Json {
            output::write_json_error(&mut self.out, error, source.text)?;
            return self.out.flush();
        }
        self.out.flush()?;
        let text = report::render(error, source.name, source.text, statement_start);
        let _ = self.err.write_all(text.as_bytes());
        Ok(())
    }

    /// Turns a failure to write standard output into a stop: a closed pipe
    /// ends the run quietly, any other failure is reported.
    fn output_written(&mut self, written: io::Result<()>) -> Flow {
        match written {
            Ok(()) => Flow::Continue,
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Flow::Stop,
            Err(e) => {
                self.failed = true;
                let _ = writeln!(self.err, "error: cannot write the output: {e}");
                Flow::Stop
            }
        }
    }

    /// Ends the session: prints the DOT document when the format is `dot`.
    pub fn finish(&mut self) {
        let written = if self.format == Format::Dot {
            let results: Vec<&QueryResult> = self.dot_results.iter().collect();
            let document = output::dot_document(&results);
            self.out
                .write_all(document.as_bytes())
                .and_then(|()| self.out.flush())
        } else {
            self.out.flush()
        };
        self.output_written(written);
    }

    /// Writes a line for people to standard output (REPL messages).
    pub fn say(&mut self, text: &str) {
        let written = writeln!(self.out, "{text}").and_then(|()| self.out.flush());
        self.output_written(written);
    }

    /// Writes a line to standard error (REPL complaints).
    pub fn complain(&mut self, text: &str) {
        let _ = self.out.flush();
        let _ = writeln!(self.err, "{text}");
    }
}
