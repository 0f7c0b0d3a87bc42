//! Expressions as Cypher, with the fewest parentheses precedence needs.

use super::*;

/// Binding strength, as in `expr.rs`'s Pratt table (higher binds tighter).
mod prec {
    pub(crate) const OR: u8 = 1;
    pub(crate) const XOR: u8 = 2;
    pub(crate) const AND: u8 = 3;
    pub(crate) const NOT: u8 = 4;
    pub(crate) const COMPARISON: u8 = 5;
    /// `IN`, `STARTS WITH`, `ENDS WITH`, `CONTAINS`, `=~`, `IS [NOT] NULL`.
    pub(crate) const PREDICATE: u8 = 6;
    pub(crate) const ADD: u8 = 7;
    pub(crate) const MUL: u8 = 8;
    pub(crate) const POW: u8 = 9;
    /// Unary `-` and `+`.
    pub(crate) const SIGN: u8 = 10;
    /// `.key`, `[i]`, `[a..b]`, `:Label`.
    pub(crate) const POSTFIX: u8 = 11;
    pub(crate) const ATOM: u8 = 12;
}

fn binary_prec(op: BinaryOp) -> u8 {
    match op {
        BinaryOp::Or => prec::OR,
        BinaryOp::Xor => prec::XOR,
        BinaryOp::And => prec::AND,
        BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
            prec::COMPARISON
        }
        BinaryOp::In
        | BinaryOp::StartsWith
        | BinaryOp::EndsWith
        | BinaryOp::Contains
        | BinaryOp::Regex => prec::PREDICATE,
        BinaryOp::Add | BinaryOp::Sub => prec::ADD,
        BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod => prec::MUL,
        BinaryOp::Pow => prec::POW,
    }
}

/// How tightly an expression binds when printed without parentheses.
fn precedence(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::Binary(op, ..) => binary_prec(*op),
        ExprKind::Chain(_, rest) => rest.first().map_or(prec::ATOM, |(op, _)| binary_prec(*op)),
        ExprKind::Unary(UnaryOp::Not, _) => prec::NOT,
        ExprKind::IsNull(..) => prec::PREDICATE,
        ExprKind::Unary(UnaryOp::Neg | UnaryOp::Pos, _) => prec::SIGN,
        ExprKind::Property(..)
        | ExprKind::Index(..)
        | ExprKind::Slice(..)
        | ExprKind::HasLabels(..) => prec::POSTFIX,
        _ => prec::ATOM,
    }
}

fn is_number(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Literal(Value::Int(_) | Value::Float(_)))
}

/// Writes `e`, in parentheses when it binds less tightly than `min`.
fn operand(f: &mut Formatter<'_>, e: &Expr, min: u8) -> fmt::Result {
    if precedence(e) < min {
        write!(f, "({e})")
    } else {
        write!(f, "{e}")
    }
}

/// The target of a postfix operator: numbers in parentheses (`(1).x`,
/// not `1.x`), and labels on labels too (`(n:A):B` is not `n:A:B`).
fn postfix_target(f: &mut Formatter<'_>, e: &Expr) -> fmt::Result {
    if is_number(e) || matches!(e.kind, ExprKind::HasLabels(..)) {
        write!(f, "({e})")
    } else {
        operand(f, e, prec::POSTFIX)
    }
}

/// The first item of a list or call, which must not read as the start of a
/// comprehension (`[x IN l]`), quantifier (`any(x IN l)`) or `reduce(a = 0, ...)`.
fn first_item(f: &mut Formatter<'_>, e: &Expr) -> fmt::Result {
    match &e.kind {
        ExprKind::Binary(BinaryOp::In | BinaryOp::Eq, ..) => write!(f, "({e})"),
        ExprKind::Chain(_, rest) if matches!(rest.first(), Some((BinaryOp::In, _))) => {
            write!(f, "({e})")
        }
        _ => write!(f, "{e}"),
    }
}

/// `first op x op y ...` at precedence `p`, as `Binary` prints each
/// operator, in a loop: a long chain recurses no deeper than one operator.
fn write_chain(
    f: &mut Formatter<'_>,
    p: u8,
    first: &Expr,
    rest: &[(BinaryOp, Expr)],
) -> fmt::Result {
    operand(f, first, if p == prec::PREDICATE { p + 1 } else { p })?;
    for (op, x) in rest {
        write!(f, " {} ", op.symbol())?;
        operand(f, x, p + 1)?;
    }
    Ok(())
}

/// A list of expressions (list literal items, call arguments).
fn items(f: &mut Formatter<'_>, exprs: &[Expr]) -> fmt::Result {
    for (i, e) in exprs.iter().enumerate() {
        if i == 0 {
            first_item(f, e)?;
        } else {
            write!(f, ", {e}")?;
        }
    }
    Ok(())
}

impl Display for Expr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ExprKind::Literal(v) => write!(f, "{v}"),
            ExprKind::List(list) => {
                f.write_str("[")?;
                items(f, list)?;
                f.write_str("]")
            }
            ExprKind::Map(entries) => write_map(f, entries),
            ExprKind::Parameter(name) => Param(name).fmt(f),
            ExprKind::Variable(name) => Var(name).fmt(f),
            ExprKind::Property(target, _)
            | ExprKind::Index(target, _)
            | ExprKind::Slice(target, ..)
            | ExprKind::HasLabels(target, _) => {
                postfix_target(f, target)?;
                write_postfix(f, &self.kind)
            }
            ExprKind::Unary(op, x) => write_unary(f, *op, x),
            ExprKind::Binary(op, lhs, rhs) => write_binary(f, *op, lhs, rhs),
            ExprKind::Chain(first, rest) => write_chain(f, precedence(self), first, rest),
            ExprKind::IsNull(x, not) => {
                operand(f, x, prec::PREDICATE + 1)?;
                f.write_str(if *not { " IS NOT NULL" } else { " IS NULL" })
            }
            ExprKind::Function {
                name,
                distinct,
                args,
            } => {
                write!(f, "{}(", Dotted(&name.name))?;
                if *distinct {
                    f.write_str("DISTINCT ")?;
                }
                items(f, args)?;
                f.write_str(")")
            }
            ExprKind::CountStar => f.write_str("count(*)"),
            ExprKind::Case {
                operand,
                whens,
                else_,
            } => write_case(f, operand.as_deref(), whens, else_.as_deref()),
            ExprKind::ListComprehension {
                var,
                list,
                filter,
                map,
            } => {
                write!(f, "[{} IN {list}", Var(&var.name))?;
                optional(f, " WHERE ", filter.as_deref())?;
                optional(f, " | ", map.as_deref())?;
                f.write_str("]")
            }
            ExprKind::Quantifier {
                kind,
                var,
                list,
                predicate,
            } => {
                write!(f, "{}({} IN {list}", kind.name(), Var(&var.name))?;
                optional(f, " WHERE ", predicate.as_deref())?;
                f.write_str(")")
            }
            ExprKind::Reduce {
                acc,
                init,
                var,
                list,
                expr,
            } => write!(
                f,
                "reduce({} = {init}, {} IN {list} | {expr})",
                Var(&acc.name),
                Var(&var.name)
            ),
            ExprKind::PatternComprehension {
                var,
                pattern,
                filter,
                map,
            } => {
                f.write_str("[")?;
                if let Some(var) = var {
                    write!(f, "{} = ", Var(&var.name))?;
                }
                write!(f, "{pattern}")?;
                optional(f, " WHERE ", filter.as_deref())?;
                write!(f, " | {map}]")
            }
            ExprKind::PatternPredicate(pattern) => write!(f, "{pattern}"),
            ExprKind::Exists(sub) => write_subquery(f, "EXISTS", sub),
            ExprKind::CountSubquery(sub) => write_subquery(f, "COUNT", sub),
            ExprKind::CollectSubquery(q) => write!(f, "COLLECT {{ {q} }}"),
            ExprKind::MapProjection { var, items } => write_map_projection(f, var, items),
        }
    }
}

/// ` WHERE x`, ` ELSE x`, ...: `prefix` and `x`, when there is an `x`.
fn optional(f: &mut Formatter<'_>, prefix: &str, x: Option<&Expr>) -> fmt::Result {
    match x {
        Some(x) => write!(f, "{prefix}{x}"),
        None => Ok(()),
    }
}

/// What follows the target of a postfix operator: `.key`, `[i]`,
/// `[a..b]`, `:Label`.
fn write_postfix(f: &mut Formatter<'_>, kind: &ExprKind) -> fmt::Result {
    match kind {
        ExprKind::Property(_, key) => write!(f, ".{}", Key(&key.name)),
        ExprKind::Index(_, index) => write!(f, "[{index}]"),
        ExprKind::Slice(_, from, to) => {
            f.write_str("[")?;
            if let Some(from) = from {
                write!(f, "{from}")?;
            }
            f.write_str("..")?;
            if let Some(to) = to {
                write!(f, "{to}")?;
            }
            f.write_str("]")
        }
        ExprKind::HasLabels(_, labels) => write_labels(f, labels.iter().map(|l| l.name.as_str())),
        _ => Ok(()),
    }
}

/// `NOT x`, `-x`, `+x`.
fn write_unary(f: &mut Formatter<'_>, op: UnaryOp, x: &Expr) -> fmt::Result {
    if op == UnaryOp::Not {
        f.write_str("NOT ")?;
        return operand(f, x, prec::NOT);
    }
    f.write_str(if op == UnaryOp::Neg { "-" } else { "+" })?;
    // `-(1)` is a negation, `-1` a literal; `-(-x)` avoids `--`.
    let signed = matches!(x.kind, ExprKind::Unary(UnaryOp::Neg | UnaryOp::Pos, _));
    if is_number(x) || signed {
        write!(f, "({x})")
    } else {
        operand(f, x, prec::SIGN)
    }
}

/// `lhs op rhs`.
fn write_binary(f: &mut Formatter<'_>, op: BinaryOp, lhs: &Expr, rhs: &Expr) -> fmt::Result {
    let p = binary_prec(op);
    // Left-associative, except that comparisons chain
    // (`a < b < c` means `a < b AND b < c`) and the predicate
    // level mixes infix and postfix operators: parenthesise an
    // equal-precedence left operand there.
    let chains = p == prec::COMPARISON || p == prec::PREDICATE;
    operand(f, lhs, if chains { p + 1 } else { p })?;
    write!(f, " {} ", op.symbol())?;
    operand(f, rhs, p + 1)
}

/// `CASE [operand] WHEN a THEN b ... [ELSE c] END`
fn write_case(
    f: &mut Formatter<'_>,
    operand: Option<&Expr>,
    whens: &[(Expr, Expr)],
    else_: Option<&Expr>,
) -> fmt::Result {
    f.write_str("CASE")?;
    optional(f, " ", operand)?;
    for (when, then) in whens {
        write!(f, " WHEN {when} THEN {then}")?;
    }
    optional(f, " ELSE ", else_)?;
    f.write_str(" END")
}

/// `EXISTS { query }` or `EXISTS { pattern, ... [WHERE x] }` (or `COUNT`).
fn write_subquery(f: &mut Formatter<'_>, keyword: &str, sub: &ExistsSubquery) -> fmt::Result {
    match sub {
        ExistsSubquery::Query(q) => write!(f, "{keyword} {{ {q} }}"),
        ExistsSubquery::Pattern(parts, where_) => {
            write!(f, "{keyword} {{ ")?;
            comma(f, parts, |f, p| p.fmt(f))?;
            optional(f, " WHERE ", where_.as_ref())?;
            f.write_str(" }")
        }
    }
}

/// `var {.key, key: value, var2, .*}`
fn write_map_projection(
    f: &mut Formatter<'_>,
    var: &crate::parse::ast::Name,
    items: &[MapProjectionItem],
) -> fmt::Result {
    // `count {}` would read as an empty `COUNT { }` subquery.
    let keyword = ["count", "collect"]
        .iter()
        .any(|k| k.eq_ignore_ascii_case(&var.name));
    if keyword && items.is_empty() {
        super::backticked(f, &var.name)?;
        f.write_str(" {")?;
    } else {
        write!(f, "{} {{", Var(&var.name))?;
    }
    comma(f, items, |f, item| match item {
        MapProjectionItem::Property(key) => write!(f, ".{}", Key(&key.name)),
        MapProjectionItem::Literal(key, value) => write!(f, "{}: {value}", Key(&key.name)),
        MapProjectionItem::Variable(var) => Var(&var.name).fmt(f),
        MapProjectionItem::AllProperties => f.write_str(".*"),
    })?;
    f.write_str("}")
}

/// `{k: v, ...}`
fn write_map(f: &mut Formatter<'_>, entries: &[(crate::parse::ast::Name, Expr)]) -> fmt::Result {
    f.write_str("{")?;
    comma(f, entries, |f, (key, value)| {
        write!(f, "{}: {value}", Key(&key.name))
    })?;
    f.write_str("}")
}
