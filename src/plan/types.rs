//! What the planner knows of an expression's type before running it, so
//! that `NOT 0`, `1 IN 'x'` or `length(node)` fail at compile time with
//! `InvalidArgumentType`, as the TCK asks. Anything unsure is `Any`.

use super::scope::{Scope, VarKind};
use crate::error::Detail;
use crate::error::{Error, ErrorKind, Result};
use crate::parse::ast::{self, BinaryOp, ExprKind, UnaryOp};
use crate::value::Value;

/// A static type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Type {
    /// Not known until runtime.
    Any,
    /// `null`
    Null,
    /// A boolean.
    Bool,
    /// An integer.
    Int,
    /// A float.
    Float,
    /// A string.
    String,
    /// A list.
    List,
    /// A map.
    Map,
    /// A node.
    Node,
    /// A relationship.
    Rel,
    /// A path.
    Path,
}

impl Type {
    fn name(self) -> &'static str {
        match self {
            Type::Any => "Any",
            Type::Null => "Null",
            Type::Bool => "Boolean",
            Type::Int => "Integer",
            Type::Float => "Float",
            Type::String => "String",
            Type::List => "List",
            Type::Map => "Map",
            Type::Node => "Node",
            Type::Rel => "Relationship",
            Type::Path => "Path",
        }
    }

    /// Whether a value of this type may be one of `allowed` (null and Any always may).
    fn may_be(self, allowed: &[Type]) -> bool {
        matches!(self, Type::Any | Type::Null) || allowed.contains(&self)
    }
}

fn of_value(v: &Value) -> Type {
    match v {
        Value::Null => Type::Null,
        Value::Bool(_) => Type::Bool,
        Value::Int(_) => Type::Int,
        Value::Float(_) => Type::Float,
        Value::String(_) => Type::String,
        Value::List(_) => Type::List,
        Value::Map(_) => Type::Map,
        Value::Node(_) => Type::Node,
        Value::Relationship(_) => Type::Rel,
        Value::Path(_) => Type::Path,
        // Never written as a literal: built by functions.
        Value::Date(_)
        | Value::LocalTime(_)
        | Value::Time(_)
        | Value::LocalDateTime(_)
        | Value::DateTime(_)
        | Value::Duration(_) => Type::Any,
    }
}

/// The static type of an expression.
pub(crate) fn infer(e: &ast::Expr, scope: &Scope) -> Type {
    match &e.kind {
        ExprKind::Literal(v) => of_value(v),
        ExprKind::List(_)
        | ExprKind::ListComprehension { .. }
        | ExprKind::PatternComprehension { .. }
        | ExprKind::CollectSubquery(_) => Type::List,
        ExprKind::CountSubquery(_) => Type::Int,
        ExprKind::Map(_) | ExprKind::MapProjection { .. } => Type::Map,
        ExprKind::Variable(name) if scope.get(name).and_then(|v| v.ty).is_some() => {
            scope.get(name).and_then(|v| v.ty).unwrap_or(Type::Any)
        }
        ExprKind::Variable(name) => match scope.get(name).map(|v| v.kind) {
            Some(VarKind::Node) => Type::Node,
            Some(VarKind::Rel) => Type::Rel,
            Some(VarKind::RelList | VarKind::List) => Type::List,
            Some(VarKind::Scalar) => Type::Any,
            Some(VarKind::Path) => Type::Path,
            _ => Type::Any,
        },
        ExprKind::Unary(UnaryOp::Not, _)
        | ExprKind::IsNull(..)
        | ExprKind::HasLabels(..)
        | ExprKind::Quantifier { .. }
        | ExprKind::PatternPredicate(_)
        | ExprKind::Exists(_) => Type::Bool,
        ExprKind::Binary(op, _, _) if !op.is_arithmetic() => Type::Bool,
        ExprKind::Binary(..) => Type::Any,
        ExprKind::Chain(_, rest) => match rest.last() {
            Some((op, _)) if !op.is_arithmetic() => Type::Bool,
            _ => Type::Any,
        },
        ExprKind::Function { name, .. } => match name.name.to_ascii_lowercase().as_str() {
            "size" | "length" | "id" | "count" => Type::Int,
            "tostring" | "type" | "tolower" | "toupper" | "trim" | "substring" | "replace" => {
                Type::String
            }
            "labels" | "keys" | "nodes" | "relationships" | "collect" | "range" | "split"
            | "tail" => Type::List,
            "properties" => Type::Map,
            "startnode" | "endnode" => Type::Node,
            _ => Type::Any,
        },
        _ => Type::Any,
    }
}

fn invalid(e: &ast::Expr, what: &str, t: Type) -> Error {
    Error::compile(
        ErrorKind::SyntaxError,
        Detail::InvalidArgumentType,
        format!("{what} cannot take a {}", t.name()),
        Some(e.span),
    )
}

/// Checks that `e` may be a boolean (a predicate or a logical operand).
pub(crate) fn expect_boolean(e: &ast::Expr, scope: &Scope, what: &str) -> Result<()> {
    let t = infer(e, scope);
    if t.may_be(&[Type::Bool]) {
        Ok(())
    } else {
        Err(invalid(e, what, t))
    }
}

/// Checks the operands of an operator whose types are known to clash.
pub(crate) fn check_expr(e: &ast::Expr, scope: &Scope) -> Result<()> {
    match &e.kind {
        ExprKind::Unary(UnaryOp::Not, a) => expect_boolean(a, scope, "NOT"),
        ExprKind::Unary(op @ (UnaryOp::Neg | UnaryOp::Pos), a) => {
            let t = infer(a, scope);
            let what = if *op == UnaryOp::Neg {
                "unary -"
            } else {
                "unary +"
            };
            if t.may_be(&[Type::Int, Type::Float]) {
                Ok(())
            } else {
                Err(invalid(a, what, t))
            }
        }
        ExprKind::Binary(op, a, b) => check_operands(*op, Some(a), b, scope),
        ExprKind::Chain(first, rest) => {
            let mut lhs = Some(&**first);
            for (op, x) in rest {
                check_operands(*op, lhs.take(), x, scope)?;
            }
            Ok(())
        }
        ExprKind::Property(base, _) => {
            let t = infer(base, scope);
            if t.may_be(&[Type::Map, Type::Node, Type::Rel]) {
                Ok(())
            } else {
                Err(invalid(base, "property access", t))
            }
        }
        ExprKind::Quantifier { list, .. } | ExprKind::ListComprehension { list, .. } => {
            let t = infer(list, scope);
            if t.may_be(&[Type::List]) {
                Ok(())
            } else {
                Err(invalid(list, "IN", t))
            }
        }
        ExprKind::Function { name, args, .. }
            if name.name.eq_ignore_ascii_case("exists")
                && args.len() == 1
                && !matches!(
                    args[0].kind,
                    ExprKind::Property(..) | ExprKind::PatternPredicate(_)
                ) =>
        {
            Err(Error::compile(
                ErrorKind::SyntaxError,
                Detail::InvalidArgumentType,
                "the argument of exists() must be a property or a pattern",
                Some(args[0].span),
            ))
        }
        ExprKind::Function { name, args, .. } => {
            let allowed: &[Type] = match name.name.to_ascii_lowercase().as_str() {
                "length" => &[Type::Path, Type::String, Type::List],
                "size" => &[Type::String, Type::List],
                "type" => &[Type::Rel],
                "properties" => &[Type::Node, Type::Rel, Type::Map],
                "labels" => &[Type::Node],
                "startnode" | "endnode" => &[Type::Rel],
                "nodes" | "relationships" => &[Type::Path],
                "keys" => &[Type::Node, Type::Rel, Type::Map],
                _ => return check_arguments(&name.name, args, scope),
            };
            match args.first() {
                Some(a) => {
                    let t = infer(a, scope);
                    if t.may_be(allowed) {
                        Ok(())
                    } else {
                        Err(invalid(a, &format!("{}()", name.name), t))
                    }
                }
                None => Ok(()),
            }
        }
        _ => Ok(()),
    }
}

/// Checks each argument of a function call against the types the function
/// takes ([`super::signature::parameters`]).
fn check_arguments(name: &str, args: &[ast::Expr], scope: &Scope) -> Result<()> {
    let Some(params) = super::signature::parameters(name) else {
        return Ok(());
    };
    for (a, allowed) in args.iter().zip(params) {
        let t = infer(a, scope);
        if !t.may_be(allowed) {
            let wanted = allowed.iter().map(|t| t.name()).collect::<Vec<_>>();
            return Err(Error::compile(
                ErrorKind::SyntaxError,
                Detail::InvalidArgumentType,
                format!("{name}() expects {}, got {}", wanted.join(" or "), t.name()),
                Some(a.span),
            ));
        }
    }
    Ok(())
}

/// Checks the operands of `a op b` whose types are known to clash; `a` is
/// `None` for the value so far of a chain (`a + b` in `a + b + c`).
fn check_operands(op: BinaryOp, a: Option<&ast::Expr>, b: &ast::Expr, scope: &Scope) -> Result<()> {
    match op {
        BinaryOp::Add => {
            let ta = a.map_or(Type::Any, |a| infer(a, scope));
            let tb = infer(b, scope);
            let list_or_unknown = |t: Type| t.may_be(&[Type::List]);
            if list_or_unknown(ta) || list_or_unknown(tb) {
                return Ok(());
            }
            let number_or_string = |t: Type| matches!(t, Type::Int | Type::Float | Type::String);
            for (x, t) in a.map(|a| (a, ta)).into_iter().chain([(b, tb)]) {
                if !number_or_string(t) {
                    return Err(invalid(x, "+", t));
                }
            }
            Ok(())
        }
        BinaryOp::And | BinaryOp::Or | BinaryOp::Xor => {
            if let Some(a) = a {
                expect_boolean(a, scope, op.symbol())?;
            }
            expect_boolean(b, scope, op.symbol())
        }
        BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod | BinaryOp::Pow => {
            for x in a.into_iter().chain([b]) {
                let t = infer(x, scope);
                if !t.may_be(&[Type::Int, Type::Float]) {
                    return Err(invalid(x, op.symbol(), t));
                }
            }
            Ok(())
        }
        BinaryOp::In => {
            let t = infer(b, scope);
            if t.may_be(&[Type::List]) {
                Ok(())
            } else {
                Err(invalid(b, "IN", t))
            }
        }
        _ => Ok(()),
    }
}

/// The variable kind a projected expression gives its alias.
pub(crate) fn kind_of(e: &ast::Expr, scope: &Scope) -> VarKind {
    if let ExprKind::Variable(v) = &e.kind {
        return scope.get(v).map_or(VarKind::Value, |v| v.kind);
    }
    match infer(e, scope) {
        Type::Node => VarKind::Node,
        Type::Rel => VarKind::Rel,
        Type::Path => VarKind::Path,
        Type::Any | Type::Null => VarKind::Value,
        Type::List => VarKind::List,
        _ => VarKind::Scalar,
    }
}

/// The type of every element of a list, when the list is a literal whose
/// non-null elements all have one known type.
pub(crate) fn element_type(list: &ast::Expr, scope: &Scope) -> Option<Type> {
    let ExprKind::List(items) = &list.kind else {
        return match &list.kind {
            ExprKind::Literal(Value::List(values)) => {
                let mut types = values.iter().filter(|v| !v.is_null()).map(of_value);
                let first = types.next()?;
                types.all(|t| t == first).then_some(first)
            }
            _ => None,
        };
    };
    let mut types = items
        .iter()
        .map(|i| infer(i, scope))
        .filter(|t| *t != Type::Null);
    let first = types.next()?;
    (first != Type::Any && types.all(|t| t == first)).then_some(first)
}

/// Whether an argument may be passed where a procedure expects `ty`.
pub(crate) fn may_pass(e: &ast::Expr, scope: &Scope, ty: super::catalog::ProcType) -> bool {
    use super::catalog::ProcType as P;
    let allowed: &[Type] = match ty {
        P::Any => return true,
        P::String => &[Type::String],
        P::Integer => &[Type::Int],
        P::Float | P::Number => &[Type::Int, Type::Float],
        P::Boolean => &[Type::Bool],
        P::Map => &[Type::Map, Type::Node, Type::Rel],
        P::List => &[Type::List],
        P::Node => &[Type::Node],
        P::Relationship => &[Type::Rel],
        P::Path => &[Type::Path],
    };
    infer(e, scope).may_be(allowed)
}
