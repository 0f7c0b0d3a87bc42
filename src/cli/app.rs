//! `quiver`'s main program: read the command line, read the files, run the
//! statements, and decide the exit status (in this file only).

use super::args::{self, Action, Invocation, SubCommand};
use super::import::CommandError;
use super::session::{Flow, Mode, Session, Source};
use super::{export, history, import, interrupt, outfile, repl, report};
use crate::FileAccess;
use crate::db::{Database, DiskFullHook, OpenOptions};
use std::ffi::OsString;
use std::io::{self, IsTerminal, Read};
use std::path::Path;
use std::thread;

/// Every statement succeeded (or the REPL ended normally).
const EXIT_OK: i32 = 0;
/// Some statement failed.
const EXIT_FAILED: i32 = 1;
/// Bad usage: arguments, or a file that cannot be read.
const EXIT_USAGE: i32 = 2;
/// A script stopped by Ctrl-C (128 + SIGINT, as a shell reports it).
const EXIT_INTERRUPTED: i32 = 130;

/// Deeply nested queries recurse deeply; the main thread's stack is small.
const STACK_SIZE: usize = 64 * 1024 * 1024;

/// Runs quiver with these arguments (the program name first); returns the
/// exit status.
pub(crate) fn run(args: Vec<OsString>) -> i32 {
    let worker = thread::Builder::new()
        .name("quiver".to_string())
        .stack_size(STACK_SIZE)
        .spawn(move || run_here(args));
    match worker {
        Ok(handle) => handle.join().unwrap_or(EXIT_FAILED),
        Err(e) => {
            eprintln!("quiver: cannot start: {e}");
            EXIT_FAILED
        }
    }
}

/// A file or `-e` text to run, read before anything runs.
struct Script {
    name: String,
    text: String,
}

impl Script {
    fn source(&self) -> Source<'_> {
        Source {
            name: &self.name,
            text: &self.text,
        }
    }
}

fn run_here(args: Vec<OsString>) -> i32 {
    let invocation = match args::parse(args) {
        Ok(invocation) => invocation,
        Err(e) => {
            let _ = e.print();
            return e.exit_code();
        }
    };
    if let Some(command) = &invocation.command {
        return run_command(&invocation, command);
    }
    let mut invocation = invocation;
    if let Err(message) = read_params_files(&mut invocation) {
        complain(&message);
        return EXIT_USAGE;
    }
    let inputs = match read_inputs(&invocation) {
        Ok(inputs) => inputs,
        Err(message) => {
            complain(&message);
            return EXIT_USAGE;
        }
    };
    let access = match file_access(&invocation) {
        Ok(access) => access,
        Err(message) => {
            complain(&message);
            return EXIT_USAGE;
        }
    };
    match open_database(&invocation) {
        Ok(mut db) => {
            history::apply_tx_meta(&invocation, &mut db);
            db.set_file_access(access);
            db.set_timeout(invocation.timeout);
            db.set_threads(invocation.threads.map(usize::from));
            match invocation.memory_limit {
                Some(0) => db.set_memory_limit(None),
                Some(n) => db.set_memory_limit(Some(usize::try_from(n).unwrap_or(usize::MAX))),
                None => {}
            }
            interrupt::install();
            run_inputs(invocation, inputs, db)
        }
        Err(message) => {
            complain(&message);
            EXIT_USAGE
        }
    }
}

/// Reports a failure on standard error, control characters escaped.
fn complain(message: &str) {
    eprintln!("quiver: {}", report::escape_controls(message));
}

/// The files `LOAD CSV` may read: those under `--import-dir` (the current
/// directory by default), or any with `--allow-file-access-anywhere`.
fn file_access(inv: &Invocation) -> Result<FileAccess, String> {
    if inv.file_access_anywhere {
        return Ok(FileAccess::Anywhere);
    }
    let dir = match &inv.import_dir {
        Some(dir) => dir.clone(),
        // No current directory (it was removed): LOAD CSV reads nothing,
        // and everything else works.
        None => match std::env::current_dir().and_then(|d| d.canonicalize()) {
            Ok(dir) => dir,
            Err(_) => return Ok(FileAccess::Denied),
        },
    };
    match dir.canonicalize() {
        Ok(real) if real.is_dir() => Ok(FileAccess::Under(real)),
        Ok(_) => Err(format!("--import-dir {}: not a directory", dir.display())),
        Err(e) => Err(format!("--import-dir {}: {e}", dir.display())),
    }
}

/// The database `--db` names, or a new one in memory.
fn open_database(inv: &Invocation) -> Result<Database, String> {
    match inv.db.as_deref() {
        Some(p) => {
            let db = open_file(inv, p).map_err(|e| e.message)?;
            // `>> the-database` must not append to it.
            outfile::check_standard_streams(db.file())?;
            Ok(db)
        }
        None => Ok(Database::in_memory()),
    }
}

/// A test hook, never set in normal use: while the file this variable
/// names exists, the database file behaves as if on a full disk (see
/// [`DiskFullHook`]).
const DISK_FULL_HOOK: &str = "QUIVER_TEST_DISK_FULL_FLAG";

/// Opens `path` as `--read-only` and `--wait` say; says so when a file
/// that cannot be written was opened read-only without `--read-only`.
fn open_file(inv: &Invocation, path: &Path) -> crate::error::Result<Database> {
    let options = OpenOptions {
        // The past is only read: nothing is written, not even a checkpoint.
        read_only: inv.read_only || inv.as_of.is_some(),
        wait: inv.wait,
        disk_full_hook: std::env::var_os(DISK_FULL_HOOK)
            .map(|flag| DiskFullHook { flag: flag.into() }),
    };
    let db = Database::open_with(path, &options)?;
    if let Some(reason) = db.read_only().filter(|_| !options.read_only && !inv.quiet) {
        eprintln!("notice: {reason}");
    }
    Ok(db)
}

/// The database of `--db` for the subcommand `what`; `None`, having said
/// why, when there is no `--db` or it cannot be opened.
fn open_for(inv: &Invocation, what: &str) -> Option<Database> {
    if inv.db.is_none() {
        eprintln!("quiver: {what} needs --db PATH");
        return None;
    }
    open_database(inv)
        .map_err(|message| complain(&message))
        .ok()
}

/// The database of a subcommand that reads it whole (`dump`, `export`,
/// `import`), with the `--load` files run into it first: the `--db`
/// database, or without one, a database in memory holding what they load.
/// `None`, having said why, when that cannot be had.
fn open_with_loads(inv: &Invocation, what: &str) -> Option<Database> {
    let db = match inv.db {
        None if !inv.loads.is_empty() => Database::in_memory(),
        _ => open_for(inv, what)?,
    };
    let mut db = db;
    history::apply_tx_meta(inv, &mut db);
    match history::run_loads(inv, db) {
        Ok(db) => Some(db),
        Err(CommandError::Usage(m) | CommandError::Failed(m)) => {
            complain(&m);
            None
        }
    }
}

/// `quiver --db PATH dump [FILE]`, `import ...`, `export ...`.
fn run_command(inv: &Invocation, command: &SubCommand) -> i32 {
    let settle = |db: &mut Database| {
        history::apply_tx_meta(inv, db);
        history::apply_as_of(inv.as_of, db)
    };
    match command {
        SubCommand::Log { .. } | SubCommand::Diff { .. } | SubCommand::Compact { .. } => {
            command_outcome(history::run(inv, command, open_database))
        }
        SubCommand::Import(args) => {
            let Some(mut db) = open_with_loads(inv, "import") else {
                return EXIT_USAGE;
            };
            if let Err(message) = settle(&mut db) {
                complain(&message);
                return EXIT_USAGE;
            }
            if let Some(reason) = db.read_only() {
                eprintln!("quiver: import cannot run: {reason}; nothing was imported");
                return EXIT_FAILED;
            }
            command_outcome(import::run_import(&mut db, args).map(|summary| {
                if !inv.quiet {
                    println!("{summary}");
                }
            }))
        }
        SubCommand::Export { format, out } => {
            let Some(mut db) = open_with_loads(inv, "export") else {
                return EXIT_USAGE;
            };
            if let Err(message) = settle(&mut db) {
                complain(&message);
                return EXIT_USAGE;
            }
            command_outcome(
                export::export_database(&db, *format, out.as_deref(), &inv.dot_style).map(
                    |warnings| {
                        for w in warnings {
                            eprintln!("warning: {}", report::escape_controls(&w));
                        }
                    },
                ),
            )
        }
        SubCommand::Dump { file, with_history } => {
            // A dump of a database that is not there would make an empty one.
            if let Some(path) = inv
                .db
                .as_deref()
                .filter(|p| !p.exists() && inv.loads.is_empty())
            {
                complain(&format!(
                    "cannot open the database {}: there is no such file",
                    path.display()
                ));
                return EXIT_USAGE;
            }
            let Some(mut db) = open_with_loads(inv, "dump") else {
                return EXIT_USAGE;
            };
            if let Err(message) = settle(&mut db) {
                complain(&message);
                return EXIT_USAGE;
            }
            // Checked before anything is written; written whole or not at all.
            let target = match file.as_deref().map(|f| outfile::check_file(f, db.file())) {
                Some(Err(message)) => return command_outcome(Err(CommandError::Usage(message))),
                Some(Ok(target)) => Some(target),
                None => None,
            };
            if !with_history {
                return command_outcome(export::write_out(target.as_ref(), |w| db.dump(w)));
            }
            // Made whole first: a history that cannot be replayed writes nothing.
            let mut script = Vec::new();
            match db.dump_with_history(&mut script) {
                Ok(()) => {
                    command_outcome(export::write_out(target.as_ref(), |w| w.write_all(&script)))
                }
                Err(e) => command_outcome(Err(CommandError::Failed(e.message))),
            }
        }
    }
}

/// The exit status of a subcommand, its error reported.
fn command_outcome(outcome: Result<(), CommandError>) -> i32 {
    match outcome {
        Ok(()) => EXIT_OK,
        Err(CommandError::Usage(message)) => {
            complain(&message);
            EXIT_USAGE
        }
        Err(CommandError::Failed(message)) => {
            complain(&message);
            EXIT_FAILED
        }
    }
}

/// Everything to run: the files and `-e` texts, read before anything
/// runs; standard input is read as it runs ([`Then::Stdin`]).
struct Inputs {
    /// The `--load` files.
    loads: Vec<Script>,
    /// What runs after them.
    then: Then,
}

/// What runs after the `--load` files.
enum Then {
    /// The `-e`/`-f` scripts in order, or standard input read whole (for
    /// `--graph`, which draws once, at the end).
    Scripts(Vec<Script>),
    /// The REPL: no `-e`/`-f`, and standard input is a terminal.
    Repl,
    /// No `-e`/`-f`, and standard input is not a terminal: a script run
    /// statement by statement as it arrives.
    Stdin,
}

/// Reads every `--load` and `-f` file and the `-e` texts; standard input,
/// when there is no `-e`/`-f` and it is not a terminal, is read as it runs,
/// except for a drawing (`--graph`).
fn read_inputs(inv: &Invocation) -> Result<Inputs, String> {
    let loads = inv
        .loads
        .iter()
        .map(|path| read_file(path))
        .collect::<Result<_, _>>()?;
    if inv.actions.is_empty() {
        if io::stdin().is_terminal() {
            return Ok(Inputs {
                loads,
                then: Then::Repl,
            });
        }
        if inv.graph.is_none() {
            return Ok(Inputs {
                loads,
                then: Then::Stdin,
            });
        }
        // A drawing is printed once, at the end: read everything first.
        let mut text = String::new();
        io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        let stdin = Script {
            name: "<stdin>".to_string(),
            text,
        };
        return Ok(Inputs {
            loads,
            then: Then::Scripts(vec![stdin]),
        });
    }
    let scripts = inv
        .actions
        .iter()
        .map(|action| match action {
            Action::Query(text) => Ok(Script {
                name: "<query>".to_string(),
                text: text.clone(),
            }),
            Action::File(path) => read_file(path),
        })
        .collect::<Result<_, _>>()?;
    Ok(Inputs {
        loads,
        then: Then::Scripts(scripts),
    })
}

/// Adds the parameters of the `--params-file`s, in order; a `--param`
/// of the same name wins over them.
fn read_params_files(inv: &mut Invocation) -> Result<(), String> {
    let mut params = crate::db::Params::new();
    for path in &inv.params_files {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {name}: {e}"))?;
        params.extend(args::parse_params_file(&name, &text)?);
    }
    params.append(&mut inv.params);
    inv.params = params;
    Ok(())
}

fn read_file(path: &Path) -> Result<Script, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(Script {
        name: path.display().to_string(),
        text,
    })
}

/// How much of standard input is read at a time.
const STDIN_BUFFER: usize = 64 << 10;

/// Runs the load files, then the scripts or the REPL.
fn run_inputs(inv: Invocation, inputs: Inputs, db: Database) -> i32 {
    let (graph, style, as_of) = (inv.graph, inv.dot_style.clone(), inv.as_of);
    let mut session = Session::new(db, inv.params, inv.format, inv.fail_fast, inv.quiet);
    let mut flow = Flow::Continue;
    // The load files commit once, together: one disk sync, not one per statement.
    let wrap = !inputs.loads.is_empty() && session.begin_load();
    for load in &inputs.loads {
        flow = session.run_script(load.source(), Mode::Load);
        if flow == Flow::Stop {
            break;
        }
    }
    if session.cancelled() {
        // Nothing of the load files is committed (they commit together).
        session.finish();
        return EXIT_INTERRUPTED;
    }
    if wrap && !session.end_load() {
        flow = Flow::Stop;
    }
    if let Err(message) = history::apply_as_of(as_of, session.db_mut()) {
        complain(&message);
        session.close();
        return EXIT_USAGE;
    }
    match inputs.then {
        Then::Repl if flow == Flow::Continue => {
            // The REPL's own statements do not decide the exit status.
            // The REPL's own statements do not decide the exit status, but a
            // failed --load file does.
            let load_failed = session.failed();
            let outcome = repl::run(&mut session);
            session.close();
            return match outcome {
                Ok(()) if load_failed => EXIT_FAILED,
                Ok(()) => EXIT_OK,
                Err(message) => {
                    complain(&message);
                    EXIT_USAGE
                }
            };
        }
        Then::Scripts(scripts) if flow == Flow::Continue && graph.is_some() => {
            // Drawings: every result, drawn once at the end.
            let mut results = Vec::new();
            for script in &scripts {
                if export::collect_results(&mut session, script.source(), &mut results)
                    == Flow::Stop
                {
                    break;
                }
            }
            let drawn =
                graph.is_some_and(|g| export::print_drawing(&mut session, &results, g, &style));
            session.close();
            return if session.cancelled() {
                EXIT_INTERRUPTED
            } else if session.failed() || !drawn {
                EXIT_FAILED
            } else {
                EXIT_OK
            };
        }
        Then::Scripts(scripts) if flow == Flow::Continue => {
            // One flush for the commits of several statements.
            session.group_commits(true);
            for script in &scripts {
                if session.run_script(script.source(), Mode::Show) == Flow::Stop {
                    break;
                }
            }
        }
        Then::Stdin if flow == Flow::Continue => {
            // One flush for the commits of the statements that arrive
            // together; bigger reads than standard input's own buffer.
            session.group_commits(true);
            let mut input = io::BufReader::with_capacity(STDIN_BUFFER, io::stdin());
            if let Err(e) = session.run_stream("<stdin>", &mut input) {
                session.finish();
                session.abandon_transaction();
                complain(&format!("cannot read standard input: {e}"));
                return EXIT_USAGE;
            }
        }
        // `--fail-fast` and a `--load` file failed.
        Then::Repl | Then::Scripts(_) | Then::Stdin => {}
    }
    session.finish();
    session.close();
    if session.cancelled() || interrupt::pressed() {
        EXIT_INTERRUPTED
    } else if session.failed() {
        EXIT_FAILED
    } else {
        EXIT_OK
    }
}
