//! The pest parser generated from `grammar/cypher.pest`, and small helpers
//! every builder uses.

use crate::span::Span;
use pest_derive::Parser;

/// The generated parser; its rules are [`Rule`].
#[derive(Parser)]
#[grammar = "../grammar/cypher.pest"]
pub(super) struct CypherParser;

/// A node of pest's parse tree.
pub(super) type Pair<'i> = pest::iterators::Pair<'i, Rule>;

/// The span of a pair, without the whitespace pest lets trail after an
/// optional or repeated last part.
pub(super) fn span_of(pair: &Pair<'_>) -> Span {
    let s = pair.as_span();
    Span::new(s.start(), s.start() + text_of(pair).len())
}

/// The text of a pair, without the whitespace and comments pest lets
/// trail after it.
pub(super) fn text_of<'i>(pair: &Pair<'i>) -> &'i str {
    let span = pair.as_span();
    &pair.get_input()[span.start()..text_end(pair.clone())]
}

/// Where the text of `pair` ends, trailing whitespace and comments left
/// out. They can trail only after its last inner pair (pairs end between
/// tokens), so only that tail is lexed: lexing the whole text would make
/// nested constructs (`CASE` in `CASE` ...) quadratic.
fn text_end(mut pair: Pair<'_>) -> usize {
    loop {
        let span = pair.as_span();
        let last = pair.clone().into_inner().next_back();
        let from = last.as_ref().map_or(span.start(), |l| l.as_span().end());
        let tail = pair.get_input().get(from..span.end()).unwrap_or("");
        let kept = super::split::trim_trivia_end(tail).len();
        match last {
            // All trivia after the last inner pair: it may trail in that pair too.
            Some(last) if kept == 0 => pair = last,
            _ => return from + kept,
        }
    }
}
