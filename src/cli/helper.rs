//! The line editor's helper: completion, highlighting and history hints
//! for rustyline, over the pure functions of `complete` and `highlight`.

use super::complete::{self, Catalog};
use super::highlight::{self, HINT, RESET};
use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::validate::Validator;
use rustyline::{Context, Helper};
use std::borrow::Cow;
use std::cell::Cell;

/// What the REPL's line editor asks about the text being typed.
pub(crate) struct QuiverHelper {
    /// The names in the database, refreshed by the REPL when they change.
    pub catalog: Catalog,
    /// The earlier lines of the statement being typed.
    pub pending: String,
    /// Colours and hints are on (a terminal, and no `NO_COLOR`).
    colour: bool,
    /// The brackets to mark, set when the cursor moves.
    brackets: Cell<Option<(usize, usize)>>,
    hinter: HistoryHinter,
}

impl QuiverHelper {
    /// A helper; `colour` turns highlighting and hints on.
    pub(crate) fn new(colour: bool) -> QuiverHelper {
        QuiverHelper {
            catalog: Catalog::default(),
            pending: String::new(),
            colour,
            brackets: Cell::new(None),
            hinter: HistoryHinter::new(),
        }
    }
}

impl Completer for QuiverHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let (start, candidates) = complete::complete(&self.pending, line, pos, &self.catalog);
        let pairs = candidates
            .into_iter()
            .map(|c| Pair {
                display: c.display,
                replacement: c.replacement,
            })
            .collect();
        Ok((start, pairs))
    }
}

impl Hinter for QuiverHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        if self.colour {
            self.hinter.hint(line, pos, ctx)
        } else {
            None
        }
    }
}

impl Highlighter for QuiverHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if self.colour {
            Cow::Owned(highlight::highlight(line, self.brackets.get()))
        } else {
            Cow::Borrowed(line)
        }
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.colour {
            Cow::Owned(format!("{HINT}{hint}{RESET}"))
        } else {
            Cow::Borrowed(hint)
        }
    }

    fn highlight_char(&self, line: &str, pos: usize, kind: CmdKind) -> bool {
        if !self.colour {
            return false;
        }
        let brackets = match kind {
            CmdKind::ForcedRefresh => None,
            _ => highlight::matching_bracket(line, pos),
        };
        self.brackets.set(brackets);
        // Colours depend on every character typed: always repaint.
        true
    }
}

/// Enter always ends a line: the REPL decides when a statement is complete.
impl Validator for QuiverHelper {}

impl Helper for QuiverHelper {}
