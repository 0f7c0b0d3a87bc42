//! Expressions as Cypher, with the fewest parentheses precedence needs.

use super::*;

/// Binding strength, as in `expr.rs`'s Pratt table (higher binds tighter).
mod prec {
    pub const OR: u8 = 1;
    pub const XOR: u8 = 2;
    pub const AND: u8 = 3;
    pub const NOT: u8 = 4;
    pub const COMPARISON: u8 = 5;
    /// `IN`, `STARTS WITH`, `ENDS WITH`, `CONTAINS`, `=~`, `IS [NOT] NULL`.
    pub const PREDICATE: u8 = 6;
    pub const ADD: u8 = 7;
    pub const MUL: u8 = 8;
    pub const POW: u8 = 9;
    /// Unary `-` and `+`.
    pub const SIGN: u8 = 10;
    /// `.key`, `[i]`, `[a..b]`, `:Label`.
    pub const POSTFIX: u8 = 11;
    pub const ATOM: u8 = 12;
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
            ExprKind::Property(target, key) => {
                postfix_target(f, target)?;
                write!(f, ".{}", Key(&key.name))
            }
            ExprKind::Index(target, index) => {
                postfix_target(f, target)?;
                write!(f, "[{index}]")
            }
            ExprKind::Slice(target, from, to) => {
                postfix_target(f, target)?;
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
            ExprKind::HasLabels(target, labels) => {
                postfix_target(f, target)?;
                write_labels(f, labels.iter().map(|l| l.name.as_str()))
            }
            ExprKind::Unary(UnaryOp::Not, x) => {
                f.write_str("NOT ")?;
                operand(f, x, prec::NOT)
            }
            ExprKind::Unary(op, x) => {
                f.write_str(if *op == UnaryOp::Neg { "-" } else { "+" })?;
                // `-(1)` is a negation, `-1` a literal; `-(-x)` avoids `--`.
                let signed = matches!(x.kind, ExprKind::Unary(UnaryOp::Neg | UnaryOp::Pos, _));
                if is_number(x) || signed {
                    write!(f, "({x})")
                } else {
                    operand(f, x, prec::SIGN)
                }
            }
            ExprKind::Binary(op, lhs, rhs) => {
                let p = binary_prec(*op);
                // Left-associative, except that comparisons chain
                // (`a < b < c` means `a < b AND b < c`) and the predicate
                // level mixes infix and postfix operators: parenthesise an
                // equal-precedence left operand there.
                let chains = p == prec::COMPARISON || p == prec::PREDICATE;
                operand(f, lhs, if chains { p + 1 } else { p })?;
                write!(f, " {} ", op.symbol())?;
                operand(f, rhs, p + 1)
            }
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
            } => {
                f.write_str("CASE")?;
                if let Some(x) = operand {
                    write!(f, " {x}")?;
                }
                for (when, then) in whens {
                    write!(f, " WHEN {when} THEN {then}")?;
                }
                if let Some(x) = else_ {
                    write!(f, " ELSE {x}")?;
                }
                f.write_str(" END")
            }
            ExprKind::ListComprehension {
                var,
                list,
                filter,
                map,
            } => {
                write!(f, "[{} IN {list}", Var(&var.name))?;
                if let Some(x) = filter {
                    write!(f, " WHERE {x}")?;
                }
                if let Some(x) = map {
                    write!(f, " | {x}")?;
                }
                f.write_str("]")
            }
            ExprKind::Quantifier {
                kind,
                var,
                list,
                predicate,
            } => {
                let word = match kind {
                    Quantifier::All => "all",
                    Quantifier::Any => "any",
                    Quantifier::None => "none",
                    Quantifier::Single => "single",
                };
                write!(f, "{word}({} IN {list}", Var(&var.name))?;
                if let Some(x) = predicate {
                    write!(f, " WHERE {x}")?;
                }
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
                if let Some(x) = filter {
                    write!(f, " WHERE {x}")?;
                }
                write!(f, " | {map}]")
            }
            ExprKind::PatternPredicate(pattern) => write!(f, "{pattern}"),
            ExprKind::Exists(sub) => match sub.as_ref() {
                ExistsSubquery::Query(q) => write!(f, "EXISTS {{ {q} }}"),
                ExistsSubquery::Pattern(parts, where_) => {
                    f.write_str("EXISTS { ")?;
                    comma(f, parts, |f, p| p.fmt(f))?;
                    if let Some(w) = where_ {
                        write!(f, " WHERE {w}")?;
                    }
                    f.write_str(" }")
                }
            },
            ExprKind::MapProjection { var, items } => {
                write!(f, "{} {{", Var(&var.name))?;
                comma(f, items, |f, item| match item {
                    MapProjectionItem::Property(key) => write!(f, ".{}", Key(&key.name)),
                    MapProjectionItem::Literal(key, value) => {
                        write!(f, "{}: {value}", Key(&key.name))
                    }
                    MapProjectionItem::Variable(var) => Var(&var.name).fmt(f),
                    MapProjectionItem::AllProperties => f.write_str(".*"),
                })?;
                f.write_str("}")
            }
        }
    }
}

/// `{k: v, ...}`
fn write_map(f: &mut Formatter<'_>, entries: &[(crate::parse::ast::Name, Expr)]) -> fmt::Result {
    f.write_str("{")?;
    comma(f, entries, |f, (key, value)| {
        write!(f, "{}: {value}", Key(&key.name))
    })?;
    f.write_str("}")
}
