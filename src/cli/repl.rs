//! The interactive shell: line editing and history (rustyline), with
//! completion, highlighting and hints from [`QuiverHelper`]; statements
//! that span lines until `;`; and `:commands`.

use super::commands::{self, Command};
use super::complete::Catalog;
use super::helper::QuiverHelper;
use super::session::{Flow, Mode, Session, Source};
use super::{interrupt, term};
use crate::parse::{is_blank, split_statements};
use crate::span::Span;
use rustyline::Editor;
use rustyline::config::{ColorMode, CompletionType, Config};
use rustyline::error::ReadlineError;
use rustyline::history::{FileHistory, History};
use std::path::PathBuf;

/// The prompt for a new statement.
const PROMPT: &str = "quiver> ";
/// The prompt while a statement goes on.
const CONTINUATION: &str = "   ...> ";
/// How many statements the history keeps.
const HISTORY_SIZE: usize = 1000;

/// The line editor the REPL uses.
type LineEditor = Editor<QuiverHelper, FileHistory>;

/// Runs the REPL until Ctrl-D or `:quit`. `Err` when the terminal cannot
/// be used.
pub(crate) fn run(session: &mut Session) -> Result<(), String> {
    let colour = term::colour();
    let config = Config::builder()
        .completion_type(CompletionType::List)
        .color_mode(if colour {
            ColorMode::Enabled
        } else {
            ColorMode::Disabled
        })
        .max_history_size(HISTORY_SIZE)
        .map_err(|e| format!("cannot use the terminal: {e}"))?
        .history_ignore_dups(true)
        .map_err(|e| format!("cannot use the terminal: {e}"))?
        .auto_add_history(false)
        .build();
    let mut editor: LineEditor =
        Editor::with_config(config).map_err(|e| format!("cannot use the terminal: {e}"))?;
    editor.set_helper(Some(QuiverHelper::new(colour)));
    let history = history_path();
    if let Some(path) = &history {
        // A missing or unreadable history is not worth a word.
        let _ = editor.load_history(path);
    }
    // In the REPL, every result says how long it took (`:timing off` stops it).
    session.set_timing(true);
    if !session.quiet() {
        session.say(&format!(
            "quiver {} — type :help for help, :quit to exit",
            env!("CARGO_PKG_VERSION")
        ));
    }
    let mut buffer = String::new();
    let mut seen: Option<u64> = None;
    loop {
        refresh_helper(&mut editor, session, &buffer, &mut seen);
        let prompt = prompt(session.db().as_of(), buffer.is_empty());
        // A Ctrl-C while a statement ran cancelled it, and that is all.
        session.take_cancelled();
        interrupt::clear();
        let line = match editor.readline(&prompt) {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => {
                buffer.clear();
                continue;
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(format!("cannot read the terminal: {e}")),
        };
        if buffer.is_empty() && line.trim_start().starts_with(':') {
            let _ = editor.add_history_entry(line.trim());
            let flow = match commands::parse(&line) {
                Ok(Command::History) => {
                    show_history(&editor, session);
                    Flow::Continue
                }
                Ok(Command::Clear) => {
                    let _ = editor.clear_screen();
                    Flow::Continue
                }
                Ok(command) => commands::execute(command, session),
                Err(message) => {
                    session.complain(&message);
                    Flow::Continue
                }
            };
            if flow == Flow::Stop {
                break;
            }
            continue;
        }
        if buffer.is_empty() && is_blank(&line) {
            continue;
        }
        buffer.push_str(&line);
        buffer.push('\n');
        let consumed = run_complete(session, &buffer);
        if consumed > 0 {
            let _ = editor.add_history_entry(buffer[..consumed].trim());
            buffer.drain(..consumed);
            if is_blank(&buffer) {
                buffer.clear();
            }
        }
    }
    if let Some(path) = &history
        && let Err(e) = editor.save_history(path)
    {
        session.complain(&format!(
            "warning: cannot save the history to {}: {e}",
            path.display()
        ));
    }
    Ok(())
}

/// The prompt: `quiver> `, or `quiver@12> ` while the database shows
/// the state after commit 12 (`:as-of`, `--as-of`); the continuation
/// prompt as wide.
fn prompt(as_of: Option<u64>, new_statement: bool) -> String {
    let Some(at) = as_of else {
        return match new_statement {
            true => PROMPT.to_string(),
            false => CONTINUATION.to_string(),
        };
    };
    let prompt = format!("quiver@{at}> ");
    match new_statement {
        true => prompt,
        false => format!("{:>width$}", "...> ", width = prompt.len()),
    }
}

/// Tells the helper the statement typed so far, the parameters, and (when
/// a statement may have changed them) the names in the database.
fn refresh_helper(
    editor: &mut LineEditor,
    session: &Session,
    buffer: &str,
    seen: &mut Option<u64>,
) {
    let Some(helper) = editor.helper_mut() else {
        return;
    };
    if *seen != Some(session.generation()) {
        helper.catalog = Catalog::from_schema(&session.db().schema());
        *seen = Some(session.generation());
    }
    helper.catalog.params = session.params().keys().cloned().collect();
    helper.pending = buffer.to_string();
}

/// `:history`: the entries, numbered, oldest first.
fn show_history(editor: &LineEditor, session: &mut Session) {
    let entries = editor.history();
    let width = entries.len().to_string().len();
    let text: Vec<String> = entries
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let entry = entry.replace('\n', &format!("\n{}  ", " ".repeat(width)));
            format!("{:>width$}  {entry}", i + 1)
        })
        .collect();
    if text.is_empty() {
        session.say("no history yet");
    } else {
        session.say(&text.join("\n"));
    }
}

/// Runs every complete statement in `buffer` (the same splitter as
/// scripts use); returns how many bytes they took, `;` included.
fn run_complete(session: &mut Session, buffer: &str) -> usize {
    let split = split_statements(buffer);
    if split.statements.is_empty() {
        return 0;
    }
    let source = Source {
        name: "<query>",
        text: buffer,
    };
    let statements: Vec<Span> = split.statements;
    session.run_statements(source, statements, Mode::Show);
    split.rest.start
}

/// `$QUIVER_HISTORY`, else `$HOME/.quiver_history`.
fn history_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("QUIVER_HISTORY") {
        return Some(PathBuf::from(path));
    }
    std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".quiver_history"))
}
