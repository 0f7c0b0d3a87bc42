//! Expressions: operator precedence with a Pratt parser over the flat
//! `expr` sequence, then one function per kind of atom.

use super::clause;
use super::grammar::{Pair, Rule, span_of};
use super::literal;
use super::pattern;
use crate::error::Detail;
use crate::error::{Error, Result};
use crate::parse::ast::{
    BinaryOp, ExistsSubquery, Expr, ExprKind, MapProjectionItem, Name, Quantifier, UnaryOp,
};
use crate::span::Span;
use crate::value::Value;
use pest::pratt_parser::{Assoc, Op, PrattParser};
use std::sync::LazyLock;

/// The deepest expression tree the parser builds (deeper input is an error,
/// so that later recursive passes cannot overflow the stack). Only nesting
/// counts: a chain of operators of one level is one [`ExprKind::Chain`],
/// however long.
const MAX_DEPTH: usize = 500;

/// The most prefix operators (`NOT`, `-`, `+`) in a row (`NOT NOT x`).
const MAX_PREFIX: usize = 200;

/// openCypher precedence, lowest first.
static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::infix(Rule::OR, Assoc::Left))
        .op(Op::infix(Rule::XOR, Assoc::Left))
        .op(Op::infix(Rule::AND, Assoc::Left))
        .op(Op::prefix(Rule::NOT))
        .op(Op::infix(Rule::eq, Assoc::Left)
            | Op::infix(Rule::ne, Assoc::Left)
            | Op::infix(Rule::lt, Assoc::Left)
            | Op::infix(Rule::le, Assoc::Left)
            | Op::infix(Rule::gt, Assoc::Left)
            | Op::infix(Rule::ge, Assoc::Left))
        .op(Op::infix(Rule::starts_with, Assoc::Left)
            | Op::infix(Rule::ends_with, Assoc::Left)
            | Op::infix(Rule::CONTAINS, Assoc::Left)
            | Op::infix(Rule::IN, Assoc::Left)
            | Op::infix(Rule::regex_match, Assoc::Left)
            | Op::postfix(Rule::is_null)
            | Op::postfix(Rule::is_not_null))
        .op(Op::infix(Rule::add, Assoc::Left) | Op::infix(Rule::sub, Assoc::Left))
        .op(Op::infix(Rule::mul, Assoc::Left)
            | Op::infix(Rule::div, Assoc::Left)
            | Op::infix(Rule::modulo, Assoc::Left))
        .op(Op::infix(Rule::pow, Assoc::Left))
        .op(Op::prefix(Rule::neg) | Op::prefix(Rule::pos))
});

/// An expression being built: its depth, and for a comparison the last
/// operand and its depth, so that `a < b < c` becomes `a < b AND b < c`.
struct Partial {
    expr: Expr,
    depth: usize,
    comparison_rhs: Option<(Expr, usize)>,
}

impl Partial {
    fn new(expr: Expr, depth: usize) -> Result<Partial> {
        if depth > MAX_DEPTH {
            return Err(Error::syntax(
                Detail::UnexpectedSyntax,
                format!("expression nesting too deep (more than {MAX_DEPTH} levels)"),
                expr.span,
            ));
        }
        Ok(Partial {
            expr,
            depth,
            comparison_rhs: None,
        })
    }
}

/// `expr`: operands and operators, with precedence applied.
pub(super) fn expr(pair: Pair<'_>) -> Result<Expr> {
    stacker::maybe_grow(256 << 10, 4 << 20, || expr_here(pair))
}

fn expr_here(pair: Pair<'_>) -> Result<Expr> {
    let span = span_of(&pair);
    if pair.as_rule() != Rule::expr || pair.clone().into_inner().next().is_none() {
        return Err(internal(span));
    }
    // Prefix operators in a row nest; those of different operands do not.
    let mut prefixes = 0;
    let mut run = 0;
    for p in pair.clone().into_inner() {
        if matches!(p.as_rule(), Rule::NOT | Rule::neg | Rule::pos) {
            run += 1;
            prefixes = prefixes.max(run);
        } else {
            run = 0;
        }
    }
    if prefixes > MAX_PREFIX {
        return Err(Error::syntax(
            Detail::UnexpectedSyntax,
            format!("expression nesting too deep (more than {MAX_PREFIX} prefix operators)"),
            span,
        ));
    }
    PRATT
        .map_primary(|operand_pair| {
            let expr = operand(operand_pair)?;
            let depth = depth_of(&expr);
            Partial::new(expr, depth)
        })
        .map_prefix(|op, rhs| {
            let rhs = rhs?;
            let unary = match op.as_rule() {
                Rule::NOT => UnaryOp::Not,
                Rule::neg => UnaryOp::Neg,
                _ => UnaryOp::Pos,
            };
            let span = span_of(&op).to(rhs.expr.span);
            let kind = ExprKind::Unary(unary, Box::new(rhs.expr));
            Partial::new(Expr { kind, span }, rhs.depth + 1)
        })
        .map_postfix(|lhs, op| {
            let lhs = lhs?;
            let span = lhs.expr.span.to(span_of(&op));
            let not_null = op.as_rule() == Rule::is_not_null;
            let kind = ExprKind::IsNull(Box::new(lhs.expr), not_null);
            Partial::new(Expr { kind, span }, lhs.depth + 1)
        })
        .map_infix(|lhs, op, rhs| infix(lhs?, op, rhs?))
        .parse(pair.into_inner())
        .map(|partial| partial.expr)
}

/// Combines two operands with an infix operator; a chain of operators of
/// one level grows one [`ExprKind::Chain`] (see [`Expr::binary`]).
fn infix(lhs: Partial, op: Pair<'_>, rhs: Partial) -> Result<Partial> {
    let op = binary_op(op.as_rule());
    let is_comparison = !op.chains();
    if let (true, Some((middle, middle_depth))) = (is_comparison, lhs.comparison_rhs) {
        // `a < b < c`: `(a < b) AND (b < c)`, a chain of `AND`s.
        let right_depth = middle_depth.max(rhs.depth) + 1;
        let right = Expr::binary(op, middle, rhs.expr.clone());
        let both = joined(
            lhs.depth,
            right_depth,
            Expr::binary(BinaryOp::And, lhs.expr, right),
        );
        let mut partial = Partial::new(both.0, both.1)?;
        partial.comparison_rhs = Some((rhs.expr, rhs.depth));
        return Ok(partial);
    }
    let comparison_rhs = is_comparison.then(|| (rhs.expr.clone(), rhs.depth));
    let (expr, depth) = joined(lhs.depth, rhs.depth, Expr::binary(op, lhs.expr, rhs.expr));
    let mut partial = Partial::new(expr, depth)?;
    partial.comparison_rhs = comparison_rhs;
    Ok(partial)
}

/// `expr`, made of operands of these depths, with its own depth: a chain
/// is one level above its deepest operand.
fn joined(lhs: usize, rhs: usize, expr: Expr) -> (Expr, usize) {
    let depth = match expr.kind {
        ExprKind::Chain(..) => lhs.max(rhs + 1),
        _ => lhs.max(rhs) + 1,
    };
    (expr, depth)
}

fn binary_op(rule: Rule) -> BinaryOp {
    match rule {
        Rule::OR => BinaryOp::Or,
        Rule::XOR => BinaryOp::Xor,
        Rule::AND => BinaryOp::And,
        Rule::eq => BinaryOp::Eq,
        Rule::ne => BinaryOp::Ne,
        Rule::lt => BinaryOp::Lt,
        Rule::le => BinaryOp::Le,
        Rule::gt => BinaryOp::Gt,
        Rule::ge => BinaryOp::Ge,
        Rule::add => BinaryOp::Add,
        Rule::sub => BinaryOp::Sub,
        Rule::mul => BinaryOp::Mul,
        Rule::div => BinaryOp::Div,
        Rule::modulo => BinaryOp::Mod,
        Rule::pow => BinaryOp::Pow,
        Rule::IN => BinaryOp::In,
        Rule::starts_with => BinaryOp::StartsWith,
        Rule::ends_with => BinaryOp::EndsWith,
        Rule::CONTAINS => BinaryOp::Contains,
        _ => BinaryOp::Regex,
    }
}

/// The depth of an expression tree, measured without recursion (patterns
/// and subqueries count as leaves: their nesting is bounded by brackets).
fn depth_of(expr: &Expr) -> usize {
    let mut max = 0;
    let mut stack = vec![(expr, 1usize)];
    while let Some((e, d)) = stack.pop() {
        max = max.max(d);
        for_each_child(e, &mut |child| stack.push((child, d + 1)));
    }
    max
}

/// Calls `f` on each direct sub-expression.
pub(crate) fn for_each_child<'a>(e: &'a Expr, f: &mut dyn FnMut(&'a Expr)) {
    match &e.kind {
        ExprKind::List(items) => items.iter().for_each(f),
        ExprKind::Map(entries) => entries.iter().for_each(|(_, v)| f(v)),
        ExprKind::Property(x, _) | ExprKind::Unary(_, x) | ExprKind::IsNull(x, _) => f(x),
        ExprKind::HasLabels(x, _) => f(x),
        ExprKind::Index(a, b) | ExprKind::Binary(_, a, b) => {
            f(a);
            f(b);
        }
        ExprKind::Chain(first, rest) => {
            f(first);
            rest.iter().for_each(|(_, x)| f(x));
        }
        ExprKind::Slice(a, b, c) => {
            f(a);
            b.iter().chain(c.iter()).for_each(|x| f(x));
        }
        ExprKind::Function { args, .. } => args.iter().for_each(f),
        ExprKind::Case {
            operand,
            whens,
            else_,
        } => {
            operand.iter().chain(else_.iter()).for_each(|x| f(x));
            whens.iter().for_each(|(a, b)| {
                f(a);
                f(b);
            });
        }
        ExprKind::ListComprehension {
            list, filter, map, ..
        } => {
            f(list);
            filter.iter().chain(map.iter()).for_each(|x| f(x));
        }
        ExprKind::Quantifier {
            list, predicate, ..
        } => {
            f(list);
            predicate.iter().for_each(|x| f(x));
        }
        ExprKind::Reduce {
            init, list, expr, ..
        } => {
            f(init);
            f(list);
            f(expr);
        }
        ExprKind::PatternComprehension { filter, map, .. } => {
            filter.iter().for_each(|x| f(x));
            f(map);
        }
        ExprKind::MapProjection { items, .. } => items.iter().for_each(|item| {
            if let MapProjectionItem::Literal(_, v) = item {
                f(v)
            }
        }),
        ExprKind::Literal(_)
        | ExprKind::Parameter(_)
        | ExprKind::Variable(_)
        | ExprKind::CountStar
        | ExprKind::PatternPredicate(_)
        | ExprKind::Exists(_)
        | ExprKind::CountSubquery(_)
        | ExprKind::CollectSubquery(_) => {}
    }
}

/// `operand`: an atom and its postfix operators (`.key`, `[i]`, `[a..b]`, `:Label`).
fn operand(pair: Pair<'_>) -> Result<Expr> {
    let mut inner = pair.into_inner();
    let first = inner.next().ok_or_else(|| internal(Span::default()))?;
    let mut expr = atom_expr(first)?;
    for op in inner {
        let span = expr.span.to(span_of(&op));
        let target = Box::new(expr);
        let kind = match op.as_rule() {
            Rule::property_lookup => ExprKind::Property(target, literal::name(only(op)?)),
            Rule::subscript => {
                let (mut from, mut to, mut dots) = (None, None, false);
                for part in op.into_inner() {
                    match part.as_rule() {
                        Rule::slice_from => from = Some(Box::new(self::expr(only(part)?)?)),
                        Rule::slice_to => to = Some(Box::new(self::expr(only(part)?)?)),
                        _ => dots = true,
                    }
                }
                match (dots, from) {
                    (true, from) => ExprKind::Slice(target, from, to),
                    (false, Some(index)) => ExprKind::Index(target, index),
                    (false, None) => return Err(internal(span)),
                }
            }
            _ => ExprKind::HasLabels(target, pattern::labels(only(op)?)),
        };
        expr = Expr { kind, span };
    }
    Ok(expr)
}

/// The single inner pair of a pair.
pub(super) fn only(pair: Pair<'_>) -> Result<Pair<'_>> {
    let span = span_of(&pair);
    pair.into_inner().next().ok_or_else(|| internal(span))
}

/// An error for a parse tree the grammar should not produce.
pub(super) fn internal(span: Span) -> Error {
    Error::syntax(Detail::UnexpectedSyntax, "unexpected parse tree", span)
}

/// Any atom.
pub(super) fn atom_expr(pair: Pair<'_>) -> Result<Expr> {
    let span = span_of(&pair);
    let kind = match pair.as_rule() {
        Rule::number => ExprKind::Literal(literal::number(pair)?),
        Rule::string => ExprKind::Literal(literal::string(pair)?),
        Rule::TRUE => ExprKind::Literal(Value::Bool(true)),
        Rule::FALSE => ExprKind::Literal(Value::Bool(false)),
        Rule::NULL => ExprKind::Literal(Value::Null),
        Rule::parameter => return Ok(parameter(pair)),
        Rule::count_star => ExprKind::CountStar,
        Rule::case_expr => case(pair)?,
        Rule::list_comprehension => list_comprehension(pair)?,
        Rule::pattern_comprehension => pattern_comprehension(pair)?,
        Rule::list_literal => ExprKind::List(exprs(pair)?),
        Rule::quantifier => quantifier(pair)?,
        Rule::reduce => reduce(pair)?,
        Rule::exists_subquery => ExprKind::Exists(Box::new(subquery_body(pair)?)),
        Rule::count_subquery => ExprKind::CountSubquery(Box::new(subquery_body(pair)?)),
        Rule::collect_subquery => collect_subquery(pair)?,
        Rule::relationships_pattern => {
            ExprKind::PatternPredicate(Box::new(pattern::relationships(pair)?))
        }
        Rule::map_projection => map_projection(pair)?,
        Rule::function_call => function_call(pair)?,
        Rule::variable => ExprKind::Variable(literal::name(pair).name),
        Rule::map_literal => ExprKind::Map(map_entries(pair)?),
        Rule::parenthesized => {
            let inner = expr(only(pair)?)?;
            return Ok(inner);
        }
        _ => return Err(internal(span)),
    };
    Ok(Expr { kind, span })
}

/// `$name` or `$0`.
pub(super) fn parameter(pair: Pair<'_>) -> Expr {
    let span = span_of(&pair);
    let name = match pair.into_inner().next() {
        Some(p) if p.as_rule() == Rule::parameter_index => p.as_str().to_string(),
        Some(p) => literal::name(p).name,
        None => String::new(),
    };
    Expr {
        kind: ExprKind::Parameter(name),
        span,
    }
}

/// Every `expr` child of a pair, in order.
fn exprs(pair: Pair<'_>) -> Result<Vec<Expr>> {
    pair.into_inner()
        .filter(|p| p.as_rule() == Rule::expr)
        .map(expr)
        .collect()
}

/// `{k: v, ...}`
pub(super) fn map_entries(pair: Pair<'_>) -> Result<Vec<(Name, Expr)>> {
    pair.into_inner()
        .map(|entry| {
            let span = span_of(&entry);
            let mut inner = entry.into_inner();
            let key = inner.next().ok_or_else(|| internal(span))?;
            let value = inner.next().ok_or_else(|| internal(span))?;
            Ok((literal::name(key), expr(value)?))
        })
        .collect()
}

/// `CASE [operand] WHEN a THEN b ... [ELSE c] END`
fn case(pair: Pair<'_>) -> Result<ExprKind> {
    let mut operand = None;
    let mut whens = Vec::new();
    let mut else_ = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::case_operand => operand = Some(Box::new(expr(only(part)?)?)),
            Rule::case_alternative => {
                let span = span_of(&part);
                let mut e = exprs(part)?.into_iter();
                let (Some(when), Some(then)) = (e.next(), e.next()) else {
                    return Err(internal(span));
                };
                whens.push((when, then));
            }
            Rule::case_else => else_ = exprs(part)?.pop().map(Box::new),
            _ => {}
        }
    }
    Ok(ExprKind::Case {
        operand,
        whens,
        else_,
    })
}

/// The parts shared by comprehensions and quantifiers: variable, list, `WHERE`, `| map`.
struct Comprehension {
    var: Option<Name>,
    list: Option<Expr>,
    filter: Option<Box<Expr>>,
    map: Option<Box<Expr>>,
}

fn comprehension(pair: Pair<'_>) -> Result<Comprehension> {
    let mut c = Comprehension {
        var: None,
        list: None,
        filter: None,
        map: None,
    };
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::variable => c.var = Some(literal::name(part)),
            Rule::expr => c.list = Some(expr(part)?),
            Rule::where_clause => c.filter = Some(Box::new(clause::where_expr(part)?)),
            Rule::comprehension_map => c.map = Some(Box::new(expr(only(part)?)?)),
            _ => {}
        }
    }
    Ok(c)
}

/// `[x IN list WHERE p | e]`
fn list_comprehension(pair: Pair<'_>) -> Result<ExprKind> {
    let span = span_of(&pair);
    let c = comprehension(pair)?;
    let (Some(var), Some(list)) = (c.var, c.list) else {
        return Err(internal(span));
    };
    Ok(ExprKind::ListComprehension {
        var,
        list: Box::new(list),
        filter: c.filter,
        map: c.map,
    })
}

/// `all|any|none|single(x IN list WHERE p)`
fn quantifier(pair: Pair<'_>) -> Result<ExprKind> {
    let span = span_of(&pair);
    let kind = match pair.clone().into_inner().next().map(|p| p.as_rule()) {
        Some(Rule::ALL) => Quantifier::All,
        Some(Rule::ANY_) => Quantifier::Any,
        Some(Rule::NONE) => Quantifier::None,
        _ => Quantifier::Single,
    };
    let c = comprehension(pair)?;
    let (Some(var), Some(list)) = (c.var, c.list) else {
        return Err(internal(span));
    };
    Ok(ExprKind::Quantifier {
        kind,
        var,
        list: Box::new(list),
        predicate: c.filter,
    })
}

/// `[p = (a)-->(b) WHERE c | e]`
fn pattern_comprehension(pair: Pair<'_>) -> Result<ExprKind> {
    let span = span_of(&pair);
    let mut var = None;
    let mut element = None;
    let mut filter = None;
    let mut map = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::variable => var = Some(literal::name(part)),
            Rule::relationships_pattern => element = Some(pattern::relationships(part)?),
            Rule::where_clause => filter = Some(Box::new(clause::where_expr(part)?)),
            Rule::comprehension_map => map = Some(Box::new(expr(only(part)?)?)),
            _ => {}
        }
    }
    let (Some(element), Some(map)) = (element, map) else {
        return Err(internal(span));
    };
    Ok(ExprKind::PatternComprehension {
        var,
        pattern: Box::new(element),
        filter,
        map,
    })
}

/// `reduce(acc = init, x IN list | expr)`
fn reduce(pair: Pair<'_>) -> Result<ExprKind> {
    let span = span_of(&pair);
    let mut names = Vec::new();
    let mut values = Vec::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::variable => names.push(literal::name(part)),
            Rule::expr => values.push(expr(part)?),
            _ => {}
        }
    }
    let mut names = names.into_iter();
    let mut values = values.into_iter();
    match (
        names.next(),
        names.next(),
        values.next(),
        values.next(),
        values.next(),
    ) {
        (Some(acc), Some(var), Some(init), Some(list), Some(step)) => Ok(ExprKind::Reduce {
            acc,
            init: Box::new(init),
            var,
            list: Box::new(list),
            expr: Box::new(step),
        }),
        _ => Err(internal(span)),
    }
}

/// The body of `EXISTS { ... }` or `COUNT { ... }`: a query, or a pattern
/// with an optional `WHERE`.
fn subquery_body(pair: Pair<'_>) -> Result<ExistsSubquery> {
    let mut parts = Vec::new();
    let mut where_ = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::query => return Ok(ExistsSubquery::Query(clause::query(part)?)),
            Rule::pattern => parts = pattern::pattern(part)?,
            Rule::where_clause => where_ = Some(clause::where_expr(part)?),
            _ => {}
        }
    }
    Ok(ExistsSubquery::Pattern(parts, where_))
}

/// `COLLECT { query }`
fn collect_subquery(pair: Pair<'_>) -> Result<ExprKind> {
    let span = span_of(&pair);
    let query = (pair.into_inner())
        .find(|p| p.as_rule() == Rule::query)
        .ok_or_else(|| internal(span))?;
    Ok(ExprKind::CollectSubquery(Box::new(clause::query(query)?)))
}

/// `var {.key, key: expr, var, .*}`
fn map_projection(pair: Pair<'_>) -> Result<ExprKind> {
    let span = span_of(&pair);
    let mut inner = pair.into_inner();
    let var = inner.next().ok_or_else(|| internal(span))?;
    let quoted = var.as_str().starts_with('`');
    let var = literal::name(var);
    let items: Vec<MapProjectionItem> = inner
        .map(|item| {
            Ok(match item.as_rule() {
                Rule::all_properties => MapProjectionItem::AllProperties,
                Rule::property_selector => MapProjectionItem::Property(literal::name(only(item)?)),
                Rule::variable_selector => MapProjectionItem::Variable(literal::name(only(item)?)),
                _ => {
                    let span = span_of(&item);
                    let mut kv = item.into_inner();
                    let key = kv.next().ok_or_else(|| internal(span))?;
                    let value = kv.next().ok_or_else(|| internal(span))?;
                    MapProjectionItem::Literal(literal::name(key), expr(value)?)
                }
            })
        })
        .collect::<Result<_>>()?;
    // `COUNT { }`: an empty subquery, not a projection of a variable.
    let subquery = [("COUNT", "a pattern or a query"), ("COLLECT", "a query")]
        .into_iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(&var.name));
    if let Some((keyword, what)) = subquery.filter(|_| items.is_empty() && !quoted) {
        return Err(Error::syntax(
            Detail::UnexpectedSyntax,
            format!("{keyword} {{ }} is empty: put {what} inside the braces"),
            span,
        ));
    }
    Ok(ExprKind::MapProjection { var, items })
}

/// `ns.name([DISTINCT] args)`
fn function_call(pair: Pair<'_>) -> Result<ExprKind> {
    let mut name = None;
    let mut distinct = false;
    let mut args = Vec::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::function_name => name = Some(literal::dotted_name(part)),
            Rule::DISTINCT => distinct = true,
            Rule::expr => args.push(expr(part)?),
            _ => {}
        }
    }
    let name = name.ok_or_else(|| internal(Span::default()))?;
    Ok(ExprKind::Function {
        name,
        distinct,
        args,
    })
}

/// Checks that pattern predicates (`(a)-->(b)` as an expression) appear only
/// where a truth value is wanted: a `WHERE` (of a clause, a comprehension or
/// a quantifier), the operands of `NOT`, `AND`, `OR`, `XOR` (in any clause:
/// `RETURN NOT (a)-->(b)`), a generic `CASE WHEN` condition, and
/// `exists(...)`. Elsewhere (`RETURN (a)-->()`, `size((a)-->())`) openCypher
/// rejects them as `UnexpectedSyntax` (TCK Pattern1 [22]–[24]).
pub(super) fn check_predicates(root: &Expr, predicate: bool) -> Result<()> {
    let mut stack = vec![(root, predicate)];
    while let Some((e, pred)) = stack.pop() {
        match &e.kind {
            ExprKind::PatternPredicate(_) if !pred => {
                return Err(Error::syntax(
                    Detail::UnexpectedSyntax,
                    "a pattern can only be used as a predicate (in WHERE, with NOT, AND, OR, \
                     XOR, or in exists()); use a pattern comprehension [(a)-->(b) | b] for a list",
                    e.span,
                ));
            }
            ExprKind::Unary(UnaryOp::Not, x) => stack.push((x, true)),
            ExprKind::Binary(BinaryOp::And | BinaryOp::Or | BinaryOp::Xor, a, b) => {
                stack.push((a, true));
                stack.push((b, true));
            }
            ExprKind::Chain(first, rest)
                if matches!(
                    rest.first(),
                    Some((BinaryOp::And | BinaryOp::Or | BinaryOp::Xor, _))
                ) =>
            {
                stack.push((first, true));
                rest.iter().for_each(|(_, x)| stack.push((x, true)));
            }
            ExprKind::Case {
                operand,
                whens,
                else_,
            } => {
                // Only the generic form's conditions are truth values; the
                // simple form compares its operand with them.
                let generic = operand.is_none();
                operand.iter().for_each(|o| stack.push((o, false)));
                for (when, then) in whens {
                    stack.push((when, generic));
                    stack.push((then, false));
                }
                else_.iter().for_each(|x| stack.push((x, false)));
            }
            ExprKind::Function { name, args, .. } if name.name.eq_ignore_ascii_case("exists") => {
                args.iter().for_each(|a| stack.push((a, true)));
            }
            ExprKind::ListComprehension {
                list, filter, map, ..
            } => {
                stack.push((list, false));
                filter.iter().for_each(|f| stack.push((f, true)));
                map.iter().for_each(|m| stack.push((m, false)));
            }
            ExprKind::Quantifier {
                list, predicate, ..
            } => {
                stack.push((list, false));
                predicate.iter().for_each(|p| stack.push((p, true)));
            }
            ExprKind::PatternComprehension { filter, map, .. } => {
                filter.iter().for_each(|f| stack.push((f, true)));
                stack.push((map, false));
            }
            _ => for_each_child(e, &mut |child| stack.push((child, false))),
        }
    }
    Ok(())
}
