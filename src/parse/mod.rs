//! Text → typed syntax tree (the only module that names pest).

pub(crate) mod ast;
mod clause;
mod display;
mod errors;
mod expr;
mod grammar;
pub(crate) mod lex;
mod literal;
mod pattern;
mod split;
#[cfg(test)]
mod tests;

#[cfg(feature = "cli")]
pub(crate) use expr::for_each_child;
#[cfg(feature = "cli")]
pub(crate) use split::is_blank;
#[cfg(feature = "cli")]
pub use split::split_statements;

use crate::error::Detail;
use crate::error::{Error, Result};
use crate::span::Span;
use grammar::{CypherParser, Rule};
use pest::Parser;
use std::sync::{Mutex, PoisonError};

/// The deepest bracket nesting accepted (deeper text is a syntax error,
/// found before pest runs, so that nothing can overflow the stack).
const MAX_NESTING: usize = 200;

/// Stack the parser wants available (pest and the builders recurse once per
/// bracket level); with less, it runs on a fresh stack of `STACK_SIZE`.
const STACK_NEEDED: usize = 8 << 20;
const STACK_SIZE: usize = 16 << 20;

/// Parses exactly one statement; a trailing `;` is allowed.
pub fn parse_statement(text: &str) -> Result<ast::Statement> {
    stacker::maybe_grow(STACK_NEEDED, STACK_SIZE, || parse_on_this_stack(text))
}

/// Parses `text` again, pest collecting what it expected where it
/// stopped (which costs a third of a parse's time, so only a text that
/// failed pays it), for the error's message.
fn detailed(text: &str) -> Result<pest::iterators::Pairs<'_, Rule>> {
    // pest's switch is global: one detailed parse at a time.
    static DETAILED: Mutex<()> = Mutex::new(());
    let _one = DETAILED.lock().unwrap_or_else(PoisonError::into_inner);
    pest::set_error_detail(true);
    let parsed = CypherParser::parse(Rule::statement, text);
    pest::set_error_detail(false);
    parsed.map_err(|e| errors::syntax_error(text, e))
}

fn parse_on_this_stack(text: &str) -> Result<ast::Statement> {
    // A comment, string or name left open swallows the rest of the text:
    // say so where it opens, not where pest stumbles on what it swallowed.
    if let Some((what, at)) = split::unclosed(text) {
        return Err(Error::syntax(
            Detail::UnexpectedSyntax,
            what.message(),
            Span::new(at, at + what.opener_len()),
        ));
    }
    if let Some(at) = split::too_deep(text, MAX_NESTING) {
        return Err(Error::syntax(
            Detail::UnexpectedSyntax,
            format!("nesting too deep: more than {MAX_NESTING} levels of brackets"),
            Span::new(at, at + 1),
        ));
    }
    let mut pairs = match CypherParser::parse(Rule::statement, text) {
        Ok(pairs) => pairs,
        Err(_) => detailed(text)?,
    };
    let statement = pairs
        .next()
        .ok_or_else(|| expr::internal(Span::new(0, text.len())))?;
    clause::statement(statement)
}
