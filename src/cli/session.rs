//! One database and the statements run against it: running, printing
//! results and reporting errors. Scripts, `-e` and the REPL all go through
//! [`Session::run_script`].

use super::held::Output;
use super::progress::Progress;
use super::{commands, hints, interrupt, report, term};
use crate::db::{Database, Params};
use crate::error::Detail;
use crate::error::Error;
use crate::output::{self, Format, TableStyle};
use crate::parse::lex::{self, Kind};
use crate::parse::{is_blank, split_statements};
use crate::result::QueryResult;
use crate::span::Span;
use crate::value::Value;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How deeply `:source` may nest (a file that sources itself stops here).
const MAX_SOURCE_DEPTH: usize = 16;

/// Statement text and the name to report it under (a path, `<query>`,
/// `<stdin>`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Source<'a> {
    /// A path, or a name in angle brackets.
    pub name: &'a str,
    /// The whole text; statement spans and error positions are offsets in it.
    pub text: &'a str,
}

/// What happens to the results of the statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// `--load`: results are not printed, errors go to standard error.
    Load,
    /// Results are printed in the session's format.
    Show,
}

/// Whether to go on with the next statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flow {
    /// Go on.
    Continue,
    /// Stop: `--fail-fast` after a failure, or standard output is gone.
    Stop,
}

/// A database, the settings to run statements with, and what happened so far.
pub(crate) struct Session {
    db: Database,
    params: Params,
    format: Format,
    fail_fast: bool,
    quiet: bool,
    failed: bool,
    dot_results: Vec<QueryResult>,
    last: Option<QueryResult>,
    /// Standard output, holding results back while their commits wait
    /// for a flush (group commit).
    out: Output,
    err: Box<dyn Write>,
    /// Print the time each statement took (the REPL's `:timing`).
    timing: bool,
    /// Bumped whenever the schema may have changed (a write, a rollback,
    /// another database), so the REPL knows when to refresh completion.
    generation: u64,
    /// How deeply `:source` files nest right now.
    depth: usize,
    /// A statement was cancelled with Ctrl-C: the script stops.
    cancelled: bool,
    /// A flush failed and took commits back: the script stops.
    lost: bool,
}

impl Session {
    /// A session over `db` that prints to standard output and error.
    pub(crate) fn new(
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
            out: Output::new(Box::new(io::BufWriter::new(io::stdout()))),
            err: Box::new(io::stderr()),
            timing: false,
            generation: 0,
            depth: 0,
            cancelled: false,
            lost: false,
        }
    }

    /// Starts committing the `--load` files together (one disk sync).
    pub(crate) fn begin_load(&mut self) -> bool {
        self.db.begin_batch();
        true
    }

    /// Commits the `--load` files; `false` (and reported) when the commit
    /// fails, e.g. the disk is full.
    pub(crate) fn end_load(&mut self) -> bool {
        match self.db.end_batch() {
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
    pub(crate) fn abandon_transaction(&mut self) {
        if self.db.in_transaction() && self.db.rollback().is_ok() && !self.quiet {
            let _ = self.out.flush();
            let _ = writeln!(
                self.err,
                "notice: the open transaction was rolled back (no COMMIT)"
            );
        }
    }

    /// Ends the session: rolls back an open transaction, then writes the
    /// snapshot that lets the next process open the database at once
    /// (see `Database::checkpoint`), saying so when that converted a file
    /// of an older version.
    pub(crate) fn close(&mut self) {
        self.settle();
        self.abandon_transaction();
        let outcome = self.db.checkpoint();
        let _ = self.out.flush();
        match outcome {
            Ok(Some(note)) if !self.quiet => {
                let _ = writeln!(self.err, "notice: {note}");
            }
            Err(e) => {
                let _ = writeln!(self.err, "warning: {}", e.message);
            }
            Ok(_) => {}
        }
    }

    /// Replaces the database (the REPL's `:open`), rolling back an open
    /// transaction of the old one.
    pub(crate) fn replace_db(&mut self, mut db: Database) {
        self.settle();
        self.abandon_transaction();
        db.set_timeout(self.db.timeout());
        db.set_memory_limit(self.db.memory_limit());
        db.set_threads(self.db.threads());
        db.set_file_access(self.db.file_access().clone());
        db.set_commit_metadata(self.db.commit_metadata().clone());
        self.db = db;
        self.last = None;
        self.generation += 1;
    }

    /// The database, the session over (for a subcommand after `--load`).
    pub(crate) fn into_db(mut self) -> Database {
        self.settle();
        self.db
    }

    /// Says the schema may have changed (the REPL's `:as-of`).
    pub(crate) fn touch(&mut self) {
        self.last = None;
        self.generation += 1;
    }

    /// A number that changes whenever the schema may have changed.
    pub(crate) fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether the time each statement took is printed.
    pub(crate) fn timing(&self) -> bool {
        self.timing
    }

    /// Prints (or stops printing) the time each statement took.
    pub(crate) fn set_timing(&mut self, on: bool) {
        self.timing = on;
    }

    /// The query parameters.
    pub(crate) fn params(&self) -> &Params {
        &self.params
    }

    /// The value of a Cypher expression (`:param NAME => VALUE`), computed
    /// with `RETURN` on this database and its parameters.
    pub(crate) fn evaluate(&mut self, expression: &str) -> Result<Value, String> {
        let text = format!("RETURN {expression} AS value");
        let running = interrupt::running(self.db.interrupter());
        let outcome = self.db.execute(&text, &self.params);
        drop(running);
        match outcome {
            Ok(result) => match result
                .rows
                .into_iter()
                .next()
                .and_then(|r| r.into_iter().next())
            {
                Some(Value::Node(_) | Value::Relationship(_) | Value::Path(_)) => {
                    Err("a parameter cannot hold a node, relationship or path".to_string())
                }
                Some(value) => Ok(value),
                None => Err(format!("`{expression}` has no value")),
            },
            Err(e) => Err(format!("`{expression}`: {}", e.message)),
        }
    }

    /// Runs a graph file silently in one transaction (the REPL's `:load`);
    /// returns what it added, e.g. `9 nodes, 13 relationships`.
    pub(crate) fn load(&mut self, source: Source<'_>) -> String {
        let (nodes, rels) = self.db.counts();
        let failed = std::mem::replace(&mut self.failed, false);
        let wrap = self.begin_load();
        self.run_script(source, Mode::Load);
        let committed = if !wrap {
            true
        } else if self.cancelled {
            self.db.abort_batch();
            false
        } else {
            self.end_load()
        };
        let had_errors = self.failed;
        self.failed |= failed;
        self.generation += 1;
        let (nodes_after, rels_after) = self.db.counts();
        let added = format!(
            "{} nodes, {} relationships",
            signed(nodes_after as i64 - nodes as i64),
            signed(rels_after as i64 - rels as i64)
        );
        match (committed, had_errors) {
            (false, _) => format!("{} was not loaded", source.name),
            (true, true) => format!("loaded {} with errors: {added}", source.name),
            (true, false) => format!("loaded {}: {added}", source.name),
        }
    }

    /// Whether any statement has failed.
    pub(crate) fn failed(&self) -> bool {
        self.failed
    }

    /// Whether notices and banners are silenced.
    pub(crate) fn quiet(&self) -> bool {
        self.quiet
    }

    /// The database.
    pub(crate) fn db(&self) -> &Database {
        &self.db
    }

    /// The database, for settings (`:timeout`).
    pub(crate) fn db_mut(&mut self) -> &mut Database {
        &mut self.db
    }

    /// Whether a statement was cancelled with Ctrl-C (then the script
    /// stopped there).
    pub(crate) fn cancelled(&self) -> bool {
        self.cancelled
    }

    /// Forgets a cancellation (the REPL goes on after one).
    pub(crate) fn take_cancelled(&mut self) -> bool {
        std::mem::take(&mut self.cancelled)
    }

    /// The result of the last statement that succeeded.
    pub(crate) fn last(&self) -> Option<&QueryResult> {
        self.last.as_ref()
    }

    /// The output format.
    pub(crate) fn format(&self) -> Format {
        self.format
    }

    /// Changes the output format (the REPL's `:format`).
    pub(crate) fn set_format(&mut self, format: Format) {
        self.format = format;
    }

    /// Sets a parameter (the REPL's `:param`).
    pub(crate) fn set_param(&mut self, name: String, value: crate::value::Value) {
        self.params.insert(name, value);
    }

    /// Sets a parameter as `:param` gives it (JSON, or a Cypher expression
    /// evaluated now), in the REPL and in scripts alike.
    pub(crate) fn apply_param(
        &mut self,
        name: String,
        value: commands::ParamValue,
    ) -> Result<(), String> {
        let value = match value {
            commands::ParamValue::Json(value) => value,
            commands::ParamValue::Cypher(expression) => self.evaluate(&expression)?,
        };
        self.set_param(name, value);
        Ok(())
    }

    /// Runs every statement of `source`, including an unterminated last one.
    /// A `--load` or `:load` that takes more than a second shows a progress
    /// bar on standard error (when it is a terminal).
    pub(crate) fn run_script(&mut self, source: Source<'_>, mode: Mode) -> Flow {
        let split = split_statements(source.text);
        let spans: Vec<Span> = split
            .statements
            .into_iter()
            .chain(Some(split.rest))
            .collect();
        if mode == Mode::Load {
            let mut progress =
                Progress::new(&format!("loading {}", source.name), spans.len() as u64);
            let mut flow = Flow::Continue;
            for (done, span) in spans.into_iter().enumerate() {
                flow = self.run_statements(source, Some(span), mode);
                progress.set(done as u64 + 1);
                if flow == Flow::Stop {
                    break;
                }
            }
            progress.finish();
            return flow;
        }
        self.run_statements(source, spans, mode)
    }

    /// Runs a script read from `input` as it arrives: each statement as
    /// soon as its `;` has been read, the unterminated rest at the end. A
    /// program can so send statements one at a time on a pipe and read each
    /// result (printed and flushed once the statement is durable) before it
    /// sends the next. Error positions are offsets in everything read so far.
    ///
    /// With group commit on, the statements that have arrived together
    /// commit with one flush: the results wait for it until no whole line
    /// is left to read without waiting for the program.
    pub(crate) fn run_stream<R: io::Read>(
        &mut self,
        name: &str,
        input: &mut io::BufReader<R>,
    ) -> io::Result<Flow> {
        let mut text = String::new();
        // Where the text not yet run starts: always a statement boundary,
        // so splitting from there splits as splitting the whole would.
        let mut done = 0;
        loop {
            // Reading on may wait for the program, which may wait for the
            // results: they go out first.
            if !input.buffer().contains(&b'\n') && self.settle() == Flow::Stop {
                return Ok(Flow::Stop);
            }
            let at_end = io::BufRead::read_line(input, &mut text)? == 0;
            let split = split_statements(text.get(done..).unwrap_or(""));
            let mut spans = split.statements;
            if at_end {
                spans.push(split.rest);
            }
            if spans.is_empty() {
                continue;
            }
            let spans: Vec<Span> = spans
                .into_iter()
                .map(|s| Span::new(s.start + done, s.end + done))
                .collect();
            let source = Source { name, text: &text };
            let flow = self.run_statements(source, spans, Mode::Show);
            done += split.rest.start;
            if at_end || flow == Flow::Stop {
                return Ok(flow);
            }
        }
    }

    /// Runs the statements at `spans` in `source`, skipping blank ones. A
    /// line that starts with `:` where a statement starts is a command;
    /// `:source FILE` and `:param` are the ones that scripts may use.
    pub(crate) fn run_statements(
        &mut self,
        source: Source<'_>,
        spans: impl IntoIterator<Item = Span>,
        mode: Mode,
    ) -> Flow {
        for span in spans {
            let mut span = span;
            while let Some(text) = source.text.get(span.start..span.end) {
                if is_blank(text) {
                    break;
                }
                if let Some((command, rest)) = command_line(source.text, span) {
                    if self.run_command_line(source, command, mode) == Flow::Stop {
                        return Flow::Stop;
                    }
                    span = rest;
                    continue;
                }
                if self.run_statement(source, span, text, mode) == Flow::Stop {
                    return Flow::Stop;
                }
                break;
            }
        }
        Flow::Continue
    }

    /// Runs a command line found in a script: `:source FILE` runs the file
    /// (a relative path is relative to the script's folder), `:param` sets
    /// a parameter for the statements after it (so that a program piping
    /// statements can pass values without writing them into the text,
    /// and the plan cache serves them); any other command is an error
    /// there.
    fn run_command_line(&mut self, source: Source<'_>, command: Span, mode: Mode) -> Flow {
        let line = source.text.get(command.start..command.end).unwrap_or("");
        let outcome = match commands::parse(line) {
            Ok(commands::Command::Source(path)) => {
                let path = relative_to(source.name, &path);
                self.source_file(&path, mode)
            }
            // Silent: a script's output is its statements' results.
            Ok(commands::Command::Param(name, value)) => {
                self.apply_param(name, value).map(|()| Flow::Continue)
            }
            Ok(_) => Err(format!(
                "only :source and :param can be used in a script, not `{}`",
                line.trim()
            )),
            Err(message) => Err(message),
        };
        match outcome {
            Ok(flow) => flow,
            Err(message) => {
                // Found only for an error: a long script has many commands.
                let (line_no, column) = crate::span::line_col(source.text, command.start);
                let place = format!("{}:{line_no}:{column}", source.name);
                self.failed = true;
                self.complain(&format!("error: {message}\n  --> {place}"));
                if self.fail_fast {
                    Flow::Stop
                } else {
                    Flow::Continue
                }
            }
        }
    }

    /// Runs the statements of the file at `path` (`:source`); `Err` when it
    /// cannot be read or sources nest too deeply.
    pub(crate) fn source_file(&mut self, path: &Path, mode: Mode) -> Result<Flow, String> {
        if self.depth >= MAX_SOURCE_DEPTH {
            return Err(format!(
                ":source nests more than {MAX_SOURCE_DEPTH} deep at {} (does a file source itself?)",
                path.display()
            ));
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let name = path.display().to_string();
        self.depth += 1;
        let flow = self.run_script(
            Source {
                name: &name,
                text: &text,
            },
            mode,
        );
        self.depth -= 1;
        Ok(flow)
    }

    /// Runs one statement, `text` (at `span` in `source`), and prints its outcome.
    fn run_statement(&mut self, source: Source<'_>, span: Span, text: &str, mode: Mode) -> Flow {
        // Registered first, so that a Ctrl-C from here on either cancels
        // the statement or is seen just below.
        let running = interrupt::running(self.db.interrupter());
        if self.lost {
            return Flow::Stop;
        }
        if self.cancelled || interrupt::pressed() {
            // Ctrl-C came between two statements: the rest does not run.
            if !self.cancelled {
                self.cancelled = true;
                self.settle();
                let _ = self.out.flush();
                let _ = writeln!(self.err, "cancelled (Ctrl-C)");
            }
            return Flow::Stop;
        }
        let flushes = self.db.flushes();
        let started = Instant::now();
        let outcome = self.db.execute(text, &self.params);
        drop(running);
        let elapsed = started.elapsed();
        // A flush inside the statement made the commits before it durable.
        if self.out.holding() && self.db.flushes() != flushes {
            let released = self.out.release();
            if self.output_written(released) == Flow::Stop {
                return Flow::Stop;
            }
        }
        match outcome {
            Ok(mut result) => {
                if !result.stats.is_empty() || is_transaction_end(text) {
                    self.generation += 1;
                }
                if mode == Mode::Show && finds_nothing(&result) && hints::matches_something(text) {
                    let schema = self.db.schema();
                    result.notices.extend(hints::unknown_names(text, &schema));
                }
                // Said only once the commit is durable (group commit).
                if mode == Mode::Show && self.db.unsynced() > 0 {
                    self.out.hold_statement();
                }
                let printed = match mode {
                    Mode::Load => Ok(()),
                    Mode::Show => self.show(&result, elapsed),
                };
                self.last = Some(result);
                match self.output_written(printed) {
                    Flow::Continue => self.let_out_when_due(),
                    Flow::Stop => Flow::Stop,
                }
            }
            Err(error) => {
                self.failed = true;
                self.cancelled |= error.detail == Detail::Cancelled;
                let error = error.shifted(span.start);
                if self.out.holding() && mode == Mode::Show && self.format == Format::Json {
                    // In its place after the results held back.
                    self.out.hold_statement();
                }
                let printed = self.show_error(&error, source, span.start, mode);
                if self.output_written(printed) == Flow::Stop || self.fail_fast || self.cancelled {
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
                let _ = writeln!(self.err, "notice: {}", report::escape_controls(notice));
            }
        }
        match self.format {
            Format::Dot => {
                self.dot_results.push(result.clone());
                return Ok(());
            }
            Format::Table => {
                let style = TableStyle {
                    width: Some(term::width()),
                    elapsed: self.timing.then_some(elapsed),
                };
                output::write_table_styled(&mut self.out, result, &style)?;
            }
            Format::Csv | Format::Tsv => {
                // The plan is for people; the values stay machine-readable.
                if let Some(plan) = &result.plan {
                    let _ = writeln!(self.err, "{}", plan.trim_end());
                }
                output::write_result(&mut self.out, result, elapsed, self.format)?;
                if self.timing {
                    let _ = writeln!(self.err, "{}", output::format_duration(elapsed));
                }
            }
            Format::Json => output::write_result(&mut self.out, result, elapsed, self.format)?,
        }
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
        // A report on standard error comes after the results before it.
        self.settle();
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

    /// Group commit (see [`Database::set_group_commit`]): statements
    /// commit without a flush each, and their results are held back until
    /// one flush has made them durable ([`Session::settle`]).
    pub(crate) fn group_commits(&mut self, on: bool) {
        if on {
            if let Err(e) = self.db.set_group_commit(true) {
                self.complain(&format!("warning: {}", e.message));
            }
        } else {
            self.settle();
            let _ = self.db.set_group_commit(false);
        }
    }

    /// Lets out the results held back when their commits are durable
    /// already, or enough of them wait.
    fn let_out_when_due(&mut self) -> Flow {
        if self.out.holding() && (self.db.unsynced() == 0 || self.out.held_enough()) {
            self.settle()
        } else {
            Flow::Continue
        }
    }

    /// Makes the commits that wait durable with one flush, then prints the
    /// results held back for them. When the flush fails they are lost:
    /// each statement held back is answered with the error instead (one
    /// JSON error each, in JSON), and the run stops.
    pub(crate) fn settle(&mut self) -> Flow {
        if !self.out.holding() && self.db.unsynced() == 0 {
            return Flow::Continue;
        }
        match self.db.sync() {
            Ok(()) => {
                let written = self.out.release();
                self.output_written(written)
            }
            Err(error) => {
                self.failed = true;
                self.lost = true;
                self.generation += 1;
                let held = self.out.discard();
                let printed = if self.format == Format::Json && held > 0 {
                    (0..held)
                        .try_for_each(|_| output::write_json_error(&mut self.out, &error, ""))
                        .and_then(|()| self.out.flush())
                } else {
                    let _ = self.out.flush();
                    let message = report::escape_controls(&error.message);
                    let (kind, detail) = (error.kind, error.detail);
                    let _ = writeln!(self.err, "error: {kind} ({detail}): {message}");
                    Ok(())
                };
                self.output_written(printed);
                Flow::Stop
            }
        }
    }

    /// Ends the session: prints the DOT document when the format is `dot`.
    pub(crate) fn finish(&mut self) {
        self.settle();
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
    pub(crate) fn say(&mut self, text: &str) {
        let written = writeln!(self.out, "{text}").and_then(|()| self.out.flush());
        self.output_written(written);
    }

    /// Writes a line to standard error (REPL complaints).
    pub(crate) fn complain(&mut self, text: &str) {
        self.settle();
        let _ = self.out.flush();
        let _ = writeln!(self.err, "{}", report::escape_controls(text));
    }
}

/// Whether a statement that ran found nothing: no rows and no changes (a
/// time to wonder whether a name was misspelt).
fn finds_nothing(result: &QueryResult) -> bool {
    result.rows.is_empty() && result.stats.is_empty() && result.plan.is_none()
}

/// Whether a statement ends a transaction (the schema may change back).
fn is_transaction_end(text: &str) -> bool {
    let word = first_word(text);
    word.eq_ignore_ascii_case("ROLLBACK") || word.eq_ignore_ascii_case("COMMIT")
}

/// The first word of a statement, after blanks and comments.
fn first_word(text: &str) -> &str {
    lex::tokens(text)
        .find(|t| !matches!(t.kind, Kind::Space | Kind::Comment))
        .map_or("", |t| t.text(text))
}

/// When the statement at `span` starts (after blanks and comments) with a
/// `:`, the span of that command line and the span of what follows it.
fn command_line(text: &str, span: Span) -> Option<(Span, Span)> {
    let body = text.get(span.start..span.end)?;
    let first = lex::tokens(body).find(|t| !matches!(t.kind, Kind::Space | Kind::Comment))?;
    if first.text(body) != ":" {
        return None;
    }
    let start = span.start + first.start;
    let end = text[start..span.end]
        .find('\n')
        .map_or(span.end, |n| start + n);
    // What follows starts at its first token, where its errors point.
    let rest = text.get(end..span.end).unwrap_or("");
    let next = lex::tokens(rest)
        .find(|t| !matches!(t.kind, Kind::Space | Kind::Comment))
        .map_or(span.end, |t| end + t.start);
    Some((Span::new(start, end), Span::new(next, span.end)))
}

/// `path` as seen from the script named `name`: relative to its folder when
/// the script is a file, else to the working directory.
fn relative_to(name: &str, path: &Path) -> PathBuf {
    if path.is_absolute() || name.starts_with('<') {
        return path.to_path_buf();
    }
    match Path::new(name).parent() {
        Some(folder) => folder.join(path),
        None => path.to_path_buf(),
    }
}

/// `+9`, `-1`, `0`.
fn signed(n: i64) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}
