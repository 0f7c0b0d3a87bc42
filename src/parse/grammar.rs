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
    super::split::trim_trivia_end(pair.as_str())
}
