//! Patterns: parts, elements, node and relationship patterns, labels.

use super::expr::{internal, map_entries, only, parameter};
use super::grammar::{Pair, Rule, span_of};
use super::literal;
use crate::error::Detail;
use crate::error::{Error, Result};
use crate::parse::ast::{
    Direction, Expr, ExprKind, Name, NodePattern, PathKind, PatternElement, PatternPart, Range,
    RelPattern,
};

/// `pattern`: comma-separated parts.
pub(super) fn pattern(pair: Pair<'_>) -> Result<Vec<PatternPart>> {
    pair.into_inner().map(part).collect()
}

/// `pattern_part`: `[var =] [shortestPath|allShortestPaths](element)`.
pub(super) fn part(pair: Pair<'_>) -> Result<PatternPart> {
    let span = span_of(&pair);
    let mut var = None;
    for inner in pair.into_inner() {
        let (kind, element) = match inner.as_rule() {
            Rule::variable => {
                var = Some(literal::name(inner));
                continue;
            }
            Rule::shortest_path => (PathKind::Shortest, element_in(inner)?),
            Rule::all_shortest_paths => (PathKind::AllShortest, element_in(inner)?),
            _ => (PathKind::Normal, element(inner)?),
        };
        return Ok(PatternPart {
            var,
            kind,
            element,
            span,
        });
    }
    Err(internal(span))
}

/// The `pattern_element` inside `shortestPath(...)`.
fn element_in(pair: Pair<'_>) -> Result<PatternElement> {
    let span = span_of(&pair);
    let inner = pair
        .into_inner()
        .find(|p| p.as_rule() == Rule::pattern_element)
        .ok_or_else(|| internal(span))?;
    element(inner)
}

/// `pattern_element`: a node and its links, possibly in parentheses.
fn element(pair: Pair<'_>) -> Result<PatternElement> {
    let span = span_of(&pair);
    let mut inner = pair.into_inner();
    let first = inner.next().ok_or_else(|| internal(span))?;
    if first.as_rule() == Rule::pattern_element {
        return element(first);
    }
    chain(span, first, inner)
}

/// `relationships_pattern`: a node and at least one link.
pub(super) fn relationships(pair: Pair<'_>) -> Result<PatternElement> {
    let span = span_of(&pair);
    let mut inner = pair.into_inner();
    let first = inner.next().ok_or_else(|| internal(span))?;
    chain(span, first, inner)
}

/// A start node and the `pattern_link`s after it.
fn chain<'i>(
    span: crate::span::Span,
    first: Pair<'i>,
    links: impl Iterator<Item = Pair<'i>>,
) -> Result<PatternElement> {
    let start = node(first)?;
    let chain = links
        .map(|link| {
            let span = span_of(&link);
            let mut parts = link.into_inner();
            let rel = parts.next().ok_or_else(|| internal(span))?;
            let next = parts.next().ok_or_else(|| internal(span))?;
            Ok((relationship(rel)?, node(next)?))
        })
        .collect::<Result<_>>()?;
    Ok(PatternElement { start, chain, span })
}

/// `node_pattern`: `(var:Label {props})`.
fn node(pair: Pair<'_>) -> Result<NodePattern> {
    let span = span_of(&pair);
    let mut node = NodePattern {
        var: None,
        labels: Vec::new(),
        properties: None,
        span,
    };
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::variable => node.var = Some(literal::name(part)),
            Rule::node_labels => node.labels = labels(part),
            Rule::properties => node.properties = Some(properties(part)?),
            _ => {}
        }
    }
    Ok(node)
}

/// `node_labels`: `:A:B`.
pub(super) fn labels(pair: Pair<'_>) -> Vec<Name> {
    pair.into_inner().map(literal::name).collect()
}

/// `properties`: a map literal or a parameter.
fn properties(pair: Pair<'_>) -> Result<Expr> {
    let inner = only(pair)?;
    let span = span_of(&inner);
    if inner.as_rule() == Rule::parameter {
        return Ok(parameter(inner));
    }
    Ok(Expr {
        kind: ExprKind::Map(map_entries(inner)?),
        span,
    })
}

/// `rel_pattern`: arrows and the optional `[...]` detail.
fn relationship(pair: Pair<'_>) -> Result<RelPattern> {
    let span = span_of(&pair);
    let mut rel = RelPattern {
        var: None,
        types: Vec::new(),
        direction: Direction::Both,
        length: None,
        properties: None,
        span,
    };
    let (mut left, mut right) = (false, false);
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::left_arrow => left = true,
            Rule::right_arrow => right = true,
            Rule::rel_detail => detail(part, &mut rel)?,
            _ => {}
        }
    }
    rel.direction = match (left, right) {
        (true, false) => Direction::Left,
        (false, true) => Direction::Right,
        _ => Direction::Both,
    };
    Ok(rel)
}

/// `rel_detail`: `[var:T|U*1..2 {props}]`.
fn detail(pair: Pair<'_>, rel: &mut RelPattern) -> Result<()> {
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::variable => rel.var = Some(literal::name(part)),
            Rule::rel_types => rel.types = part.into_inner().map(literal::name).collect(),
            Rule::range => rel.length = Some(range(part)?),
            Rule::properties => rel.properties = Some(properties(part)?),
            _ => {}
        }
    }
    Ok(())
}

/// `range`: `*`, `*2`, `*1..3`, `*..3`, `*2..`.
fn range(pair: Pair<'_>) -> Result<Range> {
    let mut range = Range {
        min: None,
        max: None,
    };
    let mut dots = false;
    for part in pair.into_inner() {
        let bound = || {
            if part.as_str().starts_with('-') {
                return Err(Error::syntax(
                    Detail::InvalidRelationshipPattern,
                    format!(
                        "a variable-length bound counts relationships and cannot be negative: {}",
                        part.as_str()
                    ),
                    span_of(&part),
                ));
            }
            part.as_str().parse::<u64>().map_err(|_| {
                Error::syntax(
                    Detail::IntegerOverflow,
                    "relationship length bound is too large",
                    span_of(&part),
                )
            })
        };
        match part.as_rule() {
            Rule::range_min => range.min = Some(bound()?),
            Rule::range_max => range.max = Some(bound()?),
            Rule::range_dots => dots = true,
            _ => {}
        }
    }
    if !dots {
        range.max = range.min;
    }
    Ok(range)
}
