//! The interactive shell: line editing and history (rustyline), statements
//! that span lines until `;`, and `:commands`.

use super::commands;
use super::session::{Flow, Mode, Session, Source};
use crate::parse::{is_blank, split_statements};
use crate::span::Span;
use rustyline::DefaultEditor;
use rustyline::error::ReadlineError;
use std::path::PathBuf;

/// The prompt for a new statement.
const PROMPT: &str = "quiver> ";
/// The prompt while a statement goes on.
const CONTINUATION: &str = "   ...> ";

/// Runs the REPL until Ctrl-D or `:quit`. `Err` when the terminal cannot
/// be used.
pub fn run(session: &mut Session) -> Result<(), String> {
    let mut editor = DefaultEditor::new().map_err(|e| format!("cannot use the terminal: {e}"))?;
    let history = history_path();
    if let Some(path) = &history {
        // A missing or unreadable history is not worth a word.
        let _ = editor.load_history(path);
    }
    if !session.quiet() {
        session.say(&format!(
            "quiver {} — type :help for help, :quit to exit",
            env!("CARGO_PKG_VERSION")
        ));
    }
    let mut buffer = String::new();
    loop {
        let prompt = if buffer.is_empty() {
            PROMPT
        } else {
            CONTINUATION
        };
        let line = match editor.readline(prompt) {
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
